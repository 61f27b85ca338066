"""SQLAlchemy models of sessions, their parts, rules, variants (with reviews), published programme versions, tokens and solve jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so that migrations can drop and alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

CHILD = "all, delete-orphan"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, dict[str, str]: JSON}


def _session_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), index=True)


class SessionRow(Base):
    """A session: names in the official languages, symbols, venue, dates, working days, format."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    names: Mapped[dict[str, str]]
    symbols: Mapped[list[Any]]
    venue: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    working_weekdays: Mapped[list[Any]]  # 0 = Monday, as in datetime.date.weekday()
    excluded_days: Mapped[list[Any]]  # ISO dates
    format: Mapped[str] = mapped_column(String(16), default="in_person")
    approvals_needed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # before a variant is published
    notes: Mapped[list[Any]]  # the rules stated in the document, in words
    style: Mapped[dict[str, Any] | None]  # how the annex prints the programme; null: the UN's defaults
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    slots: Mapped[list[SlotRow]] = relationship(back_populates="session", cascade=CHILD, order_by="SlotRow.start")
    bodies: Mapped[list[BodyRow]] = relationship(back_populates="session", cascade=CHILD, order_by="BodyRow.position")
    rooms: Mapped[list[RoomRow]] = relationship(back_populates="session", cascade=CHILD, order_by="RoomRow.position")
    items: Mapped[list[ItemRow]] = relationship(back_populates="session", cascade=CHILD, order_by="ItemRow.position")
    rules: Mapped[RulesRow | None] = relationship(back_populates="session", cascade=CHILD)
    pins: Mapped[list[PinRow]] = relationship(cascade=CHILD, order_by="PinRow.id")
    forbidden: Mapped[list[ForbiddenRow]] = relationship(cascade=CHILD, order_by="ForbiddenRow.id")
    avoid_parallel: Mapped[list[AvoidRow]] = relationship(cascade=CHILD, order_by="AvoidRow.id")
    variants: Mapped[list[VariantRow]] = relationship(cascade=CHILD, order_by="VariantRow.id")
    versions: Mapped[list[ProgrammeVersionRow]] = relationship(cascade=CHILD, order_by="ProgrammeVersionRow.number")

    __mapper_args__ = {"version_id_col": version}


class SlotRow(Base):
    """A daily slot: for every day (`date` empty) or for one day that has its own slots."""

    __tablename__ = "slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    date: Mapped[dt.date | None] = mapped_column(Date)
    start: Mapped[dt.time] = mapped_column(Time)
    end: Mapped[dt.time] = mapped_column(Time)
    labels: Mapped[dict[str, str]]

    session: Mapped[SessionRow] = relationship(back_populates="slots")


