"""What a model will feel like on this computer: speeds measured by the speed probe
(engine/client/speed_probe.py), kept per model file, and what they mean for a writer.

A model's speed depends on the computer more than on anything written about the model,
so it is measured here, in about twenty seconds, and kept beside the models (keyed by the
file's sha256 and by the computer it was measured on: a figure from another CPU says
little about this one).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path

from writer_app.core.document_io import write_atomically
from writer_app.core.unreadable_files import read_json_object

# The time between the read sent a moment after the writer's last key and the pause
# (core/settings.py pause_ms 350 less PREFILL_DELAY_MS 100): a model whose one decode
# fits in it has the pause's suggestion ready when the pause comes.
READY_BEFORE_PAUSE_S = 0.25
# Slower than this per decode, a suggestion keeps the writer waiting seconds.
SLOW_DECODE_S = 1.0
# A writer types about this many tokens a second (60 words a minute): a model that
# reads much slower falls behind the typing.
TYPING_TOKENS_PER_S = 1.5
KEEPS_UP_FACTOR = 4


@dataclass(frozen=True)
class ModelSpeed:
    """Speeds of one model on one computer, as the probe measured them."""

    prompt_tokens_per_s: float  # reading the writer's text
    decode_tokens_per_s: float  # writing
    words_per_token: float  # in the probe's text: words (or characters, see below)
    in_characters: bool  # the probe's text counts characters (Chinese, Japanese)
    load_s: float
    computer: str  # the CPU and backend it ran on (cpu_features.describe_cpu, backend)
    measured: str  # when, ISO 8601

    @property
    def words_per_s(self) -> float:
        """Words (or characters) a rewrite writes per second."""
        return self.decode_tokens_per_s * self.words_per_token


class SuggestionFeel(StrEnum):
    AT_ONCE = "at once"  # ready by the time the writer pauses
    MOMENT = "after a moment"  # a fraction of a second after the pause
    SLOW = "slow"  # seconds: better kept for tasks


def suggestion_feel(speed: ModelSpeed) -> tuple[SuggestionFeel, float]:
    """Return how soon a suggestion appears at a pause, and the seconds a writer waits
    where it is not at once (about one decode: the engine reads the text as it is typed,
    and what is left at the pause is the last word)."""
    decode_s = 1 / max(speed.decode_tokens_per_s, 1e-6)
    keeps_up = speed.prompt_tokens_per_s >= KEEPS_UP_FACTOR * TYPING_TOKENS_PER_S
    if decode_s <= READY_BEFORE_PAUSE_S and keeps_up:
        return SuggestionFeel.AT_ONCE, 0.0
    if decode_s <= SLOW_DECODE_S and keeps_up:
        return SuggestionFeel.MOMENT, decode_s
    reading_s = 0.0 if keeps_up else 16 / max(speed.prompt_tokens_per_s, 1e-6)
    return SuggestionFeel.SLOW, decode_s + reading_s


class SpeedBook:
    """Measured speeds by model sha256, in a small JSON file (written whole, atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, dict[str, object]]:
        return read_json_object(self.path)

    def get(self, sha256: str) -> ModelSpeed | None:
        entry = self._read().get(sha256)
        if not isinstance(entry, dict):
            return None
        try:
            values = {field.name: entry[field.name] for field in fields(ModelSpeed)}
        except KeyError:
            return None
        kinds = {"in_characters": bool, "computer": str, "measured": str}
        if not all(isinstance(value, kinds.get(name, int | float))
                   and (name in kinds or not isinstance(value, bool))
                   for name, value in values.items()):
            return None  # a hand edit gone wrong: measured again, it is mended
        return ModelSpeed(**values)  # type: ignore[arg-type]

    def put(self, sha256: str, speed: ModelSpeed) -> None:
        data = self._read()
        data[sha256] = asdict(speed)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(data, indent=1).encode("utf-8"))
