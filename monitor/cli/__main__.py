"""`python -m monitor.cli ...` is `peerwatch ...`."""

from monitor.cli import main

main()
