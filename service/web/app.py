"""The FastAPI application: `create_app(database_url)` wires the routers to a database."""

from __future__ import annotations

import secrets

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from sqlalchemy.orm import sessionmaker
from starlette.middleware.trustedhost import TrustedHostMiddleware

from service.db.engine import make_engine
from service.settings import Settings, settings
from service.web import access, errors, pages
from service.web.api import feeds, health, jobs, parts, publications, reviews, rules, sessions, variants, versions
from service.web.body_limit import BodyLimit
from service.web.security import RateLimit, SecurityHeaders


def create_app(database_url: str | None = None, max_body: int | None = None, config: Settings | None = None) -> FastAPI:
    """The API on `database_url` (default: the configured one, see `service.settings`), already migrated.

    Every route checks the caller's role (`service.web.access`); bodies over `max_body` bytes
    (default: `PODIUM_MAX_BODY_BYTES`, else 2 MiB) are refused with 413.
    """
    config = config or settings()
    # Swagger UI and ReDoc served from the package's own files: /docs works without internet access.
    app = FastAPIOffline(
        title="Podium",
        version="0.1.0",
        description="Plans the programme of work of sessions of intergovernmental bodies.",
    )
    app.state.settings = config
    app.state.engine = make_engine(database_url or config.database_url)
    # No autoflush: a request builds rows in memory, checks the whole session, and only then writes.
    app.state.sessionmaker = sessionmaker(app.state.engine, expire_on_commit=False, autoflush=False)
    errors.install(app, pages_prefix="/ui", page=pages.error_page)
    access.install(app)
    app.add_middleware(BodyLimit, limit=max_body or config.max_body_bytes)
    if config.trusted_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=config.trusted_hosts)
    app.add_middleware(SecurityHeaders)
    app.state.secret = config.secret_key.encode() if config.secret_key else secrets.token_bytes(32)
    app.state.feed_creation = RateLimit(config.personal_feeds_per_minute / 60, max(1, int(config.personal_feeds_per_minute)))
    app.include_router(sessions.router)
    app.include_router(rules.router)
    app.include_router(parts.router)
    app.include_router(feeds.router)
    app.include_router(variants.router)
    app.include_router(reviews.router)
    app.include_router(versions.router)
    app.include_router(publications.router)
    app.include_router(jobs.router)
    app.include_router(health.router)
    app.include_router(pages.router)
    return app
