"""Entities across articles: every article's entity (table ``entities``) → one corpus entity.

``link_new(store)`` links the articles not linked yet (idempotent, resumable: an article is linked once,
recorded in ``link_state``; it runs inside the caller's transaction when there is one). Looking a corpus
entity up by a name in any case form ("Алиеву" → Ильхам Алиев) is ``svodka.link.lookup``.

How an article's entity finds its corpus entity (namesakes are kept apart):

* PER with first name and surname ("Ильхам Алиев", "Ильхам Гейдарович Алиев"): the corpus persons with
  the same first name and surname (ё = е, case ignored) — the surname's form carries the gender, so
  Мехрибан Алиева is never Ильхам Алиев — whose birth date, patronymic and gender do not conflict
  ("1961" agrees with "1961-12-24"; two different full dates are two people). Several left (namesakes):
  the one sharing the most roles, then the country, then the most articles. None: a new corpus entity.
* PER by surname only ("Алиев"): linked only when unambiguous — the one corpus person with that surname
  that the same article names in full, else the only one in the corpus, else the only one whose roles or
  country match; otherwise it goes to a surname-only corpus entity ("Алиев"), which is merged into the
  full name later if that becomes the only candidate (so the order articles come in does not matter).
* PER by first name and patronymic ("Ильхам Гейдарович"): the person of that first name the same
  article names in full, else the only corpus person with that first name and that patronymic.
* ORG and LOC: the same name or alias, compared by lemmas ("Россельхознадзора" = "Россельхознадзор");
  a country by its ISO code ("РФ" = "Россия"). Types are kept apart.

Aggregates (counted per article, incremental): names and aliases, roles with the first and last article
date they were seen on, birth dates, countries — the most frequent value wins — and mention counts; and
what a dossier reads (the store's ``count_entity_aggregates``): articles and mentions by month, the
articles shared with each other entity, the quotes it speaks.

Tables (schema step "link"): ``corpus_entities``, ``corpus_names`` (lookup keys), ``corpus_entity_values``
(what, value, count, first, last), ``entity_links`` (article, entity → corpus), ``link_state``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from ..lang.names import key as name_key
from . import events
from .names import QUOTES, PersonName, dates_agree, lookup_keys, nominative, person_name

STAGE = "entities"
SURNAME_CAP = 50       # namesakes compared by role before a bare surname is called ambiguous


@dataclass(slots=True)
class Local:
    """One article's entity, as stored."""

    article: int
    published: str | None
    entity: str
    type: str
    name: str
    aliases: list[str]
    roles: list[str]
    born: str | None
    country: str | None
    mentions: int
    person: PersonName = field(default_factory=PersonName)


PROMINENT_ARTICLES = 5      # a surname alone goes to the one person of that surname the corpus names in
PROMINENCE = 5              # at least this many articles and this many times more than the next one


def _locals(store, arts: list[tuple[int, str | None]]) -> list[Local]:
    published = dict(arts)
    out = []
    pks = list(published)
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        # credits and attributions ("Фото: ТАСС", "сообщает ТАСС") are not what the article is about: an
        # entity with no other mention is not linked (no co-mentions, no most-mentioned count)
        counts, asides = store.topical_mention_counts(chunk)
        for a, e, t, name, aliases, roles, born, country in store.article_entities(chunk):
            if (a, e) in asides and not counts.get((a, e)):
                continue
            loc = Local(a, published[a], e, t or "", name or "", json.loads(aliases or "[]"),
                        json.loads(roles or "[]"), born, country, counts.get((a, e), 0))
            if loc.type == "PER":
                loc.person = person_name(loc.name)
            out.append(loc)
    order = {pk: n for n, pk in enumerate(pks)}
    out.sort(key=lambda x: (order[x.article], x.entity))
    return out


