"""The event, timeline, dossier and story code asks the store by name (issue 16): no SQL in those link
modules, each query method documented and not shadowed by another part of the Store, long key lists working."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

from svodka.store import base, open_store, postgres, sqlite
from svodka.store.event_queries import EventQueries
from svodka.store.story_queries import StoryQueries

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ["svodka/link/events.py", "svodka/link/event_actors.py", "svodka/link/timeline.py",
           "svodka/link/dossier.py", "svodka/link/stories.py"]
MIXINS = (EventQueries, StoryQueries)


def methods(cls) -> dict[str, object]:
    return {n: v for n, v in vars(cls).items() if inspect.isfunction(v)}


def test_the_linker_files_run_no_sql():
    for path in CLIENTS:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert ".execute(" not in text and ".executemany(" not in text, path
        assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE)\b", text), path


def test_every_query_method_says_what_it_answers():
    for cls in MIXINS:
        for name, fn in methods(cls).items():
            assert (fn.__doc__ or "").strip(), f"{cls.__name__}.{name} has no docstring"


def test_no_other_part_of_the_store_shadows_a_query_method():
    ours = {name: cls for cls in MIXINS for name in methods(cls)}
    for cls in (*base.Store.__mro__, sqlite.SQLiteStore, postgres.PostgresStore):
        if cls in MIXINS:
            continue
        assert not set(ours) & set(vars(cls)), f"{cls.__name__} defines {set(ours) & set(vars(cls))}"
    assert not set(methods(EventQueries)) & set(methods(StoryQueries))


def test_long_lists_of_keys_work(store_url):
    many = list(range(1, 2600))        # more values than SQLite before 3.32 binds in one statement (999)
    with open_store(store_url) as store:
        assert store.article_origins(many) == {}
        assert store.article_entity_names(many) == [] == store.article_event_reports(many)
        assert store.reports_naming(many, 1) == [] == store.event_summaries(many) == store.event_actor_names(many)
        assert store.reader_entities(many) == [] == store.story_members(many)
        assert store.article_documents(many) == {}
