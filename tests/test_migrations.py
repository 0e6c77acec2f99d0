"""Migrations do today what they did when they shipped: none runs peerwatch code that may change
later. Work that needs today's code (views, the history fold, shipped data) runs in
`db.schema.migrate` after the last migration."""

from __future__ import annotations

import inspect
import re
import types

import pytest

from db import schema

MIGRATIONS = sorted(name for name in vars(schema) if re.fullmatch(r"m\d{3}_\w+", name))


def _peerwatch_names(fn) -> set[str]:
    """Names the function's code reads that are peerwatch modules or their functions."""
    found = set()
    for name in fn.__code__.co_names:
        obj = vars(schema).get(name)
        module = (
            obj.__name__ if isinstance(obj, types.ModuleType) else getattr(obj, "__module__", "")
        )
        if (
            module
            and module.split(".")[0] in {"db", "monitor", "scraper"}
            and module != schema.__name__
        ):
            found.add(name)
    return found


@pytest.mark.parametrize("name", MIGRATIONS)
def test_a_migration_runs_no_live_peerwatch_code(name):
    fn = vars(schema)[name]
    source = inspect.getsource(fn)
    assert not re.search(r"^\s*(from|import)\s", source, re.M), f"{name} imports code"
    assert not _peerwatch_names(fn), f"{name} calls live code: {_peerwatch_names(fn)}"
