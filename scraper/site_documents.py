"""CPC material found on a council's site, and the documents built from it.

A `Find` is parsed once, where the response is examined; `document_for` turns it into the
`FoundDocument` the run stores, with the councils a joint report names added to the site's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from db.resolver import Resolver
from db.runs import FoundDocument
from scraper.classify import Classification, ExtractedText, content_fingerprint, human_title
from scraper.discovery.documents import file_kind


@dataclass(frozen=True)
class Find:
    """A response the classifier accepted as CPC material, with what its document needs."""

    url: str
    classification: Classification
    extracted: ExtractedText
    #: The Content-Type header as served (parameters and all).
    content_type: str
    size: int
    #: Served by a committee system (modern.gov, CMIS, /committees pages).
    on_committee: bool

    @property
    def source(self) -> str:
        return "committee" if self.on_committee else "council"

    def file_kind(self, link_text: str) -> str | None:
        """Its kind as a file, read with the text of the link that led to it."""
        return file_kind(
            self.classification, link_text, on_committee_system=self.on_committee, url=self.url
        )


def document_for(
    find: Find, kind: str, codes: tuple[str, ...], link_text: str, resolver: Resolver
) -> FoundDocument:
    """The stored document: the site's councils, plus the partners a joint report names."""
    found = find.classification
    owners = list(codes)
    for name in found.council_names:
        match = resolver.resolve(name)
        if match.status == "joint" and set(match.codes) & set(codes):
            owners += [c for c in match.codes if c not in owners]
    visit = found.visit
    return FoundDocument(
        url=find.url,
        kind=kind,
        title=human_title(find.extracted.title, link_text, found),
        source=find.source,
        council_codes=tuple(owners),
        content_hash=content_fingerprint(find.extracted.text),
        visit_start=visit.start_iso if visit else None,
        visit_end=visit.end_iso if visit else None,
        content_type=find.content_type.split(";")[0].strip(),
        size=find.size,
        text=find.extracted.text,
    )


def documents_from_files(
    files: Iterable[Find], codes: tuple[str, ...], link_texts: dict[str, str], resolver: Resolver
) -> Iterator[FoundDocument]:
    """The site's files, each kind decided only now: a link met later may name it better."""
    for find in files:
        link_text = link_texts.get(find.url, "")
        yield document_for(find, find.file_kind(link_text), codes, link_text, resolver)
