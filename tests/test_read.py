"""svodka.read: files, folders, stdin, gzip, JSONL, WARC/WET, encodings, bad input.

All fixture texts are invented for these tests.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from svodka.model import RawDocument, Rejected
from svodka.read import gz, read_bytes, read_paths

STORY = (
    "Жители посёлка Малые Ёлки впервые собрали рекордный урожай тыкв.\n"
    "По словам главы сельсовета, самая крупная тыква весила почти сто килограммов.\n"
    "Праздник урожая пройдёт в субботу на центральной площади, вход свободный.\n"
)
SHORT = "Мост через реку Тихую откроют после ремонта в начале весны."
HEADLINE = "Школьники из Заречья построили метеостанцию"


def html_page(body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"ru\"><head>{head}<title>{HEADLINE}</title></head>"
            f"<body><h1>{HEADLINE}</h1><p>{body}</p></body></html>\n")


def one(results) -> RawDocument | Rejected:
    results = list(results)
    assert len(results) == 1, results
    return results[0]


def write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- text dumps ------------------------------------------------------------------------

def test_text_dump_with_header(tmp_path):
    data = (" date 2025-12-24  Перейти к основному контенту\n" + STORY).encode()
    path = write(tmp_path / "page.txt", data)
    doc = one(read_paths([str(path)]))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text" and doc.encoding == "utf-8"
    assert doc.date == "2025-12-24"
    assert doc.text.startswith("Перейти к основному контенту\nЖители посёлка")
    assert "date" not in doc.text.splitlines()[0]
    assert doc.source == str(path)
    assert doc.data == data and len(doc.sha256) == 64


def test_text_dump_without_header(tmp_path):
    path = write(tmp_path / "page.txt", STORY.encode())
    doc = one(read_paths([str(path)]))
    assert doc.date is None and doc.text == STORY and doc.kind == "text"


@pytest.mark.parametrize("raw, first_line", [
    ("date 2024-03-08  Главная страница\nТекст", "Главная страница"),     # no leading space
    (" date 2024-03-08 Главная страница\nТекст", "Главная страница"),     # one space
    (" date 2024-03-08\nГлавная страница\nТекст", "Главная страница"),    # header alone
])
def test_text_header_is_tolerant(raw, first_line):
    doc = read_bytes(raw.encode(), "x", kind="text")
    assert doc.date == "2024-03-08"
    assert doc.text.splitlines()[0] == first_line


def test_explicit_date_beats_header():
    doc = read_bytes(" date 2024-03-08  Текст новости".encode(), "x", date="2025-01-02T10:00:00Z")
    assert doc.date == "2025-01-02" and doc.text == "Текст новости"


# --- encodings -------------------------------------------------------------------------

def test_utf8_with_bom(tmp_path):
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + STORY.encode())
    doc = one(read_paths([str(path)]))
    assert doc.encoding == "utf-8" and doc.text == STORY


def test_utf16_with_bom():
    doc = read_bytes(STORY.encode("utf-16"), "u16")
    assert doc.encoding == "utf-16" and "рекордный урожай" in doc.text


def test_cp1251_html_with_meta_charset(tmp_path):
    page = html_page(STORY, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    path = write(tmp_path / "page.html", page.encode("cp1251"))
    doc = one(read_paths([str(path)]))
    assert doc.kind == "html" and doc.encoding == "cp1251"
    assert "Школьники из Заречья" in doc.text and "крупная тыква" in doc.text


def test_koi8r_html_without_declaration(tmp_path):
    path = write(tmp_path / "page.htm", html_page(STORY).encode("koi8-r"))
    doc = one(read_paths([str(path)]))
    assert doc.kind == "html" and doc.encoding == "koi8-r"
    assert "метеостанцию" in doc.text and "субботу" in doc.text


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
@pytest.mark.parametrize("text", [SHORT, HEADLINE, STORY, "Погода: завтра снег и ветер."])
def test_short_cyrillic_texts_pick_the_right_code_page(codec, text):
    doc = read_bytes(text.encode(codec), "x")
    assert (doc.encoding, doc.text) == (codec, text)


def test_declared_windows1251_but_utf8(tmp_path):
    page = html_page(STORY, '<meta charset="windows-1251">')
    path = write(tmp_path / "liar.html", page.encode("utf-8"))
    doc = one(read_paths([str(path)]))
    assert doc.encoding == "utf-8" and "рекордный урожай" in doc.text


def test_wrong_single_byte_declaration_is_overruled():
    page = html_page(STORY, '<meta charset="windows-1251">').encode("koi8-r")
    doc = read_bytes(page, "x")
    assert doc.encoding == "koi8-r" and "рекордный урожай" in doc.text


def test_western_text_is_not_forced_into_cyrillic():
    text = "Müller läuft schön über die Straße, während es draußen regnet."
    doc = read_bytes(text.encode("cp1252"), "x")
    assert doc.text == text


def test_encoding_hint_used_when_not_utf8():
    doc = read_bytes(SHORT.encode("koi8-r"), "x", encoding="KOI8-R")
    assert doc.encoding == "koi8-r" and doc.text == SHORT


# --- HTML sniffing ---------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["", "\ufeff", "  \n", "<!-- сохранено браузером -->\n"])
def test_html_sniffed_without_extension(tmp_path, prefix):
    path = write(tmp_path / "page", (prefix + html_page(SHORT)).encode())
    doc = one(read_paths([str(path)]))
    assert doc.kind == "html" and SHORT in doc.text


def test_body_tag_early_is_html():
    doc = read_bytes(f"<div>меню</div><body><p>{SHORT}</p></body>".encode(), "x")
    assert doc.kind == "html"


# --- gzip ------------------------------------------------------------------------------

def test_gzipped_text_and_html(tmp_path):
    txt = write(tmp_path / "a.txt.gz", gzip.compress((" date 2023-05-01  " + STORY).encode()))
    page = write(tmp_path / "b.html.gz", gzip.compress(html_page(SHORT).encode("cp1251")))
    first, second = list(read_paths([str(txt), str(page)]))
    assert first.kind == "text" and first.date == "2023-05-01" and first.text == STORY
    assert second.kind == "html" and second.encoding == "cp1251" and SHORT in second.text
    assert second.source == str(page)


def test_gzip_over_limit_and_broken(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "MAX_DECOMPRESSED_BYTES", 1000)
    bomb = write(tmp_path / "1.txt.gz", gzip.compress(("ы" * 5000).encode()))
    cut = write(tmp_path / "2.txt.gz", gzip.compress(SHORT.encode() * 3)[:-12])
    fake = write(tmp_path / "3.txt.gz", b"not gzip at all, just text")
    good = write(tmp_path / "4.txt", SHORT.encode())
    results = list(read_paths([str(tmp_path)]))
    assert [r.reason for r in results[:3]] == [
        "decompressed size over limit", "gzip data truncated", "not gzip data"]
    assert results[0].source == str(bomb) and results[1].source == str(cut)
    assert results[2].source == str(fake)
    assert isinstance(results[3], RawDocument) and results[3].source == str(good)


def test_gzipped_jsonl_over_limit_stops_cleanly(tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "MAX_DECOMPRESSED_BYTES", 300)
    lines = "".join(json.dumps({"text": SHORT, "id": i}, ensure_ascii=False) + "\n"
                    for i in range(10))
    path = write(tmp_path / "many.jsonl.gz", gzip.compress(lines.encode()))
    results = list(read_paths([str(path)]))
    assert all(isinstance(r, RawDocument) for r in results[:-1]) and len(results) > 1
    assert results[-1].reason == "decompressed size over limit"


# --- JSONL -----------------------------------------------------------------------------

def test_jsonl_lines(tmp_path):
    rows = [
        json.dumps({"text": STORY, "url": "https://example.ru/n/1", "date": "2025-02-03T08:00:00",
                    "id": 17}, ensure_ascii=False),
        '{"text": "обрыв',
        json.dumps({"title": "нет ни текста, ни разметки"}, ensure_ascii=False),
        "",
        json.dumps({"html": html_page(SHORT), "id": "b"}, ensure_ascii=False),
        "[1, 2]",
    ]
    data = "\n".join(rows).encode() + b"\n"
    path = write(tmp_path / "batch.jsonl", data)
    results = list(read_paths([str(path)]))
    assert len(results) == 5                       # the blank line is skipped
    good, bad, empty, page, array = results
    assert good.source == f"{path}#L1" and good.kind == "text"
    assert good.url == "https://example.ru/n/1" and good.date == "2025-02-03"
    assert good.doc_id == "17" and good.text == STORY
    assert good.data == rows[0].encode()
    assert (bad.source, bad.reason) == (f"{path}#L2", "invalid JSON on line 2")
    assert empty.reason == "no text or html field on line 3"
    assert page.source == f"{path}#L5" and page.kind == "html" and SHORT in page.text
    assert array.reason == "JSON on line 6 is not an object"


def test_jsonl_gz(tmp_path):
    line = json.dumps({"text": SHORT, "id": "x1"}, ensure_ascii=False) + "\n"
    path = write(tmp_path / "one.ndjson.gz", gzip.compress(line.encode()))
    doc = one(read_paths([str(path)]))
    assert doc.doc_id == "x1" and doc.text == SHORT and doc.source == f"{path}#L1"


# --- WARC / WET ------------------------------------------------------------------------

def build_warc(compress: bool) -> tuple[bytes, dict[str, str]]:
    """A small archive: cp1251 response, request, resource, 404, image, WET conversion."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    ids: dict[str, str] = {}

    def add(name, uri, rec_type, payload: bytes, http=None, content_type=None, date=None):
        record = writer.create_warc_record(
            uri, rec_type, payload=io.BytesIO(payload), http_headers=http,
            warc_content_type=content_type,
            warc_headers_dict={"WARC-Date": date} if date else None)
        ids[name] = record.rec_headers.get_header("WARC-Record-ID")
        writer.write_record(record)

    def http(status, ctype):
        return StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")

    add("request", "https://example.ru/a", "request", b"",
        http=StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.ru")], is_http_request=True))
    add("page", "https://example.ru/a", "response", html_page(STORY).encode("cp1251"),
        http=http("200 OK", "text/html; charset=windows-1251"), date="2025-03-15T09:30:00Z")
    add("resource", "https://example.ru/b.txt", "resource", SHORT.encode("utf-8"),
        content_type="text/plain; charset=utf-8", date="2025-03-16T00:00:00Z")
    add("missing", "https://example.ru/gone", "response", "Нет такой страницы".encode(),
        http=http("404 Not Found", "text/html"))
    add("image", "https://example.ru/p.png", "response", b"\x89PNG\r\n\x1a\n" + bytes(64),
        http=http("200 OK", "image/png"))
    add("wet", "https://example.ru/c", "conversion", (HEADLINE + "\n" + STORY).encode(),
        content_type="text/plain", date="2025-03-17T12:00:00Z")
    return out.getvalue(), ids


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_records(tmp_path, name):
    data, ids = build_warc(compress=name.endswith(".gz"))
    path = write(tmp_path / name, data)
    results = list(read_paths([str(path)]))
    assert len(results) == 5                       # the request record is skipped
    page, resource, missing, image, wet = results
    assert page.kind == "html" and page.encoding == "cp1251"
    assert "крупная тыква" in page.text
    assert page.url == "https://example.ru/a" and page.date == "2025-03-15"
    assert page.record_id == ids["page"] and page.source == f"{path}#{ids['page']}"
    assert page.data == html_page(STORY).encode("cp1251")
    assert resource.text == SHORT and resource.date == "2025-03-16"
    assert resource.record_id == ids["resource"]
    assert (missing.source, missing.reason) == (f"{path}#{ids['missing']}", "HTTP status 404")
    assert image.reason == "not an HTML or text payload (image/png)"
    assert wet.kind == "text" and wet.encoding == "utf-8" and wet.text.startswith(HEADLINE)
    assert wet.url == "https://example.ru/c" and wet.date == "2025-03-17"


@pytest.mark.parametrize("name", ["cut.warc", "cut.wet.gz"])
def test_truncated_warc_stops_file_not_batch(tmp_path, name):
    data, ids = build_warc(compress=name.endswith(".gz"))
    if name.endswith(".gz"):
        data = data[:-20]                          # inside the last gzip member
    else:                                          # inside the WET record's text
        data = data[: data.index((HEADLINE + "\n" + STORY).encode()) + 20]
    cut = write(tmp_path / name, data)
    after = write(tmp_path / "z.txt", SHORT.encode())
    results = list(read_paths([str(cut), str(after)]))
    assert results[0].record_id == ids["page"] and "крупная тыква" in results[0].text
    assert results[-2].reason == "WARC record truncated"
    assert results[-2].source.startswith(f"{cut}#")
    assert results[-1].source == str(after) and results[-1].text == SHORT


def test_not_a_warc(tmp_path):
    path = write(tmp_path / "fake.warc", html_page(SHORT).encode())
    assert one(read_paths([str(path)])).reason == "not a WARC file"


# --- folders and stdin -----------------------------------------------------------------

def test_folder_recursive_sorted_skips_hidden(tmp_path):
    write(tmp_path / "b" / "inner" / "deep.txt", SHORT.encode())
    write(tmp_path / "a.txt", STORY.encode())
    write(tmp_path / "c.html", html_page(SHORT).encode())
    write(tmp_path / ".hidden.txt", SHORT.encode())
    write(tmp_path / ".git" / "notes.txt", SHORT.encode())
    sources = [r.source for r in read_paths([str(tmp_path)])]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "inner" / "deep.txt"),
                       str(tmp_path / "c.html")]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_folder_symlink_loop_is_read_once(tmp_path):
    write(tmp_path / "news" / "a.txt", SHORT.encode())
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news")
    assert [r.source for r in read_paths([str(tmp_path)])] == [str(tmp_path / "news" / "a.txt")]


