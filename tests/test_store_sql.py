"""The store's statement interface (run, run_many, insert_id, copy_rows, stream) on SQLite and PostgreSQL:
one statement text, named binds, the same answers on both engines."""
from __future__ import annotations

import pytest

from svodka.store import open_store


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


def test_run_binds_by_name_and_expands_lists(store):
    with store.transaction():
        store.run_many("INSERT INTO link_marks (stage, upto) VALUES (:stage, :upto)",
                       [{"stage": "a", "upto": 1}, {"stage": "b", "upto": 2}, {"stage": "c%", "upto": 3}])
    assert store.run("SELECT upto FROM link_marks WHERE stage = :stage", {"stage": "b"}).scalar() == 2
    assert store.run("SELECT stage FROM link_marks WHERE stage IN :stages ORDER BY stage",
                     {"stages": ["a", "c%", "x"]}, expand=("stages",)).fetchall() == [("a",), ("c%",)]
    assert store.run("SELECT count(*) FROM link_marks WHERE stage IN :stages", {"stages": []},
                     expand=("stages",)).scalar() == 0
    # a literal % is SQL, not a bind; so is an escaped colon (text() does not see quotes)
    assert store.run("SELECT stage FROM link_marks WHERE stage LIKE 'c%' OR stage = '\\:stage'").fetchall() == [("c%",)]
    assert [tuple(r) for r in store.run("SELECT stage, upto FROM link_marks ORDER BY upto DESC")] == \
        [("c%", 3), ("b", 2), ("a", 1)]
    assert store.run("SELECT upto FROM link_marks WHERE stage = 'none'").fetchone() is None
    assert store.run("SELECT upto FROM link_marks WHERE stage = 'none'").scalar() is None


def test_rowcount_insert_id_and_conflicts(store):
    with store.transaction():
        first = store.insert_id("INSERT INTO stories (label, first, last) VALUES (:label, :day, :day) RETURNING id",
                                {"label": "x", "day": "2025-01-01"})
        second = store.insert_id("INSERT INTO stories (label) VALUES (:label) RETURNING id", {"label": "y"})
        assert second == first + 1
        sql = "INSERT INTO link_marks (stage, upto) VALUES (:stage, :upto) ON CONFLICT DO NOTHING"
        assert store.run(sql, {"stage": "s", "upto": 1}).rowcount == 1
        assert store.run(sql, {"stage": "s", "upto": 2}).rowcount == 0
        assert store.insert_id("INSERT INTO link_marks (stage, upto) VALUES ('s', 5) ON CONFLICT DO NOTHING"
                               " RETURNING upto") is None
        store.run("INSERT INTO link_marks (stage, upto) VALUES (:stage, :upto)"
                  " ON CONFLICT (stage) DO UPDATE SET upto = excluded.upto", {"stage": "s", "upto": 7})
        assert store.run("UPDATE stories SET size = size + 1").rowcount == 2
    assert store.run("SELECT upto FROM link_marks WHERE stage = 's'").scalar() == 7


def test_copy_rows_and_stream(store):
    rows = [(f"k{i:05}", i) for i in range(12_345)]
    with store.transaction():
        store.copy_rows("corpus_names", ["key", "entity"], rows)
        store.copy_rows("corpus_names", ["key", "entity"], [])
    with store.snapshot():
        streamed = list(store.stream("SELECT key, entity FROM corpus_names WHERE entity >= :lo ORDER BY key",
                                     {"lo": 0}, size=1000))
    assert [tuple(r) for r in streamed] == rows
    assert len(list(store.stream("SELECT key FROM corpus_names"))) == len(rows)     # outside a snapshot too


def test_text_with_a_nul_character_is_stored(store):
    with store.transaction():
        store.run("INSERT INTO link_marks (stage, upto) VALUES (:stage, 1)", {"stage": "a\x00b"})
    stored = store.run("SELECT stage FROM link_marks").scalar()
    assert stored == ("a\x00b" if store.backend == "sqlite" else "a\ufffdb")


def test_sums_come_back_as_numbers(store):
    with store.transaction():
        store.copy_rows("link_marks", ["stage", "upto"], [("a", 2), ("b", 3)])
    total = store.run("SELECT sum(upto) FROM link_marks").scalar()
    assert total == 5 and type(total) is int
