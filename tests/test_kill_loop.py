"""The kill loop, short (the README's `packaging/run-kill-loop.sh` runs 200 kills)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.kill_loop import Figures, Replay, check_file, check_restart, run_loop

KILLS = int(os.environ.get("KILL_LOOP_KILLS", "30"))


def test_no_word_is_lost_across_sigkills(tmp_path: Path) -> None:
    figures = run_loop(KILLS, seed=7, work=tmp_path)
    print(figures.report())
    assert figures.failures == []
    assert figures.kills == KILLS
    assert figures.restores_checked >= KILLS - 2  # a kill during start-up checks nothing
    assert figures.typed_runs >= KILLS // 2


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
