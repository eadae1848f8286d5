"""Fuzz: generated nasty inputs through read → pipeline (layout, language layer, events) → a
real SQLite store, counting crashes.

    python benchmarks/fuzz.py [--count 10000] [--seed 1] [--chunk 25] [--keep DIR] [--out FILE]

Inputs (seeded, reproducible; each a file whose name picks the reader like a user's would):
random bytes, NUL runs, demo pages truncated / with flipped bytes / inserted NULs / in other or
mixed encodings / with a wrong declared charset / with a giant line / with random Unicode
(emoji, RTL marks, combining marks, lone surrogates escaped), tag soup, deeply nested HTML,
non-Russian pages, broken JSONL, gzip (good, truncated, a small bomb), WARC archives with
truncated, garbled or over-long records and garbage between them, empty and blank files, now
and then a page over the size caps.

A crash is: an exception escaping ``svodka.ingest``, one document's analysis running
past the time limit by more than ``GRACE_SECONDS`` (the limit failed), or a document the reader
yields that ends up neither stored nor recorded as rejected. Prints a summary and writes a
markdown section to benchmarks/results/fuzz.md (``--out``).
"""
from __future__ import annotations

import argparse
import faulthandler
import gzip
import io
import json
import random
import resource
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from svodka.pipeline import Pipeline  # noqa: E402
from svodka.read import read_paths  # noqa: E402
from svodka.ingest import ingest  # noqa: E402
from svodka.store import open_store  # noqa: E402

DEMO = ROOT / "demo"
GRACE_SECONDS = 5.0
TIME_LIMIT = 30.0

TAGS = ["div", "p", "span", "a", "b", "i", "table", "tr", "td", "ul", "li", "h1", "h2", "script",
        "style", "article", "section", "br", "img", "figure", "figcaption", "iframe", "svg", "math",
        "noscript", "template", "select", "option", "textarea", "title", "head", "body", "html"]
WORDS = ("Путин Алиев встретился в Москве президент Азербайджана заявил что переговоры прошли "
         "успешно МИД России сообщил вторник 24 декабря 2025 года « » — Баку Кремль").split()
FOREIGN = [
    "The quick brown fox jumps over the lazy dog. Officials said on Tuesday that talks went well.",
    "这是一个关于天气的新闻报道。官员周二表示，会谈进展顺利。",
    "قال مسؤولون يوم الثلاثاء إن المحادثات سارت بشكل جيد.",
    "Офіційні особи заявили у вівторок, що переговори пройшли успішно. Їхня позиція є відомою.",
    "Die Gespräche verliefen gut, sagten Beamte am Dienstag in Berlin. Über Straße, Grüße.",
]
ODD_CHARS = ["\u200f", "\u202e", "\u0301", "\ufeff", "\u00ad", "\u2028", "\U0001f600", "\ufffd",
             "\\ud800", "\x0b", "\x1b", "\u3000", "&#0;", "&#xD800;", "&nbsp;", "<!--", "]]>"]


def demo_pages() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of the demo corpus's text and HTML pages."""
    pages = []
    for path in sorted(DEMO.rglob("*")):
        if path.suffix in (".txt", ".html"):
            pages.append((path.suffix, path.read_bytes()))
    return pages


