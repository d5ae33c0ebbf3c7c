"""A minimal asyncio HTTP/1.1 client for the load generator: one connection per request.

Why not aiohttp or locust: on a 2-core machine the client shares the CPU
with gunicorn and PostgreSQL, so every microsecond it spends is taken from
the server it measures. This client does only what the journeys need (a
request line, a few headers, cookies by name, ``Connection: close``, read
to end of stream) on the standard library's streams, with no per-request
cookie-jar, URL or header-multidict objects.

One connection per request is how the production path reaches gunicorn's
sync workers too: they close the connection after every response, and a
buffering proxy in front of them opens a fresh upstream connection per
request.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

PROXY_HEADERS = {"X-Forwarded-Proto": "https"}  # as the TLS-terminating proxy in front of gunicorn sends


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    elapsed: float

    def header(self, name: str) -> str | None:
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return None

    def set_cookies(self) -> dict[str, str]:
        cookies = {}
        for key, value in self.headers:
            if key == "set-cookie":
                pair = value.split(";", 1)[0]
                cname, _, cvalue = pair.partition("=")
                cookies[cname.strip()] = cvalue.strip().strip('"')
        return cookies


@dataclass
class Target:
    """Where gunicorn listens and the school's host name the requests carry."""

    address: str
    port: int
    host: str
    timeout: float = 30.0

    @property
    def origin(self) -> str:
        return f"https://{self.host}"


@dataclass
class Visitor:
    """One virtual user: its cookies and its own loopback source address.

    A distinct source address per visitor is what real users look like to
    the per-IP sign-in rate limit, and it spreads the connections over many
    address pairs so a long run does not run out of ephemeral ports.
    """

    source: str
    cookies: dict[str, str] = field(default_factory=dict)
    label: str = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def loopback_source(index: int) -> str:
    """127.0.1.1, 127.0.1.2, ...: distinct addresses inside 127.0.0.0/8 (never 127.0.0.1 itself)."""
    index += 1
    return f"127.{1 + index // 65025 % 254}.{1 + index // 255 % 255}.{1 + index % 255}"


def _encode_request(target: Target, method: str, path: str, visitor: Visitor | None,
                    body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {target.host}", "Connection: close", "User-Agent: codecohort-bench"]
    for name, value in PROXY_HEADERS.items():
        lines.append(f"{name}: {value}")
    if visitor is not None and visitor.cookies:
        lines.append(f"Cookie: {visitor.cookie_header()}")
    for name, value in headers.items():
        lines.append(f"{name}: {value}")
    if body or method not in ("GET", "HEAD"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _parse_response(raw: bytes, elapsed: float) -> Response:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    if any(k == "transfer-encoding" and "chunked" in v.lower() for k, v in headers):
        body = _dechunk(body)
    return Response(status=status, headers=headers, body=body, elapsed=elapsed)


def _dechunk(data: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        pos = end + 4 + size


async def request(target: Target, method: str, path: str, *, visitor: Visitor | None = None,
                  body: bytes = b"", headers: dict[str, str] | None = None) -> Response:
    """Send one request on a new connection and read the whole answer; cookies set are kept on the visitor."""
    payload = _encode_request(target, method, path, visitor, body, headers or {})
    started = time.perf_counter()
    local = (visitor.source, 0) if visitor is not None else None
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(target.address, target.port, local_addr=local), target.timeout
    )
    try:
        writer.write(payload)
        raw = await asyncio.wait_for(reader.read(-1), target.timeout)
    finally:
        writer.close()
    response = _parse_response(raw, time.perf_counter() - started)
    if visitor is not None:
        for name, value in response.set_cookies().items():
            if value:
                visitor.cookies[name] = value
            else:  # a deleted cookie (Max-Age=0) comes back empty
                visitor.cookies.pop(name, None)
    return response


def form_body(fields: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    return urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
