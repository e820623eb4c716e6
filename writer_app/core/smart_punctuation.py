"""Typographic quotes and dashes as the writer types, by the document's language.

A straight quote typed after a space (or at the start, or after an opening bracket or
dash) opens a quotation, anywhere else it closes one or is an apostrophe; two hyphens
make an em dash. Each language quotes in its own marks: “ ” ‘ ’ in English and Chinese,
„ “ ‚ ‘ in German, « » with no-break spaces in French, « » in Spanish, Italian and
Russian. Japanese is left alone: its writers type 「」 through the input method.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class QuoteMarks:
    open_double: str
    close_double: str
    open_single: str
    close_single: str
    apostrophe: str = "’"


ENGLISH = QuoteMarks("“", "”", "‘", "’")
_MARKS = {
    "en": ENGLISH, "zh": ENGLISH, "nl": ENGLISH, "pt": ENGLISH, "ko": ENGLISH,
    "de": QuoteMarks("„", "“", "‚", "‘"),
    "cs": QuoteMarks("„", "“", "‚", "‘"),
    "pl": QuoteMarks("„", "”", "‚", "’"),
    "fr": QuoteMarks("«" + NO_BREAK, NO_BREAK + "»", "‘", "’"),
    "es": QuoteMarks("«", "»", "“", "”"),
    "it": QuoteMarks("«", "»", "“", "”"),
    "ru": QuoteMarks("«", "»", "„", "“"),
    "sv": QuoteMarks("”", "”", "’", "’"),
    "fi": QuoteMarks("”", "”", "’", "’"),
}
_LEFT_ALONE = frozenset(("ja",))
# After these a quote opens a quotation rather than closing one.
_OPENING_CONTEXT = "([{<—–-/“‘«„‚「『（"


def marks_for(language: str) -> QuoteMarks | None:
    """Return the quote marks of `language` ("en_GB", "de", "zh_CN"…), English's for a
    language not listed, or None where straight quotes are left as typed."""
    code = language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0].lower()
    if code in _LEFT_ALONE:
        return None
    return _MARKS.get(code, ENGLISH)


def smart_replacement(before: str, language: str) -> tuple[int, str] | None:
    """Return how many characters at the end of `before` (the text before the cursor,
    ending with the character just typed) to replace, and with what; None to keep them."""
    if not before:
        return None
    typed = before[-1]
    if typed == "-":
        line = before.rsplit("\n", 1)[-1]
        # Not in a line of hyphens alone: `---` is a Markdown rule.
        return (2, "—") if line.endswith("--") and set(line.strip()) != {"-"} else None
    if typed not in "\"'":
        return None
    marks = marks_for(language)
    if marks is None:
        return None
    previous = before[-2] if len(before) > 1 else ""
    opening = not previous or previous.isspace() or previous in _OPENING_CONTEXT
    if typed == '"':
        return 1, marks.open_double if opening else marks.close_double
    if opening:
        return 1, marks.open_single
    # After a letter it is an apostrophe ("it’s"), unless it closes a quotation that
    # opened earlier in the paragraph and is still open.
    paragraph = before[:-1].rsplit("\n", 1)[-1]
    still_open = paragraph.count(marks.open_single) > paragraph.count(marks.close_single)
    if previous.isalnum() and not still_open:
        return 1, marks.apostrophe
    return 1, marks.close_single
