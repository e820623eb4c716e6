"""`writer-app` as a script uses it: a subprocess, stdin and stdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from writer_app import __version__
from writer_app.resources import resource_path


def run(args: list[str], stdin: bytes = b"",
        timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "writer_app", *args], input=stdin,
                          capture_output=True, timeout=timeout, check=False)


def test_version() -> None:
    result = run(["--version"])
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"writer-app {__version__}"


@pytest.mark.model
def test_complete_streams_a_continuation(writer_home: Path) -> None:
    prompt = "The lighthouse stood at the edge of the world. Every evening the old keeper"
    result = run(["complete", "--max-tokens", "12"], prompt.encode())
    assert result.returncode == 0, result.stderr
    output = result.stdout.decode()
    assert output.strip()
    assert result.stderr.decode().strip() == ""
    # Greedy decoding: the same input gives the same continuation.
    assert run(["complete", "--max-tokens", "12"], prompt.encode()).stdout.decode() == output


@pytest.mark.model
@pytest.mark.parametrize(
    ("make_model", "words"),
    [
        (lambda d: d / "missing.gguf", "does not exist"),
        (lambda d: (d / "x.gguf").write_bytes(b"PK\x03\x04zip") and d / "x.gguf",
         "not a GGUF model"),
    ],
)
def test_complete_with_a_bad_model_fails_clearly(writer_home: Path, tmp_path: Path,
                                                 make_model: object, words: str) -> None:
    model = make_model(tmp_path)  # type: ignore[operator]
    result = run(["complete", "--model", str(model)], b"Some text")
    assert result.returncode == 3
    assert result.stdout == b""
    assert words in result.stderr.decode()


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["complete"], b"   \n", "nothing to continue"),
        (["complete"], b"caf\xe9", "not UTF-8"),
        (["complete", "--max-tokens", "0"], b"text", "at least 1"),
    ],
)
def test_complete_refuses_bad_input(writer_home: Path, args: list[str], stdin: bytes,
                                    words: str) -> None:
    result = run(args, stdin)
    assert result.returncode == 2
    assert words in result.stderr.decode()


# Every section of the bench runs the model: about 3 minutes on an idle 2-core machine,
# past pytest's 5-minute limit when another process keeps a core busy.
@pytest.mark.model
@pytest.mark.timeout(1200)
def test_bench_measures_every_section_in_one_run(writer_home: Path, tmp_path: Path) -> None:
    import json

    from writer_app.bench.big_document import ROUNDS, TYPED
    from writer_app.bench.typing_replay import WORD, replay_start
    from writer_app.core.context import ContextBudget

    # A real story, not one paragraph over and over: a suggestion never repeats, word for
    # word, what the model was shown, so a text made of repeats has none to offer.
    text = resource_path("bench", "the-ferry-at-orrin.txt")
    result = run(["bench", "--text", str(text), "--pauses", "4", "--savings-pauses", "3",
                  "--every", "40", "--large-window", "600", "--words", "2", "--trials", "2",
                  "--json"],
                 timeout=1080)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)

    replay = report["replay"]
    assert replay["pauses"] == 4
    assert replay["first_char_ms"]["n"] + replay["empty_suggestions"] == 4
    assert 0 < replay["first_char_ms"]["p50"] <= replay["first_char_ms"]["max"]
    assert replay["prefill_ms"]["n"] == replay["first_char_ms"]["n"]
    assert replay["cold_first_char_ms"] > 0
    assert replay["new_place_first_char_ms"]["n"] >= 1
    assert replay["visited_jump_first_char_ms"]["n"] >= 1
    assert replay["chars_typed"] >= 4 * 40
    assert report["replay_window_600"]["pauses"] == 4
    assert set(report["large_window_vs_default"]) == {"p50", "p95", "p99", "max"}

    savings = report["savings"]
    assert savings["pauses"] == 3
    assert savings["chars_covered"] > 0
    assert 0 <= savings["keystrokes_saved_share"] <= 1

    speed = report["throughput"]
    for key in ("app_decode_tps", "direct_decode_tps", "app_prompt_tps", "direct_prompt_tps"):
        assert speed[key] > 0, key
    assert speed["trials"] == 2
    for figure in ("decode", "prompt"):
        low, high = speed[f"{figure}_ratio_range"]
        assert low <= speed[f"{figure}_ratio"] <= high
    assert all(tokens > 1 for tokens in speed["decode_tokens"])

    gui = report["responsiveness"]
    assert gui["words"] == 2
    start = replay_start(text.read_text(encoding="utf-8"), ContextBudget())
    assert report["text"]["typing_starts_at"] == start
    words = WORD.finditer(text.read_text(encoding="utf-8"), start)
    typed = sum(len(next(words).group()) for _ in range(2))
    assert gui["key_to_paint_ms"]["n"] + gui["keys_without_paint"] == typed
    assert 0 < gui["event_loop_gap_ms"]["p50"] <= gui["event_loop_gap_ms"]["max"]
    assert gui["tab_to_next_ghost_ms"]["n"] + gui["tabs_without_next"] >= 1
    # The same words with the engine idle first, and the ratio of the two.
    idle = gui["engine_idle"]
    assert idle["key_to_paint_ms"]["n"] + idle["keys_without_paint"] == typed
    assert set(gui["reading_vs_idle"]) == {"key_to_paint_p95", "event_loop_gap_p99"}

    book = report["big_document"]
    assert book["size_bytes"] >= 1_000_000
    assert book["open_ms"] > 0
    assert book["decorated_ms"] >= book["open_ms"]
    assert book["key_to_paint_ms"]["n"] + book["keys_without_paint"] == ROUNDS * len(TYPED)

    launch = report["startup"]
    assert 0 < launch["window_editable_ms"] < launch["model_ready_ms"]
    assert launch["gui_rss_mib"] > 0
    assert launch["engine_rss_mib"] > 0

    assert report["model"]["threads"] >= 1
    assert {"met", "value", "limit"} <= set(report["targets"]["decode, app / direct"])


def test_bench_with_a_missing_text_fails_clearly(writer_home: Path, tmp_path: Path) -> None:
    result = run(["bench", "--text", str(tmp_path / "none.txt")])
    assert result.returncode == 4
    assert "none.txt" in result.stderr.decode()


def test_bench_refuses_a_start_past_the_text(writer_home: Path, tmp_path: Path) -> None:
    text = tmp_path / "story.txt"
    text.write_text("The keeper climbed the stairs. " * 40)
    result = run(["bench", "--text", str(text), "--start", "5000"])
    assert result.returncode == 4
    assert "--start must be between 1 and 1,239" in result.stderr.decode()


@pytest.mark.model
@pytest.mark.timeout(600)  # the process's own limit below, and time to report
def test_self_test_prepares_the_model_writes_and_opens_the_window(tmp_path: Path,
                                                                  model_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  ) -> None:
    home = tmp_path / "fresh-home"  # no model yet: the self-test assembles it
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(home))
    result = run(["--self-test"], timeout=300)
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()[-2000:]
    assert lines[0].startswith("self-test: embedded model: ok")
    assert f"{model_path.stat().st_size:,} bytes, in the data folder" in lines[0]
    assert lines[1].startswith("self-test: generation: ok")
    assert lines[2].startswith("self-test: main window: ok")
    assert "'Untitled[*] — Local Writer' on offscreen" in lines[2]
    assert lines[3].startswith("self-test: translations: ok")
    assert "'文件(&F)', Qt's '取消'" in lines[3]
    assert lines[4].startswith("self-test: spelling: ok")
    assert "en_US: 'recieve' → 'receive'" in lines[4]
    assert lines[5].startswith("self-test: export: ok")
    assert lines[6] == "self-test: passed"


@pytest.mark.timeout(600)
def test_self_test_fails_loudly_when_a_step_fails(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "broken-home"
    home.mkdir()
    (home / "data").write_text("a file where the data folder should be")
    monkeypatch.setenv("LOCAL_WRITER_HOME", str(home))
    result = run(["--self-test"], timeout=300)
    output = result.stdout.decode()
    assert result.returncode == 1
    assert "self-test: embedded model: FAILED: ModelFileError" in output
    assert "self-test: generation: FAILED: ModelLoadError" in output
    assert output.splitlines()[-1] == "self-test: 2 failed"
