"""One event, many reports: drafts of one article merged into events, and a key to merge across articles.

GDELT counts every report as an event; svodka does not. Within an article two drafts are one event when
  * their types are the same and their modalities are of one polarity (fact/claim, intent/future, negated);
  * their actors agree: the same set of names for symmetric events (call, meet, agreement, intent), the
    same source and target for directed ones — an unknown source agrees with any, an unknown target with
    any of the same source; actors that are all
    countries agree with persons of exactly those countries (the title's "Россия и Азербайджан
    договорились" and the lead's "Путин и Алиев договорились"); an event without actors (an accident)
    agrees with one that has the same place or the same dated time;
  * their dates are compatible: one is a prefix of the other (2025-10 ⊃ 2025-10-14), a season holds the
    month, an open interval "../D" holds anything up to D, and a date that is only the publication date
    (no time expression) yields to one read from the text, if not later than it;
  * their places are equal, or one of them is unknown.
A noun that names an event already reported, without actors, place or date of its own ("эти переговоры",
"в ходе беседы", "причиной аварии стали", "в момент убийства"), is one more report of the latest event of
that type (a meeting or a call for either) whose date agrees; with none before it, it is dropped.

``event_key(event)`` — type, sorted actor names, the date at month precision, the place and the polarity —
is the key to use across articles (the same meeting reported by two sites gets one key).
"""
from __future__ import annotations

from ..model import Event, Mention
from .. import cameo as codes
from ..cameo import POLARITY, STRENGTH, SYMMETRIC_TYPES
from ..edtf import season_months
from .actor_codes import code_actors, is_actor, placed
from .party import coded, place_country
from .draft import Draft
from .when_where import refine_meeting



def _plain_date(value: str | None) -> str | None:
    if not value:
        return None
    return value.rstrip("?~%")


def dates_compatible(a: str | None, b: str | None, soft_a: bool = False, soft_b: bool = False) -> bool:
    a, b = _plain_date(a), _plain_date(b)
    if not a or not b or a == b:
        return True
    if a.startswith("../") or b.startswith("../"):
        end_a = a[3:] if a.startswith("../") else a
        end_b = b[3:] if b.startswith("../") else b
        return (a.startswith("../") and b[:len(end_a)] <= end_a) or (b.startswith("../") and a[:len(end_b)] <= end_b)
    if soft_a and not soft_b:
        return b <= a
    if soft_b and not soft_a:
        return a <= b
    if a.startswith(b) or b.startswith(a):
        return True
    for x, y in ((a, b), (b, a)):          # season vs month: 2025-22 vs 2025-07
        if len(x) == 7 and x[5:7].isdigit() and int(x[5:7]) > 20 and len(y) >= 7:
            months = season_months(int(x[5:7]))
            year = int(x[:4])
            ym, mm = int(y[:4]), int(y[5:7])
            if mm in months and (ym == year or (mm in (1, 2) and int(x[5:7]) == 24 and ym == year + 1)):
                return True
    return False


def _precision(value: str | None) -> int:
    if not value or value.startswith(".."):
        return 0
    v = _plain_date(value) or ""
    if len(v) == 7 and int(v[5:7]) > 20:
        return 2
    return {4: 1, 7: 3, 10: 4}.get(len(v), 1)


class Group:
    """The drafts that report one event."""

    def __init__(self, draft: Draft) -> None:
        self.drafts = [draft]

    @property
    def head(self) -> Draft:
        # the most informative report speaks for the event: actors first, then a text date, then fact
        return max(self.drafts, key=lambda d: (len(d.actors) > 0, _countries_only(d.actors) is None,
                                               len(d.actors), d.date_from == "text",
                                               STRENGTH[d.modality], -self.drafts.index(d)))

    @property
    def type(self) -> str:
        return self.drafts[0].type

    def names(self) -> set[str]:
        return {a.name for d in self.drafts for a in d.actors}

    def date(self) -> tuple[str | None, bool]:
        best = None
        for d in self.drafts:
            if d.date is None:
                continue
            soft = d.date_from in ("article", "before")
            key = (not soft, _precision(d.date))
            if best is None or key > best[0]:
                best = (key, d.date, soft)
        return (best[1], best[2]) if best else (None, False)

    def place(self) -> str | None:
        return next((d.place for d in self.drafts if d.place), None)

    def polarity(self) -> str:
        return POLARITY[self.drafts[0].modality]


def _countries_only(actors) -> set[str] | None:
    if actors and all(a.type == "LOC" and a.country for a in actors):
        return {a.country for a in actors}
    return None


def _coded(actors) -> set[str]:
    """The names of the actors an event keeps ("коллегу", with no name and no role, is none)."""
    return {x.name for x in actors if coded(x)}


def actors_compatible(d: Draft, g: Group) -> bool:
    h = g.head
    if not d.actors or not h.actors:
        # an actorless report joins only where the place or a text date says it is the same happening
        return bool((d.place and d.place == g.place()) or
                    (d.date_from == "text" and d.date == g.date()[0]))
    if d.type in SYMMETRIC_TYPES:
        a, b = {x.name for x in d.actors}, {x.name for x in h.actors}
        if a == b:
            return True
        ca, cb = _countries_only(d.actors), _countries_only(h.actors)
        if ca and not cb:
            return ca == {x.country for x in h.actors if x.country} and all(x.country for x in h.actors)
        if cb and not ca:
            return cb == {x.country for x in d.actors if x.country} and all(x.country for x in d.actors)
        return False
    tgt_a, tgt_b = _coded(d.target), _coded(h.target)
    src_a, src_b = _coded(d.source), _coded(h.source)
    if src_a and src_a == src_b and (not tgt_a or not tgt_b):
        return True             # "Путин поздравил коллегу" and "Путин поздравил Алиева": one act, told twice
    return tgt_a == tgt_b and (not src_a or not src_b or src_a == src_b)


