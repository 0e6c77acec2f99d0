"""Which hosts a crawl may touch: registrable domains, committee hosts, never private addresses."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# Offline: the public suffix list bundled with tldextract, never a download at crawl time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

LGA_DOMAIN = "local.gov.uk"
LGA_CANONICAL_HOST = "www.local.gov.uk"

#: Hosts and paths of committee systems (modern.gov, CMIS and similar) linked from council sites.
COMMITTEE_HOST = re.compile(
    r"^(?:democracy|moderngov|modgov|committees?|meetings|cmis|councillors|decisions|"
    r"democratic|mgov|egov|edemocracy|minutes)[.-]|\.moderngov\.co\.uk$",
    re.I,
)
COMMITTEE_PATH = re.compile(
    r"mgListCommittees|ieListMeetings|ieListDocuments|mgAi\.aspx|ieDecisionDetails|"
    r"mgDecisionDetails|mgCommitteeDetails|ieIssueDetails|ieDocHome|mgIssueHistoryHome|"
    r"ViewMeetingPublic|ViewCMIS_CommitteeDetails|/cmis\d*/",
    re.I,
)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """`www.bolton.gov.uk` -> `bolton.gov.uk`; an unknown suffix keeps the host itself."""
    parts = _EXTRACT(host.lower())
    return parts.top_domain_under_public_suffix or host.lower()


def within(host: str, domain: str) -> bool:
    host = host.lower()
    return host == domain or host.endswith("." + domain)


def private_address_reason(url: str) -> str | None:
    """Why this URL must never be fetched (an IP literal, loopback, link-local, private), or None."""
    host = host_of(url)
    if not host:
        return "no host"
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".local"):
        return "loopback name"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if re.fullmatch(r"[0-9.]+|0x[0-9a-f.x]+", host):
            return "numeric host"  # 2130706433, 0x7f.1: IPv4 spelt oddly
        return None
    return "IP literal" + (" (private)" if not address.is_global else "")


@lru_cache(maxsize=65536)
def is_committee_link(url: str) -> bool:
    return bool(COMMITTEE_HOST.search(host_of(url)) or COMMITTEE_PATH.search(url))


def is_lga_host(host: str) -> bool:
    return within(host, LGA_DOMAIN)


def canonical_lga_url(url: str) -> str:
    """Mirror hosts (lb2., www2., lgaconservatives., ...) serve the same pages: one URL each."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme or 'https'}://{LGA_CANONICAL_HOST}{path}{query}"


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """One key for the http/https and www./bare forms of a URL: they are one document.

    `https://www.x.gov.uk/a/` and `http://x.gov.uk/a` give the same key; the query is kept
    verbatim (CMS document handlers live in it), the fragment dropped.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/") or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"
