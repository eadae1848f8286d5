"""Speed of reading + page layout on the dev pages, against trafilatura in the same run.

    python benchmarks/bench_page.py ../shared/eval/pages/dev

Prints pages/s and KB/s for svodka on the text dumps, svodka on the HTML, and plain
trafilatura.extract on the same HTML, and the ratios. Timings are wall-clock on one core.
"""
from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")


def timed(label: str, fn, items: list[bytes]) -> float:
    fn(items[:3])                                 # warm-up: imports, dictionaries
    start = time.perf_counter()
    fn(items)
    seconds = time.perf_counter() - start
    kb = sum(len(x) for x in items) / 1024
    print(f"{label:34s} {len(items) / seconds:8.1f} pages/s {kb / seconds:9.1f} KB/s  ({seconds:.2f} s)")
    return seconds


def main(folder: str) -> None:
    from svodka.pipeline import Pipeline
    from svodka.read import read_bytes

    root = Path(folder)
    texts = [p.read_bytes() for p in sorted((root / "text").glob("*.txt"))]
    htmls = [p.read_bytes() for p in sorted((root / "html").glob("*.html"))]
    if not texts or not htmls:
        sys.exit(f"{folder}: no text/ or html/ pages")

    def svodka_run(items: list[bytes], kind: str) -> None:
        raws = [read_bytes(x, f"p{i}", kind=kind) for i, x in enumerate(items)]
        list(Pipeline(batch_size=len(raws)).pipe(raws))

    def trafilatura_run(items: list[bytes]) -> None:
        import trafilatura
        for x in items:
            trafilatura.extract(x.decode("utf-8", "replace"))

    print(f"{len(texts)} text dumps, {len(htmls)} HTML pages from {folder}")
    t_text = timed("svodka, text dumps", lambda xs: svodka_run(xs, "text"), texts)
    t_html = timed("svodka, HTML", lambda xs: svodka_run(xs, "html"), htmls)
    t_traf = timed("trafilatura.extract, HTML (baseline)", trafilatura_run, htmls)
    print(f"ratio svodka HTML / trafilatura: {t_traf / t_html:.2f}x the baseline's speed")
    print(f"ratio svodka text / trafilatura: {t_traf / t_text:.2f}x the baseline's speed")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/pages/dev")
