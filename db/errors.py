"""Errors a user can cause and fix: the CLI prints them as one line, without a traceback."""


class PeerwatchError(Exception):
    """A user-facing error: bad input, bad config, a missing database.

    `exit_code` is the process exit status the CLI uses for it (README, "Exit codes")."""

    exit_code = 1


class InputError(PeerwatchError):
    """Bad input file: names the row and column so the user can fix it."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None):
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = f"{', '.join(where)}: " if where else ""
        super().__init__(prefix + message)
        self.row = row
        self.column = column


class CrawlFailed(PeerwatchError):
    """The crawl of a monitoring cycle failed, timed out or was refused."""

    exit_code = 5


class DeliveryFailed(PeerwatchError):
    """A channel could not be sent to; its events stay pending for the next run."""

    exit_code = 6
