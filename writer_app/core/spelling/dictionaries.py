"""Hunspell dictionaries: the English ones that ship with the app, and those the writer
adds (LibreOffice's `.dic`/`.aff` pairs, loose, in a folder, or in an `.oxt` extension).

A dictionary is known by its file name without the extension ("de_DE_frami"), as
Hunspell and LibreOffice name them; the language it checks is the part before any
second underscore ("de_DE").
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import WriterError
from writer_app.core.said import said

DICTIONARIES_FOLDER = "dictionaries"
# Hunspell's own folder name inside chunspell's wheel.
_BUNDLED_PACKAGE = "hunspell"
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")


class DictionaryError(WriterError):
    """A dictionary could not be added; the message says why and what to do."""


@dataclass(frozen=True)
class Dictionary:
    name: str  # the file name without extension: "en_US"
    folder: Path
    bundled: bool = False

    @property
    def language(self) -> str:
        """The language code: "en_US" of "en_US", "de_DE" of "de_DE_frami"."""
        match = _LANGUAGE.match(self.name)
        return match.group().replace("-", "_") if match else self.name

    @property
    def aff(self) -> Path:
        return self.folder / f"{self.name}.aff"

    @property
    def dic(self) -> Path:
        return self.folder / f"{self.name}.dic"


def bundled_folder() -> Path | None:
    """Return the folder of the dictionaries that come with Hunspell's wheel."""
    spec = importlib.util.find_spec(_BUNDLED_PACKAGE)
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "dictionaries"
    return folder if folder.is_dir() else None


def shipped_folders(own: Path | None = None) -> list[Path]:
    """Return the folders of the dictionaries that ship with the app: Hunspell's wheel's
    (American English) and `own`, the app's (British English: resources/dictionaries,
    which the caller names, for the core does not know where the app's files are)."""
    return [folder for folder in (bundled_folder(), own) if folder is not None and
            folder.is_dir()]


def pairs_in(folder: Path, *, bundled: bool = False) -> list[Dictionary]:
    """Return the dictionaries whose `.dic` and `.aff` files are both in `folder`."""
    if not folder.is_dir():
        return []
    return [Dictionary(dic.stem, folder, bundled) for dic in sorted(folder.glob("*.dic"))
            if dic.with_suffix(".aff").is_file()]


def available_dictionaries(data_dir: Path, shipped_dir: Path | None = None,
                           ) -> list[Dictionary]:
    """Return the writer's dictionaries, then the shipped ones they do not replace
    (`shipped_dir`: the app's own besides Hunspell's)."""
    own = pairs_in(data_dir / DICTIONARIES_FOLDER)
    names = {dictionary.name for dictionary in own}
    shipped = [dictionary for folder in shipped_folders(shipped_dir)
               for dictionary in pairs_in(folder, bundled=True)]
    return own + [dictionary for dictionary in shipped if dictionary.name not in names]


def install_dictionaries(source: Path, data_dir: Path) -> list[Dictionary]:
    """Copy the dictionaries found at `source` into the data folder and return them.

    `source` may be a `.dic` or `.aff` file (its partner must be beside it), a folder
    holding pairs, or a LibreOffice extension (`.oxt`) or zip holding them.
    """
    target = data_dir / DICTIONARIES_FOLDER
    if source.is_file() and source.suffix.lower() in (".oxt", ".zip"):
        with tempfile.TemporaryDirectory() as unpacked:
            return _copy_pairs(_pairs_in_archive(source, Path(unpacked)), target, source)
    if source.is_file() and source.suffix.lower() in (".dic", ".aff"):
        partner = source.with_suffix(".aff" if source.suffix.lower() == ".dic" else ".dic")
        if not partner.is_file():
            raise DictionaryError(said("Spelling", "{name} needs {partner} beside it: a "
                                                   "Hunspell dictionary is a .dic and an "
                                                   ".aff file of the same name.").format(
                name=source.name, partner=partner.name))
        return _copy_pairs([Dictionary(source.stem, source.parent)], target, source)
    if source.is_dir():
        found = pairs_in(source) or [pair for folder in sorted(source.rglob("*"))
                                     if folder.is_dir() for pair in pairs_in(folder)]
        return _copy_pairs(found, target, source)
    raise DictionaryError(said("Spelling", "{name} is not a dictionary: choose a .dic file, "
                                           "a folder of them, or a LibreOffice extension "
                                           "(.oxt).").format(name=source.name))


def _pairs_in_archive(archive: Path, into: Path) -> list[Dictionary]:
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                name = Path(member.filename).name
                if Path(name).suffix.lower() in (".dic", ".aff") and not member.is_dir():
                    # Flattened, by base name only: nothing is written outside `into`.
                    (into / name).write_bytes(zipped.read(member))
    except (zipfile.BadZipFile, OSError) as exc:
        raise DictionaryError(said("Spelling", "{name} could not be read ({problem}).").format(
            name=archive.name, problem=exc)) from exc
    return pairs_in(into)


def _copy_pairs(pairs: list[Dictionary], target: Path, source: Path) -> list[Dictionary]:
    if not pairs:
        raise DictionaryError(said("Spelling", "No dictionary was found in {name}: a Hunspell "
                                               "dictionary is a .dic and an .aff file of the "
                                               "same name.").format(name=source.name))
    try:
        target.mkdir(parents=True, exist_ok=True)
        for pair in pairs:
            for path in (pair.aff, pair.dic):
                shutil.copyfile(path, target / path.name)
    except OSError as exc:
        raise DictionaryError(said("Spelling", "The dictionary could not be copied into "
                                               "{folder} ({problem}).").format(
            folder=target, problem=exc.strerror or exc)) from exc
    return [Dictionary(pair.name, target) for pair in pairs]
