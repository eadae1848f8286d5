"""Stories: articles about the same story across sources, grouped.

    assign_new(store)                 put every article not in a story yet into one (idempotent, resumable)
    stories(store, min_articles=2)    the stories, oldest first: Story(id, label, first, last, articles, sites)
    story_of(store, article_id)       the story of one article, or None

How an article finds its story
------------------------------
Text: the article's *lemma shingles* — the set of lemmas (``svodka.lang.morph.lemma``, as the search index
has them) of its title, lead and body, words of four letters or more (which drops most function words).
Two reports of one event by different outlets are rewritten, not copied: they share vocabulary, not
3-word runs, so single lemmas are the shingles. Each article's MinHash signature (datasketch, 128
permutations, seed 1, scheme ``affine32``) and its shingles (as sorted 32-bit SHA-1 hashes, the ones
MinHash uses) are stored in ``story_articles``: the LSH index is rebuilt from the store, never from a run.

Candidates: an LSH index (``MinHashLSH``, 64 bands of 2 rows: a pair with J = 0.2 collides with
probability 0.93, J = 0.3 with 0.998) over the articles published within ``WINDOW`` days (±3) of the
article; hits whose MinHash estimate is below 0.1 are dropped, and the stories of the others are the
candidate stories. Within them the Jaccard similarity ``J`` is computed exactly from the stored
shingle hashes (the MinHash estimate with 128 permutations is off by ±0.05: as much as the margins
that matter here).

Score of the article against one member of a candidate story::

    pair = J + 0.03 · min(shared, 5) − 0.02 · days

``J`` the Jaccard similarity of the shingle sets; ``shared`` the entities the two have in common —
named in the title, lead or body (photo credits are not evidence), people by surname (so "Путин" of
a wire item meets "Владимир Путин"), organisations and places by name, countries left out (most of
the coverage shares them); ``days`` the distance of the two publication dates. A pair with no shared
entity counts only when the texts are near duplicates (J ≥ 0.5): two snowfalls on one day in two
cities share words ("снегопад", "пробки") but no place, and stay two stories.

The article joins the candidate story with the best *average* pair score over the story's members
within the window, when that average is at least ``THRESHOLD`` (0.35); else it founds a story. The
average (not the best single pair) keeps a story from chaining into the next day's related but
different event. Articles are assigned oldest first, so a story's founder is usually its first
report; the label is always the title of the story's earliest article. Undated articles are matched
only among undated ones.

The weights and the threshold were set on the demo corpus (demo/README.md lists which pages report
one event): same-story pairs there have J 0.24–0.62, pairs of different events within three days
reach 0.29, so text alone cannot separate them and the entities and the average do. On the demo, the
stories are the README's events except that the tomato restrictions (2025-08-19, a Екатеринбург
market) and the exporters' reply (2025-08-20) stay apart; the weakest decision is 2025-06-30 (Baku
detains Russians) vs 2025-07-01 (Moscow summons the ambassador over it): average 0.348, kept apart.

Tables (schema step "stories"): ``stories`` (id, label, label_article, first, last, size) and
``story_articles`` (article → story, day, score, size, shingles, minhash).
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from ..lang.sites import folder_of
from ..lang.morph import lemma_text

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
LSH_BANDS = (64, 2)         # bands × rows = NUM_PERM: recall first (a story needs J ≥ 0.2 at least)
MIN_ESTIMATE = 0.1         # LSH hits whose MinHash estimate is lower are not candidates
WINDOW = 3                 # days either side
THRESHOLD = 0.35           # average pair score to join a story
NEAR_DUPLICATE = 0.5       # J at which two texts need no shared entity
ENTITY_WEIGHT = 0.03
ENTITY_CAP = 5
DAY_PENALTY = 0.02
MIN_SHINGLES = 5           # fewer: the article founds its own story and is never a candidate
MIN_LETTERS = 4

PARAMS = f"{SCHEME}:{NUM_PERM}:{SEED}:sha1_32:lemma{MIN_LETTERS}"     # recorded in meta; a change re-signs the store


# --- records ---------------------------------------------------------------------------

@dataclass(slots=True)
class StoryArticle:
    id: str
    published: str | None
    site: str | None                  # the site, else the folder the document was read from
    title: str | None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "published": self.published, "site": self.site, "title": self.title, "url": self.url}


@dataclass(slots=True)
class Story:
    id: int
    label: str | None
    first: str | None
    last: str | None
    articles: list[StoryArticle] = field(default_factory=list)

    @property
    def sites(self) -> list[str]:
        return sorted({a.site for a in self.articles if a.site})

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "first": self.first, "last": self.last,
                "size": len(self.articles), "sites": self.sites, "articles": [a.to_dict() for a in self.articles]}


# --- text and entities -------------------------------------------------------------------

def shingles(article: dict) -> set[str]:
    """The article's lemma shingles: lemmas of title, lead and body words of ≥ 4 letters."""
    text = "\n".join(x for x in [article.get("title"), article.get("lead"), *(article.get("body") or [])] if x)
    return {w for w in lemma_text(text).split() if len(w) >= MIN_LETTERS}


