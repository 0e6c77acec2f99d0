"""A plain-HTTP forward proxy that answers from fixture sites instead of the internet.

Clients send absolute-form requests (``GET http://www.bolton.gov.uk/ HTTP/1.1``); the server picks
the fixture site by host. Origin-form requests fall back to the Host header, so a client that
bypasses the proxy for 127.0.0.1 still lands here and is logged as forbidden.

``https://`` URLs of fixture hosts work too: ``CONNECT host:443`` opens a tunnel in which the
server speaks TLS itself, with a self-signed certificate made at start-up (crawlers do not verify
certificates by default; ``httpx`` needs ``verify=False``). Real council sites are https, and
one document is often linked both ways, so the fixture web must answer both.
"""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import logging
import socket
import ssl
import struct
import sys
import tempfile
import threading
import time
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .documents import oversized_chunks
from .model import NOT_FOUND, RequestRecord, Resource, Site, normalise_target

#: What a site answers while ``Site.throttle_first`` lasts.
THROTTLED = Resource(
    status=429,
    body=b"<html><body><h1>Too many requests</h1></body></html>",
    headers=(("Retry-After", "1"),),
    conditional=False,
)

log = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def non_public_host(host: str) -> bool:
    """IP literals, loopback names and private addresses: a crawler must never fetch these."""
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """A server TLS context with a throwaway self-signed certificate (any host name)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "peerwatch-testweb")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    folder = Path(tempfile.mkdtemp(prefix="testweb-tls-"))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A client that drops a kept-alive connection is normal; anything else is printed."""
        if isinstance(sys.exc_info()[1], ConnectionError | ssl.SSLError | TimeoutError):
            return
        super().handle_error(request, client_address)


