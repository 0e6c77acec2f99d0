"""peerwatch uses only public Scrapy and Twisted names, so an upgrade cannot break it silently.

Checked on the source (AST), not by grep alone: imports of private modules or names, attributes
with a leading underscore reached through Scrapy/Twisted objects (crawler, engine, settings,
signals, downloader, slots), and `self._x` in subclasses of Scrapy/Twisted classes where `_x` is
inherited rather than defined by peerwatch. Also the obsolete settings and meta keys.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    p for package in ("scraper", "monitor", "db") for p in (ROOT / package).rglob("*.py")
)
FOREIGN = ("scrapy", "twisted")
#: Attributes through which code reaches Scrapy's own objects.
SCRAPY_OBJECTS = {"crawler", "engine", "downloader", "scraper", "slot", "signals", "settings",
                  "stats", "spidermw", "scheduler"}  # fmt: skip


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _is_foreign(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in FOREIGN


def _chain(node: ast.AST) -> list[str]:
    names = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        names.append(node.id)
    return names[::-1]


def private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    foreign_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and _is_foreign(node.module):
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"from {node.module} import ...")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"from {node.module} import {alias.name}")
                foreign_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_foreign(alias.name):
                    if any(_private(part) for part in alias.name.split(".")):
                        found.append(f"import {alias.name}")
                    foreign_names.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            chain = _chain(node)
            if chain and (chain[0] in foreign_names or SCRAPY_OBJECTS & set(chain[1:-1])):
                found.append(".".join(chain))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
            and SCRAPY_OBJECTS & set(_chain(node.args[0]))
        ):
            found.append(f"getattr(..., {node.args[1].value!r})")
        if isinstance(node, ast.ClassDef):
            bases = {b for base in node.bases for b in _chain(base)[:1]}
            if not bases & foreign_names:
                continue
            own = (
                {
                    n.name
                    for n in ast.walk(node)
                    if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                }
                | {
                    t.attr
                    for n in ast.walk(node)
                    if isinstance(n, ast.Assign | ast.AnnAssign)
                    for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                    if isinstance(t, ast.Attribute)
                }
                | {
                    t.id
                    for n in node.body
                    if isinstance(n, ast.Assign)
                    for t in n.targets
                    if isinstance(t, ast.Name)
                }
            )
            for n in ast.walk(node):
                if (
                    isinstance(n, ast.Attribute)
                    and isinstance(n.value, ast.Name)
                    and n.value.id in ("self", "cls")
                    and _private(n.attr)
                    and n.attr not in own
                ):
                    found.append(f"{node.name}: self.{n.attr} (inherited from Scrapy/Twisted)")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_scrapy_or_twisted_name_is_used(path):
    assert private_uses(path) == []


def test_no_obsolete_setting_or_private_meta_key_remains():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for word in ("REQUEST_FINGERPRINTER_IMPLEMENTATION", '"cached_response"', "fcntl"):
            assert word not in text, f"{word} in {path.relative_to(ROOT)}"


def test_the_checker_catches_what_it_is_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from twisted.web._newclient import ResponseFailed\n"
        "from scrapy.downloadermiddlewares.retry import RetryMiddleware\n"
        "class M(RetryMiddleware):\n"
        "    def own(self):\n"
        "        return self._retry(1, 2)\n"
        "def poke(spider):\n"
        "    spider.crawler.engine._slot.nextcall.schedule()\n"
    )
    found = private_uses(bad)
    assert any("_newclient" in f for f in found)
    assert any("self._retry" in f for f in found)
    assert any("engine._slot" in f for f in found)
