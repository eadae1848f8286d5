"""Events between two actors over time, and a monthly cooperation/conflict series.

    from svodka.link.timeline import timeline, plot
    t = timeline(store, "Россия", "Азербайджан")     # names in any case form; "#37" by id
    t["events"], t["series"], t["a"]["members"]
    plot(t, "ru-az.png")                             # matplotlib (Agg): PNG, SVG, PDF by the suffix

An actor is a corpus entity (``lookup.resolve``; a country wins an ambiguous name). A country
includes everyone who acts for it: the persons whose country is its ISO code (Путин for Россия, via
his role "президент России"), its capital used as an actor ("Москва потребовала"), and descriptive
actors naming it ("граждане России"). An event is between A and B when, for a symmetric event (call,
meet, agreement, intent), one participant is A's and another is B's; for a directed one, its source is
A's and its target B's, or the other way round (``direction``: "A→B", "B→A", "A—B").

``events``: [{id, date, type, cameo, root_code, goldstein, quad_class, modality, direction, source,
target, place, num_mentions, num_sources, num_articles, sources (the outlets), key, month (the month
it counts in), reported (its first report's date)}], by date; events without a CAMEO code (accidents,
disasters) are nobody's act and are left out.
``series``: one row per month from the first to the last event: {month, events, goldstein_sum,
goldstein_mean, quad: {1, 2, 3, 4} counts, cooperation (QuadClass 1–2), conflict (3–4), mentions}.
An event counts in the month of its date (month or day precision), else — and for intentions, which
are acts of the day they are stated — in the month of its first report; negated events are listed but
not counted.
"""
from __future__ import annotations

from .names import country_iso
from .lookup import resolve
from ..cameo import QUADS
from ..edtf import MONTH, human
from .dossier import event_line
from .events import symmetric_types



def _side(store, name: str) -> dict:
    c = resolve(store, name, prefer_country=True)
    iso = country_iso(c.name, c.type, c.country)
    return {"id": c.id, "name": c.name, "type": c.type, "country": iso or c.country, "is_country": bool(iso),
            "members": []}


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(store, a: str, b: str) -> dict:
    """Every corpus event between ``a`` and ``b`` by date, and the monthly series (AmbiguousName when a
    name stands for no entity or for several)."""
    A, B = _side(store, a), _side(store, b)
    symmetric = symmetric_types()

    def matches(side: dict, entity, country, key) -> bool:
        if entity is not None and entity == side["id"]:
            return True
        return side["is_country"] and country == side["country"] or key == f"c:{side['country']}" and side["is_country"]

    # candidate events: an actor of each side (by entity, or by country for a country)
    def events_of(side: dict) -> set[int]:
        if side["is_country"]:
            return set(store.events_with_country_actor(side["id"], side["country"]))
        return set(store.events_with_actor(side["id"]))

    ids = sorted(events_of(A) & events_of(B))
    members: dict[str, dict[int | str, str]] = {"a": {}, "b": {}}
    out = []
    for ev in ids:
        (id_, type_, cameo, root, gold, quad, when, lo, prec, place, modality, nm, ns, na, first_seen,
         key) = store.timeline_event(ev)
        actors = store.event_actors(ev)
        in_a = [i for i, (s, e, n, c, k, t) in enumerate(actors) if matches(A, e, c, k)]
        in_b = [i for i, (s, e, n, c, k, t) in enumerate(actors) if matches(B, e, c, k)]
        direction = None
        if type_ in symmetric:
            if any(i != j for i in in_a for j in in_b):
                direction = "A—B"
        else:
            src = {i for i, x in enumerate(actors) if x[0] == "source"}
            tgt = {i for i, x in enumerate(actors) if x[0] == "target"}
            if src & set(in_a) and tgt & set(in_b):
                direction = "A→B"
            elif src & set(in_b) and tgt & set(in_a):
                direction = "B→A"
        if direction is None or cameo is None:        # accidents and disasters are nobody's act
            continue
        for side, found in (("a", in_a), ("b", in_b)):
            for i in found:
                members[side].setdefault(actors[i][1] or actors[i][2], actors[i][2])
        # an intention is an act of the day it is stated; a vague date counts when it was reported
        dated = prec is not None and prec >= MONTH and when and modality not in ("intent", "future")
        month = (when or "")[:7] if dated else (first_seen or lo or "")[:7]
        outlets = store.event_outlets(ev)
        out.append({"id": id_, "date": when, "month": month or None, "type": type_, "cameo": cameo, "root_code": root,
                    "goldstein": gold, "quad_class": quad, "modality": modality, "direction": direction,
                    "source": [x[2] for x in actors if x[0] == "source"],
                    "target": [x[2] for x in actors if x[0] == "target"], "place": place,
                    "num_mentions": nm, "num_sources": ns, "num_articles": na, "sources": outlets, "key": key,
                    "reported": first_seen,
                    "_lo": lo or ""})
    out.sort(key=lambda e: (e.pop("_lo"), e["id"]))
    A["members"] = list(members["a"].values())
    B["members"] = list(members["b"].values())
    return {"a": A, "b": B, "events": out, "series": series(out)}


