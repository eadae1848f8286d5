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
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath
from urllib.parse import urlsplit

from .. import cameo as codes
from ..cameo import SYMMETRIC_TYPES, event_key
from ..store.records import dumps, key as name_key
from .entities import mark_done, pending
from .event_actors import corpus_actor, actors_agree, is_country, places_agree

STAGE = "events"
POLARITY = {"fact": "", "claim": "", "intent": "~", "future": "~", "negated": "!"}
STRENGTH = {"fact": 4, "claim": 3, "intent": 2, "future": 1, "negated": 0}
SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}      # 24: December to February
DAY, MONTH, SEASON, YEAR, SPAN = 4, 3, 2, 1, 0
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

    def distance(self, other: "DateSpan") -> int:
        return abs((self.lo - other.lo).days) + abs((self.hi - other.hi).days)


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))


def _point(text: str, end: bool) -> tuple[date, date, int] | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d, DAY
        if m.group(2):
            mm = int(m.group(2))
            if 1 <= mm <= 12:
                return date(y, mm, 1), _month_end(y, mm), MONTH
            if mm in SEASON_MONTHS:
                a, b = SEASON_MONTHS[mm]
                return date(y, a, 1), _month_end(y + (b > 12), (b - 1) % 12 + 1), SEASON
            return None
        return date(y, 1, 1), date(y, 12, 31), YEAR
    except ValueError:
        return None


