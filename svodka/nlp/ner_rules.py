"""Corrections of slovnet's NER spans, following factRuEval-2016's annotation conventions.

Spans are token spans ``[i, j, type]`` (j exclusive) over razdel tokens of one text.
"""
from __future__ import annotations

import re
from functools import lru_cache

# ---------------------------------------------------------------- text helpers

SEPARATORS = {",", ";", "•", "·", "(", ")", "[", "]", "{", "}", "|", "/", "\\", "*", "=", "+", "#", "~", "►", "▪", "●"}
DASHES = {"—", "–", "-", "−", "―"}
OPEN_Q = {"«", "„", "“", '"', "‹"}
CLOSE_Q = {"»", "“", "”", '"', "›"}
PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"', "‹": "›"}
QUOTES = OPEN_Q | CLOSE_Q
PUNCT_EDGE = SEPARATORS | DASHES | QUOTES | {".", ":", "!", "?", "…", "—", "№", "%"}
LETTER = re.compile(r"[^\W\d_]")
ABBR = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,5}$")
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'’.\-]*$")


class Doc:
    __slots__ = ("text", "toks", "words", "n", "not_orgs", "per_keys")

    def __init__(self, text: str, toks: list[tuple[int, int, str]]):
        self.not_orgs: set[str] = set()     # names the text gives to craft, works, prizes (lemmas)
        self.per_keys: set[str] = set()     # forms of the words the text uses in persons' names
        self.text = text
        self.toks = toks
        self.words = [w for _, _, w in toks]
        self.n = len(toks)

    def covered(self, spans: list[list]) -> list[bool]:
        """For each token: is it inside one of the spans?"""
        taken = [False] * self.n
        for i, j, _ in spans:
            for k in range(i, j):
                taken[k] = True
        return taken

    def gap(self, k: int) -> str:
        """The text between token k-1 and token k."""
        if k <= 0 or k >= self.n:
            return ""
        return self.text[self.toks[k - 1][1]:self.toks[k][0]]

    def newline_before(self, k: int) -> bool:
        return "\n" in self.gap(k)


def _has_letter(w: str) -> bool:
    return bool(LETTER.search(w))


# ---------------------------------------------------------------- pymorphy lookups (cached)

PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


@lru_cache(maxsize=1)
def _morph():
    import warnings

    warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple:
    return tuple(_morph().parse(word))


@lru_cache(maxsize=100_000)
def common_word(word: str) -> bool:
    """A dictionary word with no proper-name reading ("Подана", "Супруга", "Верхняя"; not "Лев", "Орёл")."""
    if not LETTER.search(word) or word.isupper() and len(word) > 1:
        return False
    ps = parses(word)
    if not ps or not all(p.is_known for p in ps):
        return False
    return not any(g in p.tag for p in ps for g in PROPER)


def proper_tags(word: str) -> set[str]:
    return {g for p in parses(word) for g in PROPER if g in p.tag}


def sentence_start(doc: "Doc", k: int, colon: bool = False) -> bool:
    """Token k opens a sentence or a line (quotes/dashes/bullets before it are skipped)."""
    while k > 0 and doc.words[k - 1] in QUOTES | DASHES | {"•", "(", "*"} and not doc.newline_before(k):
        k -= 1
    if k == 0 or doc.newline_before(k):
        return True
    return doc.words[k - 1] in {".", "!", "?", "…", "...", "?!", "!!"} or (colon and doc.words[k - 1] == ":")


# ---------------------------------------------------------------- corrections

def split_pieces(doc: Doc, spans: list[list]) -> list[list]:
    """Cut spans at line breaks and at list/bracket punctuation; trim punctuation at the edges.

    A name never runs over a line break ("Ильхам Алиев\\nполитик"), a bullet, a comma or a bracket:
    "Джоэл Саймон (Joel Simon)" is two mentions, "Сёмин (Овечкин, Фёдоров)" three.
    Dashes split persons and places ("Нисипяну — Топалов"), not organisations ("Oracle — Sun" aside,
    a dash inside an organisation's name is part of it).
    """
    out: list[list] = []
    for i, j, typ in spans:
        before = len(out)
        start = i
        for k in range(i, j + 1):
            cut = k == j
            if not cut:
                w = doc.words[k]
                if k > i and doc.newline_before(k):
                    _emit(doc, out, start, k, typ)
                    start = k
                if w == "(" and _inserted_alternative(doc, k, j):
                    continue
                if w == ")" and _opened_alternative(doc, i, k, j):
                    continue
                if w in SEPARATORS or (typ != "ORG" and w in DASHES and k > i):
                    _emit(doc, out, start, k, typ)
                    start = k + 1
                    continue
            else:
                _emit(doc, out, start, j, typ)
        if len(out) - before > 1 or (len(out) - before == 1 and out[-1][:2] != [i, j]):
            # a span was cut: keep only pieces that still look like names on their own; a span over three
            # or more lines is a menu or a list, where every piece has to show a proper name
            lines = sum(1 for k in range(i + 1, j) if doc.newline_before(k)) + 1
            out[before:] = [s for s in out[before:]
                            if _looks_like_name(doc, s[0], s[1]) or (
                                lines < 3 and s[1] - s[0] > 1
                                and any(any(c.isupper() for c in doc.words[k]) for k in range(s[0], s[1])))]
    return out


