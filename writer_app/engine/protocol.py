"""The messages between the editor and the engine process, one JSON object per line.

Requests carry an id; every reply about a request carries the same id, so that a client
can drop whatever arrives for a request it no longer wants.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from writer_app.core.said import from_json, to_json

# --- editor -> engine -------------------------------------------------------------


@dataclass(frozen=True)
class RemoteTarget:
    """A server speaking the OpenAI-compatible protocol that writes instead of llama.cpp."""

    url: str
    model: str = ""  # "": the server's first (llama-server has only one)
    api_key: str = ""  # "": the one kept for `url`, read by the engine process
    prompts: str = "auto"  # tasks send "chat" messages, "raw" prompts, or "auto"
    keys_file: str = ""  # where kept keys are when there is no system keychain


@dataclass(frozen=True)
class LoadModel:
    """Load a model; `model_path` None means the embedded default model, and `remote`
    means a server's model instead of a local one."""

    model_path: str | None
    data_dir: str
    n_ctx: int = 2048
    n_threads: int = 0
    gpu_layers: str = "auto"  # "auto", "all", "none" or a number: see core/memory_fit.py
    remote: RemoteTarget | None = None
    # Why to load in safe mode (engine/safe_mode.py); "" loads the usual way, unless the
    # engine remembers that this model needs it.
    safe_mode: str = ""
    # The prompt of a suggestion at the writer's cursor (and its max_tokens): read as
    # part of loading, so that the first pause is answered like any other.
    warm_prompt: str = ""
    warm_max_tokens: int = 48
    type: ClassVar[str] = "load"


@dataclass(frozen=True)
class Sampling:
    """How tokens are chosen; temperature 0 is greedy and deterministic."""

    max_tokens: int = 32
    temperature: float = 0.0
    top_p: float = 0.95
    top_k: int = 40
    repeat_penalty: float = 1.05
    seed: int = 0
    stop: tuple[str, ...] = ()  # the output ends before the first of these


@dataclass(frozen=True)
class StopRule:
    """Stop when the prose shaper says the suggestion is complete."""

    length: str
    before_tail: str
    after: str


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system", "user" or "assistant"
    content: str


@dataclass(frozen=True)
class Generate:
    """Continue `prompt` (and fill towards `suffix` if the model can).

    With `prefill`, only evaluate the prompt, so that a request for the same prompt
    later starts writing at once; it finishes with reason "prefilled". With `background`
    too, the engine reads it only while no other request waits, and puts it aside for
    any that comes (the window a writer will reach soon, or the one just opened); such
    a read with a `stop_rule` is made ready for that suggestion (its tail healed, a short
    window first at a new place), one without only reads the text as far as it goes.
    A background read that is `ahead` is of a window the writer has not reached: it
    never stops the chunk of another (the writer's own place comes first).
    With `messages`, the prompt is made from them with the model's chat template and
    `prompt` is ignored.
    """

    id: int
    prompt: str
    suffix: str | None = None
    sampling: Sampling = field(default_factory=Sampling)
    stop_rule: StopRule | None = None
    prefill: bool = False
    messages: tuple[ChatMessage, ...] | None = None
    background: bool = False
    ahead: bool = False
    type: ClassVar[str] = "generate"


@dataclass(frozen=True)
class Cancel:
    """Stop request `id` as soon as possible."""

    id: int
    type: ClassVar[str] = "cancel"


@dataclass(frozen=True)
class WhenIdle:
    """Answer with Finished(id, "idle") once the engine has nothing left to read in the
    background (the benchmark gives it the writer's typing time, and no more)."""

    id: int
    type: ClassVar[str] = "when_idle"


@dataclass(frozen=True)
class Shutdown:
    type: ClassVar[str] = "shutdown"


