"""An entity's dossier: everything the knowledge base knows about one corpus entity.

    from svodka.link.dossier import dossier
    d = dossier(store, "Алиеву")          # any case form; "#37" by id; AmbiguousName lists candidates
    d["name"], d["born"], d["country"], d["roles"], d["by_month"], d["co_mentioned"], d["quotes"], d["events"]

Fields: ``id``, ``type``, ``name``, ``names`` (other names and aliases it was seen under, with counts),
``gender``, ``born``, ``country``, ``mentions``, ``articles``, ``first_seen``/``last_seen``;
``roles`` — [{role, first, last, articles}] (the first and last article date the role was seen on);
``by_month`` — [{month, articles, mentions}]; ``co_mentioned`` — the entities most often in the same
articles [{id, name, type, articles}]; ``quotes`` — what it said [{text, kind, speaker, date, article,
site (the outlet)}] (one per distinct text, ``articles`` listing the others that carry it; the latest
``quotes`` of them, ``quotes_total`` counting all); ``events`` — the corpus
events it takes part in [{id, date, type, cameo, goldstein, quad_class, modality, side, source, target,
place, num_mentions, num_sources, num_articles}], for a country also those of its capital and of actors
it names ("граждане России") (the latest ``events``; ``events_total``); ``recent`` — its latest articles [{id, published, site, title}].
"""
from __future__ import annotations

from collections import defaultdict

from ..edtf import human
from ..lang.plural import count_en
from .names import country_iso
from .lookup import AmbiguousName, resolve
from .events import source_key, symmetric_types

LIMIT = 10         # co-mentioned entities, latest articles
QUOTES = 50        # the latest distinct quotes
EVENTS = 200       # the latest events


def dossier(store, name: str, *, limit: int = LIMIT, quotes: int = QUOTES, events: int = EVENTS) -> dict:
    """The dossier of the entity ``name`` stands for (AmbiguousName when none or several)."""
    cand = resolve(store, name)
    return entity_dossier(store, cand.id, limit=limit, quotes=quotes, events=events)


