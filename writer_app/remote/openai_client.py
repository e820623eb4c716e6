"""Talk to a server speaking the OpenAI-compatible HTTP protocol (llama.cpp's llama-server,
llama-cpp-python's server, vLLM, Ollama, LM Studio): list its models, stream a completion
or a chat reply as text pieces, and stop at once when cancelled (no Qt, no llama.cpp).

Streaming uses server-sent events: one `data: {json}` line per piece, `data: [DONE]` at
the end. A stream that ends without [DONE] was cut. Failures become RemoteError
subclasses whose messages say what happened and what to do.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2

from writer_app.core.errors import WriterError

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
        raise RemoteAuthError(
            f"The server at {where} refused the request ({status}): it needs an API key, or "
            "the key given is wrong. Check the key in Preferences → Engine.")
    if status == 404:
        model = f"the model “{settings.model}”" if settings.model else "this request"
        raise RemoteModelError(
            f"The server at {where} has no {model} (404). Choose one of its models in "
            "Preferences → Engine.")
    if status == 429:
        wait = _retry_after(response)
        raise RemoteBusyError(
            f"The server at {where} is busy and asked to wait {wait:.0f} s (429). "
            "Suggestions resume by themselves.", wait)
    raise RemoteServerError(
        f"The server at {where} failed ({status}). Suggestions resume when it recovers; "
        "its own log says more.")


class OpenAIClient:
    """One connection pool to one server; streams one request at a time per caller."""

    def __init__(self, settings: RemoteSettings, *, read_timeout_s: float = READ_TIMEOUT_S,
                 transport: httpx2.BaseTransport | None = None) -> None:
        self.settings = settings
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self._client = httpx2.Client(
            headers=headers, transport=transport,
            timeout=httpx2.Timeout(read_timeout_s, connect=CONNECT_TIMEOUT_S))

    def close(self) -> None:
        self._client.close()

    def list_models(self) -> tuple[list[str], float]:
        """Return the server's model ids and the round trip in seconds."""
        started = time.perf_counter()
        response = self._request("GET", "models")
        try:
            _raise_for_status(self.settings, response)
            response.read()
            data = response.json()
        except (ValueError, KeyError) as exc:
            raise RemoteServerError(
                f"The server at {self.settings.base_url} did not answer like an "
                "OpenAI-compatible server (GET /v1/models).") from exc
        finally:
            response.close()
        models = [str(item["id"]) for item in data.get("data", []) if "id" in item]
        return models, time.perf_counter() - started

    def stream_completion(self, prompt: str, options: dict[str, Any],
                          cancelled: Callable[[], bool]) -> Iterator[str]:
        """Stream the continuation of `prompt` (POST /v1/completions)."""
        body = {"prompt": prompt, **options}
        yield from self._stream("completions", body, cancelled,
                                lambda choice: choice.get("text") or "")

    def stream_chat(self, messages: list[dict[str, str]], options: dict[str, Any],
                    cancelled: Callable[[], bool]) -> Iterator[str]:
        """Stream the assistant's reply to `messages` (POST /v1/chat/completions)."""
        body = {"messages": messages, **options}
        yield from self._stream("chat/completions", body, cancelled,
                                lambda choice: (choice.get("delta") or {}).get("content") or "")

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None,
                 ) -> httpx2.Response:
        request = self._client.build_request(method, self.settings.url(path), json=body)
        try:
            return self._client.send(request, stream=True)
        except httpx2.TimeoutException as exc:
            raise RemoteUnreachableError(
                f"The server at {self.settings.base_url} did not answer within "
                f"{CONNECT_TIMEOUT_S:.0f} s. Check that it is running and the address is "
                "right (Preferences → Engine).") from exc
        except httpx2.TransportError as exc:
            raise RemoteUnreachableError(
                f"Local Writer cannot reach the server at {self.settings.base_url} "
                f"({exc}). Check that it is running and the address is right "
                "(Preferences → Engine).") from exc

    def _stream(self, path: str, body: dict[str, Any], cancelled: Callable[[], bool],
                piece_of: Callable[[dict[str, Any]], str]) -> Iterator[str]:
        model = {"model": self.settings.model} if self.settings.model else {}
        response = self._request("POST", path, {**body, **model, "stream": True})
        try:
            _raise_for_status(self.settings, response)
            done = False
            for line in response.iter_lines():
                if cancelled():
                    return  # closing the response closes the stream: the server stops
                if not line.startswith("data:"):
                    continue
                payload = line[len("data:"):].strip()
                if payload == "[DONE]":
                    done = True
                    break
                event = json.loads(payload)
                if "error" in event:
                    raise RemoteServerError(
                        f"The server at {self.settings.base_url} reported an error: "
                        f"{event['error']}")
                for choice in event.get("choices", []):
                    piece = piece_of(choice)
                    if piece:
                        yield piece
            if not done and not cancelled():
                raise RemoteServerError(
                    f"The server at {self.settings.base_url} cut the stream before its "
                    "end. What arrived is kept; ask again for more.")
        except httpx2.TimeoutException as exc:
            raise RemoteServerError(
                f"The server at {self.settings.base_url} stopped sending for "
                f"{self._client.timeout.read:.0f} s.") from exc
        except httpx2.TransportError as exc:
            raise RemoteServerError(
                f"The connection to {self.settings.base_url} broke mid-reply ({exc}).") from exc
        except ValueError as exc:
            raise RemoteServerError(
                f"The server at {self.settings.base_url} sent something that is not an "
                "OpenAI-compatible stream.") from exc
        finally:
            response.close()
