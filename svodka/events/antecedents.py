"""Antecedents: whom a descriptor, a pronoun or a listed group refers to.

A mixin of :class:`svodka.events.actors.ActorIndex` (it uses the index's ``article``, ``by_field``,
``field_order``, ``covering``, ``actor`` and ``one``).

    about()                           the persons the article is about, with their topical mentions
    described_person(s, tok)          "замечательного артиста" → the person named before, of its gender
    sentence_subject(s, tok, gender)  "он" → the subject named before it in its sentence
    previous_person / next_person     the person mentioned last before / first after a token
    previous_org(s, tok)              "ведомство" → the body named before it in its sentence
    listed(s, tok)                    "пять экс-президентов: Фухимори, Толедо и Гарсия" → those persons
"""
from __future__ import annotations

from dataclasses import replace

from ..lang import countries
from ..model import Entity
from ..nlp.entity_rules import gender_of
from .parse import Sentence, Tok
from .party import Actor

ROLE_NOUNS = {"министр", "президент", "глава", "премьер", "посол", "губернатор", "мэр", "лидер", "председатель",
              "руководитель", "спикер", "канцлер", "госсекретарь", "генсек", "директор"}
# offices that act for their country when unnamed (the coding rules: an unnamed court is its country)
# ("следствие" is no office of a state: the coding rules leave the unnamed investigation out)
OFFICES = {"суд", "судья", "власть", "правительство", "прокуратура", "прокурор", "обвинитель", "трибунал"}
# nouns and modifiers that bring in someone not named before ("другой пассажир", "один из свидетелей")
NEW_PERSON_WORDS = {"другой", "некий", "один", "еще", "ещё", "очередной", "второй", "третий", "какой-то", "новый",
                    "неизвестный", "неустановленный", "некоторый", "любой", "каждый", "иной"}
NEW_PERSON_NOUNS = {"человек", "мужчина", "женщина", "неизвестный", "житель", "жительница", "прохожий",
                    "очевидец", "свидетель", "пострадавший", "пассажир", "водитель", "ребенок", "подросток",
                    "злоумышленник", "преступник", "нападавший", "стрелок", "пользователь", "собеседник",
                    "источник", "представитель", "сотрудник", "сотрудница", "полицейский", "гражданин",
                    "гражданка", "бизнесмен", "мигрант", "турист", "военный", "врач", "адвокат", "защитник",
                    # relational: someone's counterpart or kin, not the person named before
                    "коллега", "партнер", "друг", "подруга", "сын", "дочь", "жена", "муж", "мать", "отец",
                    "брат", "сестра", "супруг", "супруга", "родственник", "сосед", "соперник", "оппонент",
                    "сторонник", "противник", "помощник", "заместитель", "преемник", "предшественник"}
POSSESSIVES = {"его", "ее", "её", "их", "свой", "мой", "наш", "ваш", "твой"}


