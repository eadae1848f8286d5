"""Issue 19, hardening of the command line, the readers and the store: the real CLI (a subprocess, or
its Python entry in one), real SQLite files in tmp_path, real pipes, FIFOs and devices; no mocks."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PAGE = """ date 2025-05-06  Главная
Происшествия

В Казани на складе потушили пожар

Пожар на складе в промышленной зоне Казани потушили за два часа, никто не пострадал, сообщили спасатели.

На место выезжали двенадцать пожарных расчетов. Площадь возгорания составила четыреста квадратных метров.
"""

# The CLI's Python entry with the one-document limit lowered (svodka reads it at call time).
LIMITED = ("import sys, svodka.read.document as d; d.MAX_DOCUMENT_BYTES = int(sys.argv[1]);"
           " from svodka.cli import main; sys.exit(main(sys.argv[2:]))")


def env(**extra) -> dict:
    return dict(os.environ, PYTHONWARNINGS="ignore", **extra)


def svodka(*args, stdin=None, timeout: float = 300, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "svodka.cli", *map(str, args)], input=stdin,
                          capture_output=True, env=env(**extra), timeout=timeout)


def rejected_rows(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT source, reason FROM rejected ORDER BY pk").fetchall()


def folder_bytes(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


# --- 2. stdin: read up to the limit, never spooled whole -------------------------------------------

def test_stdin_over_the_limit_is_not_read_on(tmp_path):
    """An endless stdin: svodka stops reading at the limit (the writer gets a broken pipe), no
    temporary file grows, and the document is recorded as rejected with its reason."""
    limit = 1 << 20
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-c", LIMITED, str(limit), "ingest", "-", "--db", str(db)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env(TMPDIR=str(tmp)))
    chunk, sent, peak = b"\0" * (1 << 16), 0, 0
    try:
        while sent < 64 * limit:
            proc.stdin.write(chunk)
            proc.stdin.flush()
            sent += len(chunk)
            peak = max(peak, folder_bytes(tmp))
    except BrokenPipeError:
        pass
    out, err = proc.communicate(timeout=300)        # closes stdin
    assert sent < 4 * limit, f"svodka read {sent} bytes of stdin past a {limit}-byte limit"
    assert peak <= limit and folder_bytes(tmp) == 0
    assert proc.returncode == 1, err.decode()
    assert "1 rejected" in out.decode()
    assert rejected_rows(db) == [("<stdin>", "input over size limit")]


def test_dev_zero_on_stdin_is_rejected(tmp_path):
    """`svodka ingest - < /dev/zero` with the real limit: ends, rejected, nothing in TMPDIR."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    db = tmp_path / "s.db"
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "svodka.cli", "ingest", "-", "--db", str(db)],
                                stdin=zero, capture_output=True, env=env(TMPDIR=str(tmp)), timeout=300)
    assert result.returncode == 1, result.stderr.decode()
    assert rejected_rows(db) == [("<stdin>", "input over size limit")]
    assert folder_bytes(tmp) == 0