def series(events: list[dict]) -> list[dict]:
    """The monthly cooperation/conflict series of a list of timeline events."""
    months = sorted({e["month"] for e in events if e.get("month")})
    if not months:
        return []
    rows = {m: {"month": m, "events": 0, "goldstein_sum": 0.0, "goldstein_mean": None,
                "quad": {1: 0, 2: 0, 3: 0, 4: 0}, "cooperation": 0, "conflict": 0, "mentions": 0}
            for m in _months(months[0], months[-1])}
    for e in events:
        if not e.get("month") or e.get("goldstein") is None or e.get("modality") == "negated":
            continue
        r = rows[e["month"]]
        r["events"] += 1
        r["goldstein_sum"] += e["goldstein"]
        r["mentions"] += e.get("num_mentions") or 0
        if e.get("quad_class") in r["quad"]:
            r["quad"][e["quad_class"]] += 1
    for r in rows.values():
        r["goldstein_sum"] = round(r["goldstein_sum"], 2)
        r["goldstein_mean"] = round(r["goldstein_sum"] / r["events"], 2) if r["events"] else None
        r["cooperation"] = r["quad"][1] + r["quad"][2]
        r["conflict"] = r["quad"][3] + r["quad"][4]
    return list(rows.values())


def format_timeline(t: dict) -> str:
    lines = []
    for label, side in (("A", t["a"]), ("B", t["b"])):
        who = f"{label}: {side['name']} ({side['type']}{', ' + side['country'] if side.get('country') else ''})"
        others = [m for m in side["members"] if m != side["name"]]
        if others:
            who += " with " + ", ".join(others)
        lines.append(who)
    lines.append(f"{len(t['events'])} events")
    lines.append("")
    for e in t["events"]:
        lines.append(f"{e['direction']}  " + event_line(e) + f"  [{', '.join(e['sources'])}]")
    if t["series"]:
        lines += ["", "month           events  coop  confl   sum    mean   Q1 Q2 Q3 Q4"]
        for r in t["series"]:
            mean = "" if r["goldstein_mean"] is None else f"{r['goldstein_mean']:+.2f}"
            q = r["quad"]
            lines.append(f"{human(r['month'], 'en'):<14}  {r['events']:>6}  {r['cooperation']:>4}  {r['conflict']:>5}  "
                         f"{r['goldstein_sum']:>+6.1f}  {mean:>6}   {q[1]:>2} {q[2]:>2} {q[3]:>2} {q[4]:>2}")
    return "\n".join(lines) + "\n"


def plot(t: dict, path: str) -> str:
    """Draw the series and the events into ``path`` (the format from its extension: png, svg, pdf …; ValueError
    for one matplotlib cannot write): svodka.link.timeline_plot. Returns the path."""
    from .timeline_plot import plot as draw     # matplotlib takes ~0.5 s to import: only when a plot is drawn
    return draw(t, path)


__all__ = ["timeline", "series", "format_timeline", "plot", "QUADS"]
