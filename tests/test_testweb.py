"""The fixture web: dispatch, HTTP semantics, faults, documents and the expected-verdict table."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from pathlib import Path

import docx
import httpx
import pypdf
import pytest

from scraper.testweb import SiteParams, SyntheticCouncil, TestWeb, build_site
from scraper.testweb.cms import Doc, PageSpec
from scraper.testweb.documents import docx_bytes, pdf_bytes
from scraper.testweb.model import DOC_KINDS, UNKNOWN_REASONS

REGISTER = Path(__file__).parents[1] / "db" / "data" / "councils.csv"
LGA_NEW = "http://www.local.gov.uk/our-support/council-assurance-and-peer-challenge/peer-challenges-we-offer"


@pytest.fixture(scope="module")
def web():
    with TestWeb(slow_seconds=1.0) as web:
        yield web


@pytest.fixture(scope="module")
def client(web):
    with httpx.Client(
        proxy=web.proxy_url, timeout=5, headers={"User-Agent": "peerwatch-test/1"}
    ) as client:
        yield client


@pytest.fixture
def second(web):
    web.apply("second")
    yield web
    web.apply("first")


def test_dispatches_on_host(client):
    bolton = client.get("http://www.bolton.gov.uk/")
    cheshire = client.get("http://www.cheshireeast.gov.uk/")
    assert "Bolton Council" in bolton.text
    assert "Cheshire East Council" in cheshire.text


def test_lga_mirrors_serve_the_same_page_with_a_canonical_link(client):
    path = LGA_NEW.removeprefix("http://www.local.gov.uk") + "/corporate-peer-194"
    www = client.get("http://www.local.gov.uk" + path)
    lb2 = client.get("http://lb2.local.gov.uk" + path)
    assert www.content == lb2.content
    assert f'rel="canonical" href="http://www.local.gov.uk{path}"' in www.text
    index = client.get(LGA_NEW + "/corporate-peer-3?page=1").text
    assert "http://lb2.local.gov.uk" + path in index


def test_lga_index_paginates_and_links_older_reports(web, client):
    index = client.get(web.lga_index_url).text
    assert '<h1 class="page-title">Corporate Peer Challenge reports</h1>' in index
    assert "corporate-peer-3?page=1" in index
    assert "View Corporate Peer Challenge reports published before 2021" in index
    older = client.get(
        "http://www.local.gov.uk/our-support/peer-challenges/outcomes-peer-challenge-reports"
    ).text
    assert "council-assurance-and-peer-support/peer-challenges-we-offer/corporate-peer-106" in older


def test_conditional_get_answers_304(client):
    url = "http://www.bolton.gov.uk/finance-and-spending/corporate-peer-challenge"
    first = client.get(url)
    assert first.headers["etag"].startswith('"') and "last-modified" in first.headers
    by_etag = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    by_date = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    stale = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert (by_etag.status_code, by_date.status_code, stale.status_code) == (304, 304, 200)
    assert by_etag.content == b""


def test_head_sends_headers_only(client):
    response = client.head(
        "http://www.bolton.gov.uk/sites/default/files/local-plan/evidence-base-full.pdf"
    )
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == 30 * 1024 * 1024
    assert response.content == b""


def test_robots_and_sitemaps(client):
    lga_robots = client.get("http://www.local.gov.uk/robots.txt").text
    assert "Sitemap: http://www.local.gov.uk/sitemap.xml" in lga_robots
    assert "corporate-peer-59" in client.get("http://www.local.gov.uk/sitemap.xml").text
    index = client.get("http://www.midsuffolk.gov.uk/sitemap.xml").text
    assert "<sitemapindex" in index and "sitemap-documents.xml" in index
    assert ".pdf" in client.get("http://www.midsuffolk.gov.uk/sitemap-documents.xml").text
    assert "Disallow: /\n" in client.get("http://www.hillingdon.gov.uk/robots.txt").text


def test_deep_page_is_only_reachable_by_navigation(client):
    sitemap = client.get("http://www.fdean.gov.uk/sitemap.xml").text
    search = client.get("http://www.fdean.gov.uk/search", params={"q": "peer challenge"}).text
    section = client.get("http://www.fdean.gov.uk/your-council/council-performance").text
    assert "Corporate-Peer-Challenge-2024" not in sitemap + search
    assert "Corporate-Peer-Challenge-2024" in section


def test_site_search_returns_result_links(client):
    home = client.get("http://www.welhat.gov.uk/").text
    assert 'action="/site_search/results/"' in home
    results = client.get(
        "http://www.welhat.gov.uk/site_search/results/", params={"q": "peer challenge"}
    ).text
    assert "/downloads/file/" in results and "Peer Challenge Report" in results


def test_pdfs_parse_and_contain_their_text(web):
    expected = web.expected()
    with httpx.Client(proxy=web.proxy_url) as client:
        report = next(
            d.url
            for d in expected["BOL"].documents
            if d.url.endswith(".pdf") and d.kind == "feedback_report"
        )
        reader = pypdf.PdfReader(io.BytesIO(client.get(report).content))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "highly valued improvement and assurance tool" in text
        assert "9 – 12 July 2024" in text
        nty = next(
            d.url for d in expected["NTY"].documents if d.url.endswith("feedback-report.pdf")
        )
        lying = pypdf.PdfReader(io.BytesIO(client.get(nty).content))
        assert lying.metadata.title == "Diversity Peer Challenge Draft Report"
        assert "Corporate Peer Challenge" in lying.pages[0].extract_text()


def test_docx_action_plan_parses(web, client):
    url = next(d.url for d in web.expected()["KEC"].documents if ".docx" in d.url)
    document = docx.Document(io.BytesIO(client.get(url).content))
    assert any("Corporate Peer Challenge Action Plan" in p.text for p in document.paragraphs)


def test_generated_files_are_byte_stable():
    paragraphs = ("# Heading", "Body – £5")
    pdf, word = pdf_bytes("T", paragraphs), docx_bytes("T", paragraphs)
    pdf_bytes.cache_clear()
    docx_bytes.cache_clear()
    assert (pdf_bytes("T", paragraphs), docx_bytes("T", paragraphs)) == (pdf, word)


def test_corrupt_pdf_does_not_parse(client):
    page = client.get("http://www.tandridge.gov.uk/").text
    url = re.search(r'href="([^"]*annual-governance[^"]*)"', page)[1]
    with pytest.raises(pypdf.errors.PdfReadError):
        pypdf.PdfReader(io.BytesIO(client.get("http://www.tandridge.gov.uk" + url).content)).pages[
            0
        ].extract_text()


def test_windows_1252_page_decodes(client):
    response = client.get(
        "http://www.tandridge.gov.uk/your_council/corporate_peer_challenge/lgas_feedback_report.htm"
    )
    assert response.headers["content-type"] == "text/html; charset=windows-1252"
    assert b"\xa34.2m" in response.content and b"16 \x96 19 July 2024" in response.content
    assert "£4.2m" in response.text and "16 – 19 July 2024" in response.text


def test_loopback_redirect_is_not_followed_by_the_server(web, client):
    response = client.get("http://www.bolton.gov.uk/staff-login")
    assert response.status_code == 302
    assert response.headers["location"] == f"http://127.0.0.1:{web.port}/secret"
    assert (
        client.get("http://www.bolton.gov.uk/intranet")
        .headers["location"]
        .startswith("http://localhost/")
    )
    web.clear_log()
    httpx.get(response.headers["location"])  # what a careless crawler would do
    assert [r.forbidden for r in web.forbidden_requests()] == ["loopback"]


def test_unknown_host_is_502_and_forbidden(web, client):
    web.clear_log()
    response = client.get("http://www.facebook.com/bolton-council")
    assert response.status_code == 502 and "no fixture site" in response.text
    assert [(r.host, r.forbidden) for r in web.forbidden_requests()] == [
        ("www.facebook.com", "offsite")
    ]


def test_robots_disallowed_fetch_is_forbidden(web, client):
    web.clear_log()
    client.get("http://www.hillingdon.gov.uk/robots.txt")
    client.get("http://www.bolton.gov.uk/admin/login")
    assert [(r.host, r.forbidden) for r in web.forbidden_requests()] == [
        ("www.bolton.gov.uk", "robots")
    ]


def test_request_log_records_headers(web, client):
    web.clear_log()
    client.get(
        "http://www.melton.gov.uk/", headers={"If-Modified-Since": "Mon, 06 Jan 2025 09:00:00 GMT"}
    )
    (record,) = web.requests
    assert (record.method, record.host, record.target, record.status) == (
        "GET",
        "www.melton.gov.uk",
        "/",
        304,
    )
    assert record.user_agent == "peerwatch-test/1"
    assert record.if_modified_since == "Mon, 06 Jan 2025 09:00:00 GMT"


@pytest.mark.parametrize(
    ("url", "status", "marker"),
    [
        ("http://www.bexley.gov.uk/", 503, "Service Unavailable"),
        ("http://www.warrington.gov.uk/robots.txt", 503, "Service Unavailable"),
        ("http://www.leicestershire.gov.uk/", 403, "cf-turnstile"),
        ("http://www.havering.gov.uk/", 302, ""),
        ("http://www.havering.gov.uk/home", 302, ""),
    ],
)
def test_faults(client, url, status, marker):
    response = client.get(url)
    assert response.status_code == status and marker in response.text


def test_bot_challenge_headers(client):
    response = client.get("http://www.leicestershire.gov.uk/your-council")
    assert response.headers["cf-mitigated"] == "challenge"
    assert "<title>Just a moment...</title>" in response.text


def test_slow_home_page_times_out(client):
    with pytest.raises(httpx.ReadTimeout):
        client.get("http://www.bromley.gov.uk/", timeout=0.3)


def test_calendar_trap_never_ends(client):
    url = "http://www.cheshireeast.gov.uk/events/calendar?month=2099-12"
    assert 'href="/events/calendar?month=2100-01"' in client.get(url).text


def test_every_expected_document_is_served(web, client):
    for code, expected in web.expected().items():
        for doc in expected.documents:
            assert client.get(doc.url).status_code == 200, (code, doc.url)


def _assert_consistent(expected):
    for code, truth in expected.items():
        kinds = {d.kind for d in truth.documents}
        assert kinds <= set(DOC_KINDS)
        assert all(code in d.council_codes for d in truth.documents)
        if truth.verdict == "published":
            assert "feedback_report" in kinds, code
        elif truth.verdict == "cpc_no_report":
            assert kinds and "feedback_report" not in kinds, code
        elif truth.verdict == "unknown":
            assert truth.reason in UNKNOWN_REASONS and not kinds, code
        else:
            assert kinds <= {"pre_challenge_notice"}, code


def test_expected_table_is_consistent(web, second):
    register = {row["code"] for row in csv.DictReader(REGISTER.open(encoding="utf-8"))}
    assert set(web.council_codes()) <= register
    for scenario in ("first", "second"):
        web.apply(scenario)
        _assert_consistent(web.expected())


def test_synthetic_councils_are_consistent_and_served():
    with TestWeb(synthetic=40, seed=1) as web, httpx.Client(proxy=web.proxy_url) as client:
        expected = {c: e for c, e in web.expected().items() if c.startswith("Z")}
        assert len(expected) == 40 and len({e.verdict for e in expected.values()}) == 4
        _assert_consistent(expected)
        for truth in expected.values():
            for doc in truth.documents:
                assert _get_after_throttling(client, doc.url).status_code == 200, doc.url


def _get_after_throttling(client, url):
    """A GET that waits out a ``throttled`` site's 429s, as a polite crawler does."""
    for _ in range(3):
        response = client.get(url)
        if response.status_code != 429:
            return response
        time.sleep(float(response.headers["Retry-After"]))
    return response


