"""The HTML report as a browser prints it: Debian's chromium, headless, to A4 PDF.

Skipped when chromium or pdftotext (poppler-utils) is not installed; .ci/run installs
both, so CI always runs these.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tiltak.report import Report, build, render_html

ROOT = Path(__file__).resolve().parent.parent
BINDAL = ROOT / "examples" / "bindal-organisasjon.json"

pytestmark = [
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Debian's chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("pdftotext") is None,
                       reason="pdftotext is not installed (apt-get install poppler-utils)"),
]


def print_pages(html: Path, tmp: Path) -> list[list[str]]:
    """Print ``html`` to PDF with headless chromium; the non-empty lines of each page."""
    pdf = tmp / "out.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={tmp / 'profile'}", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


@pytest.mark.parametrize(("lang", "source"), [("nb", "profile"), ("en", "profile"),
                                              ("nb", "survey")])
def test_every_part_starts_a_printed_page_with_content(tmp_path: Path, lang: str, source: str,
                                                       default_engine: object) -> None:
    from tiltak.survey import import_survey

    given: object = BINDAL if source == "profile" else import_survey(
        ROOT / "examples" / "survey-ksaa.csv", "ksaa", subject_name="Bindal kommune")
    report: Report = build(given, lang=lang, engine=default_engine)  # type: ignore[arg-type]
    html = tmp_path / "plan.html"
    render_html(report, html)
    pages = print_pages(html, tmp_path)
    starts = {}
    for part in report.sections:
        found = [i for i, lines in enumerate(pages) if lines and lines[0] == part.title]
        assert found, f"no page starts with {part.title!r}"
        starts[part.id] = found[0]
        assert len(pages[found[0]]) >= 3, f"page for {part.title!r} is nearly empty"
    order = [starts[p.id] for p in report.sections]
    assert order == sorted(order)
    # The front page holds title and contents; the summary fits on one page.
    assert starts["summary"] == 1
    assert starts["competence"] == starts["summary"] + 1
    assert report.title in pages[0]


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (libreoffice-writer-nogui)")
def test_word_document_converts_cleanly_in_libreoffice(tmp_path: Path,
                                                       default_engine: object) -> None:
    from tiltak.report import render_docx

    report = build(BINDAL, lang="nb", engine=default_engine)  # type: ignore[arg-type]
    render_docx(report, tmp_path / "plan.docx")
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "plan.docx")],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "plan.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len(pages) > 10
    for part in report.sections:
        assert part.title in text
