"""One settings object, read from PODIUM_* variables, with documented defaults."""

from service.settings import Settings


def test_the_defaults_are_the_embedded_database_and_request_links():
    s = Settings(_env_file=None)
    assert s.database_url == "sqlite:///var/podium.db" and s.public_base_url is None


def test_a_deployment_sets_the_public_base_url_and_feed_options(monkeypatch):
    monkeypatch.setenv("PODIUM_PUBLIC_BASE_URL", "https://podium.example.org")
    monkeypatch.setenv("PODIUM_FEED_REFRESH_MINUTES", "30")
    s = Settings(_env_file=None)
    assert str(s.public_base_url) == "https://podium.example.org/"
    assert s.feed_refresh.total_seconds() == 1800
