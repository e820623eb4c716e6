"""`writer-app` as a script uses it: a subprocess, stdin and stdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from writer_app import __version__


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


@pytest.mark.model
def test_bench_reports_pause_to_first_character(writer_home: Path, tmp_path: Path) -> None:
    import json

    text = tmp_path / "story.txt"
    paragraph = ("The lighthouse stood at the edge of the world, white against the grey sky. "
                 "Every evening the old keeper climbed its steps to light the lamp.\n\n")
    text.write_text(paragraph * 60)
    result = run(["bench", "--text", str(text), "--pauses", "4", "--json"], timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pauses"] == 4
    assert report["suggestions_with_text"] + report["empty_suggestions"] == 4
    assert len(report["first_char_ms"]) == report["suggestions_with_text"]
    assert all(ms > 0 for ms in report["first_char_ms"])
    assert report["cold_first_char_ms"] > 0


def test_bench_with_a_missing_text_fails_clearly(writer_home: Path, tmp_path: Path) -> None:
    result = run(["bench", "--text", str(tmp_path / "none.txt")])
    assert result.returncode == 4
    assert "none.txt" in result.stderr.decode()