class Linker:
    """Links article entities to corpus entities; keeps the aggregates up to date."""

    def __init__(self, store) -> None:
        self.store = store
        self.touched: set[int] = set()
        self.in_article: dict[int, set[int]] = defaultdict(set)     # article → corpus entities linked there
        self.surnames: set[str] = set()

    # candidates ---------------------------------------------------------------------------

    def by_keys(self, keys: list[str]) -> list[int]:
        return self.store.corpus_entities_with_keys(keys)

    def info(self, cid: int) -> dict:
        d = self.store.corpus_entity_info(cid)
        d["id"] = cid
        d["roles"] = set(self.store.corpus_entity_values_of(cid, "role"))
        d["borns"] = self.store.corpus_entity_values_of(cid, "born")
        return d

    @staticmethod
    def person_conflict(loc: Local, c: dict) -> bool:
        p = loc.person
        if loc.born and any(not dates_agree(loc.born, b) for b in c["borns"]):
            return True
        if p.patronymic and c["patronymic"] and p.patronymic != c["patronymic"]:
            return True
        if p.gender and c["gender"] and p.gender != c["gender"]:
            return True
        return False

    @staticmethod
    def fit(loc: Local, c: dict) -> tuple:
        roles = {name_key(r) for r in loc.roles}
        return (len(roles & {name_key(r) for r in c["roles"]}),
                bool(loc.country and loc.country == c["country"]),
                bool(loc.born and c["born"] and loc.born == c["born"]), c["articles"] or 0, -c["id"])

    def surname_candidates(self, last: str, loc: Local) -> list[dict] | None:
        """The full-name persons of this surname that do not conflict (at most ``SURNAME_CAP`` looked at:
        a surname that common is ambiguous whatever the roles say: None)."""
        ids = self.store.full_name_persons_with_surname(last, SURNAME_CAP + 1)
        if len(ids) > SURNAME_CAP:
            return None
        return [c for c in (self.info(i) for i in ids) if not self.person_conflict(loc, c)]

    def choose(self, loc: Local) -> int | None:
        """The corpus entity this article entity is, or None for a new one."""
        p = loc.person
        if loc.type == "PER":
            if p.full:
                found = [self.info(c) for c in self.by_keys(lookup_keys("PER", loc.name, []))]
                found = [c for c in found if c["type"] == "PER" and c["first"] and not self.person_conflict(loc, c)]
                if not found and loc.aliases:
                    found = [c for c in (self.info(x) for x in self.by_keys(lookup_keys("PER", loc.name, loc.aliases)))
                             if c["type"] == "PER" and c["first"] and not self.person_conflict(loc, c)]
                return max(found, key=lambda c: self.fit(loc, c))["id"] if found else None
            if p.first and p.patronymic:                         # "Ильхам Гейдарович"
                here = [c for c in (self.info(x) for x in sorted(self.in_article[loc.article]))
                        if c["type"] == "PER" and c["first"] == p.first and c["last"]
                        and not self.person_conflict(loc, c)]
                if len(here) == 1:
                    return here[0]["id"]
                ids = self.store.persons_with_first_name_and_patronymic(p.first, p.patronymic, 2)
                return ids[0] if len(ids) == 1 and not here else None
            if p.last:                                           # a surname alone
                here = [c for c in (self.info(x) for x in sorted(self.in_article[loc.article]))
                        if c["type"] == "PER" and c["first"] and c["last"] == p.last
                        and not self.person_conflict(loc, c)]
                if len(here) == 1:
                    return here[0]["id"]
                found = self.surname_candidates(p.last, loc)
                if found is not None and len(found) == 1:
                    return found[0]["id"]
                if found is not None and len(found) > 1:
                    best = sorted(found, key=lambda c: self.fit(loc, c)[:2], reverse=True)
                    if self.fit(loc, best[0])[:2] > (0, False) and self.fit(loc, best[0])[:2] > self.fit(loc, best[1])[:2]:
                        return best[0]["id"]
                    # roles do not decide: the one the corpus writes about far more often ("Трамп" in news
                    # of 2020 is Дональд Трамп, not Иванка or Мелания)
                    by_articles = sorted(found, key=lambda c: c["articles"] or 0, reverse=True)
                    top, second = by_articles[0]["articles"] or 0, by_articles[1]["articles"] or 0
                    if top >= PROMINENT_ARTICLES and top >= PROMINENCE * max(second, 1):
                        return by_articles[0]["id"]
                return self.store.surname_only_person(p.last)
            return None
        found = [c for c in self.by_keys(lookup_keys(loc.type, loc.name, loc.aliases, loc.country))]
        rows = []
        for c in found:
            t, n = self.store.corpus_entity_type_and_articles(c)
            if t != loc.type:
                continue
            if loc.type == "ORG" and loc.country:
                # "МИД" of Russia is not "МИД" of Germany: a body of a known country joins its country's
                # (or one whose country no article gave)
                other = self.info(c)["country"]
                if other and other != loc.country:
                    continue
            rows.append((n or 0, -c))
        return -max(rows)[1] if rows else None

    # writing --------------------------------------------------------------------------------

    def create(self, loc: Local) -> int:
        p = loc.person
        cid = self.store.add_corpus_entity(loc.type, loc.name, name_key(loc.name), p.first, p.patronymic, p.last,
                                           p.gender, loc.born, loc.country)
        self.add_keys(cid, lookup_keys(loc.type, loc.name, [], loc.country))
        return cid

    def add_keys(self, cid: int, keys: list[str]) -> None:
        self.store.add_corpus_names(cid, keys)

    def value(self, cid: int, what: str, value: str, day: str | None, count: int = 1) -> None:
        self.store.count_corpus_entity_value(cid, what, value, day, count)

    def attach(self, loc: Local, cid: int) -> None:
        day = (loc.published or "")[:10] or None
        self.store.link_entity(loc.article, loc.entity, cid, loc.mentions,
                               cid not in self.in_article[loc.article], day)
        self.value(cid, "name", loc.name, day)
        for a in loc.aliases:
            self.value(cid, "alias", a, day)
        for r in dict.fromkeys(loc.roles):
            self.value(cid, "role", r, day)
        if loc.born:
            self.value(cid, "born", loc.born, day)
        if loc.country:
            self.value(cid, "country", loc.country, day)
        self.add_keys(cid, lookup_keys(loc.type, loc.name, loc.aliases, loc.country))
        self.in_article[loc.article].add(cid)
        self.touched.add(cid)
        if loc.type == "PER" and loc.person.last:
            self.surnames.add(loc.person.last)

    def refresh(self, cid: int) -> None:
        """The summary columns from the counted values: the most frequent name, born, country."""
        vals: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for what, value, count in self.store.corpus_entity_value_counts(cid):
            vals[what].append((value, count))
        row = self.store.corpus_entity_type_and_first_name(cid)
        if row is None:
            return
        type_, first = row

        def top(what, prefer=lambda v: 0):
            items = vals.get(what) or []
            return max(items, key=lambda vc: (prefer(vc[0]), vc[1], len(vc[0]), vc[0]))[0] if items else None

        if type_ == "PER" and first:      # a full name (with the patronymic only if no other) names a person
            name = top("name", lambda v: (person_name(v).full, person_name(v).patronymic is None))
        elif type_ == "PER":
            name = top("name")
        else:                             # a name in the nominative, without quotes, the more frequent
            name = top("name", lambda v: (nominative(v), not QUOTES.search(v)))
        born = top("born", lambda v: len(v.rstrip("?~%")))
        country = top("country")
        self.store.set_corpus_entity_summary(cid, name, name_key(name) if name else None, born, country)

    def merge(self, into: int, old: int) -> None:
        """Corpus entity ``old`` is ``into``: move its links, values and keys (events follow)."""
        articles = self.store.merge_corpus_entity(into, old)
        for arts in self.in_article.values():
            if old in arts:
                arts.discard(old)
                arts.add(into)
        self.touched.discard(old)
        self.touched.add(into)
        events.entity_merged(self.store, old, into, articles)

    def promote(self) -> None:
        """Surname-only corpus entities whose surname now has one full-name candidate: merge them in."""
        for last in sorted(self.surnames):
            lone = self.store.surname_only_persons(last)
            if not lone:
                continue
            full = self.store.full_name_persons_born(last)
            if len(full) != 1:
                continue
            for old in lone:
                borns = self.store.corpus_entity_values_of(old, "born")
                if all(dates_agree(b, full[0][1]) for b in borns):
                    self.merge(full[0][0], old)

    def link(self, locs: list[Local]) -> None:
        # full names first (all the batch's), then surnames and first names: a surname then knows
        # which full names its own article holds
        def rank(loc: Local) -> int:
            if loc.type != "PER":
                return 0
            return 0 if loc.person.full else 1
        for loc in sorted(locs, key=rank):
            if not loc.name:
                continue
            cid = self.choose(loc)
            if cid is None:
                cid = self.create(loc)
            self.attach(loc, cid)
        # the dossier's aggregates count the batch's articles as linked so far; a merge then recounts its entity
        self.store.count_entity_aggregates([loc.article for loc in locs])
        self.promote()
        for cid in sorted(self.touched):
            self.refresh(cid)


def link_new(store) -> int:
    """Link every article entity not linked yet to a corpus entity; returns how many articles were linked."""
    with store.transaction():
        arts = store.unlinked_articles(STAGE)
        if not arts:
            return 0
        Linker(store).link(_locals(store, arts))
        store.mark_linked(STAGE, [pk for pk, _ in arts])
    return len(arts)


__all__ = ["link_new"]
