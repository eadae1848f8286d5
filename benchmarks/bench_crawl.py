"""Crawl vs plain ingest: the 1 384 realnews pages fetched from loopback news sites and ingested as they
come (`svodka watch`'s round: polite fetcher with delay 0, WARC archive, pipeline, store, link) against
`svodka ingest` of the same files, in the same run. Goal: crawl ≥ 0.8 × plain ingest (pages/s).

    python benchmarks/bench_crawl.py [--pages N] [--sites 4] [--shared ../shared]

The sites run in a separate process (tests/crawl_sites.py: standard-library servers on 127.0.0.1, one
port a site, each with a news sitemap of its pages), so serving takes no time from the measured process.
Both runs start from an empty SQLite store after the pipeline has warmed up on a few other pages.
The figures also go to benchmarks/results/crawl.md.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
RESULTS = HERE / "results" / "crawl.md"


def pages_of(shared: Path, limit: int | None) -> list[tuple[Path, str]]:
    """(file, feed day) of the realnews pages, in index order."""
    folder = shared / "eval" / "realnews"
    rows = [line.split("\t") for line in (folder / "index.tsv").read_text(encoding="utf-8").splitlines()[1:] if line]
    return [(folder / row[0], row[2][:10]) for row in rows][:limit]


def serve(args) -> None:
    """The sites' process: serve, print the sites as JSON, run until stdin closes."""
    from crawl_sites import Site, news_sitemap
    pages = pages_of(Path(args.shared), args.pages)
    sites = [Site(f"s{n}").start() for n in range(args.sites)]
    items: list[list[tuple[str, str]]] = [[] for _ in sites]
    for n, (path, day) in enumerate(pages):
        site = sites[n % len(sites)]
        items[n % len(sites)].append((site.add(f"/news/{n}", path.read_bytes()), day))
    for site, listed in zip(sites, items):
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
        site.add("/sitemap-news.xml", news_sitemap(listed), "application/xml")
    print(json.dumps([site.base for site in sites]), flush=True)
    sys.stdin.read()


def warm_up(shared: Path) -> None:
    """Load the pipeline's models on pages outside the measured set."""
    from svodka.pipeline import default_pipeline
    from svodka.read import read_paths
    warm = sorted((shared / "eval" / "pages" / "dev" / "text").glob("*"))[:4] if (shared / "eval" / "pages" / "dev" / "text").exists() else []
    list(default_pipeline().pipe(read_paths([str(p) for p in warm])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=None, help="the first N realnews pages (default: all)")
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return

    from svodka.crawl import Archive, Crawler, Politeness, Settings, add_source
    from svodka.ingest import ingest
    from svodka.store import open_store

    pages = pages_of(Path(args.shared), args.pages)
    if not pages:
        sys.exit(f"no realnews pages under {args.shared}")
    warm_up(Path(args.shared))
    command = [sys.executable, __file__, "--serve", "--sites", str(args.sites), "--shared", args.shared]
    if args.pages:
        command += ["--pages", str(args.pages)]
    server = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        bases = json.loads(server.stdout.readline())
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "files"
            folder.mkdir()
            for n, (path, _) in enumerate(pages):          # the same bytes, as files
                (folder / f"{n:05d}.html").write_bytes(path.read_bytes())

            store = open_store(Path(tmp) / "ingest.db")
            started = time.perf_counter()
            plain = ingest([str(folder)], store, progress=False)
            plain_seconds = time.perf_counter() - started
            store.close()

            store = open_store(Path(tmp) / "crawl.db")
            settings = Settings(every=0, per_round=len(pages) + 10, per_source=len(pages) + 10,
                                hosts_at_once=args.sites, politeness=Politeness(delay=0.0))
            crawler = Crawler(store, Archive(Path(tmp) / "archive"), settings=settings)
            for n, base in enumerate(bases):
                add_source(store, base, name=f"s{n}", feeds=[base + "/sitemap-news.xml"])
            started = time.perf_counter()
            report = crawler.round()
            crawl_seconds = time.perf_counter() - started
            crawler.archive.close()
            crawler.fetcher.close()
            archived = sum(p.stat().st_size for p in (Path(tmp) / "archive").glob("*.warc.gz"))
            crawled = len(store)
            store.close()
    finally:
        server.stdin.close()
        server.wait(10)

    plain_rate = plain.documents / plain_seconds
    crawl_rate = report.fetched / crawl_seconds
    ratio = crawl_rate / plain_rate
    lines = [
        f"pages: {len(pages)} realnews pages on {args.sites} loopback sites (politeness delay 0)",
        f"svodka ingest of the files: {plain.documents} documents, {plain.new} new, {plain.rejected} rejected"
        f" in {plain_seconds:.1f} s = {plain_rate:.1f} pages/s",
        f"crawl round (fetch + archive + ingest): {report.fetched} fetched, {report.new} new, {report.rejected} rejected,"
        f" {report.errors} errors in {crawl_seconds:.1f} s = {crawl_rate:.1f} pages/s; archive {archived / 1e6:.1f} MB",
        f"crawl / plain ingest: {ratio:.2f} (goal ≥ 0.8); articles: {crawled} crawled, {plain.new} ingested",
    ]
    print("\n".join(lines))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text("## Crawl vs plain ingest (`benchmarks/bench_crawl.py`)\n\n"
                       + "\n".join(f"- {line}" for line in lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
