"""Synthetic councils for benchmarks: the fixture building blocks, mixed at random but seeded.

``synthetic_councils(3000)`` gives councils spread over every CMS style, report depth (1-3 clicks),
format (PDF, DOCX, HTML), sitemap presence and fault, each with its expected verdict.

Faults come in two sorts. A blocking fault (``UNKNOWN_FAULTS``, 15% of councils) leaves the site
unreadable, so the truth is ``unknown`` with the fault's reason. A nuisance fault (``NUISANCES``,
a few percent each) must not change the verdict: the crawler has to survive it and still find
what the site publishes. Reports are also sometimes served with a wrong Content-Type, and HTML
reports in windows-1252.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import texts
from .cms import STYLES, Doc, PageSpec, SiteParams, slugify

PREFIXES = (
    "Ash",
    "Brad",
    "Craw",
    "Dun",
    "East",
    "Fair",
    "Glen",
    "Hart",
    "Ips",
    "Kings",
    "Lang",
    "Mar",
    "North",
    "Oak",
    "Pen",
    "Rad",
    "Stan",
    "Thorn",
    "Up",
    "West",
    "Whit",
    "York",
)
SUFFIXES = (
    "bridge",
    "bury",
    "combe",
    "dale",
    "field",
    "ford",
    "ham",
    "ley",
    "mouth",
    "stead",
    "ton",
    "wick",
)
KINDS = ("District Council", "Borough Council", "City Council", "County Council")
TRAIL = ("Your council", "Performance", "Corporate peer challenge")
UNKNOWN_FAULTS = {
    "down": "site_down",
    "slow": "timeout",
    "robots_disallow_all": "robots_disallowed",
    "bot_challenge": "bot_challenge",
    "redirect_loop": "redirect_loop",
    "rate_limited": "blocked",  # 401/403/429 on every page: the site is turning us away
    "connection_reset": "site_down",
}
#: Nuisance faults and the share of eligible councils that get each.
NUISANCES = {
    "calendar_trap": 0.05,
    "throttled": 0.04,
    "private_redirect": 0.04,
    "loopback_redirect": 0.03,
    "corrupt_pdf": 0.03,
    "oversized_file": 0.02,
}
#: Nuisances that look like CPC material, so only councils with a readable report get them.
CPC_NUISANCES = {"encrypted_pdf": 0.03, "zip_bomb_docx": 0.03}
WRONG_CONTENT_TYPE = 0.05
#: Service sections that give each site the breadth of a real council website (a generic
#: crawler at depth 3 sees a hundred pages or more), none of them about peer challenges.
SERVICES = (
    "Adult social care", "Benefits", "Births, deaths and marriages", "Business", "Children and families",
    "Community safety", "Environmental health", "Jobs and careers", "Leisure and culture",
    "Libraries", "Licensing", "Roads and transport", "Schools and education", "Sport and parks",
    "Tourism", "Voting and elections", "Waste and street cleaning", "Health and wellbeing",
)  # fmt: skip
TOPICS = (
    "Apply", "Eligibility", "Fees and charges", "Forms", "Contact us", "Frequently asked questions",
    "Guidance", "Make a payment", "Report a problem", "Opening times", "Consultations",
    "Statistics", "Compliments and complaints", "Privacy notice",
)  # fmt: skip
LEAVES = ("Online form", "Step by step", "Downloads", "Related links")
LEGACY_CHARSET = 0.3


@dataclass(frozen=True)
class SyntheticCouncil:
    code: str
    name: str
    params: SiteParams
    verdict: str
    reason: str | None = None

    @property
    def host(self) -> str:
        return self.params.host


def synthetic_councils(n: int, *, seed: int = 0) -> list[SyntheticCouncil]:
    rng = random.Random(seed)
    places = [p + s for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(places)
    councils = []
    for i in range(n):
        place = places[i % len(places)] + ("" if i < len(places) else f" {i // len(places) + 1}")
        name = f"{place} {rng.choice(KINDS)}"
        code = f"Z{i:04d}"
        verdict = rng.choices(
            ("published", "cpc_no_report", "no_cpc", "unknown"), (55, 10, 20, 15)
        )[0]
        councils.append(_council(rng, code, name, verdict))
    return councils


def _council(rng: random.Random, code: str, name: str, verdict: str) -> SyntheticCouncil:
    codes = (code,)
    dates = f"{rng.randint(2, 20)} – {rng.randint(21, 27)} {rng.choice(('March', 'June', 'October'))} {rng.randint(2022, 2025)}"
    trail = TRAIL[-rng.randint(1, 3) :]
    hidden = rng.random() < 0.3  # reachable by navigation only
    pages: list[PageSpec] = []
    faults: set[str] = set()
    reason = None
    if verdict in ("published", "unknown"):
        fmt = rng.choice(("pdf", "pdf", "docx", "html"))
        mislabelled = "text/html; charset=utf-8" if rng.random() < WRONG_CONTENT_TYPE else None
        report_codes = codes if verdict == "published" else ()
        plan = Doc(
            "Corporate Peer Challenge action plan",
            f"{slugify(name)}-cpc-action-plan",
            texts.action_plan(name, dates),
            kind="action_plan",
            codes=report_codes,
        )
        if fmt == "html":
            pages.append(
                PageSpec(
                    (*trail, "Feedback report"),
                    f"LGA Corporate Peer Challenge – {name}",
                    ("Feedback report: " + dates, *texts.cpc_report(name, dates)),
                    kind="feedback_report",
                    codes=report_codes,
                    in_sitemap=not hidden,
                    searchable=not hidden,
                    charset="windows-1252" if rng.random() < LEGACY_CHARSET else "utf-8",
                )
            )
            docs: tuple[Doc, ...] = (plan,)
        else:
            docs = (
                Doc(
                    "LGA Corporate Peer Challenge feedback report",
                    f"{slugify(name)}-cpc-feedback-report",
                    texts.cpc_report(name, dates),
                    fmt=fmt,
                    kind="feedback_report",
                    codes=report_codes,
                    content_type=mislabelled,
                ),
                plan,
            )
        pages.append(
            PageSpec(
                trail,
                "Corporate Peer Challenge",
                texts.landing(name, dates.split(" ", 3)[-1]),
                docs=docs,
                in_sitemap=not hidden,
                searchable=not hidden,
            )
        )
        if verdict == "unknown":
            fault = rng.choice(sorted(UNKNOWN_FAULTS))
            faults.add(fault)
            reason = UNKNOWN_FAULTS[fault]
        else:
            faults |= {f for f, share in CPC_NUISANCES.items() if rng.random() < share}
    elif verdict == "cpc_no_report":
        pages.append(
            PageSpec(
                ("News", "Peer challenge team visits"),
                f"Peer challenge team visits {name}",
                texts.cpc_news_release(name, dates),
                date="1 November 2024",
                kind="announcement",
                codes=codes,
            )
        )
    elif rng.random() < 0.5:
        lookalike = rng.choice(
            (
                texts.finance_peer_challenge,
                texts.planning_peer_review,
                texts.communications_peer_review,
            )
        )
        pages.append(
            PageSpec(("Your council", "Peer reviews"), "Peer reviews", lookalike(name, dates))
        )
    if verdict != "unknown":
        faults |= {f for f, share in NUISANCES.items() if rng.random() < share}
    pages += _services(rng, name)
    params = SiteParams(
        f"www.{slugify(name)}.gov.uk",
        name,
        rng.choice(sorted(STYLES)),
        pages=tuple(pages),
        faults=frozenset(faults),
        sitemap=rng.choice(("plain", "index", None)),
    )
    return SyntheticCouncil(code, name, params, verdict, reason)


def _services(rng: random.Random, name: str) -> list[PageSpec]:
    pages = []
    for section in rng.sample(SERVICES, rng.randint(6, 12)):
        for topic in rng.sample(TOPICS, rng.randint(4, 8)):
            text = f"{topic} for {section.lower()} services provided by {name}."
            pages.append(PageSpec((section, topic), f"{section}: {topic}", (text,)))
            for leaf in rng.sample(LEAVES, rng.randint(0, 3)):
                pages.append(PageSpec((section, topic, leaf), f"{topic}: {leaf}", (text,)))
    return pages
