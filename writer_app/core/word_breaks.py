"""Where words begin and end, in every script.

Spaces do not mark words in Chinese, Japanese, Thai, Lao, Khmer or Burmese. ICU finds
their words with its dictionaries ("老|灯塔|守护|人"), following Unicode's word boundaries
(UAX #29) elsewhere. ICU is on every computer the app runs on: Qt's Linux wheels carry
it, macOS has libicucore and Windows 10 and later have icu.dll. It is called through
ctypes because no ICU binding for Python has wheels on PyPI, and Qt's own
QTextBoundaryFinder, which this plain-Python layer may not use, has no dictionary for
Chinese or Japanese (it splits them into single characters). Where no ICU library is
found, a simpler rule stands in: a word is a run of letters, and each Chinese or
Japanese character is a word by itself, as in UAX #29.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.utf16_positions import Utf16Text

# Han ideographs: the unified blocks with extensions A to I (H and I in Unicode 15 and
# 15.1), and the compatibility forms. Ranges, not Unicode properties: Python's own tables
# may be older than the writer's text. Every rule that knows Chinese characters uses it.
HAN_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
# Scripts written without spaces between words, by code point range: Thai, Lao, Tibetan,
# Myanmar, Khmer, Japanese kana, CJK ideographs (with their extensions and compatibility
# forms), Yi, and the halfwidth katakana block.
UNSPACED_CLASS = (
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"
    "\u3005\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff\u31f0-\u31ff"
    "\ua000-\ua4cf\uff66-\uff9f" + HAN_IDEOGRAPHS + "]"
)
# Punctuation of Chinese and Japanese text (。，、「」 and full-width forms), which is
# never separated from its neighbours by a space either. Curly quotes, dashes and the
# ellipsis are left out: English uses them too, with spaces.
CJK_PUNCTUATION_CLASS = "[\u3000-\u3004\u3008-\u3020\u30fb\uff01-\uff65]"
_UNSPACED = re.compile(UNSPACED_CLASS)
_CJK_PUNCTUATION = re.compile(CJK_PUNCTUATION_CLASS)


def is_unspaced(character: str) -> bool:
    """Return whether `character` belongs to a script written without spaces."""
    return _UNSPACED.match(character) is not None


def ends_a_word(character: str) -> bool:
    """Return whether typing `character` ends a word: a space or line break, punctuation,
    or a character of a script without spaces (an input method commits words there)."""
    if not character:
        return False
    return (character.isspace() or unicodedata.category(character).startswith("P")
            or is_cjk_context(character))


def is_cjk_context(character: str) -> bool:
    """Return whether `character` is text or punctuation of a script without spaces:
    no space belongs between two such characters."""
    return is_unspaced(character) or _CJK_PUNCTUATION.match(character) is not None


@dataclass(frozen=True)
class Segment:
    """A piece of text between two word boundaries: a word, or what lies between words
    (spaces, punctuation)."""

    start: int
    end: int
    is_word: bool


def segments(text: str) -> list[Segment]:
    """Return `text` cut at its word boundaries, in order, covering all of it."""
    if not text:
        return []
    icu = _icu()
    pieces = icu.segments(text) if icu is not None else _simple_segments(text)
    return list(pieces)


def words(text: str) -> list[Segment]:
    """Return the words of `text` (letters, digits or ideographs), in order."""
    return [segment for segment in segments(text) if segment.is_word]


def backend() -> str:
    """Say which rule finds words here: "ICU <version>" or "simple"."""
    icu = _icu()
    return f"ICU {icu.version}" if icu is not None else "simple"


# --- the rule used without ICU -------------------------------------------------

_SIMPLE = re.compile(
    # Kana and ideographs one by one (katakana runs together), then letters and digits
    # with the apostrophes and points UAX #29 keeps inside a word ("don't", "3.5").
    "[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+"
    "|[\u3005\u3007\u3040-\u309f" + HAN_IDEOGRAPHS + "]"
    r"|\w+(?:['’.]\w+)*"
)


def _simple_segments(text: str) -> Iterator[Segment]:
    position = 0
    for match in _SIMPLE.finditer(text):
        if match.start() > position:
            yield Segment(position, match.start(), False)
        yield Segment(match.start(), match.end(), True)
        position = match.end()
    if position < len(text):
        yield Segment(position, len(text), False)


# --- ICU through ctypes --------------------------------------------------------

_UBRK_WORD = 1
_UBRK_DONE = -1
_UBRK_WORD_NONE_LIMIT = 100  # rule status below this: spaces or punctuation
_extra_dirs: list[Path] = []
_lock = threading.Lock()
_loaded: _Icu | bool | None = False  # False: not looked for yet


def add_library_dir(folder: Path) -> None:
    """Look for ICU in `folder` first (the UI passes the folder of Qt's libraries,
    whose ICU is already loaded into the process)."""
    global _loaded
    with _lock:
        if folder not in _extra_dirs:
            _extra_dirs.insert(0, folder)
            if _loaded is None:
                _loaded = False  # not found before: look again


def icu_function(name: str) -> Callable[..., object] | None:
    """Return one of ICU's C functions by its plain name ("uloc_getDisplayName"), from the
    library that finds words; None where there is no ICU."""
    icu = _icu()
    return getattr(icu.library, name + icu.suffix, None) if icu is not None else None


def _icu() -> _Icu | None:
    global _loaded
    with _lock:
        if _loaded is False:
            _loaded = _find_icu()
        return _loaded if isinstance(_loaded, _Icu) else None


def _candidates() -> Iterator[str]:
    explicit = os.environ.get("LOCAL_WRITER_ICU")
    if explicit:
        yield explicit
    for folder in _extra_dirs:
        for name in sorted(folder.glob("libicuuc.so*")) + sorted(folder.glob("icuuc*.dll")):
            yield str(name)
    if sys.platform == "darwin":
        yield "/usr/lib/libicucore.dylib"
    elif sys.platform == "win32":
        yield "icu.dll"  # Windows 10 version 1903 and later
        yield "icuuc.dll"
    found = ctypes.util.find_library("icuuc")
    if found:
        yield found
    for version in range(80, 59, -1):
        yield f"libicuuc.so.{version}"


def _find_icu() -> _Icu | None:
    for name in _candidates():
        try:
            library = ctypes.CDLL(name)
        except OSError:
            continue
        icu = _Icu.bind(library)
        if icu is not None:
            return icu
    return None


class _Icu:
    """The few break-iterator functions of ICU's C API, bound by ctypes."""

    def __init__(self, library: ctypes.CDLL, suffix: str, version: str) -> None:
        self.version = version
        self.library = library
        self.suffix = suffix

        def function(name: str, restype: object, *argtypes: object) -> ctypes._CFuncPtr:
            bound = getattr(library, name + suffix)
            bound.restype = restype
            bound.argtypes = argtypes
            return bound

        self._open = function("ubrk_open", ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p,
                              ctypes.c_void_p, ctypes.c_int32,
                              ctypes.POINTER(ctypes.c_int))
        self._next = function("ubrk_next", ctypes.c_int32, ctypes.c_void_p)
        self._status = function("ubrk_getRuleStatus", ctypes.c_int32, ctypes.c_void_p)
        self._set_text = function("ubrk_setText", None, ctypes.c_void_p, ctypes.c_void_p,
                                  ctypes.c_int32, ctypes.POINTER(ctypes.c_int))
        self._local = threading.local()

    @classmethod
    def bind(cls, library: ctypes.CDLL) -> _Icu | None:
        """Bind ICU's functions, whose names carry the major version on most systems
        (ubrk_open_73) and none on Apple's and Microsoft's builds."""
        suffixes = [("", "")] + [(f"_{v}", str(v)) for v in range(90, 43, -1)]
        for suffix, version in suffixes:
            if hasattr(library, "ubrk_open" + suffix):
                try:
                    return cls(library, suffix, version or "(system)")
                except AttributeError:
                    return None
        return None

    def _iterator(self) -> int | None:
        """Return this thread's word break iterator: opening one loads ICU's rules and
        dictionaries (a tenth of a millisecond), so each thread keeps its own."""
        iterator = getattr(self._local, "iterator", None)
        if iterator is None:
            error = ctypes.c_int(0)
            iterator = self._open(_UBRK_WORD, b"", None, 0, ctypes.byref(error))
            if error.value > 0 or not iterator:
                return None
            self._local.iterator = iterator  # kept for the thread's life
        return int(iterator)

    def segments(self, text: str) -> Iterator[Segment]:
        iterator = self._iterator()
        if iterator is None:
            yield from _simple_segments(text)
            return
        encoded = text.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(encoded, len(encoded) + 2)
        error = ctypes.c_int(0)
        self._set_text(iterator, buffer, len(encoded) // 2, ctypes.byref(error))
        if error.value > 0:
            yield from _simple_segments(text)
            return
        index_of_unit = Utf16Text(text).index
        start = 0
        while True:
            end_unit = self._next(iterator)
            if end_unit == _UBRK_DONE:
                break
            end = index_of_unit(end_unit)
            status = self._status(iterator)
            is_word = status >= _UBRK_WORD_NONE_LIMIT or _has_letter(text[start:end])
            yield Segment(start, end, is_word)
            start = end
        del buffer  # ICU reads the text from here until the last boundary


def _has_letter(text: str) -> bool:
    # ICU gives emoji and some symbols the "none" status; letters always count.
    return any(unicodedata.category(c)[0] in "LN" for c in text)
