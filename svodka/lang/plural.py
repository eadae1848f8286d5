"""Counted nouns: "1 статья, 2 статьи, 5 статей", "1 article, 3 articles"."""
from __future__ import annotations


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for ``n``: one (1, 21, 101), few (2–4, 22–24), many (0, 5–20, 11–14, 25…)."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def plural_en(n: int, one: str, other: str | None = None) -> str:
    """The English form for ``n``: ``one`` for exactly 1, else ``other`` (default ``one + "s"``)."""
    return one if abs(int(n)) == 1 else (other if other is not None else one + "s")


def count_ru(n: int, one: str, few: str, many: str) -> str:
    """``"5 статей"``."""
    return f"{n} {plural_ru(n, one, few, many)}"


def count_en(n: int, one: str, other: str | None = None) -> str:
    """``"3 articles"``."""
    return f"{n} {plural_en(n, one, other)}"
