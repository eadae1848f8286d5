"""The web UI end to end in a real headless Chromium (Debian's /usr/bin/chromium driven by
playwright-python): `svodka serve` runs on a free loopback port over a store built from the demo
corpus, the seed and hostile pages; the test clicks through home → search → article → dossier →
timeline, checks that hostile text stays inert, and saves screenshots under test-artifacts/web/.

Skips cleanly when Chromium or playwright is not installed (.ci/run installs Chromium).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED
from dbfile import database

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "web"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium): no browser for the end-to-end tests",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
httpx = pytest.importorskip("httpx")

from test_api import HOSTILE_TITLES, build_store, demo_article  # noqa: E402

SEED_TITLE = "Россия и Азербайджан договорились укреплять союзнические отношения"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`svodka serve` on a free loopback port, as a user starts it; its base URL."""
    db = build_store(tmp_path_factory.mktemp("web"))
    port = free_port()
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    log = open(tmp_path_factory.mktemp("log") / "serve.log", "w+b")
    proc = subprocess.Popen([sys.executable, "-m", "svodka.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"svodka serve exited with {proc.returncode}: {log.read().decode(errors='replace')}")
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("svodka serve did not answer within 60 s")
            time.sleep(0.2)
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    p = context.new_page()
    p.set_default_timeout(15_000)
    p.problems = []                                   # page errors, CSP reports, dialogs
    p.on("pageerror", lambda err: p.problems.append(f"pageerror: {err}"))
    p.on("console", lambda msg: p.problems.append(f"console: {msg.text}") if msg.type == "error" else None)
    p.on("dialog", lambda dialog: (p.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield p
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_article_dossier_timeline(server, page):
    base, db = server
    page.goto(base + "/")
    assert page.locator("h2", has_text="Latest articles").is_visible()
    assert int(page.locator("#count-articles").inner_text().replace("\u202f", "")) >= 54
    shot(page, "1-home")

    page.fill("#q", "Алиеву")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    hits = page.locator("article.hit")
    assert hits.count() >= 10
    marks = page.locator(".snippet mark, .hit mark").all_inner_texts()
    assert marks and all(m.startswith("Алиев") for m in marks)
    assert page.locator("aside.facets").is_visible()
    shot(page, "2-search")

    if SEED.exists():
        page.get_by_role("link", name=SEED_TITLE, exact=True).click()
        page.wait_for_url(re.compile(r"/article/"))
        assert page.locator("h1.headline").inner_text() == SEED_TITLE
        assert page.locator(".body a.ent-PER", has_text="Ильхамом Алиевым").count() >= 1
        assert page.locator("figcaption .credit").inner_text().startswith("Photo: Александр Казаков")
        assert page.locator("aside .quotes blockquote").count() >= 1
        assert page.locator("aside .events li").count() >= 1
    else:                                            # without ../shared: a demo article about him
        from svodka.store import open_store

        with open_store(db) as store:
            title = store.article(demo_article(store)).title
        page.get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("a.ent-PER").count() and page.locator("a.ent-LOC").count()
    shot(page, "3-article")

    page.get_by_role("link", name="Ильхам Алиев", exact=True).first.click()
    page.wait_for_url(re.compile(r"/entity/"))
    card = page.locator(".card.big")
    assert card.locator("h1.name").inner_text() == "Ильхам Алиев"
    assert "президент Азербайджана" in card.inner_text()
    assert card.locator("time.born").inner_text() == "24 December 1961"
    chart = page.locator(".chart-box svg.chart")
    assert chart.is_visible() and chart.locator("rect.bar").count() >= 2
    shot(page, "4-dossier")

    page.get_by_role("link", name="Timeline", exact=True).click()
    page.fill("input[name=a]", "Россия")
    page.fill("input[name=b]", "Азербайджан")
    page.get_by_role("button", name="Show timeline").click()
    page.wait_for_url(re.compile(r"/timeline\?a="))
    chart = page.locator("svg.chart.balance")
    assert chart.is_visible()
    assert chart.locator("rect.coop, rect.conflict").count() >= 1
    assert page.locator("section.events tbody tr").count() >= 3
    assert chart.bounding_box()["width"] > 300
    shot(page, "5-timeline")
    assert not page.problems, page.problems


def test_hostile_pages_stay_inert(server, page):
    base, db = server
    with database(db) as conn:
        ids = [conn.value("SELECT id FROM articles WHERE title LIKE :t", t=t + "%") for t in HOSTILE_TITLES]
    for n, id_ in enumerate(ids):
        page.goto(f"{base}/article/{id_}")
        page.wait_for_load_state("load")
        headline = page.locator("h1.headline").inner_text()
        assert "<script>" in headline                                # shown as text …
        assert page.evaluate("typeof window.__pwned") == "undefined"   # … never run
        assert page.evaluate("document.body.dataset.pwned === undefined")
        assert page.locator("script").count() == 0
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.locator(".body img, .body svg").count() == 0
        for link in page.locator(".body a, h1 a").all():              # the body's links are svodka's own
            assert link.get_attribute("href").startswith("/")
        shot(page, f"6-hostile-{n}")
    page.goto(f"{base}/search?q=довольны+результатами")
    assert page.locator("article.hit").count() >= 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    shot(page, "7-hostile-search")
    # no violation had to be blocked: the text was escaped, the Content Security Policy never fired
    assert not page.problems, page.problems


def test_russian_switch(server, page):
    base, _ = server
    page.goto(base + "/")
    page.get_by_role("link", name="Русский").click()
    assert page.locator("nav.nav").get_by_role("link", name="Поиск").is_visible()
    page.goto(base + "/events")                                  # the cookie remembers the choice
    assert page.locator("h1").inner_text() == "События"
    shot(page, "8-events-ru")
    page.get_by_role("link", name="English").click()
    assert page.locator("h1").inner_text() == "Events"


def one_line(page, selector: str) -> list[str]:
    """The texts of the elements ``selector`` that the browser broke over more than one line."""
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)].filter(el => {
        const range = document.createRange(); range.selectNodeContents(el);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
    }).map(el => el.innerText)""", selector)


def test_corpus_events_page(server, page):
    """The events page lists corpus events: merged rows with their counts, best sentence and reporting
    articles; the filter form narrows them; dates read as words and never wrap, also in a narrow window."""
    base, _ = server
    page.goto(base + "/events?sort=articles")
    rows = page.locator("tr.corpus-event")
    assert rows.count() >= 10
    top = rows.first
    assert int(top.locator(".n-articles").inner_text().split()[0]) >= 5          # several reports, one row
    assert top.locator(".reports-list a").count() == 3 and top.locator(".evidence").inner_text().strip()
    dates = [d.strip() for d in page.locator("td.date").all_inner_texts() if d.strip()]
    assert dates and not [d for d in dates if re.search(r"\d{4}-\d{2}", d)], dates
    assert any(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", d) for d in dates), dates
    shot(page, "9-events-merged")

    page.select_option("select[name=type]", "meet")
    page.fill("input[name=country]", "Азербайджан")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/events\?type=meet"))
    kinds = page.locator("tr.corpus-event .etype").all_inner_texts()
    assert kinds and set(kinds) == {"meet"}
    assert page.locator("select[name=sort]").input_value() == "articles"               # the form keeps its choices
    shot(page, "10-events-filtered")

    page.set_viewport_size({"width": 760, "height": 900})
    page.goto(base + "/events?lang=ru")
    assert page.locator("h1").inner_text() == "События"
    assert not one_line(page, "td.date"), "a date wrapped inside its cell"
    ru = [d.strip() for d in page.locator("td.date").all_inner_texts() if d.strip()]
    assert any(re.fullmatch(r"\d{1,2} [а-я]+ \d{4}", d) for d in ru), ru
    shot(page, "11-events-ru-narrow")
    assert not page.problems, page.problems


def test_map_page_shows_the_located_events_with_nothing_from_elsewhere(server, page):
    """/map draws the demo's located events over the country outlines svodka serves (world-atlas, d3-geo,
    installed by the Makefile into static/vendor/); every request stays on svodka's own address."""
    base, _ = server
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(base + "/map")
    box = page.locator("figure.map[data-points]")
    box.wait_for()
    points = int(box.get_attribute("data-points"))
    api = httpx.get(base + "/api/map", timeout=10).json()
    assert points >= 3 and points == len(api["features"])
    assert page.locator("figure.map circle.map-point").count() == points
    vendor = ROOT / "svodka" / "serve" / "static" / "vendor" / "countries-110m.json"
    if vendor.exists():                               # `make` installed the outlines
        assert page.locator("figure.map path.map-country").count() > 100
    assert page.locator("circle.map-point[data-place='Душанбе']").count() >= 1 or not SEED.exists()
    assert all(u.startswith(base) for u in asked), [u for u in asked if not u.startswith(base)]
    assert not page.problems, page.problems
    shot(page, "12-map")
    page.goto(base + "/map?type=arrest")              # the events page's filters
    page.locator("figure.map[data-points]").wait_for()
    arrests = httpx.get(base + "/api/map?type=arrest", timeout=10).json()["features"]
    assert int(page.locator("figure.map").get_attribute("data-points")) == len(arrests)
    assert all(f["properties"]["type"] == "arrest" for f in arrests)
