"""Link scoring steers the crawler towards CPC material and away from obvious noise."""

import pytest

from scraper.classify.scoring import is_cpc_landing_link

WORTH_FOLLOWING = 0.3


@pytest.mark.parametrize(
    ("link_text", "url"),
    [
        ("Corporate Peer Challenge", "https://chelmsford.gov.uk/your-council/corporate-peer-challenge"),
        ("LGA peer review", "https://warrington.gov.uk/lga-peer-review-july-2024"),
        ("Peer Challenge Report", "https://www.welhat.gov.uk/Reports/peer-challenge"),
        ("Peer Challenge Action Plan", "https://www.welhat.gov.uk/media/1234/download"),
        ("Read the Progress Report", "https://midsuffolk.gov.uk/w/corporate-peer-challenge"),
        ("Corporate Peer Challenge Action Plan", "https://moderngovwebpublic.bromsgrove.gov.uk/mgAi.aspx?ID=35724"),
        ("Corporate Peer Challenge - 2025", "https://www.fdean.gov.uk/councilperformance"),
    ],
)  # fmt: skip
def test_cpc_links_score_high_enough_to_follow(link_text, url):
    assert is_cpc_landing_link(link_text, url) >= WORTH_FOLLOWING


@pytest.mark.parametrize(
    ("link_text", "url"),
    [
        ("What's on", "https://x.gov.uk/events/calendar"),
        ("News archive", "https://x.gov.uk/news/2019/03"),
        ("Log in to My Account", "https://x.gov.uk/login"),
        ("Follow us", "https://www.facebook.com/xcouncil"),
        ("Search planning applications", "https://x.gov.uk/planning-applications"),
        ("Finance peer challenge", "https://www.local.gov.uk/finance-peer-challenge"),
    ],
)
def test_noise_links_score_below_zero(link_text, url):
    assert is_cpc_landing_link(link_text, url) < 0


def test_hub_pages_score_between_noise_and_cpc_links():
    hub = is_cpc_landing_link("Council and democracy", "https://x.gov.uk/council-and-democracy")
    cpc = is_cpc_landing_link(
        "Corporate peer challenge", "https://x.gov.uk/corporate-peer-challenge"
    )
    assert 0 < hub < WORTH_FOLLOWING < cpc <= 1.0
