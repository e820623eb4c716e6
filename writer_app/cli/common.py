"""What the subcommands share: exit statuses, the engine options, reading stdin, and
streaming a request's text to stdout."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from writer_app.engine.engine_choice import API_KEY_ENV

if TYPE_CHECKING:
    from writer_app.core.task_answer import Answer
    from writer_app.engine.client.blocking_engine import BlockingEngine
    from writer_app.engine.protocol import Loaded, RemoteTarget

EXIT_BAD_INPUT = 2
EXIT_MODEL_FAILED = 3
EXIT_ENGINE_FAILED = 4
EXIT_NO_ANSWER = 5
EXIT_INTERRUPTED = 130


def complain(message: object) -> None:
    """Write one line for the writer on stderr."""
    print(f"writer-app: {message}", file=sys.stderr)


def add_engine_arguments(parser: argparse.ArgumentParser, when: str = "") -> None:
    """Add --engine URL and --engine-model NAME: write with a server's model."""
    parser.add_argument(
        "--engine", metavar="URL",
        help="write with the model of a server speaking the OpenAI-compatible protocol "
             "(llama-server, vLLM, Ollama, LM Studio), e.g. http://127.0.0.1:8080"
             + (f", {when}" if when else "") + f"; its API key comes from ${API_KEY_ENV} "
             "or the one kept in Preferences → Engine")
    parser.add_argument("--engine-model", metavar="NAME",
                        help="which of the server's models (default: its first)")


def engine_target(parser: argparse.ArgumentParser, args: argparse.Namespace,
                  ) -> RemoteTarget | None:
    """Return the server `--engine` names, or None for the local engine."""
    if args.engine is None:
        if args.engine_model:
            parser.error("--engine-model needs --engine URL")
        return None
    if getattr(args, "model", None):
        parser.error("--model is a local model and --engine a server: give one of them")
    from writer_app.core.settings import load_settings
    from writer_app.engine.engine_choice import remote_target
    from writer_app.paths import app_paths

    paths = app_paths()
    return remote_target(load_settings(paths.settings_file), paths.api_keys_file,
                         args.engine, args.engine_model)


def read_stdin_text(what: str) -> str | None:
    """Return the UTF-8 text on stdin, or None (said on stderr) when it is not text or
    holds nothing `what` could work on."""
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        complain(f"the input is not UTF-8 text (byte {exc.start})")
        return None
    if not text.strip():
        complain(f"nothing to {what}: give some text on stdin")
        return None
    return text


def at_least_one(value: int | None, option: str) -> bool:
    """Return whether an optional count is absent or positive (said on stderr if not)."""
    if value is not None and value < 1:
        complain(f"{option} must be at least 1")
        return False
    return True


def stream_to_stdout(model: str | None, start: Callable[[BlockingEngine, Loaded], int], *,
                     keep_leading_space: bool = True, remote: RemoteTarget | None = None,
                     answer: Callable[[str, bool], Answer] | None = None) -> int:
    """Load `model`, send the request `start` makes, stream its text to stdout, and turn
    failures into messages on stderr and exit statuses.

    `answer(raw, finished)` says what of the output so far is the answer (a task's, see
    core/task_answer): only that is printed, and the request ends when it is complete.
    """
    from writer_app.engine.client.blocking_engine import (
        BlockingEngine,
        EngineError,
        ModelLoadError,
    )
    from writer_app.engine.protocol import Piece
    from writer_app.paths import app_paths

    try:
        with BlockingEngine() as engine:
            loaded = engine.load(model, app_paths().data_dir, remote=remote)
            request_id = start(engine, loaded)
            raw, printed, ended = "", "", False
            for message in engine.stream(request_id):
                if not isinstance(message, Piece) or ended:
                    continue  # after a cancel, the engine may still send a piece
                raw += message.text
                shown = raw
                if answer is not None:
                    shaped = answer(raw, False)
                    shown, ended = shaped.settled, shaped.complete
                    if ended:
                        engine.cancel(request_id)
                printed = _print_more(printed, shown, keep_leading_space)
            if answer is not None:
                final = answer(raw, True)
                printed = _print_more(printed, final.text, keep_leading_space)
                if not printed.strip():
                    complain("the model only repeated the template's example, not an answer "
                             "for your text: try again, or choose a larger model"
                             if final.repeated_template else "the model wrote nothing")
                    return EXIT_NO_ANSWER
    except ModelLoadError as exc:
        complain(exc)
        return EXIT_MODEL_FAILED
    except EngineError as exc:
        complain(exc)
        return EXIT_ENGINE_FAILED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    sys.stdout.write("\n")
    return 0


def _print_more(printed: str, shown: str, keep_leading_space: bool) -> str:
    """Print what `shown` adds to what is on stdout already; return all that is."""
    if not keep_leading_space:
        shown = shown.lstrip()
    if shown.startswith(printed) and len(shown) > len(printed):
        sys.stdout.write(shown[len(printed):])
        sys.stdout.flush()
        return shown
    return printed
