"""`svodka analyze PATH... [--json|--text]`: print the articles read from files, folders, archives or stdin."""
from __future__ import annotations

import json
import sys
import textwrap

from ..model import Article, Rejected


def _print_article(article: Article, out) -> None:
    """A readable view: the page as a reader sees it, then the page's other parts."""
    head = " · ".join(x for x in (article.site, article.published, article.rubric) if x)
    out.write(f"== {article.source}\n")
    if head:
        out.write(f"   {head}\n")
    if article.title:
        out.write(f"\n{article.title}\n")
    for alt in article.alt_titles:
        out.write(f"({alt})\n")
    if article.lead:
        out.write("\n" + textwrap.fill(article.lead, 100) + "\n")
    for m in article.media:
        out.write(f"\n[photo] {m.caption or ''}{' — ' + m.credit if m.credit else ''}\n")
    for p in article.body:
        out.write("\n" + textwrap.fill(p, 100) + "\n")
    if article.authors:
        out.write(f"\nauthors: {', '.join(article.authors)}\n")
    if article.tags:
        out.write(f"tags: {', '.join(article.tags)}\n")
    for c in article.cards:
        out.write(f"card: {c.name} — {c.description or ''}{', born ' + c.born if c.born else ''}\n")
    if article.related:
        out.write(f"related: {len(article.related)} headline(s)\n")
    out.write("\n")


def cmd_analyze(args) -> int:
    from .. import analyze_paths

    ok = bad = 0
    for result in analyze_paths(args.paths):
        if isinstance(result, Rejected):
            bad += 1
            print(f"svodka: {result.source}: {result.reason}", file=sys.stderr)
            continue
        ok += 1
        if args.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_article(result, sys.stdout)
        sys.stdout.flush()
    if ok == 0:
        print(f"svodka: nothing could be read ({bad} rejected)", file=sys.stderr)
        return 1
    return 0



def register(sub) -> None:
    p = sub.add_parser("analyze", help="print the article(s) read from files, folders, archives or '-'")
    p.add_argument("paths", nargs="+", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per article, a line each")
    form.add_argument("--text", action="store_true", help="a readable view (the default)")
    p.set_defaults(func=cmd_analyze)
