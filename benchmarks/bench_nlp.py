"""Speed of svodka's language layer, and of the layer plus the event coder, against plain Natasha-full
on the same texts, in one run.

    python benchmarks/bench_nlp.py [../shared/eval/factru/devset]

Plain Natasha-full = segment, morph tagging, syntax parsing, NER (+ span normalisation) and the
dates extractor over each whole text. svodka = entities (NER, normalisation, linking, roles,
coreference), time expressions and quotes over the same text, split into paragraphs as an article,
then the event coder (``svodka.events.code_events``) on the annotated article, as the pipeline runs
them: one pass, the coder clocked on its own (a second pass over the same texts would find the
word-level caches warm). All load their models before timing, then take the texts in turn, text by
text, so that a change in the load of a shared machine falls on all of them alike. Prints KB/s of
each and the ratios to Natasha-full (goal for the layer plus the coder: ≥ 2×); writes them to
benchmarks/results/nlp.md (benchmarks/report.py assembles RESULTS.md).
"""
from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")

RESULTS = Path(__file__).resolve().parent / "results" / "nlp.md"
GOAL = 2.0


def texts_from(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def natasha_full(texts: list[str]) -> None:
    from natasha import (DatesExtractor, Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                         NewsSyntaxParser, Segmenter)

    emb = NewsEmbedding()
    seg, morph, syntax, ner = Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    vocab = MorphVocab()
    dates = DatesExtractor(vocab)

    def run(batch: list[str]) -> None:
        for text in batch:
            doc = Doc(text)
            doc.segment(seg)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)
            for span in doc.spans:
                span.normalize(vocab)
            try:
                list(dates(text))
            except KeyError:   # Natasha's known 'маять' fault
                pass

    return run


def svodka_layer(texts: list[str], coder: bool = False):
    """The language layer on each text as an article; with ``coder``, then the event coder on it
    (its seconds added up in ``run.coder_seconds``)."""
    from svodka.events import code_events
    from svodka.model import Article
    from svodka.nlp import annotate
    from svodka.pipeline import Pipeline

    Pipeline().load()                                # every model and dictionary, the coder's too

    def run(batch: list[str]) -> None:
        for i, text in enumerate(batch):
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            article = Article(id=f"t{i}", source=f"t{i}", published="2016-01-01", body=paragraphs)
            annotate(article)
            if coder:
                start = time.perf_counter()
                article.events = code_events(article)
                run.coder_seconds += time.perf_counter() - start

    run.coder_seconds = 0.0
    return run


def timed(runs: list, texts: list[str]) -> list[float]:
    """Seconds of each run over the texts, taken text by text in turn."""
    for run in runs:
        run(texts[:2])                               # warm-up: models, dictionaries
        if hasattr(run, "coder_seconds"):
            run.coder_seconds = 0.0
    seconds = [0.0] * len(runs)
    for text in texts:
        for k, run in enumerate(runs):
            start = time.perf_counter()
            run([text])
            seconds[k] += time.perf_counter() - start
    return seconds


def show(label: str, seconds: float, texts: list[str]) -> None:
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    print(f"{label:36s} {kb / seconds:8.1f} KB/s  {len(texts) / seconds:7.1f} texts/s  ({seconds:.1f} s)")


def write_results(folder: str, texts: list[str], rows: list[tuple[str, float]], load: str) -> None:
    """The figures as a markdown section (benchmarks/results/nlp.md)."""
    from report import machine

    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    t_natasha = rows[0][1]
    cpu, memory = machine()[:2]
    lines = ["## Language layer and event coder vs plain Natasha-full", "",
             f"`python benchmarks/bench_nlp.py {folder}`", "",
             f"{time.strftime('%Y-%m-%d')}; machine: {cpu[len('- CPU: '):]}, {memory[len('- memory: '):]}; "
             f"{load}. Input: {len(texts)} factRuEval-2016 dev texts, {kb:.0f} KB, from `{folder}`.", "",
             "| one process | KB/s | texts/s | seconds | ratio to Natasha-full |", "|---|---:|---:|---:|---:|"]
    for label, seconds in rows:
        lines.append(f"| {label} | {kb / seconds:.1f} | {len(texts) / seconds:.1f} | {seconds:.1f} "
                     f"| {t_natasha / seconds:.2f}× |")
    layer, both = t_natasha / rows[1][1], t_natasha / rows[2][1]
    verdict = "meets the goal" if both >= GOAL else "**below the goal**"
    lines += ["", f"**Ratio: svodka's language layer is {layer:.2f}× as fast as plain Natasha-full; the language "
                  f"layer plus the event coder {both:.2f}×** (goal ≥ {GOAL:g}×: {verdict}). The coder takes "
                  f"{(rows[2][1] - rows[1][1]) / rows[2][1]:.0%} of the layer-plus-coder time.", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"figures written to {RESULTS}")


def main(folder: str) -> None:
    texts = texts_from(Path(folder))
    if not texts:
        sys.exit(f"{folder}: no .txt files (is ../shared there?)")
    load = "load average %.2f %.2f %.2f at the start" % os.getloadavg()
    print(f"{len(texts)} texts, {sum(len(t) for t in texts) / 1000:.0f} K characters from {folder}")
    natasha, svodka = natasha_full(texts), svodka_layer(texts, coder=True)
    t_natasha, t_both = timed([natasha, svodka], texts)
    rows = [("plain Natasha-full (segment, morph, syntax, NER, normalise, dates)", t_natasha),
            ("svodka language layer", t_both - svodka.coder_seconds), ("svodka language layer + event coder", t_both)]
    for label, seconds in rows:
        show(label.split(" (")[0], seconds, texts)
    print(f"ratio: svodka's language layer is {t_natasha / rows[1][1]:.2f}x as fast as plain Natasha-full")
    print(f"ratio: language layer + event coder is {t_natasha / rows[2][1]:.2f}x as fast as plain Natasha-full"
          f" (goal >= {GOAL:g}x)")
    write_results(folder, texts, rows, load)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/factru/devset")
