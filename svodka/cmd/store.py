"""The store's verbs, each a thin wrapper over ``svodka.store``:

    svodka ingest PATH... [--db svodka.db] [--batch-size N] [--workers N | --scheduler ADDR]
                          [--time-limit S] [--progress | --no-progress]
    svodka reanalyze [--db] [--batch-size N] [--time-limit S] [--progress | --no-progress]
    svodka rejected [--db] [--json]
    svodka show ID [--db] [--raw | --json]
    svodka search QUERY [--db] [--from DATE] [--to DATE] [--site S] [--rubric R] [--entity NAME]
                        [--limit N] [--json]

``--db`` defaults to $SVODKA_DB, else ``svodka.db``. A request the store cannot serve (no store
there, a bad date) is one line on stderr, ``svodka: …``, and exit code 2.
"""
from __future__ import annotations

import json
import sys
import textwrap

from ..edtf import human

from ..lang.plural import count_en
from ._common import add_db, database_errors, fail, open_from, shown
from .analyze import _print_article, add_time_limit, pipeline_for


def cmd_ingest(args) -> int:
    # heavy: the ingest and store stacks, only for this verb
    from ..ingest import ingest
    from ..store import StoreError

    terminal = sys.stderr.isatty()
    # --progress without a terminal (a log, `make run` piped): lines, not a bar
    progress = terminal if args.progress is None else args.progress and (terminal or "lines")
    try:
        with open_from(args, create=True) as store:
            report = ingest(args.paths, store, batch_size=args.batch_size, progress=progress,
                            workers=args.workers, scheduler=args.scheduler,
                            pipeline=pipeline_for(args.time_limit))
    except (StoreError, OSError, ValueError) as err:       # OSError: a scheduler that does not answer
        return fail(str(err))
    except database_errors() as err:
        return fail(f"cannot write to the store {shown(args.db)}: {err}")
    print(f"svodka: {report}")
    if report.rejections:
        print(f"svodka: {report.rejections} rejected: see `svodka rejected --db {shown(args.db)}`")
    return 1 if report.documents and report.rejections == report.documents else 0


def cmd_reanalyze(args) -> int:
    # heavy: the reanalysis and store stacks, only for this verb
    from ..reanalyze import reanalyze
    from ..store import StoreError

    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        with open_from(args, write=True) as store:
            report = reanalyze(store, batch_size=args.batch_size, progress=progress,
                               pipeline=pipeline_for(args.time_limit))
    except StoreError as err:
        return fail(str(err))
    except database_errors() as err:
        return fail(f"cannot write to the store {shown(args.db)}: {err}")
    for _, source, reason in report.failed:
        print(f"svodka: {source}: {reason} (kept as it was)", file=sys.stderr)
    print(f"svodka: {report}")
    return 1 if report.articles and not report.reanalyzed else 0


def cmd_rejected(args) -> int:
    # heavy: the store stack (SQLAlchemy), only for this verb
    from ..store import StoreError

    try:
        with open_from(args) as store:
            listed = store.rejected()
    except StoreError as err:
        return fail(str(err))
    for doc in listed:
        if args.json:
            sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{doc.source}\t{doc.reason}\n")
    if not args.json:
        print(count_en(len(listed), "rejected document") if listed else "no rejected documents", file=sys.stderr)
    return 0


def cmd_show(args) -> int:
    # heavy: the store stack (SQLAlchemy), only for this verb
    from ..store import StoreError

    try:
        with open_from(args) as store:
            if args.raw:
                data = store.raw(args.id)
                if data is None:
                    return fail(f"no document {args.id!r} in {shown(args.db)}")
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
                return 0
            article = store.article(args.id)
            if article is None:
                return fail(f"no article {args.id!r} in {shown(args.db)}")
            if args.json:
                sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
                return 0
            _print_article(article, sys.stdout)
            out = sys.stdout
            out.write(f"id: {article.id}  sha256: {article.sha256}\n")
            for source in store.sources(article.id):
                out.write(f"source: {source}\n")
            for e in article.entities:
                extra = ", ".join(e.roles + ([e.country] if e.country else []))
                out.write(f"entity: {e.type} {e.name}{' — ' + extra if extra else ''} ({count_en(len(e.mentions), 'mention')})\n")
            for q in article.quotes:
                out.write(f"quote: {q.speaker or '?'}: «{q.text}»\n")
    except StoreError as err:
        return fail(str(err))
    return 0


