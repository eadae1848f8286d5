"""page: a RawDocument's layout → Article fields (title, lead, body, credits, cards …) vs boilerplate.

Entry point: layout(raw, template=None) -> Article
"""
