"""A request is a handle: after cancel() nothing of it reaches anyone."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.fakes import FakeBridge
from writer_app.engine.protocol import Finished, Sampling
from writer_app.ui.bridge.engine_bridge import EngineBridge
from writer_app.ui.bridge.engine_service import EngineService


def test_the_bridge_and_its_stand_in_follow_one_protocol(qtbot: QtBot) -> None:
    assert isinstance(FakeBridge(), EngineService)
    bridge = EngineBridge()
    assert isinstance(bridge, EngineService)


def test_a_cancelled_request_delivers_nothing_but_its_release(qtbot: QtBot) -> None:
    bridge = FakeBridge()
    generation = bridge.generate("The cat", Sampling())
    heard: list[object] = []
    generation.piece_received.connect(heard.append)
    generation.finished.connect(heard.append)
    generation.failed.connect(heard.append)
    released: list[bool] = []
    generation.released.connect(lambda: released.append(True))
    bridge.piece(generation.request_id, " sat")
    generation.cancel()
    assert bridge.cancelled == [generation.request_id]
    bridge.piece(generation.request_id, " on the mat")  # already on its way
    bridge.finish(generation.request_id, Finished(generation.request_id, "cancelled"))
    assert heard == [" sat"]
    assert released == [True]  # the engine is done with it: the prefill waits for this
    assert not generation.is_open


def test_a_finished_request_ends_once(qtbot: QtBot) -> None:
    bridge = FakeBridge()
    generation = bridge.generate("The cat", Sampling())
    ends: list[object] = []
    generation.finished.connect(ends.append)
    bridge.finish(generation.request_id)
    bridge.finish(generation.request_id)
    generation.cancel()  # too late to matter, and says nothing to the engine
    assert len(ends) == 1
    assert bridge.cancelled == []
