"""The HTTP protocol `svodka serve` runs: uvicorn's h11 protocol with three changes.

- A request target with raw UTF-8 bytes (``GET /api/search?q=Путин``, as some clients and scripts
  send it) is read as if they were percent-encoded: bytes 0x80–0xFF on the request line become
  ``%XX`` before h11, which accepts ASCII only, parses it. The app then gets the same request as
  for ``?q=%D0%9F…``.
- A request head (request line and headers) that passes ``MAX_HEAD`` bytes without ending is
  refused at once (the app's own limits — an 8 KiB URL, 16 KiB of headers, guard.py — are inside it).
- What the protocol refuses itself (a malformed request) is svodka's one-line JSON error with the
  security headers, not a plain-text "Invalid HTTP request".

    uvicorn.run(app, http=PROTOCOL)          # svodka/cmd/serve.py
    uvicorn --http svodka.serve.wire:Protocol --factory svodka.serve.app:from_env
"""
from __future__ import annotations

import json
import re

import h11
from uvicorn.protocols.http.h11_impl import STATUS_PHRASES, H11Protocol

from .guard import HEADERS, MAX_HEADER_BYTES, MAX_URL_BYTES

PROTOCOL = "svodka.serve.wire:Protocol"
MAX_HEAD = MAX_URL_BYTES + MAX_HEADER_BYTES + 1024
HIGH = re.compile(rb"[\x80-\xff]")


def encode_line(data: bytes, start: bool = True) -> bytes:
    """``data`` with the raw non-ASCII bytes before its first line feed percent-encoded (``start``:
    ``data`` starts the request, blank lines before the request line are skipped)."""
    body = data.lstrip(b"\r\n") if start else data
    end = body.find(b"\n")
    line = body if end < 0 else body[:end]
    if not HIGH.search(line):
        return data
    fixed = HIGH.sub(lambda m: b"%%%02X" % m.group()[0], line)
    return data[:len(data) - len(body)] + fixed + (b"" if end < 0 else body[end:])


class Protocol(H11Protocol):
    def __init__(self, config, *args, **kwargs) -> None:
        super().__init__(config, *args, **kwargs)
        if config.h11_max_incomplete_event_size is None:        # h11's 16 KiB would stop a long URL with headers
            self.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD)

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:                  # a request head is coming in
            pending = self.conn.trailing_data[0]
            head = pending + data
            if len(head) > MAX_HEAD and b"\r\n\r\n" not in head[:MAX_HEAD] and b"\n\n" not in head[:MAX_HEAD]:
                self._unset_keepalive_if_required()
                return self.send_400_response(f"request line and headers over {MAX_HEAD} bytes")
            started = pending.lstrip(b"\r\n")
            if b"\n" not in started:                            # the request line is not complete yet
                data = encode_line(data, start=not started)
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        """svodka's JSON error with the security headers (uvicorn's is plain text without them)."""
        if msg.startswith("Invalid HTTP request"):
            msg = "invalid HTTP request: a malformed request line or header"
        body = json.dumps({"error": msg}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close")]
        headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]
        try:                                                    # after a client's protocol error h11 still answers
            out = [self.conn.send(h11.Response(status_code=400, headers=headers, reason=STATUS_PHRASES[400])),
                   self.conn.send(h11.Data(data=body)), self.conn.send(h11.EndOfMessage())]
        except h11.LocalProtocolError:                         # before any request was read: the bytes by hand
            out = [b"HTTP/1.1 400 Bad Request\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in headers) + b"\r\n",
                   body]
        self.transport.write(b"".join(x or b"" for x in out))
        self.transport.close()
