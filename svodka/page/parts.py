"""Recognisers for the small parts around an article: rubric, credits, related cards, authors, tags, person cards."""
from __future__ import annotations

import re
from datetime import date

from ..model import Card, Media, Related
from ..lang.morph import morph
from ..lang.names import WORD, is_person_name, name_parts
from .lines import BREADCRUMB, CREDIT, MONTHS, Line, credit_of, is_counter, is_dateline, is_headline, is_prose

MONTH_NUMBER = {stem: i + 1 for i, stem in enumerate(MONTHS)}
FULL_DATE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*(?:года|г\.?))?$", re.IGNORECASE)
TAG_PREFIX = re.compile(r"^(?:теги|тэги|метки|ключевые слова|темы|tags)\s*:\s*", re.IGNORECASE)
AUTHOR_PREFIX = re.compile(r"^(?:автор|текст|авторы)\s*:\s*", re.IGNORECASE)
READ_ALSO = re.compile(r"^(?:читайте|смотрите) (?:также|еще|ещё)|^(?:ещё|еще|также|другие новости|материалы|новости) по теме"
                       r"|^по теме\b|^похожие (?:новости|материалы)|^ссылки по теме", re.IGNORECASE)
PHOTO_SUFFIX = re.compile(r"\s+(?:фото|фотография)$", re.IGNORECASE)


def month_number(word: str) -> int | None:
    w = word.lower()
    # longest stem first so that "ма" (май) does not shadow "март"
    for stem in sorted(MONTH_NUMBER, key=len, reverse=True):
        if w.startswith(stem):
            return MONTH_NUMBER[stem]
    return None


def parse_full_date(text: str) -> str | None:
    """'24 декабря 1961 года' → '1961-12-24'."""
    m = FULL_DATE.match(text.strip())
    if not m:
        return None
    month = month_number(m.group(2))
    day, year = int(m.group(1)), int(m.group(3))
    if not month or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


NUMERIC_DAY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
WORDED_DAY = re.compile(r"\b(\d{1,2})\s+([а-яё]+)\s+(\d{4})\b", re.IGNORECASE)


def parse_dateline(text: str) -> str | None:
    """'28 ноября 2011, 14:15', '04.01.2012 12:01', 'время публикации: 4 января 2012 г.' → ISO date."""
    m = WORDED_DAY.search(text)
    if m and (month := month_number(m.group(2))):
        day, year = int(m.group(1)), int(m.group(3))
    else:
        m = NUMERIC_DAY.search(text)
        if not m:
            return None
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year += 2000 if year < 100 else 0
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def is_rubric_like(text: str) -> bool:
    """'Политика', 'Политика,', 'В мире': a section name."""
    t = text.strip().rstrip(",")
    ws = WORD.findall(t)
    if not 1 <= len(ws) <= 3 or len(t) > 30 or re.search(r"[\d.!?:;«»\"()]", t):
        return False
    return t[:1].isupper() and not is_person_name(t)


def rubric_from_breadcrumb(text: str, title: str | None) -> str | None:
    """'Сайт » Новости » Медицина » В Омской…' → 'Медицина' (the crumb before the page itself)."""
    if not BREADCRUMB.search(text):
        return None
    crumbs = [c.strip() for c in re.split(r"\s(?:»|>|→|/|//|\|)\s", text) if c.strip()]
    if len(crumbs) < 2:
        return None
    last = crumbs[-1]
    if title and (last.rstrip("…. ") and title.startswith(last.rstrip("…. ")) or last.endswith("…")):
        crumbs = crumbs[:-1]
    rubric = crumbs[-1]
    return rubric if is_rubric_like(rubric) else None


def find_rubric(lines: list[Line], title_pos: int, title: str | None) -> tuple[str | None, int | None]:
    """The section name just above the title: a short capitalised line or a breadcrumb."""
    for j in range(title_pos - 1, max(-1, title_pos - 5), -1):
        text = lines[j].text
        crumb = rubric_from_breadcrumb(text, title)
        if crumb:
            return crumb, j
        if is_rubric_like(text):
            # a menu is a run of many short lines; a rubric stands almost alone, or ends with a
            # comma before the date ("Политика, 24 дек"), or repeats a menu item above the title
            run = sum(1 for k in range(max(0, j - 3), min(len(lines), j + 4))
                      if abs(lines[k].index - lines[j].index) == abs(k - j) and is_rubric_like(lines[k].text))
            repeated = j == title_pos - 1 and any(lines[k].text == text for k in range(max(0, j - 40), j - 1))
            if run <= 2 or text.endswith(",") or repeated:
                return text.rstrip(","), j
    return None, None


def media_of(lines: list[Line], i: int) -> tuple[Media, list[int]] | None:
    """A caption/credit line; a bare 'Фото: X' takes the short line before it as its caption."""
    credit = credit_of(lines[i].text)
    if credit is None:
        return None
    m = CREDIT.search(lines[i].text)
    caption = lines[i].text[:m.start()].strip(" (") if m else ""
    used = [i]
    if not caption and i > 0 and not is_prose(lines[i - 1]) and len(lines[i - 1].text) < 200:
        caption, used = lines[i - 1].text, [i - 1, i]
    return Media(caption=caption or None, credit=credit), used


