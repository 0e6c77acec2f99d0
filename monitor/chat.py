"""Digests for chat services: a short summary in messages that fit the service's limit.

A first digest lists hundreds of councils; sent whole, a chat service truncates or rejects it,
and a rejected digest stays pending and blocks every later one. So a chat channel gets the
news only (one line per event, no standing lists), cut on line boundaries into numbered
messages of at most `limit` characters, at most `max_parts` of them; the last one ends with a
link to the rest.
"""

from __future__ import annotations

from monitor.digest import Digest, md_escape, oneline

#: Room kept in each message for its "(i/n) " number.
_NUMBER_ROOM = 10


def _line(text: str, url: str, markdown: bool) -> str:
    if markdown:
        return f"- {md_escape(text)}" + (f" ([source](<{url}>))" if url else "")
    return f"- {oneline(text)}" + (f" {url}" if url else "")


def chat_lines(digest: Digest, *, markdown: bool) -> list[str]:
    """The digest's news, one line each: headline, then each section's events."""
    lines = [md_escape(digest.headline) if markdown else oneline(digest.headline)]
    for section in digest.sections:
        if section.items:
            lines.append(f"{section.heading} ({len(section.items)}):")
            lines += [_line(i.summary, i.url, markdown) for i in section.items]
    if digest.without_report:
        lines.append(f"Councils still without a report: {len(digest.without_report)}.")
    return lines


def _fit(line: str, room: int) -> str:
    return line if len(line) <= room else line[: room - 1] + "…"


def split_parts(lines: list[str], limit: int, max_parts: int, more: str) -> list[str]:
    """`lines` packed into at most `max_parts` numbered messages of at most `limit`
    characters; `more` (the link to the rest) ends the last one, with how much was left out."""
    room = limit - _NUMBER_ROOM
    parts: list[list[str]] = [[]]
    used = 0
    for line in lines:
        line = _fit(line, room)
        if parts[-1] and used + 1 + len(line) > room:
            parts.append([])
            used = 0
        parts[-1].append(line)
        used += len(line) + (1 if len(parts[-1]) > 1 else 0)
    left_out = 0
    if len(parts) > max_parts:
        left_out = sum(len(p) for p in parts[max_parts:])
        parts = parts[:max_parts]
    tail = _fit(f"… {left_out} more lines: {more}" if left_out else f"All of it: {more}", room)
    if len(parts) < max_parts and sum(len(x) + 1 for x in parts[-1]) + len(tail) > room:
        parts.append([])
    while parts[-1] and sum(len(x) + 1 for x in parts[-1]) + len(tail) > room:
        parts[-1].pop()
        left_out += 1
        tail = _fit(f"… {left_out} more lines: {more}", room)
    parts[-1].append(tail)
    total = len(parts)
    return [f"({n}/{total}) " + "\n".join(p) for n, p in enumerate(parts, 1)]
