"""Messages for the writer from the layers without Qt: English text everywhere, which
keeps its template and values so the interface can translate it, across the engine's
pipe too; and none of them written as a bare English string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from writer_app.core.document_io import decode_bytes
from writer_app.core.errors import NotTextError
from writer_app.core.said import Said, from_json, message_of, said, to_json
from writer_app.engine.protocol import LoadFailed, decode, encode

PACKAGE = Path(__file__).resolve().parents[2] / "writer_app"
# Errors raised with plain English on purpose: they never reach a writer as they are
# (internal validation that is logged or wrapped, or the command line's own words).
INTERNAL = {
    ("core/document_io.py", "no free temporary name"),
    ("core/memory_fit.py", "GPU layers must be"),
    ("core/model_catalogue.py", ""),  # the shipped catalogue's checks, for developers
    ("core/recovery_journal.py", ""),  # a damaged copy is skipped and logged
    ("core/said.py", ""),
    ("core/task_sampling.py", ""),  # bad settings are dropped and logged
    ("engine/client/blocking_engine.py", ""),  # the command line
    ("engine/protocol.py", ""),
    ("hub/hub_http.py", ""),  # wrapped in a translated Hub message
    ("remote/openai_client.py", "data is not a list"),  # caught, then said
}


def test_a_said_message_is_english_text_that_remembers_its_parts() -> None:
    message = said("Documents", "Saved {name} in {folder}").format(name="a.md", folder="/x")
    assert message == "Saved a.md in /x"
    assert isinstance(message, str)
    assert (message.context, message.template) == ("Documents", "Saved {name} in {folder}")
    assert message.values == {"name": "a.md", "folder": "/x"}
    with pytest.raises(TypeError):
        said("Documents", "{0}").format("positional")


def test_a_core_error_carries_its_said_message() -> None:
    with pytest.raises(NotTextError) as caught:
        decode_bytes(b"\x00\x01\x02\x03" * 100)
    assert str(caught.value) == "This file holds binary data, not text."
    said_message = message_of(caught.value)
    assert isinstance(said_message, Said)
    assert said_message.context == "Documents"
    assert message_of(ValueError("plain")) == "plain"


def test_messages_cross_the_engine_pipe_whole_even_nested() -> None:
    reason = said("Documents", "the disk is full")
    message = said("Engine", "The engine failed while loading ({problem}).").format(
        problem=reason)
    back = decode(encode(LoadFailed(message))).error
    assert isinstance(back, Said)
    assert back == message
    assert isinstance(back.values["problem"], Said)
    assert back.values["problem"].template == "the disk is full"
    assert from_json(to_json({"a": [message, "plain"]})) == {"a": [message, "plain"]}


def test_no_writer_facing_error_is_plain_english() -> None:
    """An exception or engine message made from an English literal would stay English
    in every language; the layers without Qt write said(...) instead."""
    plain = []
    for layer in ("core", "engine", "hub", "remote"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            relative = path.relative_to(PACKAGE).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if not (name.endswith("Error") or name in ("LoadFailed", "Failed", "Status")):
                    continue
                for arg in node.args:
                    parts = ([arg.value] if isinstance(arg, ast.Constant)
                             else [p.value for p in arg.values if isinstance(p, ast.Constant)]
                             if isinstance(arg, ast.JoinedStr) else [])
                    text = "".join(p for p in parts if isinstance(p, str))
                    if not re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", text):
                        continue
                    if any(relative == file and text.startswith(start)
                           for file, start in INTERNAL):
                        continue
                    plain.append(f"{relative}:{node.lineno}: {text[:60]}")
    assert plain == []
