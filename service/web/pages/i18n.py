"""The pages' words in the six languages: Babel catalogs (locale/<lang>/LC_MESSAGES/messages.po), compiled when first used.

`python -m service.web.pages.i18n extract` writes the template (messages.pot) from the templates and this
package's Python, and merges it into the five catalogs (English is the source language).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

HERE = Path(__file__).parent
LOCALE = HERE / "locale"
TRANSLATED = ("ar", "zh", "fr", "ru", "es")
METHODS = [("templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {"_": None, "N_": None}


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; the page translates it when it shows it."""
    return message


@cache
def translations(lang: str) -> NullTranslations:
    """The catalog of `lang`, compiled from its .po file in memory (nothing is written into the package)."""
    po = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    if lang not in TRANSLATED or not po.exists():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def gettext(lang: str) -> Callable[..., str]:
    """The `_` of the templates in `lang`: `_("Version %(n)s", n=2)`, its arguments escaped, the catalog's words trusted."""
    found = translations(lang)

    def _(message: str, **values: object) -> str:
        text = found.gettext(message)
        return Markup(text % {k: escape(v) for k, v in values.items()}) if values else Markup(text)

    return _


def extracted() -> Catalog:
    """Every message of the templates and of the Python of the pages."""
    catalog = Catalog(project="Podium", domain="messages")
    for filename, lineno, message, comments, context in extract_from_dir(HERE, METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _update() -> None:
    template = extracted()
    with (LOCALE / "messages.pot").open("wb") as f:
        write_po(f, template, omit_header=True, sort_output=True, width=0)
    for lang in TRANSLATED:
        po = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Podium", domain="messages")
        catalog.update(template, no_fuzzy_matching=True)
        with po.open("wb") as f:
            write_po(f, catalog, sort_output=True, width=0, ignore_obsolete=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["extract"]:
        sys.exit("usage: python -m service.web.pages.i18n extract")
    _update()
