"""The demo corpus (demo/): every page in every input form is read, with a title and a body."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from svodka import Article, Rejected, analyze_paths

DEMO = ROOT / "demo"
DATA = ["text", "html", "jsonl", "warc"]          # README.md and make_warc.py are not pages
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def results():
    return list(analyze_paths([str(DEMO / d) for d in DATA]))


@pytest.fixture(scope="module")
def articles(results):
    return [r for r in results if isinstance(r, Article)]


def pages(folder: str) -> list[Path]:
    return sorted(p for p in (DEMO / folder).rglob("*") if p.is_file())


def test_nothing_rejected(results):
    rejected = [(r.source, r.reason) for r in results if isinstance(r, Rejected)]
    assert rejected == []


def test_every_file_is_read(articles):
    sources = [a.source for a in articles]
    for path in (p for d in DATA for p in pages(d)):
        assert any(s == str(path) or s.startswith(f"{path}#") for s in sources), path


def test_at_least_forty_articles_with_title_and_body(articles):
    assert len(articles) >= 40
    for a in articles:
        assert a.title, a.source
        assert a.body and all(p.strip() for p in a.body), a.source
        assert a.published and a.published.startswith("2025-"), a.source
        assert a.language == "ru", a.source


def test_every_form_is_present(articles):
    layouts = {(Path(a.source.split("#")[0]).relative_to(DEMO).parts[0], a.layout) for a in articles}
    assert {("text", "text"), ("html", "html"), ("jsonl", "text"), ("jsonl", "html"),
            ("warc", "html")} <= layouts


def test_seed_like_dumps_yield_authors_tags_and_cards(articles):
    seed_like = [a for a in articles if "/text/vestnik-dnya/" in a.source]
    assert len(seed_like) == len(pages("text/vestnik-dnya")) >= 5
    for a in seed_like:
        assert a.authors, a.source
        assert a.cards and all(c.born for c in a.cards), a.source
        assert a.media and a.media[0].credit, a.source
    # the space-separated tag row is a heuristic: most pages, not necessarily all
    assert sum(bool(a.tags) for a in seed_like) >= len(seed_like) - 2


def test_cp1251_pages_decode(articles):
    cp1251 = [a for a in articles if "/html/yug-telegraf/" in a.source]
    assert len(cp1251) == len(pages("html/yug-telegraf")) >= 3
    for path in pages("html/yug-telegraf"):
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")          # really served in windows-1251
    for a in cp1251:
        assert a.encoding and a.encoding.replace("windows-", "cp") == "cp1251", a.source
        assert CYRILLIC.search(a.title), a.source
        assert "�" not in a.title + "".join(a.body), a.source


def test_warc_yields_its_records(articles):
    warc = [a for a in articles if "/warc/crawl.warc.gz#" in a.source]
    assert len(warc) >= 5
    for a in warc:
        assert a.url and a.url.startswith("https://gorvesti.example/news/"), a.source
        assert a.site == "gorvesti.example"
        # the WARC-Date of the crawl is the publication day, which the URL also carries
        assert a.url.split("/news/")[1][:10].replace("/", "-") == a.published, a.url


def test_jsonl_items_keep_their_ids_and_dates(articles):
    wire = [a for a in articles if "/jsonl/wire.jsonl#L" in a.source]
    lines = [l for l in (DEMO / "jsonl" / "wire.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(wire) == len(lines) >= 5
    assert all(a.id.startswith("most-2025") and a.id[5:13] == a.published.replace("-", "") for a in wire)
