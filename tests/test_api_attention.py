"""Attention over time and the downloads (issue 18, 4 and 5) over the demo store, on both backends: the
counts of /api/attention against the search's own matches and the store, and every .csv route parsed with
the csv module (its .json twin with json) and checked against what the page or the API lists.
"""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import warnings
from datetime import date
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from conftest import ROOT, store_at  # noqa: E402
from svodka import Article  # noqa: E402
from svodka.ingest import ingest  # noqa: E402
from svodka.store import open_store  # noqa: E402

DEMO = [str(ROOT / "demo" / d) for d in ("text", "html", "jsonl", "warc")]
UNDATED = Article(id="undated-aliev", source="undated.txt", title="Ильхам Алиев принял делегацию",
                  body=["Президент Азербайджана Ильхам Алиев принял делегацию в Баку."], language="ru")


@pytest.fixture(scope="module")
def db(backend, tmp_path_factory, replay_pipeline):
    """The demo corpus (the same ingest as test_export_corpus: the replay pipeline analyses it once) and one
    article about Алиев without a date."""
    db = store_at(backend, tmp_path_factory.mktemp("attention"), "attention")
    assert ingest(DEMO, db, progress=False, pipeline=replay_pipeline).new == 51
    with open_store(db) as store:
        assert store.add_articles([UNDATED]) == 1
    return db


@pytest.fixture(scope="module")
def client(db):
    from svodka.serve import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def get(client, url: str, **params):
    r = client.get(url, params=params) if params else client.get(url)     # params={} would drop the URL's own query
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    return r


def rows_of(client, url: str, **params) -> list[dict]:
    """A .csv download parsed with the csv module; its .json twin must list the same rows."""
    r = get(client, url, **params)
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text, newline="")))
    twin = get(client, url.replace(".csv", ".json"), **params).json()
    assert isinstance(twin, list) and len(twin) == len(rows), url
    if rows:
        assert list(twin[0]) == list(rows[0]), url
    return rows


def test_attention_counts_the_matches_per_period(client, db):
    matches = rows_of(client, "/search.csv", q="Алиеву")
    found = get(client, "/api/attention", q="Алиеву", interval="month").json()
    assert found["interval"] == "month" and found["queries"] == ["Алиеву"]
    series = found["series"][0]
    dated = [m for m in matches if m["published"]]
    assert series["matches"] == len(matches) and series["undated"] == len(matches) - len(dated) == 1
    by_month: dict[str, int] = {}
    for m in dated:
        by_month[m["published"][:7]] = by_month.get(m["published"][:7], 0) + 1
    assert {p["period"]: p["count"] for p in series["points"] if p["count"]} == by_month
    assert found["periods"] == sorted(found["periods"]) and len(found["periods"]) == 12   # 2025-01 … 2025-12
    with open_store(db) as store:
        assert sum(found["totals"]) + found["undated_total"] == len(store)
    assert found["undated_total"] == 1
    for p, total in zip(series["points"], found["totals"]):
        assert p["total"] == total and p["share"] == pytest.approx(p["count"] / total if total else 0, abs=1e-6)


def test_attention_two_queries_weeks_sites_and_filters(client):
    two = get(client, "/api/attention", q=["Алиеву", "снегопад"], interval="week").json()
    assert [s["query"] for s in two["series"]] == ["Алиеву", "снегопад"]
    assert all(date.fromisoformat(p).weekday() == 0 for p in two["periods"])         # weeks named by Monday
    assert two["series"][1]["matches"] >= 1
    plain = get(client, "/api/attention", q="Алиеву").json()["series"][0]
    split = get(client, "/api/attention", q="Алиеву", by="site").json()["series"]
    assert len(split) >= 3 and sum(s["matches"] for s in split) == plain["matches"]
    assert all(s["label"].startswith("Алиеву · ") for s in split)
    site = next(s["site"] for s in split if s["site"] not in ("", "other"))
    narrowed = get(client, "/api/attention", q="Алиеву", site=site, **{"from": "2025-10-01"}).json()
    assert narrowed["filters"] == {"from": "2025-10-01", "site": site}
    assert narrowed["periods"][0] >= "2025-10-01"
    assert sum(narrowed["totals"]) == len(rows_of(client, "/search.csv", site=site, **{"from": "2025-10-01"}))
    entity = get(client, "/api/attention", entity="Ильхам Алиев").json()["series"][0]
    assert entity["label"] == "entity: Ильхам Алиев" and entity["matches"] >= 10
    assert client.get("/api/attention", params={"interval": "year"}).status_code == 422
    assert client.get("/api/attention", params={"q": list("abcde")}).status_code == 400
    assert client.get("/api/attention", params={"q": "x", "from": "2025-13-01"}).status_code == 400
    assert client.get("/api/attention", params={"by": "rubric"}).status_code == 422


