"""The seed's language layer: every item under entities, not_entities, quotes and times holds."""
from __future__ import annotations

import json

import pytest

from conftest import SEED, need


@pytest.fixture(scope="module")
def seed():
    need(SEED)
    from svodka import analyze

    article = analyze(SEED.read_bytes(), source=str(SEED)).to_dict()
    expected = json.loads(SEED.with_name(SEED.name.replace(".txt", ".expected.json")).read_text(encoding="utf-8"))
    return article, expected


def _entity(article, item):
    names = [item["name"]] if "name" in item else item["name_any"]
    for e in article["entities"]:
        if e["type"] == item["type"] and (e["name"] in names or any(a in names for a in e["aliases"])):
            return e
    return None


def test_entities(seed):
    article, expected = seed
    for item in expected["entities"]:
        e = _entity(article, item)
        assert e is not None, item
        for role in item.get("roles_include", []):
            assert role in e["roles"], (item, e["roles"])
        assert len(e["mentions"]) >= item.get("mentions_at_least", 1), (item, len(e["mentions"]))


def test_not_entities(seed):
    article, expected = seed
    for item in expected["not_entities"]:
        assert not any(e["type"] == item["type"] and e["name"] == item["name"] for e in article["entities"]), item


def test_born_from_person_card(seed):
    article, _ = seed
    aliyev = next(e for e in article["entities"] if e["name"] == "Ильхам Алиев")
    assert aliyev["born"] == "1961-12-24" and aliyev["country"] == "AZE"
    putin = next(e for e in article["entities"] if e["name"] == "Владимир Путин")
    assert putin["country"] == "RUS"


def test_mentions_point_into_their_fields(seed):
    article, _ = seed
    from svodka.model import Article

    art = Article.from_dict(article)
    for e in article["entities"]:
        for m in e["mentions"]:
            text = art.field_text(m["field"])
            if text is not None:
                assert text[m["start"]:m["stop"]] == m["text"]


def test_times(seed):
    article, expected = seed
    for item in expected["times"]:
        assert any(item["text_has"].lower() in t["text"].lower() and t["value"] == item["value"]
                   for t in article["times"]), (item, article["times"])


def test_quotes(seed):
    article, expected = seed
    for item in expected["quotes"]:
        def fits(q):
            if q["kind"] != item["kind"]:
                return False
            if "text" in item and q["text"] != item["text"]:
                return False
            if "text_starts" in item and not q["text"].startswith(item["text_starts"]):
                return False
            if "speaker" in item and q["speaker"] != item["speaker"]:
                return False
            if "speaker_any" in item and not any(s.lower() in (q["speaker"] or "").lower() for s in item["speaker_any"]):
                return False
            return True
        assert any(fits(q) for q in article["quotes"]), (item, article["quotes"])
