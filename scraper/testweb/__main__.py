"""``python -m scraper.testweb serve [--port N] [--scenario S]``: run the fixture web by hand."""

from __future__ import annotations

import argparse
import contextlib
import threading

from . import SCENARIOS, TestWeb


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scraper.testweb")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the fixture web as an HTTP proxy until interrupted")
    serve.add_argument(
        "--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)"
    )
    serve.add_argument("--scenario", choices=SCENARIOS, default="first")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    args = parser.parse_args(argv)

    with TestWeb(port=args.port, scenario=args.scenario, latency=args.latency) as web:
        print(f"proxy: {web.proxy_url}")
        print(f"LGA index: {web.lga_index_url}")
        print(f"try: curl -x {web.proxy_url} {web.lga_index_url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