def _looks_like_name(doc: Doc, i: int, j: int) -> bool:
    """A piece of a cut span stands as a name if one of its words is capitalised and not an ordinary
    dictionary word ("Константин Богданов", "Грузия", "WFC"; not menu items like "Культура", "Мои подписки",
    "ДОСЬЕ")."""
    for k in range(i, j):
        w = doc.words[k]
        if not any(c.isupper() for c in w) or not _has_letter(w):
            continue
        if w.isupper() and len(w) > 4:
            w = w.capitalize()
        if not common_word(w):
            return True
    return False


def _inserted_alternative(doc: Doc, k: int, j: int) -> bool:
    """"Кировоградской (Кропивницкой) области": a bracketed alternative inside a name whose rest after
    the bracket is ordinary lower-case words — the span is one name."""
    c = next((m for m in range(k + 1, j) if doc.words[m] == ")"), None)
    return c is not None and c + 1 < j and all(doc.words[m][:1].islower() for m in range(c + 1, j))


def _opened_alternative(doc: Doc, i: int, k: int, j: int) -> bool:
    o = next((m for m in range(k - 1, i - 1, -1) if doc.words[m] == "("), None)
    return o is not None and _inserted_alternative(doc, o, j)


def _emit(doc: Doc, out: list[list], i: int, j: int, typ: str) -> None:
    """Append [i, j, typ] after trimming unbalanced quotes and edge punctuation; drop letterless pieces."""
    while i < j:
        changed = False
        w = doc.words[i]
        if w in PUNCT_EDGE and not (w in OPEN_Q and _closes(doc, i, j)):
            i += 1
            changed = True
        if i < j:
            w = doc.words[j - 1]
            if w in PUNCT_EDGE and not (w in CLOSE_Q and _opens(doc, i, j - 1)) and w != ".":
                j -= 1
                changed = True
            elif w == "." and j - 1 > i and not _abbrev_dot(doc, j - 1):
                j -= 1
                changed = True
        if not changed:
            break
    if i < j and any(_has_letter(doc.words[k]) for k in range(i, j)):
        out.append([i, j, typ])


def _closes(doc: Doc, i: int, j: int) -> bool:
    """Does the opening quote at i have a closing quote before j?"""
    return any(doc.words[k] in CLOSE_Q for k in range(i + 1, j))


def _opens(doc: Doc, i: int, k: int) -> bool:
    return any(doc.words[m] in OPEN_Q for m in range(i, k))


def _abbrev_dot(doc: Doc, k: int) -> bool:
    """A dot that belongs to an abbreviation or an initial ("им.", "В.")."""
    prev = doc.words[k - 1] if k > 0 else ""
    return len(prev) <= 3 and _has_letter(prev)


def drop_common(doc: Doc, spans: list[list]) -> list[list]:
    """A one-word mention that opens a sentence or line and is an ordinary dictionary word is not a name
    ("Подана первая заявка", "Супруга «оружейного барона»") unless the text uses the word as a name
    elsewhere; a person's mention does not start with a title or an attribute ("Кронпринц Нарухито" →
    "Нарухито", "34-летний ТиДжей" → "ТиДжей")."""
    named = set()
    for i, j, _ in spans:
        if j - i > 1:
            named.update(doc.words[k] for k in range(i, j))
    for k, w in enumerate(doc.words):
        if w[:1].isupper() and not sentence_start(doc, k, colon=True):
            named.add(w)
    starts = {s[0] for s in spans}
    out = []
    for i, j, typ in spans:
        if typ == "PER":
            while j - i > 1 and doc.words[i].lower() not in NAME_PARTICLES and (
                    not doc.words[i][:1].isupper()
                    or (title_word(doc.words[i]) and sentence_start(doc, i))):
                i += 1
        if typ == "PER" and any(any(c.isdigit() for c in w) for w in doc.words[i:j]):
            continue
        if typ == "PER" and j - i == 1 and j < doc.n and doc.gap(j) == " " and doc.words[j][:1].isupper() \
                and doc.words[j].isalpha() and not doc.words[j].isupper() and "Name" in proper_tags(doc.words[i]) \
                and j not in starts:
            j += 1                                  # "Виктор Понедельник": a first name takes the capitalised word after it
        if j - i == 1 and doc.words[i] not in named and sentence_start(doc, i) and common_word(doc.words[i]) \
                and not (i > 0 and doc.words[i - 1] in OPEN_Q):
            continue
        out.append([i, j, typ])
    return out


