"""NER correction steps for organisations (see :mod:`svodka.nlp.ner.rules`).

Quoted names ("ОАО «Газпром»"), names after organisation words, bracketed abbreviations and Latin forms,
sources cited by a reporting verb, known organisations from the gazetteer, and relational adjectives
that belong to an organisation's name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon as lx
from .doc import (
    ABBR, CLOSE_Q, LATIN, LETTER, NAME_PARTICLES, OPEN_Q, PAIRS, Doc, common_word, has_letter, key, lemma,
    lemmas, matches, parses, phrase_key, prefixes, sentence_start,
)
from .split import emit


def _close_quote(doc: Doc, q: int, limit: int = 12) -> int | None:
    """Index of the quote closing the one at q (same line, at most `limit` words on), else None.
    «Guillemets» nest ("«Новый Регион — «Екатеринбург»»"); straight quotes do not."""
    opening = doc.words[q]
    closing = PAIRS.get(opening, "")
    depth = 0
    for k in range(q + 1, min(doc.n, q + limit + 2)):
        if doc.newline_before(k):
            return None
        w = doc.words[k]
        if w in closing:
            if depth == 0:
                return k
            depth -= 1
        elif w == opening and opening not in closing:
            depth += 1
    return None


def _descriptor(word: str) -> bool:
    return word in lx.LEGAL_FORMS or lemma(word) in lx.ORG_DESCRIPTORS or ABBR.match(word) is not None


def org_quotes(doc: Doc, spans: list[list]) -> list[list]:
    """An organisation's name in quotes is the quoted part: "ОАО «Газпром»" → Газпром, "Концерн
    «Майкрософт»" → Майкрософт; a name before the quotes is a separate organisation ("Русской службе
    «Голоса Америки»" → Русской службе + Голоса Америки).  Legal forms before a bare name go too
    ("ИА Regnum" → Regnum)."""
    out = []
    for i, j, typ in spans:
        if typ != "ORG":
            out.append([i, j, typ])
            continue
        q = next((k for k in range(i, j) if doc.words[k] in OPEN_Q), None)
        if q is None:
            while j - i > 1 and doc.words[i] in lx.LEGAL_FORMS_BARE and doc.words[i + 1][:1].isupper():
                i += 1
            out.append([i, j, typ])
            continue
        c = _close_quote(doc, q)
        if c is None or c <= q + 1:
            out.append([i, j, typ])
            continue
        pre = doc.words[i:q]
        if pre and not all(_descriptor(w) for w in pre):
            if pre[0][:1].islower():            # "московского «Центра»": kept whole
                out.append([i, c + 1, typ])
                continue
            if any(w[:1].isupper() and not (common_word(w) and sentence_start(doc, k))
                   for k, w in enumerate(pre, i)):
                out.append([i, q, typ])         # "Русской службе «Голоса Америки»"; not "Офис «Башинформа»"
        out.append([q + 1, c, typ])
    return out


def quoted_orgs(doc: Doc, spans: list[list]) -> list[list]:
    """A quoted capitalised name right after an organisation word is an organisation ("концерн
    «Фольксваген»", "партии «Dog with two tails»"); one after a vehicle, prize or work word is not
    ("шаттл «Дискавери»", "премии «Просветитель»")."""
    taken = doc.covered(spans)
    drop = set()
    add = []
    for q, w in enumerate(doc.words):
        if w not in OPEN_Q or q == 0:
            continue
        c = _close_quote(doc, q, limit=8)
        if c is None or c == q + 1:
            continue
        first = doc.words[q + 1]
        if not (first[:1].isupper() or first[:1].isdigit()):
            continue
        prev = doc.words[q - 1]
        lem = lemma(prev)
        if lemmas(prev) & lx.NON_ORG_DESCRIPTORS:
            drop.add((q + 1, c))
            doc.not_orgs.add(key(doc.words[q + 1:c]))
        elif (prev in lx.LEGAL_FORMS or lem in lx.ORG_DESCRIPTORS) and not any(taken[q:c + 1]):
            add.append([q + 1, c, "ORG"])
    # unquoted: "телескопа Хаббл", "шаттл Атлантис"
    for k in range(1, doc.n):
        w = doc.words[k]
        if w[:1].isupper() and doc.words[k - 1][:4].lower() in prefixes(frozenset(lx.VEHICLES), 4) \
                and lemmas(doc.words[k - 1]) & lx.VEHICLES and not common_word(w):
            doc.not_orgs.add(key([w]))
    # the same name elsewhere in the text is the same craft or work ("после «Дискавери»")
    out = [s for s in spans if not (s[2] == "ORG" and ((s[0], s[1]) in drop or key(doc.words[s[0]:s[1]]) in doc.not_orgs))]
    return out + add


def _cap_run(doc: Doc, i: int, j: int, latin_only: bool = False) -> bool:
    ws = doc.words[i:j]
    if not ws or not ws[0][:1].isupper():
        return False
    if latin_only:
        return all(LATIN.match(w) or w in ("-", "&") for w in ws)
    return True


def parentheses(doc: Doc, spans: list[list]) -> list[list]:
    """"X (Y)": an abbreviation or a Latin-script form in brackets right after a name is the same kind
    of name — "Комитет защиты журналистов (КЗЖ)", "Джоэл Саймон (Joel Simon)", "Аль Аин (Al Ain)"."""
    taken = doc.covered(spans)
    add = []
    for i, j, typ in spans:
        if j < doc.n and doc.words[j] in CLOSE_Q and i > 0 and doc.words[i - 1] in OPEN_Q:
            j += 1                                  # «Фольксваген» (Volkswagen)
        if j + 2 >= doc.n or doc.words[j] != "(":
            continue
        c = next((k for k in range(j + 1, min(doc.n, j + 8)) if doc.words[k] == ")"), None)
        if c is None or c == j + 1 or any(taken[j + 1:c]) or any(doc.newline_before(k) for k in range(j, c + 1)):
            continue
        inner = doc.words[j + 1:c]
        if typ == "ORG" and len(inner) == 1 and ABBR.match(inner[0]):
            add.append([j + 1, c, typ])
        elif _cap_run(doc, j + 1, c, latin_only=True) and any(LATIN.match(w) for w in inner):
            if typ == "PER" and not all(w[:1].isupper() for w in inner if LATIN.match(w) and w.lower() not in NAME_PARTICLES):
                continue
            add.append([j + 1, c, typ])
    return spans + add


def _initials(words) -> tuple[str, str]:
    """Initials of the words, all of them and without function words ("приборно-агрегатного отсека" → ПАО)."""
    full, content = [], []
    for w in words:
        parts = [x for x in re.split(r"[-–]", w) if x]
        ini = "".join(x[0] for x in parts if LETTER.match(x[0]))
        full.append(ini)
        if w.lower() not in lx.ABBR_SKIP:
            content.append(ini)
    return "".join(full).upper(), "".join(content).upper()


def abbreviations(doc: Doc, spans: list[list]) -> list[list]:
    """"Long name (ABBR)": the abbreviation is the same kind of name as the long form; a long form in
    ordinary lower-case words makes it a term, not a name ("приборно-агрегатного отсека (ПАО)"); an
    untagged capitalised long form with an abbreviation is an organisation ("Хмельницкой атомной
    электростанции (ХАЭС)")."""
    by_end = {s[1]: s for s in spans}
    taken = doc.covered(spans)
    add = []
    for p in range(1, doc.n - 2):
        if doc.words[p] != "(" or doc.words[p + 2] != ")" or not ABBR.match(doc.words[p + 1]):
            continue
        abbr = re.sub(r"[^A-ZА-ЯЁ]", "", doc.words[p + 1])
        end = p - 1 if doc.words[p - 1] in CLOSE_Q else p
        hit = None
        for n in range(1, min(len(abbr) + 5, end) + 1):
            words = doc.words[end - n:end]
            if any(doc.newline_before(k) for k in range(end - n + 1, end)) or any(not has_letter(w) for w in words):
                break
            full, content = _initials(words)
            if abbr in (full, content) and words[0].lower() not in ("и", "по", "в", "на"):
                hit = end - n
                break
        if hit is None:
            continue
        span = by_end.get(end)
        if span is not None and span[0] >= hit - 1:
            if not taken[p + 1]:
                add.append([p + 1, p + 2, span[2]])
            continue
        if any(taken[k] for k in range(hit, end)):
            continue
        if doc.words[hit][:1].islower():
            doc.not_orgs.add(key([doc.words[p + 1]]))
        elif not (sentence_start(doc, hit) and common_word(doc.words[hit])) and not taken[p + 1]:
            add.append([hit, end, "ORG"])
            add.append([p + 1, p + 2, "ORG"])
    out = [s for s in spans if not (s[2] == "ORG" and s[1] - s[0] == 1 and key([doc.words[s[0]]]) in doc.not_orgs)]
    return out + add


DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:ru|com|net|org|info|ua|by|kz|eu|de|uk|fm|tv|рф|ру|su)$", re.I)


def reported_sources(doc: Doc, spans: list[list]) -> list[list]:
    """A web address or a Latin-script name cited as a source is an organisation ("сообщает baltinfo.ru",
    "цитирует infox.ru", "Согласно comScore")."""
    taken = doc.covered(spans)
    add = []
    for k in range(1, doc.n):
        w = doc.words[k]
        if taken[k] or not (DOMAIN.match(w) or (LATIN.match(w) and any(c.isupper() for c in w))):
            continue
        if doc.words[k - 1] in OPEN_Q:
            continue
        prev = doc.words[k - 1]
        if not (lemmas(prev) & lx.REPORT_WORDS):
            continue
        m = k + 1
        while m < doc.n and not taken[m] and LATIN.match(doc.words[m]) and doc.words[m][:1].isupper() \
                and not doc.newline_before(m):
            m += 1
        add.append([k, m, "ORG"])
    return spans + add


@lru_cache(maxsize=1)
def _gazetteer():
    index: dict[str, list[tuple]] = {}
    for name in lx.ORG_GAZETTEER:
        k = phrase_key(name)
        index.setdefault(k[0], []).append(k)
    for v in index.values():
        v.sort(key=len, reverse=True)
    return index


def gazetteer(doc: Doc, spans: list[list]) -> list[list]:
    """Known organisations (and capitalised "Интернет") are organisations, whatever slovnet said; a name
    that slovnet glued to one is cut off ("Аль-Джазиры Сами аль-Хадж" → Аль-Джазиры + Сами аль-Хадж)."""
    index = _gazetteer()
    gaz_prefixes = prefixes(frozenset(index) | lx.ORG_CAPITALISED_WORDS, 3)
    found = []
    k = 0
    while k < doc.n:
        w = doc.words[k]
        if w in lx.ORG_LOWERCASE_FORMS:
            found.append([k, k + 1, "ORG"])
            k += 1
            continue
        if not w[:1].isupper() and not w[:1].isdigit():
            k += 1
            continue
        hit = None
        if w[:3].lower() not in gaz_prefixes and w not in index:
            k += 1
            continue
        cands = sorted((c for lem in lemmas(w) for c in index.get(lem, ())), key=len, reverse=True)
        for cand in cands:
            n = len(cand)
            if k + n <= doc.n and matches(doc.words[k:k + n], cand) \
                    and not any(doc.newline_before(m) for m in range(k + 1, k + n)):
                hit = (k, k + n)
                break
        if hit is None and lemmas(w) & lx.ORG_CAPITALISED_WORDS:
            hit = (k, k + 1)
        if hit:
            found.append([hit[0], hit[1], "ORG"])
            k = hit[1]
        else:
            k += 1
    if not found:
        return spans
    # a known name inside a longer organisation stays part of it ("Международного Красного Креста")
    found = [f for f in found
             if not any(t == "ORG" and i <= f[0] and f[1] <= j and (i, j) != (f[0], f[1]) for i, j, t in spans)]
    out = []
    for i, j, typ in spans:
        pieces = [(i, j)]
        for a, b, _ in found:
            nxt = []
            for x, y in pieces:
                if b <= x or y <= a:
                    nxt.append((x, y))
                    continue
                if x < a:
                    nxt.append((x, a))
                if b < y:
                    nxt.append((b, y))
            pieces = nxt
        for x, y in pieces:
            if (x, y) == (i, j) or any(doc.words[m][:1].isupper() and not _descriptor(doc.words[m])
                                       and not common_word(doc.words[m]) for m in range(x, y)):
                emit(doc, out, x, y, typ)
    return out + found


def _org_adjective(word: str) -> bool:
    if not word[:1].islower() or not LETTER.match(word):
        return False
    for p in parses(word)[:1]:
        if p.tag.POS != "ADJF" or "Apro" in p.tag:
            return False
        lem = p.normal_form
        return (lem.endswith(("ский", "цкий")) and not lem.endswith("ический")) or lem in lx.ORG_ADJECTIVES
    return False


def org_adjectives(doc: Doc, spans: list[list]) -> list[list]:
    """A relational adjective right before an organisation belongs to its name in factRuEval:
    "японского МИДа", "российского Минсельхоза", "государственной Комиссии по атомной энергии",
    "московского «Центра»" (the quotes come along)."""
    taken = doc.covered(spans)
    out = []
    for i, j, typ in spans:
        if typ == "ORG":
            q = i
            quoted = q > 0 and doc.words[q - 1] in OPEN_Q and j < doc.n and doc.words[j] in CLOSE_Q
            if quoted:
                q -= 1
            if q > 0 and not taken[q - 1] and not doc.newline_before(q) and _org_adjective(doc.words[q - 1]):
                i = q - 1
                if quoted:
                    j += 1
        out.append([i, j, typ])
    return out