def split_tags(text: str) -> list[str]:
    """'Владимир Путин Ильхам Алиев телефонный разговор' → names and phrases."""
    stripped = TAG_PREFIX.sub("", text)
    if stripped != text or re.search(r"[,;|#]", stripped):
        return [t.strip(" #") for t in re.split(r"[,;|]|\s#", stripped) if t.strip(" #")]
    words = stripped.split()
    parts = name_parts([w for w in words])
    tags: list[list[str]] = []
    i = 0
    while i < len(words):
        # a first name followed by a surname-like capitalised word is one tag
        if "Name" in parts[i] and i + 1 < len(words) and words[i + 1][:1].isupper():
            tags.append(words[i:i + 2])
            i += 2
            continue
        if tags and _continues(tags[-1], words[i]):
            tags[-1].append(words[i])
        elif words[i][:1].isupper() or not tags or not _modifies(tags[-1][-1]):
            tags.append([words[i]])
        else:
            tags[-1].append(words[i])
        i += 1
    return [" ".join(t) for t in tags]


def _continues(tag: list[str], word: str) -> bool:
    """'Нижний' + 'Новгород', 'график' + 'президента', 'МИД' + 'России': one phrase, not two tags."""
    last = tag[-1]
    if last[:1].isupper() != word[:1].isupper():
        return False
    first = morph().parse(last)[0]
    nxt = morph().parse(word)[0]
    if "Name" in nxt.tag.grammemes:
        return False
    if first.tag.POS in ("ADJF", "PRTF") and word[:1].isupper():
        return True
    return nxt.tag.case == "gent" and first.tag.POS == "NOUN" and nxt.tag.POS == "NOUN" and (
        first.tag.case != "gent" or last.isupper())


def _modifies(word: str) -> bool:
    """A lower-case adjective or participle runs on into the next word: 'телефонный разговор'."""
    if not word[:1].islower():
        return False
    parse = morph().parse(word)
    return bool(parse) and parse[0].tag.POS in ("ADJF", "PRTF")


def is_tag_line(line: Line) -> bool:
    if TAG_PREFIX.match(line.text):
        return True
    if re.search(r"[.!?:;«»\"()\d]", line.text) or not 3 <= line.words <= 15:
        return False
    # a headline has a verb; a row of tags is names and noun phrases
    if any(morph().parse(w)[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND") for w in WORD.findall(line.text)):
        return False
    tags = split_tags(line.text)
    return len(tags) >= 2 and any(is_person_name(t) for t in tags) and not is_person_name(line.text)


def find_cards(lines: list[Line], start: int) -> tuple[list[Card], set[int]]:
    """Person cards: [NAME фото] / NAME / description / birth date."""
    cards: list[Card] = []
    used: set[int] = set()
    for i in range(start, len(lines) - 1):
        born_next = i + 2 < len(lines) and parse_full_date(lines[i + 2].text) is not None
        # an unknown foreign name ("Мехрибан Алиева") counts when a birth date follows
        if i in used or not (is_person_name(lines[i].text) or born_next and _name_shaped(lines[i].text)):
            continue
        desc = lines[i + 1]
        if desc.text[:1].isupper() or is_prose(desc) or desc.words > 20:
            continue
        born = parse_full_date(lines[i + 2].text) if i + 2 < len(lines) else None
        taken = {i, i + 1} | ({i + 2} if born else set())
        if i > start and PHOTO_SUFFIX.sub("", lines[i - 1].text) == lines[i].text != lines[i - 1].text:
            taken.add(i - 1)
        if born or "," in desc.text:
            cards.append(Card(name=lines[i].text, description=desc.text, born=born,
                              born_text=lines[i + 2].text if born else None))
            used |= taken
    return cards, used


def _name_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def author_of(line: Line) -> str | None:
    text = AUTHOR_PREFIX.sub("", line.text)
    return text if is_person_name(text) else None


def related_inline(lines: list[Line], i: int, rubrics: set[str]) -> tuple[Related, list[int]] | None:
    """A teaser card inside the body: a headline, then its rubric line, then perhaps a caption."""
    line = lines[i]
    if not is_headline(line) or line.blank_after or i + 1 >= len(lines):
        return None
    nxt = lines[i + 1]
    if not (is_rubric_like(nxt.text) or nxt.text.rstrip(",") in rubrics or is_dateline(nxt.text)):
        return None
    used = [i, i + 1]
    rubric = nxt.text.rstrip(",") if not is_dateline(nxt.text) else None
    k = i + 2
    while k < len(lines) and not lines[k - 1].blank_after and not is_prose(lines[k]) and len(used) < 5:
        used.append(k)
        k += 1
    return Related(title=line.text, rubric=rubric, kind="inline"), used


def is_list_headline(line: Line) -> bool:
    return is_headline(line) and not is_person_name(line.text) and not is_counter(line.text)
