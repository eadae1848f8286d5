"""Bytes → str for Russian pages: BOM, declared charset, strict UTF-8, detection.

Order (see ``decode``):
  1. a byte-order mark (UTF-8, UTF-16, UTF-32) wins;
  2. strict UTF-8 — real pages often declare windows-1251 while being UTF-8, so a clean
     UTF-8 decoding beats any declaration;
  3. almost-UTF-8 (a stray broken byte or two among many good sequences) stays UTF-8;
  4. a declared charset (HTTP header hint, then ``<meta charset>`` / ``http-equiv`` /
     ``<?xml encoding?>`` in the first 2 KB of HTML), if the bytes decode with it and it
     does not read clearly worse as Russian than a Cyrillic code page;
  5. charset-normalizer's guess and the Cyrillic code pages, ranked by ``russian.score``,
     because charset-normalizer often mixes up cp1251 and koi8-r on short texts.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from . import russian

MAX_CONTROL_SHARE = 0.05          # more control bytes than this → binary, not text
HTML_DECLARATION_WINDOW = 2048    # where a <meta charset> is looked for
# Code pages are ranked on the first MiB only; the winner then decodes the whole document
# once. (Ranking every candidate over a 50 MB page took 10 s and 3.6 GB.)
DETECTION_SAMPLE_BYTES = 1 << 20

# Code pages we try ourselves and score; charset-normalizer is limited to these plus a few.
CYRILLIC_CODECS = ("cp1251", "koi8-r", "cp866", "iso8859-5")
DETECTOR_CODECS = ["utf_8", "cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1252"]
# Log prior of a code page: cp1251 is by far the most common for Russian, koi8-r next.
CODEC_PRIOR = {"cp1251": 0.0, "utf-8": 0.0, "koi8-r": -1.0}
RARE_CODEC_PRIOR = -5.0
# A declaration is overruled only when a code page reads this much better per character
# (log units) over at least this many non-ASCII characters.
DECLARED_OVERRIDE_MARGIN = 1.0
MIN_OVERRIDE_CHARS = 20
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# C0 controls except \t \n \f \r, plus DEL; as bytes for the pre-check, as chars for after.
_CONTROL_BYTES = bytes([*range(0, 9), 0x0B, *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-z0-9_.\-]+)""", re.I)
_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# WHATWG: these labels mean windows-1252 on the web.
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}
_SHORT_NAMES = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
                "utf-32-le": "utf-32", "utf-32-be": "utf-32"}


class Undecodable(ValueError):
    """The bytes are not usable text; ``reason`` is a one-line explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def normalise_name(label: str | None) -> str | None:
    """A charset label ("Windows-1251", "koi8_r", "UTF8") → codec name, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = _WEB_ALIASES.get(name, name)
    return _SHORT_NAMES.get(name, name)


def bom_codec(data: bytes) -> tuple[str, str, int] | None:
    """(codec, public name, BOM length) when the data starts with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares early on (meta charset, http-equiv, xml decl)."""
    head = data[:HTML_DECLARATION_WINDOW]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return normalise_name(match.group(1).decode("ascii", "ignore")) if match else None


def control_byte_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def control_char_share(text: str) -> float:
    if not text:
        return 0.0
    return _CONTROL_CHARS.subn("", text)[1] / len(text)     # a count, not a list of matches


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a cut last character, one stray byte) stays UTF-8."""
    text = data.decode("utf-8", "replace")
    genuine = data.count(b"\xef\xbf\xbd")       # U+FFFD already present in the page
    bad = text.count("\ufffd") - genuine
    good = _non_ascii_count(text) - bad - genuine
    return text if bad > 0 and good >= 20 * bad else None


def _sample(data: bytes) -> bytes:
    """The first DETECTION_SAMPLE_BYTES, cut at a line end when there is one."""
    if len(data) <= DETECTION_SAMPLE_BYTES:
        return data
    head = data[:DETECTION_SAMPLE_BYTES]
    cut = head.rfind(b"\n")
    return head[:cut + 1] if cut > 0 else head


def _whole(data: bytes, sample: bytes, text: str, codec: str) -> str:
    """The whole document in the code page chosen on its sample."""
    if sample is data:
        return text
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return data.decode(codec, "replace")      # chosen on the sample: bad bytes later on


def _candidates(data: bytes, guess: tuple[str, str] | None) -> list[tuple[str, str]]:
    """(text, codec) for the detector's guess and each Cyrillic code page that decodes."""
    found = [guess] if guess else []
    for codec in CYRILLIC_CODECS:
        if guess and codec == guess[1]:
            continue
        try:
            found.append((data.decode(codec), codec))
        except UnicodeDecodeError:
            continue
    return found


def _ranked(found: list[tuple[str, str]]) -> list[tuple[float, int, str, str]]:
    """(score with the code page's prior, char count, text, codec), best first."""
    ranked = []
    for text, codec in found:
        total, count = russian.score(text)
        ranked.append((total + CODEC_PRIOR.get(codec, RARE_CODEC_PRIOR), count, text, codec))
    ranked.sort(key=lambda item: item[0], reverse=True)   # stable: the guess wins ties
    return ranked


def _detect(data: bytes) -> tuple[str, str]:
    sample = _sample(data)
    match = from_bytes(sample, cp_isolation=DETECTOR_CODECS).best()
    guess = None
    if match is not None:
        guess = (str(match), normalise_name(match.encoding) or match.encoding)
    ranked = _ranked(_candidates(sample, guess))
    if ranked and russian.looks_russian(ranked[0][2]):
        return _whole(data, sample, ranked[0][2], ranked[0][3]), ranked[0][3]
    if guess is not None:     # not Russian-looking: trust the detector
        return _whole(data, sample, *guess), guess[1]
    raise Undecodable("cannot decode: no known encoding fits")


def _declared(data: bytes, codec: str) -> tuple[str, str] | None:
    """Decode with a declared charset, unless a Cyrillic code page reads much better."""
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    sample = _sample(data)
    declared_total, count = russian.score(text)
    ranked = _ranked(_candidates(sample, None))
    if ranked and count >= MIN_OVERRIDE_CHARS and russian.looks_russian(ranked[0][2]) \
            and ranked[0][0] - declared_total >= DECLARED_OVERRIDE_MARGIN * count:
        return _whole(data, sample, ranked[0][2], ranked[0][3]), ranked[0][3]
    return text, codec


def decode(data: bytes, *, html: bool = False, hint: str | None = None) -> tuple[str, str]:
    """Decode one document; return (text, encoding name). Raise ``Undecodable``."""
    bom = bom_codec(data)
    if bom:
        codec, name, size = bom
        # A byte-order mark is explicit; a few bad bytes after it are replaced, not guessed.
        return data[size:].decode(codec, "replace"), name
    share = control_byte_share(data)
    if share > MAX_CONTROL_SHARE:
        raise Undecodable(f"binary data, not text ({share:.0%} control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        return text, "utf-8"
    declared = [normalise_name(hint), declared_charset(data) if html else None]
    for codec in declared:
        if not codec or codec == "utf-8":
            continue
        found = _declared(data, codec)
        if found is not None:
            return found
    return _detect(data)


__all__ = ["Undecodable", "decode", "normalise_name", "declared_charset", "bom_codec",
           "control_byte_share", "control_char_share", "MAX_CONTROL_SHARE"]
