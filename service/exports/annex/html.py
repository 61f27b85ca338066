"""The annex as an HTML page (Jinja2 template `templates/annex.html` beside this module) with an A4 print stylesheet."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from service.exports.annex.labels import italic_headings
from service.exports.annex.table import Row, Table

_ENV = Environment(loader=PackageLoader("service.exports.annex", "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
_ENV.globals["zip"] = zip


def _groups(table: Table) -> list[list[Row]]:
    """A day row alone, or a slot row with its further lines: one <tbody> each, kept on one page."""
    groups: list[list[Row]] = []
    for row in table.rows:
        if row.kind == "line":
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


# The typeface of each script first, as UN documents set them (Times New Roman, SimSun, Simplified
# Arabic), then the free faces of the same design that Debian packages (fonts-noto-core, -cjk).
FONTS = {
    "zh": '"SimSun", "Noto Serif CJK SC", "Times New Roman", "Noto Serif", serif',
    "ar": '"Simplified Arabic", "Noto Naskh Arabic", "Times New Roman", "Noto Serif", serif',
}
LATIN_FONTS = '"Times New Roman", "Liberation Serif", "Noto Serif", "Noto Serif CJK SC", "Noto Naskh Arabic", serif'


def _render(template: str, table: Table) -> str:
    width = 1 + sum(2 if c.codes else 1 for c in table.columns)
    return _ENV.get_template(template).render(t=table, groups=_groups(table), width=width, italic=italic_headings(table.lang),
                                              fonts=FONTS.get(table.lang, LATIN_FONTS), latin=LATIN_FONTS)


def render_html(table: Table) -> str:
    """The annex as a page of its own."""
    return _render("annex.html", table)


def render_html_fragment(table: Table) -> str:
    """The annex alone (label, title, session, table), for a web page to show within its own."""
    return _render("annex_table.html", table)