def span(value: str | None, fallback: str | None = None) -> DateSpan | None:
    """'2025-10-09' → that day; '2025-10' → October; '2025-22' → summer; '2025'; 'A/B', '../B' → an
    interval (an open end reaches 31 days). None or unreadable: the ``fallback`` (the article's date)."""
    v = (value or "").strip().rstrip("?~%").replace("?", "").replace("~", "")
    if v:
        if "/" in v:
            a, _, b = v.partition("/")
            pa = _point(a, False) if a and a != ".." else None
            pb = _point(b, True) if b and b != ".." else None
            if pa and pb:
                return DateSpan(pa[0], pb[1], SPAN)
            if pb:
                return DateSpan(pb[1] - timedelta(days=31), pb[1], SPAN)
            if pa:
                return DateSpan(pa[0], pa[0] + timedelta(days=31), SPAN)
        else:
            p = _point(v, False)
            if p:
                return DateSpan(*p)
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
    conn = store.conn
    out = []
    pks = [pk for pk, _ in arts]
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        marks = ",".join("?" * len(chunk))
        info = {pk: (pub, site, url, src) for pk, pub, site, url, src in conn.execute(
            f"SELECT pk, published, site, url, source FROM articles WHERE pk IN ({marks})", chunk)}
        local: dict[int, dict[str, str]] = {pk: {} for pk in chunk}
        surnames: dict[int, dict[str, set[str]]] = {pk: {} for pk in chunk}
        for a, e, type_, name, aliases in conn.execute(
                f"SELECT article, entity, type, name, aliases FROM entities WHERE article IN ({marks})"
                f" ORDER BY article, entity", chunk):
            for n in [*json.loads(aliases or "[]"), name]:
                local[a][name_key(n)] = e
            if type_ == "PER" and name and len(name.split()) > 1:
                surnames[a].setdefault(name_key(name).split()[-1], set()).add(e)
        for a, found in surnames.items():          # "Путин" as an actor where the article has "Владимир Путин"
            for last, ents in found.items():
                if len(ents) == 1:
                    local[a].setdefault(last, next(iter(ents)))
        corpus: dict[int, dict[str, tuple]] = {pk: {} for pk in chunk}
        for a, e, cid, t, n, c in conn.execute(
                f"SELECT l.article, l.entity, c.id, c.type, c.name, c.country FROM entity_links l"
                f" JOIN corpus_entities c ON c.id = l.corpus WHERE l.article IN ({marks})", chunk):
            corpus[a][e] = (cid, t, n, c)
        for a, n, type_, src, tgt, when, place, modality in conn.execute(
                f"SELECT article, n, type, source, target, date, place, modality FROM events"
                f" WHERE article IN ({marks}) ORDER BY article, n", chunk):
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
        self.store, self.conn = store, store.conn
        self.symmetric = symmetric_types()
        self.touched: set[int] = set()

    def head(self, event: int) -> Report | None:
        """The corpus event's most informative report (the one its actors come from)."""
        row = self.conn.execute("SELECT head_article, head_n FROM corpus_events WHERE id = ?", (event,)).fetchone()
        return self.report(*row) if row and row[0] is not None else None

    def report(self, article: int, n: int) -> Report | None:
        row = self.conn.execute(
            "SELECT l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.modality, e.place FROM event_links l"
            " JOIN events e USING (article, n) WHERE l.article = ? AND l.n = ?", (article, n)).fetchone()
        if row is None:
            return None
        actors, lo, hi, prec, outlet, type_, modality, place = row
        actors = json.loads(actors)
        sp = DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec) if lo else None
        return Report(article, n, type_ or "", POLARITY.get(modality or "fact", ""),
                      [a for a in actors if a.get("side") == "source"],
                      [a for a in actors if a.get("side") == "target"], place, sp, outlet)

    def agree(self, r: Report, h: Report) -> bool:
        if not r.actors or not h.actors:
            if r.actors or h.actors:
                return False
            if r.place and h.place:
                return name_key(r.place) == name_key(h.place)
            # no actors and one place unknown: the same day, told to the day, is the same happening
            return bool(r.span and h.span and r.span.precision == DAY == h.span.precision and
                        r.span.lo == h.span.lo)
        if r.type in self.symmetric:
            return actors_agree(r.actors, h.actors)
        src = not r.source or not h.source or actors_agree(r.source, h.source, partial=True)
        return src and actors_agree(r.target, h.target, partial=True)

    def candidates(self, r: Report) -> list[tuple[int, DateSpan | None, str | None]]:
        if r.span is None:
            return self.undated_candidates(r)
        rows = self.conn.execute(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = ? AND polarity = ?"
            " AND lo <= ? AND lo >= ? AND hi >= ?",
            (r.type, r.polarity, (r.span.hi + timedelta(days=1)).isoformat(),
             (r.span.lo - timedelta(days=REACH)).isoformat(), (r.span.lo - timedelta(days=1)).isoformat())).fetchall()
        out = []
        for cid, lo, hi, prec, place in rows:
            sp = DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec)
            if not sp.agrees(r.span) or not places_agree(r.place, place):
                continue
            h = self.head(cid)
            if h is not None and self.agree(r, h):
                out.append((cid, sp, place))
        return out

    def undated_candidates(self, r: Report) -> list[tuple[int, DateSpan | None, str | None]]:
        """An undated report ("ответственность за крушение под Актау") tells of something before its article:
        the events of its type, place and actors that began at most REACH days before it."""
        if r.published is None or not (r.actors or r.place):
            return []
        rows = self.conn.execute(
            "SELECT id, lo, hi, precision, place FROM corpus_events WHERE type = ? AND polarity = ?"
            " AND lo IS NOT NULL AND lo <= ? AND lo >= ?",
            (r.type, r.polarity, r.published.isoformat(),
             (r.published - timedelta(days=REACH)).isoformat())).fetchall()
        out = []
        for cid, lo, hi, prec, place in rows:
            if not places_agree(r.place, place) or (not r.actors and not place):
                continue
            h = self.head(cid)
            if h is not None and self.agree(r, h):
                out.append((cid, DateSpan(date.fromisoformat(lo), date.fromisoformat(hi), prec), place))
        return out

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
            n = self.conn.execute("SELECT num_articles FROM corpus_events WHERE id = ?", (cid,)).fetchone()[0]
            return (bool(r.place and place and name_key(r.place) == name_key(place)), -sp.distance(r.span), n, -cid)
        return max(found, key=score)[0]

    def create(self, r: Report) -> int:
        cur = self.conn.execute(
            "INSERT INTO corpus_events (type, polarity, lo, hi, precision, place, head_article, head_n,"
            " num_mentions, num_sources, num_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
            (r.type, r.polarity, r.span.lo.isoformat() if r.span else None,
             r.span.hi.isoformat() if r.span else None, r.span.precision if r.span else None, r.place,
             r.article, r.n))
        return cur.lastrowid

    def attach(self, r: Report, event: int) -> None:
        actors = [dict(a, side="source") for a in r.source] + [dict(a, side="target") for a in r.target]
        self.conn.execute(
            "INSERT INTO event_links (article, n, event, actors, lo, hi, precision, outlet)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article, n) DO UPDATE SET event = excluded.event,"
            " actors = excluded.actors, lo = excluded.lo, hi = excluded.hi, precision = excluded.precision,"
            " outlet = excluded.outlet",
            (r.article, r.n, event, dumps(actors), r.span.lo.isoformat() if r.span else None,
             r.span.hi.isoformat() if r.span else None, r.span.precision if r.span else None, r.outlet))
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
            self.conn.execute("UPDATE corpus_events SET head_article = ?, head_n = ? WHERE id = ?",
                              (r.article, r.n, event))
        if r.span is None:
            return
        self.conn.execute("UPDATE corpus_events SET lo = ?, hi = ?, precision = ? WHERE id = ? AND"
                          " (precision IS NULL OR precision < ?)",
                          (r.span.lo.isoformat(), r.span.hi.isoformat(), r.span.precision, event, r.span.precision))

    # aggregates -------------------------------------------------------------------------------

    def refresh(self, event: int) -> None:
        """Recompute a corpus event from its reports: code, date, place, head, actors, counts."""
        from ..model import Event

        rows = self.conn.execute(
            "SELECT l.article, l.n, l.actors, l.lo, l.hi, l.precision, l.outlet, e.type, e.cameo, e.date, e.place,"
            " e.modality, e.killed, e.injured, e.evidence, e.confidence, a.published"
            " FROM event_links l JOIN events e USING (article, n) JOIN articles a ON a.pk = l.article"
            " WHERE l.event = ? ORDER BY l.article, l.n", (event,)).fetchall()
        if not rows:
            self.conn.execute("DELETE FROM corpus_event_actors WHERE event = ?", (event,))
            self.conn.execute("DELETE FROM corpus_events WHERE id = ?", (event,))
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
        self.conn.execute(
            "UPDATE corpus_events SET cameo = ?, root_code = ?, plover = ?, goldstein = ?, quad_class = ?, date = ?,"
            " lo = coalesce(?, lo), hi = coalesce(?, hi), precision = coalesce(?, precision), place = ?,"
            " modality = ?, killed = ?, injured = ?, confidence = ?, key = ?, head_article = ?, head_n = ?,"
            " num_mentions = ?, num_sources = ?, num_articles = ?, first_seen = ?, last_seen = ? WHERE id = ?",
            (cameo, cameo[:2] if cameo else None, codes.plover(cameo), codes.goldstein(cameo),
             codes.quad_class(cameo), when, lo, hi, prec, place, modality, killed, injured,
             max(r["confidence"] for r in reps), key, head["article"], head["n"], sum(r["reports"] for r in reps),
             len(outlets), len(articles), min(published, default=None), max(published, default=None), event))
        self.conn.execute("DELETE FROM corpus_event_actors WHERE event = ?", (event,))
        self.conn.executemany(
            "INSERT INTO corpus_event_actors (event, side, position, entity, name, country, key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(event, a["side"], i, a.get("id"), a["name"], a.get("country"), a["key"])
             for i, a in enumerate(head["actors"])])


