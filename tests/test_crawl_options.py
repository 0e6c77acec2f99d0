"""CrawlOptions from `scrapy crawl -a name=value` strings: typed like the TOML config."""

from __future__ import annotations

import pytest

from scraper.options import CrawlOptions


def test_strings_are_cast_to_each_fields_type():
    options = CrawlOptions.from_strings(
        {
            "timeout": "4.5",
            "budget": "12",
            "autothrottle": "false",
            "councils": "BOL, CHE",
            "lga_index_url": "http://x.test/i",
        }
    )
    assert options.timeout == 4.5
    assert options.budget == 12
    assert options.autothrottle is False
    assert options.councils == ("BOL", "CHE")
    assert options.lga_index_url == "http://x.test/i"


def test_unknown_option_is_an_error():
    with pytest.raises(ValueError, match="unknown crawl option"):
        CrawlOptions.from_strings({"tiemout": "4"})


def test_a_non_number_for_a_number_is_an_error():
    with pytest.raises(ValueError):
        CrawlOptions.from_strings({"budget": "lots"})
