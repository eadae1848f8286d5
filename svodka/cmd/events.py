"""`svodka events PATH... [--format json|tsv|gdelt]`: the events the articles report, coded in CAMEO/PLOVER.

Reads and analyses like ``svodka analyze`` (files, folders, archives, '-'), codes each article's events
(``svodka.events.code_events``) and prints them:

  json   one JSON object per event a line: "article" (the article id), "document" (where it was read from),
         "key" (``event_key``), then the Event's fields (type, cameo, plover, goldstein, quad_class, source,
         target, date, place, modality, killed, injured, evidence, confidence);
  tsv    a header, then one row per event: document, type, cameo, plover, goldstein, modality, date, place,
         source, target (actors joined by "; "), killed, injured, confidence, reports, key, evidence (the
         first report sentence);
  gdelt  GDELT 2.0 event-table rows, 61 tab-separated columns, no header (``--header`` adds GDELT's column
         names); which columns are filled is documented in svodka/events/gdelt.py;
  geojson  one GeoJSON FeatureCollection (RFC 7946) of the located events: a Point at [lon, lat] each, with
         the event's type, codes, date, actors, place and article (``svodka.export.event_feature``).

Without PATHs, ``svodka events [--db STORE]`` lists the store's events instead (``svodka.link.event_list``):
``--level corpus`` (the default) one row per real event, however many articles report it, ``--level article``
one row per article's report; filters ``--type --actor --country --role --place --from --to --modality
--min-confidence --article``, ``--sort`` (newest, oldest, articles, sources, confidence, conflict,
cooperation), ``--limit`` / ``--offset``. ``--format text`` (the default there) is one readable line an event
with its date in words and its best sentence; ``json`` one object a line as ``/api/events`` gives it (EDTF
dates); ``tsv`` a header and one row an event.

The event evaluations (``eval facts``, ``eval events``, ``eval coverage``) are in cmd/evaluate.py.
"""
from __future__ import annotations

import json
import sys

from ..edtf import human
from ..events import code_events, event_key
from ..events.gdelt import COLUMNS, rows
from ..lang.plural import count_en
from ._common import DB_HELP, fail, open_from
from .analyze import ReadArticles, add_time_limit

TSV = ["document", "type", "cameo", "plover", "goldstein", "modality", "date", "place", "source", "target",
       "killed", "injured", "confidence", "reports", "key", "evidence"]
STORE_TSV = ["id", "date", "type", "cameo", "goldstein", "quad_class", "modality", "place", "source", "target",
             "actor_codes", "num_mentions", "num_sources", "num_articles", "confidence", "first_seen", "evidence",
             "articles"]


def _events(article):
    return article.events or code_events(article)


def cmd_events(args) -> int:
    if not args.paths:
        return stored_events(args)
    if args.db is not None or args.level != "corpus" or args.format == "text":
        return fail("--db, --level and --format text are for the events of a store: give no PATH with them")
    return coded_events(args)


def stored_events(args) -> int:
    """The store's events (corpus or per article) with the filters, in the chosen format."""
    # here, not at the top: the store and link packages cost ~150 ms to import, which `svodka events PATH` need not pay
    from ..link.event_list import corpus_events
    from ..serve.data import NotFound, events as article_events
    from ..store import StoreError, default_db

    args.db = args.db or default_db()
    fmt = args.format or "text"
    if fmt in ("gdelt", "geojson"):
        return fail(f"--format {fmt} over a store: svodka export --format {fmt} --out DIR")
    limit = args.limit if args.limit > 0 else 10 ** 9
    try:
        with open_from(args) as store:
            if args.level == "article":
                corpus_only = [o for o, v in (("--country", args.country), ("--role", args.role),
                                              ("--modality", args.modality), ("--min-confidence", args.min_confidence))
                               if v is not None]
                if corpus_only or args.sort != "newest":
                    return fail(f"{', '.join(corpus_only or ['--sort'])}: only with --level corpus")
                found = article_events(store, type_=args.type, actor=args.actor, date_from=args.date_from,
                                       date_to=args.date_to, place=args.place, article_id=args.article,
                                       limit=limit, offset=args.offset)
            else:
                pk = None
                if args.article:
                    row = store.find(args.article)
                    if not row:
                        return fail(f"no article {args.article!r}")
                    pk = row[0]
                found = corpus_events(store, type_=args.type, actor=args.actor, country=args.country, role=args.role,
                                      place=args.place, date_from=args.date_from, date_to=args.date_to,
                                      modality=args.modality, min_confidence=args.min_confidence, article=pk,
                                      sort=args.sort, limit=limit, offset=args.offset)
    except (StoreError, NotFound) as err:
        return fail(str(err))
    write_events(found["items"], fmt, args.level)
    shown = len(found["items"])
    if fmt == "text" or shown < found["total"]:
        print(f"{args.offset + 1 if shown else 0}–{args.offset + shown} of {count_en(found['total'], 'event')}",
              file=sys.stderr)
    return 0


