"""svodka's records: what every stage takes and gives.

Plain dataclasses; ``to_dict()`` gives the public JSON format (documented in docs/format.md).
Offsets are character offsets into one named field (``title``, ``lead``, ``body[3]`` …).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMAT_VERSION = 3      # the JSON format's "schema" field (docs/format.md); 2: events carry coded actors;
                        # 3: places carry `geo` (entities, events, actors)
SCHEMA_VERSION = FORMAT_VERSION   # the old name, kept for code written against it (the database's is
                                  # svodka.store.DB_SCHEMA_VERSION)


def _plain(value: Any) -> Any:
    """Recursively turn records into JSON-ready values."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: ``to_dict`` over dataclass fields, nested records included."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)  # type: ignore[arg-type]
                if not f.metadata.get("internal")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


# --- read ------------------------------------------------------------------------------

@dataclass(slots=True)
class RawDocument(Record):
    """One document as it came in: bytes plus what is known about them."""

    source: str                      # path, "path#line", "path#record-id", "<stdin>"
    data: bytes
    kind: str = "text"               # "text" (visible-text dump) or "html"
    url: str | None = None
    date: str | None = None          # date hint (ISO), from a header, JSONL or WARC
    doc_id: str | None = None        # caller-given id (JSONL "id"), if any
    encoding: str | None = None      # detected or declared encoding
    text: str | None = None          # decoded text
    record_id: str | None = None     # WARC-Record-ID
    site: str | None = None          # the site the container names (JSONL "site"), if any

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("data", "text")}
        d["sha256"] = self.sha256
        d["size"] = len(self.data)
        return d


@dataclass(slots=True)
class Rejected(Record):
    """A document that could not be processed, and why. Never an exception in a batch."""

    source: str
    reason: str
    sha256: str | None = None
    # the bytes, when a reader rejected them, so that the store keeps them too (not in the JSON)
    data: bytes | None = field(default=None, repr=False, compare=False, metadata={"internal": True})


# --- page ------------------------------------------------------------------------------

@dataclass(slots=True)
class Media(Record):
    caption: str | None = None
    credit: str | None = None


@dataclass(slots=True)
class Related(Record):
    title: str
    rubric: str | None = None
    kind: str = "list"               # "inline" (a card inside the body) or "list"


@dataclass(slots=True)
class Card(Record):
    """A person card shown on the page: name, one-line description, birth date (EDTF)."""

    name: str
    description: str | None = None
    born: str | None = None
    born_text: str | None = field(default=None, metadata={"internal": True})   # the page's wording


# --- nlp -------------------------------------------------------------------------------

@dataclass(slots=True)
class Mention(Record):
    field: str                       # "title", "lead", "body[2]", "media[0].caption", …
    start: int
    stop: int
    text: str
    kind: str = "name"               # name, surname, descriptor, adjective, pronoun, alias, credit, attribution
    normal: str | None = None        # the mention's own base form ("Путина" → "Путин"); None for evidence spans
    stands_for: str | None = None    # id of the entity this mention also acts for ("Москва ответила" → Россия)


@dataclass(slots=True)
class Entity(Record):
    id: str
    type: str                        # PER, ORG, LOC
    name: str                        # normalised (nominative) canonical name
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    born: str | None = None
    country: str | None = None       # ISO 3166 alpha-3, where known
    mentions: list[Mention] = field(default_factory=list)
    geo: dict[str, Any] | None = None  # a place's point and codes (svodka.geo.GEO_FIELDS); None: not geocoded


@dataclass(slots=True)
class TimeExpr(Record):
    field: str
    start: int
    stop: int
    text: str
    value: str                       # EDTF: 2025-12-24, 2025-10, 2025-22 (summer)


@dataclass(slots=True)
class Quote(Record):
    kind: str                        # "direct" or "indirect"
    text: str
    field: str
    start: int
    stop: int
    speaker: str | None = None       # entity name or descriptor ("пресс-служба Кремля")
    speaker_id: str | None = None


@dataclass(slots=True)
class ActorRef(Record):
    """An event actor as GDELT codes it: "Сергей Лавров", the article entity, RUS + GOV → "RUSGOV"."""

    name: str
    entity: str | None = None        # the article entity's id, where the actor is one
    country: str | None = None       # ISO 3166 alpha-3
    role: str | None = None          # CAMEO actor role: GOV, MIL, COP, JUD, REB, CVL, MED, …
    code: str | None = None          # country + role, CAMEO style ("RUSGOV", "AZECOP", "REB")
    aliases: list[str] = field(default_factory=list)   # the entity's other names in the article ("СК")
    geo: dict[str, Any] | None = None  # the place the actor's name or role states ("полиция Екатеринбурга")


@dataclass(slots=True)
class Event(Record):
    type: str
    cameo: str | None = None
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    place: str | None = None
    modality: str = "fact"
    killed: int | None = None
    injured: int | None = None
    evidence: list[Mention] = field(default_factory=list)
    confidence: float = 0.0
    actors: dict[str, list[ActorRef]] = field(default_factory=dict)   # {"source": [...], "target": [...]}
    geo: dict[str, Any] | None = None  # where it happened: the place's geo, plus "from": "sentence" or "dateline"


# --- the article -------------------------------------------------------------------------

@dataclass(slots=True)
class Article(Record):
    """One news article with every field the page shows, and later the annotations."""

    id: str
    source: str
    url: str | None = None
    site: str | None = None
    site_name: str | None = None     # the outlet as it names itself (og:site_name, JSON-LD publisher), else site
    published: str | None = None
    rubric: str | None = None
    title: str | None = None
    alt_titles: list[str] = field(default_factory=list)
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    media: list[Media] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    language: str | None = None
    encoding: str | None = None
    sha256: str | None = None
    layout: str | None = None        # which reading produced it: "text" or "html"
    notes: list[str] = field(default_factory=list)   # what was not analysed, and why ("not in Russian (uk)")
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def reader_text(self) -> str:
        """The article as a reader sees it: title, lead, body paragraphs, one per line."""
        parts = [self.title, self.lead, *self.body]
        return "\n".join(p for p in parts if p)

    def field_text(self, name: str) -> str | None:
        """The text of a named field such as ``title`` or ``body[3]``."""
        if name in ("title", "lead", "rubric"):
            return getattr(self, name)
        if name.startswith("body[") and name.endswith("]"):
            i = int(name[5:-1])
            return self.body[i] if 0 <= i < len(self.body) else None
        return None

    def to_dict(self) -> dict[str, Any]:
        d = {"schema": FORMAT_VERSION}
        d.update({f.name: _plain(getattr(self, f.name)) for f in fields(self) if not f.metadata.get("internal")})
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        kinds = {"media": Media, "related": Related, "cards": Card}
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in names}
        for key, kind in kinds.items():
            kw[key] = [kind.from_dict(x) for x in kw.get(key, [])]
        kw.pop("entities", None), kw.pop("quotes", None), kw.pop("times", None), kw.pop("events", None)
        return cls(**kw)


__all__ = [
    "FORMAT_VERSION", "SCHEMA_VERSION",
    "RawDocument", "Rejected", "Media", "Related", "Card", "Mention", "Entity", "ActorRef",
    "TimeExpr", "Quote", "Event", "Article", "asdict",
]
