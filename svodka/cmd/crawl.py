"""The crawler's verbs, thin wrappers over ``svodka.crawl``:

    svodka sources [list] [--db] [--json]                     # list: last poll, status, articles, pending
    svodka sources add URL [--name N] [--feed URL …] [--db]   # discover feeds and sitemaps (or take --feed)
    svodka sources remove NAME [--db]
    svodka sources import FILE.toml [--db]                    # [[source]] url = "…", name = "…", feeds = [ … ]
    svodka watch [--every 15m] [--rounds N] [--db] [--archive DIR] [--delay S] [--per-round N]
                 [--per-source N] [--workers N | --scheduler ADDR] [--time-limit S] [--progress]
"""
from __future__ import annotations

import argparse
import json
import re
import sys

from ..edtf import human_time
from ..lang.plural import count_en
from ._common import add_db, database_errors, fail, open_from, shown
from .analyze import add_time_limit, pipeline_for

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
ARCHIVE_HELP = ("the WARC folder (default: STORE.warc beside a SQLite store; for PostgreSQL"
                " ./svodka-archive-DATABASE in the current folder)")


def duration(text: str) -> float:
    """'15m' → 900.0; '90' and '90s' → 90.0; '1h', '1d'."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (e.g. 90s, 15m, 1h)")
    return float(match.group(1)) * _UNITS[match.group(2).lower()]


def _duration_arg(text: str) -> float:
    try:
        return duration(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _politeness(args):
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import Politeness
    p = Politeness()
    if getattr(args, "delay", None) is not None:
        p.delay = args.delay
    return p


def _archive(args):
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import Archive, archive_folder
    return Archive(getattr(args, "archive", None) or archive_folder(args.db))


def _report_added(added) -> int:
    if added.exists:
        print(f"svodka: a source named {added.name!r} is there already (nothing changed)", file=sys.stderr)
        return 0
    for problem in added.problems:
        print(f"svodka: {added.name}: {problem}", file=sys.stderr)
    kinds = ", ".join(f"{url} ({kind})" for url, kind in added.feeds) or "no feed or sitemap found"
    print(f"svodka: added {added.name} ({added.home}): {kinds}")
    return 0 if added.feeds else 1


def cmd_sources(args) -> int:
    # heavy: the store stack (SQLAlchemy), only for this verb
    from ..store import StoreError
    try:
        with open_from(args) as store:
            sources = store.crawl_sources()
    except StoreError as err:
        return fail(str(err))
    if args.json:
        for source in sources:
            sys.stdout.write(json.dumps(source.to_dict(), ensure_ascii=False) + "\n")
        return 0
    if not sources:
        print(f"svodka: no sources in {shown(args.db)} (add one: svodka sources add URL)", file=sys.stderr)
        return 0
    print("name\thost\tfeeds\tarticles\tpending\tfailed\tlast poll\tstatus")
    for s in sources:
        print(f"{s.name}\t{s.host}\t{s.feeds}\t{s.articles}\t{s.pending}\t{s.urls.get('failed', 0)}"
              f"\t{human_time(s.polled, 'en') if s.polled else 'never'}\t{s.status or '-'}")
    return 0


def cmd_sources_add(args) -> int:
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import Fetcher, add_source
    from ..store import StoreError
    archive = _archive(args)
    try:
        with open_from(args, create=True) as store, Fetcher(_politeness(args)) as fetcher:
            added = add_source(store, args.url, name=args.name, feeds=args.feed, fetcher=fetcher, archive=archive)
    except (StoreError, ValueError) as err:
        return fail(str(err))
    except database_errors() as err:
        return fail(f"cannot write to the store {shown(args.db)}: {err}")
    finally:
        archive.close()
    return _report_added(added)


def cmd_sources_remove(args) -> int:
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import remove_source
    from ..store import StoreError
    try:
        with open_from(args, write=True) as store:
            removed = remove_source(store, args.name)
    except StoreError as err:
        return fail(str(err))
    if not removed:
        return fail(f"no source named {args.name!r}")
    print(f"svodka: removed {args.name} (its articles stay in the store)")
    return 0


def cmd_sources_import(args) -> int:
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import Fetcher, import_sources
    from ..store import StoreError
    archive = _archive(args)
    try:
        with open_from(args, create=True) as store, Fetcher(_politeness(args)) as fetcher:
            added = import_sources(store, args.file, fetcher=fetcher, archive=archive)
    except (StoreError, ValueError, OSError) as err:
        return fail(str(err))
    finally:
        archive.close()
    status = max((_report_added(a) for a in added), default=0)
    print(f"svodka: {count_en(sum(not a.exists for a in added), 'source')} added from {args.file}")
    return status


def cmd_watch(args) -> int:
    # heavy: the crawl stack (httpx, feedparser, the store), only for this verb
    from ..crawl import Settings, watch
    from ..store import StoreError

    settings = Settings(politeness=_politeness(args), batch_size=args.batch_size)
    if args.per_round is not None:
        settings.per_round = args.per_round
    if args.per_source is not None:
        settings.per_source = args.per_source
    terminal = sys.stderr.isatty()
    progress = terminal if args.progress is None else args.progress and (terminal or "lines")
    try:
        with open_from(args, create=True) as store:
            watch(store, every=args.every, rounds=args.rounds, settings=settings, archive_dir=args.archive,
                  pipeline=pipeline_for(args.time_limit), workers=args.workers, scheduler=args.scheduler,
                  progress=progress, say=lambda line: print(line, flush=True))
    except (StoreError, OSError, ValueError) as err:
        return fail(str(err))
    except database_errors() as err:
        return fail(f"cannot write to the store {shown(args.db)}: {err}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("sources", help="the sites the store follows: list (default), add, remove, import")
    add_db(p)                               # --db before the verb or after it (add_db(…, again=True))
    p.add_argument("--json", action="store_true", help="one JSON object per source")
    p.set_defaults(func=cmd_sources)
    verbs = p.add_subparsers(dest="verb")

    q = verbs.add_parser("list", help="the sources: last poll, status, articles, pending and failed URLs (the default)")
    q.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="one JSON object per source")
    add_db(q, again=True)
    q.set_defaults(func=cmd_sources)

    q = verbs.add_parser("add", help="add a site: its feeds and sitemaps are discovered from its home page")
    q.add_argument("url", help="the site's home page")
    q.add_argument("--name", help="the source's name (default: its host)")
    q.add_argument("--feed", action="append", metavar="URL", help="a feed or sitemap to poll (no discovery; repeatable)")
    q.add_argument("--delay", type=float, metavar="S", help="seconds between two requests to the site (default 1)")
    q.add_argument("--archive", metavar="DIR", help=ARCHIVE_HELP)
    add_db(q, again=True)
    q.set_defaults(func=cmd_sources_add)

    q = verbs.add_parser("remove", help="forget a source (its articles stay)")
    q.add_argument("name")
    add_db(q, again=True)
    q.set_defaults(func=cmd_sources_remove)

    q = verbs.add_parser("import", help="add the sources of a TOML file ([[source]] url, name, feeds)")
    q.add_argument("file")
    q.add_argument("--delay", type=float, metavar="S", help="seconds between two requests to a site (default 1)")
    q.add_argument("--archive", metavar="DIR", help=ARCHIVE_HELP)
    add_db(q, again=True)
    q.set_defaults(func=cmd_sources_import)

    p = sub.add_parser("watch", help="poll the sources in rounds, fetch what is new politely, archive and ingest it")
    add_db(p)
    p.add_argument("--every", type=_duration_arg, default=900.0, metavar="DURATION",
                   help="time from one round's start to the next, and between two polls of a source (default 15m)")
    p.add_argument("--rounds", type=int, metavar="N", help="stop after N rounds (default: run until SIGTERM)")
    p.add_argument("--archive", metavar="DIR", help=ARCHIVE_HELP)
    p.add_argument("--delay", type=float, metavar="S", help="seconds between two requests to one host (default 1;"
                   " a longer robots.txt Crawl-delay wins)")
    p.add_argument("--per-round", type=int, metavar="N", help="pages fetched at most a round (default 1000)")
    p.add_argument("--per-source", type=int, metavar="N", help="pages fetched at most from a source a round (default 200)")
    p.add_argument("--batch-size", type=int, default=50, help="documents per transaction (default 50)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=int, metavar="N", help="analyse on a local Dask cluster of N workers")
    where.add_argument("--scheduler", metavar="ADDR", help="analyse on a running Dask cluster (tcp://host:8786)")
    add_time_limit(p)
    p.add_argument("--progress", action="store_true", default=None, help="a bar on a terminal, else a line every few seconds")
    p.add_argument("--no-progress", dest="progress", action="store_false")
    p.set_defaults(func=cmd_watch)
