"""Offices and states as parties: an unnamed court, government or leader → who it is.

A mixin of :class:`svodka.events.actors.ActorIndex` (it uses the index's ``article``, ``covering``,
``actor`` and ``about``).

    genitive_country(s, tok)   "МИД Украины" → UKR
    state_of(s, tok)           "итальянский суд" → Италия; the state of the place the sentence names after it
    the_court()                the one court the article names ("Пресненский суд")
    leader_of_country(s, tok)  "российский лидер" → the one Russian the article is about
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..lang import countries
from .parse import Sentence, Tok
from .party import Actor, place_country, state_actor


class OfficeQueries:
    def genitive_country(self, s: Sentence, tok: Tok) -> str | None:
        """The country a genitive beside the token names ("МИД Украины", "полиция Армении"), if any."""
        for c in s.children(tok, "nmod"):
            if c.feats.get("Case") != "Gen" or s.case_of(c) is not None:
                continue
            for h in self.covering(s.field, c.start, c.stop):
                named = countries.country_named(h[2].name) if h[2].type == "LOC" else None
                if named is not None:
                    return named.iso3
        return None

    def state_of(self, s: Sentence, tok: Tok) -> Actor | None:
        """The country an office acts for: named beside it ("суд Италии", "итальянский суд"), else the one
        country the article names most."""
        for t in s.subtree(tok, ("acl", "acl:relcl", "parataxis", "punct", "case", "conj")):
            for h in self.covering(s.field, t.start, t.stop):
                c = countries.country_named(h[2].name) if h[2].type == "LOC" else None
                if c is not None:
                    return self.actor(h[2])
            if t.pos == "ADJ":
                named = countries.countries_of_adjective(t.text)
                if len(named) == 1:       # "Итальянский суд" opening a sentence: no mention, still Италия
                    return Actor(named[0].name, "LOC", None, named[0].iso3)
        places = [h[2] for t in s.toks[tok.i + 1:] for h in self.covering(s.field, t.start, t.stop)
                  if h[2].type == "LOC" and h[3] not in ("adjective", "metonymy")]
        here = {place_country(e.name, self.article) for e in places} - {None}
        if places and len(here) != 1:
            return None             # a place named after it whose state is unknown or several: no guess
        if len(here) == 1:
            # "призвал власти … в Гонконге": the state of the place the sentence is about
            state = countries.by_iso3(next(iter(here)))
            if state is not None:
                return state_actor(state, self.article)
        states = [(len(e.mentions), e) for e in self.article.entities
                  if e.type == "LOC" and countries.country_named(e.name)]
        states.sort(key=lambda x: -x[0])
        if states and (len(states) == 1 or states[0][0] > states[1][0]):
            return self.actor(states[0][1])
        return None

    def the_court(self) -> list[Actor]:
        """The one court the article names ("Пресненский суд"), as the agent of a sentence passed."""
        courts = [e for e in self.article.entities if e.type == "ORG" and
                  re.search(r"(?<![\w-])(?:суд|мосгорсуд|трибунал)\w*(?![\w-])", e.name, re.I)]
        return [self.actor(courts[0])] if len(courts) == 1 else []

    def leader_of_country(self, s: Sentence, tok: Tok) -> Actor | None:
        """'российский лидер', 'турецкий президент' with no name of its own: the one person of that country
        the article is about (named in its title or lead, or again and again)."""
        if s.children(tok, "nmod") or s.children(tok, "appos"):
            return None
        adjective = [countries.countries_of_adjective(c.text) for c in s.children(tok, "amod")]
        named = {c.iso3 for found in adjective if len(found) == 1 for c in found}
        if len(named) != 1:
            return None
        country = named.pop()
        people = [e for e, _ in self.about() if e.country == country]
        return replace(self.actor(people[0]), inferred=True) if len(people) == 1 else None

    def _local_office(self, s: Sentence, tok: Tok) -> bool:
        """'прокуратура города Павия', 'суд Гродно': an office of a city or a region is named by it, not by
        its country (the coding rules keep named courts and offices as they are named)."""
        for c in s.children(tok, "nmod"):
            if s.case_of(c) is not None:
                continue
            for t in [c] + s.children(c, "appos", "flat", "flat:name", "nmod"):
                for h in self.covering(s.field, t.start, t.stop):
                    if h[2].type == "LOC" and h[3] != "metonymy" and countries.country_named(h[2].name) is None:
                        return True
        return False
