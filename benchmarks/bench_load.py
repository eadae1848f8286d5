"""Load on the real server: CLIENTS concurrent clients against `svodka serve` for SECONDS.

    python benchmarks/bench_load.py [--big 20000] [--clients 50] [--seconds 30] [--db PATH] [--no-link]
                                    [--out benchmarks/results/load.md]

The store is bench_store.py's generated one (BIG synthetic articles, built once into a temporary
file and reused while its size matches), linked across articles like bench_serve.py does. Then
`svodka serve` starts as a user starts it (a subprocess: uvicorn, loopback, a free port), and
CLIENTS clients (asyncio + httpx, one keep-alive connection each) request a reader's mix of URLs —
home, search with and without filters, article, dossier, timeline, events, stories, and the JSON
API (search, articles, one article, events, a dossier, stats) — one after the other, for SECONDS.

Every distinct URL is fetched once before the run (a warm-up that also records its status: a
timeline of two actors with no events between them is a 404 by design); during the run, an error
is a connection error, a timeout, any 5xx, or any status other than the URL's warm-up status.
Reported: requests, errors, throughput, and p50/p95/p99/max latency (client side, end to end),
overall and by kind; the markdown section goes to OUT (benchmarks/report.py puts it in RESULTS.md).
The client runs on the same machine as the server and takes its share of the CPU.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

warnings.filterwarnings("ignore")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_serve import link, views  # noqa: E402
from bench_store import NAMES, build_big, make_queries  # noqa: E402

from svodka.store import open_store  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, *, workers: int = 1, timeout: float = 120):
    """`svodka serve --db DB` on a free loopback port, as a user starts it; yields its base URL.
    With ``workers`` > 1: uvicorn with that many worker processes over the same app factory."""
    import httpx

    port = free_port()
    log = tempfile.TemporaryFile()
    if workers > 1:
        command = [sys.executable, "-m", "uvicorn", "--factory", "svodka.serve.app:from_env", "--workers", str(workers),
                   "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    else:
        command = [sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
                            env=dict(os.environ, PYTHONWARNINGS="ignore", SVODKA_DB=str(db)))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"svodka serve exited with {proc.returncode}: {log.read().decode(errors='replace')}")
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"svodka serve did not answer within {timeout:.0f} s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.seek(0)
        tail = log.read().decode(errors="replace").strip()
        log.close()
        if tail and "Traceback" in tail:
            print("svodka serve logged:\n" + tail[-3000:], file=sys.stderr)


def plan(db: Path, count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(kind, URL) requests: bench_serve.py's page views plus the JSON API, interleaved."""
    rng = random.Random(seed)
    pages = views(db, count, seed=seed)
    with open_store(db) as store:
        top = store.run("SELECT max(pk) FROM articles").scalar()
        ids = [store.run("SELECT id FROM articles WHERE pk = :pk", {"pk": rng.randint(1, top)}).scalar()
               for _ in range(count // 4 + 1)]
    queries = make_queries(count)
    api = []
    for i in range(count // 2):
        pick = i % 6
        if pick == 0:
            api.append(("api search", "/api/search?" + urlencode({"q": queries[i][1], "limit": 20})))
        elif pick == 1:
            api.append(("api articles", "/api/articles?" + urlencode({"limit": 20, "offset": rng.randrange(0, 200)})))
        elif pick == 2:
            api.append(("api article", "/api/articles/" + quote(rng.choice(ids), safe="")))
        elif pick == 3:
            api.append(("api events", "/api/events?" + urlencode({"limit": 50, "actor": rng.choice(NAMES)[0]})))
        elif pick == 4:
            api.append(("api dossier", "/api/entities/" + quote(rng.choice(NAMES)[0], safe="")))
        else:
            api.append(("api stats", "/api/stats"))
    mixed = pages + api
    rng.shuffle(mixed)
    return mixed


# A client must drop an idle connection before the server does: uvicorn closes one after 5 s idle,
# and httpx's default (5 s too) let a request go out on a connection the server was closing at that
# moment (a ReadError about once in a 30-s run). Browsers retry such a request; this client does not.
KEEPALIVE = 4.0


def pct(values: list[float], p: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


async def _warm(base: str, urls: list[tuple[str, str]], timeout: float) -> dict[str, int]:
    import httpx

    expected = {}
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        for _, url in dict.fromkeys(urls):
            if url not in expected:
                expected[url] = (await client.get(url)).status_code
    return expected


async def _load(base: str, urls: list[tuple[str, str]], expected: dict[str, int], clients: int, seconds: float,
                timeout: float, keepalive: float = KEEPALIVE) -> dict:
    import httpx

    records: list[tuple[str, float]] = []          # (kind, ms) of good answers
    errors: dict[str, int] = {}
    details: list[str] = []                        # what each connection error was, and when
    started = time.monotonic()
    stop = started + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=keepalive)

    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        async def one_client(n: int) -> None:
            i = n * 7919 % len(urls)                 # each client walks the plan from its own place
            while time.monotonic() < stop:
                kind, url = urls[i]
                i = (i + 1) % len(urls)
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    await r.aread()
                except httpx.HTTPError as err:
                    errors[type(err).__name__] = errors.get(type(err).__name__, 0) + 1
                    details.append(f"{type(err).__name__} {err!r} after {(time.perf_counter() - t0) * 1000:.0f} ms "
                                   f"at {time.monotonic() - started:.1f} s: {url}")
                    continue
                ms = (time.perf_counter() - t0) * 1000
                if r.status_code >= 500 or r.status_code != expected.get(url, 200):
                    key = f"{r.status_code} on {kind}"
                    errors[key] = errors.get(key, 0) + 1
                else:
                    records.append((kind, ms))

        await asyncio.gather(*(one_client(n) for n in range(clients)))
    elapsed = time.monotonic() - started
    return {"records": records, "errors": errors, "details": details, "elapsed": elapsed, "clients": clients,
            "seconds": seconds}


def run(base: str, urls: list[tuple[str, str]], *, clients: int, seconds: float, timeout: float = 60,
        keepalive: float = KEEPALIVE) -> dict:
    """Warm up, then the load; the figures (see the module's docstring)."""
    expected = asyncio.run(_warm(base, urls, timeout))
    server_errors = {u: s for u, s in expected.items() if s >= 500}
    result = asyncio.run(_load(base, urls, expected, clients, seconds, timeout, keepalive))
    for url, status in server_errors.items():
        result["errors"][f"{status} on warm-up {url}"] = 1
    times = sorted(ms for _, ms in result["records"])
    result.update(requests=len(times) + sum(result["errors"].values()), ok=len(times),
                  error_count=sum(result["errors"].values()),
                  throughput=len(times) / result["elapsed"] if result["elapsed"] else 0.0,
                  p50=pct(times, 50), p95=pct(times, 95), p99=pct(times, 99), max=times[-1] if times else float("nan"),
                  statuses={s: sum(1 for v in expected.values() if v == s) for s in set(expected.values())})
    by_kind: dict[str, list[float]] = {}
    for kind, ms in result["records"]:
        by_kind.setdefault(kind, []).append(ms)
    result["by_kind"] = {k: sorted(v) for k, v in sorted(by_kind.items())}
    return result


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(x.split(":", 1)[1].strip() for x in Path("/proc/cpuinfo").read_text().splitlines()
                   if x.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        kib = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        memory = f"{kib / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown memory"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = "load average %.2f %.2f %.2f at the start" % os.getloadavg()
    except OSError:
        load = ""
    return f"{cpu}, {cores} core(s), {memory}; {load}"


def markdown(result: dict, *, command: str, articles: int, at_start: str, workers: int = 1) -> str:
    from svodka.serve.app import THREADS

    threads = os.environ.get("SVODKA_THREADS") or THREADS
    server = ("`svodka serve` (one uvicorn process" if workers == 1 else
              f"uvicorn with {workers} worker processes over `svodka.serve.app:from_env` (what `svodka serve` runs")
    lines = [
        "## Load: concurrent clients against `svodka serve`", "",
        f"`{command}` — {result['clients']} clients (asyncio + httpx, one keep-alive connection each) for "
        f"{result['seconds']:.0f} s against {server}, loopback) over the generated store "
        f"of {articles:,} linked articles, at most {threads} requests handled at once (`SVODKA_THREADS`); the clients "
        f"run on the same machine. Machine: {at_start}.", "",
        "| clients | seconds | requests | errors | throughput | p50 | p95 | p99 | max |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result['clients']} | {result['elapsed']:.1f} | {result['requests']:,} | {result['error_count']} | "
        f"{result['throughput']:.0f}/s | {result['p50']:.0f} ms | {result['p95']:.0f} ms | {result['p99']:.0f} ms | "
        f"{result['max']:.0f} ms |", "",
        "By kind (latency under the full load):", "",
        "| kind | requests | p50 | p95 | p99 |", "|---|---:|---:|---:|---:|",
    ]
    for kind, ts in result["by_kind"].items():
        lines.append(f"| {kind} | {len(ts):,} | {pct(ts, 50):.0f} ms | {pct(ts, 95):.0f} ms | {pct(ts, 99):.0f} ms |")
    if result["errors"]:
        lines += ["", "Errors: " + ", ".join(f"{k}: {v}" for k, v in sorted(result["errors"].items())), "",
                  *(f"- {d}" for d in result.get("details", [])[:10])]
    lines += ["", f"The clients never pause, so the latency is mostly waiting in line: {result['clients']} requests in "
                  f"flight at {result['throughput']:.0f}/s make about {1000 * result['clients'] / max(result['throughput'], 1):.0f} "
                  "ms each (Little's law); one server process does the Python work on one core at a time. The clients drop "
                  f"an idle connection after {KEEPALIVE:.0f} s, before the server's 5 s keep-alive ends it."]
    answers = ", ".join(f"{n} answer {s}" for s, n in sorted(result["statuses"].items()))
    lines += ["", "An error is a connection error, a timeout, a 5xx, or a status other than the URL's own in a "
                  f"warm-up pass (a timeline of two actors with no events between them would be a 404 by design; "
                  f"of the {sum(result['statuses'].values())} distinct URLs, {answers})."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", type=int, default=20_000, help="articles in the generated store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--urls", type=int, default=1200, help="distinct requests in the mix")
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "svodka-bench-load.db"),
                        help="where the store is built (and reused)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (above 1: uvicorn --workers over svodka.serve.app:from_env)")
    parser.add_argument("--no-link", action="store_true", help="do not link the store across articles")
    parser.add_argument("--out", default=str(HERE / "results" / "load.md"), help="the markdown section written")
    args = parser.parse_args()
    path = Path(args.db)
    build_big(path, args.big)
    if not args.no_link:
        link(path)
    urls = plan(path, args.urls)
    at_start = machine()
    with serve(path, workers=args.workers) as base:
        result = run(base, urls, clients=args.clients, seconds=args.seconds)
    print(f"load: {result['clients']} clients, {result['elapsed']:.1f} s: {result['requests']} requests, "
          f"{result['error_count']} errors, {result['throughput']:.0f}/s; p50 {result['p50']:.0f} ms, "
          f"p95 {result['p95']:.0f} ms, p99 {result['p99']:.0f} ms, max {result['max']:.0f} ms")
    for kind, ts in result["by_kind"].items():
        print(f"    {kind:18s} n={len(ts):5d}  p50 {pct(ts, 50):7.0f} ms  p95 {pct(ts, 95):7.0f} ms")
    if result["errors"]:
        print("    errors:", result["errors"], *result["details"][:10], sep="\n    ")
    command = "python benchmarks/bench_load.py " + " ".join(sys.argv[1:])
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(result, command=command.strip(), articles=args.big, at_start=at_start,
                                   workers=args.workers), encoding="utf-8")
    print(f"written {out}")
    sys.exit(1 if result["error_count"] else 0)


if __name__ == "__main__":
    main()
