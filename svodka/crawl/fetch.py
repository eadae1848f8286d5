"""The polite fetcher: every byte svodka's crawler reads comes through ``Fetcher.get``.

Per host (host and port): one request at a time, a delay between two requests (the longer of
``Politeness.delay`` and robots.txt's Crawl-delay), robots.txt obeyed (RFC 9309: a missing robots.txt
allows everything, an unreachable one forbids everything for now), ``Retry-After`` and exponential
backoff on 429 and 5xx, timeouts for the whole response (a server dripping bytes is cut off), a
redirect limit (every hop checked: http(s), same site, robots, no loop), and a size limit on the bytes
received and on the bytes they unpack to (a gzip bomb is cut off at the limit). Only gzip and deflate
are asked for.

A result (``Fetched``) carries every HTTP exchange it took (robots.txt, redirect hops, retries), as
sent and received, for the archive (``svodka.crawl.archive``). The fetcher holds no crawl state
beyond its hosts' robots rules, delays and backoff: the caller keeps the rest (in the store).
Thread-safe: several hosts are fetched at once from several threads.
"""
from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx
from protego import Protego

from .urls import SCHEMES, SVODKA_VERSION, host_of, normalise, origin, same_site

AGENT = "svodka"             # the name robots.txt rules are matched against
USER_AGENT = f"svodka/{SVODKA_VERSION} (news knowledge base crawler; obeys robots.txt)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass(slots=True)
class Politeness:
    """How the crawler treats the sites it reads."""

    delay: float = 1.0               # seconds between two requests to one host (robots' Crawl-delay if longer)
    timeout: float = 20.0            # seconds for one whole response (and for each connect and read)
    max_bytes: int = 10 * 1024 * 1024    # per response, as received and as unpacked
    max_redirects: int = 5
    max_attempts: int = 3            # tries of one URL on 429, 5xx, timeouts and lost connections
    backoff: float = 2.0             # first backoff in seconds, doubled at each failure in a row
    max_wait: float = 30.0           # the longest backoff waited for at once; longer: the host is left for later
    robots: bool = True
    robots_ttl: float = 3600.0       # seconds a host's robots.txt is trusted before it is read again
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class Exchange:
    """One HTTP request and its response as they went over the wire (the body as received: its
    content-encoding kept, the transfer encoding undone)."""

    url: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    date: datetime                   # when the request was sent (UTC)


@dataclass(slots=True)
class Fetched:
    """What asking for one URL gave: the final response's status, headers and unpacked content, or
    ``error`` (a one-line reason); ``retry_at`` (epoch seconds) when the host asked to be left alone
    longer than the fetcher waits."""

    url: str
    final_url: str | None = None
    status: int | None = None
    content: bytes | None = None
    headers: httpx.Headers | None = None
    error: str | None = None
    exchanges: list[Exchange] = field(default_factory=list)
    retry_at: float | None = None
    transient: bool = False          # a failure that may pass (429, 5xx, timeouts, lost connections)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304


class _Refused(Exception):
    """A response given up on: too big, too slow, undecodable — the message is the reason."""


