"""The full export of a small fixed corpus, compared with a stored expectation: a change of structure (who
owns the SQL, where ingest and export live) must not change a byte of what a user gets out — on SQLite and
on PostgreSQL alike.

The corpus is four demo pages (texts written for svodka). The expectation is in tests/expected/export/;
when svodka's analysis changes on purpose, regenerate it and read the diff:

    SVODKA_REGENERATE_EXPORT=1 .venv/bin/python -m pytest tests/test_export_golden.py

Ingest times are the only thing that differs between runs: GDELT's DATEADDED column is blanked before the
comparison. Parquet is compared by its schema and rows (its bytes name the pyarrow version).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, store_at
from svodka.ingest import ingest
from svodka.store import open_store
from svodka.export import export

CORPUS = ["demo/text/vestnik-dnya/2025-10-09-putin-aliev-dushanbe.txt",
          "demo/text/perekrestok/2025-12-24-aliev-poluchil-pozdravlenie.txt",
          "demo/text/uralsky-kurier/2025-06-28-dvoe-zaderzhannyh-umerli.txt",
          "demo/html/daily-obzor/2025-07-17-moskva-vyslala-diplomata.html"]
EXPECTED = ROOT / "tests" / "expected" / "export"
REGENERATE = os.environ.get("SVODKA_REGENERATE_EXPORT") == "1"


def _gdelt_without_added(text: str) -> str:
    lines = text.splitlines(keepends=True)
    header = lines[0].rstrip("\n").split("\t") if lines and lines[0].startswith("GLOBALEVENTID") else None
    col = (header.index("DATEADDED") if header else 59)
    out = []
    for i, line in enumerate(lines):
        cells = line.rstrip("\n").split("\t")
        if (header is None or i > 0) and len(cells) > col:
            cells[col] = ""
        out.append("\t".join(cells) + ("\n" if line.endswith("\n") else ""))
    return "".join(out)


def _parquet_as_json(path: Path) -> str:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    schema = [(f.name, str(f.type)) for f in table.schema]
    return json.dumps({"schema": schema, "rows": table.to_pylist()}, ensure_ascii=False, indent=1,
                      default=str, sort_keys=True) + "\n"


def exported(store, out: Path) -> dict[str, str]:
    """Every format's files as comparable text: {"csv/events.csv": "...", "parquet/events.json": "..."}."""
    files: dict[str, str] = {}
    for fmt in ("jsonl", "csv", "gdelt", "parquet"):
        folder = out / fmt
        export(store, fmt, folder)
        for path in sorted(folder.iterdir()):
            if fmt == "parquet":
                files[f"parquet/{path.stem}.json"] = _parquet_as_json(path)
            elif fmt == "gdelt":
                files[f"gdelt/{path.name}"] = _gdelt_without_added(path.read_text(encoding="utf-8"))
            else:
                files[f"{fmt}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("golden-corpus")
    for rel in CORPUS:
        shutil.copy(ROOT / rel, folder / Path(rel).name)
    return folder


def test_full_export_matches_the_expectation(backend, corpus, tmp_path, replay_pipeline, monkeypatch):
    db = store_at(backend, tmp_path, "golden")
    monkeypatch.chdir(corpus)              # sources are stored as given: relative, the same in every run
    report = ingest(sorted(Path(rel).name for rel in CORPUS), db, progress=False, pipeline=replay_pipeline)
    assert report.new == len(CORPUS) and report.rejected == 0
    with open_store(db) as store:
        got = exported(store, tmp_path / "out")
    if REGENERATE and backend == "sqlite":
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        for name, text in got.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(EXPECTED)): p.read_text(encoding="utf-8")
                for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(got) == sorted(expected)
    for name in expected:
        assert got[name] == expected[name], f"{name} differs from tests/expected/export/{name}"
