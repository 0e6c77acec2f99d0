"""The file channel: the rendered digest written to a file, or to stdout with path "-"."""

from __future__ import annotations

import sys
from pathlib import Path

from monitor.channels import Message
from monitor.config import FileConfig


class FileChannel:
    name = "file"
    sends_empty = True

    def __init__(self, cfg: FileConfig):
        self.cfg = cfg

    def send(self, message: Message) -> None:
        text = message.render(self.cfg.format)
        if text is None:
            return
        if self.cfg.path == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        path = Path(self.cfg.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if self.cfg.append else "w", encoding="utf-8") as f:
            f.write(text)
