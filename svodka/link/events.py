"""Events across articles: the reports of one real event in several articles → one corpus event.

``link_new(store)`` links every stored article event (table ``events``) not linked yet; it runs after
``entities.link_new`` (an event's actors are the article's entities, so they are compared as corpus
entities) and is idempotent and resumable like it (``link_state``, stage "events").

Two reports are one event when (the cross-article form of ``svodka.events.event_key``):

* the type is the same and the modality has the same polarity (fact/claim, intent/future, negated);
* the actors agree — as corpus entities ("Путин" in one article is "Владимир Путин" in another);
  capitals as actors are their countries ("Москва потребовала" → Россия); descriptive actors compare by
  their words' lemmas and the country they name ("граждане России" = "российские граждане"); actors
  that are all countries agree with persons of exactly those countries (Россия + Азербайджан = Путин +
  Алиев); symmetric events (call, meet, agreement, intent) compare all participants, directed ones the
  source (an unknown source agrees with any) and the target, where one report may name only some of
  the other's ("полиция Баку" and "полиция Баку и сотрудники …"); reports without actors join only
  reports without actors at the same place, or on the same day told to the day where one has no place;
* the dates agree by precision: two days at most one day apart, a day inside a month, season or year,
  a month inside a season or year … (``DateSpan``). A coarse date ("в октябре") that fits several
  events is its own event rather than a guess;
* the places agree: the same, one unknown, or a capital and its country (Душанбе, Таджикистан).

A report without a date of its own ("ответственность за крушение под Актау") tells of something before
its article: it joins the one event of its type, place and actors that began at most REACH days before
the article (several: none, no guess), else it is an event of unknown date — never the article's date.

The corpus event (GDELT-like) takes the most frequent CAMEO code of its factual reports (the more
specific on a tie) with its Goldstein value and QuadClass, the most precise date, the most specific
place, the strongest modality, the actors of its most informative report, and the counts
NumMentions (report sentences), NumArticles (articles) and NumSources (distinct sites; a document
without a site counts under the folder or archive it was read from).

Tables (schema step "link"): ``corpus_events``, ``corpus_event_actors`` (event, side, entity, name,
country, key), ``event_links`` (article, n → event, with the resolved actors and date span).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath
from urllib.parse import urlsplit

from .. import cameo as codes
from ..cameo import POLARITY, STRENGTH, SYMMETRIC_TYPES, event_key
from ..edtf import DAY, interval
from ..lang.names import key as name_key
from ..model import Event
from ..store.records import dumps
from .event_actors import article_actor_names, corpus_actor, actors_agree, is_country, places_agree, reports_agree

STAGE = "events"
REACH = 400        # days: an event's span starts at most this long before a report that joins it


def symmetric_types() -> set[str]:
    return set(SYMMETRIC_TYPES)


# --- dates ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateSpan:
    """An EDTF date as the days it may be: [lo, hi] and its precision (DAY … SPAN)."""

    lo: date
    hi: date
    precision: int

    def agrees(self, other: "DateSpan") -> bool:
        if self.precision == DAY and other.precision == DAY:
            return abs((self.lo - other.lo).days) <= 1
        return self.lo <= other.hi and other.lo <= self.hi

    def same_day(self, other: "DateSpan") -> bool:
        """Both told to the day, and the same day."""
        return self.precision == DAY == other.precision and self.lo == other.lo

    def distance(self, other: "DateSpan") -> int:
        return abs((self.lo - other.lo).days) + abs((self.hi - other.hi).days)


def span(value: str | None, fallback: str | None = None) -> DateSpan | None:
    """'2025-10-09' → that day; '2025-10' → October; '2025-22' → summer; '2025'; 'A/B', '../B' → an
    interval (an open end reaches 31 days). None or unreadable: the ``fallback`` (the article's date)."""
    found = interval(value)
    if found:
        lo, hi, precision = found
        if lo is None:
            return DateSpan(hi - timedelta(days=31), hi, precision)
        if hi is None:
            return DateSpan(lo, lo + timedelta(days=31), precision)
        return DateSpan(lo, hi, precision)
    if fallback and fallback != value:
        return span(fallback[:10])
    return None


def source_key(site: str | None, url: str | None, source: str | None) -> str:
    """Who published it: the site, else the URL's host, else the folder or archive it was read from."""
    if site:
        return site
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return host[4:] if host.startswith("www.") else host
    path = (source or "").split("#", 1)[0]
    if "#" in (source or ""):
        return PurePath(path).name or path
    parent = PurePath(path).parent
    return parent.name or str(parent) or path or "?"


# --- linking -------------------------------------------------------------------------------

@dataclass(slots=True)
class Report:
    article: int
    n: int
    type: str
    polarity: str
    source: list[dict]
    target: list[dict]
    place: str | None
    span: DateSpan | None
    outlet: str
    published: date | None = None     # the article's day: an undated report tells of something before it

    @property
    def actors(self) -> list[dict]:
        return self.source + self.target


def _reports(store, arts: list[tuple[int, str | None]]) -> list[Report]:
    out = []
    pks = [pk for pk, _ in arts]
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        info = store.article_origins(chunk)
        local, corpus = article_actor_names(store, chunk)
        for a, n, type_, src, tgt, when, place, modality in store.article_event_reports(chunk):
            pub, site, url, source = info[a]
            out.append(Report(a, n, type_ or "", POLARITY.get(modality or "fact", ""),
                              [corpus_actor(x, local[a], corpus[a], place) for x in json.loads(src or "[]")],
                              [corpus_actor(x, local[a], corpus[a], place) for x in json.loads(tgt or "[]")],
                              place, span(when), source_key(site, url, source),
                              span(pub[:10]).lo if pub and span(pub[:10]) else None))
    order = {pk: i for i, pk in enumerate(pks)}
    out.sort(key=lambda r: (order[r.article], r.n))
    return out


def informative(r: Report) -> tuple:
    """How much a report says about who acted: actors at all, persons (not only countries), how many."""
    return (bool(r.actors), any(a["kind"] != "country" for a in r.actors), len(r.actors))


class EventLinker:
    def __init__(self, store) -> None:
        self.store = store
        self.symmetric = symmetric_types()
        self.touched: set[int] = set()

    def head(self, event: int) -> Report | None:
        """The corpus event's most informative report (the one its actors come from)."""
        row = self.store.event_head(event)
        return self.report(*row) if row else None

    def report(self, article: int, n: int) -> Report | None:
        row = self.store.linked_report(article, n)
        if row is None:
            return None
        actors, lo, hi, prec, outlet, type_, modality, place = row
        actors = json.loads(actors)
        sp = DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec) if lo else None
        return Report(article, n, type_ or "", POLARITY.get(modality or "fact", ""),
                      [a for a in actors if a.get("side") == "source"],
                      [a for a in actors if a.get("side") == "target"], place, sp, outlet)

    def candidates(self, r: Report) -> list[tuple[int, DateSpan | None, str | None]]:
        """The corpus events ``r`` may be a report of: (id, date span, place)."""
        if r.span is None:
            return self.undated_candidates(r)
        rows = self.store.corpus_event_candidates(
            r.type, r.polarity, (r.span.hi + timedelta(days=1)).isoformat(),
            (r.span.lo - timedelta(days=REACH)).isoformat(), (r.span.lo - timedelta(days=1)).isoformat())
        found = [(cid, DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec), place)
                 for cid, lo, hi, prec, place in rows]
        return self.agreeing(r, [c for c in found if c[1].agrees(r.span) and places_agree(r.place, c[2])])

    def undated_candidates(self, r: Report) -> list[tuple[int, DateSpan | None, str | None]]:
        """An undated report ("ответственность за крушение под Актау") tells of something before its article:
        the events of its type, place and actors that began at most REACH days before it."""
        if r.published is None or not (r.actors or r.place):
            return []
        rows = self.store.corpus_events_begun(r.type, r.polarity, r.published.isoformat(),
                                              (r.published - timedelta(days=REACH)).isoformat())
        return self.agreeing(r, [(cid, DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec), place)
                                 for cid, lo, hi, prec, place in rows
                                 if places_agree(r.place, place) and (r.actors or place)])

    def agreeing(self, r: Report, found: list[tuple]) -> list[tuple]:
        """Those of the candidates ``found`` (id, span, place) whose head report agrees with ``r``."""
        return [c for c in found if (h := self.head(c[0])) is not None and reports_agree(r, h, self.symmetric)]

    def choose(self, r: Report) -> int | None:
        found = self.candidates(r)
        if not found:
            return None
        if r.span is None:
            return found[0][0] if len(found) == 1 else None     # several it could be: no guess
        if len(found) > 1 and r.span.precision < DAY:
            return None                       # a coarse date fitting several events: no guess
        def score(c):
            cid, sp, place = c
            n = self.store.event_article_count(cid)
            return (bool(r.place and place and name_key(r.place) == name_key(place)), -sp.distance(r.span), n, -cid)
        return max(found, key=score)[0]

    def create(self, r: Report) -> int:
        return self.store.add_corpus_event(
            r.type, r.polarity, r.span.lo.isoformat() if r.span else None, r.span.hi.isoformat() if r.span else None,
            r.span.precision if r.span else None, r.place, r.article, r.n)

    def attach(self, r: Report, event: int) -> None:
        actors = [dict(a, side="source") for a in r.source] + [dict(a, side="target") for a in r.target]
        self.store.link_event_report(
            r.article, r.n, event, dumps(actors), r.span.lo.isoformat() if r.span else None,
            r.span.hi.isoformat() if r.span else None, r.span.precision if r.span else None, r.outlet)
        self.touched.add(event)

    def link(self, reports: list[Report]) -> None:
        # dated reports first: an undated one ("после крушения") joins the event they found
        for r in sorted(reports, key=lambda x: x.span is None):
            event = self.choose(r)
            if event is None:
                event = self.create(r)
            else:
                self.narrow(event, r)
            self.attach(r, event)
        for event in sorted(self.touched):
            self.refresh(event)

    def narrow(self, event: int, r: Report) -> None:
        """A report joined: a more informative one becomes the head, a more precise date the event's span
        (so that the next report is matched against them; ``refresh`` settles the rest)."""
        h = self.head(event)
        if h is None or informative(r) > informative(h):
            self.store.set_event_head(event, r.article, r.n)
        if r.span is None:
            return
        self.store.narrow_event_span(event, r.span.lo.isoformat(), r.span.hi.isoformat(), r.span.precision)

    # aggregates -------------------------------------------------------------------------------

    def refresh(self, event: int) -> None:
        """Recompute a corpus event from its reports: code, date, place, head, actors, counts."""
        rows = self.store.event_report_details(event)
        if not rows:
            self.store.drop_corpus_event(event)
            return
        reps = []
        for (article, n, actors, lo, hi, prec, outlet, type_, cameo, when, place, modality, killed, injured,
             evidence, confidence, published) in rows:
            actors = json.loads(actors)
            reps.append(dict(article=article, n=n, actors=actors, lo=lo, hi=hi, prec=prec, outlet=outlet,
                             type=type_, cameo=cameo, date=when, place=place, modality=modality or "fact",
                             killed=killed, injured=injured, confidence=confidence or 0.0, published=published,
                             reports=max(1, sum(1 for m in json.loads(evidence or "[]") if m.get("kind") == "sentence"))))

        def informative(r):
            people = [a for a in r["actors"] if a["kind"] != "country"]
            return (bool(r["actors"]), bool(people), len(r["actors"]), STRENGTH.get(r["modality"], 0),
                    r["confidence"], -r["article"], -r["n"])
        head = max(reps, key=informative)
        factual = [r for r in reps if r["modality"] in ("fact", "claim") and r["cameo"]] or \
                  [r for r in reps if r["cameo"]]
        cameo = None
        if factual:
            counts = Counter(r["cameo"] for r in factual)
            cameo = max(counts, key=lambda c: (counts[c], len(c), c))
        dated = [r for r in reps if r["lo"]]
        lo = hi = prec = when = None
        if dated:
            best_prec = max(r["prec"] for r in dated)
            best = [r for r in dated if r["prec"] == best_prec]
            counts = Counter((r["date"] or r["lo"]) if best_prec != DAY else r["lo"] for r in best)
            pick = max(best, key=lambda r: (counts[(r["date"] or r["lo"]) if best_prec != DAY else r["lo"]],
                                            -date.fromisoformat(r["lo"]).toordinal()))
            lo, hi, prec = pick["lo"], pick["hi"], pick["prec"]
            when = pick["lo"] if prec == DAY else (pick["date"] or pick["lo"]).rstrip("?~%")
        places = Counter(r["place"] for r in reps if r["place"])
        place = max(places, key=lambda p: (not is_country(p), places[p], p)) if places else None
        modality = max((r["modality"] for r in reps), key=lambda m: STRENGTH.get(m, 0))
        killed = max((r["killed"] for r in reps if r["killed"] is not None), default=None)
        injured = max((r["injured"] for r in reps if r["injured"] is not None), default=None)
        source = [a for a in head["actors"] if a["side"] == "source"]
        target = [a for a in head["actors"] if a["side"] == "target"]
        key = event_key(Event(type=head["type"], source=[a["name"] for a in source],
                              target=[a["name"] for a in target], date=when, place=place, modality=modality))
        articles = {r["article"] for r in reps}
        outlets = {r["outlet"] for r in reps}
        published = [r["published"][:10] for r in reps if r["published"]]
        self.store.settle_corpus_event(event, dict(
            cameo=cameo, root_code=cameo[:2] if cameo else None, plover=codes.plover(cameo),
            goldstein=codes.goldstein(cameo), quad_class=codes.quad_class(cameo), date=when, lo=lo, hi=hi,
            precision=prec, place=place, modality=modality, killed=killed, injured=injured,
            confidence=max(r["confidence"] for r in reps), key=key, head_article=head["article"], head_n=head["n"],
            num_mentions=sum(r["reports"] for r in reps), num_sources=len(outlets), num_articles=len(articles),
            first_seen=min(published, default=None), last_seen=max(published, default=None)),
            [(a["side"], a.get("id"), a["name"], a.get("country"), a["key"]) for a in head["actors"]])


