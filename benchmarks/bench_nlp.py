"""Speed of svodka's language layer against plain Natasha-full on the same texts, in one run.

    python benchmarks/bench_nlp.py [../shared/eval/factru/devset]

Plain Natasha-full = segment, morph tagging, syntax parsing, NER (+ span normalisation) and the
dates extractor over each whole text. svodka = entities (NER, normalisation, linking, roles,
coreference), time expressions and quotes over the same text, split into paragraphs as an article.
Both load their models before timing. Prints KB/s of each and the ratio.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")


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


def svodka_layer(texts: list[str]):
    from svodka.model import Article
    from svodka.nlp import annotate

    def run(batch: list[str]) -> None:
        for i, text in enumerate(batch):
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            article = Article(id=f"t{i}", source=f"t{i}", published="2016-01-01", body=paragraphs)
            annotate(article)

    return run


def timed(label: str, run, texts: list[str]) -> float:
    run(texts[:2])                                   # warm-up: models, dictionaries
    start = time.perf_counter()
    run(texts)
    seconds = time.perf_counter() - start
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    print(f"{label:28s} {kb / seconds:8.1f} KB/s  {len(texts) / seconds:7.1f} texts/s  ({seconds:.1f} s)")
    return seconds


def main(folder: str) -> None:
    texts = texts_from(Path(folder))
    if not texts:
        sys.exit(f"{folder}: no .txt files")
    print(f"{len(texts)} texts, {sum(len(t) for t in texts) / 1000:.0f} K characters from {folder}")
    t_natasha = timed("plain Natasha-full", natasha_full(texts), texts)
    t_svodka = timed("svodka language layer", svodka_layer(texts), texts)
    print(f"ratio: svodka is {t_natasha / t_svodka:.2f}x as fast as plain Natasha-full")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/factru/devset")
