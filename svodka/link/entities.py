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
date they were seen on, birth dates, countries — the most frequent value wins — and mention counts.

Tables (schema step "link"): ``corpus_entities``, ``corpus_names`` (lookup keys), ``corpus_entity_values``
(what, value, count, first, last), ``entity_links`` (article, entity → corpus), ``link_state``.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..store.records import key as name_key

STAGE = "entities"
PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)$")
FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая)$")
MALE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ый)$")
SURNAME_CAP = 50       # namesakes compared by role before a bare surname is called ambiguous


# --- names -------------------------------------------------------------------------------

@lru_cache(maxsize=50_000)
def lemma_key(text: str) -> str:
    """A name as its words' lemmas: "Министерства иностранных дел" → "министерство иностранный дело"."""
    from ..store.text import lemma_text
    return lemma_text(text) or name_key(text)


QUOTES = re.compile(r"[«»\"“”„]")


@lru_cache(maxsize=20_000)
def nominative(name: str) -> bool:
    """Whether a place or organisation name is in the nominative ("Россельхознадзор", not "…надзора")."""
    from ..nlp.normal import normalize_phrase
    words = QUOTES.sub("", name).split()
    if len(words) == 1:                     # one word: its own lemma (an unknown word is predicted)
        return lemma_key(words[0]) == name_key(words[0])
    try:
        return normalize_phrase(name) == name
    except Exception:          # noqa: BLE001 — a name the normaliser cannot read counts as given
        return True


@lru_cache(maxsize=20_000)
def first_name_gender(word: str) -> str | None:
    from ..page.lines import morph
    for p in morph().parse(word.lower()):
        if "Name" in p.tag and p.tag.case == "nomn" and p.tag.gender in ("masc", "femn"):
            return p.tag.gender
    return None


@dataclass(slots=True)
class PersonName:
    first: str | None = None
    patronymic: str | None = None
    last: str | None = None
    gender: str | None = None

    @property
    def full(self) -> bool:
        return bool(self.first and self.last)


def _is_patronymic(word: str, alone: bool) -> bool:
    """"Гейдарович" is one; as the second of two words "Абрамович" is a surname (it can be both)."""
    if not PATRONYMIC.search(word) or len(word) <= 5:
        return False
    if not alone:
        return True
    from ..page.lines import morph
    tags = [p.tag for p in morph().parse(word)]
    return any("Patr" in t for t in tags) and not any("Surn" in t for t in tags)