def test_register_csv_points_at_fixture_hosts(web, tmp_path):
    rows = list(csv.DictReader(web.write_register_csv(tmp_path / "register.csv").open()))
    assert [r["code"] for r in rows] == web.council_codes()
    websites = {r["code"]: r["website"] for r in rows}
    assert websites["ADU"] == websites["WOT"] == "http://www.adur-worthing.gov.uk/"
    assert all(r["website"].removeprefix("http://").rstrip("/") in web.hosts() for r in rows)


def test_scenario_switch_changes_web_and_truth(client, second):
    changed = {
        c: (e.verdict, e.reason) for c, e in second.expected().items() if c in {"HYN", "WEW", "RUT"}
    }
    assert changed == {
        "HYN": ("published", None),
        "WEW": ("cpc_no_report", None),
        "RUT": ("unknown", "site_down"),
    }
    assert "progress_review" in {d.kind for d in second.expected()["KEC"].documents}
    assert (
        client.get(
            "http://www.welhat.gov.uk/downloads/file/9386/peer-challenge-report-2019"
        ).status_code
        == 404
    )
    assert "corporate-peer-201" in client.get(second.lga_index_url).text
    assert client.get("http://www.rutland.gov.uk/").status_code == 503


def test_scenario_switch_keeps_unchanged_validators(web, client):
    url = "http://www.bolton.gov.uk/finance-and-spending/corporate-peer-challenge"
    before = client.get(url).headers["etag"]
    results = client.get(
        "http://www.welhat.gov.uk/site_search/results/", params={"q": "peer challenge"}
    ).text
    changed = "http://www.welhat.gov.uk" + re.search(r'href="(/info/[^"]+)"', results)[1]
    changed_before = client.get(changed).headers
    web.apply("second")
    try:
        assert client.get(url, headers={"If-None-Match": before}).status_code == 304
        after = client.get(changed, headers={"If-Modified-Since": changed_before["last-modified"]})
        assert after.status_code == 200 and after.headers["etag"] != changed_before["etag"]
    finally:
        web.apply("first")


