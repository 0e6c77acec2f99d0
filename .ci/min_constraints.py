"""Print a pip constraints file pinning every dependency of pyproject.toml (and its `test`
extra) to its declared minimum: `name>=X` becomes `name==X`. Used by .ci/min-versions."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml").read_text())[
    "project"
]
for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+?)\s*>=\s*([^,;\s]+)", requirement)
    if match:
        name = re.sub(r"\[.*\]", "", match.group(1))
        print(f"{name}=={match.group(2)}")
