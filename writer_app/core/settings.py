"""The writer's preferences: a dataclass stored as JSON, holding only non-default keys."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from writer_app.core.document_io import write_atomically
from writer_app.core.errors import WriterError
from writer_app.core.memory_fit import parse_gpu_layers
from writer_app.core.paragraph_look import (
    DEFAULT_LINE_SPACING,
    ParagraphStyle,
    parse_line_spacing,
)
from writer_app.core.prose import SuggestionLength
from writer_app.core.task_sampling import validate_overrides
from writer_app.core.text_counts import CountUnit
from writer_app.core.unreadable_files import set_aside

log = logging.getLogger(__name__)

MAX_RECENT_FILES = 10
MAX_RECENT_ANSWERS = 10
ENGINES = ("local", "remote")
REMOTE_PROMPTS = ("auto", "chat", "raw")


@dataclass
class Settings:
    """Everything the app remembers between sessions."""

    model_path: str | None = None  # None: the embedded default model
    suggestions_enabled: bool = True
    pause_ms: int = 350
    suggestion_length: SuggestionLength = SuggestionLength.SENTENCE
    context_chars: int = 2000
    theme: str = "system"  # "system", "light" or "dark"
    # What the status bar counts first: "auto" (characters for Chinese and Japanese,
    # words for other scripts), "words" or "characters".
    count_unit: CountUnit = CountUnit.AUTO
    # The interface's language, a locale name ("zh_CN"); "" follows the system.
    language: str = ""
    # Keep the version a save replaces in the data folder's backups.
    backup_on_save: bool = True
    recent_files: list[str] = field(default_factory=list)
    n_threads: int = 0  # 0: let the engine choose
    n_ctx: int = 2048
    # Layers offloaded to the GPU: "auto" (what fits), "all", "none", or a number.
    gpu_layers: str = "auto"
    # The writer's sampling defaults per kind of task: {"rewrite": {"temperature": 0.9}}.
    task_sampling: dict[str, dict[str, float | int]] = field(default_factory=dict)
    recent_instructions: list[str] = field(default_factory=list)
    recent_languages: list[str] = field(default_factory=list)
    # Models the writer has been told are base models (said once per model).
    base_model_noticed: list[str] = field(default_factory=list)
    # "local": llama.cpp on this computer; "remote": the server at remote_url writes.
    engine: str = "local"
    remote_url: str = ""
    remote_model: str = ""  # "": the server's first model
    remote_prompts: str = "auto"  # tasks send "chat" messages, "raw" prompts, or "auto"
    spelling_enabled: bool = True
    # The dictionary a document without a language of its own is checked with ("en_US");
    # "" finds it from the document's text, or the interface's language.
    spelling_language: str = ""
    session_goal_words: int = 0  # words to write in a session; 0: no goal
    reopen_last_document: bool = True  # at start, without a file named
    # The title and author an export gave each document: its path, then the two.
    export_details: dict[str, list[str]] = field(default_factory=dict)
    smart_punctuation: bool = True  # “curly” quotes and — dashes as the writer types
    writing_font: str = ""  # the family the text is drawn in; "": the shipped choice
    text_points: int = 13  # its size (View → Zoom In / Out)
    # How paragraphs are set apart on screen, and lines spaced (in line heights).
    paragraph_style: ParagraphStyle = ParagraphStyle.SPACED
    line_spacing: float = DEFAULT_LINE_SPACING
    # The window's size and place on the screen, as Qt saves it (base64); "": Qt's choice.
    window_geometry: str = ""
    # Where the writer left each recent document: its path, then the cursor (a character
    # index) and the first paragraph on screen.
    document_places: dict[str, list[int]] = field(default_factory=dict)

    def add_recent_file(self, path: Path) -> None:
        """Put `path` first in the recent files list."""
        entry = str(path)
        self.recent_files = [entry] + [p for p in self.recent_files if p != entry]
        del self.recent_files[MAX_RECENT_FILES:]

    def remember_place(self, path: Path, cursor: int, top: int) -> None:
        """Keep where the writer left `path`, for the recent files only."""
        entry = str(path)
        self.document_places[entry] = [cursor, top]
        kept = {*self.recent_files, entry}
        for name in [name for name in self.document_places if name not in kept]:
            del self.document_places[name]

    def add_recent_answer(self, name: str, answer: str) -> None:
        """Put an instruction or a language (`name`) first in its recent list."""
        answers: list[str] = getattr(self, f"recent_{name}s")
        answers[:] = [answer] + [a for a in answers if a != answer]
        del answers[MAX_RECENT_ANSWERS:]


_DEFAULTS = Settings()


def _coerce(name: str, value: Any) -> Any:
    default = getattr(_DEFAULTS, name)
    if name == "suggestion_length":
        return SuggestionLength(value)
    if name == "count_unit":
        return CountUnit(value)
    if name == "paragraph_style":
        return ParagraphStyle(value)
    if name == "line_spacing":
        return parse_line_spacing(value)
    if name == "language":
        if not isinstance(value, str) or not re.fullmatch(r"(?:[a-z]{2,3}(?:_[A-Za-z0-9]+)*)?",
                                                          value):
            raise ValueError(value)
        return value
    if name == "model_path":
        return None if value is None else str(value)
    if name == "theme" and value not in ("system", "light", "dark"):
        raise ValueError(value)
    if name == "engine" and value not in ENGINES:
        raise ValueError(value)
    if name == "remote_prompts" and value not in REMOTE_PROMPTS:
        raise ValueError(value)
    if name in ("remote_url", "remote_model"):
        return str(value).strip()
    if name == "window_geometry" and not isinstance(value, str):
        raise ValueError(value)
    if name == "gpu_layers":
        return parse_gpu_layers(str(value))
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(value)
        return value
    if name == "task_sampling":
        return validate_overrides(value)
    if name == "document_places":
        return _checked_places(value)
    if name == "export_details":
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
                for v in value.values()):
            raise ValueError(value)
        return {str(k): list(v) for k, v in value.items()}
    if isinstance(default, list):
        return [str(item) for item in value]
    return value


def _checked_places(value: Any) -> dict[str, list[int]]:
    if not isinstance(value, dict):
        raise ValueError(value)
    places = {}
    for name, place in value.items():
        if (not isinstance(place, list) or len(place) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                           for n in place)):
            raise ValueError(place)
        places[str(name)] = list(place)
    return places


def load_settings(path: Path) -> Settings:
    """Read settings, ignoring (and logging) unknown or malformed entries."""
    settings = Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        set_aside(path)  # the next save must not write the defaults over it
        return settings
    if not isinstance(raw, dict):
        set_aside(path)
        return settings
    known = {f.name for f in fields(Settings)}
    for name, value in raw.items():
        if name not in known:
            continue
        try:
            setattr(settings, name, _coerce(name, value))
        except (ValueError, TypeError):
            log.warning("Ignoring setting %s=%r", name, value)
    return settings


def save_settings(settings: Settings, path: Path) -> None:
    """Write the settings that differ from the defaults, atomically."""
    defaults = asdict(_DEFAULTS)
    changed = {k: v for k, v in asdict(settings).items() if v != defaults[k]}
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomically(path, json.dumps(changed, indent=2, sort_keys=True).encode("utf-8"))
    except WriterError as exc:
        log.warning("Could not save settings: %s", exc)
