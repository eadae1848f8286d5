"""Metadata evidence of an HTML news page: JSON-LD, OpenGraph/meta, microdata, breadcrumbs, credits.

Every function takes the parsed lxml root (see ``html.parse_html``) and returns plain values;
``html.html_layout`` weighs them against the visible text.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

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


def site_of(url: str | None) -> str | None:
    """Registrable host of ``url`` without ``www.`` (``ufa.kp.ru`` → ``kp.ru``)."""
    if not url:
        return None
    try:
        from tld import get_fld
        fld = get_fld(url, fail_silently=True, fix_protocol=True)
    except Exception:  # noqa: BLE001 - tld raises several kinds on odd input
        fld = None
    if fld:
        return fld.lower()
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else (host or None)


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


def language(root, meta: dict[str, list[str]], text: str) -> str | None:
    """Language code from <html lang>/og:locale, else from the letters of the text."""
    for value in (root.get("lang"), root.get("xml:lang"), *(meta.get("og:locale") or [])):
        if value and re.match(r"^[a-zA-Z]{2,3}\b", value):
            return value[:2].lower()
    letters = re.findall(r"[^\W\d_]", text[:20000])
    if not letters:
        return None
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in letters) / len(letters)
    if cyr > 0.5:
        uk = sum(ch in "іїєґІЇЄҐ" for ch in letters)
        return "uk" if uk > 0.005 * len(letters) else "ru"
    return "en" if cyr < 0.1 else None


# --- photo captions and credits --------------------------------------------------------

def split_credit(text: str) -> tuple[str | None, str | None]:
    """("caption", "credit") out of a caption line ending in a "Фото: …" credit."""
    text = norm(text)
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