class Antecedents:
    def about(self) -> list[tuple[Entity, list]]:
        """The persons the article is about — named in its title or lead, or again and again — with their
        topical mentions (computed once per article)."""
        if self._about is None:
            self._about = []
            for e in self.article.entities:
                topical = [m for m in e.mentions if m.kind not in ("credit", "attribution")]
                if e.type == "PER" and (len(topical) >= 3 or any(m.field in ("title", "alt_titles[0]", "lead")
                                                                  for m in topical)):
                    self._about.append((e, topical))
        return self._about

    def described_person(self, s: Sentence, tok: Tok) -> Actor | None:
        """'замечательного артиста', 'украинский солдат': a singular person noun with no name of its own
        refers back to the last person the article has named more than once, of its gender; "другой",
        "один из", numerals and quantities introduce someone new and resolve to nobody."""
        if tok.pos != "NOUN" or tok.feats.get("Number") != "Sing" or tok.feats.get("Animacy") != "Anim" or \
                tok.lemma in OFFICES or tok.lemma in NEW_PERSON_NOUNS or tok.lemma in ROLE_NOUNS:
            return None
        if tok.rel == "conj" or s.children(tok, "conj"):
            return None                 # "14 пограничников и егерь": one of a listed group
        adjective_country = None
        for c in s.children(tok):
            if c.lemma in NEW_PERSON_WORDS or c.rel in ("nummod", "nummod:gov") or c.pos == "NUM":
                return None
            if c.rel == "nmod" or c.lemma in POSSESSIVES:
                return None             # "мэр Москвы", "виновника ДТП", "его клиента": someone else's
            if c.rel == "amod":
                named = countries.countries_of_adjective(c.text)
                adjective_country = named[0].iso3 if len(named) == 1 else adjective_country
        if tok.head >= 0 and s.toks[tok.head].lemma in NEW_PERSON_WORDS:
            return None
        # named in this very sentence, a descriptor in it is someone else
        about = {e.id for e, topical in self.about() if not any(m.field == s.field and s.start <= m.start < s.stop
                                                                for m in topical)}
        if adjective_country:
            # "российский лидер": the person of that country, where the article knows whose he is
            of_country = {e.id for e, _ in self.about() if e.id in about and e.country == adjective_country}
            about = of_country or about
        near = self.previous_person(s, tok, tok.feats.get("Gender"), among=about, strict_gender=True)
        if near is None and s.field in ("title", "alt_titles[0]", "lead"):
            # a headline names its person by a descriptor first: "Итальянский суд приговорил украинского
            # солдата" — the person the article is about, named right after
            near = self.next_person(s, tok, tok.feats.get("Gender"), among=about)
        if near is None or (adjective_country and near.country and near.country != adjective_country):
            return None                 # "итальянского фотографа" is not the Ukrainian named before
        return replace(near, inferred=True)

    def sentence_subject(self, s: Sentence, tok: Tok, gender: str) -> Actor | None:
        """'Ляшко подрался с Герусом, которого он обвинил': a subject pronoun continues the subject named
        before it in its sentence, not the last name read."""
        for t in reversed(s.toks[:tok.i]):
            if not t.rel.startswith("nsubj") or t.pos == "PRON":
                continue
            for a in self.one(s, t):
                g = gender_of(a.name) if a.type == "PER" else None
                if a.type == "PER" and not a.inferred and (not g or g[:1] == gender[:1].lower()):
                    return a
        return None

    def next_person(self, s: Sentence, tok: Tok, gender: str | None, among: set[str]) -> Actor | None:
        """The first person of ``among`` mentioned after the token, in its field or the next two, if of its
        gender (a woman's name only for a feminine noun)."""
        here = (self.field_order.get(s.field, 0), tok.stop)
        best = None
        for e in self.article.entities:
            if e.id not in among:
                continue
            for m in e.mentions:
                key = (self.field_order.get(m.field, -1), m.start)
                if key > here and key[0] - here[0] <= 2 and (best is None or key < best[0]):
                    best = (key, e)
        if best is None:
            return None
        g = gender_of(best[1].name)
        if (gender and g and g[:1] != gender[:1].lower()) or (gender == "Fem" and not g):
            return None
        return self.actor(best[1])

    def previous_org(self, s: Sentence, tok: Tok) -> Actor | None:
        """The organisation mentioned last before the token in its sentence (across sentences the last one
        named is often the other party: "иск против Google. Ранее компания …")."""
        best = None
        for a, b, e, kind in self.by_field.get(s.field, ()):
            if e.type == "ORG" and b <= tok.start and a >= s.start and kind not in ("credit", "attribution"):
                if best is None or a > best[0]:
                    best = (a, e)
        return replace(self.actor(best[1]), inferred=True) if best else None

    def previous_person(self, s: Sentence, tok: Tok, gender: str | None, among: set[str] | None = None,
                        strict_gender: bool = False) -> Actor | None:
        """The person mentioned last before the token, in its field or the one before; of its gender
        (``strict_gender``: a feminine noun only for a woman's name, a masculine one never for it)."""
        here = (self.field_order.get(s.field, 0), tok.start)
        best = None
        for e in self.article.entities:
            if e.type != "PER" or (among is not None and e.id not in among):
                continue
            g = gender_of(e.name)
            if gender and g and g[:1] != gender[:1].lower():
                continue
            if strict_gender and gender == "Fem" and not g:
                continue
            for m in e.mentions:
                key = (self.field_order.get(m.field, -1), m.start)
                if key[0] < 0 or key >= here or here[0] - key[0] > 1:
                    continue
                if best is None or key > best[0]:
                    best = (key, e)
        return self.actor(best[1]) if best else None

    def listed(self, s: Sentence, tok: Tok) -> list[Actor]:
        """"пять экс-президентов: Фухимори, Толедо и Гарсия", "президенты Умала и Кучински": the named ones
        a plural group is spelled out as (after a colon or dash, or as its apposition) — read on the surface,
        name after name joined by commas and "и", since the parser often hangs the later ones elsewhere."""
        for c in s.children(tok, "parataxis", "appos"):
            between = s.toks[tok.i + 1:c.i]
            if c.i <= tok.i or not (c.rel == "appos" or any(t.text in (":", "—", "–") for t in between)):
                continue
            found: list[Actor] = []
            k = c.i
            while k < len(s.toks):
                hit = next((h for h in self.covering(s.field, s.toks[k].start, s.toks[k].stop)
                            if h[2].type in ("PER", "ORG") and h[0] == s.toks[k].start), None)
                if hit is None:
                    break
                found.append(self.actor(hit[2]))
                k += 1
                while k < len(s.toks) and s.toks[k].start < hit[1]:
                    k += 1                  # the rest of the name
                if k < len(s.toks) and s.toks[k].text == "(":
                    close = next((j for j in range(k, min(len(s.toks), k + 12)) if s.toks[j].text == ")"), None)
                    k = close + 1 if close is not None else k     # "Фухимори (1990—2000 годы), …"
                if k + 1 < len(s.toks) and s.toks[k].text in (",", "и"):
                    k += 1
                else:
                    break
            if len(found) >= 2 or (found and c.rel == "parataxis"):
                return found
        return []