def _actors(store, events: list[int]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    for ev, side, name in store.event_actor_names(events):
        out[ev][side].append(name)
    return out


def entity_dossier(store, cid: int, *, limit: int = LIMIT, quotes: int = QUOTES, events: int = EVENTS) -> dict:
    """The dossier of corpus entity ``cid``; ``quotes`` and ``events`` cap those lists (the latest are
    kept; ``quotes_total`` and ``events_total`` say how many there are)."""
    max_quotes, max_events = quotes, events
    row = store.corpus_entity_record(cid)
    if row is None:
        raise AmbiguousName(f"#{cid}", [])
    keys = ("id", "type", "name", "gender", "born", "country", "mentions", "articles", "first_seen", "last_seen")
    d = dict(zip(keys, row))
    d["names"] = [{"name": v, "kind": w, "articles": n} for w, v, n in store.corpus_entity_other_names(cid, d["name"])]
    d["roles"] = [{"role": r, "first": f, "last": l, "articles": n} for r, f, l, n in store.corpus_entity_roles(cid)]
    d["births"] = [{"born": b, "articles": n} for b, n in store.corpus_entity_births(cid)]
    d["by_month"] = [{"month": m, "articles": a, "mentions": n} for m, a, n in store.entity_months(cid)]
    d["co_mentioned"] = [{"id": i, "name": n, "type": t, "articles": c}
                         for i, n, t, c in store.co_mentioned(cid, limit)]
    quotes: dict[str, dict] = {}
    told: set[str] = set()                     # every distinct text, kept or not: counted once
    for text, kind, speaker, published, art, site, url, source in store.entity_quotes(cid):
        k = " ".join((text or "").lower().split())
        if k in quotes:
            quotes[k]["articles"].append(art)
        elif k not in told and len(told) < max_quotes:          # the latest max_quotes distinct texts
            quotes[k] = {"text": text, "kind": kind, "speaker": speaker, "date": (published or "")[:10] or None,
                         "article": art, "site": source_key(site, url, source), "articles": [art]}
        told.add(k)
    d["quotes"] = sorted(quotes.values(), key=lambda q: q["date"] or "")
    d["quotes_total"] = len(told)
    iso = country_iso(d["name"], d["type"], d["country"])
    # only the latest are read (the store orders them by (lo, id), as the list is shown)
    latest = store.entity_latest_events(cid, iso, max_events)[::-1] if max_events else []
    ids = [row[0] for row in latest]
    sides: dict[int, set[str]] = defaultdict(set)
    for ev, side in store.entity_event_sides(cid, iso, ids):
        sides[ev].add(side)
    actors = _actors(store, ids)
    d["events"] = [{"id": ev, "date": when, "type": type_, "cameo": cameo, "goldstein": gold, "quad_class": quad,
                    "modality": modality, "side": "+".join(sorted(sides[ev])), "source": actors[ev]["source"],
                    "target": actors[ev]["target"], "place": place, "num_mentions": nm, "num_sources": ns,
                    "num_articles": na}
                   for (ev, type_, cameo, gold, quad, when, lo, place, modality, nm, ns, na) in latest]
    d["events_total"] = store.entity_event_count(cid, iso)
    d["recent"] = [{"id": i, "published": p, "site": s, "title": t}
                   for i, p, s, t in store.entity_recent_articles(cid, limit)]
    return d


def format_dossier(d: dict, width: int = 100) -> str:
    """The dossier as text, for the terminal."""
    lines = []
    facts = [d["type"], f"#{d['id']}"]
    if d.get("country"):
        facts.append(d["country"])
    if d.get("born"):
        facts.append(f"born {human(d['born'], 'en')}")
    lines.append(f"{d['name']}  ({', '.join(facts)})")
    lines.append(f"{count_en(d['articles'], 'article')}, {count_en(d['mentions'], 'mention')}, {human(d['first_seen'], 'en')} … {human(d['last_seen'], 'en')}")
    if d["names"]:
        lines.append("also: " + ", ".join(f"{n['name']} ({n['articles']})" for n in d["names"]))
    if len(d.get("births") or []) > 1:
        lines.append("birth dates seen: " + ", ".join(f"{human(b['born'], 'en')} ({b['articles']})" for b in d["births"]))
    if d["roles"]:
        lines += ["", "Roles"]
        w = min(48, max(len(r["role"]) for r in d["roles"]))
        for r in d["roles"]:
            first, last = human(r["first"], "en"), human(r["last"], "en")
            span = first if first == last else f"{first} … {last}"
            lines.append(f"  {r['role']:<{w}}  {span}  ({count_en(r['articles'], 'article')})")
    if d["by_month"]:
        lines += ["", "Mentions by month"]
        top = max(m["articles"] for m in d["by_month"]) or 1
        for m in d["by_month"]:
            bar = "█" * max(1, round(20 * m["articles"] / top))
            lines.append(f"  {human(m['month'], 'en'):<14}  {bar:<20}  {count_en(m['articles'], 'article')}, {count_en(m['mentions'], 'mention')}")
    if d["co_mentioned"]:
        lines += ["", "Co-mentioned"]
        lines += [f"  {c['name']} ({c['type']})  {count_en(c['articles'], 'article')}" for c in d["co_mentioned"]]
    if d["quotes"]:
        lines += ["", "Quotes" + (f" (the latest {len(d['quotes'])} of {d['quotes_total']})"
                                  if d["quotes_total"] > len(d["quotes"]) else "")]
        for q in d["quotes"]:
            text = q["text"] if len(q["text"]) <= width else q["text"][:width - 1] + "…"
            more = f", +{len(q['articles']) - 1} more" if len(q["articles"]) > 1 else ""
            lines.append(f"  {human(q['date'], 'en'):<17}  {q['kind']:<8}  «{text}»  ({q['site'] or q['article']}{more})")
    if d["events"]:
        lines += ["", "Events" + (f" (the latest {len(d['events'])} of {d['events_total']})"
                                  if d["events_total"] > len(d["events"]) else "")]
        for e in d["events"]:
            lines.append("  " + event_line(e))
    if d["recent"]:
        lines += ["", "Latest articles"]
        lines += [f"  {human(a['published'], 'en'):<17}  {a['id']}  {a['title'] or ''}" for a in d["recent"]]
    return "\n".join(lines) + "\n"


def event_line(e: dict) -> str:
    gold = "" if e.get("goldstein") is None else f"{e['goldstein']:+.1f}"
    actors = " + ".join(e["source"]) or "?"
    if e["target"]:
        actors += (" — " if e["type"] in symmetric_types() else " → ") + " + ".join(e["target"])
    place = f"  @ {e['place']}" if e.get("place") else ""
    mod = "" if e.get("modality") in (None, "fact") else f" [{e['modality']}]"
    return (f"{human(e['date'], 'en') or '?':<17}  {e['type']:<12} {e['cameo'] or '-':<4} {gold:>5}  {actors}{place}{mod}"
            f"  ({e['num_articles']} articles, {e['num_sources']} sources)")


__all__ = ["dossier", "entity_dossier", "format_dossier", "event_line"]
