"""`peerwatch demo`."""

from __future__ import annotations

import click

from monitor.demo import run_demo


@click.command()
@click.option(
    "--dir",
    "directory",
    default="peerwatch-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where to leave the demo's database, config, digest and Atom feed (recreated).",
)
def demo(directory: str) -> None:
    """Run peerwatch end to end offline, against the bundled fixture web on loopback.

    Two crawls with a change to the web in between, the digest of what changed, an Atom
    feed, and a database that `peerwatch --db DIR/peerwatch.db serve` opens. Needs no
    internet and leaves your own database (--db) alone.
    """
    run_demo(directory, echo=click.echo)
