"""HTML page layout: title, lead, body paragraphs and metadata from a news page's HTML.

Entry points: ``html_layout(html, url=None, date=None) -> dict`` and ``visible_lines(html)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

# Elements whose text is never shown.
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
        "object", "embed", "svg", "math", "select", "option", "button", "textarea", "input", "map"}
# Elements that start and end a line (innerText's block boxes; table cells too, since old
# layout tables put whole page columns into cells).
BLOCK = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
         "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
         "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
         "thead", "tr", "ul", "caption", "noindex"}
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    """One rendered line of visible text and where it came from."""

    text: str
    link_chars: int          # characters of the line inside <a href>
    elem: object             # the innermost block element holding the line
    heading: str | None      # "h1".."h6" when the line sits inside a heading


def parse_html(html: str):
    """Parse with lxml; depth-tolerant (huge_tree) and immune to a wrong meta charset."""
    data = html.encode("utf-8", "replace")
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True,
                                  remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        root = lxml.html.document_fromstring("<html><body></body></html>")
    return root


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el) -> bool:
    """Hidden by the page itself (inline style or attribute): a browser would not show it."""
    style = el.get("style")
    return el.get("hidden") is not None or bool(style and _HIDDEN_STYLE.search(style))


def render_lines(root) -> list[Line]:
    """innerText-like rendering of ``root`` into lines, iteratively (no recursion limits)."""
    lines: list[Line] = []
    buf: list[str] = []
    link = [0]
    state = {"elem": root, "heading": None}

    def flush():
        text = _SPACE.sub(" ", "".join(buf)).strip()
        if text:
            ratio = min(1.0, link[0] / max(1, len("".join(buf))))
            lines.append(Line(text, round(ratio * len(text)), state["elem"], state["heading"]))
        buf.clear()
        link[0] = 0

    # Stack items: ("open", el, in_link, block_el, heading) or ("close", el, ..., prev state)
    stack: list[tuple] = [("open", root, False, root, None)]
    while stack:
        kind, el, in_link, block_el, heading = stack.pop()
        if kind == "tail":
            # el's tail text belongs to the enclosing block
            if _tag(el) in BLOCK:
                flush()
            state["elem"], state["heading"] = block_el, heading
            if el.tail:
                buf.append(el.tail)
                if in_link:
                    link[0] += len(el.tail)
            continue
        tag = _tag(el)
        if tag in SKIP or not tag or _hidden(el):
            stack.append(("tail", el, in_link, block_el, heading))
            continue
        if tag == "br":
            flush()
        is_block = tag in BLOCK
        inner_block = el if is_block else block_el
        inner_heading = tag if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else heading
        inner_link = in_link or (tag == "a" and el.get("href") is not None)
        if is_block:
            flush()
        state["elem"], state["heading"] = inner_block, inner_heading
        if el.text:
            buf.append(el.text)
            if inner_link:
                link[0] += len(el.text)
        stack.append(("tail", el, in_link, block_el, heading))
        for child in reversed(el):
            stack.append(("open", child, inner_link, inner_block, inner_heading))
    flush()
    return lines


def visible_lines(html: str) -> list[str]:
    """The page's visible text, one line per block, like a browser's innerText."""
    root = parse_html(html)
    body = root.find("body")
    return [ln.text for ln in render_lines(body if body is not None else root)]


# --- body selection ----------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")


def line_score(line: Line) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative)."""
    n = len(line.text)
    density = line.link_chars / max(1, n)
    words = len(re.findall(r"\w+", line.text))
    if density > 0.5:
        return -max(10.0, 0.5 * n)
    if words >= 12 or (words >= 6 and _SENTENCE_END.search(line.text)):
        return n * (1 - density)
    return -10.0


def best_span(scores: list[float], start: int | None) -> tuple[int, int]:
    """[a, b) with the largest score sum; starting at ``start`` when given (max prefix sum)."""
    if start is not None:
        best, total, end = 0.0, 0.0, start
        for i in range(start, len(scores)):
            total += scores[i]
            if total > best:
                best, end = total, i + 1
        return start, end
    best, total, a, span = 0.0, 0.0, 0, (0, 0)
    for i, s in enumerate(scores):
        if total <= 0:
            total, a = 0.0, i
        total += s
        if total > best:
            best, span = total, (a, i + 1)
    return span
