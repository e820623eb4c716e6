"""Kill the real app at random moments while it types, keeps recovery copies and saves.

    python -m tests.kill_loop --kills 200      (README: the long run; CI runs a short one)

A typist process runs the real main window (offscreen, with a stand-in engine) and types
into it with key events, moves the cursor, deletes and saves, logging each action just
before it happens. The harness kills it with SIGKILL at a random moment, then starts the
next typist, which opens the file and restores what the app offers back, as a writer
would, and logs the text it starts from. The harness replays each log and checks:

- the text a restart starts from is exactly the text at some moment of the killed run,
  and no older than `LAG_S` before the kill (characters lost are counted);
- the writer's file holds exactly the text of its last save or of the one before it,
  never a mix.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

LAG_S = 2.0
WORDS = ("the", "rain", "had", "stopped", "café", "naïve", "Straße", "and", "we",
         "walked", "home,", "slowly", "—", "talking", "of", "nothing.")


# --- the typist (a child process running the real window) -------------------------

def _log(fd: int, **entry: object) -> None:
    os.write(fd, (json.dumps({"t": time.time(), **entry}) + "\n").encode())


def run_typist(home: Path, document: Path, log_path: Path, seed: int,
               with_model: bool) -> None:
    """Start the app on `document`, restore what it offers, then type until killed.

    With the model, the real engine suggests while the typist pauses, and the typist
    sometimes takes the ghost text with Tab: an insertion of exactly what was shown.
    """
    os.environ["LOCAL_WRITER_HOME"] = str(home)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tests.ui.fakes import FakeBridge
    from writer_app.app import app_paths
    from writer_app.core.settings import Settings
    from writer_app.core.utf16_positions import index_at, position_at
    from writer_app.ui.bridge.engine_bridge import EngineBridge
    from writer_app.ui.editor.ghost_editor import document_text
    from writer_app.ui.window.main_window import MainWindow

    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    rng = random.Random(seed)
    app = QApplication([])
    settings = Settings(suggestions_enabled=with_model, pause_ms=150)
    bridge = EngineBridge() if with_model else FakeBridge()
    window = MainWindow(settings, app_paths(), bridge)  # type: ignore[arg-type]
    window.documents.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.show()
    if with_model:
        window.models.start_engine()
    window.documents.open_path(document)
    dialog = window.documents.offer_recovery()
    if dialog is not None:
        dialog.restore_current()
        while dialog.list.count():
            dialog.discard_current()  # older copies of the same text
    editor = window.editor
    _log(fd, action="start", text=document_text(editor))

    def at() -> int:  # where the cursor is, as an index into the text
        return index_at(document_text(editor), editor.textCursor().position())

    def press(key: Qt.Key, text: str = "") -> None:
        # A key event carrying the text, as a keyboard layout sends it (QTest.keyClicks
        # only knows ASCII).
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key,
                                                     Qt.KeyboardModifier.NoModifier, text))

    ready = False
    pause_until = 0.0

    def act() -> None:
        nonlocal ready, pause_until
        if with_model and not ready and window.bridge.loaded is not None:
            ready = True
            _log(fd, action="ready")
        ghost = editor.ghost_text()
        if not ghost and time.monotonic() < pause_until:
            timer.start(50)  # a writer waiting for the suggestion, however slow it is
            return
        pause_until = 0.0
        text = document_text(editor)
        roll = rng.random()
        cursor = editor.textCursor()
        if ghost and rng.random() < 0.5:
            _log(fd, action="insert", at=at(), text=ghost, ghost=True)
            press(Qt.Key.Key_Tab)
        elif roll < 0.005:  # a save every few seconds, as a careful writer's Ctrl+S
            _log(fd, action="save")
            window.documents.save()
        elif roll < 0.08:
            cursor.setPosition(position_at(text, rng.randint(0, len(text))))
            editor.setTextCursor(cursor)
        elif roll < 0.15 and cursor.position() > 0:
            _log(fd, action="delete", at=at())
            press(Qt.Key.Key_Backspace)
        elif roll < 0.2:
            _log(fd, action="insert", at=at(), text="\n")
            press(Qt.Key.Key_Return, "\n")
        else:
            for character in rng.choice(WORDS) + " ":
                _log(fd, action="insert", at=at(), text=character)
                press(Qt.Key.Key_unknown, character)
        # A pause now and then, until the suggestion comes (or a few seconds pass: a
        # loaded machine may take that long).
        if with_model and ready and rng.random() < 0.15:
            pause_until = time.monotonic() + 3.0
        timer.start(rng.randint(5, 60))

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(act)
    timer.start(0)
    app.exec()


# --- the harness -------------------------------------------------------------------

@dataclass
class Replay:
    """The texts a typist's document held, in order, with when each began."""

    start: str
    moments: list[tuple[float, str]] = field(default_factory=list)  # (time, text)
    saves: list[str] = field(default_factory=list)
    ghosts_accepted: int = 0
    ready: bool = False  # the engine had loaded the model (runs with the model)

    @classmethod
    def of(cls, log_path: Path) -> Replay | None:
        lines = log_path.read_text(encoding="utf-8").splitlines() if log_path.exists() else []
        entries = [json.loads(line) for line in lines if line.endswith("}")]
        if not entries:
            return None  # killed before the window was up
        replay = cls(entries[0]["text"], [(entries[0]["t"], entries[0]["text"])])
        text = replay.start
        for entry in entries[1:]:
            if entry["action"] == "ready":
                replay.ready = True
                continue
            if entry["action"] == "save":
                replay.saves.append(text)
                continue
            at = entry["at"]
            replay.ghosts_accepted += bool(entry.get("ghost"))
            if entry["action"] == "insert":
                text = text[:at] + entry["text"] + text[at:]
            else:
                text = text[:at - 1] + text[at:]
            replay.moments.append((entry["t"], text))
        return replay


