"""Test helpers: sessions, API clients, feed and job cases, a local server; and where the project's files are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
