"""Bad input end to end: nasty documents made here (nothing binary is committed) go through the
real `svodka ingest` — the Python API and the CLI — into a real SQLite store. Each one becomes an
article or a rejected row with a reason a person understands; its good neighbours are all stored;
the input bytes are kept for everything the reader could decode; a second run adds nothing; no
document runs past its time limit; memory stays bounded.
"""
from __future__ import annotations

import gzip
import importlib.util
import io
import json
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dbfile import database
from svodka.model import Article, Rejected
from svodka.pipeline import Pipeline
from svodka.read import read_bytes, read_paths
from svodka.ingest import ingest
from svodka.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
SVODKA = Path(sys.executable).with_name("svodka")
GOOD = [DEMO / "text" / "perekrestok" / "2025-04-03-putin-aliev-telefon.txt",
        DEMO / "text" / "uralsky-kurier" / "2025-02-15-volki-overtime.txt",
        DEMO / "html" / "yug-telegraf" / "2025-04-10-aliev-otkryl-vystavku.html",
        DEMO / "html" / "daily-obzor" / "2025-11-05-novogodnie-traty-vyrastut.html"]
STORY = ("Жители посёлка Малые Ёлки впервые собрали рекордный урожай тыкв. По словам главы "
         "сельсовета, самая крупная тыква весила почти сто килограммов.")


def html(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{head}<title>Урожай</title></head><body>"
            f"<h1>Рекордный урожай тыкв в Малых Ёлках</h1>{body}</body></html>")