def test_build_site_from_parameters_for_synthetic_councils():
    params = SiteParams(
        "www.example-council.gov.uk",
        "Example Council",
        "jadu",
        faults=frozenset({"calendar_trap", "corrupt_pdf"}),
        pages=(
            PageSpec(
                ("Your council", "Peer challenge"),
                "Peer challenge",
                docs=(Doc("Report", "report", ("text",), kind="feedback_report", codes=("EXA",)),),
            ),
        ),
    )
    site = build_site(params)
    assert [d.kind for d in site.expected_docs] == ["feedback_report"]
    assert "/robots.txt" in site.resources and "/events/calendar" in site.handlers


def _fault_site(*faults: str) -> TestWeb:
    """A TestWeb with one extra Drupal council that has these faults."""
    params = SiteParams(
        "www.faulty.gov.uk", "Faulty Council", "localgov_drupal", faults=frozenset(faults)
    )
    return TestWeb(extra=[SyntheticCouncil("FLT", "Faulty Council", params, "no_cpc")])


def test_rate_limited_site_asks_for_an_hour():
    with _fault_site("rate_limited") as web, httpx.Client(proxy=web.proxy_url) as client:
        response = client.get("http://www.faulty.gov.uk/your-council")
        assert (response.status_code, response.headers["retry-after"]) == (429, "3600")
        assert client.get("http://www.faulty.gov.uk/robots.txt").status_code == 200


