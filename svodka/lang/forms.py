"""What the text itself shows: the forms a name takes elsewhere in the same article.

A foreign or rare name the dictionary does not know ("Асии Биби", "в Неваде", "Уолца") is put in the
nominative from the article's own evidence before any guess: if the text also writes "Асия", "Невада",
"Уолц", and the unknown form is a regular case form of that word, the attested word is the base form.
Words the text writes in one form only stay as they are unless a rule of declension is sure
("Пелоси", "Рютте" and "Нэшвилл" are not inflected into other words).
"""
from __future__ import annotations

import re
from collections import Counter

WORD = re.compile(r"[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Z]?[а-яёa-z]+)*(?:[’'][А-ЯЁA-Z][а-яёa-z]+)?")

# oblique ending → the nominative endings it may come from (nouns and names of the regular declensions)
OBLIQUE_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ией", ("ия",)), ("ии", ("ия", "ий", "ие")), ("ию", ("ия", "ий", "ие")), ("ием", ("ий", "ие")),
    ("ия", ("ий", "ие")), ("ами", ("а", "", "ы")), ("ями", ("я", "ь", "и")), ("ах", ("а", "", "ы")),
    ("ях", ("я", "ь", "и")), ("ой", ("а", "")), ("ою", ("а",)), ("ей", ("я", "ь", "")), ("ом", ("", "о")),
    ("ем", ("ь", "й", "", "е")), ("ём", ("ь", "й")), ("ым", ("",)), ("им", ("",)),
    ("ы", ("а",)), ("и", ("а", "я", "ь")), ("е", ("а", "я", "", "о", "й")), ("у", ("а", "", "о")),
    ("ю", ("я", "ь", "й")), ("а", ("", "о")), ("я", ("ь", "й", "е")),
)
VOWELS = "аеёиоуыэюя"


def nominative_candidates(word: str) -> list[str]:
    """Words whose regular declension has ``word`` as an oblique form ("Асии" → Асия, Асий, Асие)."""
    low = word.lower()
    out = []
    for ending, nominatives in OBLIQUE_ENDINGS:
        if not low.endswith(ending) or len(low) - len(ending) < 2:
            continue
        stem = word[: len(word) - len(ending)]
        for nom in nominatives:
            if nom == "" and stem[-1:].lower() in VOWELS:
                continue            # a consonant stem ends in a consonant
            cand = stem + nom
            if cand.lower() != low and cand not in out:
                out.append(cand)
    return out


class TextForms:
    """The capitalised word forms of one article, counted; each word's attested base form."""

    def __init__(self, texts: list[str]) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            self.counts.update(WORD.findall(text or ""))
        self._lower = {w.lower().replace("ё", "е"): w for w in self.counts}
        self._roots: dict[str, str | None] = {}

    def seen(self, word: str) -> str | None:
        """The text's spelling of ``word`` (compared without case and ё), or None."""
        return self._lower.get(word.lower().replace("ё", "е"))

    def attested_base(self, word: str, depth: int = 0) -> str | None:
        """The nominative the text attests for an oblique form, following chains ("Лахоре" → Лахора → Лахор)."""
        key = word.lower()
        if key in self._roots:
            return self._roots[key]
        best: str | None = None
        if depth < 3:
            for cand in nominative_candidates(word):
                seen = self.seen(cand)
                if seen is None:
                    continue
                base = self.attested_base(seen, depth + 1) or seen
                if best is None or self.counts[base] > self.counts[best]:
                    best = base
        self._roots[key] = best
        return best

    def is_base(self, word: str) -> bool:
        """Does the text decline this word, i.e. write other forms whose attested base it is?"""
        seen = self.seen(word)
        if seen is None:
            return False
        low = seen.lower()
        return any(w != low.replace("ё", "е") and w[:3] == low[:3] and (self.attested_base(w) or "").lower() == low
                   for w in self._lower)

    def single_form(self, word: str) -> bool:
        """Does the text write this word in one form only (an indeclinable name: "Пелоси", "Рютте")?"""
        seen = self.seen(word)
        if seen is None:
            return True
        stem = seen.lower()[:max(3, len(seen) - 3)]
        return not any(w != seen.lower() and w.startswith(stem) and abs(len(w) - len(seen)) <= 3
                       and (self.attested_base(w) or "").lower() == seen.lower()
                       for w in self._lower)
