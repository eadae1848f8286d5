"""Site templates: lines that repeat across several pages of one site are the site's boilerplate.

Pages are grouped by their site when it is known, else by the lines they share (pages of one
template share menus and footers; two articles of different sites share almost nothing).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .lines import SPACES

MIN_SHARED_LINES = 8       # shared distinct lines that make two unsited pages one template
MIN_SHARED_SHARE = 0.2     # … and that share of the smaller page's lines
MIN_LINE_CHARS = 4         # shorter lines ("0", "RSS") carry no evidence of a template


def _line_set(text: str) -> set[str]:
    lines = (SPACES.sub(" ", l).strip() for l in text.splitlines())
    return {l for l in lines if len(l) >= MIN_LINE_CHARS}


def group_pages(texts: list[str], sites: list[str | None]) -> list[list[int]]:
    """Indices of pages grouped by site, or by shared lines where the site is unknown."""
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_site: dict[str, int] = {}
    for i, site in enumerate(sites):
        if site:
            if site in by_site:
                union(i, by_site[site])
            else:
                by_site[site] = i
    sets = [_line_set(t) for t in texts]
    owners: dict[str, list[int]] = defaultdict(list)
    for i, lines in enumerate(sets):
        if sites[i] is None:
            for line in lines:
                owners[line].append(i)
    pair_counts: Counter[tuple[int, int]] = Counter()
    for docs in owners.values():
        if 2 <= len(docs) <= 50:      # very common lines ("Главная") say nothing about templates
            for a_i, a in enumerate(docs):
                for b in docs[a_i + 1:]:
                    pair_counts[(a, b)] += 1
    for (a, b), n in pair_counts.items():
        if n >= MIN_SHARED_LINES and n >= MIN_SHARED_SHARE * min(len(sets[a]), len(sets[b])):
            union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups[find(i)].append(i)
    return list(groups.values())


def template_lines(texts: list[str]) -> frozenset[str]:
    """Lines found on at least two pages of one group (and on at least a third of them)."""
    if len(texts) < 2:
        return frozenset()
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(_line_set(t))
    need = max(2, len(texts) // 3)
    return frozenset(line for line, n in counts.items() if n >= need)


def templates_for(texts: list[str], sites: list[str | None]) -> list[frozenset[str]]:
    """For each page, the template lines of its group."""
    out: list[frozenset[str]] = [frozenset()] * len(texts)
    for group in group_pages(texts, sites):
        lines = template_lines([texts[i] for i in group])
        for i in group:
            out[i] = lines
    return out
