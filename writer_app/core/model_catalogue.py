"""The curated list of models the app offers (models/catalogue.toml), read and checked."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.errors import ModelFileError
from writer_app.core.memory_fit import Architecture
from writer_app.core.said import said

EMBEDDED_REVISION = "embedded"
KINDS = ("base", "instruct")
TASKS = ("suggest", "continue", "rewrite", "summarize", "translate")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{40}")
_REPO = re.compile(r"[A-Za-z0-9][\w.-]*/[\w.-]+")


@dataclass(frozen=True)
class CatalogueEntry:
    """One model file the app knows, with the facts needed before downloading it."""

    id: str
    name: str
    repo: str
    file: str
    revision: str
    size: int
    sha256: str
    quantization: str
    parameters: int
    context_length: int
    license: str
    kind: str
    fill_in_middle: bool
    tasks: tuple[str, ...]
    layers: int
    kv_heads: int
    head_dim: int

    @property
    def embedded(self) -> bool:
        return self.revision == EMBEDDED_REVISION

    @property
    def label(self) -> str:
        return f"{self.name} · {self.quantization}"

    @property
    def shape(self) -> Architecture:
        return Architecture(layers=self.layers, kv_heads=self.kv_heads, head_dim=self.head_dim)


def catalogue_problems(entry: CatalogueEntry) -> list[str]:
    """Return what is inconsistent in one entry (empty when it is sound)."""
    problems = []
    if not _REPO.fullmatch(entry.repo):
        problems.append(f"repo {entry.repo!r} is not owner/name")
    if not entry.file.endswith(".gguf") or "/" in entry.file or "\\" in entry.file:
        problems.append(f"file {entry.file!r} is not a plain .gguf name")
    if not (entry.embedded or _COMMIT.fullmatch(entry.revision)):
        problems.append(f"revision {entry.revision!r} is not a 40-hex commit")
    if not _SHA256.fullmatch(entry.sha256):
        problems.append("sha256 is not 64 lowercase hex digits")
    if entry.quantization.upper() not in entry.file.upper():
        problems.append(f"quantization {entry.quantization} does not appear in the file name")
    if entry.kind not in KINDS:
        problems.append(f"kind {entry.kind!r} is not one of {KINDS}")
    unknown = set(entry.tasks) - set(TASKS)
    if unknown:
        problems.append(f"unknown tasks {sorted(unknown)}")
    if entry.kind == "base" and set(entry.tasks) - {"suggest", "continue"}:
        problems.append("a base model cannot follow instructions, yet lists instruction tasks")
    # A quantized file holds between 2 and 9 bits per parameter (Q8_0 is 8.5).
    bits = entry.size * 8 / max(entry.parameters, 1)
    if not 2.0 <= bits <= 9.5:
        problems.append(f"{bits:.1f} bits per parameter is not a GGUF quantization")
    if min(entry.layers, entry.kv_heads, entry.head_dim, entry.context_length) <= 0:
        problems.append("layers, kv_heads, head_dim and context_length must be positive")
    return problems


def parse_catalogue(text: str, source: str = "catalogue.toml") -> list[CatalogueEntry]:
    """Parse the catalogue's TOML; raise ModelFileError naming the first bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ModelFileError(f"{source} is not valid TOML: {exc}") from exc
    entries = []
    for number, raw in enumerate(data.get("model", []), start=1):
        try:
            entry = CatalogueEntry(**{**raw, "tasks": tuple(raw.get("tasks", ()))})
        except TypeError as exc:
            raise ModelFileError(f"{source}, model {number}: {exc}") from exc
        problems = catalogue_problems(entry)
        if problems:
            raise ModelFileError(f"{source}, model {entry.id}: {'; '.join(problems)}")
        entries.append(entry)
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise ModelFileError(f"{source}: two models share an id")
    return entries


def load_catalogue(path: Path) -> list[CatalogueEntry]:
    """Read the catalogue file at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelFileError(said("Models", "The model catalogue cannot be read: {reason}.")
                             .format(reason=exc.strerror)) from exc
    return parse_catalogue(text, path.name)


def find_entry(entries: list[CatalogueEntry], key: str) -> CatalogueEntry | None:
    """Find an entry by id or by file name (case-insensitive)."""
    key = key.casefold()
    for entry in entries:
        if key in (entry.id.casefold(), entry.file.casefold()):
            return entry
    return None
