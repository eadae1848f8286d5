"""JSON responses with ``<``, ``>`` and ``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026``: the same
JSON to any parser, but no byte of it can be read as markup, even by a client that ignores the
content type (article text carries whatever the crawled pages carried)."""
from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

_MARKUP = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
        return text.translate(_MARKUP).encode("utf-8")
