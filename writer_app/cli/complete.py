"""`writer-app complete`: text on stdin, its continuation streamed to stdout."""

from __future__ import annotations

import argparse
from pathlib import Path

from writer_app.cli.common import (
    EXIT_BAD_INPUT,
    add_engine_arguments,
    at_least_one,
    engine_target,
    read_stdin_text,
    stream_to_stdout,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app complete",
        description="Read text on stdin and stream its continuation to stdout.",
    )
    parser.add_argument("--model", metavar="PATH", help="a .gguf model (default: embedded)")
    parser.add_argument("--max-tokens", type=int, default=64, metavar="N",
                        help="stop after N tokens (default 64)")
    add_engine_arguments(parser)
    return parser


def complete(argv: list[str]) -> int:
    """Run `writer-app complete`: stdin in, continuation out, errors on stderr."""
    parser = _parser()
    args = parser.parse_args(argv)
    remote = engine_target(parser, args)
    if not at_least_one(args.max_tokens, "--max-tokens"):
        return EXIT_BAD_INPUT
    text = read_stdin_text("continue")
    if text is None:
        return EXIT_BAD_INPUT

    from writer_app.engine.protocol import Sampling

    model = str(Path(args.model).resolve()) if args.model else None
    return stream_to_stdout(
        model, lambda engine, _loaded: engine.start(text, Sampling(max_tokens=args.max_tokens)),
        remote=remote)
