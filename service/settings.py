"""The deployment's settings, read once from `PODIUM_*` environment variables (or a `.env` file) into one object."""

from __future__ import annotations

import datetime as dt
import functools

from pydantic import Field, HttpUrl
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///var/podium.db"


class Settings(BaseSettings):
    """Every setting with its default; `PODIUM_<NAME>` sets one, e.g. `PODIUM_PUBLIC_BASE_URL=https://podium.example.org`."""

    model_config = SettingsConfigDict(env_prefix="PODIUM_", env_file=".env", extra="ignore")

    database_url: str = Field(DEFAULT_DATABASE_URL, description="SQLAlchemy URL; the embedded SQLite file by default")
    max_body_bytes: int = Field(2 * 1024 * 1024, ge=1, description="Larger request bodies are refused with 413 (the largest real session file is about 60 KiB)")
    public_base_url: HttpUrl | None = Field(None, description="Origin of every absolute link (feeds, pages, Atom); else the request's own")
    trusted_hosts: list[str] = Field([], description='Host headers served (e.g. ["podium.example.org"], "*.example.org" for subdomains); others get 400. Empty: any')
    feed_refresh_minutes: int = Field(60, ge=5, description="How often calendar clients are asked to refresh")
    feed_keep_cancelled_days: int = Field(30, ge=0, description="How long a dropped meeting stays in feeds as cancelled")
    feed_organizer: str | None = Field(None, description="A mailto: address; with it feeds are METHOD:PUBLISH with an ORGANIZER")
    feed_organizer_name: str = ""
    feed_cache_size: int = Field(512, ge=1, description="Rendered public documents (feeds, annexes, pages) kept in memory")
    feed_state_ttl: float = Field(2.0, ge=0, description="Seconds a session's feed state is remembered between database reads")
    max_items: int = Field(2000, ge=1, description="Agenda items one session file may hold")
    max_days: int = Field(120, ge=1, description="Days one session may last, first to last")
    max_title_chars: int = Field(2000, ge=1, description="Characters in one title, name or note")
    max_document_chars: int = Field(1000, ge=1, description="Characters in one document's title")
    max_depth: int = Field(32, ge=4, description="Levels of brackets a session file may nest (a real one has four)")
    max_file_bytes: int = Field(2 * 1024 * 1024, ge=1, description="Bytes of a session file read by the command line")
    max_jobs_per_session: int = Field(5, ge=1, description="Solve jobs queued or running for one session; more are refused with 429")
    max_jobs: int = Field(20, ge=1, description="Solve jobs queued or running in all; more are refused with 429")
    secret_key: str | None = Field(None, description="Signs the pages' form tokens; a random one per process when unset (set it when several processes serve)")
    personal_feeds_per_minute: float = Field(10, gt=0, description="Personal feeds one client address may create a minute (after a burst of as many)")
    worker_lease: float = Field(30.0, gt=0, description="Seconds a job stays a worker's without a heartbeat")

    @property
    def feed_refresh(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.feed_refresh_minutes)

    @property
    def feed_keep_cancelled(self) -> dt.timedelta:
        return dt.timedelta(days=self.feed_keep_cancelled_days)


@functools.cache
def settings() -> Settings:
    """The settings of this process, read on first use."""
    return Settings()
