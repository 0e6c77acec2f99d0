"""Which URLs are documents (files), from the shapes council CMSs and committee systems use.

One table, so a newly met CMS is one row; the crawl (what to fetch as a document) and the
classifier (whether a URL is a file, and which links of a landing page point at files) both
read it. A file is fetched and read as a document; the page
linking it is then a landing page, never the report (issue 9, cause 6: a Liferay PDF behind an
extensionless URL made its landing page look like the report).
"""

from __future__ import annotations

import re

#: (CMS or system, URL pattern) of document URLs. Examples are real shapes.
FILE_URL_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        # Liferay: /documents/<group>/<folder>/<name>.pdf/<uuid>[?t=...], and the same with a
        # title that has no extension (/documents/10180/0/Peer+challenge+report/<uuid>)
        ("liferay", r"/documents/\d+/\d+/[^?#]+/[0-9a-f]{8}-[0-9a-f-]{27,}"),
        # any CMS: a file extension at the end of the path, before a query, or before a
        # document id that follows the file name (Liferay's ".pdf/<uuid>")
        ("extension", r"\.(?:pdf|docx?|odt|rtf|xlsx?|pptx?)(?:$|[?#/])"),
        # Jadu: /downloads/file/1234/name and /downloads/download/12/name; /download/12/name
        ("jadu", r"/downloads?/(?:file|download)/\d+|/download/\d+/"),
        # GOSS iCM: /media/12345/Name/pdf/name.pdf?m=... ; Umbraco: /media/<hex or number>/name
        ("goss", r"/media/\d+/[^/?#]+/(?:pdf|docx?)/"),
        # (also without an extension: /media/5530/peer-challenge-2024)
        ("umbraco", r"/media/\d+/[^/?#]+(?:$|[?#])|/media/[0-9a-f]{6,}/[^/?#]+\.(?:pdf|docx?)"),
        # Drupal (LocalGov and others): the public and private file directories hold files only
        ("drupal", r"/(?:sites/[^/]+/files|system/files)/[^?#]+"),
        # modern.gov papers and packs: /documents/s123/Name.pdf, /documents/b123/..., mgConvert2PDF
        ("moderngov", r"/documents/[sbgi]\d+/|mgConvert2PDF\.aspx"),
        # CMIS and other ASP.NET document handlers: Document.ashx?..., GetDocument.ashx
        ("ashx", r"/[\w-]*(?:document|download|file|getdoc)\w*\.ashx(?:$|\?)"),
        # Contensis: /_resources/assets/attachment/full/0/12345.pdf (and extensionless ones)
        ("contensis", r"/_resources/assets/attachment/"),
        # Sharepoint-style and generic download handlers
        ("download_handler", r"/(?:download|getfile|file)\.aspx\?|/_layouts/\d+/download\.aspx"),
    )
)


def file_shape(url: str) -> str | None:
    """The name of the first document shape this URL has, or None for a page."""
    for name, pattern in FILE_URL_SHAPES:
        if pattern.search(url):
            return name
    return None


def looks_like_file(url: str) -> bool:
    return file_shape(url) is not None
