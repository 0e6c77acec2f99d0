"""Discovery rules as tables: document URL shapes, one key per URL, section vocabulary from
real council menus, search-box states, pages that show nothing."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request

from scraper.blockers import page_blocker
from scraper.discovery.committees import system_and_level
from scraper.discovery.files import file_shape
from scraper.discovery.search import find_search
from scraper.discovery.vocabulary import section_of
from scraper.domains import url_key


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("https://www.x.gov.uk/documents/20142/86515/CPC+report.pdf/7c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8?t=1", "liferay"),
        ("https://www.x.gov.uk/downloads/file/1234/peer-challenge-report", "jadu"),
        ("https://www.x.gov.uk/downloads/download/56/corporate-peer-challenge", "jadu"),
        ("https://www.x.gov.uk/media/12345/Corporate-Peer-Challenge/pdf/cpc.pdf?m=6387", "extension"),
        ("https://www.x.gov.uk/media/4fa8bc21/peer-challenge-report", None),
        ("https://www.x.gov.uk/media/2154/peer-challenge-report.pdf", "extension"),
        ("https://www.x.gov.uk/sites/default/files/2024-09/cpc-feedback.pdf", "extension"),
        ("https://democracy.x.gov.uk/documents/s98765/Appendix%201.pdf", "extension"),
        ("https://democracy.x.gov.uk/mgConvert2PDF.aspx?ID=1234", "moderngov"),
        ("https://www.x.gov.uk/CMIS5/Document.ashx?czJKcaeAi5tUFL1DTL2UE4zNRBcoShgo=abc", "ashx"),
        ("https://www.x.gov.uk/GetDocument.ashx?id=4", "ashx"),
        ("https://www.x.gov.uk/your-council/corporate-peer-challenge", None),
        ("https://www.x.gov.uk/info/20012/your_council/123/peer_challenge", None),
        ("https://www.x.gov.uk/documents/10180/0/Peer+challenge+report/7c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8", "liferay"),
        ("https://www.x.gov.uk/_resources/assets/attachment/full/0/51234.pdf", "extension"),
        ("https://www.x.gov.uk/_resources/assets/attachment/full/0/51234", "contensis"),
        ("https://www.x.gov.uk/media/5530/peer-challenge-2024", "umbraco"),
        ("https://www.x.gov.uk/sites/default/files/2024-07/lga_cpc_report", "drupal"),
    ],
)  # fmt: skip
def test_document_url_shapes(url, shape):
    assert file_shape(url) == shape


def test_the_classifier_reads_the_same_document_shapes_as_the_crawl():
    """One fact in one place: whether a URL is a file is decided by scraper.discovery.files."""
    from scraper.classify import rules

    assert not hasattr(rules, "FILE_URL")


def test_http_https_and_www_forms_are_one_url():
    assert url_key("https://www.x.gov.uk/a/b/") == url_key("http://x.gov.uk/a/b")
    assert url_key("http://x.gov.uk/a?id=1") != url_key("http://x.gov.uk/a?id=2")
    assert url_key("http://x.gov.uk/a#top") == url_key("http://x.gov.uk/a")


@pytest.mark.parametrize(
    ("text", "url", "section"),
    [
        # real menu labels (rbkc, northnorthants, stroud, denbighshire, monmouthshire, portsmouth)
        ("Council and democracy", "https://www.x.gov.uk/council-and-democracy", "hub"),
        ("Councillors and democracy", "https://www.x.gov.uk/councillors-and-democracy", "hub"),
        ("About the council", "https://www.x.gov.uk/council-and-democracy/about-the-council", "hub"),
        ("How the Council works", "https://www.x.gov.uk/how-the-council-works", "hub"),
        ("Your council", "https://www.x.gov.uk/your-council", "hub"),
        ("The council", "https://www.x.gov.uk/the-council", "hub"),
        ("Local democracy", "https://www.x.gov.uk/local-democracy", "hub"),
        ("Council, councillors and democracy", "https://www.x.gov.uk/ccd", "hub"),
        ("Councillors and committees", "https://www.x.gov.uk/cc", "committee"),
        ("Councillors, meetings and committees", "https://www.x.gov.uk/cmc", "committee"),
        ("Meetings, Minutes and Agendas", "https://www.x.gov.uk/m", "committee"),
        ("Council meetings, agendas and minutes", "https://www.x.gov.uk/the-council/council-meetings", "committee"),
        ("Committee meetings", "https://www.x.gov.uk/c", "committee"),
        ("Calendar of Meetings", "https://www.x.gov.uk/cal", "committee"),
        ("Decisions", "https://www.x.gov.uk/decisions", "committee"),
        ("Agendas", "https://www.x.gov.uk/CMIS5/Meetings.aspx", "committee"),
        ("News", "https://www.x.gov.uk/news", "news"),
        ("Newsroom", "https://news.x.gov.uk/", "news"),
        ("Press releases", "https://www.x.gov.uk/press", "news"),
        ("News and events", "https://www.x.gov.uk/news-and-events", "news"),
        ("Bins and recycling", "https://www.x.gov.uk/bins", None),
        ("Council tax", "https://www.x.gov.uk/council-tax", None),
    ],
)  # fmt: skip
def test_section_vocabulary(text, url, section):
    assert section_of(text, url) == section


@pytest.mark.parametrize(
    ("url", "placed"),
    [
        ("https://democracy.x.gov.uk/ieDocHome.aspx", ("moderngov", "committees")),
        ("https://democracy.x.gov.uk/mgCommitteeDetails.aspx?ID=3", ("moderngov", "committees")),
        ("https://democracy.x.gov.uk/ieListMeetings.aspx?CommitteeId=3", ("moderngov", "meetings")),
        ("https://democracy.x.gov.uk/ieListDocuments.aspx?CId=3&MId=8", ("moderngov", "agendas")),
        ("https://democracy.x.gov.uk/documents/s123/Report.pdf", ("moderngov", "documents")),
        ("https://democracy.x.gov.uk/ieSearchResults2.aspx?SS=peer", ("moderngov", "search")),
        ("https://www.x.gov.uk/CMIS5/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/1/Committee/2/Default.aspx", ("cmis", "agendas")),
        ("https://www.x.gov.uk/CMIS5/Document.ashx?czJK=1", ("cmis", "documents")),
        ("https://www.x.gov.uk/your-council", None),
    ],
)  # fmt: skip
def test_committee_levels(url, placed):
    assert system_and_level(url) == placed


def _page(body: str, url: str = "http://www.x.gov.uk/") -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), request=Request(url), encoding="utf-8")


@pytest.mark.parametrize(
    ("form", "state"),
    [
        ('<form action="/search" method="get"><input type="search" name="q"></form>', "form"),
        (
            '<form action="/search" method="post"><input type="search" name="q"></form>',
            "javascript_only",
        ),
        ('<div role="search"><input type="search" id="q"></div>', "javascript_only"),
        ("<p>No search here</p>", "absent"),
    ],
)
def test_search_box_states(form, state):
    assert find_search(_page(f"<html><body>{form}</body></html>"), ("cpc",))[0] == state


def test_pages_that_show_nothing_are_recognised():
    shell = b'<html><head><script src="/app.js"></script></head><body><div id="root"></div></body></html>'
    assert page_blocker(shell) == "javascript_required"
    wall = (
        b"<html><head><title>Cookies on Xby</title></head><body><h1>Cookies on Xby</h1>"
        b"<p>You need to accept or reject additional cookies before you continue.</p>"
        b"<form method='post'><button>Accept additional cookies</button></form></body></html>"
    )
    assert page_blocker(wall) == "consent_wall"
    home = b"<html><body><p>Cookies on this site: we use cookies.</p>" + b"<a href='/a'>a</a>" * 20
    assert page_blocker(home + b"<script></script></body></html>") is None


def test_a_url_found_again_with_a_better_score_moves_up_the_queue():
    from scraper.sitecheck import SiteAccount, SiteCheck

    site = SiteCheck(("X",), "Xby", "http://www.x.gov.uk/", SiteAccount(60))
    site.add("http://www.x.gov.uk/report.docx", 0.22)  # a search result
    site.add("http://www.x.gov.uk/forms", 0.24)  # a menu link
    site.add("http://x.gov.uk/report.docx", 0.49)  # the CPC page's "Read the full report"
    assert [url_key(site.pop().url) for _ in range(2)] == ["x.gov.uk/report.docx", "x.gov.uk/forms"]
    assert site.pop() is None and not site.waiting


def test_a_file_on_the_news_host_is_not_a_news_release():
    from scraper.classify import Classification
    from scraper.discovery.documents import file_kind

    said = Classification(True, "announcement", None, (), None, 1.0, ())
    url = "https://news.x.gov.uk/wp-content/uploads/2024/08/x-corporate-peer-challenge.pdf"
    assert file_kind(said, "Read the report", on_committee_system=False, url=url) == (
        "feedback_report"
    )
    assert file_kind(said, "", on_committee_system=False, url="https://www.x.gov.uk/a.pdf") == (
        "announcement"
    )


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://www.x.gov.uk/council/your-council/councillors-and-committees", "committee"),
        ("https://www.x.gov.uk/meetings", "committee"),
        ("https://www.x.gov.uk/council/council_and_democracy/index.htm", "hub"),
        ("https://www.x.gov.uk/about-us/", "hub"),
        ("https://www.x.gov.uk/council-tax", None),
        ("https://www.x.gov.uk/news", None),
        ("https://www.x.gov.uk/article/5708/Cabinet-15-June-2024", None),
        ("https://www.x.gov.uk/", None),
    ],
)
def test_a_page_reached_before_any_link_named_it_is_placed_by_its_own_address(url, section):
    from scraper.discovery.vocabulary import section_of_page

    assert section_of_page(url) == section
