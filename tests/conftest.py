"""Shared fixtures: the project's copies of the real cases in ../shared/cases."""

from pathlib import Path

import pytest

from service.sessionfile import LoadedSession, load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def cop10() -> LoadedSession:
    """CTOC/COP/2020/1: one plenary, hybrid, two 2-hour slots a day."""
    return load(EXAMPLES / "cop10-2020.yaml")


@pytest.fixture(scope="session")
def wg2_wg3() -> LoadedSession:
    """CTOC/COP/WG.2 and WG.3 2022: two working groups, one interpreted room, joint items."""
    return load(EXAMPLES / "wg2-wg3-2022.yaml")
