"""The annex as a PDF: A4 pages with the Chinese and Arabic faces embedded in the file."""

import contextlib
import re
import zlib

import pytest

from service.exports import render


def _pdf_text(data: bytes) -> bytes:
    """The file with its compressed streams inflated, to read font dictionaries and page boxes."""
    inflated = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            inflated.append(zlib.decompress(match.group(1)))
    return data + b"\n".join(inflated)


@pytest.fixture(scope="module")
def pdfs(cop10, wg2_wg3):
    return {lang: _pdf_text(render("pdf", wg2_wg3.session, wg2_wg3.programme, lang)) for lang in ("zh", "ar")}


def test_a_pdf_is_a_pdf_on_a4_pages(pdfs):
    assert pdfs["zh"].startswith(b"%PDF-")
    assert re.search(rb"/MediaBox\s*\[0 0 595\.\d+ 841\.\d+\]", pdfs["zh"])


def test_the_chinese_pdf_embeds_a_chinese_face(pdfs):
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+Noto-Serif-CJK-SC", pdfs["zh"]) and b"/FontFile" in pdfs["zh"]


def test_the_arabic_pdf_embeds_an_arabic_face(pdfs):
    assert re.search(rb"/FontName\s*/[A-Z]{6}\+Noto-Naskh-Arabic", pdfs["ar"]) and b"/FontFile" in pdfs["ar"]