def test_stdin_jsonl_and_documents_still_stream(tmp_path):
    """A JSONL feed on stdin is read line by line (many lines, each under the limit), and a page
    under the limit is read as before."""
    limit = 2048
    line = ('{"text": "%s", "id": "n%d"}\n')
    feed = "".join(line % (PAGE.replace("\n", "\\n").replace("Казани", f"Казани {n}"), n)
                   for n in range(40)).encode()
    assert len(feed) > 2 * limit
    result = subprocess.run([sys.executable, "-c", LIMITED, str(limit), "analyze", "-", "--json"],
                            input=feed, capture_output=True, env=env(), timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 40
    result = svodka("analyze", "-", "--json", stdin=PAGE.encode())
    assert result.returncode == 0 and "В Казани на складе" in result.stdout.decode()


# --- 4. FIFOs, devices, kernel files: named for what they are, never opened --------------------------

def test_fifo_device_and_proc_files_are_named_not_opened(tmp_path):
    import threading

    fifo = tmp_path / "feed.txt"
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer() -> None:               # blocks until a reader opens the FIFO
        with open(fifo, "wb") as out:
            opened.set()
            out.write(PAGE.encode())

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = svodka("analyze", fifo, "/dev/null", "/proc/self/mem", timeout=120)
    errors = result.stderr.decode()
    assert f"{fifo}: not a regular file: fifo" in errors
    assert "/dev/null: not a regular file: character device" in errors
    assert "/proc/self/mem: not a regular file: kernel pseudo-file" in errors
    assert "empty" not in errors and result.returncode == 1
    assert not opened.is_set()           # svodka never opened the FIFO
    with open(fifo, "rb") as drain:      # let the writer go
        drain.read()
    thread.join(10)


def test_fifo_in_a_folder_is_rejected_and_recorded(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    db = tmp_path / "s.db"
    result = svodka("ingest", folder, "--db", db, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    assert "1 new" in result.stdout.decode() and "1 rejected" in result.stdout.decode()
    assert rejected_rows(db) == [(str(folder / "b.txt"), "not a regular file: fifo")]


# --- 11. an SQLite file that is not a svodka store is left alone --------------------------------------

def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    store = tmp_path / "db"
    store.mkdir()
    foreign = store / "notes.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('купить хлеба')")
    conn.close()
    before = snapshot(store)
    for args in (("ingest", page), ("search", "пожар"), ("rejected",), ("link",), ("export", "--format", "jsonl",
                                                                                  "--out", tmp_path / "out")):
        result = svodka(*args, "--db", foreign)
        err = result.stderr.decode()
        assert result.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "not a svodka store" in err and "notes" in err, (args, err)
        assert "Traceback" not in err
        assert snapshot(store) == before, args


def test_an_empty_file_becomes_a_store(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "new.db"
    db.write_bytes(b"")
    result = svodka("ingest", page, "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    assert "1 new" in result.stdout.decode()


# --- 3. read-only stores: read commands read them, writing commands say so in one line ------------------

ROOT_USER = os.geteuid() == 0


@pytest.fixture
def freeze():
    """Make a file or folder read-only for real: chmod for a user; for root (whom permissions do not
    stop) the immutable attribute, or skip when this filesystem has none."""
    frozen: list[Path] = []

    def make_read_only(path: Path) -> None:
        if ROOT_USER:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            if done.returncode:
                pytest.skip(f"running as root, and `chattr +i` fails here ({done.stderr.strip()}):"
                            " nothing can make a file read-only for root")
        else:
            path.chmod(path.stat().st_mode & ~0o222)
        frozen.append(path)

    yield make_read_only
    for path in reversed(frozen):
        if ROOT_USER:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(path.stat().st_mode | 0o200)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store of one article and one rejected document, closed (no -wal, no -shm beside it)."""
    where = tmp_path_factory.mktemp("built")
    (where / "page.txt").write_text(PAGE, encoding="utf-8")
    db = where / "store" / "s.db"
    db.parent.mkdir()
    result = svodka("ingest", where / "page.txt", where / "missing.txt", "--db", db)
    assert result.returncode == 0, result.stderr.decode()
    return db


def copy_store(built: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "s.db"
    db.write_bytes(built.read_bytes())
    return db


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_read_commands_read_a_store_in_a_read_only_folder(built, tmp_path, freeze):
    db = copy_store(built, tmp_path)
    freeze(db.parent)
    before = snapshot(db.parent)
    found = svodka("search", "пожар", "--db", db)
    assert found.returncode == 0, found.stderr.decode()
    assert "В Казани на складе потушили пожар" in found.stdout.decode()
    listed = svodka("rejected", "--db", db)
    assert listed.returncode == 0 and "missing.txt\tnot found" in listed.stdout.decode()
    for args in (("export", "--format", "jsonl", "--out", tmp_path / "out"), ("stories",),
                 ("entity", "Казань"), ("timeline", "Казань", "Россия"), ("show", "nothing")):
        result = svodka(*args, "--db", db)
        err = result.stderr.decode()
        assert "readonly" not in err and "unable to open" not in err and "Traceback" not in err, (args, err)
        assert result.returncode in (0, 2), (args, err)      # show: no such article; entity: maybe no such name
    assert (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").count("\n") == 1
    assert snapshot(db.parent) == before             # nothing written, no -wal or -shm made


def test_serve_serves_a_store_in_a_read_only_folder(built, tmp_path, freeze):
    import json
    import time
    import urllib.request

    db = copy_store(built, tmp_path)
    freeze(db.parent)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    try:
        deadline, stats = time.monotonic() + 60, None
        while stats is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as answer:
                    stats = json.loads(answer.read())
            except OSError:
                time.sleep(0.3)
        assert stats is not None, server.stderr.read1().decode() if server.poll() is not None else "no answer"
        assert "1" in json.dumps(stats)
    finally:
        server.terminate()
        server.wait(30)


def test_a_write_ahead_log_in_a_read_only_folder_is_read(built, tmp_path, freeze):
    """A store with an un-checkpointed log (its writer still open): the log is read (mode=ro, not
    immutable, which would miss it)."""
    from svodka.model import Rejected
    from svodka.store import open_store

    db = copy_store(built, tmp_path)
    writer = open_store(db)
    try:
        writer.run("PRAGMA wal_autocheckpoint=0")          # this connection never checkpoints
        writer.add_rejected(Rejected(str(tmp_path / "late.txt"), "written, not checkpointed"))
        freeze(db.parent)
        listed = svodka("rejected", "--db", db)
        assert listed.returncode == 0, listed.stderr.decode()
        assert "late.txt\twritten, not checkpointed" in listed.stdout.decode()
    finally:
        writer.close()


def test_writing_commands_refuse_a_read_only_store_in_one_line(built, tmp_path, freeze):
    page = tmp_path / "new.txt"
    page.write_text(PAGE.replace("Казани", "Перми"), encoding="utf-8")
    db = copy_store(built, tmp_path)
    freeze(db.parent)
    before = snapshot(db.parent)
    for args in (("ingest", page, "--db", db), ("ingest", page, "--db", db.parent / "other.db"),
                 ("reanalyze", "--db", db), ("link", "--db", db)):
        result = svodka(*args)
        err = result.stderr.decode()
        assert result.returncode == 2, (args, err)
        assert err.count("\n") == 1 and "cannot write to the store" in err and "read-only" in err, (args, err)
    assert snapshot(db.parent) == before


def test_a_read_only_store_file_is_read_and_not_written(built, tmp_path, freeze):
    page = tmp_path / "new.txt"
    page.write_text(PAGE.replace("Казани", "Перми"), encoding="utf-8")
    db = copy_store(built, tmp_path)
    data = db.read_bytes()
    freeze(db)
    found = svodka("search", "пожар", "--db", db)
    assert found.returncode == 0 and "Казани" in found.stdout.decode(), found.stderr.decode()
    refused = svodka("ingest", page, "--db", db)
    assert refused.returncode == 2 and f"{db} is read-only" in refused.stderr.decode()
    assert db.read_bytes() == data


def test_a_read_only_open_refuses_writes(built, tmp_path):
    """Whoever runs the tests (root too): a read-only open of a writable store writes nothing."""
    from svodka.store import StoreReadOnly, open_store

    db = copy_store(built, tmp_path)
    with open_store(db, read_only=True) as store:
        assert not store.writable and len(store) == 1
        with pytest.raises(StoreReadOnly):
            store.add_source("0" * 64, "elsewhere")
    with open_store(f"sqlite:///{db}?mode=ro") as store:
        assert not store.writable
    assert sorted(p.name for p in db.parent.iterdir()) == ["s.db"]


def test_a_read_only_open_on_postgresql_refuses_writes():
    from conftest import new_pg_store
    from svodka.store import StoreReadOnly, open_store

    url = new_pg_store("readonly")
    open_store(url).close()                          # make the store
    with open_store(url, read_only=True) as store:
        assert not store.writable and len(store) == 0
        with pytest.raises(StoreReadOnly):
            store.add_source("0" * 64, "elsewhere")
        assert store.run("SHOW default_transaction_read_only").scalar() == "on"


# --- 5. what an ingest reports, and rejections superseded -------------------------------------------

def test_a_repeated_rejection_is_reported_again(tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    for _ in range(2):
        result = svodka("ingest", tmp_path / "missing.txt", "--db", db)
        assert result.returncode == 1 and "1 rejected" in result.stdout.decode(), result.stdout.decode()
        assert "already in the store" in result.stdout.decode() and "1 already" not in result.stdout.decode()
        result = svodka("ingest", tmp_path / "junk.txt", "--db", db)
        assert result.returncode == 1 and "1 rejected" in result.stdout.decode(), result.stdout.decode()
    assert [source for source, _ in rejected_rows(db)] == [str(tmp_path / "missing.txt"), str(tmp_path / "junk.txt")]


def test_storing_a_document_clears_its_earlier_rejection(tmp_path):
    db = tmp_path / "s.db"
    late, fixed = tmp_path / "late.txt", tmp_path / "fixed.txt"
    fixed.write_bytes(b"")
    assert svodka("ingest", late, fixed, "--db", db).returncode == 1
    assert sorted(reason for _, reason in rejected_rows(db)) == ["empty file", "not found"]
    late.write_text(PAGE, encoding="utf-8")
    fixed.write_text(PAGE.replace("Казани", "Перми"), encoding="utf-8")
    result = svodka("ingest", late, fixed, "--db", db)
    assert result.returncode == 0 and "2 new" in result.stdout.decode(), result.stdout.decode()
    assert rejected_rows(db) == []


def test_the_loser_of_a_write_race_reports_what_it_read(tmp_path):
    """Ingest B reads three pages the store does not hold, then waits on its stdin; ingest A stores
    the same pages meanwhile. B must count them, as stored meanwhile by another ingest."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n, city in enumerate(("Казани", "Перми", "Омске")):
        (folder / f"{n}.txt").write_text(PAGE.replace("Казани", city), encoding="utf-8")
    db = tmp_path / "s.db"
    b = subprocess.Popen([sys.executable, "-m", "svodka.cli", "ingest", str(folder), "-", "--db", str(db)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env())
    # this write returns only once B reads its stdin, so after it has looked the pages up
    b.stdin.write(b"\0" * (1 << 20))
    b.stdin.flush()
    a = svodka("ingest", folder, "--db", db)
    assert a.returncode == 0 and "3 new" in a.stdout.decode(), a.stderr.decode()
    out, err = b.communicate(timeout=300)
    report = out.decode()
    assert b.returncode == 0, err.decode()
    assert report.startswith("svodka: 4 documents: 0 new, 0 already in the store, 3 stored meanwhile by another"
                             " ingest, 1 rejected"), report


# --- rough edges ----------------------------------------------------------------------------------

def test_rejected_says_when_there_is_none(built, tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    assert svodka("ingest", tmp_path / "page.txt", "--db", db).returncode == 0
    result = svodka("rejected", "--db", db)
    assert result.returncode == 0 and result.stdout == b""
    assert result.stderr.decode() == "no rejected documents\n"
    result = svodka("rejected", "--db", built)
    assert result.stdout.decode().count("\n") == 1 and result.stderr.decode() == "1 rejected document\n"
    assert svodka("rejected", "--json", "--db", db).stdout == b""


def test_cli_counts_are_plural_or_singular(built, tmp_path):
    out = svodka("ingest", tmp_path / "missing.txt", "--db", tmp_path / "s.db").stdout.decode()
    assert out.startswith("svodka: 1 document: ")
    found = svodka("search", "пожар", "--db", built)
    assert found.stderr.decode() == "1 result\n"
    found = svodka("search", "снегопад", "--db", built)
    assert found.stderr.decode() == "0 results\n"
    linked = svodka("link", "--db", copy_store(built, tmp_path)).stdout.decode()
    assert "newly linked; 1 article: " in linked


def test_ingest_progress_without_a_terminal_is_lines(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, city in enumerate(("Казани", "Перми", "Омске")):
        (folder / f"{n}.txt").write_text(PAGE.replace("Казани", city), encoding="utf-8")
    result = svodka("ingest", folder, "--db", tmp_path / "s.db", "--batch-size", "1", "--progress")
    assert result.returncode == 0
    err = result.stderr.decode()
    assert "\r" not in err
    assert [l.split(" so far")[0] for l in err.splitlines()] == ["ingest: 1 document", "ingest: 2 documents",
                                                                  "ingest: 3 documents"], err
    make_run = next(l for l in (ROOT / "Makefile").read_text().splitlines() if "svodka ingest demo" in l)
    assert "--progress" in make_run            # `make run` shows the ingest's progress


def test_the_tour_says_what_it_cuts(tmp_path):
    page = tmp_path / "aliev.txt"
    page.write_text(PAGE.replace("сообщили спасатели", "сообщил Ильхам Алиев"), encoding="utf-8")
    db = tmp_path / "s.db"
    assert svodka("ingest", page, "--db", db).returncode == 0
    result = subprocess.run(["sh", str(ROOT / "demo" / "tour.sh")], capture_output=True, timeout=600,
                            env=env(SVODKA=str(Path(sys.executable).parent / "svodka"), SVODKA_DB=str(db),
                                    LINES_MAX="2"))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    search = out.split("$ svodka search")[1].split("$ svodka entity")[0].strip().splitlines()
    assert len(search) == 4 and search[3].startswith("… (") and search[3].endswith(" more lines)"), out


def test_the_license_is_an_spdx_expression():
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(meta["project"]["license"], str)            # not the deprecated table
    backend = next(r for r in meta["build-system"]["requires"] if r.startswith("setuptools"))
    assert int(backend.split(">=")[1].split(".")[0]) >= 77        # the first setuptools that reads it
