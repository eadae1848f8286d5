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
from ..edtf import MONTH
from .events import symmetric_types

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


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
    from .dossier import event_line

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
        lines += ["", "month     events  coop  confl   sum    mean   Q1 Q2 Q3 Q4"]
        for r in t["series"]:
            mean = "" if r["goldstein_mean"] is None else f"{r['goldstein_mean']:+.2f}"
            q = r["quad"]
            lines.append(f"{r['month']}  {r['events']:>6}  {r['cooperation']:>4}  {r['conflict']:>5}  "
                         f"{r['goldstein_sum']:>+6.1f}  {mean:>6}   {q[1]:>2} {q[2]:>2} {q[3]:>2} {q[4]:>2}")
    return "\n".join(lines) + "\n"


def plot(t: dict, path: str) -> str:
    """Draw the series (cooperation up, conflict down, mean Goldstein) and the events (date × Goldstein,
    size by sources) into ``path`` (the format from its suffix: png, svg, pdf). Returns the path."""
    import matplotlib
    matplotlib.use("Agg")
    from datetime import date

    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    def day(e: dict) -> date | None:
        v = (e["date"] or "")[:10]
        if e.get("modality") in ("intent", "future") and e.get("reported"):
            v = e["reported"][:10]
        month = e.get("month")
        try:
            return date.fromisoformat(v) if len(v) == 10 else date.fromisoformat((month or "")[:7] + "-15")
        except ValueError:
            return None

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True, gridspec_kw={"height_ratios": [1, 1.3]})
    rows = t["series"]
    colors = {1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b"}
    if rows:
        xs = [date.fromisoformat(r["month"] + "-15") for r in rows]
        up = [0] * len(rows)
        down = [0] * len(rows)
        for q in (1, 2, 3, 4):
            vals = [r["quad"][q] for r in rows]
            if q <= 2:
                top.bar(xs, vals, width=20, bottom=up, color=colors[q], label=QUADS[q])
                up = [u + v for u, v in zip(up, vals)]
            else:
                top.bar(xs, [-v for v in vals], width=20, bottom=down, color=colors[q], label=QUADS[q])
                down = [d - v for d, v in zip(down, vals)]
        top.axhline(0, color="black", linewidth=0.6)
        top.set_ylabel("events (cooperation ↑ conflict ↓)")
        twin = top.twinx()
        mx = [x for x, r in zip(xs, rows) if r["goldstein_mean"] is not None]
        my = [r["goldstein_mean"] for r in rows if r["goldstein_mean"] is not None]
        twin.plot(mx, my, color="#2166ac", marker="o", linewidth=1.5, label="mean Goldstein")
        twin.set_ylim(-10.5, 10.5)
        twin.set_ylabel("mean Goldstein")
        handles, labels = top.get_legend_handles_labels()
        h2, l2 = twin.get_legend_handles_labels()
        top.legend(handles + h2, labels + l2, loc="upper left", fontsize=7, ncol=3)
    top.set_title(f"{t['a']['name']} — {t['b']['name']}: {len(t['events'])} events")
    stacked: dict[tuple, int] = {}
    for e in t["events"]:
        x = day(e)
        if x is None or e.get("goldstein") is None:
            continue
        nth = stacked[(x, e["goldstein"])] = stacked.get((x, e["goldstein"]), -1) + 1   # labels of one point stack
        bottom.scatter([x], [e["goldstein"]], s=30 + 25 * (e.get("num_sources") or 1),
                       color=colors.get(e.get("quad_class"), "grey"), alpha=0.8, edgecolors="black", linewidths=0.5,
                       marker="o" if e.get("modality") in ("fact", "claim") else "D")
        bottom.annotate(f"{e['type']} {e['cameo'] or ''}", (x, e["goldstein"]), fontsize=6, xytext=(5, 3 + 7 * nth),
                        textcoords="offset points")
    bottom.axhline(0, color="black", linewidth=0.6)
    bottom.set_ylim(-10.5, 10.5)
    bottom.set_ylabel("Goldstein (size: sources)")
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


__all__ = ["timeline", "series", "format_timeline", "plot", "QUADS"]