def link_new(store) -> int:
    """Link every article event not linked yet to a corpus event; returns how many articles were linked."""
    with store.transaction():
        arts = store.unlinked_articles(STAGE)
        if not arts:
            return 0
        linker = EventLinker(store)
        linker.link(_reports(store, arts))
        store.mark_linked(STAGE, [pk for pk, _ in arts])
    return len(arts)


def entity_merged(store, old: int, new: int, articles: list[int]) -> None:
    """Corpus entity ``old`` became ``new`` (entities.py merged them; ``articles``: where ``old`` was
    linked): rewrite the actors that named it, and merge the corpus events that are now one event."""
    affected = store.events_with_actor(old)
    rows = store.reports_naming(articles, old)
    if not rows and not affected:
        return
    name, country = store.entity_name_and_country(new)
    for article, n, event, actors in rows:
        changed = []
        for a in json.loads(actors):
            if a.get("key") == f"e:{old}":
                a = dict(a, id=new, key=f"e:{new}", name=name or a["name"], country=a.get("country") or country)
            changed.append(a)
        store.set_report_actors(article, n, dumps(changed))
        affected.append(event)
    linker = EventLinker(store)
    for event in sorted(set(affected)):
        if not store.corpus_event_exists(event):
            continue
        linker.refresh(event)
        h = linker.head(event)
        if h is None:
            continue
        others = [c for c, _, _ in linker.candidates(h) if c != event]
        if len(others) == 1:                   # now the same event as another: one event
            store.move_event_reports(event, others[0])
            linker.refresh(event)
            linker.refresh(others[0])


__all__ = ["link_new", "span", "DateSpan", "actors_agree", "places_agree", "source_key", "entity_merged"]
