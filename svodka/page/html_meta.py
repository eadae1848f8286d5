"""Metadata evidence of an HTML news page and the choice of its headline.

JSON-LD, OpenGraph/meta, microdata, breadcrumbs, photo credits, and ``choose_title``, which
weighs the meta titles against the rendered lines (``html.Line``). Plain values out;
``html.html_layout`` assembles them.
"""
from __future__ import annotations

import json
import re

from ..lang.calendar import month_prefixes
from ..lang.language import language_of
from ..lang.sites import site_of

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                 "blogposting", "opinionnewsarticle", "backgroundnewsarticle", "report",
                 "webpage", "liveblogposting"}
_SPACE = re.compile(r"\s+")
_ISO = re.compile(r"((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])")
# "Фото: Имя Фамилия / ТАСС", "(Фото: …)", "Фото — …", "Photo: …"
CREDIT = re.compile(r"[(\[]?\s*(?:фото(?:графия)?|photo|иллюстрация|источник фото|кадр)"
                    r"\s*(?::|—|-|–)\s*([^()\[\]\n]{2,120}?)\s*[)\]]?\s*$", re.I)
TAG_LINE = re.compile(r"^\s*(?:теги|тэги|метки|ключевые слова|tags)\s*:\s*(.+)$", re.I)


def norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def iso_date(value) -> str | None:
    """``YYYY-MM-DD`` out of an ISO-like date string (2012-01-05T06:47, 20120105T0647+0400)."""
    if not isinstance(value, str):
        return None
    m = _ISO.search(value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


# --- JSON-LD ---------------------------------------------------------------------------

def _walk_ld(obj, out: list[dict]) -> None:
    stack = [obj]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(reversed(cur))
        elif isinstance(cur, dict):
            types = cur.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
                out.append(cur)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                if isinstance(cur.get(key), (list, dict)):
                    stack.append(cur[key])


def jsonld_article(root) -> dict:
    """The page's JSON-LD article object (a NewsArticle before a plain WebPage), or {}."""
    found: list[dict] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            _walk_ld(json.loads(script.text.strip().rstrip(";"), strict=False), found)
        except (ValueError, RecursionError):
            continue
    found.sort(key=lambda d: str(d.get("@type")).lower() == "webpage")
    return found[0] if found else {}


def names(value) -> list[str]:
    """Person names out of a JSON-LD author value: string, {"name": …} or a list of them."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and norm(name) and norm(name) not in out:
            out.append(norm(name))
    return out


def split_list(value) -> list[str]:
    """Keywords or tags given as one comma-separated string or as a list."""
    items = value if isinstance(value, list) else re.split(r"[,;]", value or "")
    out = []
    for item in items:
        item = norm(item if isinstance(item, str) else "")
        if item and item not in out:
            out.append(item)
    return out


# --- meta / microdata ------------------------------------------------------------------

def meta_tags(root) -> dict[str, list[str]]:
    """``<meta>`` values by lower-cased name/property/itemprop, in page order."""
    out: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        value = norm(el.get("content"))
        if key and value:
            out.setdefault(key.lower().strip(), []).append(value)
    return out


def itemprops(root) -> dict[str, list]:
    """Microdata: itemprop name → elements (not <meta>), in page order."""
    out: dict[str, list] = {}
    for el in root.iterfind(".//*[@itemprop]"):
        if el.tag != "meta":
            for key in (el.get("itemprop") or "").split():
                out.setdefault(key, []).append(el)
    return out


def canonical_url(root, meta: dict[str, list[str]]) -> str | None:
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith("http"):
            return el.get("href")
    url = (meta.get("og:url") or [None])[0]
    return url if url and url.startswith("http") else None


def breadcrumbs(root) -> list[str]:
    """Texts of the page's breadcrumb trail (class/id "breadcrumb" or BreadcrumbList)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("itemtype")))).lower()
        if "breadcrumb" in marks:
            items = [norm(a.text_content()) for a in el.iter("a")]
            items = [t for t in items if t and len(t) < 60]
            if items:
                return items
    return []


CYRILLIC_LANGS = {"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"}


def language(root, meta: dict[str, list[str]], text: str) -> str | None:
    """Language code: the letters of the text decide (pages often keep a template's wrong
    ``lang="en"``; ru/uk by the Ukrainian letters); the declared <html lang>/og:locale only
    names a language the letters cannot tell apart."""
    declared = None
    for value in (root.get("lang"), root.get("xml:lang"), *(meta.get("og:locale") or [])):
        if value and re.match(r"^[a-zA-Z]{2,3}\b", value):
            declared = value[:2].lower()
            break
    letters = re.findall(r"[^\W\d_]", text[:20000])
    if len(letters) < 50:
        return declared
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in letters) / len(letters)
    if cyr > 0.5:
        if declared in CYRILLIC_LANGS - {"ru", "uk"}:
            return declared
        return language_of(text[:20000]) or "ru"
    if cyr < 0.1:
        return declared if declared and declared not in CYRILLIC_LANGS else "en"
    return declared