class Generator:
    """Nasty inputs, one (file name, bytes) at a time, reproducible from the seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pages = demo_pages()
        self.kinds = [  # (weight, maker)
            (6, self.random_bytes), (2, self.nul_bytes), (10, self.truncated), (10, self.flipped),
            (5, self.nuls_inserted), (8, self.tag_soup), (4, self.nested), (8, self.reencoded),
            (4, self.mixed_encodings), (4, self.wrong_charset), (3, self.huge_line),
            (6, self.odd_unicode), (4, self.foreign), (6, self.jsonl), (4, self.gzipped),
            (6, self.warc), (3, self.empty), (1, self.oversized), (6, self.good_page),
        ]
        self.weights = [w for w, _ in self.kinds]

    def __iter__(self):
        return self

    def __next__(self) -> tuple[str, str, bytes]:
        maker = self.rng.choices([m for _, m in self.kinds], self.weights)[0]
        suffix, data = maker()
        return maker.__name__, suffix, data

    # --- helpers ------------------------------------------------------------------------
    def page(self) -> tuple[str, bytes]:
        return self.rng.choice(self.pages)

    def text(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words))

    def suffix(self, default: str) -> str:
        return self.rng.choice([default, default, "", ".txt", ".html"])

    # --- makers: each returns (file suffix, bytes) ------------------------------------------
    def random_bytes(self):
        return self.suffix(".bin"), self.rng.randbytes(self.rng.choice([1, 7, 100, 4096, 60_000]))

    def nul_bytes(self):
        return self.suffix(".txt"), b"\x00" * self.rng.choice([1, 100, 10_000])

    def truncated(self):
        suffix, data = self.page()
        return suffix, data[: self.rng.randrange(len(data))]

    def flipped(self):
        suffix, data = self.page()
        data = bytearray(data)
        for _ in range(self.rng.choice([1, 5, 50, 500])):
            data[self.rng.randrange(len(data))] = self.rng.randrange(256)
        return self.suffix(suffix), bytes(data)

    def nuls_inserted(self):
        suffix, data = self.page()
        for _ in range(self.rng.choice([1, 10, 100])):
            at = self.rng.randrange(len(data))
            data = data[:at] + b"\x00" * self.rng.choice([1, 3]) + data[at:]
        return suffix, data

    def tag_soup(self):
        parts = []
        for _ in range(self.rng.randrange(10, 2000)):
            roll = self.rng.random()
            tag = self.rng.choice(TAGS)
            if roll < 0.35:
                parts.append(f"<{tag}{self.rng.choice(['', ' class=x', ' style=display:none', ' href', ' <'])}>")
            elif roll < 0.6:
                parts.append(f"</{tag}>")
            elif roll < 0.65:
                parts.append(self.rng.choice(["<", ">", "&", "&amp", "<!", "<!--", "-->", "<?", '"', "'"]))
            else:
                parts.append(self.text(self.rng.randrange(1, 30)))
        return ".html", "".join(parts).encode("utf-8")

    def nested(self):
        depth = self.rng.choice([300, 3000, 30_000, 100_000])
        tag = self.rng.choice(["div", "b", "span", "table", "li", "blockquote"])
        close = "" if self.rng.random() < 0.3 else f"</{tag}>" * depth
        html = (f"<html><body><h1>{self.text(6)}</h1><p>{self.text(40)}.</p>" + f"<{tag}>" * depth
                + self.text(40) + close + "</body></html>")
        return ".html", html.encode()

    def reencoded(self):
        suffix, data = self.page()
        text = data.decode("utf-8", "replace")
        codec = self.rng.choice(["cp1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic",
                                 "utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
        return suffix, text.encode(codec, "replace")

    def mixed_encodings(self):
        suffix, data = self.page()
        text = data.decode("utf-8", "replace")
        cut = self.rng.randrange(len(text))
        first, second = self.rng.sample(["utf-8", "cp1251", "koi8-r", "utf-16-le"], 2)
        return suffix, text[:cut].encode(first, "replace") + text[cut:].encode(second, "replace")

    def wrong_charset(self):
        body = self.text(200)
        declared = self.rng.choice(["windows-1251", "koi8-r", "utf-8", "iso-8859-1", "x-nonsense",
                                    "utf-16", "shift_jis"])
        actual = self.rng.choice(["utf-8", "cp1251", "koi8-r"])
        html = f'<html><head><meta charset="{declared}"></head><body><h1>{self.text(5)}</h1><p>{body}</p></body></html>'
        return ".html", html.encode(actual, "replace")

    def huge_line(self):
        suffix, data = self.page()
        line = self.text(self.rng.choice([2_000, 20_000, 60_000]))
        if self.rng.random() < 0.5:
            line = line.replace(" ", "")                  # one word of hundreds of KB
        at = self.rng.randrange(len(data))
        at = data.rfind(b"\n", 0, at) + 1
        return suffix, data[:at] + line.encode() + b"\n" + data[at:]

    def odd_unicode(self):
        suffix, data = self.page()
        text = data.decode("utf-8", "replace")
        for _ in range(self.rng.choice([3, 30, 300])):
            at = self.rng.randrange(len(text) + 1)
            text = text[:at] + self.rng.choice(ODD_CHARS) + text[at:]
        return suffix, text.encode("utf-8", "surrogatepass")

    def foreign(self):
        text = " ".join(self.rng.choice(FOREIGN) for _ in range(self.rng.randrange(1, 30)))
        if self.rng.random() < 0.5:
            return ".html", f"<html><body><h1>{text[:60]}</h1><p>{text}</p></body></html>".encode()
        return ".txt", (text[:60] + "\n" + text + "\n").encode()

    def jsonl(self):
        lines = []
        for _ in range(self.rng.randrange(1, 6)):
            roll = self.rng.random()
            _, page = self.page()
            if roll < 0.3:
                lines.append(json.dumps({"text": page.decode("utf-8", "replace")[: self.rng.randrange(1, 4000)],
                                         "url": self.rng.choice([None, "https://example.ru/a", 5, "::"]),
                                         "date": self.rng.choice([None, "2025-13-45", "вчера", 20250101, "2025-01-02"])},
                                        ensure_ascii=self.rng.random() < 0.5))
            elif roll < 0.45:
                lines.append(json.dumps({"html": page.decode("utf-8", "replace"), "id": [1, 2]}))
            elif roll < 0.6:
                lines.append(json.dumps([[[[["deep"]]]]]) if self.rng.random() < 0.5 else "[" * 100_000)
            elif roll < 0.75:
                lines.append('{"text": "' + self.text(20))            # cut
            elif roll < 0.85:
                lines.append(json.dumps({"text": self.rng.choice(["", " ", None, 1.5, {"a": 1}])}))
            else:
                lines.append(self.rng.randbytes(200).decode("latin-1"))
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        if self.rng.random() < 0.3:
            return ".jsonl.gz", gzip.compress(data)
        return ".jsonl", data

    def gzipped(self):
        suffix, data = self.page()
        roll = self.rng.random()
        if roll < 0.2:   # a small bomb: 60 KB that unpack past the cap
            return suffix + ".gz", gzip_bomb()
        packed = gzip.compress(data)
        if roll < 0.6:
            packed = packed[: self.rng.randrange(len(packed))]
        elif roll < 0.8:
            packed = packed[:10] + self.rng.randbytes(len(packed) - 10)
        return self.rng.choice([suffix + ".gz", ".gz", ""]), packed

    def warc(self):
        from warcio.statusandheaders import StatusAndHeaders
        from warcio.warcwriter import WARCWriter

        compress = self.rng.random() < 0.5
        out = io.BytesIO()
        writer = WARCWriter(out, gzip=compress)
        offsets = []
        for _ in range(self.rng.randrange(1, 5)):
            suffix, page = self.page()
            ctype = self.rng.choice(["text/html; charset=utf-8", "text/plain", "image/png",
                                     "text/html; charset=koi8-r", "", "text/html; charset=nonsense"])
            status = self.rng.choice(["200 OK", "200 OK", "404 Not Found", "abc"])
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record("https://example.ru/" + str(self.rng.randrange(1000)),
                                               "response", payload=io.BytesIO(page), http_headers=http)
            writer.write_record(record)
            offsets.append(out.tell())
        data = out.getvalue()
        roll = self.rng.random()
        if roll < 0.25:
            data = data[: self.rng.randrange(len(data))]                          # truncated
        elif roll < 0.45:
            at = self.rng.choice(offsets[:-1] or [0])
            data = data[:at] + self.rng.randbytes(self.rng.randrange(1, 500)) + data[at:]   # garbage between
        elif roll < 0.6 and not compress:
            data = data.replace(b"Content-Length: ", b"Content-Length: 9", 1)    # wrong length
        elif roll < 0.75:
            data = bytearray(data)
            for _ in range(self.rng.choice([1, 20])):
                data[self.rng.randrange(len(data))] = self.rng.randrange(256)
            data = bytes(data)
        elif roll < 0.8:
            data = self.page()[1]                                                 # not a WARC at all
        return (".warc.gz" if compress else ".warc"), data

    def empty(self):
        return self.suffix(".txt"), self.rng.choice([b"", b" ", b"\n\n\t ", b"\xef\xbb\xbf", b"date 2025-01-01"])

    def oversized(self):
        if self.rng.random() < 0.5:   # over the page cap of the pipeline, under the reader's
            return ".txt", ("Заголовок\n" + "слово " * 1_000_000).encode()
        return ".txt", b"a" * (51 * 1024 * 1024)

    def good_page(self):
        return self.page()


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """60 MiB of zeros, gzipped (made once: compressing takes a while)."""
    if not _BOMB:
        _BOMB.append(gzip.compress(b"\x00" * (60 * 1024 * 1024), 9))
    return _BOMB[0]


def is_accounted(store, item) -> bool:
    """The reader's item is in the store: stored (or its bytes known) under its source, or rejected."""
    if item.sha256:
        return store.has_source(item.sha256, item.source)
    return store.is_rejected(item.source)


