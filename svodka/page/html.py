"""HTML page layout: title, lead, body paragraphs and metadata from a news page's HTML.

Entry points: ``html_layout(html, url=None, date=None) -> dict`` and ``visible_lines(html)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from svodka.page import html_meta as hm

# Elements whose text is never shown.
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
        "object", "embed", "svg", "math", "select", "option", "button", "textarea", "input", "map"}
# Elements that start and end a line (innerText's block boxes; table cells too, since old
# layout tables put whole page columns into cells).
BLOCK = {"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
         "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu",
         "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
         "ul", "caption"}
CELLS = {"td", "th"}
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
    buf: list[tuple[str, bool]] = []  # (text, inside a link)
    state = {"elem": root, "heading": None}

    def flush():
        text = _SPACE.sub(" ", "".join(t for t, _ in buf)).strip()
        if text:
            link = sum(len(_SPACE.sub(" ", t).strip()) for t, in_link in buf if in_link)
            lines.append(Line(text, min(link, len(text)), state["elem"], state["heading"]))
        buf.clear()

    # Stack items: (kind, element, inside a link, enclosing block element, enclosing heading);
    # "open" renders the element, "tail" closes it and renders its tail text.
    stack: list[tuple] = [("open", root, False, root, None)]
    while stack:
        kind, el, in_link, block_el, heading = stack.pop()
        if kind == "tail":
            if _tag(el) in BLOCK:
                flush()
            state["elem"], state["heading"] = block_el, heading
            if el.tail:
                buf.append((el.tail, in_link))
            continue
        tag = _tag(el)
        if tag in SKIP or not tag or _hidden(el):
            stack.append(("tail", el, in_link, block_el, heading))
            continue
        if tag == "br" or tag in BLOCK:
            flush()
        elif tag in CELLS:
            buf.append((" ", False))
        inner_block = el if tag in BLOCK else block_el
        inner_heading = tag if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else heading
        inner_link = in_link or (tag == "a" and el.get("href") is not None)
        state["elem"], state["heading"] = inner_block, inner_heading
        if el.text:
            buf.append((el.text, inner_link))
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


# class/id words of page furniture: comments, related lists, share bars, menus, ads, ratings.
FURNITURE = re.compile(
    r"comment|коммент|relat|share|social|twitter|facebook|vkontakte|footer|(?:^|[\W_])nav|menu"
    r"|sidebar|banner|advert|adriver|(?:^|[\W_])ads?(?:$|[\W_])|crumb|rating|(?:^|[\W_])vote|poll"
    r"|assessment|popular|most[_-]|teaser|subscri|login|(?:^|[\W_])tags?(?:$|[\W_])|print"
    r"|widget|reply|captcha", re.I)


def furniture_lines(lines: list[Line], title_idx: int | None) -> list[bool]:
    """Lines inside an element whose class/id names furniture (comments, share, related …).
    The elements holding the headline and the first paragraph after it are the article,
    whatever their names; without a headline, so is an element with most of the page's prose."""
    keep: set = set()
    if title_idx is not None:
        first = next((i for i in range(title_idx + 1, len(lines)) if line_score(lines[i]) > 0),
                     title_idx)
        for i in {title_idx, first}:
            keep.update(lines[i].elem.iterancestors())
            keep.add(lines[i].elem)
    else:
        prose: dict[object, float] = {}
        for ln in lines:
            s = max(0.0, line_score(ln))
            for el in (ln.elem, *ln.elem.iterancestors()):
                prose[el] = prose.get(el, 0.0) + s
        total = max(prose.values(), default=0.0)
        keep = {el for el, mass in prose.items() if mass > 0.5 * total}
    verdict: dict[object, bool] = {}

    def is_furniture(el) -> bool:
        if el in verdict:
            return verdict[el]
        chain, found = [], False
        while el is not None and el not in verdict:
            chain.append(el)
            el = el.getparent()
        found = verdict.get(el, False) if el is not None else False
        for node in reversed(chain):
            if not found and node not in keep:
                marks = (node.get("class") or "") + " " + (node.get("id") or "")
                found = node.tag == "form" or bool(FURNITURE.search(marks))
            verdict[node] = found
        return found

    return [is_furniture(ln.elem) for ln in lines]


