"""Absolute links (feeds' subscribe links, event and Atom URLs, the pages' feed lists): from the configured public base URL.

With `Settings.public_base_url` every absolute link starts with it, whatever Host header a request
carries (`Settings.trusted_hosts` also refuses other hosts outright); without it, links follow the
request's own origin, as a development server needs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request


def base(request: Request) -> str:
    """The origin of every absolute link, without a trailing slash."""
    configured = request.app.state.settings.public_base_url
    return str(configured if configured else request.base_url).rstrip("/")


def absolute(request: Request, path: str) -> str:
    return base(request) + path


PATHS_KEPT = 4096


def route(request: Request, name: str, **params: Any) -> str:
    """The absolute URL of the route called `name` (looked up by name: the pages call the API's routes this way)."""
    return absolute(request, path_for(request, name, **params))


def path_for(request: Request, name: str, **params: Any) -> str:
    """The route's path, remembered: the lookup walks every route (half a millisecond), and cached feeds ask it on every request."""
    state = request.app.state
    if not hasattr(state, "route_paths"):
        state.route_paths = {}
    paths: dict[tuple[Any, ...], str] = state.route_paths
    key = (name, *sorted(params.items()))
    found = paths.get(key)
    if found is None:
        if len(paths) >= PATHS_KEPT:
            paths.clear()
        found = paths[key] = str(request.app.url_path_for(name, **params))
    return found


def webcal(url: str) -> str:
    """The same calendar for a calendar app: webcal:// in place of the scheme."""
    return "webcal://" + url.split("://", 1)[1]


def this(request: Request) -> str:
    """The URL of this request, at the public base."""
    query = request.url.query
    return absolute(request, request.url.path + (f"?{query}" if query else ""))


def with_query(url: str, params: dict[str, str]) -> str:
    """`url` with a query of `params` (none: the URL as it is)."""
    return url + ("?" + urlencode(params) if params else "")
