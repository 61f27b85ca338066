"""Reading and writing session files: bytes to data (UTF-8 YAML or JSON), validation with every error by path, YAML out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from service.errors import FieldError, SessionFileError
from service.sessionfile.checks import check
from service.sessionfile.convert import LoadedSession, loaded
from service.sessionfile.models import SessionDraft, SessionFile


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def validate(data: Any, model: type[SessionDraft] = SessionFile, file: str | None = None) -> SessionDraft:
    """Decoded data (a dict) as a checked session file or draft; raises SessionFileError."""
    if not isinstance(data, dict):
        raise SessionFileError([FieldError("(file)", "expected a mapping with `session`, `slots`, `bodies`, `agenda`")], file)
    try:
        checked = model.model_validate(data)
    except ValidationError as e:
        raise SessionFileError(errors_of(e), file) from None
    errors = check(checked)
    if errors:
        raise SessionFileError(errors, file)
    return checked


def errors_of(e: ValidationError) -> list[FieldError]:
    return [FieldError(_path(tuple(x["loc"])), x["msg"].removeprefix("Value error, ")) for x in e.errors(include_url=False)]


def parse(data: Any, file: str | None = None) -> LoadedSession:
    """Validate already-decoded data (a dict) and convert it; raises SessionFileError."""
    return loaded(validate(data, SessionFile, file))  # type: ignore[arg-type]


def decode(raw: bytes, file: str | None = None) -> Any:
    """The data of a session file's bytes: UTF-8 text, YAML (or JSON, which YAML reads)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SessionFileError([FieldError("(file)", f"not UTF-8 text (byte {e.start})")], file) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SessionFileError([FieldError("(file)", f"not valid YAML{where}: {getattr(e, 'problem', e)}")], file) from None


def load(path: str | Path) -> LoadedSession:
    """Read a session file (YAML or JSON, UTF-8)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SessionFileError([FieldError("(file)", e.strerror or str(e))], str(path)) from None
    return parse(decode(raw, str(path)), str(path))


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
