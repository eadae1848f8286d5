"""svodka's page metric agrees with ../shared/eval/score_pages.py, and the dev figures hold."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from conftest import PAGES_DEV, SHARED, need
from svodka.eval import pages, shingles


def shared_scorer():
    path = need(SHARED / "eval" / "score_pages.py")
    spec = importlib.util.spec_from_file_location("score_pages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = [
    ("Мэр открыл новый мост через реку", "Мэр открыл новый мост через реку"),
    ("Мэр открыл новый мост через реку в среду", "Новый мост через реку открыл мэр"),
    ("один два", "один два три"),
    ("", "что-то есть"),
    ("что-то есть", ""),
]


@pytest.mark.parametrize("ref,pred", CASES)
def test_metric_matches_shared_scorer(ref, pred):
    sp = shared_scorer()
    assert shingles.match(ref, pred) == pytest.approx(sp.string_shingle_matching(ref, pred))
    counts = [shingles.match(r, p) for r, p in CASES]
    assert shingles.summary(counts) == pytest.approx(
        {k: v for k, v in sp.metrics_from_tp_fp_fns(counts).items()})


def test_site_of_id():
    assert pages.site_of_id("20111128_www.regnum.ru_2fa9d5942f") == "regnum.ru"


@pytest.fixture(scope="module")
def text_eval(tmp_path_factory):
    need(PAGES_DEV)
    out = tmp_path_factory.mktemp("pred")
    run = subprocess.run([sys.executable, "-m", "svodka.cli", "eval", "pages", str(PAGES_DEV), "--input", "text",
                          "--out", str(out)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1]), out


def test_dev_text_dumps_reach_the_goal(text_eval):
    summary, _ = text_eval
    assert summary["docs"] == 129
    assert summary["f1"] >= 0.88
    assert summary["title_accuracy"] >= 0.90


def test_eval_agrees_with_shared_scorer_on_dev(text_eval):
    summary, out = text_eval
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "score_pages.py"), str(PAGES_DEV), str(out),
                          "--n-bootstrap", "1"], capture_output=True, text=True, check=True)
    theirs = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["f1"] == pytest.approx(theirs["f1"], abs=1e-4)
    assert summary["precision"] == pytest.approx(theirs["precision"], abs=1e-4)