def compatible(d: Draft, g: Group) -> bool:
    if d.type != g.type or POLARITY[d.modality] != g.polarity():
        return False
    gd, gsoft = g.date()
    if not dates_compatible(d.date, gd, d.date_from in ("article", "before"), gsoft):
        return False
    if d.place and g.place() and d.place != g.place():
        return False
    return actors_compatible(d, g)


def merge(drafts: list[Draft]) -> list[Group]:
    groups: list[Group] = []
    for d in sorted(drafts, key=lambda x: x.order):
        if d.anaphoric:
            # "эти переговоры", "в ходе беседы", "причиной аварии": the latest such event it can be
            kinds = ("call", "meet") if d.type in ("call", "meet") else (d.type,)
            for g in reversed(groups):
                if d.date_from not in ("article", "before", None) and g.date()[1]:
                    continue        # "после октябрьской встречи": a dated meeting is not today's undated call
                if g.type in kinds and POLARITY[d.modality] == g.polarity() and \
                        dates_compatible(d.date, g.date()[0], d.date_from in ("article", "before"), g.date()[1]):
                    g.drafts.append(d)
                    break
            else:
                if d.type in ("call", "meet") and len(d.actors) >= 2:
                    groups.append(Group(d))
            continue
        for g in groups:
            if compatible(d, g):
                # keep the more specific actors (persons over their countries) at the head
                g.drafts.append(d)
                break
        else:
            groups.append(Group(d))
    return _consolidated(_talks_by_phone(groups))


def _talks_by_phone(groups: list[Group]) -> list[Group]:
    """"Путин и Макрон обсудили ситуацию" (a consultation, 040) and "провели телефонный разговор" (041) of the
    same parties on a compatible date: one talk, the call."""
    calls = [g for g in groups if g.type == "call"]
    out = []
    for g in groups:
        if g.type == "meet" and not g.place() and all(d.code == "040" for d in g.drafts):
            gd, gsoft = g.date()
            call = next((c for c in calls if c.names() == g.names() and c.polarity() == g.polarity()
                         and dates_compatible(c.date()[0], gd, c.date()[1], gsoft)), None)
            if call is not None:
                call.drafts.extend(g.drafts)
                continue
        out.append(g)
    return out


def _sides(g: Group) -> tuple[set[str], set[str]]:
    return (set().union(*(_coded(d.source) for d in g.drafts)), set().union(*(_coded(d.target) for d in g.drafts)))


def _consolidated(groups: list[Group]) -> list[Group]:
    """Reports that only together name both sides: "Путин поздравил коллегу" (lead) and "[…] поздравил
    Алиева" + "Путин поздравил Алиева" (title, body) — one side the same and named, the other unknown in one."""
    out: list[Group] = []
    for g in groups:
        for h in out:
            if h.type != g.type or h.type in SYMMETRIC_TYPES or h.polarity() != g.polarity():
                continue
            (hs, ht), (gs, gt) = _sides(h), _sides(g)
            same = (hs and hs == gs and (not ht or not gt)) or (ht and ht == gt and (not hs or not gs))
            (hd, hsoft), (gd, gsoft) = h.date(), g.date()
            if same and dates_compatible(hd, gd, hsoft, gsoft) and \
                    not (h.place() and g.place() and h.place() != g.place()):
                h.drafts.extend(g.drafts)
                break
        else:
            out.append(g)
    return out


def _once(refs: list) -> list:
    """Each actor once ("глава Xiaomi … компания" both read as Xiaomi)."""
    seen: set[str] = set()
    return [r for r in refs if not (r.name in seen or seen.add(r.name))]


def to_event(g: Group, article=None) -> Event:
    h = g.head
    real = [d for d in g.drafts if d.actors or not h.actors]
    modality = max((d.modality for d in real), key=lambda m: STRENGTH[m])
    code = h.code
    if modality in ("fact", "claim"):
        code = next((d.code for d in real if d.modality in ("fact", "claim") and d.code), code)
    date, _ = g.date()
    if h.type == "meet":
        code = refine_meeting(code, g.place(), h.source, h.target, article)
    evidence: list[Mention] = []
    seen = set()
    for d in sorted(g.drafts, key=lambda x: x.order):
        for m in d.evidence:
            key = (m.field, m.start, m.stop, m.kind)
            if key not in seen:
                seen.add(key)
                evidence.append(m)
    killed = max((d.killed for d in g.drafts if d.killed is not None), default=None)
    injured = max((d.injured for d in g.drafts if d.injured is not None), default=None)
    confidence = max(d.confidence for d in g.drafts) + 0.05 * (len(g.drafts) - 1)
    if h.actors:
        confidence += 0.1
    target = [a for a in h.target if a.name not in {s.name for s in h.source}]
    # an actor is an entity of the article, a country, or a group coded by its role; "тема", "ножи",
    # "сбыт наркотиков" are none of these
    where = place_country(g.place(), article) if g.place() else None
    source_refs = _once([r for r in placed(code_actors(article, h.source), where) if is_actor(r)])
    target_refs = _once([r for r in placed(code_actors(article, target), where) if is_actor(r)])
    return Event(type=h.type, cameo=code, plover=codes.plover(code), goldstein=codes.goldstein(code),
                 quad_class=codes.quad_class(code), source=[r.name for r in source_refs],
                 target=[r.name for r in target_refs],
                 date=date, place=g.place(), modality=modality, killed=killed, injured=injured,
                 evidence=evidence, confidence=round(max(0.05, min(0.95, confidence)), 2),
                 actors={"source": source_refs, "target": target_refs})