class TimedPipeline(Pipeline):
    """The real pipeline, noting how long each document took."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.seconds: list[tuple[float, str]] = []

    def analyze(self, raw, template=frozenset()):
        started = time.perf_counter()
        try:
            return super().analyze(raw, template)
        finally:
            self.seconds.append((time.perf_counter() - started, raw.source))


def run(count: int, seed: int, folder: Path, *, chunk: int = 25, time_limit: float = TIME_LIMIT,
        nlp: bool = True, log=print) -> dict:
    """Generate ``count`` inputs into ``folder``, ingest them ``chunk`` files at a time into
    ``folder/fuzz.db``, and check every one; returns the figures. ``nlp=False`` skips the
    language layer and the events (a quick run of the readers, the layout and the store)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "fuzz.db")
    pipeline = TimedPipeline(time_limit=time_limit, nlp=nlp)
    generator = Generator(seed)
    kinds: Counter = Counter()
    reasons: Counter = Counter()
    crashes: list[str] = []
    started = time.perf_counter()
    made = 0
    try:
        while made < count:
            paths = []
            for _ in range(min(chunk, count - made)):
                kind, suffix, data = next(generator)
                path = folder / f"{made:05d}-{kind}{suffix}"
                path.write_bytes(data)
                paths.append(str(path))
                kinds[kind] += 1
                made += 1
            # a stuck chunk shows where it hangs instead of waiting silently
            faulthandler.dump_traceback_later(time_limit * (chunk + 4), exit=False)
            try:
                ingest(paths, store, pipeline=pipeline, progress=False)
            except Exception:
                crashes.append(f"ingest of {paths[0]}..{paths[-1]} raised:\n{traceback.format_exc()}")
            finally:
                faulthandler.cancel_dump_traceback_later()
            for path in paths:
                for item in read_paths([path]):
                    if not is_accounted(store, item):
                        crashes.append(f"{item.source}: neither stored nor rejected")
                Path(path).unlink()
            if made % 500 < chunk:
                log(f"fuzz: {made}/{count} inputs, {len(crashes)} crash(es), "
                    f"{time.perf_counter() - started:.0f} s")
        for reason in (r.reason for r in store.rejected()):
            reasons[_reason_kind(reason)] += 1
        articles = len(store)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    slowest = max(pipeline.seconds, default=(0.0, ""))
    for spent, source in pipeline.seconds:
        if spent > time_limit + GRACE_SECONDS:
            crashes.append(f"{source}: analysis ran {spent:.1f} s, past the {time_limit:g} s limit")
    return {"count": count, "seed": seed, "crashes": crashes, "seconds": seconds, "kinds": kinds,
            "reasons": reasons, "articles": articles, "rejected": sum(reasons.values()),
            "slowest": slowest, "timings": pipeline.seconds, "time_limit": time_limit,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _reason_kind(reason: str) -> str:
    """A reason without its numbers, for the histogram."""
    return "".join("N" if ch.isdigit() else ch for ch in reason).split(": N")[0][:70]


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")      # 10 000: a thin space between thousands


def markdown(figures: dict) -> str:
    lines = [
        "## Fuzz: bad input", "",
        f"`python benchmarks/fuzz.py --count {figures['count']} --seed {figures['seed']}`: "
        f"{_n(figures['count'])} generated inputs through read → pipeline (layout, language layer, "
        f"events) → a SQLite store, in {figures['seconds']:.0f} s: "
        f"**{len(figures['crashes'])} crashes**; {_n(figures['articles'])} articles stored, "
        f"{_n(figures['rejected'])} rejected rows; slowest document {figures['slowest'][0]:.1f} s "
        f"(limit {figures['time_limit']:g} s); peak RSS {figures['max_rss_mb']:.0f} MB.", "",
        "| input kind | count |", "|---|---|",
        *[f"| {k} | {n} |" for k, n in sorted(figures["kinds"].items())], "",
        "| most frequent rejection reasons | count |", "|---|---|",
        *[f"| {r} | {n} |" for r, n in figures["reasons"].most_common(12)], "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=25, help="files per ingest call")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT)
    parser.add_argument("--keep", help="folder for the inputs and the store (default: a temporary one)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fuzz.md"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="svodka-fuzz-") as tmp:
        figures = run(args.count, args.seed, Path(args.keep or tmp), chunk=args.chunk,
                      time_limit=args.time_limit, log=lambda m: print(m, file=sys.stderr, flush=True))
    for spent, source in sorted(figures["timings"], reverse=True)[:5]:
        print(f"slow: {spent:.1f} s {source}", file=sys.stderr)
    for crash in figures["crashes"]:
        print("CRASH", crash, file=sys.stderr)
    text = markdown(figures)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    return 1 if figures["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
