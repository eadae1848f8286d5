"""The demo corpus goes through every stage without a stage failing quietly.

A stage that raises is logged and skipped, so that one bad page never stops a batch; that also
means a broken import in a stage would only show up as log lines. This test makes them fail.
"""
from __future__ import annotations

import logging
from pathlib import Path

from svodka.pipeline import Pipeline
from svodka.read import read_paths

DEMO = Path(__file__).resolve().parents[1] / "demo"


def test_no_stage_fails_on_the_demo_corpus(caplog):
    with caplog.at_level(logging.WARNING, logger="svodka"):
        results = list(Pipeline().pipe(read_paths([str(DEMO / "text"), str(DEMO / "html")])))
    assert results and all(hasattr(r, "body") for r in results)
    failures = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert failures == []
    assert sum(len(r.events) for r in results) >= 10


def test_no_stage_fails_on_dev_pages(caplog):
    """Real pages reach more of the coder (pronoun actors, long sentences) than the demo does."""
    from conftest import PAGES_DEV, need

    folder = need(PAGES_DEV / "text")
    pages = sorted(folder.glob("*.txt"))[1::4]
    with caplog.at_level(logging.WARNING, logger="svodka"):
        results = list(Pipeline().pipe(read_paths([str(p) for p in pages])))
    assert len(results) == len(pages)
    assert [r.getMessage() for r in caplog.records if "failed" in r.getMessage()] == []
