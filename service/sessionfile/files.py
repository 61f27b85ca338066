"""Reading and writing session files: bytes to data (UTF-8 YAML or JSON), validation with every error by path, YAML out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from service.errors import FieldError, SessionFileError
from service.sessionfile.checks import check
from service.sessionfile.convert import LoadedSession, loaded
from service.sessionfile.limits import Limits, over_limits, too_deep
from service.sessionfile.models import SessionDraft, SessionFile
from service.settings import settings


class _Loader(yaml.SafeLoader):
    """YAML's safe loader, refusing a key given twice in one mapping (the plain loader keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)  # merge keys (`<<`) first: a merged key may be overridden
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark)
            except TypeError:
                continue  # an unhashable key: the safe loader refuses it below
            if first is not key_node.start_mark:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r} (first at line {first.line + 1})",
                                                        key_node.start_mark)
        return super().construct_mapping(node, deep)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def limits() -> Limits:
    """This deployment's bounds on a session file."""
    return Limits.of(settings())


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(file)"


def validate(data: Any, model: type[SessionDraft] = SessionFile, file: str | None = None, bounds: Limits | None = None) -> SessionDraft:
    """Decoded data (a dict) as a checked session file or draft, within `bounds` (the settings'); raises SessionFileError."""
    if not isinstance(data, dict):
        raise SessionFileError([FieldError("(file)", "expected a mapping with `session`, `slots`, `bodies`, `agenda`")], file)
    try:
        checked = model.model_validate(data)
    except ValidationError as e:
        raise SessionFileError(errors_of(e), file) from None
    # Before the section checks, whose work grows with the size of the file.
    errors = over_limits(checked, bounds or limits()) or check(checked)
    if errors:
        raise SessionFileError(errors, file)
    return checked


def errors_of(e: ValidationError) -> list[FieldError]:
    return [FieldError(_path(tuple(x["loc"])), x["msg"].removeprefix("Value error, ")) for x in e.errors(include_url=False)]


def parse(data: Any, file: str | None = None, bounds: Limits | None = None) -> LoadedSession:
    """Validate already-decoded data (a dict) and convert it; raises SessionFileError."""
    return loaded(validate(data, SessionFile, file, bounds))  # type: ignore[arg-type]


def _text(raw: bytes, file: str | None, bounds: Limits) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SessionFileError([FieldError("(file)", f"not UTF-8 text (byte {e.start})")], file) from None
    line = too_deep(text, bounds.depth)
    if line is not None:
        raise SessionFileError([FieldError("(file)", f"brackets nest deeper than {bounds.depth} levels at line {line} (PODIUM_MAX_DEPTH)")], file)
    return text


def _too_deep(file: str | None) -> SessionFileError:
    # Nesting by indentation is not counted on the text; the parser's recursion is the last bound.
    return SessionFileError([FieldError("(file)", "nests too deeply to read")], file)


def decode(raw: bytes, file: str | None = None, bounds: Limits | None = None) -> Any:
    """The data of a session file's bytes: UTF-8 text, YAML (or JSON, which YAML reads); no key twice, no deep nesting."""
    text = _text(raw, file, bounds or limits())
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SessionFileError([FieldError("(file)", f"not valid YAML{where}: {getattr(e, 'problem', e)}")], file) from None
    except RecursionError:
        raise _too_deep(file) from None


def decode_json(raw: bytes, file: str | None = None, bounds: Limits | None = None) -> Any:
    """The data of a JSON session file; no key twice, no deep nesting."""
    text = _text(raw, file, bounds or limits())
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except ValueError as e:
        raise SessionFileError([FieldError("(body)", f"not valid JSON: {e}")], file) from None
    except RecursionError:
        raise _too_deep(file) from None


def load(path: str | Path, bounds: Limits | None = None) -> LoadedSession:
    """Read a session file (YAML or JSON, UTF-8) of at most `bounds.file_bytes`."""
    path, bounds = Path(path), bounds or limits()
    try:
        size = path.stat().st_size
        if size > bounds.file_bytes:
            raise SessionFileError([FieldError("(file)", f"{size} bytes; at most {bounds.file_bytes} (PODIUM_MAX_FILE_BYTES)")], str(path))
        raw = path.read_bytes()
    except OSError as e:
        raise SessionFileError([FieldError("(file)", e.strerror or str(e))], str(path)) from None
    return parse(decode(raw, str(path), bounds), str(path), bounds)


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
