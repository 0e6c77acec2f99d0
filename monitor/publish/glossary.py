"""The glossary page's text: long explanations kept out of the table pages (glossary.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def sections() -> list[dict[str, Any]]:
    """[{title, intro, terms: [{term, meaning}]}], in the file's order."""
    text = resources.files("monitor.publish").joinpath("glossary.yaml").read_text("utf-8")
    return yaml.safe_load(text)["sections"]
