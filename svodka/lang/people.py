"""People in office whom the news names: the country they act for and their CAMEO role on a date.

GDELT's actor dictionaries list persons with codes and date ranges ("VLADIMIR_PUTIN [RUSGOV 000101-]"); an
article that names "Путин" without his office still reports an act of the Russian government. The table is a
data file written for svodka (``data/office_holders.tsv``).

    office_holder("Владимир Путин", "2019-11-18") -> Holder(country="RUS", role="GOV")
    office_holder("Путин")                         # a surname alone, when one person in the table has it
    office_holder("Дональд Трамп", "2022-05-01")  -> Holder(country="USA", role=None)   # out of office
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "office_holders.tsv"


@dataclass(frozen=True, slots=True)
class Holder:
    country: str
    role: str | None


def _key(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").casefold().split())


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[tuple[str, str, str, str]]], dict[str, str | None]]:
    """(full name → [(country, role, from, to)], surname → full name, None where two people share it)."""
    people: dict[str, list[tuple[str, str, str, str]]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + ["", ""]
        name, country, role, start, stop = (c.strip() for c in cells[:5])
        people.setdefault(_key(name), []).append((country, role, start, stop))
    surnames: dict[str, str | None] = {}
    for full in people:
        last = full.split()[-1]
        surnames[last] = None if last in surnames and surnames[last] != full else full
    return people, surnames


def office_holder(name: str, on: str | None = None) -> Holder | None:
    """The country and, on the date ``on`` (ISO, any precision), the role of the person named; a one-word
    name is looked up as a surname. None for people not in the table."""
    people, surnames = _table()
    key = _key(name)
    terms = people.get(key)
    if terms is None and len(key.split()) == 1 and surnames.get(key):
        terms = people[surnames[key]]
    if not terms:
        return None
    role = None
    if on:
        day = on[:10]
        for _, r, start, stop in terms:
            if start[:len(day)] <= day and (not stop or day <= stop[:len(day)]):
                role = r
    return Holder(terms[-1][0], role)