# --- photo captions and credits --------------------------------------------------------

def split_credit(text: str) -> tuple[str | None, str | None]:
    """("caption", "credit") out of a caption line ending in a "Фото: …" credit, or a bare
    "© Agency" credit line."""
    text = norm(text)
    if text.startswith("©"):
        rest = norm(text[1:])
        m = CREDIT.match(rest)
        return None, (norm(m.group(1)) if m else rest) or None
    m = CREDIT.search(text)
    if not m:
        return (text or None), None
    caption = norm(text[: m.start()]).rstrip(".,;:—-– ")
    return (caption or None), norm(m.group(1)).rstrip(".")


def is_credit_line(text: str) -> bool:
    """A whole line that only credits a photo ("Фото: Иван Петров / ТАСС")."""
    m = CREDIT.search(text)
    return bool(m) and m.start() == 0 and len(text) < 140


def figure_media(root) -> list[dict]:
    """Captions and credits from <figcaption> and caption-like elements."""
    out: list[dict] = []
    for el in root.iter("figcaption"):
        caption, credit = split_credit(el.text_content())
        if caption or credit:
            out.append({"caption": caption, "credit": credit})
    return out


# --- title -----------------------------------------------------------------------------
# Lines are ``html.Line`` records (text, link_chars, elem, heading).

def link_heavy(line) -> bool:
    return line.link_chars > 0.5 * len(line.text)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def contained(part: str, whole: str) -> float:
    """Share of ``part``'s words that occur in ``whole`` (1.0: a title inside "title - site")."""
    a, b = words(part), set(words(whole))
    return sum(w in b for w in a) / len(a) if a else 0.0


_GLUE = re.compile(r"(?:[-|:/»—–·•]{1,2}|::)\s*$")
_DATE_LIKE = re.compile(r"\d{1,2}:\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d{1,2}\s+"
                        rf"(?:{month_prefixes(('nomn', 'gent'))})", re.I)     # "24 декабря", "1 май"


def part_of(line: str, meta: str) -> bool:
    """``line`` is ``meta`` or ``meta`` minus a site name glued with a separator."""
    k = meta.find(line)
    if k < 0 or not line:
        return False
    before, after = meta[:k], meta[k + len(line):]
    return (not before.strip() or bool(_GLUE.search(before))) and \
        (not after.strip() or bool(re.match(r"\s*(?:[-|:/»—–·•]{1,2}|::)", after)))


def _headline_like(line) -> bool:
    n_words = len(words(line.text))
    letters = [ch for ch in line.text if ch.isalpha()]
    return (3 <= n_words <= 40 and 15 <= len(line.text) <= 250
            and (not line.text.endswith(".") or line.heading is not None)
            and not _DATE_LIKE.search(line.text) and "|" not in line.text
            and sum(ch.isupper() for ch in letters) < 0.6 * len(letters))


def _titled(line) -> bool:
    """Marked as a heading: an h-tag, or a class/id saying title/head."""
    marks = (line.elem.get("class") or "") + (line.elem.get("id") or "")
    return bool(line.heading or re.search(r"title|head|zag", marks, re.I))


