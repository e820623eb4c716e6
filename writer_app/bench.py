"""`writer-app bench`: how long a writer waits for ghost text, measured as they would feel it.

Typing replay: the text of a file is "typed" word by word from a point past the context
budget (so the window start must hold still), and at every word the same request the GUI
sends at a pause goes to the same engine process. Reported: the time from the pause to
the first streamed character (debounce excluded), and the same after a cursor jump.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.core.context import ContextBudget
from writer_app.core.prose import SuggestionLength
from writer_app.core.settings import Settings
from writer_app.engine.blocking_engine import BlockingEngine
from writer_app.engine.protocol import Piece
from writer_app.engine.suggestion_request import plan_suggestion

_WORD = re.compile(r"\s*\S+")


@dataclass
class ReplayReport:
    model: str
    text_chars: int
    pauses: int
    first_char_ms: list[float] = field(default_factory=list)
    empty_suggestions: int = 0
    cold_first_char_ms: float | None = None
    jump_first_char_ms: list[float] = field(default_factory=list)
    load_seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        timings = sorted(self.first_char_ms)

        def pick(fraction: float) -> float | None:
            if not timings:
                return None
            return round(timings[min(len(timings) - 1, int(fraction * len(timings)))], 1)

        return {
            "model": self.model,
            "text_chars": self.text_chars,
            "pauses": self.pauses,
            "suggestions_with_text": len(timings),
            "empty_suggestions": self.empty_suggestions,
            "first_char_ms_p50": round(statistics.median(timings), 1) if timings else None,
            "first_char_ms_p95": pick(0.95),
            "first_char_ms_max": pick(1.0),
            "cold_first_char_ms": (round(self.cold_first_char_ms, 1)
                                   if self.cold_first_char_ms is not None else None),
            "jump_first_char_ms_median": (round(statistics.median(self.jump_first_char_ms), 1)
                                          if self.jump_first_char_ms else None),
            "load_seconds": self.load_seconds,
        }


def _first_char_ms(engine: BlockingEngine, text: str, cursor: int, budget: ContextBudget,
                   fill_in_middle: bool) -> float | None:
    """Ask at `cursor`; return ms to the first piece (None if the model wrote none).

    As soon as the first piece arrives the request is cancelled, as the writer's next
    keystroke would.
    """
    plan = plan_suggestion(text, cursor, budget, SuggestionLength.SENTENCE, fill_in_middle)
    if plan is None:
        return None
    started = time.perf_counter()
    request_id = engine.start(plan.prompt, plan.sampling, plan.suffix, plan.stop_rule)
    elapsed: float | None = None
    for message in engine.stream(request_id):
        if isinstance(message, Piece) and elapsed is None:
            elapsed = (time.perf_counter() - started) * 1000
            engine.cancel(request_id)
    return elapsed


def replay(text: str, model: str | None, data_dir: Path, pauses: int,
           budget: ContextBudget) -> ReplayReport:
    """Type `pauses` words of `text`, starting past the context budget."""
    with BlockingEngine() as engine:
        loaded = engine.load(model, data_dir)
        report = ReplayReport(loaded.model_name, len(text), 0, load_seconds=loaded.load_seconds)
        cursor = min(len(text) // 2, budget.before_chars * 3)
        fim = loaded.fill_in_middle
        report.cold_first_char_ms = _first_char_ms(engine, text[:cursor], cursor, budget, fim)
        for match in _WORD.finditer(text, cursor):
            if report.pauses >= pauses:
                break
            cursor = match.end()
            report.pauses += 1
            elapsed = _first_char_ms(engine, text[:cursor], cursor, budget, fim)
            if elapsed is None:
                report.empty_suggestions += 1
            else:
                report.first_char_ms.append(round(elapsed, 2))
        # Cursor jumps: to the end of a paragraph elsewhere in the whole document.
        for fraction in (0.2, 0.8, 0.35):
            spot = text.find("\n", int(len(text) * fraction))
            if spot > 0:
                elapsed = _first_char_ms(engine, text, spot, budget, fim)
                if elapsed is not None:
                    report.jump_first_char_ms.append(round(elapsed, 2))
        return report


def run_bench(text_path: Path, model: str | None, data_dir: Path, pauses: int,
              as_json: bool) -> int:
    text = text_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    budget = ContextBudget(before_chars=Settings().context_chars)
    report = replay(text, model, data_dir, pauses, budget)
    summary = report.summary()
    if as_json:
        print(json.dumps({**summary, "first_char_ms": report.first_char_ms}))
        return 0
    print(f"Typing replay of {text_path.name} ({report.text_chars:,} characters), "
          f"model {report.model}, {report.pauses} pauses")
    for key, value in summary.items():
        print(f"  {key:<28} {value}")
    return 0