class _Host:
    """One host's politeness state (guarded by ``lock``: one request at a time)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0               # monotonic time of the next allowed request
        self.failures = 0                # 429/5xx/timeouts in a row, for the backoff
        self.blocked_until = 0.0         # epoch seconds: backing off for longer than a round waits
        self.robots: Protego | None = None
        self.robots_error: str | None = None   # robots.txt unreachable: nothing is fetched
        self.robots_at = -1.0            # monotonic time robots.txt was read; < 0: never
        self.crawl_delay = 0.0


class _Decoder:
    """Content-encoding undone on the fly, refusing output over ``limit`` bytes."""

    def __init__(self, encoding: str | None, limit: int) -> None:
        name = (encoding or "").strip().lower()
        self.limit, self.size, self.parts = limit, 0, []
        if name in ("", "identity"):
            self.z = None
        elif name in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif name == "deflate":
            self.z = zlib.decompressobj()
        else:
            raise _Refused(f"unsupported content-encoding {name!r}")

    def feed(self, chunk: bytes) -> None:
        if self.z is None:
            out = chunk
        else:
            try:
                out = self.z.decompress(chunk, self.limit + 1 - self.size)
            except zlib.error:
                raise _Refused("cannot decode HTTP content-encoding") from None
            if self.z.unconsumed_tail:
                raise _Refused(f"response unpacks to over {self.limit} bytes")
        self.size += len(out)
        if self.size > self.limit:
            raise _Refused(f"response over {self.limit} bytes" if self.z is None
                           else f"response unpacks to over {self.limit} bytes")
        self.parts.append(out)

    def content(self) -> bytes:
        return b"".join(self.parts)


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """``get(url)`` → ``Fetched``; ``close()`` at the end (or use it as a context manager)."""

    def __init__(self, politeness: Politeness | None = None) -> None:
        self.politeness = p = politeness or Politeness()
        self.client = httpx.Client(timeout=httpx.Timeout(p.timeout), follow_redirects=False,
                                   headers={"User-Agent": p.user_agent, "Accept": ACCEPT,
                                            "Accept-Encoding": "gzip, deflate"},
                                   limits=httpx.Limits(max_connections=64, max_keepalive_connections=32))
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _host(self, host: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(host, _Host())

    def backing_off(self, host: str) -> float | None:
        """Epoch seconds until which ``host`` asked to be left alone, if it did."""
        until = self._host(host).blocked_until
        return until if until > time.time() else None

    def block(self, host: str, until: float) -> None:
        """Leave ``host`` alone until ``until`` (epoch seconds): a backoff the store remembered."""
        h = self._host(host)
        h.blocked_until = max(h.blocked_until, until)

    def robots_sitemaps(self, url: str) -> tuple[list[str], list[Exchange]]:
        """The Sitemap lines of the host's robots.txt (read, politely, if it was not yet), and the
        exchanges that took."""
        h = self._host(host_of(url))
        exchanges: list[Exchange] = []
        with h.lock:
            self._ensure_robots(h, url, exchanges)
            return (list(h.robots.sitemaps) if h.robots is not None else []), exchanges

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` politely, following redirects on the same site; never raises for the web's
        misbehaviour (it becomes ``Fetched.error``)."""
        p = self.politeness
        result = Fetched(url)
        current = normalise(url)
        if current is None:
            result.error = "not an http(s) URL"
            return result
        visited = {current}
        for _hop in range(p.max_redirects + 1):
            h = self._host(host_of(current))
            with h.lock:
                if not self._ensure_robots(h, current, result.exchanges):
                    result.error = h.robots_error or "disallowed by robots.txt"
                    result.transient = h.robots_error is not None
                    return result
                if h.blocked_until > time.time():
                    result.error = f"host asked to wait until {_clock(h.blocked_until)}"
                    result.retry_at = h.blocked_until
                    result.transient = True
                    return result
                response = self._attempts(h, current, headers, result)
            if response is None:
                return result
            result.transient = False
            exchange, final_headers, content = response
            result.final_url, result.status, result.headers = current, exchange.status, final_headers
            if exchange.status not in REDIRECT_STATUSES:
                result.content = content
                if not (200 <= exchange.status < 300 or exchange.status == 304):
                    result.error = f"HTTP status {exchange.status}"
                return result
            target = normalise(final_headers.get("location"), current)
            if target is None:
                result.error = "redirect to a non-http(s) URL"
                return result
            if not same_site(host_of(target), host_of(url)):
                result.error = f"redirect off the site, to {target}"
                return result
            if target in visited:
                result.error = "redirect loop"
                return result
            visited.add(target)
            current = target
        result.error = f"more than {p.max_redirects} redirects"
        return result

    def _attempts(self, h: _Host, url: str, headers, result: Fetched):
        """One URL on one host, retried on 429/5xx/timeouts within the backoff the round waits for.
        Returns (exchange, headers, content) or None with ``result.error`` set. Holds ``h.lock``."""
        p = self.politeness
        for attempt in range(1, p.max_attempts + 1):
            _sleep_until(h.next_at)
            try:
                exchange, final_headers, content = self._request(url, headers)
            except (_Refused, httpx.HTTPError) as err:
                h.next_at = time.monotonic() + self._delay(h)
                reason = str(err) if isinstance(err, _Refused) else _network_reason(err)
                result.transient = not isinstance(err, _Refused)
                if isinstance(err, _Refused) or attempt == p.max_attempts:
                    result.error = reason if attempt == 1 else f"{reason} ({attempt} attempts)"
                    return None
                wait = p.backoff * 2 ** h.failures
                h.failures += 1
                if wait > p.max_wait:
                    return self._give_up(h, result, reason, wait)
                h.next_at = time.monotonic() + wait
                continue
            result.exchanges.append(exchange)
            h.next_at = time.monotonic() + self._delay(h)
            if exchange.status not in RETRY_STATUSES:
                h.failures = 0
                return exchange, final_headers, content
            asked = retry_after(final_headers.get("retry-after"))
            wait = asked if asked is not None else p.backoff * 2 ** h.failures
            h.failures += 1
            reason = f"HTTP status {exchange.status}" + (f" (Retry-After {asked:g} s)" if asked is not None else "")
            result.transient = True
            if wait > p.max_wait:
                return self._give_up(h, result, reason, wait)
            if attempt == p.max_attempts:
                result.status = exchange.status
                result.error = f"{reason}, {attempt} attempts"
                return None
            h.next_at = max(h.next_at, time.monotonic() + wait)
        return None

    def _give_up(self, h: _Host, result: Fetched, reason: str, wait: float) -> None:
        h.blocked_until = time.time() + wait
        result.retry_at = h.blocked_until
        result.error = f"{reason}: host left alone until {_clock(h.blocked_until)}"
        return None

    def _delay(self, h: _Host) -> float:
        return max(self.politeness.delay, h.crawl_delay)

    def _request(self, url: str, headers: dict[str, str] | None, limit: int | None = None):
        """One GET, read to its end within the time and size limits: (exchange, headers, content)."""
        p = self.politeness
        limit = limit or p.max_bytes
        sent = datetime.now(timezone.utc)
        deadline = time.monotonic() + p.timeout
        with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "").strip()
            if declared.isdigit() and int(declared) > limit:
                raise _Refused(f"response over {limit} bytes (Content-Length {declared})")
            decoder = _Decoder(response.headers.get("content-encoding"), limit)
            raw = bytearray()
            for chunk in response.iter_raw():
                raw += chunk
                if len(raw) > limit:
                    raise _Refused(f"response over {limit} bytes")
                decoder.feed(chunk)
                if time.monotonic() > deadline:
                    raise _Refused(f"response took longer than {p.timeout:g} s")
            request_headers = list(response.request.headers.multi_items())
            exchange = Exchange(url, request_headers, response.status_code, response.reason_phrase or "",
                                response.http_version or "HTTP/1.1", list(response.headers.multi_items()),
                                bytes(raw), sent)
            return exchange, response.headers, decoder.content()

    def _ensure_robots(self, h: _Host, url: str, exchanges: list[Exchange]) -> bool:
        """Read the host's robots.txt when due; whether ``url`` may be fetched. Holds ``h.lock``."""
        p = self.politeness
        if not p.robots:
            return True
        if h.robots_at < 0 or time.monotonic() - h.robots_at > p.robots_ttl:
            self._read_robots(h, origin(url) + "/robots.txt", exchanges)
        if h.robots_error:
            return False
        return h.robots is None or h.robots.can_fetch(url, AGENT)

    def _read_robots(self, h: _Host, robots_url: str, exchanges: list[Exchange]) -> None:
        h.robots, h.robots_error, h.crawl_delay = None, None, 0.0
        h.robots_at = time.monotonic()
        current = robots_url
        for _hop in range(self.politeness.max_redirects + 1):
            _sleep_until(h.next_at)
            try:
                exchange, headers, content = self._request(current, None, ROBOTS_MAX_BYTES)
            except (_Refused, httpx.HTTPError) as err:
                h.next_at = time.monotonic() + self._delay(h)
                h.robots_error = f"robots.txt unreachable ({err if isinstance(err, _Refused) else _network_reason(err)})"
                return
            exchanges.append(exchange)
            h.next_at = time.monotonic() + self._delay(h)
            status = exchange.status
            if status in REDIRECT_STATUSES:
                target = normalise(headers.get("location"), current)
                if target is None or not same_site(host_of(target), host_of(robots_url)):
                    return          # a robots.txt redirected away: taken as none
                current = target
                continue
            if 200 <= status < 300:
                h.robots = Protego.parse(content.decode("utf-8", "replace"))
                h.crawl_delay = float(h.robots.crawl_delay(AGENT) or 0.0)
            elif status >= 500 or status == 429:
                h.robots_error = f"robots.txt unreachable (HTTP status {status})"
            return                  # 4xx: no rules, everything allowed


def _sleep_until(at: float) -> None:
    wait = at - time.monotonic()
    if wait > 0:
        time.sleep(wait)


def _clock(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _network_reason(err: httpx.HTTPError) -> str:
    if isinstance(err, httpx.TimeoutException):
        return "timed out"
    if isinstance(err, httpx.ConnectError):
        return "cannot connect"
    if isinstance(err, httpx.RemoteProtocolError):
        return "broken HTTP response"
    return f"network error ({type(err).__name__})"


__all__ = ["Fetcher", "Fetched", "Exchange", "Politeness", "USER_AGENT", "AGENT", "retry_after", "SCHEMES"]
