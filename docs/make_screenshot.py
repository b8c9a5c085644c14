"""Make docs/report-screenshot.png: the README's picture of the HTML report, from a real browser.

Builds the Norwegian report for the bundled survey export, prints it to A4 PDF in headless
Chromium (Debian's ``chromium``), and puts two printed pages side by side (the summary and
the first area of the analysis) as a small palette PNG (poppler's ``pdftoppm``)::

    python3 docs/make_screenshot.py     # needs chromium and poppler-utils
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report-screenshot.png"
DPI = 90
LIMIT = 300_000


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page.strip().splitlines()[0].strip() if page.strip() else ""
            for page in text.split("\f")]


def main() -> int:
    from PIL import Image

    from tiltak.report import build, render_html
    from tiltak.survey import import_survey

    missing = [tool for tool in ("chromium", "pdftoppm", "pdftotext") if not shutil.which(tool)]
    if missing:
        sys.stderr.write(f"make_screenshot: not installed: {', '.join(missing)} "
                         "(apt-get install chromium poppler-utils)\n")
        return 1
    survey = import_survey(ROOT / "examples" / "survey-ksaa.csv", "ksaa",
                           subject_name="Bindal kommune")
    report = build(survey, lang="nb")
    wanted = [report.sections[0].title, report.sections[2].sections[0].title]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "plan.html"
        pdf = Path(tmp) / "plan.pdf"
        render_html(report, page)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--user-data-dir={Path(tmp) / 'profile'}",
                        f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=180)
        firsts = _pages(pdf)
        images = []
        for title in wanted:
            number = firsts.index(title) + 1
            stem = Path(tmp) / f"page{number}"
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f",
                            str(number), "-l", str(number), str(pdf), str(stem)], check=True)
            images.append(Image.open(f"{stem}.png").convert("RGB"))
    gap = 16
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (214, 220, 226))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    sheet.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(OUT, optimize=True)
    size = OUT.stat().st_size
    print(f"{OUT.relative_to(ROOT)}: {sheet.width}x{sheet.height}, {size:,} bytes")
    return 0 if size < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
