"""A draft event: one trigger token of one sentence, with what the coder has read around it so far.

    Draft(trigger, sent, tok, type, code)     # filled step by step by arguments, when_where, modality, …

merge.py turns the drafts of one happening into a single svodka.model.Event.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Mention
from .party import Actor
from .lexicon import Trigger
from .parse import Sentence, Tok



@dataclass
class Draft:
    trigger: Trigger
    sent: Sentence
    tok: Tok
    type: str
    code: str | None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_from: str | None = None      # text, month-adjective, context, before, article, None
    place: str | None = None
    modality: str = "fact"
    killed: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    evidence: list[Mention] = field(default_factory=list)
    order: tuple[int, int] = (0, 0)
    governed: bool = False            # the complement of an intent head ("договорились провести встречу")
    anaphoric: bool = False           # a noun with no actors of its own ("эти переговоры")

    @property
    def actors(self) -> list[Actor]:
        return self.source + [a for a in self.target if a.name not in {s.name for s in self.source}]
