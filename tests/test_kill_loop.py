"""The kill loop, short (the README's `packaging/run-kill-loop.sh` runs it long)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.kill_loop import Figures, Replay, check_file, check_restart, run_loop

KILLS = int(os.environ.get("KILL_LOOP_KILLS", "30"))
MODEL_KILLS = int(os.environ.get("KILL_LOOP_MODEL_KILLS", "8"))


def check(figures: Figures, kills: int) -> None:
    print(figures.report())
    assert figures.failures == []
    assert figures.kills == kills
    assert figures.restores_checked >= kills - 2  # a kill during start-up checks nothing
    assert figures.typed_runs >= kills // 2


def test_no_word_is_lost_across_sigkills(tmp_path: Path) -> None:
    check(run_loop(KILLS, seed=7, work=tmp_path), KILLS)


@pytest.mark.model
def test_no_word_is_lost_across_sigkills_while_the_model_suggests(
        tmp_path: Path, shared_data_dir: Path) -> None:
    figures = run_loop(MODEL_KILLS, seed=11, work=tmp_path, models=shared_data_dir / "models")
    check(figures, MODEL_KILLS)
    assert figures.ghosts_accepted > 0


def test_the_checks_catch_a_stale_copy_a_foreign_text_and_a_mixed_file() -> None:
    replay = Replay("", [(0.0, ""), (1.0, "a"), (2.0, "ab"), (5.0, "abc")])
    fine = Figures()
    check_restart(replay, 5.5, "abc", fine)
    check_restart(replay, 5.5, "ab", fine)  # 0.5 s behind the kill
    assert fine.failures == []
    assert fine.keystrokes_lost == [0, 1]
    bad = Figures()
    check_restart(replay, 5.5, "a", bad)  # stale since 2.0: 3.5 s
    check_restart(replay, 5.5, "abd", bad)
    check_file("ab" + "old"[1:], ["ab", "old"], bad)
    assert bad.failures == [
        "recovered text was 3.50 s old at the kill",
        "restart text is no moment of the killed run: 'abd'",
        "the file is neither its old nor its new version: 'abld'",
    ]
