"""HTML reader: the page's main content as headings, paragraphs, lists and tables.

Boilerplate goes first: scripts, navigation, headers, footers, sidebars, forms and
cookie or consent banners (recognised by element, ARIA role, or id/class words).
The main content is the first of ``main``, ``[role=main]``, ``article``, ``#content``…
that holds real text, else the body.  Lists made only of links (menus, "download"
lists, tables of contents) are dropped too.  Page metadata (title, date, site name,
canonical URL, language) is kept as properties for metadata extraction.
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from styrsignal.ingest.builder import TextBuilder
from styrsignal.ingest.text import decode_bytes
from styrsignal.model import Extracted

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
              "nav", "header", "footer", "aside", "head", "object", "canvas", "dialog")
_DROP_SELECTORS = ('[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="search"]',
                   '[role="dialog"]', '[aria-hidden="true"]', "[hidden]")
_BOILERPLATE = re.compile(
    r"(^|[-_ ])(cookie|cookies|consent|gdpr|banner|breadcrumbs?|skip-?link|share|sharing|social|"
    r"sidebar|sidenav|topnav|navbar|menu|megamenu|footer|header|newsletter|related|puff)([-_ ]|$)", re.I)
_MAIN_SELECTORS = ("main", '[role="main"]', "article", "#content", "#main", "#maincontent",
                   "#main-content", ".main-content", ".content", "#innehall", ".page-content")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "ul", "ol", "li", "table", "h1", "h2", "h3",
               "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption",
               "address", "center", "body", "fieldset", "details", "summary", "hr", "tr", "td", "th",
               "tbody", "thead", "tfoot", "caption"}
_META_KEYS = {
    "title": ("og:title", "dc.title", "dcterms.title", "twitter:title"),
    "date": ("dc.date", "dcterms.date", "dc.date.issued", "dcterms.issued", "article:published_time",
             "og:published", "published", "date", "citation_publication_date", "pubdate"),
    "modified": ("dc.date.modified", "dcterms.modified", "article:modified_time", "last-modified"),
    "site_name": ("og:site_name", "application-name"),
    "author": ("dc.creator", "author", "dcterms.creator"),
    "publisher": ("dc.publisher", "dcterms.publisher"),
    "description": ("description", "og:description", "dc.description"),
    "source_url": ("og:url", "dc.identifier"),
    "language": ("dc.language", "og:locale", "content-language"),
    "keywords": ("keywords", "dc.subject"),
}


def read_html(path: Path) -> Extracted:
    raw = path.read_bytes()
    text, warnings = decode_bytes(raw, declared=_declared_charset(raw))
    tree = LexborHTMLParser(text)
    builder = TextBuilder("html")
    builder.warnings.extend(warnings)
    builder.properties.update(_properties(tree))
    body = tree.body
    if body is not None:
        _strip_boilerplate(body)
        _Walker(builder).walk(_main_content(body))
    return builder.build()


def _declared_charset(raw: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096], re.I)
    return match.group(1).decode("ascii").lower() if match else None


def _properties(tree: LexborHTMLParser) -> dict[str, str]:
    metas: dict[str, str] = {}
    for meta in tree.css("meta"):
        key = (meta.attributes.get("property") or meta.attributes.get("name")
               or meta.attributes.get("http-equiv") or "")
        content = meta.attributes.get("content") or ""
        if key and content.strip() and key.lower() not in metas:
            metas[key.lower()] = " ".join(content.split())
    props: dict[str, str] = {}
    for field, keys in _META_KEYS.items():
        for key in keys:
            if metas.get(key):
                props[field] = metas[key]
                break
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        props["html_title"] = " ".join(title.text().split())
        props.setdefault("title", props["html_title"])
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        props.setdefault("source_url", canonical.attributes["href"] or "")
    html = tree.css_first("html")
    if html is not None and html.attributes.get("lang"):
        props.setdefault("language", html.attributes["lang"] or "")
    h1 = tree.css_first("h1")
    if h1 is not None and h1.text(strip=True):
        props["h1"] = " ".join(h1.text().split())
    return props


def _strip_boilerplate(body: LexborNode) -> None:
    for selector in (*_DROP_TAGS, *_DROP_SELECTORS):
        for node in body.css(selector):
            node.decompose()
    for node in body.css("[id], [class]"):
        marker = f"{node.attributes.get('id') or ''} {node.attributes.get('class') or ''}"
        if _BOILERPLATE.search(marker) and node.tag not in ("main", "article", "body"):
            node.decompose()


def _main_content(body: LexborNode) -> LexborNode:
    total = len(body.text(strip=True))
    for selector in _MAIN_SELECTORS:
        candidates = body.css(selector)
        if len(candidates) == 1:
            node = candidates[0]
            if len(node.text(strip=True)) >= max(200, total * 0.2):
                return node
    return body


class _Walker:
    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self.inline: list[str] = []

    def flush(self) -> None:
        text = "".join(self.inline).strip()
        self.inline = []
        if text:
            self.builder.paragraph(text)

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.inline.append(child.text_content or "")
            elif tag == "br":
                self.inline.append("\n")
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.flush()
                self.builder.heading(child.text(separator=" "), int(tag[1]))
            elif tag == "p" or tag in ("pre", "dt", "dd", "figcaption", "caption", "address", "summary"):
                self.flush()
                self.walk(child)
                self.flush()
            elif tag in ("ul", "ol"):
                self.flush()
                self.list(child)
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            elif tag is not None and not tag.startswith("-"):
                self.walk(child)  # inline element: its text joins the current run

    def list(self, node: LexborNode) -> None:
        items = [li for li in node.iter() if li.tag == "li"]
        if len(items) >= 3 and _is_link_list(items):
            return
        for item in items:
            nested = [child for child in item.iter() if child.tag in ("ul", "ol")]
            text = _text_without_lists(item)
            if text:
                self.builder.list_item(text)
            for child in nested:
                self.list(child)

    def table(self, node: LexborNode) -> None:
        rows: list[list[str]] = []
        for row in node.css("tr"):
            cells = [" ".join(cell.text(separator=" ").split()) for cell in row.iter()
                     if cell.tag in ("td", "th")]
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        if max(len(r) for r in rows) <= 1:
            for r in rows:
                self.builder.paragraph(r[0] if r else "")
        else:
            self.builder.table(rows)


def _text_without_lists(item: LexborNode) -> str:
    parts: list[str] = []
    for child in item.iter(include_text=True):
        if child.tag in ("ul", "ol"):
            continue
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag == "br":
            parts.append(" ")
        else:
            parts.append(child.text(separator=" "))
    return " ".join("".join(parts).split())


def _is_link_list(items: list[LexborNode]) -> bool:
    linked = 0
    for item in items:
        text = item.text(strip=True)
        link_text = "".join(a.text(strip=True) for a in item.css("a"))
        if text and len(link_text) >= 0.8 * len(text):
            linked += 1
    return linked >= 0.8 * len(items)