@lru_cache(maxsize=50_000)
def title_word(word: str) -> bool:
    """A common word that can stand before a name but not be one: a title, an attribute, a participle."""
    if not common_word(word):
        return False
    for p in parses(word):
        pos = p.tag.POS
        if pos == "NOUN" and "anim" in p.tag:
            continue
        if pos in ("ADJF", "PRTF", "ADJS", "PRTS", "VERB", "NUMR", "ADVB", "NPRO", "PREP", "CONJ", "PRCL"):
            continue
        return False
    return True


NAME_PARTICLES = {"ибн", "бин", "бен", "аль", "эль", "ад", "ас", "фон", "дер", "де", "ван", "ла", "ле", "дю",
                  "да", "ди", "дель", "делла", "дос", "дас", "мак", "оглы", "кызы", "ур", "van", "von", "de",
                  "der", "da", "di", "del", "della", "la", "le", "du", "al", "el", "bin", "ibn", "mac"}


# ---------------------------------------------------------------- lexicon keys

@lru_cache(maxsize=64)
def _prefixes(words: frozenset, n: int) -> frozenset:
    return frozenset(w[:n].lower() for w in words)


def lemma(word: str) -> str:
    ps = parses(word)
    return ps[0].normal_form if ps else word.lower()


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Every normal form the word may have (and the word itself): "Частного" → {частное, частный, …}."""
    if word.isupper() and len(word) > 1:
        return frozenset({word})
    return frozenset({p.normal_form for p in parses(word)} | {word.lower()})


def key(words) -> tuple:
    """A phrase key: abbreviations as written, other words as lemmas ("Европейского союза" → европейский союз)."""
    return tuple(w if (w.isupper() and len(w) > 1) else lemma(w) for w in words)


def phrase_key(phrase: str) -> tuple:
    from razdel import tokenize

    return key([t.text for t in tokenize(phrase)])


def matches(words, k: tuple) -> bool:
    """Do the words read as the phrase key (each word may have the key's lemma among its readings)?"""
    return len(words) == len(k) and all(x in lemmas(w) for w, x in zip(words, k))


@lru_cache(maxsize=1)
def _keys():
    from . import ner_lexicon as lx

    def index(phrases):
        out: dict[str, list[tuple]] = {}
        for p in phrases:
            k = phrase_key(p)
            out.setdefault(k[0], []).append(k)
        return out

    return {
        "ORG": index(lx.ORG_NAMES_FORCE),
        "LOC": index(lx.LOC_NAMES_FORCE),
        "NOT": {(w,) for w in lx.NOT_NAMES},
    }


def lookup(index: dict[str, list[tuple]], words) -> bool:
    if not words:
        return False
    for first in lemmas(words[0]):
        for k in index.get(first, ()):
            if matches(words, k):
                return True
    return False


def retype(doc: Doc, spans: list[list]) -> list[list]:
    """Types fixed by convention: the EU and other unions of states are organisations ("ЕС",
    "Европейского союза"), the ISS is a place; "СМИ" and the like are not names."""
    keys = _keys()
    out = []
    for i, j, typ in spans:
        ws = doc.words[i:j]
        if tuple(ws) in keys["NOT"]:
            continue
        if lookup(keys["ORG"], ws):
            typ = "ORG"
        elif lookup(keys["LOC"], ws):
            typ = "LOC"
        out.append([i, j, typ])
    return out


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
    from . import ner_lexicon as lx

    return word in lx.LEGAL_FORMS or lemma(word) in lx.ORG_DESCRIPTORS or ABBR.match(word) is not None


def org_quotes(doc: Doc, spans: list[list]) -> list[list]:
    """An organisation's name in quotes is the quoted part: "ОАО «Газпром»" → Газпром, "Концерн
    «Майкрософт»" → Майкрософт; a name before the quotes is a separate organisation ("Русской службе
    «Голоса Америки»" → Русской службе + Голоса Америки).  Legal forms before a bare name go too
    ("ИА Regnum" → Regnum)."""
    from . import ner_lexicon as lx

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
    from . import ner_lexicon as lx

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
        if w[:1].isupper() and doc.words[k - 1][:4].lower() in _prefixes(frozenset(lx.VEHICLES), 4) \
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


def _org_adjective(word: str) -> bool:
    from . import ner_lexicon as lx

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


@lru_cache(maxsize=1)
def _gazetteer():
    from . import ner_lexicon as lx

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
    from . import ner_lexicon as lx

    index = _gazetteer()
    gaz_prefixes = _prefixes(frozenset(index) | lx.ORG_CAPITALISED_WORDS, 3)
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
                _emit(doc, out, x, y, typ)
    return out + found


@lru_cache(maxsize=100_000)
def name_keys(word: str) -> frozenset[str]:
    """Forms under which a name word is matched across a text: the word itself and the normal forms of
    its name readings (or of any reading, for a word the dictionary does not know)."""
    keys = {word.lower()}
    for p in parses(word):
        if not p.is_known or any(g in p.tag for g in ("Name", "Surn", "Patr")):
            keys.add(p.normal_form)
    return frozenset(keys)


def _geo(word: str) -> bool:
    return any("Geox" in p.tag for p in parses(word))


def propagate(doc: Doc, spans: list[list]) -> list[list]:
    """One text, one reading: a word that the text names as a person elsewhere ("Видениус" after "Михаэль
    Видениус", "Топалов" in a score table after "Веселином Топаловым") is a person here too, and a
    one-word organisation or place seen once ("WFC", "Европы") is the same kind of name again."""
    taken = doc.covered(spans)
    per_keys: set[str] = set()
    single: dict[str, str] = {}
    votes: dict[str, set] = {}
    for i, j, typ in spans:
        ws = doc.words[i:j]
        if typ == "PER":
            for k, w in enumerate(ws, i):
                if len(w) > 1 and w[:1].isupper() and w.lower() not in NAME_PARTICLES and NAME_WORD.match(w) \
                        and not (common_word(w) and (k == i or sentence_start(doc, k))):
                    per_keys.update(name_keys(w))
        elif j - i == 1 and len(ws[0]) > 1:
            votes.setdefault(ws[0], set()).add(typ)
    doc.per_keys = per_keys
    per_prefixes = {x[:3] for x in per_keys}
    for w, types in votes.items():
        if len(types) == 1:
            single[w] = next(iter(types))
    out = []
    for i, j, typ in spans:
        w = doc.words[i]
        # a single word typed as a place/organisation that the text uses as a person's name
        if j - i == 1 and typ != "PER" and w[:1].isupper() and not w.isupper() and not _geo(w) \
                and name_keys(w) & per_keys and any("Surn" in p.tag or "Name" in p.tag or not p.is_known
                                                    for p in parses(w)):
            typ = "PER"
        out.append([i, j, typ])
    add = []
    k = 0
    while k < doc.n:
        w = doc.words[k]
        if taken[k] or not w[:1].isupper() or len(w) < 2:
            k += 1
            continue
        if w not in single and w[:3].lower() not in per_prefixes:
            k += 1
            continue
        start_common = sentence_start(doc, k) and common_word(w)
        if w in single and not start_common and key([w]) not in doc.not_orgs:
            add.append([k, k + 1, single[w]])
        elif per_keys and not start_common and not common_word(w) and not w.isupper() and name_keys(w) & per_keys:
            m = k + 1
            while m < doc.n and not taken[m] and doc.words[m][:1].isupper() and not doc.newline_before(m) \
                    and name_keys(doc.words[m]) & per_keys:
                m += 1
            add.append([k, m, "PER"])
            k = m
            continue
        k += 1
    return out + add


LIST_GAP = {",", "•", ";", "и", "или", "/", "·", "▪", "●"}


def morph_types(doc: Doc, spans: list[list]) -> list[list]:
    """Person or place, by the dictionary: a "person" whose words are all place names and none a
    personal name is a place ("Эфиопия", "Царицыно"); a "place" made of a first name and a surname is a
    person ("Ахмат-Хаджи Кадырова").  In a list of three or more places a person-typed item takes the
    list's type unless its words read as names ("• Чили • Коста Рика • Эквадор •")."""
    # name forms used by each person mention: evidence for a word is a *different* mention using it
    users: dict[str, set] = {}
    for i, j, typ in spans:
        if typ == "PER":
            for w in doc.words[i:j]:
                if NAME_WORD.match(w):
                    for x in name_keys(w):
                        users.setdefault(x, set()).add((i, j))

    def named_elsewhere(w: str, i: int, j: int) -> bool:
        return any(users.get(x, set()) - {(i, j)} for x in name_keys(w))

    out = []
    for i, j, typ in spans:
        ws = [w for w in doc.words[i:j] if _has_letter(w)]
        tags = [proper_tags(w) for w in ws]
        if typ == "PER" and ws and all(_known_geo(w) for w in ws) and not any(t & {"Name", "Surn", "Patr"} for t in tags) \
                and not any(named_elsewhere(w, i, j) for w in ws):
            typ = "LOC"
        elif typ == "LOC" and len(ws) >= 2 and not any("Geox" in t for t in tags) \
                and "Name" in tags[0] and tags[-1] & {"Surn", "Patr"}:
            typ = "PER"
        out.append([i, j, typ])
    out.sort()
    # lists
    k = 0
    while k < len(out):
        m = k
        while m + 1 < len(out) and _list_gap(doc, out[m][1], out[m + 1][0]):
            m += 1
        chain = out[k:m + 1]
        if len(chain) >= 3:
            n_loc = sum(1 for s in chain if s[2] == "LOC")
            if n_loc >= 0.7 * len(chain):
                for s in chain:
                    if s[2] == "PER" and not any(proper_tags(w) & {"Surn", "Patr"} or named_elsewhere(w, s[0], s[1])
                                                 for w in doc.words[s[0]:s[1]]):
                        s[2] = "LOC"
        k = m + 1
    return out


def _known_geo(word: str) -> bool:
    return any("Geox" in p.tag and p.is_known for p in parses(word))


def _list_gap(doc: Doc, a: int, b: int) -> bool:
    if b <= a or b - a > 2 or any(doc.newline_before(k) for k in range(a + 1, b + 1)):
        return False
    return all(doc.words[k] in LIST_GAP for k in range(a, b))


def _initials(words) -> tuple[str, str]:
    """Initials of the words, all of them and without function words ("приборно-агрегатного отсека" → ПАО)."""
    from . import ner_lexicon as lx

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
            if any(doc.newline_before(k) for k in range(end - n + 1, end)) or any(not _has_letter(w) for w in words):
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


NAME_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:ru|com|net|org|info|ua|by|kz|eu|de|uk|fm|tv|рф|ру|su)$", re.I)


