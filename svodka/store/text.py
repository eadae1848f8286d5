"""Search text, backend-neutral: words → lemmas, a user's query → a parsed query, and snippets.

Articles are indexed by LEMMA (the pymorphy normal form), so that a query in any case form finds
every other form: "Алиеву" finds "Алиев", "Алиева", "Алиевым". Tokens are runs of letters or
digits (what FTS5's ``unicode61`` tokenizer also takes as one token), lower-cased, ``ё`` → ``е``.

* Indexing takes one lemma per word form: the most probable parse, except that a capitalised word
  prefers a parse as a name, surname, patronymic, place or organisation (so "Песков" is the
  surname, not the genitive of "песок").
* A query word stands for every lemma it may have (all its parses), OR-ed: "песков" looks for
  both "песок" and "песков"; the ranking sorts it out.

Query syntax: words (all must match), ``"quoted phrases"`` (the words in that order, any forms)
and ``OR`` between alternatives (``путин алиев OR песков``: both of the first two, or the third;
``AND`` is allowed and means nothing more). Anything else — punctuation, ``*``, ``NEAR(``, quotes left open, SQL — is
reduced to its words, so a query never fails: it matches or it does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from ..lang.morph import STRESS as _STRESS, WORD_TOKEN as _TOKEN, is_cyrillic, lemma, lemma_text, morph
from ..lang.morph import strip_stress as _clean

MAX_VARIANTS = 4               # lemmas per query word
MAX_PHRASE_VARIANTS = 16       # lemma combinations per quoted phrase
MAX_TERMS = 32                 # words a query may have (the rest is ignored)
SNIPPET_CHARS = 180


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, stop, word) for every word of the text; offsets into ``text`` as given."""
    if "\u0301" not in text and "\u0300" not in text:
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    out = []
    for m in _TOKEN.finditer(text):       # stress marks split a word: glue the pieces back
        if out and out[-1][1] < m.start() and not text[out[-1][1]:m.start()].translate(_STRESS):
            s, _, w = out.pop()
            out.append((s, m.end(), w + m.group()))
        else:
            out.append((m.start(), m.end(), m.group()))
    return out