@dataclass
class Figures:
    kills: int = 0
    typed_runs: int = 0
    restores_checked: int = 0
    keystrokes_lost: list[int] = field(default_factory=list)
    lag_s: list[float] = field(default_factory=list)
    saves_checked: int = 0
    ghosts_accepted: int = 0
    failures: list[str] = field(default_factory=list)

    def report(self) -> str:
        lost = self.keystrokes_lost or [0]
        lags = self.lag_s or [0.0]
        return (f"kills: {self.kills} ({self.typed_runs} while typing); restarts checked: "
                f"{self.restores_checked}; keystrokes lost per kill: median "
                f"{statistics.median(lost)}, max {max(lost)}, total {sum(lost)}; recovered "
                f"text lagged the kill by median {statistics.median(lags):.2f} s, max "
                f"{max(lags):.2f} s; file checks: {self.saves_checked}; suggestions "
                f"accepted: {self.ghosts_accepted}; failures: {len(self.failures)}")


def check_restart(replay: Replay, killed_at: float, restarted: str, figures: Figures) -> None:
    """The text a restart starts from must be a whole moment of the killed run, recent."""
    matches = [i for i, (_, text) in enumerate(replay.moments) if text == restarted]
    if not matches:
        figures.failures.append(f"restart text is no moment of the killed run: {restarted!r}")
        return
    # The newest matching moment; it stopped being current when the next one began.
    index = matches[-1]
    stale_since = replay.moments[index + 1][0] if index + 1 < len(replay.moments) else killed_at
    lag = max(0.0, killed_at - stale_since)
    figures.lag_s.append(lag)
    figures.keystrokes_lost.append(len(replay.moments) - 1 - index)
    if lag > LAG_S:
        figures.failures.append(f"recovered text was {lag:.2f} s old at the kill")


def check_file(content: str, allowed: list[str], figures: Figures) -> None:
    figures.saves_checked += 1
    if content not in allowed:
        figures.failures.append(f"the file is neither its old nor its new version: {content!r}")


def _started(log_path: Path, with_model: bool) -> bool:
    replay = Replay.of(log_path)
    return replay is not None and (replay.ready or not with_model)


def run_loop(kills: int, seed: int, work: Path, *, models: Path | None = None) -> Figures:
    """Kill a typist `kills` times; return what was checked and what failed.

    With `models` (a folder holding the embedded model) the typist runs the real engine
    and takes suggestions; runs last longer, since the model must load first.
    """
    rng = random.Random(seed)
    home, document = work / "home", work / "story.md"
    (home / "data").mkdir(parents=True, exist_ok=True)
    if models is not None and not (home / "data" / "models").exists():
        (home / "data" / "models").symlink_to(models, target_is_directory=True)
    max_run_s = 3.0 if models is None else 8.0
    document.write_text("", encoding="utf-8")
    figures = Figures()
    previous: tuple[Replay, float] | None = None
    on_disk = ""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for run in range(kills + 1):
        log_path = work / f"run-{run}.log"
        typist = subprocess.Popen(
            [sys.executable, "-m", "tests.kill_loop", "--typist", "--home", str(home),
             "--document", str(document), "--log", str(log_path), "--seed", str(seed + run),
             *(["--with-model"] if models is not None else [])],
            env=env, cwd=Path(__file__).resolve().parent.parent)
        last = run == kills
        deadline = time.monotonic() + 60

        # With the model, the run's time is counted from when it could suggest: a loaded
        # machine takes seconds to load it, and would leave none to write with.
        while not _started(log_path, models is not None) and typist.poll() is None:
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
        if not last:
            time.sleep(rng.uniform(0.0, max_run_s))
        if typist.poll() is not None:
            figures.failures.append(f"the app died by itself (status {typist.returncode})")
        typist.send_signal(signal.SIGKILL)
        typist.wait()
        killed_at = time.time()
        replay = Replay.of(log_path)
        if replay is not None and previous is not None:
            check_restart(*previous, replay.start, figures)
            figures.restores_checked += 1
        if last:
            break
        figures.kills += 1
        if replay is None:
            continue  # killed while starting: the last text stands
        figures.typed_runs += 1
        figures.ghosts_accepted += replay.ghosts_accepted
        # Every save but the last finished before the next keystroke; the last one may
        # have been cut short, so the file holds it or the version before it.
        allowed = [on_disk, *replay.saves][-2:]
        on_disk = document.read_text(encoding="utf-8")
        check_file(on_disk, allowed, figures)
        previous = (replay, killed_at)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--with-model", action="store_true",
                        help="run the real engine and take its suggestions")
    parser.add_argument("--typist", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--document", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.typist:
        run_typist(args.home, args.document, args.log, args.seed, args.with_model)
        return
    with tempfile.TemporaryDirectory(prefix="kill-loop-") as work:
        started = time.monotonic()
        models = None
        if args.with_model:
            from writer_app.core.default_model import ensure_default_model

            models = ensure_default_model(Path(work) / "model").parent
        figures = run_loop(args.kills, args.seed, Path(work), models=models)
        print(figures.report())
        print(f"took {time.monotonic() - started:.0f} s")
        for failure in figures.failures:
            print("FAIL:", failure)
    sys.exit(1 if figures.failures else 0)


if __name__ == "__main__":
    main()
