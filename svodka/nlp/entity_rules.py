"""Rules over one article's entities that are not plain linking: a woman's name by agreement, an
organisation's abbreviation joined to its long name, a street kept with its name, a subject written in the
nominative.
"""
from __future__ import annotations

import re

from ..lang.actor_roles import STATE_ROLES, role_of
from ..lang.countries import countries_of_adjective, country_in_phrase, country_named
from ..lang.forms import TextForms
from ..lang.gazetteer import gazetteer_country
from ..lang.inflect import _parses
from ..lang.person_names import _feminine_nominative

FEMININE_VERB = re.compile(r"^\s+[а-яё]+(?:ла|лась)\b")
# after a subject at the start of a clause, a negation or adverb may come first ("Асия Биби не покинула")
SUBJECT_FEMININE_VERB = re.compile(r"^\s+(?:не\s+|уже\s+|также\s+)?[а-яё]+(?:ла|лась)\b")

CLAUSE_START = re.compile(r"(?:^|[.!?,;:—–«\"(]|\b(?:и|а|но|что|как|когда|пока))\s*$")




MASCULINE_VERB_AFTER = re.compile(r"^\s+(?:не\s+|уже\s+|также\s+)?[а-яё]+(?:л|лся)\b")


# a relative pronoun or participle after a comma agrees with the name itself, in any clause position
FEMININE_ATTRIBUTE = re.compile(r"^\s?,\s+(?:которая|которой|которую|[а-яё]+(?:нная|нной|вшая|вшей|вшую|тая|той)\b)")


MASCULINE_ATTRIBUTE = re.compile(r"^\s?,\s+(?:который|которого|которому|[а-яё]+(?:нный|нного|вший|вшего|тый|того)\b)")


STREET_NOUNS = frozenset("улица проспект переулок площадь бульвар шоссе набережная проезд тупик аллея".split())


PREVIOUS_WORD = re.compile(r"([а-яё]+)\s+$")


def _subject_as_written(text: str, start: int, stop: int) -> bool:
    """A one-word name at the start of a clause, followed by a finite verb: the subject, so its form is
    the nominative (for names the dictionary knows only as oblique forms of other words)."""
    surface = text[start:stop]
    if " " in surface or not surface[:1].isupper() or not CLAUSE_START.search(text[max(0, start - 12):start]):
        return False
    m = NEXT_WORD.match(text, stop)
    if m is None or not any(p.tag.POS == "VERB" and "indc" in p.tag for p in _parses(m.group(1).lower())):
        return False
    parses = _parses(surface)
    if any({"Orgn", "Geox", "Name", "Surn"} & set(p.tag.grammemes) for p in parses):
        return False
    # only where the dictionary's word is another stem ("Следком" → "следок"), not a regular ending ("Сената")
    return not any(surface.lower().startswith(p.normal_form[:-1]) for p in parses)


NEXT_WORD = re.compile(r"\s+([а-яё]+)")
# a finite verb right after a name (a negation or adverb may come first), then the word after it
VERB_AFTER = re.compile(r"\s+(?:не\s+|уже\s+|также\s+|тоже\s+)?([а-яё]+)(?:\s+([А-ЯЁа-яё]+))?")


def _verb_has_own_subject(text: str, stop: int, names: bool = True) -> bool:
    """Does a nominative follow the verb after a mention — the verb's own subject, the mention its object
    ("Джулиана Ассанжа задержала британская полиция")? ``names``: any capitalised word counts as one
    ("Митча Макконнелла раскритиковал Трамп"; but "Асия Биби покинула Пакистан" has its object there)."""
    m = VERB_AFTER.match(text, stop)
    nxt = m.group(2) if m else None
    if not nxt:
        return False
    if names and nxt[:1].isupper():
        return True
    parses = [p for p in _parses(nxt.lower()) if p.tag.POS in ("NOUN", "NPRO", "ADJF")]
    # a nominative that is no accusative too ("полиция", not "Пакистан": that may be the verb's object)
    return any(p.tag.case == "nomn" for p in parses) and not any(p.tag.case == "accs" for p in parses)


