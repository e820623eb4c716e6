"""Stop sequences end the output and are never shown, even split across pieces."""

from __future__ import annotations

from writer_app.engine.process.stop_sequences import StopScanner


def stream(stops: tuple[str, ...], pieces: list[str]) -> tuple[list[str], bool]:
    scanner = StopScanner(stops)
    shown = [scanner.feed(piece) for piece in pieces]
    shown.append(scanner.flush())
    return shown, scanner.stopped


def test_output_ends_before_a_stop_split_across_pieces() -> None:
    shown, stopped = stream(("\nPassage:",), ["A short", " text.\nPa", "ssage: more", " after"])
    assert "".join(shown) == "A short text."
    assert shown[1] == " text."  # "\nPa" was held back, never shown
    assert stopped


def test_a_false_alarm_is_released() -> None:
    shown, stopped = stream(("\nPassage:",), ["One\nPa", "rt two"])
    assert shown[0] == "One"
    assert "".join(shown) == "One\nPart two"
    assert not stopped


def test_the_earliest_of_several_stops_wins_and_the_end_releases_held_text() -> None:
    shown, _ = stream(("\n\n", "END"), ["abc END x\n\n"])
    assert "".join(shown) == "abc "
    shown, stopped = stream(("\n\n",), ["last line\n"])
    assert "".join(shown) == "last line\n"
    assert not stopped


def test_no_stops_passes_everything_at_once() -> None:
    scanner = StopScanner(())
    assert scanner.feed("anything\n\n") == "anything\n\n"
