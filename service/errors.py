"""Domain errors: what operations raise when they refuse, each naming the fields at fault (never HTTP)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One reason a session file or request was refused, at a path such as `agenda[3].minutes`."""

    path: str
    reason: str
    conflict: bool = False  # clashes with another record (a duplicate, a dangling reference), not a bad value

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


class DomainError(Exception):
    """A refusal with the fields at fault; the web layer gives each kind its status."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.path}: {e.reason}" for e in errors))
        self.errors = errors

    @classmethod
    def at(cls, path: str, reason: str) -> DomainError:
        return cls([FieldError(path, reason)])


class NotFound(DomainError):
    """What the request names does not exist."""


class Invalid(DomainError):
    """A value that is wrong in itself."""


class Conflict(DomainError):
    """A value that clashes with stored records, or a state that does not allow the change."""


class Stale(DomainError):
    """The record changed since the caller read it (its If-Match no longer holds)."""


class Gone(DomainError):
    """The record existed and was withdrawn for good (a revoked personal feed)."""


class Busy(DomainError):
    """Too much work is waiting: the caller should retry after `retry_after` seconds."""

    def __init__(self, errors: list[FieldError], retry_after: int = 10):
        super().__init__(errors)
        self.retry_after = retry_after


class SessionFileError(Invalid):
    """A session file that cannot be read; names the file and every field at fault."""

    def __init__(self, errors: list[FieldError], file: str | None = None):
        super().__init__(errors)
        self.file = file
        where = f"{file}: " if file else ""
        self.args = ("; ".join(f"{where}{e.path}: {e.reason}" for e in errors),)


def refused(errors: list[FieldError]) -> DomainError:
    """A Conflict when any error clashes with stored records, else Invalid."""
    return Conflict(errors) if any(e.conflict for e in errors) else Invalid(errors)
