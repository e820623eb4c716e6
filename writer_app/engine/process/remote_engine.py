"""Write with a model on another machine: a server speaking the OpenAI-compatible protocol.

`RemoteEngine` has LlamaEngine's shape, so the engine process serves it the same way and
everything above (the bridge and its watchdog, ghost text, tasks, the command line, the
benchmark) works unchanged. Ghost text goes to /v1/completions, or to llama-server's
/infill where it fills in the middle; tasks go to /v1/chat/completions with chat
messages, or to /v1/completions with a raw prompt.

After a failure the engine backs off: requests within the wait fail at once, without
reaching the server, so a server that is down or busy is not hammered by every pause
in the writer's typing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any

from writer_app.core.api_keys import ApiKeys
from writer_app.core.said import message_of, said
from writer_app.engine.engine_choice import server_name
from writer_app.engine.process.generation import (
    GenerationCancelledError,
    GenerationStats,
    OutputShaper,
)
from writer_app.engine.protocol import Generate, RemoteTarget, Sampling
from writer_app.remote.openai_client import (
    OpenAIClient,
    RemoteBusyError,
    RemoteError,
    RemoteModelError,
    RemoteSettings,
)

# Waits after consecutive failures: 1 s, 2 s, 4 s … at most this long. A 429's own
# Retry-After wins when it says more.
MAX_BACKOFF_S = 30.0
_BLANKS = " \t"


class RemoteEngine:
    """Generate with one model of one server, one request at a time."""

    def __init__(self, target: RemoteTarget, *, read_timeout_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        key = target.api_key
        if not key and target.keys_file:
            key = ApiKeys(Path(target.keys_file)).get(target.url)
        settings = RemoteSettings(target.url, target.model, key)
        extra = {} if read_timeout_s is None else {"read_timeout_s": read_timeout_s}
        client = OpenAIClient(settings, **extra)
        models, _seconds = client.list_models()
        if target.model and target.model not in models:
            offered = ", ".join(models[:5]) or "none"
            raise RemoteModelError(said(
                "Remote", "The server at {url} has no model “{model}” (it offers: {offered}). "
                "Choose one of its models in Preferences → Engine.").format(
                url=target.url, model=target.model, offered=offered))
        model = target.model or (models[0] if models else "")
        client.settings = replace(settings, model=model)
        self._client = client
        self.url = target.url
        self.model_id = model
        self.model_name = PurePath(model).name or server_name(target.url)
        self.backend = f"remote: {server_name(target.url)}"
        self.n_threads = 0
        props = client.server_properties()  # llama-server tells; the others do not
        settings_of = props.get("default_generation_settings") or {}
        self.n_ctx = int(settings_of.get("n_ctx") or props.get("n_ctx") or 0)
        if target.prompts in ("chat", "raw"):
            self._chat = target.prompts == "chat"
        else:
            # A server without /props (vLLM, Ollama, llama-cpp-python) is assumed to
            # serve a model that has one: that is what those servers mostly run.
            self._chat = bool(props.get("chat_template", True))
        self.fill_in_middle = client.offers_infill()
        self._clock = clock
        self._failures = 0
        self._not_before = 0.0
        self._last_error = ""

    @property
    def has_chat_template(self) -> bool:
        return self._chat

    @property
    def progress(self) -> int:
        """Bytes the server has streamed: waiting on a silent server is no progress."""
        return self._client.bytes_received

    def prepare(self, request: Generate | list[int], should_stop: Callable[[], bool],
                should_pause: Callable[[], bool], whole: list[int] | None = None) -> bool:
        """Nothing to read ahead: a server keeps its own cache."""
        return True

    def take_follow_up(self) -> list[int] | None:
        return None

    def close(self) -> None:
        self._client.close()

    def generate(self, request: Generate,
                 is_cancelled: Callable[[], bool]) -> Iterator[str | GenerationStats]:
        """Yield text pieces as the server streams them, then the request's statistics.

        Raise GenerationCancelledError when `is_cancelled()` turns true (the stream is
        closed within a few milliseconds), RemoteError when the server fails.
        """
        wait = self._not_before - self._clock()
        if wait > 0:
            raise RemoteError(said("Remote", "{problem} Local Writer asks the server again in "
                                             "{seconds} s.").format(
                problem=self._last_error, seconds=f"{wait:.0f}"))
        try:
            yield from self._generate(request, is_cancelled)
        except RemoteError as exc:
            self._back_off(exc)
            raise
        self._failures = 0

    def waiting_s(self) -> float:
        """Return how long requests fail at once, without asking the server."""
        return max(0.0, self._not_before - self._clock())

    def _back_off(self, error: RemoteError) -> None:
        self._failures += 1
        wait = min(MAX_BACKOFF_S, 2.0 ** (self._failures - 1))
        if isinstance(error, RemoteBusyError):
            wait = max(wait, error.retry_after)
        self._not_before = self._clock() + wait
        self._last_error = message_of(error)

    def _generate(self, request: Generate,
                  is_cancelled: Callable[[], bool]) -> Iterator[str | GenerationStats]:
        sampling = request.sampling
        started = time.perf_counter()
        if request.prefill:
            # One token warms the server's prompt cache (llama-server and llama-cpp-
            # python keep the last prompt), so the request that follows starts at once.
            options = _options(replace(sampling, max_tokens=1, stop=()))
            for _piece in self._stream(request, options, request.prompt, is_cancelled):
                pass
            if is_cancelled():
                raise GenerationCancelledError
            yield GenerationStats("prefilled", 0, 0, 0, None)
            return
        # A prompt ending in blanks ends on a token the model rarely saw there; send it
        # without them and take them off the start of the reply instead.
        prompt = request.prompt
        blanks = ""
        if request.messages is None and not (request.suffix and self.fill_in_middle):
            prompt = request.prompt.rstrip(_BLANKS)
            blanks = request.prompt[len(prompt):]
        shaper = OutputShaper(request, started)
        events = 0
        reason = "length"
        stream = self._stream(request, _options(sampling), prompt, is_cancelled)
        with contextlib.closing(stream):
            for raw in stream:
                events += 1
                fresh = raw
                if blanks:
                    cut = min(len(raw) - len(raw.lstrip(_BLANKS)), len(blanks))
                    fresh = raw[cut:]
                    blanks = blanks[cut:] if not fresh else ""  # words came: stop cutting
                piece = shaper.feed(fresh)
                if piece:
                    yield piece
                if shaper.reason is not None:
                    reason = shaper.reason
                    break
        if is_cancelled():
            raise GenerationCancelledError
        held = shaper.flush()
        if held:
            yield held
        if reason == "length" and events < sampling.max_tokens:
            reason = "stop"  # the server ended before the limit: the model stopped
        yield GenerationStats(reason, 0, 0, events, shaper.first_piece_ms)

    def _stream(self, request: Generate, options: dict[str, Any], prompt: str,
                is_cancelled: Callable[[], bool]) -> Iterator[str]:
        client = self._client
        if request.messages is not None:
            messages = [{"role": m.role, "content": m.content} for m in request.messages]
            return client.stream_chat(messages, options, is_cancelled)
        if request.suffix and self.fill_in_middle:
            infill = {("n_predict" if k == "max_tokens" else k): v for k, v in options.items()}
            return client.stream_infill(prompt, request.suffix, infill, is_cancelled)
        return client.stream_completion(prompt, options, is_cancelled)


def _options(sampling: Sampling) -> dict[str, Any]:
    """Return the request fields for `sampling`: OpenAI's, plus top_k and repeat_penalty,
    which llama-server, llama-cpp-python and vLLM take and the others ignore."""
    options: dict[str, Any] = {
        "max_tokens": sampling.max_tokens,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        "top_k": sampling.top_k,
        "repeat_penalty": sampling.repeat_penalty,
        "seed": sampling.seed,
    }
    if sampling.stop:
        # OpenAI's API takes at most four; the output shaper here ends at every one.
        options["stop"] = list(sampling.stop[:4])
    return options