def _signature(el) -> tuple:
    parent = el.getparent()
    return (el.tag, el.get("class"), None if parent is None else (parent.tag, parent.get("class")))


def teaser_lines(lines: list[Line]) -> list[bool]:
    """Announcements of other articles: prose lines sandwiched between link lines (a headline
    link before, the next headline link soon after), repeated in the same kind of element."""
    heavy = [hm.link_heavy(ln) for ln in lines]
    short = [len(hm.words(ln.text)) < 6 for ln in lines]
    n = len(lines)

    def link_near(i: int, step: int, skip: int) -> bool:
        """A link line next to ``i`` in direction ``step``, past at most ``skip`` short lines."""
        j = i + step
        while 0 <= j < n:
            if heavy[j]:
                return True
            if not short[j] or skip == 0:
                return False
            skip, j = skip - 1, j + step
        return False

    sandwiched = [not heavy[i] and not short[i] and link_near(i, -1, 1) and link_near(i, 1, 2)
                  for i in range(n)]
    counts: dict[tuple, int] = {}
    for i in range(n):
        if sandwiched[i]:
            sig = _signature(lines[i].elem)
            counts[sig] = counts.get(sig, 0) + 1
    return [sandwiched[i] and counts[_signature(lines[i].elem)] >= 2 for i in range(n)]


def sentence_shaped(text: str, words: list[str]) -> bool:
    """Prose, not a menu: no run of " | " separators, not a string of capitalised words."""
    if len(re.findall(r"\s[|•·]\s", text)) >= 2:
        return False
    capitals = sum(w[0].isupper() for w in words if w[0].isalpha()) / max(1, len(words))
    return capitals <= 0.75 and (capitals <= 0.4 or bool(re.search(r"[.,;:!?…]", text)))


