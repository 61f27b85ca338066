"""docker-compose.yml (no Docker daemon here): PostgreSQL, migrations applied once on start, the API and a worker."""

import shlex

import yaml

from service.cli import build_parser
from tests.helpers import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _podium_command(service: str) -> list[str]:
    command = SERVICES[service]["command"]
    return shlex.split(command) if isinstance(command, str) else command


def test_it_runs_postgresql_migrations_the_api_and_a_worker():
    assert set(SERVICES) == {"db", "migrate", "api", "worker"}
    assert SERVICES["db"]["image"].startswith("postgres:")


def test_the_api_and_the_worker_share_the_database_and_start_once_it_is_migrated():
    url = SERVICES["migrate"]["environment"]["PODIUM_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@db:5432/" in url
    for name in ("api", "worker"):
        assert SERVICES[name]["environment"]["PODIUM_DATABASE_URL"] == url
        assert SERVICES[name]["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert SERVICES["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}


def test_the_commands_are_podium_s_own():
    assert _podium_command("migrate") == ["podium", "db", "upgrade"]
    assert build_parser().parse_args(_podium_command("migrate")[1:]).func.__name__ == "_upgrade"
    assert build_parser().parse_args(_podium_command("worker")[1:]).func.__name__ == "_worker"
    assert _podium_command("api")[:3] == ["uvicorn", "--factory", "service.web.app:create_app"]


def test_the_api_is_published_and_checked_through_its_health_route():
    assert SERVICES["api"]["ports"] == ["8000:8000"]
    assert "/health" in " ".join(SERVICES["api"]["healthcheck"]["test"])
