"""The fonts the writer's text is drawn in, by the writer's language."""

from __future__ import annotations

from PySide6.QtGui import QFont

# Fonts designed for long reading, tried in order; the last ones ship with most systems.
LATIN_WRITING_FONTS = [
    "Literata", "Charter", "Iowan Old Style", "Source Serif 4", "Source Serif Pro",
    "Georgia", "Cambria", "Noto Serif", "DejaVu Serif", "Liberation Serif",
]
# Serif (Song, Ming, Mincho, Batang) fonts for Chinese, Japanese and Korean, so their
# text is not drawn in whatever sans-serif fallback the system picks. One Han
# character is drawn differently in each language: the writer's language goes first.
CJK_WRITING_FONTS = {
    "zh_CN": ["Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun",
              "Noto Serif SC"],
    "zh_TW": ["Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU",
              "MingLiU", "Noto Serif TC"],
    "ja": ["Noto Serif CJK JP", "Source Han Serif", "Hiragino Mincho ProN", "Yu Mincho",
           "MS Mincho", "Noto Serif JP"],
    "ko": ["Noto Serif CJK KR", "Source Han Serif K", "AppleMyungjo", "Batang",
           "Noto Serif KR"],
}


def writing_fonts(language: str) -> list[str]:
    """Return the writing font families in order for a writer whose language is
    `language` (a locale name such as "zh_CN" or "ja_JP")."""
    if language.startswith(("zh_TW", "zh_HK", "zh_MO")) or "Hant" in language:
        first = "zh_TW"
    elif language[:2] in ("ja", "ko"):
        first = language[:2]
    else:
        first = "zh_CN"
    cjk = CJK_WRITING_FONTS[first] + [font for key, fonts in CJK_WRITING_FONTS.items()
                                      if key != first for font in fonts]
    return LATIN_WRITING_FONTS + cjk + ["serif"]


def writing_font(family: str, points: float, language: str) -> QFont:
    """Return the font the text is drawn in: `family` ("" for the shipped writing fonts),
    with the shipped ones behind it for the scripts it lacks, at `points`."""
    font = QFont()
    fallbacks = writing_fonts(language)
    font.setFamilies([family, *fallbacks] if family else fallbacks)
    font.setPointSizeF(points)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