@lru_cache(maxsize=50_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Every lemma a query word may stand for, the index lemma first."""
    low = word.lower().replace("ё", "е")
    found = [lemma(word), lemma(low), lemma(low.capitalize())]
    if is_cyrillic(low):
        found += [p.normal_form.replace("ё", "е") for p in morph().parse(low)]
    return tuple(dict.fromkeys(found))[:MAX_VARIANTS]


# --- queries ---------------------------------------------------------------------------

@dataclass(slots=True)
class Term:
    """One query term: a word (``phrase`` of one) or a quoted phrase; each word as its lemma choices."""

    words: list[str]
    choices: list[tuple[str, ...]]


@dataclass(slots=True)
class Query:
    """A parsed query: groups OR-ed together, each group a list of terms that must all match."""

    text: str
    groups: list[list[Term]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.groups)

    def lemma_set(self) -> frozenset[str]:
        """Every lemma the query may match (for snippets)."""
        return frozenset(l for g in self.groups for t in g for c in t.choices for l in c)


_CHUNK = re.compile(r'"([^"]*)"?|(\S+)')


def parse_query(text: str) -> Query:
    """Words, "phrases" and OR → Query. Never raises; what is not a word is dropped."""
    text = _clean(text or "")
    groups: list[list[Term]] = [[]]
    count = 0
    for m in _CHUNK.finditer(text):
        phrase, bare = m.group(1), m.group(2)
        if bare == "OR":
            if groups[-1]:
                groups.append([])
            continue
        if bare == "AND":
            continue
        words = _TOKEN.findall(phrase if phrase is not None else bare)
        if not words or count >= MAX_TERMS:
            continue
        words = words[:MAX_TERMS - count]
        count += len(words)
        if phrase is not None and len(words) > 1:
            groups[-1].append(Term(words, [lemmas(w) for w in words]))
        else:                       # a bare chunk like "a*b" or "NEAR(" → its words, each a term
            groups[-1].extend(Term([w], [lemmas(w)]) for w in words)
    return Query(text, [g for g in groups if g])


def _quoted(lemma_: str) -> str:
    return '"' + lemma_.replace('"', '""') + '"'


def _alternatives(query: Query, word, phrase) -> list[list[list[str]]]:
    """Groups (OR) of terms (AND) of alternatives (OR): each a lemma as ``word(lemma)``, or a phrase
    (one lemma per word, at most MAX_PHRASE_VARIANTS readings) as ``phrase(lemmas)``. What the
    full-text syntaxes share; each joins the result its own way."""
    out = []
    for group in query.groups:
        terms = []
        for term in group:
            if len(term.choices) == 1:
                terms.append([word(l) for l in term.choices[0]])
            else:
                terms.append([phrase(c) for c in list(product(*term.choices))[:MAX_PHRASE_VARIANTS]])
        out.append(terms)
    return out


def fts5_query(query: Query) -> str:
    """The FTS5 MATCH expression for a parsed query: every lemma double-quoted (no operators leak in)."""
    groups = _alternatives(query, _quoted, lambda lemmas: _quoted(" ".join(lemmas)))
    ors = []
    for terms in groups:
        ands = [alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")" for alts in terms]
        joined = " AND ".join(ands)
        ors.append(f"({joined})" if len(ands) > 1 and len(groups) > 1 else joined)
    return " OR ".join(ors)


def _lexeme(lemma_: str) -> str:
    return "'" + lemma_.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: Query) -> str:
    """The PostgreSQL tsquery (text, for ``::tsquery``) for a parsed query: lexemes quoted, ``&`` within
    a group, ``|`` between groups and lemma choices, phrases as ``<->``: what ``fts5_query`` says."""
    groups = _alternatives(query, _lexeme, lambda lemmas: "(" + " <-> ".join(_lexeme(l) for l in lemmas) + ")")
    return " | ".join("(" + " & ".join("(" + " | ".join(alts) + ")" for alts in terms) + ")" for terms in groups)


TSVECTOR_MAX_POSITION = 16383        # PostgreSQL's limits: positions, positions per lexeme, lexeme bytes
TSVECTOR_MAX_POSITIONS = 256
TSVECTOR_MAX_BYTES = 2046


def tsvector(fields: list[tuple[str, str]]) -> str:
    """A tsvector (text, for ``::tsvector``) of lemma strings (``lemma_text``) with their weights, e.g.
    [(title, 'A'), (lead, 'B'), (body, 'C')]: every lemma a lexeme as it is (no parser in between, so
    the index holds exactly the words FTS5 holds), positions running on across fields with a gap, so
    that a phrase never spans two fields."""
    positions: dict[str, list[str]] = {}
    at = 0
    for text, weight in fields:
        for word in text.split():
            at += 1
            seen = positions.get(word)
            if seen is None:
                if len(word) > TSVECTOR_MAX_BYTES // 4 and len(word.encode()) > TSVECTOR_MAX_BYTES:
                    continue
                seen = positions[word] = []
            if len(seen) < TSVECTOR_MAX_POSITIONS:
                seen.append(f"{at}{weight}" if at < TSVECTOR_MAX_POSITION else f"{TSVECTOR_MAX_POSITION}{weight}")
        at += 1
    out = []
    for word, marks in positions.items():
        if at >= TSVECTOR_MAX_POSITION:
            marks = list(dict.fromkeys(marks))
        out.append(f"{_lexeme(word) if _SPECIAL.search(word) else chr(39) + word + chr(39)}:{','.join(marks)}")
    return " ".join(out)


_SPECIAL = re.compile(r"['\\]")


# --- snippets --------------------------------------------------------------------------

@dataclass(slots=True)
class Snippet:
    """A passage of the original text with the matched words' spans (offsets into ``text``)."""

    text: str
    highlights: list[tuple[int, int]]
    field: str | None = None

    def marked(self, open_: str = "[", close: str = "]") -> str:
        return mark(self.text, self.highlights, open_, close)


def mark(text: str, spans: list[tuple[int, int]], open_: str = "[", close: str = "]") -> str:
    """The text with every span wrapped: «…поздравил [Алиева] с днем рождения…»."""
    out, at = [], 0
    for s, e in spans:
        out += [text[at:s], open_, text[s:e], close]
        at = e
    out.append(text[at:])
    return "".join(out)


def _fields(article: dict) -> list[tuple[str, str]]:
    out = [("lead", article.get("lead"))]
    out += [(f"body[{i}]", p) for i, p in enumerate(article.get("body") or [])]
    out.append(("title", article.get("title")))
    return [(name, text) for name, text in out if text]


def _window(text: str, hits: list[tuple[int, int, str]], size: int) -> tuple[int, int, int, int]:
    """Start and stop of the passage (at most ``size`` characters) holding the most distinct hits,
    and the start and stop of those hits (which the passage must keep)."""
    best, best_score = (0, 0), (-1, -1)
    j = 0
    for i in range(len(hits)):
        j = max(j, i)
        while j + 1 < len(hits) and hits[j + 1][1] - hits[i][0] <= size:
            j += 1
        score = (len({h[2] for h in hits[i:j + 1]}), j - i + 1)
        if score > best_score:
            best, best_score = (hits[i][0], hits[j][1]), score
    start, stop = best
    spare = max(0, size - (stop - start))
    start = max(0, start - spare // 2)
    stop = min(len(text), stop + spare - (best[0] - start))
    start = max(0, min(start, stop - size))
    return start, stop, best[0], best[1]


def _snap(text: str, start: int, stop: int, keep_from: int, keep_to: int) -> tuple[int, int]:
    """Move the passage's ends inwards out of the middle of words, keeping [keep_from, keep_to)."""
    if start > 0 and not text[start - 1].isspace():
        nxt = text.find(" ", start, keep_from)
        start = nxt + 1 if nxt >= 0 else start
    if stop < len(text) and not text[stop].isspace():
        prev = text.rfind(" ", keep_to, stop)
        stop = prev if prev >= 0 else stop
    return start, stop


def snippet(article: dict, query: Query, size: int = SNIPPET_CHARS) -> Snippet:
    """The passage of the original lead/body (title last) that best shows the query's words.

    Words are matched by index lemma, as the search does, and mapped back to the original tokens;
    the passage holds the most distinct matched words in ``size`` characters, cut at word edges,
    with "…" where it is cut.
    """
    wanted = query.lemma_set()
    fields = _fields(article)
    if not fields:
        return Snippet("", [], None)
    # Only fields holding a word that starts like a wanted lemma are read word by word (a lemma's
    # forms share its first letters, bar a few suppletive ones); all of them if none does.
    stems = {l[:max(3, len(l) - 3)] for l in wanted}
    candidates = [(n, t) for n, t in fields if any(x in t.lower().replace("ё", "е") for x in stems)] or fields
    best: tuple[tuple[int, int], str, str, list[tuple[int, int, str]]] | None = None
    for name, text in candidates:
        hits = []
        if wanted:
            for s, e, w in tokens(text):
                found = lemma(w)
                if found in wanted:
                    hits.append((s, e, found))
        score = (len({h[2] for h in hits}), len(hits))
        if best is None or score > best[0]:
            best = (score, name, text, hits)
    _, name, text, hits = best
    if len(text) <= size:
        start, stop = 0, len(text)
    elif hits:
        start, stop = _snap(text, *_window(text, hits, size))
    else:
        start, stop = _snap(text, 0, size, 0, 0)
    prefix = "…" if start > 0 else ""
    suffix = "…" if stop < len(text) else ""
    shift = len(prefix) - start
    spans = [(s + shift, e + shift) for s, e, _ in hits if s >= start and e <= stop]
    return Snippet(prefix + text[start:stop] + suffix, spans, name)
