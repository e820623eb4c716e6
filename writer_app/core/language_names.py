"""Languages by the names a writer reads them in: "英语（美国）" for en_US in a Chinese
interface, "English (United States)" in an English one.

Qt knows each language's name in that language only (QLocale.nativeLanguageName); ICU,
which finds words here already (word_breaks.py), knows every language's name in every
other, so it is asked through ctypes.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable

from writer_app.core.word_breaks import icu_function

_U_USING_DEFAULT_WARNING = -127  # ICU knows no such language: it echoes the code
_CAPACITY = 256


_lock = threading.Lock()
_display_name: Callable[..., int] | None = None


def _display_name_function() -> Callable[..., int] | None:
    """Return ICU's uloc_getDisplayName with its C signature set, once for all threads."""
    global _display_name
    with _lock:
        if _display_name is None:
            function = icu_function("uloc_getDisplayName")
            if function is None:
                return None  # no ICU (yet: the UI may point at Qt's later)
            function.restype = ctypes.c_int32  # type: ignore[attr-defined]
            function.argtypes = (  # type: ignore[attr-defined]
                ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int32,
                ctypes.POINTER(ctypes.c_int))
            _display_name = function  # type: ignore[assignment]
        return _display_name


def language_name(code: str, in_language: str) -> str:
    """Return the name of the language `code` ("de_DE") in the language `in_language`
    ("zh_CN"): "德语（德国）"; "" where ICU is missing or does not know `code`."""
    function = _display_name_function()
    if function is None or not code:
        return ""
    buffer = ctypes.create_string_buffer(2 * _CAPACITY)
    error = ctypes.c_int(0)
    length = function(code.encode("ascii", "replace"), in_language.encode("ascii", "replace"),
                      buffer, _CAPACITY, ctypes.byref(error))
    if error.value > 0 or error.value == _U_USING_DEFAULT_WARNING or length <= 0:
        return ""
    return buffer.raw[:2 * min(length, _CAPACITY)].decode("utf-16-le", "replace")
