"""`peerwatch` as a subprocess, and configs whose crawl is a small stub script: for the tests
of cycles, locks and the scheduler, where the crawl must be real but need not crawl."""

from __future__ import annotations

import sys
from pathlib import Path


def peerwatch_argv(db_path: Path, *args: str, config: Path | None = None) -> list[str]:
    """`python -m monitor.cli --db DB [--config FILE] ARGS...` as one argument list."""
    options = ["--config", str(config)] if config else []
    return [sys.executable, "-m", "monitor.cli", "--db", str(db_path), *options, *args]


def stub_crawl_config(
    directory: Path,
    stub: str,
    *stub_args: object,
    crawl_timeout_s: int | None = None,
    digest: Path | None = None,
) -> Path:
    """Write `stub` as `stub_crawl.py` and a `peerwatch.toml` whose crawl command runs it with
    `stub_args` (`"{db}"` is the database); `digest` is where the file channel writes."""
    script = directory / "stub_crawl.py"
    script.write_text(stub)
    command = ", ".join(f'"{arg}"' for arg in ("{python}", script, *stub_args))
    lines = ["[schedule]", f"crawl_command = [{command}]"]
    if crawl_timeout_s is not None:
        lines.append(f"crawl_timeout_s = {crawl_timeout_s}")
    if digest is not None:
        lines += ["[file]", f'path = "{digest}"']
    path = directory / "peerwatch.toml"
    path.write_text("\n".join(lines) + "\n")
    return path
