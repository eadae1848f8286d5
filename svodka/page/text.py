"""Layout of a visible-text dump: every line becomes a field of the article or boilerplate."""
from __future__ import annotations

from ..lang.names import WORD, is_person_name
from ..model import Related
from .body import candidate_segments, is_subhead, scores
from .lines import CREDIT, Line, credit_of, is_counter, is_dateline, is_headline, is_prose, split_lines
from .parts import (READ_ALSO, author_of, find_cards, find_rubric, is_list_headline, is_tag_line, media_of,
                    parse_dateline, related_inline, split_tags)

TITLE_LOOKBACK = 30          # non-empty lines above the body searched for the headline
TRAILER_LOOKAHEAD = 40       # non-empty lines after the body searched for related/authors/tags/cards


def _stems(text: str) -> set[str]:
    # four letters: enough to meet "мост"/"мосту", "Волга"/"Волгу" without a stemmer
    return {w.lower()[:4] for w in WORD.findall(text) if len(w) > 3}


def _overlap(a: str, b_stems: set[str]) -> float:
    s = _stems(a)
    # short headlines with few content words would fit anything: count at least six
    return len(s & b_stems) / max(len(s), 6)


def _in_list(lines: list[Line], i: int) -> bool:
    """A headline inside a run of flush headlines (a news list), not a page heading."""
    near = 0
    for k in range(i - 4, i + 5):
        if k != i and 0 <= k < len(lines) and abs(lines[k].index - lines[i].index) == abs(k - i):
            near += is_headline(lines[k]) and not is_prose(lines[k])
    return near >= 3


def _title_candidate(lines: list[Line], j: int) -> bool:
    line = lines[j]
    return is_headline(line) and not credit_of(line.text) and not is_person_name(line.text)


def _captioned(lines: list[Line], j: int) -> bool:
    """A line right above a bare "Фото: …" credit: that photo's caption, or a headline with its photo."""
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return nxt is not None and nxt.index == lines[j].index + 1 and _bare_credit(nxt.text)


def _bare_credit(text: str) -> bool:
    """'Фото: Александр Лыков / Объектив' — a credit with no caption of its own."""
    m = CREDIT.search(text)
    return m is not None and not text[:m.start()].strip(" (")


def find_title(lines: list[Line], start: int, stop: int) -> tuple[int | None, list[int]]:
    """The headline of the article whose body is lines[start:stop], and alternative headlines under it."""
    paragraphs = [l for l in lines[start:stop] if is_prose(l)]
    first = set().union(*(_stems(l.text) for l in paragraphs[:3]))
    every = set().union(*(_stems(l.text) for l in paragraphs))
    best, best_value = None, 0.0
    fits: dict[int, float] = {}
    for dist, j in enumerate(range(start - 1, max(-1, start - TITLE_LOOKBACK - 1), -1)):
        if not _title_candidate(lines, j):
            continue
        # the lead often sits between the headline and the dense body: it restates the headline
        lead = set().union(*(_stems(l.text) for l in lines[j + 1:start] if is_prose(l)))
        fits[j] = fit = 0.7 * _overlap(lines[j].text, first | lead) + 0.3 * _overlap(lines[j].text, every)
        value = fit - 0.01 * dist - (0.4 if _in_list(lines, j) else 0.0) - 0.02 * max(0, lines[j].words - 12)
        if value > best_value:
            best, best_value = j, value
    if best is None:
        return None, []
    # a captioned line under another headline about the same thing: the caption of the lead photo
    if _captioned(lines, best):
        above = [j for j in fits if best - 4 <= j < best and fits[j] >= 0.5 * fits[best]]
        if above:
            best = max(above)
    # a headline directly above another one about the same thing is the title, the lower one a subtitle
    upper = [j for j in fits if best - 2 <= j < best and lines[best].index - lines[j].index <= 2]
    if (upper and fits[upper[0]] >= 0.6 * fits[best] and lines[upper[0]].words >= 4
            and not _in_list(lines, upper[0])):
        best = upper[0]
    # a second headline between the title and the body, about the same thing, is an alternative title
    alts = [j for j in range(best + 1, start) if fits.get(j, 0.0) >= 0.3 and not _in_list(lines, j)
            and lines[j].sentences == 1 and lines[j].words <= 14 and lines[j].text.count(",") <= 1
            and not is_prose(lines[j])
            and not _captioned(lines, j)]
    return best, alts[:1]


def choose_segment(lines: list[Line], template: frozenset[str]):
    """The dense run of prose that is the article: dense, headed by a headline about it, early on the page."""
    best, best_value = None, 0.0
    for a, b, score in candidate_segments(scores(lines, template)):
        body_stems = set().union(*(_stems(l.text) for l in lines[a:b] if is_prose(l)))
        title_i, alt_is = find_title(lines, a, b)
        fit = _overlap(lines[title_i].text, body_stems) if title_i is not None else 0.0
        value = score * (0.3 + fit) * (1.0 - 0.5 * a / len(lines))
        if value > best_value:
            best, best_value = (a, b, body_stems, title_i, alt_is), value
    return best