def test_throttled_site_answers_after_two_429s():
    with _fault_site("throttled") as web, httpx.Client(proxy=web.proxy_url) as client:
        statuses = [client.get("http://www.faulty.gov.uk/").status_code for _ in range(3)]
        assert statuses == [429, 429, 200]
        web.clear_log()
        assert client.get("http://www.faulty.gov.uk/").status_code == 429


def test_connection_reset_mid_body():
    with _fault_site("connection_reset") as web, httpx.Client(proxy=web.proxy_url) as client:
        with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
            client.get("http://www.faulty.gov.uk/")
        (record,) = web.requests
        assert record.bytes_sent > 0
        assert client.get("http://www.faulty.gov.uk/robots.txt").status_code == 200


def test_private_redirects_point_at_non_public_addresses():
    with _fault_site("private_redirect") as web, httpx.Client(proxy=web.proxy_url) as client:
        home = client.get("http://www.faulty.gov.uk/").text
        for path in ("/partner-portal", "/status", "/printers", "/intranet-v6", "/legacy"):
            assert f'href="{path}"' in home
            response = client.get("http://www.faulty.gov.uk" + path)
            assert response.status_code == 302
            client.get(response.headers["location"])
        forbidden = [r.host for r in web.forbidden_requests()]
        assert forbidden == ["10.20.30.40", "169.254.169.254", "192.168.1.20", "::1", "2130706433"]


def test_encrypted_pdf_and_zip_bomb_docx():
    with (
        _fault_site("encrypted_pdf", "zip_bomb_docx") as web,
        httpx.Client(proxy=web.proxy_url) as client,
    ):
        home = client.get("http://www.faulty.gov.uk/").text
        locked, bomb = (
            "http://www.faulty.gov.uk" + re.search(rf'href="([^"]*{name}[^"]*)"', home)[1]
            for name in ("annex", "evidence-pack")
        )
        reader = pypdf.PdfReader(io.BytesIO(client.get(locked).content))
        assert reader.is_encrypted
        with pytest.raises(pypdf.errors.FileNotDecryptedError):
            reader.pages[0].extract_text()
        body = client.get(bomb).content
        archive = zipfile.ZipFile(io.BytesIO(body))
        assert len(body) < 1_000_000 < 100_000_000 < archive.getinfo("word/document.xml").file_size


def test_wrong_content_type_is_served_as_declared():
    doc = Doc("Report", "report", ("text",), content_type="text/html; charset=utf-8")
    resource = doc.resource()
    assert resource.body.startswith(b"%PDF-") and resource.content_type.startswith("text/html")


def test_https_urls_are_served_through_a_connect_tunnel_and_others_refused(web):
    with httpx.Client(proxy=web.proxy_url, verify=False, timeout=5) as tls:
        secure = tls.get("https://www.bolton.gov.uk/")
        plain = tls.get("http://www.bolton.gov.uk/")
        assert secure.status_code == 200 and secure.content == plain.content
        for host in ("www.example.com", "127.0.0.1", "localhost"):
            with pytest.raises(httpx.ProxyError):
                tls.get(f"https://{host}/")
    refused = {r.host: r.forbidden for r in web.requests if r.target.endswith(":443")}
    assert refused == {
        "www.example.com": "offsite",
        "127.0.0.1": "loopback",
        "localhost": "loopback",
    }
