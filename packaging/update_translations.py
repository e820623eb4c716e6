"""Refresh the interface's translations with the tools PySide6 ships.

    .venv/bin/python packaging/update_translations.py          # update .ts, build .qm
    .venv/bin/python packaging/update_translations.py --add ja  # start a new language

`pyside6-lupdate` reads every `tx("Context", "text")`, `said("Context", "text")` and
`self.tr(...)` in writer_app/ and merges new strings into each
resources/translations/local_writer_<language>.ts (strings no longer used are dropped);
translate them in Qt Linguist (`pyside6-linguist`) or in the XML; then this builds the
.qm files the app loads with `pyside6-lrelease`. The English file holds only the plural
forms ("1 word", "2 words"). tests/ui/window/test_translations.py fails while a string is
untranslated or a .qm is stale.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "writer_app"
FOLDER = ROOT / "resources" / "translations"
CATALOGUE = "local_writer"
# `tx` is QCoreApplication.translate under a short name (writer_app/ui/i18n.py); `said`
# marks the messages of the layers without Qt (writer_app/core/said.py).
LUPDATE_OPTIONS = ["-tr-function-alias", "translate+=tx,translate+=said", "-no-obsolete",
                   "-locations", "none", "-extensions", "py", "-silent"]


def tool(name: str) -> str:
    """Return the path of a PySide6 tool in this Python's environment."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: run this with the venv's Python")
    return found


def ts_files() -> list[Path]:
    return sorted(FOLDER.glob(f"{CATALOGUE}_*.ts"))


def update_ts(ts: Path, sources: Path = SOURCES) -> None:
    """Merge the strings of `sources` into `ts` (created if missing)."""
    language = ts.stem.removeprefix(f"{CATALOGUE}_")
    options = [*LUPDATE_OPTIONS, "-target-language", language]
    if language == "en":
        options.append("-pluralonly")
    subprocess.run([tool("pyside6-lupdate"), *options, str(sources), "-ts", str(ts)],
                   check=True)


def build_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add", metavar="LANGUAGE",
                        help="start the translation of a new language (zh_TW, ja, …)")
    args = parser.parse_args()
    FOLDER.mkdir(parents=True, exist_ok=True)
    if args.add:
        update_ts(FOLDER / f"{CATALOGUE}_{args.add}.ts")
    for ts in ts_files():
        update_ts(ts)
        build_qm(ts, ts.with_suffix(".qm"))
        print(ts.relative_to(ROOT), "and", ts.with_suffix(".qm").name)


if __name__ == "__main__":
    main()