# --- engine -> editor -------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Progress of a load: "preparing" (assembling the default model), "loading", or
    "checking" (the first decode after loading; `build` and `cpu` then name the llama.cpp
    build and the processor, for the message if that decode crashes the engine)."""

    state: str
    detail: str = ""
    build: str = ""
    cpu: str = ""
    type: ClassVar[str] = "status"


@dataclass(frozen=True)
class Loaded:
    model_name: str
    model_path: str
    backend: str
    n_ctx: int
    fill_in_middle: bool
    load_seconds: float
    n_threads: int = 0
    chat_template: bool = False  # the model carries one: tasks may send chat messages
    gpu_layers: int = 0  # layers llama.cpp was asked to offload (-1: all)
    note: str = ""  # something the writer should know, such as a fallback to the CPU
    remote: str = ""  # the server the writer's text is sent to; "" while it stays here
    safe_mode: str = ""  # why the model runs in safe mode; "" when it does not
    build: str = ""  # the llama.cpp build, in words (LlamaBuild.words)
    reads_per_s: float = 0.0  # prompt tokens read per second here, as measured (0: unknown)
    type: ClassVar[str] = "loaded"


@dataclass(frozen=True)
class LoadFailed:
    error: str
    type: ClassVar[str] = "load_failed"


@dataclass(frozen=True)
class Piece:
    id: int
    text: str
    type: ClassVar[str] = "piece"


@dataclass(frozen=True)
class Finished:
    """The request ended; `reason` is "stop", "length", "complete", "prefilled",
    "cancelled", or "idle" (for WhenIdle)."""

    id: int
    reason: str
    prompt_tokens: int = 0
    reused_tokens: int = 0
    generated_tokens: int = 0
    first_piece_ms: float | None = None
    short_window: bool = False  # written from the prompt's last tokens only, for speed
    kept_bytes: int = 0  # memory the engine holds in states of windows kept aside
    type: ClassVar[str] = "finished"


@dataclass(frozen=True)
class Failed:
    id: int
    error: str
    type: ClassVar[str] = "failed"


@dataclass(frozen=True)
class Heartbeat:
    """Sent every second while the engine works on a load or a request.

    `progress` counts llama.cpp's calls back into Python (between tokens and inside
    each prompt batch), or the bytes a server sent: while it grows the engine is working,
    however slowly; when heartbeats stop, the whole process is stopped or frozen.
    """

    progress: int
    type: ClassVar[str] = "heartbeat"


Message = (
    LoadModel | Generate | Cancel | WhenIdle | Shutdown | Status | Loaded | LoadFailed | Piece
    | Finished | Failed | Heartbeat
)
_TYPES: dict[str, type[Any]] = {
    cls.type: cls
    for cls in (LoadModel, Generate, Cancel, WhenIdle, Shutdown, Status, Loaded, LoadFailed,
                Piece, Finished, Failed, Heartbeat)
}


def encode(message: Message) -> bytes:
    """Serialize a message as one line of JSON."""
    payload = to_json(asdict(message))
    assert isinstance(payload, dict)
    payload["type"] = message.type
    return json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n"


def decode(line: bytes | str) -> Message:
    """Parse one line back into a message; raise ValueError on anything malformed."""
    try:
        payload = json.loads(line)
        cls = _TYPES[payload.pop("type")]
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        raise ValueError(f"Not an engine message: {line!r:.200}") from exc
    names = {f.name for f in fields(cls)}
    # Messages for the writer come back translatable (see core/said.py).
    kwargs = {k: from_json(v) for k, v in payload.items() if k in names}
    try:
        if cls is LoadModel and kwargs.get("remote") is not None:
            kwargs["remote"] = RemoteTarget(**kwargs["remote"])
        if cls is Generate:
            sampling = dict(kwargs.get("sampling", {}))
            sampling["stop"] = tuple(sampling.get("stop", ()))
            kwargs["sampling"] = Sampling(**sampling)
            if kwargs.get("stop_rule") is not None:
                kwargs["stop_rule"] = StopRule(**kwargs["stop_rule"])
            if kwargs.get("messages") is not None:
                kwargs["messages"] = tuple(ChatMessage(**m) for m in kwargs["messages"])
    except TypeError as exc:
        raise ValueError(f"Malformed {cls.type} message: {exc}") from exc
    try:
        return cls(**kwargs)  # type: ignore[no-any-return]
    except TypeError as exc:
        raise ValueError(f"Malformed {cls.type} message: {exc}") from exc
