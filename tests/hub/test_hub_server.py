"""The local Hub's own bookkeeping, which the download tests count on."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from tests.hub_server import FakeHub, HubFile

CHUNK = 64 * 1024


def test_what_a_dropped_connection_was_sent_is_final_once_the_server_is_done(
        tmp_path: Path) -> None:
    """A client killed mid-transfer: the server may be between chunks, and counts the one
    it writes next into the dead connection. wait_for_requests waits for that."""
    source = tmp_path / "model.gguf"
    source.write_bytes(os.urandom(64 * CHUNK))
    hub = FakeHub({"someone/model": [HubFile.of("model.gguf", source)]})
    try:
        hub.faults.chunk = CHUNK
        hub.faults.throttle_seconds = 0.01  # 0.64 s for the file: the client leaves first
        host, port = hub.files_endpoint.removeprefix("http://").split(":")
        client = socket.create_connection((host, int(port)))
        sha = hub.repos["someone/model"][0].sha256
        client.sendall(f"GET /cdn/{sha} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        received = 0
        while received < 3 * CHUNK:
            received += len(client.recv(CHUNK))
        client.close()
        assert hub.wait_for_requests(timeout=30)
        (entry,) = hub.file_requests()
        assert entry.done.is_set()
        assert received - 1024 <= hub.bytes_served() < source.stat().st_size
    finally:
        hub.close()