def write_events(items: list[dict], fmt: str, level: str) -> None:
    out = sys.stdout
    if fmt == "json":
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    if level == "article":
        rows = [[i["article"], i.get("date") or "", i["type"], i.get("cameo") or "", _num(i.get("goldstein")),
                 i.get("modality") or "", i.get("place") or "", "; ".join(i["source"]), "; ".join(i["target"]),
                 i.get("article_title") or ""] for i in items]
        if fmt == "tsv":
            out.write("\t".join(["article", "date", "type", "cameo", "goldstein", "modality", "place", "source",
                                 "target", "title"]) + "\n")
            out.writelines(_tsv(r) for r in rows)
        else:
            for i in items:
                when = human(i.get("date"), "en") or f"({human(i.get('article_published'), 'en')})"
                actors = " + ".join(i["source"]) or "?"
                if i["target"]:
                    actors += " → " + " + ".join(i["target"])
                out.write(f"{when:<18} {i['type']:<12} {i.get('cameo') or '-':<4} {_num(i.get('goldstein')):>5}  "
                          f"{actors}  [{i['article']}]\n")
        return
    if fmt == "tsv":
        out.write("\t".join(STORE_TSV) + "\n")
        for i in items:
            out.write(_tsv([str(i["id"]), i.get("date") or "", i["type"], i.get("cameo") or "", _num(i.get("goldstein")),
                            str(i.get("quad_class") or ""), i.get("modality") or "", i.get("place") or "",
                            "; ".join(i["source"]), "; ".join(i["target"]),
                            "; ".join(a["code"] or "" for a in i["actors"]), str(i["num_mentions"]),
                            str(i["num_sources"]), str(i["num_articles"]), f"{i.get('confidence') or 0:.2f}",
                            i.get("first_seen") or "", i.get("evidence") or "",
                            "; ".join(a["id"] for a in i["articles"])]))
        return
    from ..link.dossier import event_line      # the store's layers, as above

    for i in items:
        out.write(f"#{i['id']:<6} " + event_line(i) + "\n")
        if i.get("evidence"):
            out.write(f"        «{i['evidence']}»\n")


def _num(value) -> str:
    return "" if value is None else f"{value:+.1f}"


def _tsv(cells: list[str]) -> str:
    return "\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n"


def coded_events(args) -> int:
    # the export module brings the store stack (~150 ms): only `svodka events PATH` pays it, not --help
    from ..export import event_feature, feature_collection

    out = sys.stdout
    args.format = args.format or "json"
    if args.format == "tsv":
        out.write("\t".join(TSV) + "\n")
    elif args.format == "gdelt" and args.header:
        out.write("\t".join(COLUMNS) + "\n")
    articles = ReadArticles(args.paths, args.time_limit)
    features: list[dict] = []
    for result in articles:
        try:
            events = _events(result)
        except Exception as exc:  # one article's failure never stops the batch
            print(f"svodka: {result.source}: event coding failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if args.format == "json":
            for e in events:
                d = {"article": result.id, "document": result.source, "key": event_key(e), **e.to_dict()}
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
        elif args.format == "tsv":
            for e in events:
                first = next((m.text for m in e.evidence if m.kind == "sentence"), "")
                cells = [result.source, e.type, e.cameo or "", e.plover or "",
                         "" if e.goldstein is None else str(e.goldstein), e.modality, e.date or "", e.place or "",
                         "; ".join(e.source), "; ".join(e.target), "" if e.killed is None else str(e.killed),
                         "" if e.injured is None else str(e.injured), f"{e.confidence:.2f}",
                         str(sum(1 for m in e.evidence if m.kind == "sentence")), event_key(e), first]
                out.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells) + "\n")
        elif args.format == "geojson":
            features += [f for f in (event_feature(e.to_dict(), result.to_dict()) for e in events) if f]
        else:
            for row in rows(result, events):
                out.write("\t".join(row) + "\n")
        out.flush()
    if args.format == "geojson":
        out.write(json.dumps(feature_collection(features), ensure_ascii=False) + "\n")
    return articles.exit_code


def register(sub) -> None:
    p = sub.add_parser("events", help="print the events the articles report (CAMEO/PLOVER-coded), or a store's events")
    p.add_argument("paths", nargs="*", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin; "
                                            "none: the events of the store (--db)")
    p.add_argument("--format", choices=("json", "tsv", "gdelt", "geojson", "text"), default=None,
                   help="json (one event a line; the default for PATHs), tsv, GDELT 2.0 event-table rows, a GeoJSON "
                        "FeatureCollection of the located events, or text (readable; the default for a store)")
    p.add_argument("--header", action="store_true", help="with --format gdelt: a first line of column names")
    add_time_limit(p)
    p.add_argument("--db", default=None, help="the store whose events to list when no PATH is given "
                                              + DB_HELP[DB_HELP.index("("):])
    p.add_argument("--level", choices=("corpus", "article"), default="corpus",
                   help="corpus: one row per real event (the default); article: one row per article's report")
    p.add_argument("--type", help="meet, call, arrest …")
    p.add_argument("--actor", help="a source or target actor: a name or surname in any case, or #ID")
    p.add_argument("--country", help="corpus: an actor of this country (ISO-3 or its Russian name)")
    p.add_argument("--role", help="corpus: an actor of this CAMEO role (GOV, MIL, COP …)")
    p.add_argument("--place", help="the place, as coded")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="on or after this day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="on or before this day (YYYY-MM-DD)")
    p.add_argument("--modality", help="corpus: fact, claim, intent, future or negated")
    p.add_argument("--min-confidence", type=float, help="corpus: at least this confidence (0–1)")
    p.add_argument("--article", help="the events this article (id) reports")
    p.add_argument("--sort", default="newest",
                   help="corpus: newest (the default), oldest, articles, sources, confidence, conflict, cooperation")
    p.add_argument("--limit", type=int, default=50, help="at most this many events (0: all)")
    p.add_argument("--offset", type=int, default=0, help="skip this many events")
    p.set_defaults(func=cmd_events)
