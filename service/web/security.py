"""Web security: security headers on every response, CSRF protection of the /ui forms, a rate limit per client.

The forms carry a token signed from a random per-browser cookie (signed double submit), and a
form posted from another origin is refused whatever it carries: SameSite cookies alone leave
login and logout open, and older browsers ignore them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import FieldError
from service.web.errors import ApiError

CSRF_COOKIE = "podium_csrf"
CSRF_FIELD = "csrf"
PAGES = "/ui"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

# No inline script anywhere; inline style stays allowed for the pages' one style sheet and attributes.
CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# The interactive API docs load Swagger UI from its CDN with an inline script: they get no CSP.
DOCS = ("/docs", "/redoc")


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI: streaming responses pass untouched)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
        if not path.startswith(DOCS):
            headers += [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY")]
        seed, new = _seed(scope) if path.startswith(PAGES) else (None, False)
        state = scope.setdefault("state", {})
        if seed is not None:
            state["csrf_seed"] = seed

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
                # Only a page with a token in a form sets the cookie: the public pages stay cacheable by shared caches.
                if new and state.get("csrf_used"):
                    secure = "; Secure" if scope.get("scheme") == "https" else ""
                    message["headers"].append((b"set-cookie", f"{CSRF_COOKIE}={seed}; Path={PAGES}; HttpOnly; SameSite=Strict{secure}".encode()))
            await send(message)

        await self.app(scope, receive, sending)


def _seed(scope: Scope) -> tuple[str, bool]:
    """This browser's CSRF seed from its cookie, or a new one (and whether it is new)."""
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 (a malformed Cookie header: start afresh)
                continue
            if CSRF_COOKIE in cookie and len(cookie[CSRF_COOKIE].value) == 43:
                return cookie[CSRF_COOKIE].value, False
    return secrets.token_urlsafe(32), True


def csrf_token(request: Request) -> str:
    """The token the pages' forms carry: the browser's seed signed with the app's secret."""
    state = request.scope.setdefault("state", {})
    state["csrf_used"] = True
    seed = state.get("csrf_seed", "")
    return hmac.new(request.app.state.secret, seed.encode(), hashlib.sha256).hexdigest()


class FormToken:
    """This request's form token for a page, made (and the browser's cookie set) only if the page prints it."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _same_origin(request: Request) -> bool:
    """False when the browser says the form came from another origin (Origin, else Referer); True when it says nothing."""
    claimed = request.headers.get("origin") or (_origin(request.headers["referer"]) if "referer" in request.headers else None)
    if claimed is None:
        return True  # not a browser (they send Origin with every POST); the token still has to match
    ours = {_origin(str(request.base_url))}
    base = request.app.state.settings.public_base_url
    if base is not None:
        ours.add(_origin(str(base)))
    return claimed.lower().rstrip("/") in ours


def origin_checked(request: Request) -> None:
    """A dependency of every page route: a form post must come from this origin."""
    if request.method in UNSAFE and not _same_origin(request):
        raise ApiError(403, [FieldError("header.origin", "a form posted from another site is refused")])


async def csrf_checked(request: Request) -> None:
    """A dependency of the page routes whose pages are each browser's own: a form post also carries this browser's token."""
    if request.method not in UNSAFE:
        return
    sent = (await request.form()).get(CSRF_FIELD)
    if not isinstance(sent, str) or not hmac.compare_digest(sent, csrf_token(request)):
        raise ApiError(403, [FieldError(CSRF_FIELD, "the form has expired or did not come from these pages: reload the page and try again")])


class RateLimit:
    """A token bucket per client: `burst` requests at once, then `rate` a second; in this process's memory, bounded."""

    def __init__(self, rate: float, burst: int, clients: int = 10_000):
        self.rate, self.burst, self.clients = rate, burst, clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 when `client` may go ahead now (a token is taken), else the seconds until it may."""
        now = time.monotonic()
        with self._lock:
            tokens, at = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            self._buckets[client] = (tokens - 1, now) if tokens >= 1 else (tokens, now)
            while len(self._buckets) > self.clients:
                self._buckets.popitem(last=False)  # the least recently seen client starts afresh
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate


def limited(request: Request, bucket: RateLimit) -> None:
    """429 with Retry-After when this client has gone over the bucket's rate."""
    client = request.client.host if request.client else "unknown"
    wait = bucket.wait(client)
    if wait > 0:
        raise ApiError(429, [FieldError("(request)", "too many requests from this address; retry later")], {"Retry-After": str(max(1, round(wait + 0.5)))})
