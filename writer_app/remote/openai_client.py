"""Talk to a server speaking the OpenAI-compatible HTTP protocol (llama.cpp's llama-server,
llama-cpp-python's server, vLLM, Ollama, LM Studio): list its models, stream a completion
or a chat reply as text pieces, and stop at once when cancelled (no Qt, no llama.cpp).

Streaming uses server-sent events: one `data: {json}` line per piece, `data: [DONE]` at
the end. A stream that ends without [DONE] was cut. Failures become RemoteError
subclasses whose messages say what happened and what to do.
"""

from __future__ import annotations

import contextlib
import json
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2

from writer_app.core.errors import WriterError
from writer_app.core.said import said

CONNECT_TIMEOUT_S = 5.0
# No byte for this long mid-stream means the server stalled. A first token can take long
# on a busy server with a long prompt, so the limit is generous.
READ_TIMEOUT_S = 60.0


class RemoteError(WriterError):
    """The remote engine failed; the message is for the writer."""


class RemoteUnreachableError(RemoteError):
    """No connection: the server is down, refuses, or the address is wrong."""


class RemoteAuthError(RemoteError):
    """The server wants an API key, or refused the one given (401, 403)."""


class RemoteModelError(RemoteError):
    """The server does not offer the model asked for (404)."""


class RemoteBusyError(RemoteError):
    """The server said to slow down (429); `retry_after` is when to try again, seconds."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RemoteServerError(RemoteError):
    """The server failed (5xx), cut the stream, stalled, or answered nonsense."""


@dataclass(frozen=True)
class RemoteSettings:
    """Where the remote engine is, and which of its models to use."""

    base_url: str  # "http://host:8080" or ".../v1"
    model: str = ""  # "" lets the server choose (llama-server serves one model)
    api_key: str = ""

    def url(self, path: str) -> str:
        base = self.base_url.rstrip("/")
        if base.endswith("/v1"):
            base = base[: -len("/v1")]
        return f"{base}/v1/{path}"

    def root_url(self, path: str) -> str:
        """Return the URL of an endpoint outside /v1 (llama-server's /infill, /props)."""
        return self.url(path).replace("/v1/", "/", 1)


def _retry_after(response: httpx2.Response) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return 5.0


def _raise_for_status(settings: RemoteSettings, response: httpx2.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    where = settings.base_url
    if status in (401, 403):
        raise RemoteAuthError(said(
            "Remote", "The server at {url} refused the request ({status}): it needs an API "
            "key, or the key given is wrong. Check the key in Preferences → Engine.").format(
            url=where, status=status))
    if status == 404:
        model = (said("Remote", "the model “{model}”").format(model=settings.model)
                 if settings.model else said("Remote", "this request"))
        raise RemoteModelError(said(
            "Remote", "The server at {url} has no {model} (404). Choose one of its models in "
            "Preferences → Engine.").format(url=where, model=model))
    if status == 429:
        wait = _retry_after(response)
        raise RemoteBusyError(said(
            "Remote", "The server at {url} is busy and asked to wait {seconds} s (429). "
            "Suggestions resume by themselves.").format(url=where, seconds=f"{wait:.0f}"),
            wait)
    raise RemoteServerError(said(
        "Remote", "The server at {url} failed ({status}). Suggestions resume when it "
        "recovers; its own log says more.").format(url=where, status=status))


class OpenAIClient:
    """One connection pool to one server; streams one request at a time per caller."""

    def __init__(self, settings: RemoteSettings, *, read_timeout_s: float = READ_TIMEOUT_S,
                 transport: httpx2.BaseTransport | None = None) -> None:
        self.settings = settings
        self.bytes_received = 0  # of streamed replies: grows only while a server sends
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self._client = httpx2.Client(
            headers=headers, transport=transport,
            timeout=httpx2.Timeout(read_timeout_s, connect=CONNECT_TIMEOUT_S))

    def close(self) -> None:
        self._client.close()

    def list_models(self) -> tuple[list[str], float]:
        """Return the server's model ids and the round trip in seconds."""
        started = time.perf_counter()
        response = self._request("GET", self.settings.url("models"))
        try:
            _raise_for_status(self.settings, response)
            response.read()
            data = response.json()
            listed = data.get("data", [])
            if not isinstance(listed, list):
                raise TypeError("data is not a list")
            models = [str(item["id"]) for item in listed
                      if isinstance(item, dict) and "id" in item]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RemoteServerError(said(
                "Remote", "The server at {url} did not answer like an OpenAI-compatible server "
                "(GET /v1/models).").format(url=self.settings.base_url)) from exc
        finally:
            response.close()
        return models, time.perf_counter() - started

    def stream_completion(self, prompt: str, options: dict[str, Any],
                          cancelled: Callable[[], bool]) -> Iterator[str]:
        """Stream the continuation of `prompt` (POST /v1/completions)."""
        body = {"prompt": prompt, **options}
        yield from self._stream(self.settings.url("completions"), body, cancelled,
                                _openai_piece("text"))

    def stream_chat(self, messages: list[dict[str, str]], options: dict[str, Any],
                    cancelled: Callable[[], bool]) -> Iterator[str]:
        """Stream the assistant's reply to `messages` (POST /v1/chat/completions)."""
        body = {"messages": messages, **options}
        yield from self._stream(self.settings.url("chat/completions"), body, cancelled,
                                _openai_piece("delta"))

    def stream_infill(self, prefix: str, suffix: str, options: dict[str, Any],
                      cancelled: Callable[[], bool]) -> Iterator[str]:
        """Stream the text between `prefix` and `suffix` (llama.cpp's POST /infill)."""
        body = {"input_prefix": prefix, "input_suffix": suffix, **options}
        yield from self._stream(self.settings.root_url("infill"), body, cancelled,
                                _llama_piece)

    def offers_infill(self) -> bool:
        """Return whether the server fills in the middle (llama-server with a FIM model)."""
        body = {"input_prefix": "Once", "input_suffix": ".", "n_predict": 1}
        try:
            response = self._request("POST", self.settings.root_url("infill"), body)
        except RemoteUnreachableError:
            return False
        response.close()
        return response.status_code == 200

    def server_properties(self) -> dict[str, Any]:
        """Return llama-server's /props (its chat template, context size), or {}."""
        try:
            response = self._request("GET", self.settings.root_url("props"))
        except RemoteUnreachableError:
            return {}
        try:
            if response.status_code != 200:
                return {}
            response.read()
            data = response.json()
        except (ValueError, httpx2.HTTPError):
            return {}
        finally:
            response.close()
        return data if isinstance(data, dict) else {}

    def _request(self, method: str, url: str, body: dict[str, Any] | None = None,
                 ) -> httpx2.Response:
        request = self._client.build_request(method, url, json=body)
        try:
            return self._client.send(request, stream=True)
        except httpx2.ReadTimeout as exc:
            raise RemoteServerError(said(
                "Remote", "The server at {url} accepted the connection but did not answer "
                "within {seconds} s. It may be busy or stuck; its own log says more.").format(
                url=self.settings.base_url,
                seconds=f"{self._client.timeout.read:.0f}")) from exc
        except httpx2.TimeoutException as exc:
            raise RemoteUnreachableError(said(
                "Remote", "The server at {url} did not answer within {seconds} s. Check that "
                "it is running and the address is right (Preferences → Engine).").format(
                url=self.settings.base_url, seconds=f"{CONNECT_TIMEOUT_S:.0f}")) from exc
        except httpx2.TransportError as exc:
            raise RemoteUnreachableError(said(
                "Remote", "Local Writer cannot reach the server at {url} ({problem}). Check "
                "that it is running and the address is right (Preferences → Engine).").format(
                url=self.settings.base_url, problem=exc)) from exc

    def _stream(self, url: str, body: dict[str, Any], cancelled: Callable[[], bool],
                piece_of: Callable[[dict[str, Any]], tuple[str, bool]]) -> Iterator[str]:
        """Yield the pieces a pump thread reads, and leave at once when cancelled.

        The HTTP exchange runs on its own thread because a blocked socket read cannot be
        interrupted from the reading thread: while the server is still reading a long
        prompt nothing arrives to wake it. On a cancel this generator returns within
        `_POLL_S` and the pump shuts the socket down, which ends the read and tells the
        server to stop.
        """
        model = {"model": self.settings.model} if self.settings.model else {}
        pump = _Pump(self, url, {**body, **model, "stream": True}, piece_of)
        pump.start()
        try:
            while True:
                try:
                    item = pump.items.get(timeout=_POLL_S)
                except queue.Empty:
                    if cancelled():
                        return
                    continue
                if item is _END:
                    return
                if isinstance(item, BaseException):
                    raise item
                if cancelled():
                    return
                yield item
        finally:
            pump.stop()

    def _read_events(self, response: httpx2.Response, items: queue.Queue[object],
                     piece_of: Callable[[dict[str, Any]], tuple[str, bool]],
                     stopped: threading.Event) -> None:
        """Put the stream's pieces on `items`; raise RemoteError on a failure."""
        where = self.settings.base_url
        try:
            _raise_for_status(self.settings, response)
            for line in response.iter_lines():
                self.bytes_received += len(line) + 1
                if not line.startswith("data:"):
                    continue
                payload = line[len("data:"):].strip()
                if payload == "[DONE]":
                    return
                event = json.loads(payload)
                if not isinstance(event, dict):
                    raise ValueError(payload)
                if "error" in event:
                    raise RemoteServerError(said(
                        "Remote", "The server at {url} reported an error: {problem}").format(
                        url=where, problem=event["error"]))
                piece, last = piece_of(event)
                if piece:
                    items.put(piece)
                if last:
                    return
            if not stopped.is_set():
                raise RemoteServerError(said(
                    "Remote", "The server at {url} cut the stream before its end. What "
                    "arrived is kept; ask again for more.").format(url=where))
        except httpx2.TimeoutException as exc:
            raise RemoteServerError(said(
                "Remote", "The server at {url} stopped sending for {seconds} s.").format(
                url=where, seconds=f"{self._client.timeout.read:.0f}")) from exc
        except httpx2.TransportError as exc:
            if stopped.is_set():
                return
            raise RemoteServerError(said(
                "Remote", "The connection to {url} broke mid-reply ({problem}).").format(
                url=where, problem=exc)) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise RemoteServerError(said(
                "Remote", "The server at {url} sent something that is not an "
                "OpenAI-compatible stream.").format(url=where)) from exc


_POLL_S = 0.01
_END = object()


def _openai_piece(kind: str) -> Callable[[dict[str, Any]], tuple[str, bool]]:
    """Read one /v1 event: completion choices carry `text`, chat choices a `delta`."""

    def piece_of(event: dict[str, Any]) -> tuple[str, bool]:
        pieces = []
        for choice in event.get("choices") or []:
            if kind == "text":
                pieces.append(choice.get("text") or "")
            else:
                pieces.append((choice.get("delta") or {}).get("content") or "")
        return "".join(pieces), False

    return piece_of


def _llama_piece(event: dict[str, Any]) -> tuple[str, bool]:
    """Read one event of llama-server's own API: `content`, and `stop` on the last."""
    return str(event.get("content") or ""), bool(event.get("stop"))


class _Pump(threading.Thread):
    """Run one streamed request, putting pieces, then _END or the error, on `items`."""

    def __init__(self, client: OpenAIClient, url: str, body: dict[str, Any],
                 piece_of: Callable[[dict[str, Any]], tuple[str, bool]]) -> None:
        super().__init__(name="remote-stream", daemon=True)
        self.items: queue.Queue[object] = queue.Queue()
        self._client = client
        self._url = url
        self._body = body
        self._piece_of = piece_of
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._response: httpx2.Response | None = None

    def run(self) -> None:
        try:
            response = self._client._request("POST", self._url, self._body)
            with self._lock:
                self._response = response
                stopped = self._stopped.is_set()
            if stopped:
                _shut(response)
            try:
                self._client._read_events(response, self.items, self._piece_of, self._stopped)
            finally:
                response.close()
            self.items.put(_END)
        except RemoteError as exc:
            self.items.put(exc)
        except Exception as exc:  # the stream must end, whatever went wrong
            self.items.put(RemoteServerError(said(
                "Remote", "Reading the reply of the server at {url} failed ({problem}).").format(
                url=self._client.settings.base_url, problem=f"{type(exc).__name__}: {exc}")))

    def stop(self) -> None:
        """Close the connection now, from any thread: the server stops writing."""
        with self._lock:
            self._stopped.set()
            response = self._response
        if response is not None:
            _shut(response)


def _shut(response: httpx2.Response) -> None:
    """Shut the response's socket down: unlike close(), this wakes a blocked read."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
