"""svodka's command line: one sub-command per verb, each a thin wrapper over a documented function."""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
import warnings
from pathlib import Path

from .model import Article, Rejected


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
    from . import analyze_paths

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


def cmd_eval_pages(args) -> int:
    from .eval import pages

    folder = Path(args.dir)
    if not (folder / "reference").is_dir():
        print(f"svodka: {folder}: no reference/ folder (expected html/, text/, reference/)", file=sys.stderr)
        return 2
    from .pipeline import Pipeline

    pipeline = Pipeline(batch_size=args.batch) if args.batch else None
    predictions = pages.predict(folder, form=args.input, pipeline=pipeline)
    result = pages.score(folder, predictions)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        for doc_id, art in predictions.items():
            text = art.reader_text() if isinstance(art, Article) else ""
            title = f"TITLE: {art.title}\n" if isinstance(art, Article) and art.title else ""
            (out / f"{doc_id}.txt").write_text(title + text, encoding="utf-8")
    for site, s in result["sites"].items():
        t = "-" if s["title_accuracy"] is None else f"{s['title_accuracy']:.2f}"
        print(f"{site:32s} docs={s['docs']:3d} P={s['precision']:.3f} R={s['recall']:.3f} "
              f"F1={s['f1']:.3f} title={t}")
    summary = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in result["summary"].items()}
    print(json.dumps(summary))
    return 0


def cmd_eval_ner(args) -> int:
    from .eval import ner

    return ner.main(Path(args.dir))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="svodka", description="Russian news pages → structured articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="print the article(s) read from files, folders, archives or '-'")
    p.add_argument("paths", nargs="+", help="files, folders, .gz, .jsonl, .warc[.gz], .wet.gz or - for stdin")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object per article, a line each")
    form.add_argument("--text", action="store_true", help="a readable view (the default)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("eval", help="measure quality on an evaluation folder")
    ev = p.add_subparsers(dest="what", required=True)
    pe = ev.add_parser("pages", help="body F1 and title accuracy on a folder like shared/eval/pages/dev")
    pe.add_argument("dir")
    pe.add_argument("--input", choices=("text", "html"), default="text", help="which form of the pages to read")
    pe.add_argument("--out", help="also write each prediction to OUT/<ID>.txt (for the shared scorer)")
    pe.add_argument("--batch", type=int, default=0,
                    help="pages per batch (default: all in one, as an ingest; 1 = every page alone)")
    pe.set_defaults(func=cmd_eval_pages)
    pn = ev.add_parser("ner", help="PER/LOC/ORG strict-span F1 on factRuEval-2016 folders")
    pn.add_argument("dir")
    pn.set_defaults(func=cmd_eval_ner)
    return parser


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
