"""Finding schema.org JobPostings in a page.

JSON-LD blocks are read one by one, each leniently (the standard parser first, then
json-repair for trailing commas, comments and the like), so one broken block never hides a
valid one beside it. Microdata is read by extruct. When neither holds a posting, the page's
own meta tags give a prefill. No regular expressions over HTML: lxml parses the page.
"""

import json
import re
from typing import Any

import json_repair
import lxml.etree  # type: ignore[import-untyped]

# Structured data nests a few levels (a page, its graph, a posting, its place, its address);
# anything deeper than this is not a job posting worth walking.
MAX_DEPTH = 16

Node = dict[str, Any]
ITEMSCOPE = re.compile("itemscope", re.IGNORECASE)


def parse_html(html: str) -> Any | None:
    """The page as an lxml tree, or None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    # Bytes, so a page that declares its own encoding in a <?xml?> line is still accepted;
    # the text is already decoded, so the parser is told it is UTF-8.
    data = html.replace("\x00", "").encode("utf-8", "replace")
    # lxml.etree's own HTML parser, not lxml.html's: plain elements are built about twice as
    # fast, and nothing here needs lxml.html's element methods.
    parser = lxml.etree.HTMLParser(encoding="utf-8", recover=True, huge_tree=True)
    try:
        return lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None


def strip_wrappers(text: str) -> str:
    """Drop the CDATA and HTML-comment wrappers some sites put around a JSON-LD block."""
    text = text.strip()
    for start, end in (("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>"), ("<!--", "-->")):
        if text.startswith(start):
            text = text[len(start) :]
            text = text.rstrip()
            if text.endswith(end):
                text = text[: -len(end)]
            text = text.strip()
    return text


def load_lenient(text: str) -> Any | None:
    """JSON, or JSON as sites really write it; None when nothing can be made of it."""
    text = strip_wrappers(text)
    if not text:
        return None
    try:
        # strict=False accepts raw newlines and tabs inside strings.
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    try:
        data = json_repair.loads(text)
    except (ValueError, RecursionError, IndexError, TypeError):
        return None
    # json-repair answers "" (or a bare string) when the text held no object at all.
    return data if isinstance(data, dict | list) else None


def type_names(node: Node) -> set[str]:
    """The node's types without their vocabulary: "JobPosting" for "http://schema.org/JobPosting"."""
    raw = node.get("@type", node.get("type"))
    names = raw if isinstance(raw, list) else [raw]
    return {
        n.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names if isinstance(n, str)
    }


def index_ids(data: Any, ids: dict[str, Node], depth: int = 0) -> None:
    """Every node with an @id, so a reference (``{"@id": "#org"}``) can be looked up."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        node_id = data.get("@id")
        if isinstance(node_id, str) and len(data) > 1:
            ids.setdefault(node_id, data)
        for value in data.values():
            index_ids(value, ids, depth + 1)
    elif isinstance(data, list):
        for value in data:
            index_ids(value, ids, depth + 1)


def find_postings(data: Any, found: list[Node], depth: int = 0) -> None:
    """Every JobPosting node inside ``data`` (a graph, an array, a page's mainEntity)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        if "JobPosting" in type_names(data):
            found.append(data)
            return
        for value in data.values():
            find_postings(value, found, depth + 1)
    elif isinstance(data, list):
        for value in data:
            find_postings(value, found, depth + 1)


def json_ld_postings(tree: Any) -> tuple[list[Node], dict[str, Node]]:
    """The postings in the page's JSON-LD blocks, and every node with an @id across them."""
    postings: list[Node] = []
    ids: dict[str, Node] = {}
    # lxml's iter() filters by tag in C: one walk of the tree, however large the page.
    for script in tree.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        data = load_lenient("".join(script.itertext()))
        if data is None:
            continue
        index_ids(data, ids)
        find_postings(data, postings)
    return postings, ids


def from_microdata(item: Any, depth: int = 0) -> Any:
    """An extruct microdata item in JSON-LD's shape (``@type`` and the properties)."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(item, list):
        return [from_microdata(value, depth + 1) for value in item]
    if isinstance(item, dict) and "properties" in item:
        node = {key: from_microdata(value, depth + 1) for key, value in item["properties"].items()}
        node["@type"] = item.get("type")
        return node
    return item


def microdata_postings(tree: Any, html: str) -> list[Node]:
    if not ITEMSCOPE.search(html):
        return []  # most pages: no need to walk the tree again
    try:
        # Imported here: extruct brings mf2py and more (~1 s, ~10 MB), and every server
        # worker would load it at start-up for pages that rarely hold microdata.
        from extruct.w3cmicrodata import MicrodataExtractor  # type: ignore[import-untyped]

        items = MicrodataExtractor().extract_items(tree, base_url="")
    except (ValueError, TypeError, AttributeError, lxml.etree.LxmlError):
        return []
    postings: list[Node] = []
    find_postings([from_microdata(item) for item in items], postings)
    return postings


def meta_tags(tree: Any) -> dict[str, str]:
    """The page's own description of itself: <title> and the meta tags (Open Graph too)."""
    found: dict[str, str] = {}
    # They belong in <head>; only a page without one (a fragment) is searched whole.
    head = tree.find("head")
    for element in (head if head is not None else tree).iter("meta", "link", "title"):
        if element.tag == "title":
            found.setdefault("<title>", " ".join("".join(element.itertext()).split()))
        elif element.tag == "link":
            rel, href = (element.get("rel") or "").strip().lower(), element.get("href")
            if rel == "canonical" and href:
                found.setdefault("<canonical>", href.strip())
        else:
            key = (element.get("property") or element.get("name") or "").strip().lower()
            content = (element.get("content") or "").strip()
            if key and content:
                found.setdefault(key, content)
    return found
