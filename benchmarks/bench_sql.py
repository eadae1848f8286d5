"""The store's statements against a baseline commit: the same store work, timed in this source tree
and in a baseline's, in alternating child processes of one run — so that a change of how SQL is
written and sent (issue 16: SQLAlchemy Core ``text()`` instead of the run-time SQLite→PostgreSQL
translation) is measured as a ratio on one machine under one load.

    python benchmarks/bench_sql.py --baseline REV [--baseline REV2] [--rev REV] [--n 3000] [--queries 200]
                                   [--repeat 3] [--pg URL] [--keep]

This tree is the working tree (``--rev REV``: that commit instead). Each baseline is checked out into a throwaway ``git worktree`` (removed at the end unless ``--keep``).
A child process imports svodka from one tree and, on one engine (SQLite; PostgreSQL with ``--pg URL``
or $SVODKA_TEST_PG, each child in a new schema):

- ingest: N synthetic articles of bench_store.py through ``Store.add_articles`` in batches of 50
  (the lemma cache warmed first by an untimed ingest of the same articles into a scratch SQLite store);
- link: ``link.entities.link_new``, ``link.events.link_new``, ``link.stories.assign_new`` over them,
  each in its transaction;
- search: QUERIES ``Store.search`` calls (limit 20, snippets); facets: the web UI's search facets
  (``serve.data.facets``: the newest matches and their site/rubric/month/entity counts);
- dossier: every person and place of the generator through ``link.dossier.dossier``.

Every child does the same work with the same data; the figure of a tree is the median of its
``--repeat`` children, and the trees take turns going first. Each operation is timed twice: the
process's CPU seconds (the statement layer's cost, SQLite's work too; steady when other work shares
the machine) and the wall-clock. Results go to benchmarks/results/sql.md.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "sql.md"
OPERATIONS = ["ingest", "link entities", "link events", "link stories", "search", "facets", "dossier"]


# --- a child: one tree, one engine ----------------------------------------------------------------

class Clock:
    """Wall-clock and this process's CPU seconds of a block: ``figures[name] = (wall, cpu)``. The CPU
    time is what the statement layer costs in Python (SQLite's work too, in process); it barely moves
    when other work shares the machine, where the wall-clock does."""

    def __init__(self, figures: dict, name: str) -> None:
        self.figures, self.name = figures, name

    def __enter__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc) -> None:
        self.figures[self.name] = (time.perf_counter() - self.wall, time.process_time() - self.cpu)


def child(tree: str, engine: str, n: int, queries: int, pg: str | None) -> dict[str, tuple[float, float]]:
    sys.path.insert(0, tree)
    import svodka  # noqa: F401 — svodka from ``tree`` before bench_store puts this tree on the path

    assert Path(svodka.__file__).resolve().is_relative_to(Path(tree).resolve()), svodka.__file__
    sys.path.insert(1, str(HERE))
    import warnings
    warnings.filterwarnings("ignore")
    from bench_store import NAMES, PgSchema, make_articles, make_queries

    from svodka.link import dossier, entities, events, stories
    from svodka.link.lookup import AmbiguousName
    from svodka.serve import data
    from svodka.store import open_store

    articles = list(make_articles(n, seed=7))
    found = make_queries(queries)
    out: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(str(Path(tmp) / "warm.db")) as warm:        # the lemma cache, untimed
            for i in range(0, n, 50):
                warm.add_articles(articles[i:i + 50])
        schema = PgSchema(pg, "sql") if engine == "postgresql" else None
        target = schema.url if schema else str(Path(tmp) / "bench.db")
        try:
            with open_store(target) as store:
                with Clock(out, "ingest"):
                    for i in range(0, n, 50):
                        store.add_articles(articles[i:i + 50])
                for name, fn in (("link entities", entities.link_new), ("link events", events.link_new),
                                 ("link stories", stories.assign_new)):
                    with Clock(out, name), store.transaction():
                        fn(store)
                for _, q, f in found[:10]:                            # warm-up: page cache, plans
                    store.search(q, **f)
                    data.facets(store, q, **f)
                with Clock(out, "search"):
                    for _, q, f in found:
                        store.search(q, limit=20, **f)
                with Clock(out, "facets"):
                    for _, q, f in found:
                        data.facets(store, q, **f)
                with Clock(out, "dossier"):
                    for name, kind in NAMES:
                        if kind in ("PER", "LOC"):
                            try:
                                dossier.dossier(store, name)
                            except (AmbiguousName, LookupError):
                                pass
        finally:
            if schema:
                schema.__exit__(None, None, None)
    return out


# --- the parent: trees, turns, medians, the table -------------------------------------------------

def worktree(rev: str) -> tuple[str, str]:
    """(path, short hash) of a throwaway worktree of ``rev``."""
    short = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True, capture_output=True,
                           text=True).stdout.strip()
    path = Path(tempfile.gettempdir()) / f"svodka-bench-sql-{short}"
    if not path.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT, check=True,
                       capture_output=True)
    return str(path), short


def run_child(tree: str, engine: str, args) -> dict[str, tuple[float, float]]:
    command = [sys.executable, __file__, "--child", tree, "--engine", engine, "--n", str(args.n),
               "--queries", str(args.queries)] + (["--pg", args.pg] if args.pg else [])
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"child failed ({tree}, {engine}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", action="append", help="a commit to compare with (repeatable; the first is the ratio's base)")
    parser.add_argument("--n", type=int, default=3000, help="articles ingested and linked (default 3000)")
    parser.add_argument("--queries", type=int, default=200, help="searches and facet counts (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="children per tree and engine (default 3; the median counts)")
    parser.add_argument("--pg", default=os.environ.get("SVODKA_TEST_PG"), help="a PostgreSQL server URL (default: $SVODKA_TEST_PG)")
    parser.add_argument("--rev", help="measure this commit (a worktree too) instead of the working tree")
    parser.add_argument("--keep", action="store_true", help="keep the baseline worktrees")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="sqlite", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.engine, args.n, args.queries, args.pg)))
        return
    if not args.baseline:
        parser.error("give --baseline REV")
    sys.path.insert(0, str(HERE))
    from bench_store import pg_server
    args.pg = pg_server(args.pg)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "svodka"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    trees = [worktree(rev) for rev in args.baseline]
    trees.append(worktree(args.rev) if args.rev else (str(ROOT), head + (" + changes" if dirty else "")))
    engines = ["sqlite"] + (["postgresql"] if args.pg else [])
    load = os.getloadavg()[0]
    times: dict[tuple[str, str], list[dict[str, tuple[float, float]]]] = {}
    try:
        for engine in engines:
            for r in range(args.repeat):
                order = trees if r % 2 == 0 else trees[::-1]
                for tree, label in order:
                    figures = run_child(tree, engine, args)
                    times.setdefault((engine, label), []).append(figures)
                    print(f"{engine:10s} {label:18s} run {r + 1}: "
                          + ", ".join(f"{k} {w:.2f}s (CPU {c:.2f}s)" for k, (w, c) in figures.items()), flush=True)
    finally:
        if not args.keep:
            for tree, _ in trees:
                if tree == str(ROOT):
                    continue
                subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, capture_output=True)
    labels = [label for _, label in trees]
    lines = ["## Store statements against a baseline (`python benchmarks/bench_sql.py`)", "",
             f"`python benchmarks/bench_sql.py {' '.join('--baseline ' + b for b in args.baseline)}"
             f"{' --rev ' + args.rev if args.rev else ''} --n {args.n} "
             f"--queries {args.queries} --repeat {args.repeat}` — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores "
             f"(load average {load:.1f} at the start: shared with other work). Each figure is the median of "
             f"{args.repeat} child processes a tree, the trees taking turns: the process's CPU seconds "
             f"(in brackets the wall-clock, which other work on the machine moves) for the whole operation — "
             f"{args.n} synthetic articles of bench_store.py ingested and linked, {args.queries} searches, "
             f"{args.queries} facet counts, the generator's people's and places' dossiers. On PostgreSQL the CPU "
             f"is the client's (svodka's side of each statement); the server's work shows in the wall-clock only.", ""]
    base = labels[0]
    for engine in engines:
        lines += [f"{'SQLite' if engine == 'sqlite' else 'PostgreSQL'}:", "",
                  "| operation | " + " | ".join(f"`{label}` CPU s (wall)" for label in labels) + " | "
                  + " | ".join(f"`{label}` / `{base}` CPU (wall)" for label in labels[1:]) + " |",
                  "|---|" + "---:|" * (2 * len(labels) - 1)]
        for op in OPERATIONS:
            walls = [statistics.median(t[op][0] for t in times[(engine, label)]) for label in labels]
            cpus = [statistics.median(t[op][1] for t in times[(engine, label)]) for label in labels]
            lines.append(f"| {op} | " + " | ".join(f"{c:.2f} ({w:.2f})" for c, w in zip(cpus, walls)) + " | "
                         + " | ".join(f"**{c / cpus[0]:.2f}×** ({w / walls[0]:.2f}×)"
                                      for c, w in zip(cpus[1:], walls[1:])) + " |")
        lines.append("")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"figures written to {RESULTS}")


if __name__ == "__main__":
    main()
