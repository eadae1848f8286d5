"""Where the article is in a list of lines: the densest run of running text (a BTE-style maximum segment)."""
from __future__ import annotations

import re

from .lines import Line, is_counter, is_dateline, is_headline, is_prose

# Weights of the segment search: prose pays by its length, other lines cost.
SHORT_LINE_COST = 4.0
HEADLINE_COST = 7.0
TEMPLATE_COST = 12.0
PROSE_CAP = 60
BOUNDARY_COST = 60.0

# Lines that end an article on Russian news pages: comments, tags, share and "read also" blocks.
BOUNDARY = re.compile(
    r"^(?:комментари[йиея]\w*|ответить|оставить комментарий|добавить комментарий|написать комментарий"
    r"|т[еэ]ги|метки|ключевые слова|читайте (?:также|еще|ещё)|смотрите также|см\. также|по теме"
    r"|(?:ещё|еще|также) по теме|другие новости"
    r"|(?:другие |похожие |последние |свежие )?(?:новости|материалы|публикации|статьи) по теме"
    r"|ссылки по теме|похожие (?:новости|материалы|статьи)|поделиться|подписаться|версия для печати)\b",
    re.IGNORECASE)


def line_score(line: Line, template: frozenset[str], previous: Line | None = None) -> float:
    if line.text in template:
        return -TEMPLATE_COST
    if BOUNDARY.match(line.text) and line.words <= 12:
        return -BOUNDARY_COST
    if is_prose(line):
        gain = min(line.words, PROSE_CAP)
        if line.blank_before or line.blank_after:
            return gain
        # innerText separates <p> paragraphs by blank lines; a flush paragraph right under a
        # headline-shaped line is the teaser of a news list
        if previous is not None and not is_prose(previous) and previous.index == line.index - 1:
            return gain * 0.25 - SHORT_LINE_COST
        return gain * 0.6
    if is_counter(line.text) or is_dateline(line.text):
        return -1.0
    if is_headline(line):
        return -HEADLINE_COST
    return -SHORT_LINE_COST


def scores(lines: list[Line], template: frozenset[str] = frozenset()) -> list[float]:
    return [line_score(l, template, lines[i - 1] if i else None) for i, l in enumerate(lines)]


def best_segment(values: list[float], lo: int = 0, hi: int | None = None) -> tuple[int, int, float]:
    """[start, stop) of the maximum-sum run of ``values[lo:hi]`` (Kadane), and its sum."""
    hi = len(values) if hi is None else hi
    best, best_span = 0.0, (lo, lo)
    run, run_start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, run_start = values[i], i
        else:
            run += values[i]
        if run > best:
            best, best_span = run, (run_start, i + 1)
    return best_span[0], best_span[1], best


def candidate_segments(values: list[float], limit: int = 5, share: float = 0.25) -> list[tuple[int, int, float]]:
    """Disjoint dense runs, best first: the best one, then the best of what is left on each side."""
    found: list[tuple[int, int, float]] = []
    ranges = [(0, len(values))]
    while ranges and len(found) < limit:
        best = max((best_segment(values, lo, hi) for lo, hi in ranges), key=lambda s: s[2])
        if best[2] <= 0 or (found and best[2] < share * found[0][2]):
            break
        found.append(best)
        ranges = [r for r in ranges if not (r[0] <= best[0] < r[1])] + [
            (r[0], best[0]) for r in ranges if r[0] <= best[0] < r[1]] + [
            (best[1], r[1]) for r in ranges if r[0] <= best[0] < r[1]]
    return found


def is_subhead(lines: list[Line], i: int, template: frozenset[str]) -> bool:
    """A short heading inside the body: its own block, followed by a paragraph."""
    line = lines[i]
    if line.text in template or not is_headline(line) or line.words > 14:
        return False
    if not (line.blank_before and line.blank_after):
        return False
    return i + 1 < len(lines) and is_prose(lines[i + 1])