def genitive_guess(surface: str, normal: str) -> bool:
    """Did the base form only strip an "-а"/"-я" the name may have in the nominative too ("Ольянта Умала" →
    "Ольянт Умал")? An instrumental "-ом" or a dative "-у" is sure and not second-guessed."""
    pairs = list(zip(surface.split(), normal.split()))
    return len(surface.split()) == len(normal.split()) and any(a != b for a, b in pairs) and all(
        a == b or a[-1:] in "ая" and b in (a[:-1], a[:-1] + "й", a[:-1] + "ь") for a, b in pairs)


def person_subject_as_written(text: str, start: int, stop: int) -> bool:
    """"Ольянта Умала заявил", "президент Федерика Могерини заявила": a foreign name at the head of a
    clause (or after a role noun in the nominative) followed by its verb is the subject, written in the
    nominative — where the dictionary knows none of its words only in another case. Not when another
    nominative follows the verb ("Джулиана Ассанжа задержала полиция": the name is its object)."""
    surface = text[start:stop]
    words = surface.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    before = text[max(0, start - 30):start]
    prev = PREVIOUS_WORD.search(before)
    if not CLAUSE_START.search(before[-12:]) and not (prev and any(
            p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" and p.tag.animacy == "anim"
            and not {"Name", "Surn"} & set(p.tag.grammemes) for p in _parses(prev.group(1)))):
        return False
    m = VERB_AFTER.match(text, stop)
    if m is None or not any(p.tag.POS == "VERB" and "indc" in p.tag for p in _parses(m.group(1))):
        return False
    if _verb_has_own_subject(text, stop):
        return False
    # every word: unknown to the dictionary, or with a nominative reading ("Ильхама", "Алиеву" have none)
    return all(not _parses(w)[0].is_known or any(p.is_known and p.tag.case == "nomn" for p in _parses(w))
               for w in words)


def _street_before(text: str, start: int) -> tuple[int, str] | None:
    """(start, nominative) of a street noun right before a place name: "улице" → "улица"."""
    m = PREVIOUS_WORD.search(text, max(0, start - 20), start)
    if m is None:
        return None
    for p in _parses(m.group(1)):
        if p.tag.POS == "NOUN" and p.normal_form in STREET_NOUNS and p.tag.number == "sing":
            return m.start(1), p.normal_form
    return None


