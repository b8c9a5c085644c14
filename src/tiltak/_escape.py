"""Making text from input safe for each kind of output.

Names, headers, cells and reasons come from files that someone else may have
written. Before such text reaches an output it passes the helper for that
output's kind, so it is shown as text and never acts as something else:

- :func:`terminal` for text printed to a terminal (control and escape
  sequences, and characters that show as nothing, are shown escaped, e.g.
  ``\\x1b``, ``\\ufeff``);
- :func:`markdown` for Markdown (markup characters escaped, no raw HTML);
- :func:`html` for HTML (entities; quotes too, for attributes);
- :func:`spreadsheet` for CSV and XLSX cells (a leading ``= + - @`` and the
  like is neutralised with an apostrophe, so no formula or DDE runs);
- :func:`printable` for text in a document (HTML, Word, Excel, GraphML): the one
  policy for documents is to *remove* what a reader cannot see or XML cannot hold
  (controls, bidirectional overrides, isolates and marks, characters that show as
  nothing, the non-characters U+FFFE and U+FFFF); line and paragraph separators
  become spaces;
- :func:`document` for a whole rendered document by its format (what the
  CLI applies to everything it prints or writes);
- :func:`without_surrogates` everywhere text is encoded (a lone surrogate
  becomes U+FFFD instead of a UnicodeEncodeError).

Every helper is a pure function of its argument: deterministic and thread-safe.
"""

from __future__ import annotations

import re

__all__ = ["document", "html", "json_text", "markdown", "printable", "spreadsheet", "terminal",
           "without_surrogates"]

_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters a terminal shows as nothing (or as a plain space) although they are there: a
# byte-order mark, zero-width spaces and joiners, directional marks, the word joiner and
# invisible operators, soft hyphen, Hangul fillers, interlinear annotation marks, tag
# characters, line and paragraph separators. An id or a name read from a user's file that
# holds one looks like another that does not: the adviser must see it.
_INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
             "\u2028\u2029\u2060-\u2065\u206a-\u206f\u3164\uffa0\ufeff\ufff9-\ufffb"
             "\U0001d173-\U0001d17a\U000e0000-\U000e007f")
_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069" + _INVISIBLE + "]")
_SHOWN_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069" + _INVISIBLE + "]")
# What a document leaves out: C0 controls but tab, newline and carriage return, DEL, C1
# controls, the bidirectional overrides and isolates, every character that shows as
# nothing (a reader could not tell "Bindal" from "Bin\u200bdal"), and what XML 1.0 cannot hold
# (U+FFFE, U+FFFF; surrogates become U+FFFD first).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                          + _INVISIBLE + "\ufffe\uffff]")
_SEPARATOR = re.compile("[\u2028\u2029]")
# Characters XML 1.0 (and so XLSX) cannot hold at all.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Inline markup: emphasis, code, links and images (brackets), tables, strike-through.
# < and > become entities, so no raw HTML passes.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so it can be encoded."""
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """``text`` as a document (HTML, Word, Excel, GraphML) may show text from input.

    Removed: control characters (but tab, newline and carriage return, which a spreadsheet
    cell keeps), bidirectional overrides, embeddings, isolates and marks, characters that
    show as nothing (zero-width spaces and joiners, a byte-order mark, a soft hyphen: see
    ``_INVISIBLE``) and the non-characters U+FFFE and U+FFFF. Line and paragraph separators
    become spaces; a lone surrogate becomes U+FFFD. XML cannot hold most C0 controls at all
    (Word and Excel files would not open), an override makes a name read in another order,
    and an invisible character makes two names that look the same differ; none of them is
    anything a reader could see. The result is always valid XML 1.0 character data.
    """
    return _UNPRINTABLE.sub("", _SEPARATOR.sub(" ", without_surrogates(text)))


def _escape_control(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def terminal(text: str, *, multiline: bool = True) -> str:
    """``text`` with control characters and characters that show as nothing (a byte-order
    mark, a zero-width space, a directional mark: see ``_INVISIBLE``) shown escaped
    (``\\x1b``, ``\\ufeff``), for a terminal.

    Newlines and tabs are kept when ``multiline`` (whole documents); for one
    value in a line (a name, a cell) pass ``multiline=False`` to escape them too.
    """
    pattern = _SHOWN if multiline else _SHOWN_ALL
    return pattern.sub(_escape_control, without_surrogates(text))


def markdown(text: str) -> str:
    """``text`` as literal inline Markdown: markup escaped, HTML as entities, one line."""
    text = terminal(text, multiline=False).replace("\\x0a", " ").replace("\\x0d", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def html(text: str) -> str:
    """``text`` as literal HTML text or attribute value, made :func:`printable` first."""
    import html as _html  # here: the html package loads its table of entities

    return _html.escape(printable(text), quote=True)


def spreadsheet(value: str) -> str:
    """A text cell for CSV or XLSX that a spreadsheet shows as text, never evaluates.

    A cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return, or their full-width forms) gets a leading apostrophe; characters
    that XLSX cannot store are removed.
    """
    value, formula_like = spreadsheet_text(value)
    return "'" + value if formula_like else value


def spreadsheet_text(value: str) -> tuple[str, bool]:
    """Text an XLSX cell can store, and whether it starts like a formula.

    For writers that mark such a cell as text themselves (openpyxl's
    ``quotePrefix``) instead of adding an apostrophe.
    """
    value = _XML_ILLEGAL.sub("", without_surrogates(value))
    return value, value.lstrip(" ").startswith(_FORMULA_START)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _INVISIBLE + "]")


def json_text(text: str) -> str:
    """JSON text with the characters a terminal may act on written as ``\\uXXXX`` escapes.

    ``json.dumps`` already escapes C0 controls; DEL, C1 controls, line
    separators, bidirectional overrides and characters that show as nothing
    (see ``_INVISIBLE``) are escaped here, lone surrogates
    become U+FFFD. These characters occur only inside JSON strings, so the
    text stays valid JSON with the same value.
    """

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xD800 <= code <= 0xDFFF:
            return "\\ufffd"
        if code > 0xFFFF:  # a JSON escape is UTF-16: a pair of surrogates
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return _JSON_UNSAFE.sub(escape, text)


def document(text: str, kind: str) -> str:
    """A whole rendered document made safe for output: JSON escaped as JSON, else as text.

    Renderers escape each field for their markup (Markdown, HTML, spreadsheet
    cells); this is the last pass over the whole document, so no control or
    escape sequence from the input reaches a terminal or a file.
    """
    if kind == "json":
        return json_text(text)
    return terminal(text, multiline=True)
