"""Actors: a nominal of the parse → the article's entities (or a descriptive phrase with a country).

    ActorIndex(article)             entity mentions by field, parties ("стороны"), pronoun antecedents
    index.actors(sentence, token)   the actor(s) a nominal token stands for, its conjuncts included

A nominal is resolved, in order, to
  * the entity whose mention covers the token or its appositive/flat-name chain
    ("президентом Азербайджана Ильхамом Алиевым" → Ильхам Алиев, not Азербайджан);
  * a person whose role in the article is the phrase ("президент Франции" → the person holding it);
  * the participants already named in the article for "стороны", "лидеры", "президенты", "оба лидера";
  * the antecedent of "который" (the noun the relative clause hangs on) and of "он"/"она" (the last person
    of that gender mentioned before);
  * otherwise a descriptive actor in the nominative ("граждане Азербайджана", "полиция"), with the country
    of a place or country adjective inside it (AZE) — never a bare pronoun or number.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Article, Entity
from ..lang import countries
from ..lang.names import KIN_NOUNS
from ..nlp.entities import article_fields
from ..lang.inflect import _parses
from .describe import describe
from .antecedents import OFFICES, ROLE_NOUNS, Antecedents
from .offices import OfficeQueries
from .parse import Sentence, Tok, active_participle
from .party import Actor, entity_country, state_actor


# a body named again by its kind: "ведомство", "министерство", "компания" (the one named just before)
ORG_ANAPHORS = {"ведомство", "министерство", "компания", "организация", "агентство", "корпорация", "концерн",
                "холдинг", "регулятор", "издание", "телеканал", "партия"}
STAFF_NOUNS = {"сотрудник", "работник", "служащий", "представитель", "офицер", "агент", "чиновник", "следователь",
               "специалист", "боец", "оперативник", "пресс-служба"}
QUANTITY = {"тысяча", "сотня", "десяток", "несколько", "множество", "миллион", "часть", "ряд", "большинство",
            "толпа"}
SIDES = {"сторона", "лидер", "президент", "глава", "страна", "государство", "партнер", "премьер", "участник"}
PRONOUNS = {"он": "Masc", "она": "Fem"}
OBJECT_PRONOUNS = {"её": "Fem", "ее": "Fem", "ей": "Fem", "ней": "Fem", "нее": "Fem", "неё": "Fem", "его": "Masc",
                   "него": "Masc", "ему": "Masc", "нему": "Masc", "ним": "Masc"}
SKIP_HEADS = {"я", "мы", "ты", "вы", "они", "оно", "это", "что", "кто", "все", "себя", "который", "свой",
              "тот", "этот", "каждый", "друг", "один", "человек"}
NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign")
# nouns a nominal trigger may hang on and still take the verb's subject: "в ходе визита X …",
# "направил телеграмму с поздравлениями", "провел серию встреч"
CLIMB_NOUNS = {"ход", "время", "рамка", "итог", "результат", "день", "начало", "конец", "преддверие", "канун",
               "период", "ходе", "рамках", "телеграмма", "письмо", "послание", "серия", "ряд", "раунд",
               "цикл", "череда"}


class ActorIndex(OfficeQueries, Antecedents):
    def __init__(self, article: Article) -> None:
        self.article = article
        self.by_field: dict[str, list[tuple[int, int, Entity, str]]] = {}
        # mentions not in their base form ("адвокат Соколова": a genitive, not the lawyer's name)
        self.oblique: set[tuple[str, int]] = set()
        by_id = {e.id: e for e in article.entities}
        for e in article.entities:
            for m in e.mentions:
                if m.kind in ("credit", "attribution"):
                    continue            # "по данным ТАСС": the source of the report is no actor in it
                # a capital that acts ("Москва ответила") is its country as an actor, not a place
                if m.normal and m.normal.casefold() != m.text.casefold():
                    self.oblique.add((m.field, m.start))
                acting = by_id.get(m.stands_for or "")
                item = (m.start, m.stop, acting, "metonymy") if acting is not None else (m.start, m.stop, e, m.kind)
                self.by_field.setdefault(m.field, []).append(item)
        for v in self.by_field.values():
            v.sort(key=lambda x: (x[0], -x[1]))
        self.field_order = {name: k for k, name in enumerate(self._fields())}
        self.parties: list[Actor] = []         # the participants of the article's last call/meeting
        self._lead_parties = self._parties_from_top()
        self._about: list[tuple[Entity, list]] | None = None

    def _fields(self) -> list[str]:
        return [n for n, _ in article_fields(self.article)]

    # --- entities ------------------------------------------------------------------------------
    def actor(self, e: Entity) -> Actor:
        if e.type == "LOC" and countries.country_named(e.name) is None:
            state = countries.capital_named(e.name)
            if state is not None:
                # a capital that takes part in an act is its state ("обвинил Киев", "Москва ответила")
                return state_actor(state, self.article)
        return Actor(e.name, e.type, e.id, entity_country(e))

    def covering(self, field: str, start: int, stop: int) -> list[tuple[int, int, Entity, str]]:
        return [x for x in self.by_field.get(field, ()) if x[0] < stop and start < x[1]]

    def _parties_from_top(self) -> list[Actor]:
        """Two or more persons with a country named together in the title or lead, as a fallback for 'стороны'."""
        for field in ("alt_titles[0]", "title", "lead"):
            people = []
            for _, _, e, _ in self.by_field.get(field, ()):
                if e.type == "PER" and e.country and all(p.id != e.id for p in people):
                    people.append(self.actor(e))
            if len(people) >= 2:
                return people
        return []

    def sides(self) -> list[Actor]:
        return list(self.parties or self._lead_parties)

    def by_role(self, phrase: str) -> Actor | None:
        phrase = phrase.lower().replace("ё", "е")
        found = [e for e in self.article.entities if e.type == "PER" and
                 any(r.lower().replace("ё", "е") == phrase for r in e.roles)]
        return self.actor(found[0]) if len(found) == 1 else None

    def by_role_head(self, s: Sentence, tok: Tok) -> Actor | None:
        """'журналист', 'бывший президент': the person of the article whose role has this head noun — the one
        such person, or of several the one mentioned last before."""
        head = tok.lemma.lower().replace("ё", "е")
        found = [e for e in self.article.entities if e.type == "PER" and any(
            head in [w.lower().replace("ё", "е") for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", r)][:3]
            for r in e.roles)]
        # "глава МИД Германии" is nobody of another country ("глава МИД Украины Пристайко")
        named = countries.country_in_phrase(" ".join(x.text for x in s.subtree(tok, ("acl", "acl:relcl", "conj",
                                                                                         "parataxis", "punct"))))
        if named is not None:
            found = [e for e in found if e.country in (None, named.iso3)]
        if len(found) == 1:
            return self.actor(found[0])
        if found and not s.children(tok, "nmod"):
            near = self.previous_person(s, tok, tok.feats.get("Gender"), among={e.id for e in found})
            return replace(near, inferred=True) if near else None
        return None

    # --- a nominal → actors -------------------------------------------------------------------------
    def actors(self, s: Sentence, tok: Tok, conj: bool = True) -> list[Actor]:
        out = self.one(s, tok)
        if conj:
            for c in s.children(tok, "conj"):
                if c.pos in ("NOUN", "PROPN", "PRON"):
                    out += self.one(s, c)
        seen, uniq = set(), []
        for a in out:
            if a.name not in seen:
                seen.add(a.name)
                uniq.append(a)
        return uniq

    def one(self, s: Sentence, tok: Tok) -> list[Actor]:
        low = tok.low
        if tok.lemma == "который" or low.startswith("котор"):
            for anc in [tok] + s.ancestors(tok):
                if anc.rel.startswith("acl") and anc.head >= 0:
                    return self.actors(s, s.toks[anc.head])
            return []
        if low in PRONOUNS and tok.rel.startswith("nsubj"):
            a = self.sentence_subject(s, tok, PRONOUNS[low]) or self.previous_person(s, tok, PRONOUNS[low])
            return [a] if a else []
        if low in OBJECT_PRONOUNS:
            # "раскритиковали её": the person the pronoun points back to, of its gender
            a = self.previous_person(s, tok, OBJECT_PRONOUNS[low], strict_gender=True)
            return [a] if a else []
        group = tok.feats.get("Number") == "Plur" or bool(s.children(tok, "nummod", "nummod:gov"))
        listed = self.listed(s, tok) if tok.pos == "NOUN" and group else []
        if listed:
            return listed
        # the token itself or its name chain covered by an entity mention
        chain = [tok] + [c for c in s.subtree(tok, ("conj", "acl", "acl:relcl", "parataxis", "punct", "cc",
                                                     "case", "nmod", "amod", "det", "nummod"))
                         if c is not tok and c.rel in NAME_RELS and (c.i > tok.i or tok.pos == "PROPN")]
        # (a common noun's name follows it: "глава государства Владимир Зеленский"; one before it is
        # another clause's name the parser hung here)
        # "соцсеть Twitter", "компания Apple": a Latin name the parser hangs on its kind as an nmod
        chain += [c for c in s.children(tok, "nmod") if c.i == tok.i + 1 and c.pos == "PROPN" and
                  re.match(r"[A-Za-z]", c.text) and s.case_of(c) is None]
        for t in chain:
            if t is not tok and (tok.pos == "NOUN" or tok.lemma in KIN_NOUNS) and self._someone_elses(s, tok, t):
                continue        # "адвокат Соколова" parsed as an apposition: a genitive, someone else
            hits = self.covering(s.field, t.start, t.stop)
            hits = [h for h in hits if h[3] != "adjective" or t is tok]
            if hits:
                e = sorted(hits, key=lambda h: ({"PER": 0, "ORG": 1, "LOC": 2}.get(h[2].type, 3)))[0][2]
                a = self.actor(e)
                if e.type == "ORG" and a.country is None:
                    a = replace(a, country=self.genitive_country(s, t))     # "МИД Украины" → UKR
                return [a]
        counted = tok.lemma == "человек" and bool(s.children(tok, "nummod", "nummod:gov"))
        if tok.pos not in ("NOUN", "PROPN") or (tok.lemma in SKIP_HEADS or low in SKIP_HEADS) and not counted:
            return []           # "39 человек" is a group the act befell; a bare "человек" is no one
        number = tok.feats.get("Number")
        if tok.lemma in SIDES and (number == "Plur" or low.startswith("обе")) and not s.children(tok, "nmod"):
            return self.sides()
        if tok.lemma in SIDES and any(c.lemma in ("оба", "обе") for c in s.children(tok)):
            return self.sides()
        sub = s.subtree(tok, ("conj", "acl", "acl:relcl", "parataxis", "cc", "case", "punct"))
        if tok.feats.get("Animacy") == "Anim" and tok.i + 1 < len(s.toks):
            # "дочь Лиза", "мать Раиса": a name right after a person noun, in its case
            nxt = s.toks[tok.i + 1]
            if self._someone_elses(s, tok, nxt) and tok.i + 2 < len(s.toks):
                nxt = s.toks[tok.i + 2]     # "сына Кадырова Адама": the name after the genitive is his
            if nxt.feats.get("Case") == tok.feats.get("Case") or nxt.i == tok.i + 2:
                for h in self.covering(s.field, nxt.start, nxt.stop):
                    if h[2].type == "PER" and h[0] == nxt.start and not self._someone_elses(s, tok, nxt):
                        return [self.actor(h[2])]
        if tok.feats.get("Animacy") == "Anim" or tok.lemma in ROLE_NOUNS:
            # "министр иностранных дел Латвии Айварс Озолс": the name that closes the role phrase
            for t in s.toks[tok.i + 1:tok.i + 7]:
                if t.pos in ("VERB", "AUX") or t.text in ",;:()—«»\"" or \
                        number == "Plur" and t.feats.get("Number") == "Sing" and t.pos == "PROPN":
                    break           # (a group is not named by one name: "участников «Марша Голунова»")
                hit = next((h for h in self.covering(s.field, t.start, t.stop)
                            if h[2].type == "PER" and h[0] == t.start), None)
                if hit is not None and self._someone_elses(s, tok, t):
                    break       # "адвокат Соколова", "сына Кадырова": someone of the one named, not them
                if hit is not None:
                    return [self.actor(hit[2])]
        if tok.feats.get("Animacy") == "Anim" and tok.feats.get("Case"):
            # "жена президента Азербайджана Мехрибан Алиева": the name in the head's case is the head
            for t in sub:
                if t is tok or t.feats.get("Case") != tok.feats.get("Case") or self._someone_elses(s, tok, t):
                    continue
                if tok.feats.get("Number") == "Plur" and t.feats.get("Number") == "Sing":
                    continue        # "участников «Марша Голунова»": one name is no group's
                for h in self.covering(s.field, t.start, t.stop):
                    if h[2].type == "PER" and h[0] == t.start:
                        return [self.actor(h[2])]
        if tok.feats.get("Animacy") == "Anim" and any(
                self._someone_elses(s, tok, c) and any(h[2].type == "PER" for h in self.covering(s.field, c.start, c.stop))
                for c in s.children(tok, "nmod", "appos")):
            return []           # "сына Кадырова", "адвоката Иванова": someone of a named person, not named
        if tok.feats.get("Number") == "Plur":
            # "министров иностранных дел России и Турции": plural officials of two countries → the countries
            found: list[Actor] = []
            for t in s.subtree(tok, ("acl", "acl:relcl", "parataxis", "punct", "case")):
                for h in self.covering(s.field, t.start, t.stop):
                    if h[2].type == "LOC" and countries.country_named(h[2].name) and h[3] != "adjective" and \
                            all(a.id != h[2].id for a in found):
                        found.append(self.actor(h[2]))
            if len(found) >= 2:
                return found
        if tok.lemma in ORG_ANAPHORS and number == "Sing" and not s.children(tok, "nmod") and \
                not any(c.rel == "amod" and countries.countries_of_adjective(c.text) for c in s.children(tok)):
            # "Роскомнадзор сообщил, что ведомство составило протокол": the body named just before
            org = self.previous_org(s, tok)
            if org is not None:
                return [org]
        if tok.lemma in STAFF_NOUNS:
            # "сотрудники ФСБ", "представитель МИД Украины": the staff of a named body act for it
            for c in s.children(tok, "nmod"):
                if c.feats.get("Case") in ("Gen", "Acc") and s.case_of(c) is None:
                    orgs = [a for a in self.one(s, c) if a.type == "ORG"]
                    if orgs:
                        return orgs[:1]
        if tok.lemma in QUANTITY:
            inner = [c for c in s.children(tok, "nmod") if c.feats.get("Case") == "Gen" and s.case_of(c) is None]
            return self.one(s, inner[0]) if inner and inner[0].lemma not in SKIP_HEADS else []
        name = describe(s, tok)
        if tok.lemma in ("полицейский", "полицейская") and not s.children(tok, "nmod"):
            name = "полиция"        # an officer acts for the police (GDELT's COP), as "сотрудники ФСБ" for ФСБ
        leader = self.leader_of_country(s, tok) if number == "Sing" and tok.lemma in ROLE_NOUNS else None
        if leader is not None:
            return [leader]
        role = self.by_role(name) or (self.by_role_head(s, tok) if number != "Plur" else None)
        if role:
            return [role]
        person = self.described_person(s, tok)
        if person:
            return [person]
        if tok.lemma in OFFICES:
            # "трибунал ООН", "суд ЕС": the court of a named body is that body's, not a country's
            for c in s.children(tok, "nmod"):
                if c.feats.get("Case") == "Gen" and s.case_of(c) is None:
                    orgs = [a for a in self.one(s, c) if a.type == "ORG"]
                    if orgs:
                        return orgs[:1]
        if tok.lemma in OFFICES and not self._local_office(s, tok):
            # an unnamed court, judge or government acts for its country ("итальянский суд" → Италия)
            state = self.state_of(s, tok)
            if state is not None:
                return [state]
        country = None
        for t in sub:
            for h in self.covering(s.field, t.start, t.stop):
                country = country or entity_country(h[2])
        if country is None:
            c = countries.country_in_phrase(name)
            country = c.iso3 if c else None
        if not name or len(name) > 80:
            return []
        return [Actor(name, None, None, country)]

    def _someone_elses(self, s: Sentence, head: Tok, name: Tok) -> bool:
        """The name after a person noun is its genitive, not its apposition: the name is not in its base
        form, and the noun is nominative or the parser reads the name as a genitive the noun is not."""
        if (s.field, name.start) not in self.oblique:
            return False
        if head.lemma in KIN_NOUNS:
            # "сына Алибасова": a kin noun takes no bare surname as its name ("сына Адама" is his name)
            return not any("Name" in p.tag for p in _parses(name.low))
        case = head.feats.get("Case")
        return case == "Nom" or (name.feats.get("Case") == "Gen" and case not in ("Gen", None))

    def climb(self, s: Sentence, tok: Tok, hops: int = 3) -> Tok | None:
        """The verb a nominal hangs on: 'в ходе визита X договорился' — визита → ходе → договорился."""
        t = tok
        for _ in range(hops):
            if t.head < 0:
                return None
            h = s.toks[t.head]
            if h.pos in ("VERB", "AUX") or (h.pos == "ADJ" and (h.feats.get("Variant") == "Short" or
                                                                 (h.rel.startswith("acl") and active_participle(h)))):
                return h
            if h.pos != "NOUN" or h.lemma not in CLIMB_NOUNS:
                return None
            t = h
        return None
