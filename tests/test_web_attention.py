"""Attention over time and a download in a real headless Chromium (issue 18, 4 and 5): `svodka serve` over the
demo store; the chart above the search results for one query and for two, its interval and by-site switches,
and a CSV download saved by the browser and parsed. Screenshots go where test_web.py puts its own.
"""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, wait_for

CHROMIUM_SKIP = not os.path.exists("/usr/bin/chromium")
if CHROMIUM_SKIP:
    pytest.skip("/usr/bin/chromium is not installed: no browser for the end-to-end tests", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
httpx = pytest.importorskip("httpx")

from svodka.ingest import ingest  # noqa: E402
from test_web import free_port, page, shot  # noqa: E402,F401  (page: the browser page fixture)

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]


@pytest.fixture(scope="module")
def base(tmp_path_factory, replay_pipeline):
    """`svodka serve` over the demo store on a free loopback port: its base URL."""
    folder = tmp_path_factory.mktemp("web-attention")
    db = folder / "demo.db"
    assert ingest(DEMO, str(db), progress=False, pipeline=replay_pipeline).new == 51
    port = free_port()
    log = open(folder / "serve.log", "w+b")
    proc = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, lambda: proc.poll() is None)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def chart_of(page) -> str:
    """The search page's chart: shown (the browser loaded and drew the image), and its SVG text."""
    image = page.locator("img.chart.attention")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.chart.attention').complete")
    assert image.evaluate("img => img.naturalWidth") == 720 and image.bounding_box()["width"] > 500
    response = page.request.get(image.evaluate("img => img.src"))          # the absolute URL
    assert response.ok and response.headers["content-type"] == "image/svg+xml"
    return response.text()


def test_attention_chart_one_query_then_two(base, page):
    page.goto(base + "/search?q=" + "Алиеву")
    svg = chart_of(page)
    assert svg.count('class="series series-') == 1 and svg.count('class="dot series-0"') >= 10
    assert '>articles</text>' in svg and re.search(r'legend-label">Алиеву \(\d+\)<', svg)
    assert page.locator(".attention-box").bounding_box()["y"] < page.locator("section.results").bounding_box()["y"]
    shot(page, "attention-1-one-query")

    page.locator(".attention-options a", has_text="month").click()
    page.wait_for_url(re.compile(r"interval=month"))
    svg = chart_of(page)
    assert ">month</text>" in svg and svg.count('class="dot series-0"') == 12          # 2025-01 … 2025-12

    page.fill("input[name=vs]", "снегопад")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"vs="))
    assert "interval=month" in page.url                                             # the switch is kept
    svg = chart_of(page)
    assert svg.count('class="series series-') == 2
    strokes = re.findall(r'<polyline [^>]*stroke="(#\w+)"', svg)
    assert len(set(strokes)) == 2
    assert re.findall(r'legend-label">(\S+) \(', svg) == ["Алиеву", "снегопад"]
    assert page.locator("article.hit").count() >= 10                               # the results stay the first query's
    shot(page, "attention-2-two-queries")

    page.locator(".attention-options a.by-site").click()
    page.wait_for_url(re.compile(r"by=site"))
    assert chart_of(page).count('class="series series-') >= 4
    shot(page, "attention-3-by-site")
    assert not page.problems, page.problems


def test_csv_download_opens_and_parses(base, page, tmp_path):
    page.goto(base + "/search?q=" + "Алиеву")
    shown = int(re.match(r"\d+", page.locator("section.results > p.muted").first.inner_text()).group())
    with page.expect_download() as info:
        page.locator("p.downloads a", has_text="CSV").click()
    download = info.value
    assert download.suggested_filename == "search.csv"
    path = tmp_path / "search.csv"
    download.save_as(path)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "published", "site", "rubric", "title", "url"]
    assert len(rows) == shown and all(r["id"] and r["title"] for r in rows)
    titles = page.locator("article.hit h3").all_inner_texts()
    assert set(titles) <= {r["title"] for r in rows}
    assert not page.problems, page.problems
