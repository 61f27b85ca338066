"""The session file format (a superset of the published case tables): models, section checks, conversion, reading and writing."""

from service.errors import SessionFileError
from service.sessionfile.convert import LoadedSession, export, to_session
from service.sessionfile.files import decode, decode_json, dump_yaml, errors_of, load, parse, validate
from service.sessionfile.models import SessionDraft, SessionFile

__all__ = [
    "LoadedSession", "SessionDraft", "SessionFile", "SessionFileError",
    "decode", "decode_json", "dump_yaml", "errors_of", "export", "load", "parse", "to_session", "validate",
]
