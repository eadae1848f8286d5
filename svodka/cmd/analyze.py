"""`svodka analyze PATH... [--json|--text]`: print the articles read from files, folders, archives or stdin."""
from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator

from .. import analyze_paths
from ..edtf import human
from ..lang.plural import count_en
from ..model import Article, Rejected
from ..pipeline import TIME_LIMIT, Pipeline, default_pipeline


def _print_article(article: Article, out) -> None:
    """A readable view: the page as a reader sees it, then the page's other parts."""
    head = " · ".join(x for x in (article.site, human(article.published, "en"), article.rubric) if x)
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
        out.write(f"card: {c.name} — {c.description or ''}{', born ' + human(c.born, 'en') if c.born else ''}\n")
    if article.related:
        out.write(f"related: {count_en(len(article.related), 'headline')}\n")
    out.write("\n")


class ReadArticles:
    """The articles read from paths; each rejected document gets its one line on stderr.

    ``exit_code`` afterwards: non-zero only when nothing could be read (shared by the verbs that
    analyse paths: analyze, events)."""

    def __init__(self, paths: list[str], time_limit: float | None = None) -> None:
        self.paths, self.ok, self.bad = paths, 0, 0
        self.time_limit = time_limit

    def __iter__(self) -> Iterator[Article]:
        for result in analyze_paths(self.paths, pipeline_for(self.time_limit)):
            if isinstance(result, Rejected):
                self.bad += 1
                print(f"svodka: {result.source}: {result.reason}", file=sys.stderr)
                continue
            self.ok += 1
            yield result

    @property
    def exit_code(self) -> int:
        if self.ok == 0:
            print(f"svodka: nothing could be read ({self.bad} rejected)", file=sys.stderr)
            return 1
        return 0


def pipeline_for(time_limit: float | None):
    """The default pipeline, or one with this per-document time limit (seconds; 0: none)."""
    return default_pipeline() if time_limit is None else Pipeline(time_limit=time_limit or None)


def add_time_limit(parser) -> None:
    parser.add_argument("--time-limit", type=float, metavar="S", default=None,
                        help=f"seconds one document may take before it is rejected (default {TIME_LIMIT:g}; 0: none)")


def cmd_analyze(args) -> int:
    articles = ReadArticles(args.paths, args.time_limit)
    for article in articles:
        if args.json:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        else:
            _print_article(article, sys.stdout)
        sys.stdout.flush()
    return articles.exit_code


def register(sub) -> None:
    p = sub.add_parser("analyze", help="print the articles read from files, folders, archives or '-'")
    p.add_argument("paths", nargs="+", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per article, a line each")
    form.add_argument("--text", action="store_true", help="a readable view (the default)")
    add_time_limit(p)
    p.set_defaults(func=cmd_analyze)
