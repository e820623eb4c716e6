from __future__ import annotations

import pytest

from writer_app.engine import protocol
from writer_app.engine.protocol import (
    Cancel,
    Finished,
    Generate,
    Loaded,
    LoadModel,
    Piece,
    RemoteTarget,
    Sampling,
    StopRule,
)


@pytest.mark.parametrize(
    "message",
    [
        LoadModel(None, "/data"),
        LoadModel(None, "/data", remote=RemoteTarget("http://gpu-box:8080", "qwen", "sk-1",
                                                     "raw")),
        Loaded("qwen", "http://gpu-box:8080#qwen", "remote: gpu-box:8080", 4096, True, 0.2,
               remote="http://gpu-box:8080"),
        Generate(3, "Once upon", "after", Sampling(max_tokens=5, temperature=0.7),
                 StopRule("sentence", "Once upon", "")),
        Generate(4, "x"),
        Cancel(3),
        Piece(3, " a time\n— “quoted” 😀"),
        Finished(3, "complete", 10, 9, 2, 12.5),
    ],
)
def test_messages_round_trip_as_one_line(message: protocol.Message) -> None:
    line = protocol.encode(message)
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert protocol.decode(line) == message


@pytest.mark.parametrize("line", [b"", b"not json", b"[]", b'{"type": "nope"}',
                                  b'{"type": "piece", "id": 1}'])
def test_malformed_lines_raise_value_error(line: bytes) -> None:
    with pytest.raises(ValueError, match=r"engine message|Malformed"):
        protocol.decode(line)
