"""The knowledge base's cross-article verbs, each a thin wrapper over ``svodka.link``:

    svodka entity NAME [--db] [--json] [--limit N] [--plot FILE]  # a dossier (svodka.link.dossier)
    svodka timeline A B [--db] [--json] [--plot FILE.png|svg]  # events between two actors (svodka.link.timeline)
    svodka link [--db]                                        # link what an older store holds unlinked

NAME, A and B are names in any case form ("Алиеву"), or "#ID" (a corpus entity id). A name that stands
for several entities lists them on stderr (exit code 2), as does a name nobody has.
"""
from __future__ import annotations

import json
import sys

from ..edtf import human
from ..lang.plural import count_en
from ._common import add_db, fail, open_from


def cmd_entity(args) -> int:
    # heavy: the link and store stacks, only for this verb
    from ..link.dossier import dossier, format_dossier
    from ..link.lookup import AmbiguousName
    from ..store import StoreError

    if args.plot and (refused := plot_refused(args.plot)):
        return refused
    try:
        with open_from(args) as store:
            try:
                d = dossier(store, args.name, limit=args.limit)
            except AmbiguousName as err:
                return _ambiguous(err, args.json)
    except StoreError as err:
        return fail(str(err))
    if args.plot:
        from ..link.dossier_plot import plot     # matplotlib: only when a plot is drawn
        try:
            plot(d, args.plot)
        except (OSError, ValueError) as err:
            return fail(f"cannot write {args.plot}: {err}")
    if args.json:
        sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_dossier(d))
        if args.plot:
            sys.stdout.write(f"plot: {args.plot}\n")
    return 0


def plot_refused(path: str) -> int:
    """2 and the reason on stderr when ``path`` is no file a plot can be written as (before any work), else 0."""
    from ..link.timeline_plot import check_path     # matplotlib: only when a plot is asked for
    try:
        check_path(path)
    except ValueError as err:
        return fail(str(err))
    return 0


def cmd_timeline(args) -> int:
    # heavy: the link and store stacks, only for this verb
    from ..link.lookup import AmbiguousName
    from ..link.timeline import format_timeline, plot, timeline
    from ..store import StoreError

    if args.plot and (refused := plot_refused(args.plot)):
        return refused
    try:
        with open_from(args) as store:
            try:
                t = timeline(store, args.a, args.b)
            except AmbiguousName as err:
                return _ambiguous(err, args.json)
    except StoreError as err:
        return fail(str(err))
    if args.plot:
        try:
            plot(t, args.plot)
        except (OSError, ValueError) as err:
            return fail(f"cannot write {args.plot}: {err}")
    if args.json:
        sys.stdout.write(json.dumps(t, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_timeline(t))
        if args.plot:
            sys.stdout.write(f"plot: {args.plot}\n")
    return 0


def cmd_link(args) -> int:
    # heavy: the link and store stacks, only for this verb
    from ..link import update
    from ..store import StoreError

    try:
        with open_from(args, write=True) as store:
            with store.transaction():
                new = len(store.unlinked_articles("entities"))
                update(store)
            articles = len(store)
            n, m = store.corpus_counts()
    except StoreError as err:
        return fail(str(err))
    print(f"svodka: {count_en(new, 'article')} newly linked; {count_en(articles, 'article')}: "
          f"{count_en(n, 'corpus entity', 'corpus entities')}, {count_en(m, 'corpus event')}")
    return 0


def _ambiguous(err, as_json: bool) -> int:
    if as_json:
        sys.stdout.write(json.dumps({"error": str(err), "candidates": [c.to_dict() for c in err.candidates]},
                                    ensure_ascii=False) + "\n")
    if err.candidates:
        lines = [f"svodka: {err.name!r} may be:"]
        for c in err.candidates:
            extra = ", ".join(x for x in (c.born and f"born {human(c.born, 'en')}", c.country) if x)
            lines.append(f"  #{c.id}  {c.name} ({c.type}{', ' + extra if extra else ''}; {count_en(c.articles, 'article')})")
        lines.append("ask again with the full name or the #ID")
        print("\n".join(lines), file=sys.stderr)
    else:
        print(f"svodka: no entity named {err.name!r}", file=sys.stderr)
    return 2


def register(sub) -> None:
    p = sub.add_parser("entity", help="an entity's dossier: roles, birth date, mentions, quotes, events")
    p.add_argument("name", help='a name in any case form ("Алиеву"), or #ID')
    add_db(p)
    p.add_argument("--json", action="store_true", help="print the dossier as one JSON object")
    p.add_argument("--limit", type=int, default=10, help="co-mentioned entities and latest articles shown")
    p.add_argument("--plot", metavar="FILE", help="draw the articles a month and the events (FILE.png, .svg, .pdf …)")
    p.set_defaults(func=cmd_entity)

    p = sub.add_parser("timeline", help="events between two actors by date, and the monthly cooperation/conflict series")
    p.add_argument("a", help="an actor: a country, person or organisation, in any case form, or #ID")
    p.add_argument("b", help="the other actor")
    add_db(p)
    p.add_argument("--json", action="store_true", help="print the timeline as one JSON object")
    p.add_argument("--plot", metavar="FILE", help="draw the series and the events (FILE.png, .svg, .pdf: any format matplotlib writes)")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("link", help="link the stored articles not linked yet (entities, events, stories)")
    add_db(p)
    p.set_defaults(func=cmd_link)
