"""The session-file importer under fuzzing: whatever the bytes or the data, it loads or raises SessionFileError naming path and reason."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.sessionfile import LoadedSession, SessionFileError, decode, load, parse
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples"
EXAMPLE = yaml.safe_load((EXAMPLES / "wg2-wg3-2022.yaml").read_text(encoding="utf-8"))
# Deterministic (same examples every run) and bounded: the suite stays fast and never flaky.
FUZZ = settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["", "10:00", "25:99", "2022-05-23", "2022-02-30", "plenary", "wg2", "1(a)", "hybrid", "Z" * 300]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def _outcome(make: Any) -> LoadedSession | None:
    """Load, or check the refusal is a SessionFileError whose every entry names a path and a reason."""
    try:
        return make()
    except SessionFileError as e:
        assert e.errors, "a refusal names at least one field"
        for error in e.errors:
            assert isinstance(error.path, str) and error.path, error
            assert isinstance(error.reason, str) and error.reason.strip(), error
        return None


def _paths(data: Any, at: tuple = ()) -> list[tuple]:
    """Every place in a decoded file: dict keys and list positions, depth first."""
    out = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*at, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            out += _paths(value, (*at, n))
    return out


PLACES = _paths(EXAMPLE)[1:]


def _replaced(data: Any, at: tuple, value: Any, delete: bool) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for step in at[:-1]:
        parent = parent[step]
    if delete:
        del parent[at[-1]]
    else:
        parent[at[-1]] = value
    return data


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_decode_and_parse_or_are_refused_clearly(raw):
    _outcome(lambda: parse(decode(raw, "fuzz.yaml"), "fuzz.yaml"))


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("{}[]:,-&*!|>'\"#%@` \n\tabc01")), max_size=200))
def test_any_yaml_like_text_parses_or_is_refused_clearly(text):
    _outcome(lambda: parse(decode(text.encode(), "fuzz.yaml"), "fuzz.yaml"))


@FUZZ
@given(data=values)
def test_any_decoded_value_parses_or_is_refused_clearly(data):
    _outcome(lambda: parse(data, "fuzz.json"))


@settings(FUZZ, max_examples=400)
@given(at=st.sampled_from(PLACES), value=values, delete=st.booleans())
def test_a_real_file_with_one_field_replaced_or_removed_loads_or_is_refused_clearly(at, value, delete):
    _outcome(lambda: parse(_replaced(EXAMPLE, at, value, delete), "wg2-wg3-2022.yaml"))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_a_file_of_any_bytes_loads_or_is_refused_naming_the_file(raw):
    with tempfile.TemporaryDirectory() as home:
        path = Path(home) / "fuzz.yaml"
        path.write_bytes(raw)
        try:
            load(path)
        except SessionFileError as e:
            assert e.file == str(path) and e.errors