def person_name(name: str) -> PersonName:
    """"Ильхам Гейдарович Алиев" → first, patronymic, last (keys: casefolded, ё → е) and gender."""
    words = [w for w in name_key(name).split() if w]
    out = PersonName()
    if not words:
        return out
    if len(words) == 1:
        out.last = words[0]
    else:
        out.first = words[0]
        rest = words[1:]
        if _is_patronymic(rest[0], len(rest) == 1):
            out.patronymic = rest.pop(0)
        out.last = " ".join(rest) or None
    genders = []
    if out.first:
        genders.append(first_name_gender(out.first))
    if out.patronymic:
        genders.append("femn" if out.patronymic.endswith("на") else "masc")
    if out.last:
        last = out.last.split()[-1]
        genders.append("femn" if FEMALE_SURNAME.search(last) else "masc" if MALE_SURNAME.search(last) else None)
    known = [g for g in genders if g]
    out.gender = known[0] if known else None
    return out


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two EDTF birth dates that may be the same day: one unknown, or one a prefix of the other."""
    if not a or not b:
        return True
    a, b = a.rstrip("?~%"), b.rstrip("?~%")
    return a.startswith(b) or b.startswith(a)


def country_iso(name: str, type_: str, country: str | None) -> str | None:
    """The ISO code of a LOC that is a country ("РФ" → RUS), else None."""
    if type_ != "LOC":
        return None
    from ..nlp.countries import country_named
    c = country_named(name)
    return c.iso3 if c else None


def lookup_keys(type_: str, name: str, aliases: list[str], country: str | None = None) -> list[str]:
    """The keys under which a corpus entity is found (``corpus_names``)."""
    keys = []
    if type_ == "PER":
        p = person_name(name)
        if p.full:
            keys.append(f"PER:{p.first} {p.last}")
        elif p.first and p.patronymic:
            keys.append(f"PER:{p.first} {p.patronymic}")
        elif p.last:
            keys.append(f"PER:{p.last}")
        for a in aliases:
            keys.append(f"PER:{name_key(a)}")
        return list(dict.fromkeys(keys))
    iso = country_iso(name, type_, country)
    if iso:
        keys.append(f"{type_}:iso:{iso}")
    for n in [name, *aliases]:
        keys.append(f"{type_}:{lemma_key(n)}")
        # an alias makes no country of a place that is not one ("Флорида (США)": США is where it lies)
        alias_iso = country_iso(n, type_, country)
        if alias_iso and (iso or n == name):
            keys.append(f"{type_}:iso:{alias_iso}")
        elif alias_iso:
            keys.pop()
    return list(dict.fromkeys(keys))


# --- linking -------------------------------------------------------------------------------

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


def _mark(store, stage: str) -> int:
    row = store.conn.execute("SELECT upto FROM link_marks WHERE stage = ?", (stage,)).fetchone()
    return row[0] if row else 0


def pending(store, stage: str) -> list[tuple[int, str | None]]:
    """(pk, published) of the articles not linked for ``stage`` yet, oldest first."""
    return store.conn.execute(
        "SELECT pk, published FROM articles a WHERE pk > ? AND NOT EXISTS"
        " (SELECT 1 FROM link_state s WHERE s.stage = ? AND s.article = a.pk)"
        " ORDER BY published, pk", (_mark(store, stage), stage)).fetchall()


def mark_done(store, stage: str, pks: list[int]) -> None:
    """Record the articles as linked for ``stage``, and move the mark below which all are."""
    conn = store.conn
    conn.executemany("INSERT OR IGNORE INTO link_state (stage, article) VALUES (?, ?)", [(stage, pk) for pk in pks])
    mark = _mark(store, stage)
    top = conn.execute("SELECT max(pk) FROM articles").fetchone()[0] or 0
    gap = conn.execute("SELECT min(pk) FROM articles a WHERE pk > ? AND pk <= ? AND NOT EXISTS"
                       " (SELECT 1 FROM link_state s WHERE s.stage = ? AND s.article = a.pk)",
                       (mark, top, stage)).fetchone()[0]
    upto = top if gap is None else gap - 1
    if upto > mark:
        conn.execute("INSERT INTO link_marks (stage, upto) VALUES (?, ?) ON CONFLICT(stage) DO UPDATE"
                     " SET upto = excluded.upto", (stage, upto))


def _locals(store, arts: list[tuple[int, str | None]]) -> list[Local]:
    conn = store.conn
    published = dict(arts)
    out = []
    pks = list(published)
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        marks = ",".join("?" * len(chunk))
        # credits and attributions ("Фото: ТАСС", "сообщает ТАСС") are not what the article is about: an
        # entity with no other mention is not linked (no co-mentions, no most-mentioned count)
        counts, asides = store.topical_mention_counts(chunk)
        for a, e, t, name, aliases, roles, born, country in conn.execute(
                f"SELECT article, entity, type, name, aliases, roles, born, country FROM entities"
                f" WHERE article IN ({marks})", chunk):
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
        self.conn = store.conn
        self.touched: set[int] = set()
        self.in_article: dict[int, set[int]] = defaultdict(set)     # article → corpus entities linked there
        self.surnames: set[str] = set()

    # candidates ---------------------------------------------------------------------------

    def by_keys(self, keys: list[str]) -> list[int]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT entity FROM corpus_names WHERE key IN ({marks}) ORDER BY entity", keys)]

    def info(self, cid: int) -> dict:
        row = self.conn.execute(
            "SELECT type, name, first_name, patronymic, last_name, gender, born, country, articles"
            " FROM corpus_entities WHERE id = ?", (cid,)).fetchone()
        keys = ("type", "name", "first", "patronymic", "last", "gender", "born", "country", "articles")
        d = dict(zip(keys, row))
        d["id"] = cid
        d["roles"] = {r[0] for r in self.conn.execute(
            "SELECT value FROM corpus_entity_values WHERE entity = ? AND what = 'role'", (cid,))}
        d["borns"] = [r[0] for r in self.conn.execute(
            "SELECT value FROM corpus_entity_values WHERE entity = ? AND what = 'born'", (cid,))]
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
        rows = self.conn.execute("SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name = ?"
                                 " AND first_name IS NOT NULL ORDER BY id LIMIT ?", (last, SURNAME_CAP + 1)).fetchall()
        if len(rows) > SURNAME_CAP:
            return None
        return [c for c in (self.info(r[0]) for r in rows) if not self.person_conflict(loc, c)]

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
                rows = self.conn.execute(
                    "SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name = ? AND patronymic = ?"
                    " AND last_name IS NOT NULL LIMIT 2", (p.first, p.patronymic)).fetchall()
                return rows[0][0] if len(rows) == 1 and not here else None
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
                row = self.conn.execute("SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name IS NULL"
                                        " AND last_name = ? AND patronymic IS NULL ORDER BY id LIMIT 1",
                                        (p.last,)).fetchone()
                return row[0] if row else None
            return None
        found = [c for c in self.by_keys(lookup_keys(loc.type, loc.name, loc.aliases, loc.country))]
        rows = []
        for c in found:
            t, n = self.conn.execute("SELECT type, articles FROM corpus_entities WHERE id = ?", (c,)).fetchone()
            if t == loc.type:
                rows.append((n or 0, -c))
        return -max(rows)[1] if rows else None

    # writing --------------------------------------------------------------------------------

    def create(self, loc: Local) -> int:
        p = loc.person
        cur = self.conn.execute(
            "INSERT INTO corpus_entities (type, name, key, first_name, patronymic, last_name, gender, born, country,"
            " mentions, articles, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, NULL, NULL)",
            (loc.type, loc.name, name_key(loc.name), p.first, p.patronymic, p.last, p.gender, loc.born, loc.country))
        cid = cur.lastrowid
        self.add_keys(cid, lookup_keys(loc.type, loc.name, [], loc.country))
        return cid

    def add_keys(self, cid: int, keys: list[str]) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO corpus_names (key, entity) VALUES (?, ?)", [(k, cid) for k in keys])

    def value(self, cid: int, what: str, value: str, day: str | None, count: int = 1) -> None:
        self.conn.execute(
            "INSERT INTO corpus_entity_values AS v (entity, what, value, count, first, last) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(entity, what, value) DO UPDATE SET count = v.count + excluded.count,"
            " first = CASE WHEN v.first IS NULL OR excluded.first < v.first THEN excluded.first ELSE v.first END,"
            " last = CASE WHEN v.last IS NULL OR excluded.last > v.last THEN excluded.last ELSE v.last END",
            (cid, what, value, count, day, day))

    def attach(self, loc: Local, cid: int) -> None:
        day = (loc.published or "")[:10] or None
        self.conn.execute("INSERT INTO entity_links (article, entity, corpus, mentions) VALUES (?, ?, ?, ?)"
                          " ON CONFLICT (article, entity) DO UPDATE SET corpus = excluded.corpus,"
                          " mentions = excluded.mentions", (loc.article, loc.entity, cid, loc.mentions))
        self.conn.execute(
            "UPDATE corpus_entities SET mentions = mentions + ?, articles = articles + ?,"
            " first_seen = CASE WHEN first_seen IS NULL OR ? < first_seen THEN ? ELSE first_seen END,"
            " last_seen = CASE WHEN last_seen IS NULL OR ? > last_seen THEN ? ELSE last_seen END WHERE id = ?",
            (loc.mentions, 0 if cid in self.in_article[loc.article] else 1, day, day, day, day, cid))
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
        for what, value, count in self.conn.execute(
                "SELECT what, value, count FROM corpus_entity_values WHERE entity = ?", (cid,)):
            vals[what].append((value, count))
        row = self.conn.execute("SELECT type, first_name FROM corpus_entities WHERE id = ?", (cid,)).fetchone()
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
        self.conn.execute("UPDATE corpus_entities SET name = coalesce(?, name), key = coalesce(?, key), born = ?,"
                          " country = ? WHERE id = ?", (name, name_key(name) if name else None, born, country, cid))

    def merge(self, into: int, old: int) -> None:
        """Corpus entity ``old`` is ``into``: move its links, values and keys (events follow)."""
        c = self.conn
        articles = [r[0] for r in c.execute("SELECT DISTINCT article FROM entity_links WHERE corpus = ?", (old,))]
        c.execute("UPDATE entity_links SET corpus = ? WHERE corpus = ?", (into, old))
        for what, value, count, first, last in c.execute(
                "SELECT what, value, count, first, last FROM corpus_entity_values WHERE entity = ?", (old,)).fetchall():
            self.value(into, what, value, first, count)
            if last and last != first:
                self.value(into, what, value, last, 0)
        c.execute("DELETE FROM corpus_entity_values WHERE entity = ?", (old,))
        c.execute("INSERT OR IGNORE INTO corpus_names (key, entity) SELECT key, ? FROM corpus_names WHERE entity = ?",
                  (into, old))
        c.execute("DELETE FROM corpus_names WHERE entity = ?", (old,))
        m, f, l = c.execute("SELECT mentions, first_seen, last_seen FROM corpus_entities WHERE id = ?", (old,)).fetchone()
        f0, l0 = c.execute("SELECT first_seen, last_seen FROM corpus_entities WHERE id = ?", (into,)).fetchone()
        shared = c.execute("SELECT count(DISTINCT article) FROM entity_links WHERE corpus = ?", (into,)).fetchone()[0]
        c.execute("UPDATE corpus_entities SET mentions = mentions + ?, articles = ?, first_seen = ?, last_seen = ?"
                  " WHERE id = ?", (m, shared, min((x for x in (f0, f) if x), default=None),
                                    max((x for x in (l0, l) if x), default=None), into))
        c.execute("DELETE FROM corpus_entities WHERE id = ?", (old,))
        c.execute("INSERT INTO entity_merges (old, new) VALUES (?, ?)", (old, into))
        for arts in self.in_article.values():
            if old in arts:
                arts.discard(old)
                arts.add(into)
        self.touched.discard(old)
        self.touched.add(into)
        from . import events
        events.entity_merged(self.store, old, into, articles)

    def promote(self) -> None:
        """Surname-only corpus entities whose surname now has one full-name candidate: merge them in."""
        for last in sorted(self.surnames):
            lone = self.conn.execute("SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name IS NULL"
                                     " AND patronymic IS NULL AND last_name = ?", (last,)).fetchall()
            if not lone:
                continue
            full = self.conn.execute("SELECT id, born FROM corpus_entities WHERE type = 'PER' AND first_name IS NOT NULL"
                                     " AND last_name = ?", (last,)).fetchall()
            if len(full) != 1:
                continue
            for (old,) in lone:
                borns = [r[0] for r in self.conn.execute(
                    "SELECT value FROM corpus_entity_values WHERE entity = ? AND what = 'born'", (old,))]
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
        self.promote()
        for cid in sorted(self.touched):
            self.refresh(cid)


def link_new(store) -> int:
    """Link every article entity not linked yet to a corpus entity; returns how many articles were linked."""
    with store.transaction():
        arts = pending(store, STAGE)
        if not arts:
            return 0
        Linker(store).link(_locals(store, arts))
        mark_done(store, STAGE, [pk for pk, _ in arts])
    return len(arts)


__all__ = ["link_new", "person_name", "lookup_keys", "country_iso", "pending", "mark_done"]