class BodyRow(Base):
    """A body that meets: plenary, committee of the whole or working group."""

    __tablename__ = "bodies"
    __table_args__ = (UniqueConstraint("session_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    names: Mapped[dict[str, str]]
    kind: Mapped[str] = mapped_column(String(32))
    interpreted: Mapped[bool] = mapped_column(Boolean)
    window_from: Mapped[dt.date | None] = mapped_column(Date)
    window_to: Mapped[dt.date | None] = mapped_column(Date)

    session: Mapped[SessionRow] = relationship(back_populates="bodies")


class RoomRow(Base):
    """A conference room with its seats, interpretation booths and hybrid equipment."""

    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("session_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    seats: Mapped[int | None] = mapped_column(Integer)
    booths: Mapped[bool] = mapped_column(Boolean)
    hybrid: Mapped[bool] = mapped_column(Boolean)

    session: Mapped[SessionRow] = relationship(back_populates="rooms")


class ItemJointRow(Base):
    """`item` is taken jointly with `other` (another body's item), as its file declares it."""

    __tablename__ = "item_joints"

    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True, index=True)

    other: Mapped[ItemRow] = relationship(foreign_keys=[other_id])


class ItemRow(Base):
    """An agenda item of one body; `position` is its place in the session's agenda."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("body_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    titles: Mapped[dict[str, str]]
    minutes: Mapped[int | None] = mapped_column(Integer)
    heading: Mapped[bool] = mapped_column(Boolean)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    reserved: Mapped[bool] = mapped_column(Boolean)
    exclusive: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer)

    session: Mapped[SessionRow] = relationship(back_populates="items")
    body: Mapped[BodyRow] = relationship()
    parent: Mapped[ItemRow | None] = relationship(remote_side=[id])
    joints: Mapped[list[ItemJointRow]] = relationship(foreign_keys=[ItemJointRow.item_id], cascade=CHILD)
    documents: Mapped[list[DocumentRow]] = relationship(back_populates="item", cascade=CHILD, order_by="DocumentRow.position")

    __mapper_args__ = {"version_id_col": version}


class DocumentRow(Base):
    """A document before an agenda item, by symbol."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text, default="")

    item: Mapped[ItemRow] = relationship(back_populates="documents")


class RulesRow(Base):
    """The scalar rules of a session and its interpreter teams; one row per session."""

    __tablename__ = "rules"

    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    interpreted_meetings_total: Mapped[int | None] = mapped_column(Integer)
    interpreted_at_once: Mapped[int | None] = mapped_column(Integer)
    max_meeting_minutes: Mapped[int | None] = mapped_column(Integer)
    interpreter_teams: Mapped[int | None] = mapped_column(Integer)
    team_meetings_per_day: Mapped[int | None] = mapped_column(Integer)
    team_meetings_per_week: Mapped[int | None] = mapped_column(Integer)
    agenda_order: Mapped[str] = mapped_column(String(16))

    session: Mapped[SessionRow] = relationship(back_populates="rules")


class PinRow(Base):
    """An item that starts (or is taken) on a date, optionally in one slot."""

    __tablename__ = "pins"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[dt.time | None] = mapped_column(Time)
    mode: Mapped[str] = mapped_column(String(16))

    item: Mapped[ItemRow] = relationship()


class ForbiddenRow(Base):
    """A date (and optionally a slot) when one body, or every body when `body_id` is empty, may not meet."""

    __tablename__ = "forbidden_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    date: Mapped[dt.date] = mapped_column(Date)
    slot: Mapped[dt.time | None] = mapped_column(Time)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)

    body: Mapped[BodyRow | None] = relationship()


class AvoidRow(Base):
    """Two bodies or items that should not meet at the same time, with the weight of doing so."""

    __tablename__ = "avoid_parallel"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    first_body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    first_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    second_body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    second_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    weight: Mapped[int] = mapped_column(Integer)

    first_body: Mapped[BodyRow] = relationship(foreign_keys=[first_body_id])
    first_item: Mapped[ItemRow | None] = relationship(foreign_keys=[first_item_id])
    second_body: Mapped[BodyRow] = relationship(foreign_keys=[second_body_id])
    second_item: Mapped[ItemRow | None] = relationship(foreign_keys=[second_item_id])


class VariantRow(Base):
    """A named draft programme of a session: its parameters, programme and solve result."""

    __tablename__ = "variants"
    __table_args__ = (UniqueConstraint("session_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    name: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]]
    programme: Mapped[list[Any] | None]
    result: Mapped[dict[str, Any] | None]
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    __mapper_args__ = {"version_id_col": version}


class ProgrammeVersionRow(Base):
    """Version `number` of a session's published programme; never changed once written.

    The published programme of a session is its version with the highest number. `snapshot` is the
    session as it was published (a session file without programme): every rendering of the version
    reads it, never the session's current rows, so later edits change drafts only.
    """

    __tablename__ = "programme_versions"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    number: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    programme: Mapped[list[Any]]
    snapshot: Mapped[dict[str, Any]]
    # What its meetings' UIDs start from, kept from the first version so that a renamed symbol moves no event; None: the snapshot's symbol.
    uid_origin: Mapped[str | None] = mapped_column(String(200), default=None)


@event.listens_for(ProgrammeVersionRow, "before_update")
def _versions_never_change(mapper: Any, connection: Any, target: ProgrammeVersionRow) -> None:
    raise ValueError(f"programme version {target.number} is published and cannot change")


class FeedTokenRow(Base):
    """A delegate's personal feed: a selection of bodies and items behind an unguessable, revocable token.

    Only the token's SHA-256 is stored: the database alone does not give away feed URLs.
    """

    __tablename__ = "feed_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bodies: Mapped[list[Any]]  # body keys
    items: Mapped[list[Any]]  # [body, code] pairs
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ApiTokenRow(Base):
    """An API token: a name for whoever holds it, a role, and only the token's SHA-256 (the token is shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class VariantCommentRow(Base):
    """A remark on a variant by a member of the bureau (or the secretariat), signed with the token's name."""

    __tablename__ = "variant_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class VariantApprovalRow(Base):
    """The bureau approved a variant as it stood at `variant_version`; a later edit leaves the approval behind."""

    __tablename__ = "variant_approvals"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), index=True)
    approver: Mapped[str] = mapped_column(String(200))
    variant_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SolveJobRow(Base):
    """A solve of a variant run in the background: queued, taken by a worker under a lease, finished.

    A worker holds a job while `lease_expires_at` is ahead and renews it as it solves; a job whose
    lease ran out was lost with its worker and is queued again, or failed after `max_attempts`.
    """

    __tablename__ = "solve_jobs"
    __table_args__ = (CheckConstraint("state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = _session_fk()
    variant_id: Mapped[int] = mapped_column(ForeignKey("variants.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True, default="queued")
    params: Mapped[dict[str, Any]]  # service.drafts.VariantParams, as stored with variants
    replan: Mapped[bool] = mapped_column(Boolean, default=False)
    solutions: Mapped[int] = mapped_column(Integer, default=0)
    objective: Mapped[float | None] = mapped_column(Float)
    bound: Mapped[float | None] = mapped_column(Float)
    elapsed: Mapped[float | None] = mapped_column(Float)
    result: Mapped[dict[str, Any] | None]  # the planner's status and objective, stored into the variant
    error: Mapped[str | None] = mapped_column(Text)
    lost: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")  # why each lost attempt was lost, kept when a later one succeeds
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ImportKeyRow(Base):
    """An `Idempotency-Key` an import was sent with, and the session it made: a retry answers that session, not a copy."""

    __tablename__ = "import_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    session_id: Mapped[int] = _session_fk()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