def test_stdin_text():
    doc = one(read_paths(["-"], stdin=io.BytesIO((" date 2022-09-01  " + SHORT).encode("cp1251"))))
    assert doc.source == "<stdin>" and doc.encoding == "cp1251"
    assert doc.text == SHORT and doc.date == "2022-09-01"


def test_stdin_sniffs_gzip_warc_and_jsonl():
    warc, ids = build_warc(compress=True)
    assert len(list(read_paths(["-"], stdin=io.BytesIO(warc)))) == 5
    page = one(read_paths(["-"], stdin=io.BytesIO(gzip.compress(html_page(SHORT).encode()))))
    assert page.kind == "html" and SHORT in page.text
    line = json.dumps({"text": SHORT}, ensure_ascii=False).encode()
    doc = one(read_paths(["-"], stdin=io.BytesIO(line)))
    assert doc.source == "<stdin>#L1" and doc.text == SHORT


# --- bad input -------------------------------------------------------------------------

def test_bad_inputs_are_rejected_and_batch_goes_on(tmp_path):
    junk = write(tmp_path / "junk.bin", random.Random(7).randbytes(4000))
    junk_txt = write(tmp_path / "junk.txt", random.Random(8).randbytes(4000))
    empty = write(tmp_path / "empty.txt", b"")
    blank = write(tmp_path / "blank.txt", b" \n\t\r\n ")
    good = write(tmp_path / "good.txt", STORY.encode())
    missing = tmp_path / "nope.txt"
    paths = [str(p) for p in (junk, junk_txt, empty, missing, blank, good)]
    results = list(read_paths(paths))
    assert [r.source for r in results] == paths
    assert results[0].reason.startswith("binary data, not text (")
    assert results[0].reason.endswith("% control bytes)")
    assert results[1].reason.startswith("binary data, not text")
    assert results[2].reason == "empty file"
    assert results[3].reason == "not found"
    assert results[4].reason == "empty document"
    assert results[5].text == STORY
    assert results[0].sha256 == RawDocument("x", junk.read_bytes()).sha256


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path):
    path = write(tmp_path / "secret.txt", SHORT.encode())
    path.chmod(0)
    try:
        assert one(read_paths([str(path)])).reason == "permission denied"
    finally:
        path.chmod(0o644)


