"""Properties (hypothesis) of the readers and the pipeline: whatever the bytes, a reader returns
documents or Rejected records and never raises; Russian text survives its encodings; the pipeline
gives one result per input, in order; the text layout invents no text.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import re

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from svodka.model import Article, RawDocument, Rejected
from svodka.pipeline import Pipeline
from svodka.read import read_bytes, read_paths
from svodka.read.jsonl import read_jsonl
from svodka.read.warc import read_warc

# Derandomized: the suite runs the same examples every time (CI stays reproducible); the search
# for new inputs is benchmarks/fuzz.py's job. No "explain" phase: its tracer slows the readers
# a hundredfold while shrinking a failure.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True, phases=PHASES)
NLP = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow],
               derandomize=True, phases=PHASES)

WORDS = ("Президент России Владимир Путин провёл телефонный разговор с президентом Азербайджана "
         "Ильхамом Алиевым стороны обсудили сотрудничество сообщили в Кремле жители посёлка "
         "собрали урожай тыкв весной мост через реку откроют после ремонта ещё объём съезд "
         "Щёлково Южно-Сахалинск ЦИК МИД").split()
PUNCT = [" ", " ", " ", ", ", ". ", " — ", " «", "» ", "\n", "! ", "? ", ": "]
russian_text = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCT)), min_size=4, max_size=60).map(
    lambda parts: "".join(w + p for w, p in parts).strip() + ".")
# what koi8-r can write too (it has no dashes or guillemets)
PLAIN_PUNCT = [" ", " ", " ", ", ", ". ", " - ", "\n", "! ", "? ", ": ", " (", ") "]
plain_russian = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PLAIN_PUNCT)), min_size=4,
                         max_size=60).map(lambda parts: "".join(w + p for w, p in parts).strip() + ".")
TAGS = ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<b>", "<a href='/x'>", "</a>", "<br>", "<script>",
        "</script>", "<table><tr><td>", "<html>", "<body>", "<!--", "-->", "<", ">", "&amp;", "&#0;", "\x00"]
markup = st.lists(st.one_of(st.sampled_from(TAGS), russian_text, st.text(max_size=30)), max_size=40).map("".join)


def _is_result(item, data: bytes) -> bool:
    if isinstance(item, Rejected):
        return bool(item.reason) and item.sha256 in (None, hashlib.sha256(data).hexdigest())
    return isinstance(item, RawDocument) and isinstance(item.text, str) and item.text.strip() != ""


@FAST
@given(st.binary(max_size=3000))
def test_read_bytes_never_raises(data):
    assert _is_result(read_bytes(data, "x"), data)


@FAST
@given(st.binary(max_size=2000), st.sampled_from([None, "html", "text"]),
       st.sampled_from([None, "utf-8", "windows-1251", "koi8-r", "nonsense", "utf-16"]))
def test_read_bytes_with_hints_never_raises(data, kind, encoding):
    assert _is_result(read_bytes(data, "x", kind=kind, encoding=encoding), data)


@settings(max_examples=60, deadline=None, derandomize=True, phases=PHASES)
@given(plain_russian, st.sampled_from(["utf-8", "cp1251", "koi8-r"]))
def test_russian_text_round_trips_through_its_encoding(text, codec):
    doc = read_bytes(text.encode(codec), "x", kind="text")
    assert isinstance(doc, RawDocument)
    assert doc.text == text and doc.encoding == codec


@FAST
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8", "replace")),
                          st.builds(lambda t, u: ('{"text": %s, "url": %s}' % (t, u)).encode(),
                                    st.sampled_from(['"Новость"', '""', "5", "null", '"\\ud800"', "[1]"]),
                                    st.sampled_from(['"https://x.ru"', "7", "{}", '"'])))))
def test_jsonl_reader_on_arbitrary_lines(lines):
    results = list(read_jsonl([line + b"\n" for line in lines], "feed.jsonl"))
    blank = [n for n, line in enumerate(lines, 1) if not line.strip()]
    assert len(results) == len(lines) - len(blank)
    for item in results:
        assert isinstance(item, (RawDocument, Rejected))
        assert re.fullmatch(r"feed\.jsonl#L\d+", item.source)


@FAST
@given(st.binary(max_size=2000), st.booleans())
def test_warc_reader_on_arbitrary_bytes(tail, compress):
    data = b"WARC/1.0\r\n" + tail
    results = list(read_warc(io.BytesIO(gzip.compress(data) if compress else data), "a.warc"))
    assert all(isinstance(r, (RawDocument, Rejected)) for r in results)


@settings(max_examples=40, deadline=None, derandomize=True, phases=PHASES)
@given(st.binary(max_size=1000), st.sampled_from(["a.gz", "a.txt.gz", "a.jsonl.gz", "a.warc.gz", "a.html", "a"]))
def test_read_paths_on_arbitrary_files(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("in") / name
    path.write_bytes(data)
    results = list(read_paths([str(path)]))
    assert results and all(isinstance(r, (RawDocument, Rejected)) for r in results)
    assert all(r.source.startswith(str(path)) for r in results)


_pipeline = Pipeline(batch_size=3, time_limit=30)


@NLP
@given(st.lists(st.tuples(st.one_of(russian_text, markup), st.sampled_from(["text", "html"])), min_size=1, max_size=5))
def test_pipe_gives_one_result_per_input_in_order(docs):
    raws = [read_bytes(text.encode("utf-8", "surrogatepass"), f"doc{n}", kind=kind)
            for n, (text, kind) in enumerate(docs)]
    results = list(_pipeline.pipe(raws))
    assert len(results) == len(raws)
    for raw, result in zip(raws, results):
        assert isinstance(result, (Article, Rejected)) and result.source == raw.source
        if isinstance(raw, Rejected):
            assert result is raw


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=60, deadline=None, derandomize=True, phases=PHASES)
@given(st.lists(st.one_of(russian_text, st.sampled_from(["Главная", "Новости", "Политика", "24 декабря 2025",
                                                         "Фото: ТАСС", "Читайте также"])), min_size=1, max_size=12))
def test_text_layout_invents_no_text(lines):
    raw = read_bytes("\n".join(lines).encode(), "dump", kind="text")
    result = Pipeline(nlp=False).analyze(raw)
    if isinstance(result, Rejected):
        assert result.reason == "no article text found on the page"
        return
    source = _squash(raw.text)
    for part in [result.title, result.lead, *result.body, *result.alt_titles]:
        if part:
            assert _squash(part) in source, part
