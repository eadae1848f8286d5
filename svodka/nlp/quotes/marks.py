"""Quote marks and the field split around them: quoted spans, tokens, sentences.

    quote_spans(text) -> [(start, stop), ...]      the top-level quoted spans, marks excluded

Nested marks stay inside the outer quote; a paragraph that opens a quote and never closes it is one
unclosed span (multi-paragraph quotes).  A quoted span is one token (kind "q"), and sentences are split
with the quoted text masked, so that a full stop inside a quote never ends the sentence around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize

__all__ = ["quote_spans"]


@dataclass(slots=True)
class _QSpan:
    open: int                        # index of the opening mark
    close: int                       # index of the closing mark (len(text) when unclosed)
    start: int                       # quoted text, marks and outer spaces excluded
    stop: int
    closed: bool = True


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:«„“/") and not after.isspace()


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quoted spans as (start, stop) of the text between the marks."""
    return [(q.start, q.stop) for q in _quote_spans(text)]


def _quote_spans(text: str) -> list[_QSpan]:
    out: list[_QSpan] = []
    stack: list[tuple[str, int]] = []

    def pop() -> None:
        opener = stack.pop()[1]
        if not stack:
            out.append(_span(text, opener, i))

    for i, ch in enumerate(text):
        if ch == "«":
            stack.append((ch, i))
        elif ch == "»":
            while len(stack) > 1 and stack[-1][0] != "«":
                stack.pop()                        # an inner mark left open: drop it
            if stack and stack[-1][0] == "«":
                pop()
        elif ch == "„":
            stack.append((ch, i))
        elif ch in "“”":
            if stack and stack[-1][0] in "„“":
                pop()
            elif ch == "“" and (not stack or stack[-1][0] in "«\""):
                stack.append((ch, i))              # English-style “…”
        elif ch == '"':
            if stack and stack[-1][0] == '"' and not _straight_opens(text, i):
                pop()
            elif _straight_opens(text, i):
                stack.append((ch, i))
    if stack and stack[0][0] in "«„" and not text[: stack[0][1]].strip():
        # a paragraph that opens a quote and never closes it (multi-paragraph quotes)
        out.append(_span(text, stack[0][1], len(text), closed=False))
    return out


def _span(text: str, opener: int, closer: int, closed: bool = True) -> _QSpan:
    s, e = opener + 1, closer
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return _QSpan(opener, closer, s, e, closed)


_WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*|[,:;()]|[—–]|(?<=\s)-(?=\s)")
_DASHES = "—–-"
_END = ".!?…"


@dataclass(slots=True)
class _Tok:
    start: int
    stop: int
    text: str
    kind: str                         # "w" word, "p" punctuation, "q" a quoted span (marks included)
    quote: _QSpan | None = None

    @property
    def low(self) -> str:
        return self.text.lower()


def _tokens(text: str, spans: list[_QSpan]) -> list[_Tok]:
    toks: list[_Tok] = []
    qi = 0
    for m in _WORD.finditer(text):
        while qi < len(spans) and spans[qi].close < m.start():
            qi += 1
        if qi < len(spans) and spans[qi].open <= m.start() <= spans[qi].close:
            q = spans[qi]
            if not toks or toks[-1].quote is not q:
                toks.append(_Tok(q.open, min(q.close + 1, len(text)), text[q.open:q.close + 1], "q", q))
            continue
        w = m.group()
        toks.append(_Tok(m.start(), m.end(), w, "w" if w[0].isalnum() else "p"))
    # quotes with no word inside still make a token
    have = {id(t.quote) for t in toks if t.quote is not None}
    for q in spans:
        if id(q) not in have:
            toks.append(_Tok(q.open, min(q.close + 1, len(text)), text[q.open:q.close + 1], "q", q))
    toks.sort(key=lambda t: t.start)
    return toks


def _masked(text: str, spans: list[_QSpan]) -> str:
    chars = list(text)
    for q in spans:
        for i in range(q.open + 1, min(q.close, len(text))):
            if not chars[i].isspace():
                chars[i] = "ж"
    return "".join(chars)


def _sentences(text: str, spans: list[_QSpan]) -> list[tuple[int, int]]:
    return [(s.start, s.stop) for s in sentenize(_masked(text, spans))]


def _first_char(text: str) -> int:
    return len(text) - len(text.lstrip())


def _is_whole(text: str, q: _QSpan) -> bool:
    return not q.closed or not text[q.close + 1:].strip(" " + _END + "\n\t")
