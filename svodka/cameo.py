"""CAMEO as svodka uses it, beside the model (the coder writes it, the linker, the store's clients and the
exports read it): the codes svodka emits — a short name (our words), the Goldstein value GDELT uses, the
QuadClass, the PLOVER category and mode —, the symmetric event types, the modalities' polarity and
``event_key``, one key per happening across articles.

Only the codes the coder can produce are listed (see lexicon.py); a test checks each Goldstein value
against ../shared/eval/events/gdelt_CAMEO.goldsteinscale.tsv when that folder is present.

QuadClass (GDELT): 1 verbal cooperation (CAMEO roots 01–05), 2 material cooperation (06–08),
3 verbal conflict (09–13), 4 material conflict (14–20).

Accidents and disasters have no CAMEO code: their events carry ``cameo=None``, no Goldstein value,
no QuadClass and no PLOVER category.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Event

# events with participants rather than a source acting on a target: the first is the source, the others
# the target
SYMMETRIC_TYPES = frozenset({"call", "meet", "agreement", "intent"})
# fact and claim are one happening; an intended or future one another (~), a negated one a third (!)
POLARITY = {"fact": "", "claim": "", "intent": "~", "future": "~", "negated": "!"}
# how firmly a modality says it happened: the strongest report of an event speaks for it
STRENGTH = {"fact": 4, "claim": 3, "intent": 2, "future": 1, "negated": 0}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    goldstein: float
    plover: str | None               # None: PLOVER has no category for it (statements)
    mode: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def base(self) -> str:
        return self.code[:3]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


_TABLE = [
    # 01 statements: PLOVER drops them; its manual suggests AGREE for 015 and REJECT for 016, as here
    ("015", "acknowledge or claim responsibility", 0.0, "AGREE", None),
    ("016", "deny responsibility", -2.0, "REJECT", None),
    ("018", "make an empathetic comment (condolences)", 3.4, None, None),
    # 01–05 verbal cooperation
    ("020", "appeal or call on someone", 3.0, "REQUEST", None),
    ("030", "state an intent to cooperate", 4.0, "AGREE", None),
    ("031", "state an intent to cooperate materially", 5.2, "AGREE", None),
    ("033", "promise material aid", 5.2, "AGREE", None),
    ("0353", "promise to release people or property", 7.0, "AGREE", None),
    ("036", "state an intent to meet or negotiate", 4.0, "AGREE", None),
    ("040", "consult, meet (unspecified)", 1.0, "CONSULT", None),
    ("041", "talk by telephone", 1.0, "CONSULT", "phone"),
    ("042", "pay a visit", 1.9, "CONSULT", "visit"),
    ("043", "host a visit", 2.8, "CONSULT", "visit"),
    ("044", "meet at a place neither side is from", 2.5, "CONSULT", "third-party"),
    ("046", "hold negotiations", 7.0, "CONSULT", None),
    ("051", "praise, congratulate or endorse", 3.4, "SUPPORT", None),
    ("057", "sign a formal agreement", 8.0, "SUPPORT", None),
    # 06–08 material cooperation
    ("070", "give aid", 7.0, "AID", None),
    ("071", "give economic aid", 7.4, "AID", None),
    ("072", "give military aid", 8.3, "AID", None),
    ("073", "give humanitarian aid", 7.4, "AID", None),
    ("081", "ease administrative sanctions (charges dropped)", 5.0, "RETREAT", None),
    ("0841", "release people", 7.0, "RETREAT", "release"),
    # 09–13 verbal conflict
    ("090", "investigate", -2.0, "ACCUSE", "investigate"),
    ("091", "investigate a crime", -2.0, "ACCUSE", "investigate"),
    ("100", "demand", -5.0, "REQUEST", None),
    ("1053", "demand a release", -5.0, "REQUEST", "yield"),
    ("111", "criticize or condemn", -2.0, "ACCUSE", "disapprove"),
    ("112", "accuse", -2.0, "ACCUSE", "allege"),
    ("114", "lodge an official complaint", -2.0, "ACCUSE", "disapprove"),
    ("115", "sue", -2.0, "ACCUSE", "allege"),
    ("116", "find guilty, sentence", -2.0, "SANCTION", "convict"),
    ("120", "reject", -4.0, "REJECT", None),
    ("122", "reject a request for material aid (asylum, visas)", -4.0, "REJECT", None),
    ("1243", "refuse to release persons or property", -4.0, "REJECT", None),
    ("125", "refuse to meet or negotiate", -5.0, "REJECT", "meet"),
    ("130", "threaten", -4.4, "THREATEN", None),
    ("1312", "threaten sanctions or a boycott", -5.8, "THREATEN", "restrict"),
    ("1313", "threaten to cut relations", -5.8, "THREATEN", "relations"),
    ("138", "threaten armed force", -7.0, "THREATEN", "violence"),
    ("139", "issue an ultimatum", -7.0, "THREATEN", None),
    # 14–20 material conflict
    ("140", "protest", -6.5, "PROTEST", None),
    ("141", "rally or demonstrate", -6.5, "PROTEST", "demo"),
    ("142", "go on hunger strike", -6.5, "PROTEST", "hunger"),
    ("143", "strike or boycott", -6.5, "PROTEST", "strike"),
    ("145", "riot", -7.5, "PROTEST", "riot"),
    ("150", "show military or police force", -7.2, "MOBILIZE", None),
    ("152", "raise military alert", -7.2, "MOBILIZE", "troops"),
    ("154", "mobilize armed forces", -7.2, "MOBILIZE", "troops"),
    ("161", "cut diplomatic ties, recall or expel diplomats", -4.0, "SANCTION", "withdraw"),
    ("163", "impose sanctions or an embargo", -8.0, "SANCTION", "discontinue"),
    ("164", "break off talks", -7.0, "SANCTION", "discontinue"),
    ("171", "seize property", -9.2, "COERCE", "seize"),
    ("1711", "confiscate property", -9.2, "COERCE", "seize"),
    ("1712", "destroy property", -9.2, "COERCE", "seize"),
    ("172", "impose administrative sanctions", -5.0, "COERCE", "restrict"),
    ("1721", "impose restrictions on political freedoms", -5.0, "COERCE", "restrict"),
    ("1722", "ban political parties or politicians", -5.0, "COERCE", "restrict"),
    ("1723", "impose a curfew", -5.0, "COERCE", "curfew"),
    ("1724", "impose a state of emergency or martial law", -5.0, "COERCE", "martial-law"),
    ("173", "arrest, detain or charge", -5.0, "COERCE", "arrest"),
    ("174", "deport or expel people", -5.0, "COERCE", "deport"),
    ("180", "use unconventional violence", -9.0, "ASSAULT", None),
    ("181", "abduct or take hostages", -9.0, "ASSAULT", "abduct"),
    ("182", "beat or physically assault", -9.5, "ASSAULT", "beat"),
    ("1823", "kill by assault", -10.0, "ASSAULT", None),
    ("183", "bomb (non-military)", -10.0, "ASSAULT", "explosives"),
    ("185", "attempt an assassination", -8.0, "ASSAULT", "targeted"),
    ("186", "assassinate", -10.0, "ASSAULT", "targeted"),
    ("190", "use conventional military force", -10.0, "ASSAULT", None),
    ("192", "occupy territory", -9.5, "ASSAULT", None),
    ("193", "fight with small arms", -10.0, "ASSAULT", "firearms"),
    ("194", "fight with artillery or tanks", -10.0, "ASSAULT", "heavy-weapons"),
    ("195", "strike from the air", -10.0, "ASSAULT", "aerial"),
    ("202", "kill en masse", -10.0, "ASSAULT", "targeted"),
]

CODES: dict[str, Code] = {c: Code(c, n, g, p, m) for c, n, g, p, m in _TABLE}

# what an action coded X becomes when it is only intended, promised or announced for the future
_INTENT = {"04": "036", "05": "030", "057": "030", "06": "031", "07": "033", "0841": "0353"}
_THREAT = {"163": "1312", "161": "1313", "164": "1313", "18": "138", "19": "138", "20": "138",
           "17": "130", "15": "138"}


def get(code: str | None) -> Code | None:
    return CODES.get(code) if code else None


# GDELT's names of the four QuadClasses
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def quad_class(code: str | None) -> int | None:
    if not code:
        return None
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def goldstein(code: str | None) -> float | None:
    c = get(code)
    return c.goldstein if c else None


def plover(code: str | None) -> str | None:
    """'CONSULT' or 'CONSULT:phone' — the PLOVER category, with its mode where the code implies one."""
    c = get(code)
    if c is None or c.plover is None:
        return None
    return f"{c.plover}:{c.mode}" if c.mode else c.plover


def _lookup(table: dict[str, str], code: str) -> str | None:
    for n in (4, 3, 2):
        if code[:n] in table:
            return table[code[:n]]
    return None


def intended(code: str | None) -> str | None:
    """The CAMEO code of an intent to do ``code`` (meet → 036, aid → 033); conflict → a threat code."""
    if not code:
        return None
    if int(code[:2]) <= 8:
        return _lookup(_INTENT, code) or "030"
    return _lookup(_THREAT, code) or code


def _month(date: str | None) -> str:
    if not date:
        return ""
    if date.startswith("../"):
        return ".." + date[3:10][:7]
    return date.rstrip("?~%")[:7]


def event_key(event: Event) -> str:
    """'meet|Ильхам Алиев+Владимир Путин|2025-10|Душанбе' — the same happening in any article.

    Symmetric events (call, meet, agreement, intent) sort all actors together; directed ones keep
    source > target. A polarity mark is appended for intended/future (~) and negated (!) events, so an
    announced meeting and the meeting itself stay two events.
    """
    if event.type in SYMMETRIC_TYPES:
        actors = "+".join(sorted(set(event.source) | set(event.target)))
    else:
        actors = "+".join(sorted(event.source)) + ">" + "+".join(sorted(event.target))
    key = f"{event.type}|{actors}|{_month(event.date)}|{event.place or ''}"
    mark = POLARITY.get(event.modality, "")
    return key + ("|" + mark if mark else "")


__all__ = ["Code", "CODES", "QUADS", "get", "quad_class", "goldstein", "plover", "intended", "SYMMETRIC_TYPES",
           "POLARITY", "STRENGTH", "event_key"]