def choose_title(lines: list, metas: list[str], prose: list[bool],
                 anchor=None) -> tuple[str | None, int | None]:
    """The headline and its line index. In order: the h1 that the meta titles agree with (or the
    only plain h1 of a page without them); a line that is a meta title minus a glued site name
    (" - Site", "Site | ") with ``prose`` after it; the only plain h1; the headline-like line
    at the start of the main text (``anchor()``: where it starts, computed only when needed);
    the meta title itself."""
    h1s = [i for i, ln in enumerate(lines) if ln.heading == "h1" and len(words(ln.text)) >= 2]

    def agreement(i: int) -> float:
        text = lines[i].text
        return max((contained(text, m) * min(1.0, len(text) / max(1, len(m)) + 0.5)
                    for m in metas), default=0.0)

    scored = sorted(((agreement(i), -i) for i in h1s), reverse=True)
    if scored and scored[0][0] >= 0.8:
        i = -scored[0][1]
        return lines[i].text, i
    plain = [i for i in h1s if not link_heavy(lines[i]) and len(lines[i].text) >= 15]
    if len(plain) == 1 and not metas:
        return lines[plain[0]].text, plain[0]
    best: tuple[int, int] | None = None
    for i, ln in enumerate(lines):
        if 15 <= len(ln.text) <= 300 and any(part_of(ln.text, m) for m in metas):
            if any(prose[i + 1:i + 13]) and (best is None or len(ln.text) > best[0]):
                best = (len(ln.text), i)
    if best is not None:
        return lines[best[1]].text, best[1]
    if len(plain) == 1:
        return lines[plain[0]].text, plain[0]
    start = anchor() if anchor else None
    if start is not None:
        near = [i for i in range(max(0, start - 4), start + 1) if _headline_like(lines[i])]

        def rank(k: int) -> tuple:  # marked as a heading, agreeing with a meta title, no link
            agree = max((contained(lines[k].text, m) for m in metas), default=0.0)
            return _titled(lines[k]) + round(agree, 1), not link_heavy(lines[k]), k

        if near:
            i = max(near, key=rank)
            return lines[i].text, i
    for m in metas:
        return strip_site(m, metas), None
    return None, None


_SEPARATORS = re.compile(r"\s+(?:[-|:/»—–]{1,2}|::)\s+")