def cmd_search(args) -> int:
    # heavy: the store stack (SQLAlchemy), only for this verb
    from ..store import StoreError

    try:
        with open_from(args) as store:
            hits = store.search(args.query, date_from=args.date_from, date_to=args.date_to, site=args.site,
                                rubric=args.rubric, entity=args.entity, limit=args.limit)
    except StoreError as err:
        return fail(str(err))
    out = sys.stdout
    for hit in hits:
        if args.json:
            out.write(json.dumps(hit.to_dict(), ensure_ascii=False) + "\n")
            continue
        head = " · ".join(x for x in (human(hit.published, "en"), hit.site, hit.rubric) if x)
        score = "" if hit.score is None else f"{hit.score:6.2f}  "
        out.write(f"{score}{hit.id}  {head}\n  {hit.title or '(no title)'}\n")
        if hit.snippet:
            out.write(textwrap.fill(hit.marked(), 100, initial_indent="  ", subsequent_indent="  ") + "\n")
        out.write("\n")
    if not args.json:
        print(count_en(len(hits), "result"), file=sys.stderr)
    return 0


def register(sub) -> None:
    def db(p) -> None:
        add_db(p)

    p = sub.add_parser("ingest", help="analyse documents and store the articles (skips what is already stored)")
    p.add_argument("paths", nargs="+", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin")
    db(p)
    p.add_argument("--batch-size", type=int, default=50, help="documents per transaction (default 50)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N",
                       help="analyse on a local Dask cluster of N worker processes (one writer stays here)")
    where.add_argument("--scheduler", metavar="ADDR", help="analyse on a running Dask cluster (tcp://host:8786)")
    add_time_limit(p)
    p.add_argument("--progress", action="store_true", default=None,
                   help="show progress: a bar on a terminal, else a line every few seconds (default: a bar on a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("reanalyze", help="analyse every stored article again from its kept raw input with this"
                                         " svodka (newer annotations), then link the store anew")
    db(p)
    p.add_argument("--batch-size", type=int, default=50, help="articles per transaction (default 50)")
    add_time_limit(p)
    p.add_argument("--progress", action="store_true", default=None, help="show a progress bar (default: on a terminal)")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    p.set_defaults(func=cmd_reanalyze)

    p = sub.add_parser("rejected", help="list the documents that could not be read as articles, and why")
    db(p)
    p.add_argument("--json", action="store_true", help="one JSON object per document (source, reason, sha256, time)")
    p.set_defaults(func=cmd_rejected)

    p = sub.add_parser("show", help="print a stored article by id (or sha256)")
    p.add_argument("id")
    db(p)
    form = p.add_mutually_exclusive_group()
    form.add_argument("--raw", action="store_true", help="write the exact input bytes to stdout")
    form.add_argument("--json", action="store_true", help="the article JSON with every annotation")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search over lemmas, with filters")
    p.add_argument("query", help='words (all must match), "a phrase", a OR b; may be empty with filters')
    db(p)
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--site", help="the site's host (without www.)")
    p.add_argument("--rubric", help="the rubric, e.g. Политика")
    p.add_argument("--entity", metavar="NAME", help="articles with an entity of this normalised name")
    p.add_argument("--limit", type=int, default=20, help="at most N results (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per result: snippet and highlight spans")
    p.set_defaults(func=cmd_search)