def text_layout(text: str, *, template: frozenset[str] = frozenset()) -> dict:
    """Fields of an article read from a visible-text dump (header already removed by the reader)."""
    lines = split_lines(text)
    out: dict = {"alt_titles": [], "body": [], "authors": [], "tags": [], "media": [], "related": [],
                 "cards": [], "boilerplate": []}
    if not lines:
        return out
    chosen = choose_segment(lines, template)
    if chosen is None:
        out["boilerplate"] = [l.text for l in lines]
        return out
    a, b, body_stems, title_i, alt_is = chosen
    used: set[int] = set()
    if title_i is not None:
        out["title"] = lines[title_i].text
        out["alt_titles"] = [lines[k].text for k in alt_is]
        used |= {title_i, *alt_is}
        published = _published_near(lines, title_i, a)
        if published:
            out["published"] = published
        rubric, rubric_i = find_rubric(lines, title_i, out["title"])
        if rubric:
            out["rubric"] = rubric
            used.add(rubric_i)

    # between the headline and the body: lead, media, authors
    head_end = title_i + 1 if title_i is not None else a
    paragraphs: list[int] = []
    rubrics = {out.get("rubric")} - {None}
    i = min(head_end, a)
    while i < b:
        line = lines[i]
        if i in used:
            i += 1
            continue
        media = media_of(lines, i)
        if media:
            m, ks = media
            out["media"].append(m)
            used |= set(ks)
            paragraphs = [p for p in paragraphs if p not in ks]
        elif i >= a and (rel := related_inline(lines, i, rubrics)):
            r, ks = rel
            out["related"].append(r)
            used |= set(ks)
            i = max(ks)
        elif is_prose(line) or (i >= a and is_subhead(lines, i, template)):
            paragraphs.append(i)
        elif i < a and (name := author_of(line)) and not any(
                credit_of(lines[k].text) for k in range(i + 1, min(i + 2, len(lines)))):
            out["authors"].append(name)
            used.add(i)
        i += 1
    used |= set(paragraphs)

    if paragraphs and _is_lead(lines, paragraphs, used):
        out["lead"] = lines[paragraphs[0]].text
        paragraphs = paragraphs[1:]
    out["body"] = [lines[p].text for p in paragraphs]
    _trailer(lines, b, out, used, body_stems)
    out["boilerplate"] = [l.text for k, l in enumerate(lines) if k not in used]
    return out


def _published_near(lines: list[Line], title_i: int, body_start: int) -> str | None:
    """The publication date printed next to the headline (a dateline just above or under it)."""
    for j in [*range(title_i + 1, min(body_start + 1, title_i + 8)), *range(title_i - 1, max(-1, title_i - 4), -1)]:
        if is_dateline(lines[j].text) or lines[j].words <= 8:
            if value := parse_dateline(lines[j].text):
                return value
    return None


def _is_lead(lines: list[Line], paragraphs: list[int], used: set[int]) -> bool:
    """The first paragraph is a lead when the page sets it apart: a photo or a different block shape."""
    if len(paragraphs) < 2:
        return False
    first, second = paragraphs[0], paragraphs[1]
    between = range(first + 1, second)
    if any(credit_of(lines[k].text) for k in between):
        return True
    f, s = lines[first], lines[second]
    return not (f.blank_before and f.blank_after) and s.blank_before and s.blank_after


def _trailer(lines: list[Line], b: int, out: dict, used: set[int], body_stems: set[str]) -> None:
    """After the body: the related-headline list, authors, tags and person cards."""
    end = min(len(lines), b + TRAILER_LOOKAHEAD)
    cards, card_lines = find_cards(lines, b)
    out["cards"] = cards
    used |= card_lines
    in_list = True
    for i in range(b, end):
        if i in used:
            continue
        line = lines[i]
        if not out["tags"] and is_tag_line(line):
            out["tags"] = split_tags(line.text)
            used.add(i)
            in_list = False
            continue
        if READ_ALSO.match(line.text):
            in_list = True              # "Читайте также:" heads a list of related headlines
            continue
        name = author_of(line)
        if in_list and not name and is_list_headline(line):
            out["related"].append(Related(title=line.text, rubric=None, kind="list"))
            used.add(i)
            continue
        if name:
            if name not in out["authors"] and not any(c.name == name for c in cards):
                out["authors"].append(name)
            used.add(i)
            in_list = False
            continue
        if is_counter(line.text) or is_dateline(line.text):
            continue
        in_list = False
