"""Name resolution: every way councils are named in the wild, and honesty when unsure."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

import pytest

from db.register import packaged_register
from db.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(packaged_register())


def _mj_rows() -> list[dict[str, str]]:
    text = resources.files("db.data").joinpath("mj-2018-no-cpc.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_baseline_list_has_91_names():
    assert len(_mj_rows()) == 91


@pytest.mark.parametrize("row", _mj_rows(), ids=lambda r: r["name_as_published"])
def test_every_mj_2017_name_resolves_to_its_code(resolver, row):
    match = resolver.resolve(row["name_as_published"])
    assert match.status == "matched", match
    assert match.codes == (row["code"],)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kensington & Chelsea", "KEC"),
        ("Royal Borough of Kensington and Chelsea", "KEC"),
        ("Hull", "KHL"),
        ("Hull City Council", "KHL"),
        ("Kingston upon Hull", "KHL"),
        ("Kingston", "KTT"),
        ("Royal Borough of Kingston upon Thames", "KTT"),
        ("Shepway", "SHE"),
        ("Shepway District Council", "SHE"),
        ("Folkestone & Hythe District Council", "SHE"),
        ("St Albans City & District", "SAL"),
        ("St Albans City and District Council", "SAL"),
        ("City of Westminster", "WSM"),
        ("Westminster City Council", "WSM"),
        ("St. Helens", "SHN"),
        ("St Helens Council", "SHN"),
        ("Royal Borough of Greenwich", "GRE"),
        ("London Borough of Barnet", "BNE"),
        ("Bolton Council", "BOL"),
        ("Bolton Metropolitan Borough Council", "BOL"),
        ("Forest of Dean District Council", "FOE"),
        ("Cheltenham Borough Council", "CHT"),
        ("East Sussex County Council", "ESX"),
        ("City of London", "LND"),
        ("City of London Corporation", "LND"),
        ("Brighton & Hove", "BNH"),
        ("Bath and North East Somerset", "BAS"),
        ("Hammersmith and Fulham", "HMF"),
        ("Cheshire West and Chester", "CHW"),
        ("Bournemouth, Christchurch and Poole", "BPC"),
    ],
)
def test_common_name_forms_resolve(resolver, name, code):
    assert resolver.resolve(name).codes == (code,)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("LGA Corporate Peer Challenge - Bolton Council", "BOL"),
        ("LGA Corporate Peer Challenge Report: Cheshire East Council", "CHE"),
        ("LGA Corporate Peer Challenge: Warrington Borough Council", "WRT"),
        ("LGA Corporate Peer Challenge – West Suffolk Council", "WSK"),
        ("LGA Corporate Peer Challenge – Progress Review: Rushcliffe Borough Council", "RUS"),
        ("LGA Corporate Peer Review: Rushcliffe Borough Council", "RUS"),
        ("Corporate peer challenge: East Sussex County Council", "ESX"),
        ("Forest of Dean District Council – Progress Review", "FOE"),
    ],
)
def test_lga_page_titles_resolve_to_the_council(resolver, title, code):
    assert resolver.resolve(title).codes == (code,)


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Babergh and Mid Suffolk District Councils", ("BAB", "MSU")),
        ("Babergh & Mid Suffolk", ("BAB", "MSU")),
        ("Adur and Worthing Councils", ("ADU", "WOT")),
        ("Adur & Worthing", ("ADU", "WOT")),
        ("South Hams and West Devon", ("SHA", "WDE")),
    ],
)
def test_joint_bodies_resolve_to_every_council(resolver, name, codes):
    match = resolver.resolve(name)
    assert match.status == "joint"
    assert match.codes == codes


def test_an_alt_name_that_names_two_councils_does_not_resolve_to_one(resolver):
    # The register lists "adur and worthing borough council" under Worthing alone.
    assert resolver.resolve("Adur and Worthing Borough Council").codes == ("ADU", "WOT")


@pytest.mark.parametrize(
    ("name", "county", "unitary"), [("North Yorkshire", "NYK", "NYE"), ("Somerset", "SOM", "SMT")]
)
def test_reorganised_names_are_ambiguous_without_a_date(resolver, name, county, unitary):
    match = resolver.resolve(name)
    assert match.status == "ambiguous"
    assert {c.code for c in match.candidates} == {county, unitary}
    assert "date" in match.note


@pytest.mark.parametrize(
    ("name", "county", "unitary"), [("North Yorkshire", "NYK", "NYE"), ("Somerset", "SOM", "SMT")]
)
def test_a_date_picks_the_council_that_existed_then(resolver, name, county, unitary):
    assert resolver.resolve(name, on=dt.date(2022, 6, 1)).codes == (county,)
    assert resolver.resolve(name, on=dt.date(2023, 4, 1)).codes == (unitary,)
    assert resolver.resolve(name, on=dt.date(2025, 1, 1)).codes == (unitary,)


def test_an_abolished_council_still_resolves_with_a_note_about_its_successor(resolver):
    match = resolver.resolve("Wycombe", on=dt.date(2024, 1, 1))
    assert match.codes == ("WYO",)
    assert "BUC" in match.note


@pytest.mark.parametrize("name", ["Nowhereshire", "Gotham City Council", "Bolten"])
def test_unknown_names_say_no_match_with_candidates_not_a_guess(resolver, name):
    match = resolver.resolve(name)
    assert match.status == "no_match"
    assert match.codes == ()


def test_a_misspelling_lists_the_likely_council_as_a_candidate(resolver):
    assert resolver.resolve("Bolten").candidates[0].code == "BOL"


def test_a_name_shared_by_several_councils_is_ambiguous_or_unmatched_never_picked(resolver):
    match = resolver.resolve("Richmond")
    assert match.codes == ()
    assert {"RIC", "RIH"} <= {c.code for c in match.candidates}


@pytest.mark.parametrize("name", ["", "   ", "Council", "LGA Corporate Peer Challenge - "])
def test_empty_or_generic_names_do_not_match(resolver, name):
    assert resolver.resolve(name).status == "no_match"
