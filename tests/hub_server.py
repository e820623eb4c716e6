"""A local stand-in for the Hugging Face Hub on 127.0.0.1, speaking the parts of its
protocol the app uses: model info with file sizes and LFS sha256 (`?blobs=true`), the
model search, and `resolve` URLs that answer with the file's commit, ETag (its sha256)
and size, and redirect to a file server on another origin (as the Hub's CDN is) that
serves ranges. Gated files need the token at `resolve`; the file server needs none.

Faults are switched on per test: error statuses, a cut or stalled transfer, corrupted
bytes, a required token, a server that ignores Range. Every request is logged, with the
Range it asked for and the bytes sent, so tests can prove what was (not) fetched twice.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

COMMIT = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class HubFile:
    path: str
    source: Path  # the bytes served
    sha256: str
    size: int

    @classmethod
    def of(cls, path: str, source: Path) -> HubFile:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        return cls(path=path, source=source, sha256=digest, size=source.stat().st_size)


@dataclass
class Faults:
    # Answered in turn by the file server; None serves the file as usual.
    statuses: list[int | None] = field(default_factory=list)
    retry_after: str | None = None  # sent with 429 and 503
    cut_after: int | None = None  # close the connection after this many bytes, once
    stall_after: int | None = None  # stop sending for stall_seconds after this many, once
    stall_seconds: float = 3.0
    corrupt_offset: int | None = None  # flip one byte of the file at this offset
    token: str | None = None  # if set, resolve needs "Authorization: Bearer <token>"
    ignore_range: bool = False
    chunk: int = 64 * 1024
    throttle_seconds: float = 0.0  # pause between chunks, to make a transfer slow


@dataclass
class Logged:
    method: str
    path: str
    range: str | None
    authorization: str | None
    status: int = 0
    bytes_sent: int = 0
    # Set once the server is done with the request: until then a client that went away
    # (killed) may still have a chunk counted that the server was writing at that moment.
    done: threading.Event = field(default_factory=threading.Event, compare=False,
                                  repr=False)


class FakeHub:
    """Serve `repos` ({repo id: [HubFile]}) until `close()`."""

    def __init__(self, repos: dict[str, list[HubFile]]) -> None:
        self.repos = repos
        self.faults = Faults()
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        # The Hub itself, and its file server on another origin.
        self._servers = [ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
                         for _ in range(2)]
        for server in self._servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def endpoint(self) -> str:
        host, port = self._servers[0].server_address[:2]
        return f"http://{host}:{port}"

    @property
    def files_endpoint(self) -> str:
        host, port = self._servers[1].server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def file_requests(self) -> list[Logged]:
        return [entry for entry in self.log if entry.path.startswith("/cdn/")]

    def bytes_served(self) -> int:
        return sum(entry.bytes_sent for entry in self.file_requests())

    def wait_for_requests(self, timeout: float = 30.0) -> bool:
        """Wait until the server is done with every request logged so far (then what it
        counted is final); False if one still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock:
            entries = list(self.log)
        return all(entry.done.wait(max(0.0, deadline - time.monotonic()))
                   for entry in entries)

    def _next_status(self) -> int | None:
        with self._lock:
            return self.faults.statuses.pop(0) if self.faults.statuses else None

    def _take(self, name: str) -> int | None:
        with self._lock:
            value = getattr(self.faults, name)
            setattr(self.faults, name, None)
            return value

    def _find(self, repo: str, path: str) -> HubFile | None:
        return next((f for f in self.repos.get(repo, []) if f.path == path), None)

    def _by_sha(self, sha: str) -> HubFile | None:
        return next((f for files in self.repos.values() for f in files if f.sha256 == sha),
                    None)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def _entry(self) -> Logged:
                entry = Logged(self.command, urlsplit(self.path).path,
                               self.headers.get("Range"), self.headers.get("Authorization"))
                with hub._lock:
                    hub.log.append(entry)
                return entry

            def _json(self, entry: Logged, status: int, data: object,
                      headers: dict[str, str] | None = None) -> None:
                body = json.dumps(data).encode()
                entry.status = status
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self) -> None:
                self.do_GET()

            def do_GET(self) -> None:
                entry = self._entry()
                try:
                    self._answer(entry)
                finally:
                    entry.done.set()

            def _answer(self, entry: Logged) -> None:
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                if path == "/api/models":
                    self._search(entry, parse_qs(parts.query))
                elif path.startswith("/api/models/"):
                    self._model_info(entry, path.removeprefix("/api/models/"))
                elif "/resolve/" in path:
                    self._resolve(entry, path)
                elif path.startswith("/cdn/"):
                    self._serve_file(entry, path.removeprefix("/cdn/"))
                else:
                    self._json(entry, 404, {"error": "not found"})

            def _search(self, entry: Logged, query: dict[str, list[str]]) -> None:
                words = query.get("search", [""])[0].lower()
                found = [{"id": repo, "modelId": repo, "downloads": 10 * len(files),
                          "tags": ["gguf"]}
                         for repo, files in hub.repos.items() if words in repo.lower()]
                self._json(entry, 200, found)

            def _model_info(self, entry: Logged, rest: str) -> None:
                repo, _, revision = rest.partition("/revision/")
                if repo not in hub.repos:
                    self._json(entry, 401, {"error": "Repository not found"},
                               {"X-Error-Code": "RepoNotFound"})
                    return
                # Any full commit hash exists here (the catalogue pins real ones).
                if revision and revision != "main" and not re.fullmatch("[0-9a-f]{40}",
                                                                        revision):
                    self._json(entry, 404, {"error": "Invalid rev id"},
                               {"X-Error-Code": "RevisionNotFound"})
                    return
                siblings = [{"rfilename": f.path, "size": f.size, "blobId": f.sha256[:40],
                             "lfs": {"sha256": f.sha256, "size": f.size, "pointerSize": 134}}
                            for f in hub.repos[repo]]
                commit = revision if revision and revision != "main" else COMMIT
                self._json(entry, 200, {"id": repo, "modelId": repo, "sha": commit,
                                        "private": False, "tags": ["gguf"],
                                        "siblings": siblings})

            def _resolve(self, entry: Logged, path: str) -> None:
                repo, _, rest = path.lstrip("/").partition("/resolve/")
                if rest.count("/") == 0:  # "../" removed the revision too
                    rest = f"main/{rest}"
                _revision, _, file_path = rest.partition("/")
                # A client may normalise "../" out of the URL of a hostile file name.
                hub_file = hub._find(repo, file_path) or next(
                    (f for f in hub.repos.get(repo, [])
                     if f.path.replace("\\", "/").rsplit("/", 1)[-1]
                     == file_path.rsplit("/", 1)[-1]), None)
                if hub_file is None:
                    self._json(entry, 404, {"error": "Entry not found"},
                               {"X-Error-Code": "EntryNotFound"})
                    return
                token = hub.faults.token
                if token and self.headers.get("Authorization") != f"Bearer {token}":
                    self._json(entry, 401, {"error": "Access to this model is restricted"},
                               {"X-Error-Code": "GatedRepo"})
                    return
                entry.status = 302
                self.send_response(302)
                self.send_header("Location", f"{hub.files_endpoint}/cdn/{hub_file.sha256}")
                self.send_header("X-Repo-Commit", COMMIT)
                self.send_header("X-Linked-Etag", f'"{hub_file.sha256}"')
                self.send_header("X-Linked-Size", str(hub_file.size))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _serve_file(self, entry: Logged, sha: str) -> None:
                faults = hub.faults
                hub_file = hub._by_sha(sha)
                if hub_file is None:
                    self._json(entry, 404, {"error": "no such object"})
                    return
                status = hub._next_status()
                if status is not None:
                    headers = {"Retry-After": faults.retry_after} if faults.retry_after else {}
                    self._json(entry, status, {"error": f"fault {status}"}, headers)
                    return
                start, end = 0, hub_file.size - 1
                ranged = self.headers.get("Range")
                if ranged and not faults.ignore_range:
                    first, _, last = ranged.removeprefix("bytes=").partition("-")
                    start = int(first)
                    end = min(int(last), end) if last else end
                    if start >= hub_file.size:
                        self._json(entry, 416, {"error": "range"},
                                   {"Content-Range": f"bytes */{hub_file.size}"})
                        return
                entry.status = 206 if ranged and not faults.ignore_range else 200
                self.send_response(entry.status)
                self.send_header("Content-Length", str(end + 1 - start))
                self.send_header("ETag", f'"{hub_file.sha256}"')
                self.send_header("Accept-Ranges", "bytes")
                if entry.status == 206:
                    self.send_header("Content-Range",
                                     f"bytes {start}-{end}/{hub_file.size}")
                self.end_headers()
                if self.command == "HEAD":
                    return
                self._send_bytes(entry, hub_file, start, end + 1)

            def _send_bytes(self, entry: Logged, hub_file: HubFile, start: int,
                            stop: int) -> None:
                faults = hub.faults
                cut = hub._take("cut_after")
                stall = hub._take("stall_after")
                corrupt = faults.corrupt_offset
                with hub_file.source.open("rb") as handle:
                    handle.seek(start)
                    position = start
                    while block := handle.read(min(faults.chunk, stop - position)):
                        if corrupt is not None and position <= corrupt < position + len(block):
                            index = corrupt - position
                            block = block[:index] + bytes([block[index] ^ 0xFF]) + \
                                block[index + 1:]
                        if cut is not None and entry.bytes_sent + len(block) > cut:
                            block = block[:cut - entry.bytes_sent]
                            self.wfile.write(block)
                            entry.bytes_sent += len(block)
                            self.close_connection = True
                            self.wfile.flush()
                            self.connection.shutdown(2)
                            return
                        if stall is not None and entry.bytes_sent >= stall:
                            stall = None
                            time.sleep(faults.stall_seconds)
                        try:
                            self.wfile.write(block)
                        except (BrokenPipeError, ConnectionResetError):
                            return
                        entry.bytes_sent += len(block)
                        position += len(block)
                        if faults.throttle_seconds:
                            time.sleep(faults.throttle_seconds)

        return Handler
