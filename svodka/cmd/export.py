"""Stories and exports, thin wrappers over ``svodka.link.stories`` and ``svodka.export``:

    svodka stories [--db] [--json] [--min-articles 2] [--limit N]
    svodka export --format jsonl|csv|parquet|gdelt|geojson --out DIR [--db]

``stories`` first puts any article not in a story yet into one (a no-op after an ingest, which does it
batch by batch; a store written by an older svodka gets its stories here), then lists the stories with
at least ``--min-articles`` articles, oldest first: dates, label, size and sites, then each article's
date, site and title (``--json``: one story a line, with its articles). ``export`` writes the files and
prints one line per file: rows and path. ``--db`` defaults to $SVODKA_DB, else ``svodka.db``; a request
that cannot be served is one line on stderr, ``svodka: …``, exit code 2.
"""
from __future__ import annotations

import json
import sys

from ..edtf import human
from ..lang.plural import count_en
from ._common import add_db, fail


def cmd_stories(args) -> int:
    # heavy: the link and store stacks, only for this verb
    from ..link.stories import assign_new, stories, unassigned
    from ..store import StoreError, open_store

    try:
        with open_store(args.db, create=False) as store:      # read-only when it cannot be written
            if store.writable and unassigned(store):
                assign_new(store)
            found = stories(store, args.min_articles, limit=args.limit)
    except StoreError as err:
        return fail(str(err))
    out = sys.stdout
    for story in found:
        if args.json:
            out.write(json.dumps(story.to_dict(), ensure_ascii=False) + "\n")
            continue
        span = story.first if story.first == story.last else f"{(story.first or '..')[:10]}/{(story.last or '..')[:10]}"
        dates = human(span, "en")
        sites = story.sites
        out.write(f"story {story.id}  {dates or 'undated'}  {count_en(len(story.articles), 'article')}, "
                  f"{count_en(len(sites), 'site')}\n  {story.label or '(no title)'}\n")
        width = max((len(a.site or "") for a in story.articles), default=0)
        for a in story.articles:
            out.write(f"    {human(a.published, 'en'):17}  {(a.site or ''):{width}}  {a.title or '(no title)'}\n")
        out.write("\n")
    if not args.json:
        print(f"{count_en(len(found), 'story', 'stories')} with {args.min_articles}+ articles", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    # heavy: the export and store stacks, only for this verb
    from ..export import ExportError, export
    from ..store import StoreError, open_store

    try:
        with open_store(args.db, create=False, read_only=True) as store:
            written = export(store, args.format, args.out)
    except (StoreError, ExportError) as err:
        return fail(str(err))
    for name, rows in written.items():
        print(f"{rows:8d}  {args.out.rstrip('/')}/{name}")
    return 0


def register(sub) -> None:
    from ..export import FORMATS        # --format's choices: this loads the store stack (~150 ms) at start-up

    def db(p) -> None:
        add_db(p)

    p = sub.add_parser("stories", help="articles about the same story across sources, grouped")
    db(p)
    p.add_argument("--json", action="store_true", help="one story a line: id, label, first, last, size, sites, articles")
    p.add_argument("--min-articles", type=int, default=2, metavar="N", help="list stories with at least N articles (default 2)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N stories")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("export", help="write the store as JSON lines, CSV, Parquet or GDELT event rows")
    p.add_argument("--format", required=True, choices=FORMATS, help="jsonl: articles.jsonl; csv, parquet: one file per table; "
                   "gdelt: events.gdelt.tsv (GDELT 2.0 event rows); geojson: events.geojson (located events)")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to write to (created if missing)")
    db(p)
    p.set_defaults(func=cmd_export)
