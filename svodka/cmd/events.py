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

The event evaluations (``eval facts``, ``eval events``, ``eval coverage``) are in cmd/evaluate.py.
"""
from __future__ import annotations

import json
import sys

from .analyze import ReadArticles, add_time_limit

TSV = ["document", "type", "cameo", "plover", "goldstein", "modality", "date", "place", "source", "target",
       "killed", "injured", "confidence", "reports", "key", "evidence"]


def _events(article):
    from ..events import code_events

    return article.events or code_events(article)


def cmd_events(args) -> int:
    from ..events import event_key
    from ..events.gdelt import COLUMNS, rows
    from ..export import event_feature, feature_collection

    out = sys.stdout
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
    p = sub.add_parser("events", help="print the events the articles report, CAMEO/PLOVER-coded")
    p.add_argument("paths", nargs="+", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin")
    p.add_argument("--format", choices=("json", "tsv", "gdelt", "geojson"), default="json",
                   help="json (one event a line, the default), tsv, GDELT 2.0 event-table rows, or a GeoJSON "
                        "FeatureCollection of the located events")
    p.add_argument("--header", action="store_true", help="with --format gdelt: a first line of column names")
    add_time_limit(p)
    p.set_defaults(func=cmd_events)