def agree_gender(table, texts: dict[str, str], forms: TextForms | None = None) -> None:
    """A woman the dictionary reads as a man: "Асию Биби ... Асия Биби была оправдана" is not "Асий Биби".

    The verbs after a person's mentions agree with her gender; when they say feminine and the dictionary's
    first name is masculine, the first name is put in the feminine nominative in every mention.
    """
    for entity in table.persons():
        words = entity.name.split()
        if len(words) >= 2 and gender_of(entity.name) == "femn":
            # she is a woman by her canonical name ("Асие Биби"): a mention read as a man's follows her
            for m in entity.mentions:
                if (m.kind == "name" and m.normal and len(m.normal.split()) == len(m.text.split()) >= 2
                        and gender_of(m.normal) == "masc" and FEMININE_FIRST.search(m.text.split()[0])):
                    m.normal = " ".join([_feminine_nominative(m.text.split()[0], None), *m.normal.split()[1:]])
            continue
        if len(words) < 2 or gender_of(entity.name) != "masc":
            continue
        if not re.search(r"(?:а|я|и|ю|е|ой|ей)$", words[0]) and not any(
                m.kind == "name" and re.search(r"(?:а|я|и|ю|ой|ей)$", m.text.split()[0]) for m in entity.mentions):
            continue            # no feminine ending anywhere: nothing the dictionary could have misread
        womans = {m.text.split()[0]: _womans_name(m.text.split()[0]) for m in entity.mentions if m.kind == "name"}
        if any(p.is_known and "Name" in p.tag.grammemes and p.tag.gender == "masc"
               and not p.normal_form.endswith("ий") for p in _parses(words[0])) and not any(womans.values()):
            continue            # a man's name with no woman's name of its shape ("Яков"; "Асий" has "Асия")
        feminine = masculine = 0
        for m in entity.mentions:
            # her full name, or a surname written as in the full name ("Биби"); not "Алиева" of "Алиев",
            # which may be another person of the family
            if not (m.kind == "name" or m.kind == "surname" and (m.text.lower() == words[-1].lower()
                                                                   or (m.normal or "").lower() == words[0].lower())):
                continue
            text = texts.get(m.field, "")
            after = text[m.stop:m.stop + 30]
            feminine += (bool(FEMININE_ATTRIBUTE.match(after)) + _feminine_apposition(text, m.start, m.text)
                         + _no_masculine_case(text, m.start, m.text))
            masculine += bool(MASCULINE_ATTRIBUTE.match(after))
            if CLAUSE_START.search(text[max(0, m.start - 12):m.start]) and \
                    not _verb_has_own_subject(text, m.stop, names=False):
                # a verb agrees with its subject ("Адвокат Асии Биби заявил" agrees with the lawyer)
                feminine += bool(SUBJECT_FEMININE_VERB.match(after))
                masculine += bool(MASCULINE_VERB_AFTER.match(after))
        if feminine <= masculine or (forms is not None and forms.seen(words[0])):
            continue            # the text writes the masculine first name ("Дональд"): a man
        for m in entity.mentions:
            if m.kind == "name" and m.normal and len(m.normal.split()) == len(m.text.split()) >= 2:
                first = womans.get(m.text.split()[0]) or _feminine_nominative(m.text.split()[0], None)
                last = m.text.split()[-1]
                # her surname as a woman's: "Савельева", "Савельевой" → "Савельева"
                surname = re.sub(r"(?<=[оеё]в|[иы]н)(?:ой|у|ою)$", "а", last) if re.search(
                    r"(?:[оеё]в|[иы]н)(?:а|ой|у|ою)$", last) else m.normal.split()[-1]
                m.normal = " ".join([first, *m.normal.split()[1:-1], surname])
            elif m.kind == "surname" and m.normal and m.normal.lower() == words[0].lower():
                m.normal = _feminine_nominative(m.text, None)      # "Асии" alone is her first name too
        first = next((m.normal for m in entity.mentions if m.kind == "name" and m.normal
                      and len(m.normal.split()) == len(words)), None)
        if first and first != entity.name:
            table.rename(entity, first)


def _womans_name(word: str) -> str | None:
    """The dictionary's woman's first name this word is a form of ("Алена" → "Алёна"), written as the text
    writes it, or None."""
    for p in _parses(word):
        if p.is_known and "Name" in p.tag.grammemes and p.tag.gender == "femn" and p.tag.number == "sing":
            base = p.normal_form if "ё" in word.lower() else p.normal_form.replace("ё", "е")
            return base[:1].upper() + base[1:]
    return None


# a woman's first name's case from its ending (the a-declension): what a noun in apposition must agree with
FEMININE_CASES = (("ией", {"ablt"}), ("ии", {"gent", "datv", "loct"}), ("ой", {"ablt"}), ("ей", {"ablt"}),
                  ("а", set()), ("я", set()), ("ы", {"gent"}), ("и", {"gent"}), ("е", {"datv", "loct"}),
                  ("у", {"accs"}), ("ю", {"accs"}))


def _feminine_apposition(text: str, start: int, surface: str) -> bool:
    """A feminine noun for a person right before the name, in the case a woman's name would be in:
    "христианки Асии Биби", "христианку Асию" (a nominative "-а"/"-я" is no evidence: "жена Бориса" is
    the wife of a man in the genitive)."""
    m = PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if m is None:
        return False
    first = surface.split()[0].lower()
    cases = next((c for ending, c in FEMININE_CASES if first.endswith(ending)), None)
    if cases is None:
        return False
    return any(p.tag.POS == "NOUN" and p.tag.gender == "femn" and p.tag.animacy == "anim"
               and p.tag.number == "sing" and not {"Name", "Surn", "Patr"} & set(p.tag.grammemes)
               and p.tag.case in cases for p in _parses(m.group(1)))


FEMININE_FIRST = re.compile(r"(?:ия|ии|ию|ией)$")
LOCATIVE_PREPOSITIONS = frozenset("о об обо в во на при по".split())


