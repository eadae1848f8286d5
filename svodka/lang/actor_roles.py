"""CAMEO actor roles from Russian words: "полиция" → COP, "министерство обороны" → MIL, "генералы полиции" →
COP (the body a title heads), "глава мафии" → CRM. The words and their codes are a data file written for
svodka (``data/actor_roles.tsv``); the coder codes its actors with it, the linker compares them.

    role_of(phrase) -> "GOV" | "MIL" | … | None
    STATE_ROLES      the roles of a state's unnamed organs (police, officials, courts, army, services)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .morph import morph

DATA = Path(__file__).with_name("data") / "actor_roles.tsv"
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# roles that outrank the others when a phrase has several ("министр обороны": defence → MIL)
SPECIFIC = ("MIL", "COP", "JUD", "SPY", "LEG", "REB", "MED", "IGO", "CRM")
# ranks and titles that take the role of the body they head ("генерал полиции", "глава клана")
TITLES = {"глава", "генерал", "руководитель", "начальник", "лидер", "главарь", "босс", "председатель",
          "командир", "полковник", "майор", "капитан", "офицер", "сотрудник", "представитель", "член"}


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    out = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, code = line.split("\t")[:2]
            word = word.strip().lower()
            out[word] = code.strip()
            if " " in word:     # "участник акции" is also found as "участников акции": by its lemmas
                out.setdefault(" ".join(_lemma(w) for w in word.split()), code.strip())
    return out


def _lemma(word: str) -> str:
    ps = morph().parse(word.lower())
    return (ps[0].normal_form if ps else word.lower()).replace("ё", "е")


@lru_cache(maxsize=50_000)
def role_of(phrase: str) -> str | None:
    """The CAMEO role code a phrase names: the whole phrase, an abbreviation, else its head word's."""
    roles = table()
    low = " ".join(phrase.lower().replace("ё", "е").split())
    if low in roles:
        return roles[low]
    words = WORD.findall(phrase)
    found = []
    for i, w in enumerate(words):
        key = w.lower() if w.isupper() else _lemma(w)
        pair = f"{key} {_lemma(words[i + 1])}" if i + 1 < len(words) else ""
        if pair in roles:              # "министерства обороны" → MIL before "министерство" → GOV
            found.append((i, roles[pair]))
        elif key in roles:
            found.append((i, roles[key]))
    if not found:
        return None
    # "министерство обороны" → MIL over GOV; a title over its body: "генералы полиции" → COP, "глава
    # мафии" → CRM; otherwise the first (the head) decides
    specific = [code for i, code in found if code in SPECIFIC and i > found[0][0]]
    head_word = _lemma(words[found[0][0]]) if found[0][0] < len(words) else ""
    if specific and (found[0][1] == "GOV" or head_word in TITLES):
        return specific[0]
    if head_word in TITLES and len(found) > 1:
        return found[1][1]
    return found[0][1]


STATE_ROLES = {"COP", "GOV", "JUD", "MIL", "SPY", "LEG"}
