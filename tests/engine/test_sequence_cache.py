"""The rules for reusing what llama.cpp has read, without a model."""

from __future__ import annotations

import ctypes

from writer_app.engine.process.sequence_cache import (
    KeptState,
    KeptStates,
    common_prefix,
    kept_budget,
    usable_prefix,
)


def state(tokens: tuple[int, ...], size: int = 100, floor: int = 0) -> KeptState:
    return KeptState(tokens, (ctypes.c_uint8 * size)(), None, floor)


def test_the_common_prefix_counts_tokens_shared_at_the_start() -> None:
    assert common_prefix([1, 2, 3], [1, 2, 4]) == 2
    assert common_prefix([1, 2], [1, 2, 3]) == 2
    assert common_prefix([], [1]) == 0
    assert common_prefix([5], [1]) == 0


def test_without_kept_logits_the_last_prompt_token_is_read_again() -> None:
    assert usable_prefix([1, 2, 3], 0, (), [1, 2, 3], window=0) == 2
    assert usable_prefix([1, 2, 3], 0, (3,), [1, 2, 3], window=0) == 3
    assert usable_prefix([1, 2, 3], 0, (2,), [1, 2, 3, 4], window=0) == 3


def test_a_state_missing_old_window_positions_is_only_continued_from_its_end() -> None:
    cached = list(range(1000))
    # The sliding window (512) of a cut at 900 reaches back to 388: kept from 480 only.
    assert usable_prefix(cached, 480, (), [*cached[:900], 7], window=512) == 0
    assert usable_prefix(cached, 480, (), [*cached[:995], 7], window=512) == 995
    assert usable_prefix(cached, 480, (), [*cached, 7], window=512) == 1000
    # A complete cache (floor 0) can be cut anywhere.
    assert usable_prefix(cached, 0, (), [*cached[:100], 7], window=512) == 100


def test_kept_states_serve_the_longest_usable_one_and_stay_under_budget() -> None:
    kept = KeptStates(free_bytes=1000)  # a quarter of it: 250 bytes
    kept.put(state((1, 2, 3, 4)))
    kept.put(state((9, 8, 7)))
    best, covered = kept.best([1, 2, 3, 4, 5], window=0)
    assert best is not None
    assert (best.tokens, covered) == ((1, 2, 3, 4), 4)
    kept.take(best)  # now the most recently used: (9, 8, 7) goes first
    kept.put(state((5, 5, 5)))
    assert len(kept) == 2
    assert kept.best([9, 8, 7, 6], window=0) == (None, 0)
    assert kept.bytes_used <= 250


def test_a_state_that_continues_another_replaces_it() -> None:
    kept = KeptStates(free_bytes=2**40)
    kept.put(state((1, 2)))
    kept.put(state((1, 2, 3)))
    assert len(kept) == 1
    assert kept.best([1, 2, 3, 4], window=0)[1] == 3


def test_a_state_larger_than_the_budget_is_not_kept() -> None:
    kept = KeptStates(free_bytes=200)
    kept.put(state((1, 2, 3), size=100))
    assert len(kept) == 0


def test_the_budget_holds_a_dozen_of_the_largest_windows_within_free_memory() -> None:
    mib = 2**20
    # The embedded model: a window's state is a few MB, and the floor rules.
    assert kept_budget(4 * mib, 16 * 2**30) == 128 * mib
    # A 4B model: about 60 MB a window, a dozen of them.
    assert kept_budget(60 * mib, 16 * 2**30) == 720 * mib
    # A machine with little free memory: a quarter of what is free.
    assert kept_budget(60 * mib, 2 * 2**30) == 512 * mib
    kept = KeptStates(free_bytes=16 * 2**30)
    assert kept.budget_bytes == 128 * mib
    kept.put(state((1, 2, 3), size=60 * mib))
    assert kept.budget_bytes == 720 * mib


def test_the_common_prefix_is_the_same_from_lists_tuples_and_arrays() -> None:
    import numpy as np

    long = list(range(1000))
    changed = [*long[:700], -1, *long[701:]]
    for a, b in [(long, changed), (tuple(long), np.asarray(changed)),
                 (np.asarray(long), tuple(changed))]:
        assert common_prefix(a, b) == 700
    assert common_prefix(long, long[:5]) == 5
    assert common_prefix(long[:12], long) == 12


def test_a_state_inside_a_longer_one_kept_is_held_already() -> None:
    states = KeptStates(free_bytes=2**30)
    states.put(state((1, 2, 3, 4, 5)))
    assert states.holds((1, 2, 3, 4, 5), window=0)
    assert states.holds((1, 2, 3), window=0)  # the longer one is cut back to it
    assert not states.holds((1, 2, 9), window=0)
    assert not states.holds((1, 2, 3, 4, 5, 6), window=0)
    # A state missing old sliding-window positions cannot be cut back that far.
    # (Cut before the last token, whose logits are not kept, which is read again.)
    states.put(state((7, 8, 9, 10, 11, 12, 13), floor=4))
    assert states.holds((7, 8, 9, 10, 11, 12), window=2)
    assert not states.holds((7, 8, 9, 10, 11), window=2)