def _no_masculine_case(text: str, start: int, surface: str) -> bool:
    """The man's reading of the first name is a locative ("Асии" of "Асий") with no preposition before it:
    a locative needs one, so the name is a woman's genitive or dative ("Асия")."""
    first = surface.split()[0]
    ps = [p for p in _parses(first) if "Name" in p.tag.grammemes and p.tag.number == "sing"]
    if not ps or any(p.tag.gender != "masc" or p.tag.case != "loct" for p in ps):
        return False
    m = PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return m is None or m.group(1) not in LOCATIVE_PREPOSITIONS


def gender_of(name: str) -> str | None:
    """A person's gender from the first name's dictionary reading as a nominative singular, or None
    (the name is canonical: "Габриэл" read as the genitive plural of "Габриэла" is no woman's name)."""
    for p in _parses(name.split()[0]):
        if "Name" in p.tag.grammemes and p.tag.gender in ("masc", "femn") and \
                {"nomn", "sing"} <= p.tag.grammemes:
            return p.tag.gender
    return None


NOT_INITIAL = frozenset("по и в на о об при для с со к от из за под над".split())


def initials(name: str) -> str:
    """'Государственное бюро расследований' → 'ГБР', 'Министерство иностранных дел России' → 'МИДР'."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w.lower() not in NOT_INITIAL).upper()


def merge_abbreviations(table) -> None:
    """An organisation's abbreviation and its long name in one article are one entity ("ГБР" and
    "Государственное бюро расследований"; "МИД" and "Министерство иностранных дел России")."""
    orgs = [e for e in table.entities if e.type == "ORG"]
    for short in orgs:
        letters = short.name.replace("-", "")
        if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) or not short.mentions:
            continue
        for long in orgs:
            if long is short or not long.mentions or len(long.name.split()) < 2:
                continue
            full = initials(long.name)
            # the whole name, or the name less a trailing country or place ("МИД" of "МИД России" is its own)
            if full == letters or (full.startswith(letters) and len(full) == len(letters) + 1
                                   and long.name.split()[-1][:1].isupper()):
                for m in short.mentions:
                    m.kind = "alias" if m.kind == "name" else m.kind
                long.mentions.extend(short.mentions)
                short.mentions = []
                table.add("ORG", long.name, [short.name, *short.aliases])
                break


def fold_country_adjectives(table) -> None:
    """"российский «Газпром»", "британский МИД": the adjective is in the organisation's span (factRuEval marks
    it so) but not in its name. The organisation is the one named without it, of that country — the
    article's own "Газпром" where it has one of no other country, else a new name with the long form an
    alias. Runs after countries are attached, so that "МИД России" never takes in "британский МИД"."""
    for entity in [e for e in table.entities if e.type == "ORG" and e.mentions]:
        first, _, rest = entity.name.partition(" ")
        if not rest or not first[:1].islower() or not rest[:1].isupper() and rest[:1] not in "«\"":
            continue
        found = countries_of_adjective(first)
        if len(found) != 1 or "-" in first:
            continue
        iso = found[0].iso3
        if entity.country not in (None, iso):
            continue
        base = rest.strip("«»\"")
        main = table.get("ORG", base)
        if main is entity:
            continue
        if main is None:
            table.rename(entity, base)
            entity.country = iso
        elif main.country in (None, iso):
            main.mentions.extend(entity.mentions)
            entity.mentions = []
            table.add("ORG", main.name, [entity.name, *entity.aliases])
            main.country = iso
        else:
            entity.country = iso        # "британский МИД" beside the article's "МИД России": apart, British


def home_country(table) -> str | None:
    """The country the article is about: the one whose places (the country, its cities and regions) it
    names most — twice at least, and half again as often as any other."""
    counts: dict[str, int] = {}
    for e in table.entities:
        if e.type != "LOC" or not e.mentions:
            continue
        c = country_named(e.name)
        iso = c.iso3 if c else gazetteer_country(e.name)
        if iso:
            counts[iso] = counts.get(iso, 0) + len(e.mentions)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


def state_body(name: str) -> bool:
    """An organ of some state named without its state: "МВД", "прокуратура", "Следственный комитет" (not
    "ООН", nor a council of several states' heads)."""
    return len(name.split()) <= 2 and role_of(name) in STATE_ROLES and country_in_phrase(name) is None
