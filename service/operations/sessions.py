"""Sessions: find, list, create, replace, delete; import a session file and export one; every write checked whole."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session as Db

from service import published
from service.db import repository as r
from service.db.models import SessionRow
from service.errors import Conflict, FieldError, NotFound, SessionFileError, refused
from service.sessionfile import LoadedSession, SessionDraft, SessionFile, export, to_session, validate
from service.sessionfile.models import SessionIn
from solver.problem import Rules, Session


def session_row(db: Db, session_id: int) -> SessionRow:
    """The stored session with all its parts; NotFound when there is none."""
    row = r.get_session(db, session_id)
    if row is None:
        raise NotFound.at("path.session_id", f"no session {session_id}")
    return row


def session(db: Db, session_id: int) -> Session:
    """The domain session of a stored one."""
    return r.session_of(session_row(db, session_id))


def list_sessions(db: Db, limit: int, offset: int) -> tuple[list[SessionRow], int]:
    return r.list_sessions(db, limit, offset)


def _relative(errors: list[FieldError], prefixes: list[str]) -> list[FieldError]:
    """File paths under the edited row made relative to it (`agenda[3].minutes` -> `minutes`).

    Errors elsewhere keep their full path: the edit clashes with another stored record.
    """
    out = []
    for e in errors:
        for prefix in prefixes:
            if e.path == prefix or e.path.startswith((prefix + ".", prefix + "[")):
                out.append(FieldError(e.path[len(prefix) :].lstrip(".") or "(body)", e.reason, e.conflict))
                break
        else:
            out.append(FieldError(e.path, e.reason, conflict=True))
    return out


def ensure_whole(row: SessionRow, edited: object | None = None) -> None:
    """Refuse, naming what breaks (relative to `edited`), unless the whole session still holds together."""
    errors = r.check_stored(row)
    if errors:
        raise refused(_relative(errors, r.file_paths(row, edited) if edited is not None else []))


def _write(row: SessionRow, fields: SessionIn, notes: list[str]) -> None:
    data = fields.model_dump(include=set(SessionIn.model_fields), by_alias=True)
    r.write_session(row, to_session(SessionDraft(session=data)), notes)


def create_session(db: Db, fields: SessionIn, notes: list[str]) -> SessionRow:
    """A new session with no parts yet and the default rules."""
    row = SessionRow()
    _write(row, fields, notes)
    r.write_rules(row, Rules())
    db.add(row)
    ensure_whole(row, row)
    db.flush()
    return row


def replace_session(row: SessionRow, fields: SessionIn, notes: list[str]) -> SessionRow:
    """The session's own fields replaced (not its parts)."""
    _write(row, fields, notes)
    ensure_whole(row, row)
    return row


def delete_session(db: Db, row: SessionRow) -> None:
    """The session with all its parts, variants and versions."""
    db.delete(row)
    db.flush()


def import_session(db: Db, loaded: LoadedSession, note: str = "imported from the session file", copy: bool = False) -> SessionRow:
    """Store a session read from a file; the programme it carries becomes its version 1.

    A session of the same English name opening the same day is a Conflict, unless `copy` asks for a second one.
    """
    s = loaded.session
    found = None if copy else r.find_session(db, s.names.get("en", ""), s.first_day)
    if found is not None:
        raise Conflict.at("session", f"session {found.id} ({s.names.get('en', '')}, opening {s.first_day}) is stored already;"
                                     " import it again with copy=true for a second copy")
    row = r.add_session(db, loaded.session, loaded.notes)
    if loaded.programme is not None:
        published.publish(db, row.id, loaded.session, loaded.programme, note)
    return row


def import_once(db: Db, loaded: LoadedSession, key: str | None, copy: bool = False) -> tuple[SessionRow, bool]:
    """Import under an idempotency key: a retry with a key already used answers the session it made. The row, and whether it is new."""
    made = r.imported_with(db, key) if key is not None else None
    if made is not None:
        return made, False
    row = import_session(db, loaded, copy=copy)
    if key is not None:
        r.remember_import(db, key, row.id)
    return row, True


def session_file(db: Db, row: SessionRow) -> dict[str, Any]:
    """The session file of a stored session with its published programme; Conflict while it is incomplete."""
    current = published.latest(db, row.id)
    data = export(r.session_of(row), current.programme if current else None, list(row.notes))
    try:
        validate(data, SessionFile)  # a session still lacking slots, bodies or agenda has no file yet
    except SessionFileError as e:
        raise Conflict(e.errors) from None
    return data
