"""`svodka eval pages|ner|facts|events|normal|linking|coverage …`: the published metrics on evaluation folders."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..model import Article
from ..pipeline import Pipeline


def cmd_eval_pages(args) -> int:
    # each eval module loads with its verb, not at start-up (pages and normal bring the readers: warcio …)
    from ..eval import pages

    folder = Path(args.dir)
    if not (folder / "reference").is_dir():
        print(f"svodka: {folder}: no reference/ folder (expected html/, text/, reference/)", file=sys.stderr)
        return 2
    pipeline = Pipeline(batch_size=args.batch, nlp=False) if args.batch else None
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
    from ..eval import ner       # with its verb: see cmd_eval_pages

    return ner.main(Path(args.dir))


def cmd_eval_facts(args) -> int:
    from ..eval import facts     # with its verb: see cmd_eval_pages

    return facts.main(Path(args.dir))


def cmd_eval_events(args) -> int:
    from ..eval import events    # with its verb: see cmd_eval_pages

    return events.main(Path(args.dir))


def cmd_eval_normal(args) -> int:
    from ..eval import normal    # with its verb: see cmd_eval_pages

    return normal.main(Path(args.dir), errors=args.errors, out=Path(args.out) if args.out else None)


def cmd_eval_linking(args) -> int:
    from ..eval import linking   # heavy: the ingest and store stacks, with its verb only

    return linking.main(Path(args.dir), db=args.db, keep=args.keep, errors=args.errors)


def cmd_eval_coverage(args) -> int:
    from ..eval import coverage  # heavy: the ingest and store stacks, with its verb only

    return coverage.main(args.paths, db=args.db)


def cmd_eval_places(args) -> int:
    from ..eval.places import score_sentences     # each evaluation's stack loads only when it runs

    score = score_sentences(Path(args.file))
    for sentence, name, expected, got in score.misses:
        print(f"miss\t{name}\texpected {expected}\tgot {got}\t{sentence}")
    print(f"places: {score.correct} of {score.items} right: accuracy {score.accuracy:.3f}")
    return 0


def register(sub) -> None:
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
    pf = ev.add_parser("facts", help="Meeting facts P/R/F1 on factRuEval-2016 folders (svodka's meet/call events)")
    pf.add_argument("dir")
    pf.set_defaults(func=cmd_eval_facts)
    pv = ev.add_parser("events", help="event, participant, time and place P/R/F1 on NEREL folders")
    pv.add_argument("dir")
    pv.set_defaults(func=cmd_eval_events)
    pb = ev.add_parser("normal", help="base-form accuracy and coverage of PER/LOC/ORG mentions on SlavicNER folders")
    pb.add_argument("dir", help="a folder with raw/<topic>/ru/*.txt and ner/<topic>/ru/*.tsv")
    pb.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print the first N errors: TYPE, surface, gold base form, svodka's normal, document")
    pb.add_argument("--out", help="also write the analysed articles to OUT as JSON lines (for the shared scorer)")
    pb.set_defaults(func=cmd_eval_normal)
    pk = ev.add_parser("linking", help="cross-document entity linking (B-cubed per PER/ORG/LOC) on SlavicNER folders")
    pk.add_argument("dir", help="a folder with raw/<topic>/ru/*.txt and ner/<topic>/ru/*.tsv")
    pk.add_argument("--db", help="ingest into this store (reused if it exists; default: a temporary SQLite file)")
    pk.add_argument("--keep", action="store_true", help="keep the temporary store (its path goes to stderr)")
    pk.add_argument("--errors", type=int, default=0, metavar="N",
                    help="also print per type the N largest corpus entities mixing gold ids and gold ids split")
    pk.set_defaults(func=cmd_eval_linking)
    pc = ev.add_parser("coverage", help="story event coverage: the share of a story's articles (4+) linked to its "
                                        "most-reported event, and distinct events per story article")
    pc.add_argument("paths", nargs="*", help="pages to ingest first (else --db must name a linked store)")
    pc.add_argument("--db", help="the store to measure (with paths: ingest into it)")
    pc.set_defaults(func=cmd_eval_coverage)
    pg = ev.add_parser("places", help="geocoding accuracy on sentences with a place and its expected place "
                                      "(tests/data/geo_sentences.tsv)")
    pg.add_argument("file", nargs="?", default="tests/data/geo_sentences.tsv")
    pg.set_defaults(func=cmd_eval_places)
