"""The entity linker, the lookup of names, ``svodka link`` and the linking evaluation run no SQL of their own
(issue 16: one owner for SQL): they ask the store (``svodka.store.entity_queries.EntityQueries``), whose
methods are checked here on both backends where the other tests do not already reach them.
"""
from __future__ import annotations

import ast
import inspect
import re

from conftest import ROOT
from svodka import Article, Entity, Mention
from svodka.link import entities
from svodka.store import open_store
from svodka.store.entity_queries import EntityQueries

CLIENTS = ["svodka/link/entities.py", "svodka/link/lookup.py", "svodka/cmd/link.py", "svodka/eval/linking.py"]
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b")


def test_entity_clients_have_no_sql_and_no_connection():
    found = []
    for rel in CLIENTS:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"), rel)
        for node in ast.walk(tree):
            where = f"{rel}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                found.append(f"{where}: SQL text {node.value[:60]!r}")
            elif isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "conn"):
                found.append(f"{where}: .{node.attr}")
    assert not found, "SQL belongs in svodka/store/ (a Store method):\n" + "\n".join(found)


def test_entity_queries_say_what_they_answer():
    methods = [(name, fn) for name, fn in vars(EntityQueries).items() if inspect.isfunction(fn)]
    assert len(methods) >= 25
    undocumented = [name for name, fn in methods if not (fn.__doc__ or "").strip()]
    assert not undocumented, undocumented


def article(n: int, day: str, names: list[str]) -> Article:
    ents = [Entity(id=f"t{n}:e{i}", type="PER", name=name, mentions=[Mention("lead", 0, len(name), name, "name")])
            for i, name in enumerate(names, 1)]
    return Article(id=f"t{n}", source=f"t{n}.txt", site="a.example", published=day, title=f"Статья {n}",
                   sha256=f"{n:064x}", entities=ents)


def test_link_progress_marks_and_gaps(store_url):
    with open_store(store_url) as store:
        with store.transaction():
            store.add_articles([article(1, "2025-01-03", []), article(2, "2025-01-01", []), article(3, "2025-01-02", [])])
        pk = {aid: store.find(aid)[0] for aid in ("t1", "t2", "t3")}
        assert [p for p, _ in store.unlinked_articles("test")] == [pk["t2"], pk["t3"], pk["t1"]]   # oldest first
        with store.transaction():
            store.mark_linked("test", [pk["t2"]])          # a gap below it: the mark stays
        assert store._link_mark("test") == 0
        assert [p for p, _ in store.unlinked_articles("test")] == [pk["t3"], pk["t1"]]
        with store.transaction():
            store.mark_linked("test", [pk["t1"]])          # no gap below t2 now
        assert store._link_mark("test") == pk["t2"]
        with store.transaction():
            store.mark_linked("test", [pk["t3"]])
        assert store.unlinked_articles("test") == [] and store._link_mark("test") == max(pk.values())
        assert store.unlinked_articles("other") != []     # stages are apart


def test_what_the_evaluation_and_the_lookup_read(store_url):
    with open_store(store_url) as store:
        with store.transaction():
            store.add_articles([article(1, "2025-01-01", ["Ильхам Алиев", "Алиев"]),
                                article(2, "2025-01-02", ["Ильхам Алиев"])])
            entities.link_new(store)
        assert store.corpus_counts() == (1, 0)
        (cid, name), = store.corpus_entity_names().items()
        assert name == "Ильхам Алиев"
        pk = store.find("t1")[0]
        assert store.entity_types_of_article(pk) == {"t1:e1": "PER", "t1:e2": "PER"}
        assert store.entity_links_of_article(pk) == {"t1:e1": cid, "t1:e2": cid}
        assert sorted(m[0] for m in store.mentions_of_article(pk)) == ["t1:e1", "t1:e2"]
        assert sorted(s for s, _, _ in store.articles_by_source()) == ["t1.txt", "t2.txt"]
        assert store.corpus_entity_card(cid)[:2] == ("PER", "Ильхам Алиев") and store.corpus_entity_card(cid)[4] == 2
        assert store.corpus_entities_with_keys(["PER:ильхам алиев"]) == [cid]
        assert store.persons_with_last_names(["алиев"]) == [cid]
        assert store.persons_with_first_names(["ильхам"]) == [cid]
        assert store.surname_only_person("алиев") is None and store.surname_only_persons("алиев") == []
        assert sorted(store.corpus_entity_values_of(cid, "name")) == ["Алиев", "Ильхам Алиев"]