def signature(words: set[str]) -> np.ndarray:
    """The MinHash signature of a shingle set: NUM_PERM uint32 values."""
    from datasketch import MinHash     # heavy (scipy): only when stories are linked, not for every command

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([w.encode("utf-8") for w in sorted(words)])
    return m.hashvalues.astype("<u4")


def hashes(words: set[str]) -> np.ndarray:
    """The shingles as sorted unique 32-bit hashes (SHA-1, as MinHash hashes them)."""
    from datasketch.hashfunc import sha1_hash32     # heavy (scipy): only when stories are linked, not for every command

    return np.unique(np.fromiter((sha1_hash32(w.encode("utf-8")) for w in words), dtype="<u4", count=len(words)))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def _blob(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def _unblob(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def _lean(sig: np.ndarray):
    from datasketch import LeanMinHash     # heavy (scipy): only when stories are linked, not for every command

    return LeanMinHash(seed=SEED, hashvalues=sig.astype(np.uint64), scheme=SCHEME)


def _entity_keys(store, pks: list[int]) -> dict[int, set[str]]:
    """pk → the article's story entities: named in the reader text, people by surname, no countries."""
    out: dict[int, set[str]] = defaultdict(set)
    for pk, type_, key_, last in store.reader_entities(pks):
        if key_:
            out[pk].add(f"PER:{last}" if type_ == "PER" and last else f"{type_}:{key_}")
    return out


def _day(published: str | None) -> str:
    """YYYY-MM-DD, or '' when the article has no (valid) date."""
    if not published:
        return ""
    try:
        return date.fromisoformat(published.strip()[:10]).isoformat()
    except ValueError:
        return ""


def _days_apart(a: str, b: str) -> int:
    if not a or not b:
        return 0
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _shift(day: str, n: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()


# --- the window: articles of nearby days, in memory, with an LSH index over them ---------

@dataclass(slots=True)
class _Item:
    pk: int
    story: int
    day: str
    words: np.ndarray
    sig: np.ndarray
    entities: set[str]


class _Window:
    """Assigned articles within ±WINDOW days of the day being processed, loaded day by day."""

    def __init__(self, store) -> None:
        from datasketch import MinHashLSH     # heavy (scipy): only when stories are linked, not for every command

        self.store = store
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
        self.items: dict[int, _Item] = {}
        self.by_day: dict[str, list[int]] = defaultdict(list)
        self.by_story: dict[int, set[int]] = defaultdict(set)
        self.loaded: set[str] = set()
        self.day: str | None = None

    def days_around(self, day: str) -> set[str]:
        if not day:
            return {""}
        return {_shift(day, n) for n in range(-WINDOW, WINDOW + 1)}

    def move_to(self, day: str) -> None:
        if day == self.day:
            return
        self.day = day
        wanted = self.days_around(day)
        for gone in self.loaded - wanted:
            for pk in self.by_day.pop(gone, []):
                item = self.items.pop(pk, None)
                if item is not None:
                    self.lsh.remove(pk)
                    self.by_story[item.story].discard(pk)
                    if not self.by_story[item.story]:
                        del self.by_story[item.story]
        self.loaded &= wanted
        for new_day in sorted(wanted - self.loaded):
            rows = self.store.story_signatures(new_day, MIN_SHINGLES)
            ents = _entity_keys(self.store, [r[0] for r in rows])
            for pk, story, words, sig in rows:
                self.add(_Item(pk, story, new_day, _unblob(words), _unblob(sig), ents.get(pk, set())))
            self.loaded.add(new_day)

    def add(self, item: _Item) -> None:
        if item.pk in self.items:
            return
        self.items[item.pk] = item
        self.by_day[item.day].append(item.pk)
        self.by_story[item.story].add(item.pk)
        self.lsh.insert(item.pk, _lean(item.sig))

    def candidates(self, sig: np.ndarray) -> list[_Item]:
        hits = [self.items[pk] for pk in sorted(self.lsh.query(_lean(sig))) if pk in self.items]
        return [h for h in hits if float(np.mean(h.sig == sig)) >= MIN_ESTIMATE]


def pair_score(words_a: np.ndarray, ents_a: set[str], day_a: str, b: _Item) -> float:
    """The evidence that two articles report one story (see the module's docstring)."""
    j = jaccard(words_a, b.words)
    shared = len(ents_a & b.entities)
    if not shared and j < NEAR_DUPLICATE:
        return 0.0
    return j + ENTITY_WEIGHT * min(shared, ENTITY_CAP) - DAY_PENALTY * _days_apart(day_a, b.day)


def _best_story(window: _Window, words: np.ndarray, sig: np.ndarray, ents: set[str],
                day: str) -> tuple[int, float] | None:
    stories = sorted({c.story for c in window.candidates(sig)})
    if not stories:
        return None
    best = None
    for story in stories:
        scores = [pair_score(words, ents, day, window.items[pk]) for pk in sorted(window.by_story[story])]
        avg = sum(scores) / len(scores)
        if avg >= THRESHOLD and (best is None or avg > best[1]):
            best = (story, avg)
    return best


# --- assignment -------------------------------------------------------------------------

def _check_params(store) -> None:
    """Signatures are comparable only under one set of MinHash parameters: re-sign on a change."""
    recorded = store.story_minhash_params()
    if recorded == PARAMS:
        return
    if recorded is not None:
        for pk, data in store.story_article_documents():
            words = shingles(json.loads(data))
            store.resign_story_article(pk, len(words), _blob(hashes(words)), _blob(signature(words)))
    store.set_story_minhash_params(PARAMS)


def _pending(store) -> list[tuple[int, str]]:
    """(pk, day) of every article not in a story yet, in the order they are assigned: undated first,
    then oldest first (ties by storage order)."""
    rows = store.articles_without_story()
    return sorted(((pk, _day(published)) for pk, published in rows), key=lambda r: (r[1], r[0]))


def assign_new(store, *, chunk: int = 500) -> int:
    """Put every stored article that is in no story yet into one; returns how many were assigned.

    Idempotent and resumable: articles already in a story are never assigned again (they are only
    candidates), and a second call assigns nothing. Runs in one transaction (it joins the caller's,
    such as an ingest batch's). Memory: the articles of a ±WINDOW-day window, and ``chunk`` pending ones.
    """
    assigned = 0
    with store.transaction():
        _check_params(store)
        pending = _pending(store)
        if not pending:
            return 0
        window = _Window(store)
        for i in range(0, len(pending), chunk):
            part = pending[i:i + chunk]
            pks = [pk for pk, _ in part]
            data = store.article_documents(pks)
            ents = _entity_keys(store, pks)
            for pk, day in part:
                window.move_to(day)
                assigned += _assign_one(store, window, pk, day, json.loads(data[pk]), ents.get(pk, set()))
    return assigned


def _assign_one(store, window: _Window, pk: int, day: str, article: dict, ents: set[str]) -> int:
    text = shingles(article)
    words, sig = hashes(text), signature(text)
    found = _best_story(window, words, sig, ents, day) if len(words) >= MIN_SHINGLES else None
    if found:
        story, score = found
    else:
        story, score = store.add_story(article.get("title"), day or None), None
    store.add_story_article(pk, story, day, score, len(words), _blob(words), _blob(sig))
    store.refresh_story(story)
    if len(words) >= MIN_SHINGLES:
        window.add(_Item(pk, story, day, words, sig, ents))
    return 1


# --- reading ----------------------------------------------------------------------------

def outlet(site: str | None, source: str | None) -> str | None:
    """The site, else the name of the folder the document was read from (text dumps stored before their
    site was their folder's)."""
    return site or folder_of(source)


def _members(store, ids: list[int]) -> dict[int, list[StoryArticle]]:
    out: dict[int, list[StoryArticle]] = defaultdict(list)
    for story, id_, published, site, source, title, url in store.story_members(ids):
        out[story].append(StoryArticle(id_, published, outlet(site, source), title, url))
    return out


def stories(store, min_articles: int = 2, *, limit: int | None = None, offset: int = 0) -> list[Story]:
    """The stories with at least ``min_articles`` articles, oldest first (from the ``offset``-th), each with
    its articles (date, site, title) in date order. Articles not assigned yet are not listed (see assign_new)."""
    heads = store.story_heads(max(1, int(min_articles)), None if limit is None else int(limit), max(0, int(offset)))
    members = _members(store, [h[0] for h in heads])
    return [Story(id_, label, first, last, members.get(id_, [])) for id_, label, first, last in heads]


def story_of(store, article_id: str) -> Story | None:
    """The story an article (by id or sha256) belongs to, or None when it is not assigned."""
    story = store.story_of_article(article_id)
    if story is None:
        return None
    head = store.story_head(story)
    return Story(*head, _members(store, [head[0]]).get(head[0], []))


def unassigned(store) -> int:
    """How many stored articles are in no story yet."""
    return store.count_articles_without_story()


__all__ = ["assign_new", "stories", "story_of", "unassigned", "Story", "StoryArticle", "shingles", "signature",
           "hashes", "jaccard", "pair_score", "outlet", "PARAMS", "WINDOW", "THRESHOLD"]
