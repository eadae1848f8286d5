"""Features of one line of visible page text: the evidence the text-dump layout decides on (the shared
language tools it reads — words, names, months — live in svodka/lang/)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.calendar import MONTH_STEMS
from ..lang.names import WORD

SPACES = re.compile(r"[ \t\f\v]+")
TOKEN = re.compile(r"\w+", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…](?:[»\"”)\]]*)$")
SENTENCE_BREAK = re.compile(r"[.!?…][»\"”)]?\s+[«\"(]?[А-ЯЁA-Z]")
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
NUMERIC_DATE = re.compile(r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b")
MONTHS = MONTH_STEMS
WORD_DATE = re.compile(r"\b\d{1,2}\s+(" + "|".join(m + r"[а-я]*" for m in MONTHS) + r")\b(?:\s+\d{4})?",
                       re.IGNORECASE)
CREDIT = re.compile(r"(?:\(|^|\s|\|)\s*(?:фото|фотография|иллюстрация|кадр|видео|изображение|источник фото)"
                    r"\s*(?::|—|-|–)\s*(?P<credit>[^()]+?)\s*\)?\s*$", re.IGNORECASE)
COPYRIGHT = re.compile(r"©|^\s*\(c\)|copyright|все права защищены", re.IGNORECASE)
BREADCRUMB = re.compile(r"\s(?:»|>|→|/|//|\|)\s")
CAPTION = re.compile(r"(?:^|[.,:;(]\s*)(?:фото|кадр|иллюстрация|скриншот|коллаж)(?:\s*[:—–-]|\s+\w)",
                     re.IGNORECASE)
GLUED = re.compile(r"[а-яёa-z][А-ЯЁA-Z]")   # menu items rendered without a separator: "НовостиОбщество"
URLISH = re.compile(r"(?:https?://|www\.|\.ru\b|\.com\b|\.ua\b|@)")


@dataclass(slots=True)
class Line:
    """One non-empty line and its features."""

    index: int                   # position among all lines of the text
    text: str                    # stripped, inner whitespace collapsed
    blank_before: bool
    blank_after: bool
    words: int
    letters: int
    lower_words: int
    upper_first: bool
    ends_sentence: bool
    sentences: int

    @property
    def lower_share(self) -> float:
        return self.lower_words / self.words if self.words else 0.0


def make_line(index: int, text: str, blank_before: bool, blank_after: bool) -> Line:
    ws = WORD.findall(text)
    first = next((c for c in text if c.isalnum()), "")
    return Line(
        index=index, text=text, blank_before=blank_before, blank_after=blank_after,
        words=len(ws), letters=sum(len(w) for w in ws),
        lower_words=sum(1 for w in ws if w[0].islower()),
        upper_first=first.isupper() or first.isdigit(),
        ends_sentence=bool(SENTENCE_END.search(text)),
        sentences=1 + len(SENTENCE_BREAK.findall(text)),
    )


def split_lines(text: str) -> list[Line]:
    """Non-empty lines of a dump with blank-line neighbourhood (innerText puts blank lines around <p>)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # collapse tabs and spaces but keep no-break spaces: the text is quoted back to users
    cleaned = [SPACES.sub(" ", r).strip() for r in raw]
    out: list[Line] = []
    for i, t in enumerate(cleaned):
        if not t:
            continue
        before = i == 0 or not cleaned[i - 1]
        after = i + 1 >= len(cleaned) or not cleaned[i + 1]
        out.append(make_line(i, t, before, after))
    return out


def is_prose(line: Line) -> bool:
    """A paragraph of running text: several words, mostly lower-case, shaped like sentences."""
    if line.words < 5 or line.letters < 30:
        return False
    if line.lower_share < 0.45:
        return False
    if line.ends_sentence or line.sentences >= 2:
        return True
    return line.words >= 18


def is_headline(line: Line) -> bool:
    """Headline-shaped: a capitalised phrase of a few words that is not a finished sentence."""
    t = line.text
    if not (3 <= line.words <= 30 and 15 <= len(t) <= 250):
        return False
    if not line.upper_first or t.endswith((".", ",", ":", ";")) and not t.endswith("..."):
        return False
    if is_dateline(t) or CREDIT.search(t) or COPYRIGHT.search(t) or URLISH.search(t) or is_caption(t):
        return False
    if re.match(r"\d{1,2}:\d{2}", t) or len(BREADCRUMB.findall(t)) >= 2 or "→" in t or len(GLUED.findall(t)) >= 2:
        return False
    return line.sentences <= 2


def is_caption(text: str) -> bool:
    """'Вирусы под микроскопом. Фото пользователя X', 'Кадр телеканала НТВ': a picture's caption."""
    return bool(CAPTION.search(text))


def is_dateline(text: str) -> bool:
    """A line that is mostly a date or time stamp (publication lines, list timestamps)."""
    rest = WORD_DATE.sub(" ", text)
    rest = NUMERIC_DATE.sub(" ", TIME.sub(" ", rest))
    had_date = rest != text
    if not had_date:
        return False
    words = WORD.findall(rest)
    return len(words) <= 4


def is_counter(text: str) -> bool:
    """Digits only: view and comment counters."""
    return bool(re.fullmatch(r"[\d\s.,:+-]+", text))


def credit_of(text: str) -> str | None:
    m = CREDIT.search(text)
    return m.group("credit").strip(" .") if m else None


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)
