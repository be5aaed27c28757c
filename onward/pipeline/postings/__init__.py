"""Reading job postings from pages: what the import page, the bookmarklet, the API and
``onward import-posting`` share.

``read_page(html)`` answers a ``PageReading``: the postings found (each a dict with exactly
the keys of ``POSTING_KEYS``), else a prefill from the page's own meta tags (with the page's
visible text, for a reader that fills the fields from it on request: the assistant's local
model), and a sentence saying which.
"""

from dataclasses import dataclass, field
from typing import Any

from w3lib.encoding import html_to_unicode

from .extract import json_ld_postings, meta_tags, microdata_postings, parse_html
from .fetch import FetchError, fetch_page
from .fields import LOOKS_LIKE_MARKUP, POSTING_KEYS, block_text, clean_line, read_posting, text

__all__ = [
    "POSTING_KEYS",
    "FetchError",
    "PageReading",
    "decode_page",
    "read_file",
    "read_page",
    "read_text",
    "read_url",
]

# A saved page larger than this is not a job posting (the fetcher has the same cap).
MAX_PAGE_BYTES = 5 * 1024 * 1024

# A prefill's description is cut here; a page's meta description is short anyway.
PREFILL_DESCRIPTION_LIMIT = 5000

# A page without structured data keeps this much of its visible text (a job posting's text is
# rarely longer; a small local model reads about 3,000 words at most).
PAGE_TEXT_LIMIT = 12_000


@dataclass
class PageReading:
    postings: list[dict[str, Any]] = field(default_factory=list)
    prefill: dict[str, Any] | None = None
    message: str = ""
    url: str = ""
    # With a prefill only: the page's visible text (at most PAGE_TEXT_LIMIT characters).
    text: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"postings": self.postings, "prefill": self.prefill, "message": self.message}


def decode_page(body: bytes, content_type: str = "") -> str:
    """Bytes as text, in the charset the server or the page declares (a BOM, a Content-Type
    header, a <meta charset>), else UTF-8 (falling back to windows-1252, as browsers do)."""
    _, text = html_to_unicode(content_type or None, body)
    return text


def same_posting(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One posting given twice (as JSON-LD and as microdata, or in two identical blocks)."""
    return bool(a["title"]) and (a["title"], a["company"]) == (b["title"], b["company"])


def read_page(html: str, url: str = "") -> PageReading:
    """Everything Onward can learn from one page. Never raises on any text."""
    tree = parse_html(html)
    if tree is None:
        return PageReading(message="The page is empty: no job posting found.", url=url)
    meta = meta_tags(tree)
    url = url or web_address(meta.get("<canonical>") or meta.get("og:url"))
    nodes, ids = json_ld_postings(tree)
    postings: list[dict[str, Any]] = []
    for node in nodes + microdata_postings(tree, html):
        posting = read_posting(node, ids)
        if not (posting["title"] or posting["company"]):
            continue  # a posting with neither names nothing to track
        if any(same_posting(posting, seen) for seen in postings):
            continue
        postings.append(posting)
    if postings:
        names = "; ".join(
            " at ".join(part for part in (p["title"], p["company"]) if part) for p in postings[:3]
        )
        more = f" and {len(postings) - 3} more" if len(postings) > 3 else ""
        count = "a job posting" if len(postings) == 1 else f"{len(postings)} job postings"
        return PageReading(postings, None, f"Found {count}: {names}{more}.", url)
    prefill = prefill_from_meta(meta, url)
    if prefill:
        return PageReading(
            [],
            prefill,
            "No job posting found in the page's structured data; the title and description "
            "come from the page's own meta tags, so check them.",
            url,
            visible_text(tree),
        )
    return PageReading([], None, "No job posting found on this page.", url)


def prefill_from_meta(meta: dict[str, str], url: str) -> dict[str, Any] | None:
    title = text(meta.get("og:title") or meta.get("twitter:title") or meta.get("<title>"))
    if not title:
        return None
    description = block_text(
        meta.get("og:description") or meta.get("description") or meta.get("twitter:description")
    )
    return {
        "title": title[:200],
        "company": text(meta.get("og:site_name")),
        "description": description[:PREFILL_DESCRIPTION_LIMIT] if description else None,
        "url": url or None,
        "from": "meta tags",
    }


# Elements that start a new line of text, and those whose text a reader never sees.
BLOCKS = frozenset(
    {"title", "br", "hr", "p", "pre", "blockquote", "address", "div", "section", "article"}
    | {"main", "aside", "header", "footer", "nav", "form", "figure", "figcaption", "table"}
    | {"tr", "td", "th", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
)
HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})


def visible_text(tree: Any) -> str:
    """What a reader sees of the page: its text without markup, scripts or styles, one line
    per block, cut at PAGE_TEXT_LIMIT characters. One walk over the tree already parsed (no
    second parse), which stops once it has enough: a 2 MB page costs a few milliseconds."""
    chunks: list[str] = []
    size = 0
    # (element, False) on the way down, (element, True) on the way up, for the text after it.
    stack: list[tuple[Any, bool]] = [(tree, False)]
    while stack and size < PAGE_TEXT_LIMIT:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if closing:
            found = node.tail
            if tag in BLOCKS:
                chunks.append("\n")
        else:
            stack.append((node, True))
            if not tag or tag in HIDDEN:  # a comment, or text no reader sees
                continue
            if tag in BLOCKS:
                chunks.append("\n")
            found = node.text
            stack.extend((child, False) for child in reversed(node))
        if found:
            chunks.append(found.replace("\r", " ").replace("\n", " "))
            size += len(found)
    lines = (clean_line(line) for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)[:PAGE_TEXT_LIMIT]


def read_text(pasted: str) -> PageReading:
    """Pasted text: a page's HTML is read as a page; plain text becomes a prefill (its first
    line as the title, all of it as the description)."""
    if LOOKS_LIKE_MARKUP.search(pasted):
        return read_page(pasted)
    description = block_text(pasted)
    if not description:
        return PageReading(message="Nothing was pasted.")
    return PageReading(
        [],
        {
            "title": description.split("\n", 1)[0][:200],
            "company": None,
            "description": description,
            "url": None,
            "from": "pasted text",
        },
        "No job posting found in the pasted text; its first line is taken as the title, so "
        "check it.",
        text=description[:PAGE_TEXT_LIMIT],
    )


def web_address(url: str | None) -> str:
    url = (url or "").strip()
    return url if url.startswith(("https://", "http://")) and len(url) <= 500 else ""


def read_url(url: str) -> PageReading:
    """Fetch the page (safely: see fetch.py) and read it; raises FetchError."""
    fetched = fetch_page(url)
    return read_page(decode_page(fetched.body, fetched.content_type), url=fetched.url)


def read_file(body: bytes) -> PageReading:
    """A saved page (.html) as uploaded or named on the command line."""
    if len(body) > MAX_PAGE_BYTES:
        return PageReading(message="The file is larger than 5 MB: that is not a saved job page.")
    return read_page(decode_page(body))