def link_new(store) -> int:
    """Link every article event not linked yet to a corpus event; returns how many articles were linked."""
    with store.transaction():
        arts = pending(store, STAGE)
        if not arts:
            return 0
        linker = EventLinker(store)
        linker.link(_reports(store, arts))
        mark_done(store, STAGE, [pk for pk, _ in arts])
    return len(arts)


def entity_merged(store, old: int, new: int, articles: list[int]) -> None:
    """Corpus entity ``old`` became ``new`` (entities.py merged them; ``articles``: where ``old`` was
    linked): rewrite the actors that named it, and merge the corpus events that are now one event."""
    conn = store.conn
    affected = [r[0] for r in conn.execute("SELECT DISTINCT event FROM corpus_event_actors WHERE entity = ?", (old,))]
    rows = []
    for i in range(0, len(articles), 500):
        chunk = articles[i:i + 500]
        rows += conn.execute(f"SELECT article, n, event, actors FROM event_links WHERE article IN"
                             f" ({','.join('?' * len(chunk))}) AND actors LIKE ?", [*chunk, f'%"e:{old}"%']).fetchall()
    if not rows and not affected:
        return
    name, country = conn.execute("SELECT name, country FROM corpus_entities WHERE id = ?", (new,)).fetchone() or (None, None)
    for article, n, event, actors in rows:
        changed = []
        for a in json.loads(actors):
            if a.get("key") == f"e:{old}":
                a = dict(a, id=new, key=f"e:{new}", name=name or a["name"], country=a.get("country") or country)
            changed.append(a)
        conn.execute("UPDATE event_links SET actors = ? WHERE article = ? AND n = ?", (dumps(changed), article, n))
        affected.append(event)
    linker = EventLinker(store)
    for event in sorted(set(affected)):
        if not conn.execute("SELECT 1 FROM corpus_events WHERE id = ?", (event,)).fetchone():
            continue
        linker.refresh(event)
        h = linker.head(event)
        if h is None:
            continue
        others = [c for c, _, _ in linker.candidates(h) if c != event]
        if len(others) == 1:                   # now the same event as another: one event
            conn.execute("UPDATE event_links SET event = ? WHERE event = ?", (others[0], event))
            linker.refresh(event)
            linker.refresh(others[0])


__all__ = ["link_new", "span", "DateSpan", "actors_agree", "places_agree", "source_key", "entity_merged"]
