"""`svodka attention QUERY [QUERY ...]`: attention over time, a thin wrapper over ``svodka.link.attention``.

    svodka attention Алиеву [Пашинян] [--interval auto|day|week|month] [--by site] [--share]
                     [--from DATE] [--to DATE] [--site S] [--rubric R] [--entity NAME] [--plot FILE] [--json] [--db]

Prints one line per period — its articles, then each query's matches and their share of them — and how
many matches had no date; ``--by site`` splits each query by site (its ten largest, the rest as "other") and
prints one block per series. ``--plot FILE`` (png, svg, pdf) draws the chart (matches, or ``--share``);
``--json`` prints the result as ``/api/attention`` gives it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ._common import add_db, fail, open_from

PLOT_FORMATS = (".png", ".svg", ".pdf")


def _table(found: dict, out) -> None:
    """Periods down, the series across: "count (share %)" each."""
    labels = [s["label"] for s in found["series"]]
    width = max([10] + [len(p) for p in found["periods"]])
    out.write(f"{found['interval']:<{width}}  {'articles':>8}  " + "  ".join(f"{x[:24]:>24}" for x in labels) + "\n")
    for i, period in enumerate(found["periods"]):
        cells = [f"{s['points'][i]['count']} ({s['points'][i]['share'] * 100:.1f} %)" for s in found["series"]]
        out.write(f"{period:<{width}}  {found['totals'][i]:>8}  " + "  ".join(f"{c:>24}" for c in cells) + "\n")


def _blocks(found: dict, out) -> None:
    """One block per series (by site): the periods it has matches in."""
    for s in found["series"]:
        out.write(f"{s['label']}: {s['matches']} matches\n")
        for p in s["points"]:
            if p["count"]:
                out.write(f"  {p['period']}  {p['count']:>6}  of {p['total']:>6}  ({p['share'] * 100:.1f} %)\n")


def cmd_attention(args) -> int:
    # imported here, not at the top: the store and the link layer cost a verb without them (analyze) time
    from ..link.attention import attention, plot
    from ..store import StoreError

    if args.plot and Path(args.plot).suffix.lower() not in PLOT_FORMATS:
        return fail(f"cannot write {args.plot}: --plot writes {', '.join(PLOT_FORMATS)} files")
    try:
        with open_from(args) as store:
            found = attention(store, args.queries, interval=args.interval, by_site=args.by == "site",
                              date_from=args.date_from, date_to=args.date_to, site=args.site, rubric=args.rubric,
                              entity=args.entity)
    except StoreError as err:
        return fail(str(err))
    if args.plot:
        try:
            plot(found, args.plot, share=args.share)
        except (OSError, ValueError) as err:
            return fail(f"cannot write {args.plot}: {err}")
    out = sys.stdout
    if args.json:
        out.write(json.dumps(found, ensure_ascii=False) + "\n")
        return 0
    (_blocks if found["by_site"] else _table)(found, out)
    undated = ", ".join(f"{s['label']}: {s['undated']}" for s in found["series"] if s["undated"])
    print(f"{len(found['periods'])} periods; undated articles left out: {found['undated_total']}"
          + (f" (matches: {undated})" if undated else ""), file=sys.stderr)
    if args.plot:
        print(f"chart written to {args.plot}", file=sys.stderr)
    return 0


def register(sub) -> None:
    # the link package brings the store stack (~150 ms): every command's start would pay it for one tuple
    from ..link.attention import INTERVALS

    p = sub.add_parser("attention", help="matching articles per day, week or month, and their share of all articles")
    p.add_argument("queries", nargs="+", metavar="QUERY", help='search queries (one to four), e.g. Алиеву "Пашинян"')
    add_db(p)
    p.add_argument("--interval", choices=INTERVALS, default="auto", help="day, week, month (default auto: by the span)")
    p.add_argument("--by", choices=("site",), help="split each query by site (the ten largest, the rest as other)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--site", help="only this site's articles (matches and the total they are a share of)")
    p.add_argument("--rubric", help="only this rubric's articles (matches and total)")
    p.add_argument("--entity", metavar="NAME", help="matches must name this entity")
    p.add_argument("--plot", metavar="FILE", help="draw the chart into FILE (.png, .svg or .pdf)")
    p.add_argument("--share", action="store_true", help="with --plot: draw the share of all articles, not counts")
    p.add_argument("--json", action="store_true", help="the result as JSON (as /api/attention gives it)")
    p.set_defaults(func=cmd_attention)