def line_score(line: Line, furniture: bool = False) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative)."""
    n = len(line.text)
    density = line.link_chars / max(1, n)
    words = re.findall(r"\w+", line.text)
    if density > 0.5 or furniture:
        return -max(10.0, 0.5 * n)
    long_enough = len(words) >= 12 or (len(words) >= 6 and _SENTENCE_END.search(line.text))
    if long_enough and sentence_shaped(line.text, words):
        return n * (1 - density)
    return -10.0


# Headings of what follows an article: comments, related and latest news, share prompts.
END_MARKER = re.compile(
    r"^(?:комментарии|обсуждение|отзывы|добавить комментарий|оставить комментарий|ваш комментарий"
    r"|читайте также|читайте еще|смотрите также|см\. также|новости по теме|похожие новости"
    r"|другие новости|материалы по теме|ссылки по теме|по теме|ещё по теме|еще по теме"
    r"|последние новости|главные новости|популярное|самое читаемое|самое популярное"
    r"|новости партнеров|новости партнёров|реклама|поделиться)\s*(?:\(\d+\))?\s*:?$", re.I)


# Sentences that close a page rather than an article: share and follow prompts, comment and
# error-report invitations, reprint and copyright notes.
TRAILER = re.compile(
    r"поделит|социальн\w* сет|facebook|twitter|вконтакте|подпис\w* на|комментир|комментари"
    r"|читайте (?:нас|новости)|заметили ошибку|ошибк\w* в тексте|ctrl\s*\+|перепечат|гиперссылк"
    r"|ссылка на .{0,40}обязательна|все права|права защищены|при (?:использовании|цитировании)"
    r"|^©|^источник\s*:|новость была", re.I)


def segments(scores: list[float], start: int, small_gap: float) -> list[tuple[int, int, float, float]]:
    """Runs of prose after ``start``: (first, stop, prose mass, penalty of the gap before).
    Gaps cheaper than ``small_gap`` (a caption, a share button) stay inside a run."""
    out: list[tuple[int, int, float, float]] = []
    i, n, gap = start, len(scores), 0.0
    while i < n:
        if scores[i] <= 0:
            j, g = i, 0.0
            while j < n and scores[j] <= 0:
                g += scores[j]
                j += 1
            if out and -g < small_gap and j < n:
                a, _, mass, before = out[-1]
                out[-1] = (a, j, mass + g, before)
            else:
                gap = g
            i = j
            continue
        j, mass = i, 0.0
        while j < n and scores[j] > 0:
            mass += scores[j]
            j += 1
        if out and out[-1][1] == i:  # merged across a small gap
            a, _, m, before = out[-1]
            out[-1] = (a, j, m + mass, before)
        else:
            out.append((i, j, mass, gap))
        gap, i = 0.0, j
    return out


def article_span(lines: list[Line], scores: list[float], start: int, bridge: float = 2.0,
                 small_gap: float = 30.0) -> tuple[int, int]:
    """[start, stop): the article after its headline. Prose runs are taken in order while each
    outweighs ``bridge`` times the furniture gap before it; an end marker line stops it."""
    stop, mass = start, 0.0
    for a, b, seg_mass, gap in segments(scores, start, small_gap):
        # A marker ends it, unless a box inside the text carried it: then the text resumes with
        # more prose than all before it.
        ended = (mass > 0 and any(END_MARKER.match(lines[k].text) for k in range(stop, a))
                 and seg_mass < max(mass, bridge * -gap))
        if ended or (mass > 0 and seg_mass < bridge * -gap):
            break
        stop, mass = b, mass + seg_mass
    return start, stop


def best_span(scores: list[float]) -> tuple[int, int]:
    """[a, b) with the largest score sum (no headline to anchor on)."""
    best, total, a, span = 0.0, 0.0, 0, (0, 0)
    for i, s in enumerate(scores):
        if total <= 0:
            total, a = 0.0, i
        total += s
        if total > best:
            best, span = total, (a, i + 1)
    return span


# --- trafilatura as a second opinion -----------------------------------------------------

def trafilatura_paragraphs(html: str) -> list[str]:
    """trafilatura's main-text paragraphs (precision mode), [] when it finds none or fails."""
    try:
        import trafilatura      # heavy (~0.3 s to import): only when an HTML page is read
        text = trafilatura.extract(html, favor_precision=True, include_comments=False)
    except Exception:  # noqa: BLE001 - a second opinion must never break the page
        return []
    return [hm.norm(p) for p in (text or "").splitlines() if hm.norm(p)]


def locate(lines: list[Line], paragraphs: list[str]) -> int | None:
    """Index of the line where the first substantial paragraph of ``paragraphs`` starts."""
    for para in paragraphs:
        if len(para) < 40:
            continue
        for i, ln in enumerate(lines):
            if len(ln.text) >= 20 and (ln.text in para or para in ln.text):
                return i
        break
    return None


# --- the page ----------------------------------------------------------------------------

_CAPTION_CLASS = re.compile(r"caption|podpis|credit|copyright|(?:photo|foto|img|image|pic|media)"
                            r"[-_]?(?:text|desc|sign|title|copy|author|source)", re.I)


def _is_caption(line: Line) -> bool:
    """A photo caption or credit: "Фото: …" lines, or short text in a caption/photo element."""
    if hm.is_credit_line(line.text):
        return True
    if len(line.text) > 250:
        return False
    if hm.CREDIT.search(line.text):
        return True
    el = line.elem
    marks = " ".join((x.get("class") or "") + " " + (x.get("id") or "")
                     for x in (el, el.getparent()) if x is not None)
    return el.tag == "figcaption" or (len(line.text) <= 200 and bool(_CAPTION_CLASS.search(marks)))


def _mass(scores: list[float], a: int, b: int) -> float:
    return sum(x for x in scores[a:b] if x > 0)


