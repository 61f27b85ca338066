"""The API documentation works without internet access: Swagger UI and ReDoc are served by the app itself."""

import re

import pytest


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_documentation_pages_load_their_scripts_from_the_app(client, page):  # noqa: F811
    html = client.get(page).text
    scripts = re.findall(r'src="([^"]+\.js)"', html)
    assert scripts and all(s.startswith("/") for s in scripts), scripts
    assert all(client.get(s).status_code == 200 for s in scripts)
