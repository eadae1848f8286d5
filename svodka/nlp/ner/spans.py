"""PER / LOC / ORG mention spans in Russian text: slovnet's news NER (via Natasha), then corrections.

    find_spans(text) -> [(start, stop, type), ...]        # [start, stop) into text, sorted, non-overlapping
    find_spans_batch(texts) -> [[...], ...]               # the same for many texts, tagged in batches

The tagger (navec news embeddings + slovnet's CNN-CRF) is loaded once per process, on first use.
Its output is corrected by rules in :mod:`svodka.nlp.ner.rules` that follow factRuEval-2016's
annotation conventions (see that module); they use razdel tokens and pymorphy lookups only.
"""
from __future__ import annotations

import bisect
import threading
from typing import Iterable, Sequence

from razdel import tokenize as _razdel_tokenize

from . import rules as ner_rules

Span = tuple[int, int, str]

_LOCK = threading.RLock()
_EMB = None
_INFER = None
_BATCH = 16          # texts per slovnet batch (sorted by length first, so padding stays small)


def embedding():
    """Natasha's news embeddings (navec, ~100 MB of arrays), loaded once per process and shareable with
    other slovnet models (morphology, syntax) so that they do not load a second copy."""
    global _EMB
    if _EMB is None:
        with _LOCK:
            if _EMB is None:
                from natasha import NewsEmbedding     # heavy: natasha and ~100 MB of arrays, on first use only

                _EMB = NewsEmbedding()
    return _EMB


def _infer():
    """slovnet's NER inference object (embeddings injected), loaded once per process."""
    global _INFER
    if _INFER is None:
        with _LOCK:
            if _INFER is None:
                from natasha import NewsNERTagger     # heavy: the slovnet model, on first use only

                _INFER = NewsNERTagger(embedding()).infer
    return _INFER


def load():
    """Load the tagger now (otherwise the first call does); returns it."""
    return _infer()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in _razdel_tokenize(text)]


# The tagger pads a batch to its longest list: one run-together "paragraph" of 20 000 words
# took 1.6 GB. Longer lists are tagged in windows of this many words (news paragraphs have
# far fewer; the tagger's context is a few words, so only a name cut by a window edge suffers).
MAX_TAGGED_TOKENS = 1000


def tag_tokens(token_lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags (``B-PER``, ``I-ORG``, ``O`` …) for each list of words, in batches of similar length."""
    if any(len(words) > MAX_TAGGED_TOKENS for words in token_lists):
        pieces, owners = [], []
        for i, words in enumerate(token_lists):
            for start in range(0, max(len(words), 1), MAX_TAGGED_TOKENS):
                pieces.append(words[start:start + MAX_TAGGED_TOKENS])
                owners.append(i)
        joined: list[list[str]] = [[] for _ in token_lists]
        for i, tags in zip(owners, tag_tokens(pieces)):
            joined[i] += tags
        return joined
    infer = _infer()
    order = sorted(range(len(token_lists)), key=lambda i: len(token_lists[i]))
    out: list[list[str] | None] = [None] * len(token_lists)
    for k in range(0, len(order), _BATCH):
        chunk = [i for i in order[k:k + _BATCH] if token_lists[i]]
        for i in order[k:k + _BATCH]:
            if not token_lists[i]:
                out[i] = []
        if not chunk:
            continue
        items = [list(token_lists[i]) for i in chunk]
        inputs = infer.encoder(items)
        preds = infer.decoder(infer.process(inputs))
        for i, tags in zip(chunk, preds):
            out[i] = list(tags)
    return out  # type: ignore[return-value]


def bio_spans(tags: Sequence[str]) -> list[list]:
    """[[i, j, type], …] token spans (j exclusive) from BIO tags, as slovnet reads them."""
    spans: list[list] = []
    cur = None
    for k, tag in enumerate(tags):
        part, _, typ = tag.partition("-")
        if not typ:
            cur = None
            continue
        if cur is not None and cur[2] == typ and part != "B":
            cur[1] = k + 1
        else:
            cur = [k, k + 1, typ]
            spans.append(cur)
    return spans


def raw_spans_batch(texts: Sequence[str]) -> list[list[Span]]:
    """Slovnet's spans, uncorrected (the baseline the corrections are measured against)."""
    toks = [_tokens(t) for t in texts]
    tags = tag_tokens([[w for _, _, w in ts] for ts in toks])
    return [[(ts[i][0], ts[j - 1][1], typ) for i, j, typ in bio_spans(tg)] for ts, tg in zip(toks, tags)]


def find_spans_batch(texts: Iterable[str], corrected: bool = True) -> list[list[Span]]:
    """PER/LOC/ORG spans for each text (see :func:`find_spans`)."""
    texts = list(texts)
    toks = [_tokens(t) for t in texts]
    tags = tag_tokens([[w for _, _, w in ts] for ts in toks])
    out = []
    for text, ts, tg in zip(texts, toks, tags):
        spans = bio_spans(tg)
        if corrected:
            spans = ner_rules.correct(text, ts, spans)
        out.append(sorted((ts[i][0], ts[j - 1][1], typ) for i, j, typ in spans))
    return out


def find_spans_fields(texts: Sequence[str]) -> list[list[Span]]:
    """Spans for the fields of ONE document (title, lead, paragraphs …), offsets into each field.

    Like :func:`find_spans_batch`, but the corrections see the fields together, so evidence from one
    field helps another: a surname named in full in the lead is a person alone in a later paragraph,
    an abbreviation defined in one paragraph ("Комитет защиты журналистов (КЗЖ)") is an organisation
    in the next, a craft named after "шаттл" is not an organisation elsewhere.  No mention crosses a
    field: the fields are joined by blank lines, which no mention spans."""
    texts = list(texts)
    toks = [_tokens(t) for t in texts]
    tags = tag_tokens([[w for _, _, w in ts] for ts in toks])
    sep = "\n\n"
    joined_toks: list[tuple[int, int, str]] = []
    spans: list[list] = []
    starts = []
    offset = 0
    for text, ts, tg in zip(texts, toks, tags):
        starts.append(offset)
        base = len(joined_toks)
        joined_toks.extend((a + offset, b + offset, w) for a, b, w in ts)
        spans.extend([i + base, j + base, typ] for i, j, typ in bio_spans(tg))
        offset += len(text) + len(sep)
    joined = sep.join(texts)
    fixed = ner_rules.correct(joined, joined_toks, spans)
    out: list[list[Span]] = [[] for _ in texts]
    for i, j, typ in fixed:
        a, b = joined_toks[i][0], joined_toks[j - 1][1]
        k = bisect.bisect_right(starts, a) - 1
        lo, hi = starts[k], starts[k] + len(texts[k])
        if lo <= a and b <= hi:
            out[k].append((a - lo, b - lo, typ))
    return [sorted(x) for x in out]


def find_spans(text: str) -> list[Span]:
    """PER, LOC and ORG mentions in ``text``: sorted, non-overlapping ``(start, stop, type)``, stop exclusive."""
    if not text or not text.strip():
        return []
    return find_spans_batch([text])[0]