def test_nul_bytes_are_binary():
    assert read_bytes(b"\x00" * 100 + b"abc", "x").reason.startswith("binary data")


# --- big documents: code pages ranked on a sample ------------------------------------------

@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_big_cyrillic_document_is_decoded_whole(codec):
    from svodka.read.encoding import DETECTION_SAMPLE_BYTES
    text = (STORY * (2 * DETECTION_SAMPLE_BYTES // len(STORY.encode(codec)) + 1))
    doc = read_bytes(text.encode(codec), "big")
    assert doc.encoding == codec and doc.text == text


def test_bad_byte_after_the_sample_is_replaced_not_fatal():
    from svodka.read.encoding import DETECTION_SAMPLE_BYTES
    head = STORY.encode("cp1251") * (DETECTION_SAMPLE_BYTES // len(STORY) + 1)
    doc = read_bytes(head + b"\x98" + SHORT.encode("cp1251"), "x")   # 0x98: no cp1251 character
    assert doc.encoding == "cp1251" and doc.text.endswith("\ufffd" + SHORT)


# --- an article's site (issue 18, 3): the URL's, else the site a JSONL record names, else the folder's --------

SITE_TEXT = ("Заголовок новости о встрече\n\nПрезидент России Владимир Путин провел встречу с губернатором в Кремле, "
             "сообщила пресс-служба.\n\nСтороны обсудили развитие региона и строительство дорог.")


def test_site_from_url_jsonl_field_or_folder(tmp_path):
    from svodka.page import layout

    outlet = tmp_path / "uralsky-kurier"
    outlet.mkdir()
    (outlet / "a.txt").write_text(SITE_TEXT, encoding="utf-8")
    lines = [{"id": "named", "site": " most-news.example ", "text": SITE_TEXT},
             {"id": "both", "site": "Мост", "url": "https://www.lenta.ru/news/1", "text": SITE_TEXT},
             {"id": "none", "text": SITE_TEXT}]
    (outlet / "feed.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    sites = {a.doc_id or "dump": layout(a).site for a in read_paths([str(outlet)]) if isinstance(a, RawDocument)}
    assert sites == {"dump": "uralsky-kurier", "named": "most-news.example", "both": "lenta.ru",
                     "none": "uralsky-kurier"}
