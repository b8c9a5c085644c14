"""Make Office files (DOCX, XLSX: zip archives) byte-identical for the same content.

python-docx and openpyxl stamp the archive members with the current time and
the document properties with "created"/"modified" now; both are replaced by a
fixed moment (the report's date when given, else 2000-01-01).
"""

from __future__ import annotations

import io
import re
import zipfile

_FIXED = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stamp(date: str | None) -> str:
    """The W3CDTF moment written into document properties."""
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"{date}T00:00:00Z"
    return "2000-01-01T00:00:00Z"


def normalise(data: bytes, date: str | None) -> bytes:
    """The same archive with fixed member times, sorted-stable order and fixed property dates."""
    when = stamp(date).encode("ascii")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(lambda m: m.group(1) + when + m.group(3), content)
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            member.create_system = 0
            dst.writestr(member, content, compresslevel=6)
    return out.getvalue()