class FixtureServer:
    def __init__(self, *, port: int = 0, latency: float = 0.0, slow_seconds: float = 30.0) -> None:
        self.latency = latency
        self.slow_seconds = slow_seconds
        self.stopping = threading.Event()
        self._sites: dict[str, Site] = {}
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._hits: dict[str, int] = {}
        self.httpd = _Server(("127.0.0.1", port), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.fixture = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def set_sites(self, sites: list[Site]) -> None:
        table = {}
        for site in sites:
            for host in (site.host, *site.aliases):
                table[host] = site
        self._sites = table  # one assignment: requests see the old or the new web, never a mix

    def site(self, host: str) -> Site | None:
        return self._sites.get(host)

    def throttled(self, site: Site) -> bool:
        """Count a request to ``site``; True while it is within ``site.throttle_first``."""
        if not site.throttle_first:
            return False
        with self._lock:
            seen = self._hits[site.host] = self._hits.get(site.host, 0) + 1
        return seen <= site.throttle_first

    def record(self, entry: RequestRecord) -> None:
        with self._lock:
            self._log.append(entry)

    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Forget the request log and the throttle counts (a fresh start for the next crawl)."""
        with self._lock:
            self._log.clear()
            self._hits.clear()

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="testweb", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping in latency / slow responses
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "peerwatch-testweb/1"

    @property
    def fixture(self) -> FixtureServer:
        return self.server.fixture  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_POST(self) -> None:
        self._refuse(405, "testweb serves GET and HEAD only")

    def do_CONNECT(self) -> None:
        host = self.path.rpartition(":")[0].strip("[]")
        if non_public_host(host) or self.fixture.site(host) is None:
            self._refuse(502, "testweb: no fixture site for that host")
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        try:
            tunnel = tls_context().wrap_socket(self.connection, server_side=True)
        except (ssl.SSLError, OSError):
            self.close_connection = True
            return
        _Handler(tunnel, self.client_address, self.server)  # serves the tunnel until it closes
        self.close_connection = True

    def _split(self) -> tuple[str, str]:
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            # Some clients send IPv6 literals unbracketed (http://::1/x): keep the netloc then.
            host = parts.hostname or parts.netloc.rsplit("@", 1)[-1]
            return host, (parts.path or "/") + ("?" + parts.query if parts.query else "")
        return (urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""), self.path

    def _refuse(self, status: int, message: str) -> None:
        host, target = self._split()
        resource = Resource(
            status=status, body=message.encode(), content_type="text/plain", conditional=False
        )
        forbidden = None
        if non_public_host(host):
            forbidden = "loopback"
        elif self.fixture.site(host) is None:
            forbidden = "offsite"
        self._send(
            resource, head=False, status=status, host=host, target=target, forbidden=forbidden
        )

    def _serve(self, head: bool) -> None:
        host, target = self._split()
        site = None if non_public_host(host) else self.fixture.site(host)
        if site is None:
            reason = "loopback" if non_public_host(host) else "offsite"
            log.warning(
                "testweb: request for non-fixture host %r (%s %s)", host, self.command, target
            )
            body = f"testweb: no fixture site for host {host!r}; the fixture web never reaches the internet.\n"
            resource = Resource(
                status=502,
                body=body.encode(),
                content_type="text/plain; charset=utf-8",
                conditional=False,
            )
            self._send(resource, head, 502, host, target, reason)
            return
        path = urlsplit(target).path or "/"
        resource = THROTTLED if self.fixture.throttled(site) else self._lookup(site, target, path)
        if self.fixture.latency:
            self.fixture.stopping.wait(self.fixture.latency)
        if resource.slow:
            self.fixture.stopping.wait(self.fixture.slow_seconds)
        status = resource.status
        if resource.conditional and status == 200 and self._not_modified(resource):
            status = 304
        self._send(resource, head, status, host, target, site.is_forbidden_path(path))

    @staticmethod
    def _lookup(site: Site, target: str, path: str) -> Resource:
        if site.override is not None and path not in site.override_except:
            return site.override
        found = site.resolve(normalise_target(target))
        if found is not None:
            return found
        handler = site.handlers.get(normalise_target(path))
        if handler is not None:
            return handler(parse_qs(urlsplit(target).query))
        return NOT_FOUND

    def _not_modified(self, resource: Resource) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or etag(resource.body) in tags
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                return resource.last_modified <= parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self,
        resource: Resource,
        head: bool,
        status: int,
        host: str,
        target: str,
        forbidden: str | None,
    ) -> None:
        """Answer and log. Logged before the headers leave, so a client never sees a response
        whose request is missing from the log; streamed bodies are logged with what was sent."""
        streamed = resource.stream_length is not None and not head and status != 304
        length = (
            resource.stream_length if resource.stream_length is not None else len(resource.body)
        )
        sent = 0
        try:
            self.send_response(status)
            self.send_header("Content-Type", resource.content_type)
            if resource.conditional:
                tag = (
                    etag(resource.body)
                    if resource.stream_length is None
                    else f'"oversized-{length}"'
                )
                self.send_header("ETag", tag)
                self.send_header(
                    "Last-Modified", format_datetime(resource.last_modified, usegmt=True)
                )
            for name, value in resource.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", "0" if status == 304 else str(length))
            if not streamed:
                body_length = 0 if head or status == 304 else length
                if body_length and resource.reset_after is not None:
                    body_length = min(body_length, resource.reset_after)
                self._record(host, target, status, body_length, forbidden)
            self.end_headers()
            if not streamed:
                if body_length:
                    self.wfile.write(resource.body[:body_length])
                if body_length < length and not head and status != 304:
                    self._reset()
                return
            for chunk in oversized_chunks(length):
                if self.fixture.stopping.is_set():
                    break
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True
        if streamed:
            self._record(host, target, status, sent, forbidden)

    def _reset(self) -> None:
        """Abort the connection with a TCP RST (linger 0) instead of an orderly close."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # Closed before socketserver's orderly shutdown(SHUT_WR) could send a FIN: the fd goes
        # when the handler's file objects close, and linger 0 makes that an RST.
        self.connection.close()
        self.close_connection = True

    def _record(
        self, host: str, target: str, status: int, sent: int, forbidden: str | None
    ) -> None:
        self.fixture.record(
            RequestRecord(
                time=time.time(),
                method=self.command,
                host=host,
                target=target,
                status=status,
                bytes_sent=sent,
                user_agent=self.headers.get("User-Agent"),
                if_none_match=self.headers.get("If-None-Match"),
                if_modified_since=self.headers.get("If-Modified-Since"),
                forbidden=forbidden,
            )
        )