def strip_site(title: str, metas: list[str]) -> str:
    """Drop a site name glued to a title: the segment another meta title shares, or the longest."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    for part in parts:
        if any(part != m and part in m and m != title for m in metas):
            return part
    return max(parts, key=len)


# --- the other fields ------------------------------------------------------------------

def meta_titles(root, meta: dict[str, list[str]], ld: dict) -> list[str]:
    """Title evidence, most trusted first: JSON-LD headline, og/twitter title, <title>."""
    title_tag = root.find(".//title")
    found = [ld.get("headline"), *meta.get("og:title", []), *meta.get("twitter:title", []),
             title_tag.text_content() if title_tag is not None else None]
    return [norm(x) for x in found if isinstance(x, str) and norm(x)]


def alt_titles(title: str | None, meta: dict[str, list[str]], ld: dict) -> list[str]:
    """Other headlines the page gives (alternativeHeadline, a different og:title), site names
    excluded: a meta title that is the headline plus a glued site name is no alternative."""
    found = [ld.get("alternativeHeadline"), ld.get("headline"), *meta.get("og:title", [])]
    out: list[str] = []
    for alt in (norm(x) for x in found if isinstance(x, str)):
        if alt and alt != title and not (title and part_of(title, alt)) and alt not in out:
            out.append(alt)
    return out


def published(html: str, meta: dict[str, list[str]], ld: dict, hint: str | None) -> str | None:
    """ISO date: the caller's hint, JSON-LD, article meta, then htmldate's reading of the page."""
    for value in (hint, ld.get("datePublished"), ld.get("dateCreated"),
                  *meta.get("article:published_time", []), *meta.get("datepublished", []),
                  *meta.get("pubdate", []), *meta.get("og:published_time", [])):
        if iso_date(value):
            return iso_date(value)
    try:
        import htmldate         # heavy (~0.3 s to import): only for an HTML page without a date in its meta
        return iso_date(htmldate.find_date(html, extensive_search=False, original_date=True))
    except Exception:  # noqa: BLE001 - a date is optional; a failing guess must not break a page
        return None


def rubric(root, meta: dict[str, list[str]], ld: dict, props: dict, title: str | None) -> str | None:
    """Section: JSON-LD articleSection, article:section, microdata, else the last breadcrumb."""
    section = ld.get("articleSection")
    section = section[0] if isinstance(section, list) and section else section
    candidates = [section, *meta.get("article:section", []),
                  *(norm(el.text_content()) for el in props.get("articleSection", []))]
    for value in candidates:
        if isinstance(value, str) and 0 < len(norm(value)) <= 60:
            return norm(value)
    crumbs = [c for c in breadcrumbs(root) if c != title and not re.match(r"(?i)главная|home", c)]
    return crumbs[-1] if crumbs else None


def authors(meta: dict[str, list[str]], ld: dict, props: dict, root=None) -> list[str]:
    """Author names: JSON-LD author, <meta name=author>/article:author, microdata author, links marked
    rel="author" (a byline is the page's authors, not its boilerplate)."""
    found = names(ld.get("author"))
    for el in root.xpath("//*[@rel='author' or contains(concat(' ', normalize-space(@rel), ' '), ' author ')]") \
            if root is not None else []:
        text = norm(el.text_content())
        if 0 < len(text) <= 80 and not text.startswith("http"):
            found.append(text)
    for value in meta.get("author", []) + meta.get("article:author", []):
        if not value.startswith("http"):
            found += split_list(value)
    for el in props.get("author", []):
        inner = el.find(".//*[@itemprop='name']")
        text = norm((inner if inner is not None else el).text_content())
        if 0 < len(text) <= 80:
            found.append(text)
    return list(dict.fromkeys(found))


def site_name(meta: dict[str, list[str]], ld: dict) -> str | None:
    """The outlet's own name: og:site_name, else the JSON-LD publisher's name."""
    publisher = ld.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    for value in [*meta.get("og:site_name", []), publisher.get("name") if isinstance(publisher, dict) else None]:
        if isinstance(value, str) and 0 < len(norm(value)) <= 80:
            return norm(value)
    return None


def tags(meta: dict[str, list[str]], ld: dict, lines: list[str]) -> list[str]:
    """Tags: article:tag, news_keywords, JSON-LD keywords, a visible "Теги: …" line."""
    found = [t for v in meta.get("article:tag", []) for t in split_list(v)]
    found += [t for v in meta.get("news_keywords", []) for t in split_list(v)]
    found += split_list(ld.get("keywords") or [])
    for line in lines:
        m = TAG_LINE.match(line)
        if m:
            found += split_list(m.group(1))
    return list(dict.fromkeys(t for t in found if len(t) <= 60))


def descriptions(meta: dict[str, list[str]], ld: dict) -> list[str]:
    found = [ld.get("description"), *meta.get("og:description", []),
             *meta.get("description", []), *meta.get("twitter:description", [])]
    return [norm(x) for x in found if isinstance(x, str) and len(norm(x)) >= 20]


LEAD_CLASS = re.compile(r"lead|announce|anons|intro|summary|subtitle|standfirst|excerpt|preview",
                        re.I)


def _same_words(a: str, b: str) -> bool:
    return contained(a, b) >= 0.9 and contained(b, a) >= 0.9


def is_lead(text: str, elem, descs: list[str], next_elem=None) -> bool:
    """The first paragraph is a lead when the page marks it: the meta description repeats it
    (maybe cut short with "…"), or its element (or parent, when that holds no further
    paragraph) has a class/id saying lead/announce/intro."""
    for d in descs:
        cut = d.rstrip(".… ")
        if _same_words(text, d) or (len(cut) >= 40 and text.startswith(cut)):
            return True
    for el in (elem, elem.getparent()):
        if el is None or (next_elem is not None and _holds(el, next_elem)):
            return False
        if LEAD_CLASS.search((el.get("class") or "") + " " + (el.get("id") or "")):
            return True
    return False


def _holds(el, other) -> bool:
    return any(anc is el for anc in other.iterancestors()) or other is el