def html_layout(html: str, *, url: str | None = None, date: str | None = None) -> dict:
    """Article fields found on an HTML news page (see ``svodka.model.Article``)."""
    root = parse_html(html)
    meta, ld, props = hm.meta_tags(root), hm.jsonld_article(root), hm.itemprops(root)
    body_el = root.find("body")
    lines = render_lines(body_el if body_el is not None else root)
    traf: list[int | None] = []

    def text_start() -> int | None:  # where trafilatura's main text starts, computed once
        if not traf:
            traf.append(locate(lines, trafilatura_paragraphs(html)))
        return traf[0]

    title, t_idx = hm.choose_title(lines, hm.meta_titles(root, meta, ld),
                                   [line_score(ln) > 0 for ln in lines], text_start)
    furniture, teasers = furniture_lines(lines, t_idx), teaser_lines(lines)
    scores = [line_score(ln, f or t) for ln, f, t in zip(lines, furniture, teasers)]
    anchor = t_idx + 1 if t_idx is not None else text_start()
    a, b = article_span(lines, scores, anchor) if anchor is not None else best_span(scores)
    if t_idx is not None and _mass(scores, a, b) < 400 and text_start() not in (None, a):
        # A weak body under the headline (the headline line may have been a teaser elsewhere):
        # trafilatura's main text wins when it holds much more prose.
        a2, b2 = article_span(lines, scores, text_start())
        if _mass(scores, a2, b2) > 2 * _mass(scores, a, b):
            a, b = a2, b2
    while b > a and (scores[b - 1] <= 0 or len(lines[b - 1].text) <= 300
                     and TRAILER.search(lines[b - 1].text)):
        b -= 1  # the article ends before trailing prompts and notes

    prose = [i for i in range(a, b) if scores[i] > 0]

    def in_body(i: int) -> bool:
        """Prose, or a short sentence between two paragraphs of the article."""
        ln = lines[i]
        return scores[i] > 0 or (
            prose[0] < i < prose[-1] and not (furniture[i] or teasers[i] or hm.link_heavy(ln))
            and len(hm.words(ln.text)) >= 3 and bool(_SENTENCE_END.search(ln.text))
            and scores[i - 1] > 0 and scores[i + 1] > 0)

    used: set[int] = {t_idx} if t_idx is not None else set()
    media, body_idx = [], []
    for i in range(t_idx + 1 if t_idx is not None and t_idx < a else a, b):
        if _is_caption(lines[i]):
            caption, credit = hm.split_credit(lines[i].text)
            media.append({"caption": caption, "credit": credit})
            used.add(i)
        elif i >= a and lines[i].text != title and in_body(i):
            body_idx.append(i)
    media += [m for m in hm.figure_media(root) if m not in media]
    lead = None
    if body_idx:
        first = lines[body_idx[0]]
        nxt = lines[body_idx[1]].elem if len(body_idx) > 1 else None
        if hm.is_lead(first.text, first.elem, hm.descriptions(meta, ld), nxt):
            lead = first.text
            used.add(body_idx.pop(0))
    used.update(body_idx)
    site_url = url or hm.canonical_url(root, meta)
    texts = [ln.text for ln in lines]
    names = hm.authors(meta, ld, props, root)
    return {
        "title": title or None,
        "alt_titles": hm.alt_titles(title, meta, ld),
        "lead": lead,
        "body": [lines[i].text for i in body_idx],
        "published": hm.published(html, meta, ld, date),
        "rubric": hm.rubric(root, meta, ld, props, title),
        "authors": names,
        "tags": hm.tags(meta, ld, texts[a:b + 5]),
        "media": media,
        "url": site_url,
        "site": hm.site_of(site_url),
        "site_name": hm.site_name(meta, ld),
        "boilerplate": [ln.text for i, ln in enumerate(lines) if i not in used and ln.text not in names],
        "language": hm.language(root, meta, " ".join(texts[a:b]) or " ".join(texts)),
    }