def test_every_csv_route(client):
    events = rows_of(client, "/events.csv")
    assert len(events) == get(client, "/api/events", limit=1).json()["total"] > 20
    meets = rows_of(client, "/events.csv", type="meet")
    assert meets and all(e["type"] == "meet" for e in meets)
    assert isinstance(json.loads(meets[0]["source"]), list)                      # lists as JSON text

    timeline = get(client, "/api/timeline", a="Россия", b="Азербайджан").json()
    rows = rows_of(client, "/timeline.csv", a="Россия", b="Азербайджан")
    assert len(rows) == len(timeline["events"]) >= 3 and rows[0]["id"] == str(timeline["events"][0]["id"])

    name = quote("Ильхам Алиев")
    dossier = get(client, f"/api/entities/{name}").json()
    assert len(rows_of(client, f"/entity/{name}/events.csv")) == dossier["events_total"] > 0
    quotes = rows_of(client, f"/entity/{name}/quotes.csv")
    assert len(quotes) == dossier["quotes_total"] > 0 and all(q["speaker"] for q in quotes)
    assert client.get(f"/entity/{quote('Никто Никакой')}/events.csv").status_code == 404

    stories = rows_of(client, "/stories.csv")
    listed = get(client, "/api/stories", limit=100).json()["items"]
    assert [int(s["id"]) for s in stories] == [s["id"] for s in listed]
    assert all(len(json.loads(s["articles"])) == int(s["size"]) >= 2 for s in stories)
    assert get(client, "/stories.json").json()[0]["articles"][0]["title"]

    found = rows_of(client, "/search.csv", q="Алиеву")
    assert [r["published"] for r in found if r["published"]] == sorted((r["published"] for r in found if r["published"]),
                                                                       reverse=True)
    assert rows_of(client, "/search.csv", q="...") == []
    assert client.get("/search.csv", params={"from": "2025-02-30"}).status_code == 400
    assert client.get("/search.xml").status_code in (404, 422)


def test_pages_link_their_downloads(client):
    for page, link in (("/search?q=Алиеву", "/search.csv?q="), ("/events?type=meet", "/events.csv?type=meet"),
                       ("/timeline?a=Россия&b=Азербайджан", "/timeline.csv?a="), ("/stories", "/stories.csv?min_articles=2"),
                       (f"/entity/{quote('Ильхам Алиев')}", "/quotes.csv?id=")):
        assert link in get(client, page).text, page
    html = get(client, "/search", q="Алиеву", vs="снегопад", interval="week").text
    assert 'name="vs" value="снегопад"' in html and "Attention over time" in html
    src = re.search(r'<img class="chart attention" src="([^"]+)"', html).group(1).replace("&amp;", "&")
    chart = get(client, src)
    assert chart.headers["content-type"] == "image/svg+xml"
    assert chart.text.count('class="series series-') == 2 and "(from Monday)" in chart.text
    assert re.search(r"Алиеву \(\d+, 1 undated\)", chart.text)          # the legend: matches, and undated ones


def test_attention_command(db, tmp_path):
    plot = tmp_path / "attention.svg"
    result = subprocess.run([sys.executable, "-m", "svodka.cli", "attention", "Алиеву", "снегопад", "--db", str(db),
                             "--interval", "month", "--plot", str(plot)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["month", "articles"] and len(lines) == 13
    assert "undated articles left out: 1" in result.stderr and plot.read_text().startswith("<?xml")
    bad = subprocess.run([sys.executable, "-m", "svodka.cli", "attention", "x", "--db", str(db), "--plot", "a.gif"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "cannot write a.gif" in bad.stderr


def test_every_outlet_is_a_site(client, db):
    """Issue 18, 3 on the demo: the home page counts all eight outlets (the text dumps' and the URL-less HTML
    pages' sites are their folders), and search's --site finds a text-dump outlet's articles."""
    outlets = {"perekrestok", "uralsky-kurier", "vestnik-dnya", "yug-telegraf", "daily-obzor.example",
               "sever-gazeta.example", "most-news.example", "gorvesti.example"}
    assert get(client, "/api/stats").json()["sites"] == len(outlets)
    home = get(client, "/").text
    assert re.search(r"<dt>Sites</dt>\s*<dd[^>]*>8</dd>", home), "the home page counts every outlet"
    facets = get(client, "/api/search", q="Алиеву", facets="true").json()["facets"]["site"]
    assert {f["value"] for f in facets} <= outlets and "perekrestok" in {f["value"] for f in facets}
    result = subprocess.run([sys.executable, "-m", "svodka.cli", "search", "Алиеву", "--site", "perekrestok", "--json",
                             "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) >= 2 and all(h["site"] == "perekrestok" for h in hits)
