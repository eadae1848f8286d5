"""Throughput of svodka's whole pipeline against plain Natasha-full, and its scaling on Dask.

    python benchmarks/bench_pipeline.py [../shared/eval/pages/dev/text] [--repeat 2] [--skip-natasha]

1. One process: every dev page (a browser text dump, as crawled) through svodka's pipeline —
   reading, layout, language layer, event coder — against plain Natasha-full (segment, morphology,
   syntax, NER with normalisation, dates) in the same run → docs/s, KB/s (input bytes) and the
   ratio. Natasha gets the article's own text (title, lead, body as svodka's layout found them:
   the text svodka's language layer sees), so the ratio compares like with like (goal ≥ 2×); its
   time over the whole page (boilerplate too, what one would feed it without a layout step) is
   listed as well.
2. Dask: the pipeline on a LocalCluster of 1, then 2 worker processes (one thread each) over the
   pages repeated ``--repeat`` times, models loaded on every worker before timing → docs/s each,
   efficiency = speed-up / workers (goal ≥ 0.8), peak RSS of each worker (goal ≤ 1 GiB).
3. The same through ``svodka ingest --workers N`` into a new SQLite store (reading, the one
   writer and cross-article linking included) → end-to-end docs/s for 1 and 2 workers.

Writes its figures to benchmarks/results/pipeline.md (benchmarks/report.py assembles RESULTS.md).
Wall-clock: run it on an otherwise idle machine; 2 workers need 2 free cores.
"""
from __future__ import annotations

import argparse
import logging
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_nlp import natasha_full  # noqa: E402

from svodka.pipeline import Pipeline  # noqa: E402
from svodka.read import read_bytes  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "pipeline.md"
SCALING_BATCH = 16          # documents a cluster task: enough tasks for two workers to share


def pages(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.txt"))]


def svodka_run(items: list[tuple[str, bytes]], pipeline: Pipeline) -> int:
    docs = (read_bytes(data, name, kind="text") for name, data in items)
    return sum(1 for _ in pipeline.pipe(docs))


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def worker_peak_rss(client) -> list[float]:
    """Peak resident memory of each worker process, MiB (Linux reports ru_maxrss in KiB)."""
    peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return sorted(v / 1024 for v in peaks.values())


def on_cluster(items, workers: int) -> tuple[float, list[float]]:
    from svodka.cluster import ClusterPipeline

    config = Pipeline(batch_size=SCALING_BATCH)
    docs = [read_bytes(data, f"{i}:{name}", kind="text") for i, (name, data) in enumerate(items)]
    with ClusterPipeline(workers=workers, pipeline=config) as cluster:
        # load the models on every worker before the clock starts
        warm = [cluster.client.submit(_warm, pure=False, workers=[w]) for w in cluster.client.scheduler_info()["workers"]]
        cluster.client.gather(warm)
        seconds = timed(lambda: sum(1 for _ in cluster.pipe(docs)))
        return seconds, worker_peak_rss(cluster.client)


def _warm() -> None:
    from svodka.pipeline import Pipeline
    Pipeline().load()


def ingest_on(folder: Path, repeat: int, workers: int) -> float:
    """End to end: ``svodka ingest --workers N`` of the pages (``repeat`` copies under other names)."""
    from svodka.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for r in range(repeat):
            copy = Path(tmp) / f"copy{r}"
            copy.mkdir()
            for p in sorted(folder.glob("*.txt")):   # a byte more per copy: new documents, not duplicates
                (copy / p.name).write_bytes(p.read_bytes() + b"\n" * (r + 1))
            paths.append(str(copy))
        start = time.perf_counter()
        report = ingest(paths, Path(tmp) / "bench.db", workers=workers, progress=False)
        seconds = time.perf_counter() - start
    return report.documents / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="../shared/eval/pages/dev/text")
    parser.add_argument("--repeat", type=int, default=2, help="copies of the pages for the Dask runs")
    parser.add_argument("--skip-natasha", action="store_true")
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    folder = Path(args.folder)
    items = pages(folder)
    if not items:
        sys.exit(f"{folder}: no .txt pages (is ../shared there?)")
    kb = sum(len(d) for _, d in items) / 1024
    lines = [f"Input: {len(items)} dev pages (text dumps), {kb:.0f} KB, from `{folder}`.", ""]
    print(lines[0])

    pipeline = Pipeline()
    svodka_run(items[:3], pipeline)                          # models and dictionaries
    t_svodka = timed(lambda: svodka_run(items, pipeline))
    rows = [("svodka pipeline (read, layout, language layer, events)", t_svodka)]
    if not args.skip_natasha:
        run = natasha_full([])
        articles = list(Pipeline(nlp=False).pipe(read_bytes(d, n, kind="text") for n, d in items))
        texts = ["\n\n".join(x for x in [a.title, a.lead, *a.body] if x) for a in articles if hasattr(a, "body")]
        run(texts[:2])
        rows.append(("plain Natasha-full over the article text", timed(lambda: run(texts))))
        whole = [d.decode("utf-8", "replace") for _, d in items]
        rows.append(("plain Natasha-full over the whole page text", timed(lambda: run(whole))))
    lines += ["| one process | docs/s | KB/s of input | seconds |", "|---|---:|---:|---:|"]
    for label, seconds in rows:
        lines.append(f"| {label} | {len(items) / seconds:.1f} | {kb / seconds:.0f} | {seconds:.1f} |")
        print(lines[-1])
    if len(rows) == 3:
        lines += ["", f"**Ratio: svodka's whole pipeline is {rows[1][1] / t_svodka:.2f}× as fast as plain "
                      f"Natasha-full over the same article text** (goal ≥ 2×; {rows[2][1] / t_svodka:.1f}× "
                      "against Natasha over whole pages)."]
        print(lines[-1])

    many = items * args.repeat
    lines += ["", f"Dask LocalCluster, one thread per worker process, {len(many)} documents "
                  f"({args.repeat} × the pages), batches of {SCALING_BATCH}:", "",
              "| workers | docs/s | speed-up | efficiency | peak RSS per worker (MiB) |", "|---:|---:|---:|---:|---|"]
    base = None
    for workers in (1, 2):
        seconds, rss = on_cluster(many, workers)
        speed = len(many) / seconds
        base = base or speed
        lines.append(f"| {workers} | {speed:.1f} | {speed / base:.2f} | {speed / base / workers:.2f} | "
                     f"{', '.join(f'{r:.0f}' for r in rss)} |")
        print(lines[-1])

    lines += ["", "`svodka ingest --workers N` end to end (reading, one writer, SQLite, cross-article linking):", "",
              "| workers | docs/s |", "|---:|---:|"]
    for workers in (1, 2):
        lines.append(f"| {workers} | {ingest_on(folder, args.repeat, workers):.1f} |")
        print(lines[-1])

    RESULTS.parent.mkdir(exist_ok=True)
    command = "python benchmarks/bench_pipeline.py " + " ".join(sys.argv[1:])
    RESULTS.write_text("## Pipeline throughput and Dask scaling\n\n`" + command.strip() + "`\n\n"
                       + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