def reported_sources(doc: Doc, spans: list[list]) -> list[list]:
    """A web address or a Latin-script name cited as a source is an organisation ("сообщает baltinfo.ru",
    "цитирует infox.ru", "Согласно comScore")."""
    from . import ner_lexicon as lx

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


def geo_words(doc: Doc, spans: list[list]) -> list[list]:
    """A capitalised word outside any mention whose every dictionary reading is a place name is a place
    ("чемпионат Европы")."""
    taken = doc.covered(spans)
    add = []
    for k, w in enumerate(doc.words):
        if taken[k] or not w[:1].isupper() or w.isupper() or not NAME_WORD.match(w) or len(w) < 3:
            continue
        ps = parses(w)
        if ps and all(p.is_known and "Geox" in p.tag and p.tag.POS == "NOUN" for p in ps) \
                and not (k + 1 < doc.n and doc.words[k + 1][:1].isupper() and not doc.newline_before(k + 1)) \
                and not (k > 0 and doc.words[k - 1] in OPEN_Q) \
                and not (k > 0 and doc.words[k - 1][:1].isupper() and not sentence_start(doc, k)):
            add.append([k, k + 1, "LOC"])
    return spans + add


STEPS = (
    split_pieces, drop_common, org_quotes, quoted_orgs, retype, parentheses, abbreviations,
    reported_sources, gazetteer, org_adjectives, propagate, morph_types, geo_words,
)


def correct(text: str, toks: list[tuple[int, int, str]], spans: list[list], skip: frozenset = frozenset()
            ) -> list[list]:
    """Apply the corrections in order to slovnet's token spans; returns sorted, non-overlapping spans.

    ``skip`` names steps to leave out (for ablation studies)."""
    doc = Doc(text, toks)
    spans = [list(s) for s in spans]
    for step in STEPS:
        if step.__name__ not in skip:
            spans = step(doc, spans)
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[list] = []
    for s in spans:
        if s[0] < s[1] and not (out and out[-1][1] > s[0]):
            out.append(s)
    return out
