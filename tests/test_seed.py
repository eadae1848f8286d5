"""The project seed: every field under "article" of the expected record, field by field."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from svodka.model import FORMAT_VERSION as SCHEMA_VERSION

from conftest import SEED, need


def norm(value):
    """Whitespace-normalised copy of a JSON value."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, dict):
        return {k: norm(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def seed_output():
    need(SEED)
    run = subprocess.run([sys.executable, "-m", "svodka.cli", "analyze", str(SEED), "--json"],
                         capture_output=True, text=True, check=True)
    lines = [l for l in run.stdout.splitlines() if l.strip()]
    assert len(lines) == 1
    return json.loads(lines[0])


def expected_article():
    need(SEED)
    path = SEED.with_name(SEED.name.replace(".txt", ".expected.json"))
    return json.loads(path.read_text(encoding="utf-8"))["article"]


FIELDS = ["published", "rubric", "title", "alt_titles", "lead", "body", "media", "related", "authors",
          "tags", "cards"]


@pytest.mark.parametrize("field", FIELDS)
def test_seed_article_field(seed_output, field):
    expected = expected_article()
    assert field in expected
    assert norm(seed_output[field]) == norm(expected[field])


def test_seed_every_expected_field_is_checked():
    assert set(expected_article()) <= set(FIELDS)


def test_seed_record_shape(seed_output):
    assert seed_output["schema"] == SCHEMA_VERSION
    assert seed_output["language"] == "ru"
    assert len(seed_output["sha256"]) == 64
    # nothing silently dropped: the lines that are no field are kept as boilerplate
    assert "Перейти к основному контенту" in seed_output["boilerplate"]