def nasty_files() -> dict[str, bytes]:
    """File name → bytes, one per kind of bad input."""
    rng = random.Random(8)
    page = html(f"<p>{STORY}</p>" * 3)
    return {
        "random.bin": rng.randbytes(20_000),
        "nul.txt": b"\x00" * 5000,
        "nul-inside.txt": STORY.encode()[:40] + b"\x00" * 400 + STORY.encode()[40:],
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n ",
        "truncated.html": page.encode()[: len(page.encode()) // 3],
        "garbage.html": ("<div><p><table><td><span>" * 400 + "<<>>&&;;</b></i></div>" * 300).encode(),
        "nested.html": (html(f"<p>{STORY}</p>" + "<div>" * 100_000 + "глубоко внутри" + "</div>" * 100_000)).encode(),
        "nested-only.html": ("<html><body>" + "<b>" * 100_000 + STORY).encode(),
        "mixed-encodings.txt": STORY.encode("utf-8") + "\n".encode() + STORY.encode("cp1251"),
        "wrong-charset.html": html(f"<p>{STORY}</p>", '<meta charset="utf-8">').encode("koi8-r"),
        "english.html": html("<p>" + "Officials said on Tuesday that the talks went well. " * 20 + "</p>").encode(),
        "chinese.txt": ("新闻标题\n" + "官员周二表示，会谈进展顺利。" * 40).encode(),
        "bomb.txt.gz": gzip.compress(b"\x00" * (60 * 1024 * 1024), 9),
        "cut.txt.gz": gzip.compress(STORY.encode() * 20)[:-30],
        "broken.jsonl": b'{"text": "\xd0\xbe\xd0\xb1\xd1\x80\xd1\x8b\xd0\xb2\n[1, 2]\n{"html": 5}\n' + b"[" * 50_000 + b"\n",
    }


# What each nasty file becomes: an article, or a rejection whose reason starts so.
EXPECTED = {
    "random.bin": "binary data, not text",
    "nul.txt": "binary data, not text",
    "nul-inside.txt": "binary data, not text",
    "empty.txt": "empty file",
    "blank.txt": "empty document",
    "truncated.html": Article,
    "garbage.html": "no article text found on the page",
    "nested.html": Article,
    "nested-only.html": "no article text found on the page",
    "mixed-encodings.txt": Article,
    "wrong-charset.html": Article,
    "english.html": Article,
    "chinese.txt": "no article text found on the page",     # the layout looks for prose lines
    "bomb.txt.gz": "decompressed size over limit",
    "cut.txt.gz": "gzip data truncated",
    "broken.jsonl": "invalid JSON on line 1",
}


def make_folder(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for path in GOOD:
        shutil.copy(path, folder / path.name)
    return folder


def outcomes(store) -> dict[str, object]:
    """Source → Article (stored under it) or the rejection reason."""
    found: dict[str, object] = {r.source: r.reason for r in store.rejected()}
    with database(store) as db:
        for (source,) in db.rows(     # every source an article's bytes were found under
                "SELECT s.source FROM sources s JOIN articles a ON a.sha256 = s.sha256"):
            found[source] = Article
    return found


def test_mixed_folder_of_good_and_nasty_documents(tmp_path):
    folder = make_folder(tmp_path / "in", nasty_files())
    db = tmp_path / "kb.db"
    report = ingest([str(folder)], db, progress=False)
    store = open_store(db)
    try:
        found = outcomes(store)
        for path in GOOD:                                   # a nasty input never costs a neighbour
            assert found.get(str(folder / path.name)) is Article, path.name
        for name, expected in EXPECTED.items():
            source = str(folder / name)
            got = found.get(source) or next((r for s, r in found.items() if s.startswith(source + "#")), None)
            if expected is Article:
                assert got is Article, (name, got)
            else:
                assert isinstance(got, str) and got.startswith(expected), (name, got)
        # the nested page keeps the text before the nesting; the language check sees English
        nested = store.article(_article_id(store, folder / "nested.html"))
        assert "Малые Ёлки" in nested.reader_text() or "Малых Ёлках" in nested.reader_text()
        assert store.article(_article_id(store, folder / "english.html")).language == "en"
        # every document the reader decoded keeps its exact bytes
        for item in read_paths([str(folder)]):
            if not isinstance(item, Rejected):
                assert store.raw(item.sha256) == item.data, item.source
        assert report.rejected == sum(1 for v in found.values() if v is not Article)
        rows = store.counts()
    finally:
        store.close()
    again = ingest([str(folder)], db, progress=False)           # the re-run adds nothing
    assert (again.new, again.rejected) == (0, 0) and again.skipped == report.documents
    store = open_store(db)
    try:
        assert store.counts() == rows
    finally:
        store.close()


def _article_id(store, source: Path) -> str:
    with database(store) as db:
        return db.value("SELECT id FROM articles WHERE source = :source", source=str(source))


# --- WARC with broken records ------------------------------------------------------------

def warc_bytes(pages: list[bytes], compress: bool) -> tuple[bytes, list[int]]:
    """A WARC of HTML responses; also the offset where each record ends."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    ends = []
    for n, body in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.ru/news/{n}", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
        ends.append(out.tell())
    return out.getvalue(), ends


def test_warc_files_with_broken_records(tmp_path):
    pages = [html(f"<p>{STORY} Новость номер {n}.</p>" * 2).encode() for n in range(3)]
    good, good_ends = warc_bytes(pages, compress=True)
    plain, ends = warc_bytes(pages, compress=False)
    folder = tmp_path / "crawl"
    folder.mkdir()
    files = {
        "good.warc.gz": good,
        "truncated.warc": plain[: ends[1] + 200],                                     # inside record 3
        "garbage-between.warc": plain[: ends[0]] + b"\x00\xff garbage \x13" * 20 + plain[ends[0]:],
        "garbage-between.warc.gz": good[: good_ends[1]] + b"\x1f\x8b garbage" * 20 + good[good_ends[1]:],
        "wrong-length.warc": plain.replace(b"Content-Length: ", b"Content-Length: 9", 1),
        "html-named.warc.gz": pages[0],                                                # not a WARC
        "random-named.warc.gz": random.Random(3).randbytes(3000),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    shutil.copy(GOOD[0], folder / "z-good.txt")
    db = tmp_path / "kb.db"
    ingest([str(folder)], db, progress=False)
    store = open_store(db)
    try:
        found = outcomes(store)
    finally:
        store.close()

    def under(name):
        """What the archive's records became: "article" or the reason, sorted."""
        return sorted("article" if v is Article else v for s, v in found.items()
                      if s.startswith(str(folder / name) + "#"))

    assert under("good.warc.gz") == ["article"] * 3
    assert under("truncated.warc") == ["WARC record truncated", "article", "article"]
    # past the garbage, the reading goes on at the next record
    assert under("garbage-between.warc") == ["article", "article", "article", "broken WARC record"]
    assert under("garbage-between.warc.gz") == ["article", "article", "article", "broken WARC record"]
    assert under("wrong-length.warc") == ["WARC record truncated"]
    assert under("html-named.warc.gz") == ["not a WARC file"]
    assert under("random-named.warc.gz") == ["not a WARC file"]
    assert found[str(folder / "z-good.txt")] is Article


# --- time limit --------------------------------------------------------------------------

def _models_loaded() -> None:
    """Load the language models first: their loading would otherwise count against the limit."""
    Pipeline().load()


class SlowLanguageLayer(Pipeline):
    """The real pipeline, with a language layer that takes a minute on pages titled "…медленно…"."""

    def _annotate(self, article):
        if "медленно" in (article.title or "").lower():
            until = time.monotonic() + 60
            while time.monotonic() < until:
                time.sleep(0.01)
        super()._annotate(article)


def test_time_limit_rejects_the_slow_document_only(tmp_path):
    _models_loaded()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-slow.txt").write_text("Очень медленно растут тыквы\n\n" + STORY + "\n", encoding="utf-8")
    shutil.copy(GOOD[0], folder / "b-good.txt")
    started = time.monotonic()
    ingest([str(folder)], tmp_path / "kb.db", pipeline=SlowLanguageLayer(time_limit=1), progress=False)
    assert time.monotonic() - started < 30
    store = open_store(tmp_path / "kb.db")
    try:
        found = outcomes(store)
        assert found[str(folder / "a-slow.txt")] == "analysis took longer than 1 s (the per-document time limit)"
        assert found[str(folder / "b-good.txt")] is Article
        sha = read_bytes((folder / "a-slow.txt").read_bytes(), "x").sha256
        assert store.raw(sha) == (folder / "a-slow.txt").read_bytes()
    finally:
        store.close()


def test_time_limit_works_off_the_main_thread():
    """Dask runs tasks in worker threads, where SIGALRM cannot reach."""
    _models_loaded()
    slow = read_bytes(("Очень медленно растут тыквы\n\n" + STORY + "\n").encode(), "slow")
    good = read_bytes(GOOD[0].read_bytes(), "good")
    results: list = []
    worker = threading.Thread(target=lambda: results.extend(SlowLanguageLayer(time_limit=2).pipe([slow, good])))
    started = time.monotonic()
    worker.start()
    worker.join(30)
    assert not worker.is_alive() and time.monotonic() - started < 30
    assert [type(r) for r in results] == [Rejected, Article]
    assert results[0].reason.startswith("analysis took longer than 2 s")


def test_time_limit_on_a_real_pathological_page():
    """One run-together paragraph of 136 000 characters (about half a second of work, models
    loaded): the real pipeline is stopped at a tenth of a second."""
    _models_loaded()
    words = "Президент встретился с министром и обсудил сотрудничество регионов "
    raw = read_bytes(("Заголовок\n" + words * 2000 + "\n").encode(), "long")     # under the annotation cap
    started = time.monotonic()
    result = Pipeline(time_limit=0.1).analyze(raw)
    assert time.monotonic() - started < 5
    assert isinstance(result, Rejected) and result.reason.startswith("analysis took longer than 0.1 s")


# --- size limits and memory ----------------------------------------------------------------

def peak_rss(command: list[str]) -> tuple[subprocess.CompletedProcess, int]:
    """Run ``command``; its peak RSS in KiB. Measured from a small wrapper process: Linux carries
    a process's peak over fork and exec, so the command must not be forked from pytest itself."""
    probe = ("import json, resource, subprocess, sys; "
             "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(json.dumps([done.returncode, done.stdout, done.stderr, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=300)
    code, stdout, stderr, maxrss_kb = json.loads(out.stdout)
    return subprocess.CompletedProcess(command, code, stdout, stderr), maxrss_kb


def test_50mb_text_through_the_cli_stays_small(tmp_path):
    """A 50 MB cp1251 text dump: rejected as too long to analyse, its bytes kept, the good page
    beside it stored, peak memory of the CLI process under 1 GiB."""
    big = tmp_path / "big.txt"
    line = ("Жители посёлка Малые Ёлки собрали рекордный урожай тыкв. " * 20 + "\n").encode("cp1251")
    big.write_bytes(line * (50_000_000 // len(line)))
    good = tmp_path / "good.txt"
    shutil.copy(GOOD[0], good)
    db = tmp_path / "kb.db"
    done, maxrss_kb = peak_rss([str(SVODKA), "ingest", str(big), str(good), "--db", str(db)])
    assert done.returncode == 0, done.stderr
    assert maxrss_kb < 1024 * 1024, f"peak RSS {maxrss_kb // 1024} MB"
    store = open_store(db)
    try:
        found = outcomes(store)
        assert found[str(big)].startswith("page too long to analyse: ")
        assert found[str(big)].endswith("characters of text (limit 5 000 000)")
        assert found[str(good)] is Article
        with database(store) as db:
            sha = db.value("SELECT sha256 FROM rejected WHERE source = :source", source=str(big))
        assert store.raw(sha) == big.read_bytes()
    finally:
        store.close()


def test_gzip_bomb_is_capped_in_memory(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", 9) as packed:        # 200 MiB that pack into 200 KB
        packed.write(b"<p>")
        for _ in range(200):
            packed.write(b"a" * (1 << 20))
    probe = "import sys; from svodka.read import read_paths; print(next(read_paths([sys.argv[1]])).reason)"
    done, maxrss_kb = peak_rss([sys.executable, "-c", probe, str(bomb)])
    assert done.stdout.strip() == "decompressed size over limit", done.stderr
    assert maxrss_kb < 300 * 1024, f"peak RSS {maxrss_kb // 1024} MB"


# --- the fuzz generator, briefly -------------------------------------------------------------

def test_fuzz_generator_finds_no_crash(tmp_path):
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "benchmarks" / "fuzz.py")
    fuzz = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fuzz)
    # the readers, the layout and the store here; benchmarks/fuzz.py runs 10 000 with the language layer
    figures = fuzz.run(200, 11, tmp_path / "fuzz", chunk=50, nlp=False, log=lambda _: None)
    assert figures["crashes"] == []
    assert figures["articles"] > 0 and figures["rejected"] > 0


def test_bytes_the_reader_rejects_are_kept(tmp_path):
    """Binary data and broken JSONL lines are rejected, and their exact bytes are still kept."""
    folder = tmp_path / "in"
    folder.mkdir()
    garbage = bytes(range(256)) * 10
    (folder / "bin.txt").write_bytes(garbage)
    (folder / "lines.jsonl").write_bytes(b'{"text": "broken\n')
    db = tmp_path / "kept.db"
    ingest([str(folder)], db, progress=False)
    with open_store(db) as store:
        rejected = {r.source.rsplit("/", 1)[-1]: r for r in store.rejected()}
        assert rejected["bin.txt"].reason.startswith("binary data")
        assert store.raw(rejected["bin.txt"].sha256) == garbage
        assert store.raw(rejected["lines.jsonl#L1"].sha256) == b'{"text": "broken'


def test_time_limit_survives_many_overruns():
    """Overtime landing at any bytecode (also inside the limit's own cleanup) never leaves the
    watchdog stuck: after hundreds of tiny limits, a normal one still fires and a quick block
    still passes."""
    import time

    from svodka.timelimit import Overtime, time_limit

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            pass

    for i in range(300):
        try:
            with time_limit(0.0001 * (i % 7 + 1)):
                spin(0.0003 * (i % 5))
        except Overtime:
            pass
    started = time.perf_counter()
    try:
        with time_limit(0.1):
            spin(2)
    except Overtime:
        pass
    assert time.perf_counter() - started < 1
    with time_limit(5):
        spin(0.01)


def test_a_swallowed_overtime_comes_again():
    """A finalizer run by the GC in the guarded thread may swallow the first Overtime: the
    watchdog raises it again a tenth of a second later."""
    import time

    from svodka.timelimit import REPEAT_SECONDS, Overtime, time_limit

    swallowed = 0
    started = time.perf_counter()
    try:
        with time_limit(0.1):
            end = time.perf_counter() + 5
            while time.perf_counter() < end:
                try:
                    while time.perf_counter() < end:
                        pass
                except Overtime:          # what an `except BaseException` in a __del__ would do
                    if swallowed:
                        raise
                    swallowed += 1
    except Overtime:
        pass
    assert swallowed == 1
    assert time.perf_counter() - started < 0.1 + 3 * REPEAT_SECONDS + 0.5
