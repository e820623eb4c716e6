"""Command line: `writer-app [FILE] [--model PATH]`, `writer-app complete`, `--version`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from writer_app import __version__
from writer_app.bench import SECTIONS
from writer_app.engine.engine_choice import API_KEY_ENV
from writer_app.engine.engine_client import ENGINE_FLAG

if TYPE_CHECKING:
    from writer_app.engine.blocking_engine import BlockingEngine
    from writer_app.engine.protocol import Loaded, RemoteTarget

EXIT_MODEL_FAILED = 3
EXIT_ENGINE_FAILED = 4


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app",
        description="Local Writer: a writing assistant whose model runs on this computer.",
        epilog="Subcommands (each takes --help): 'complete' continues text from stdin; "
               "'rewrite', 'summarize' and 'continue' run a task's template on stdin; "
               "'templates list' shows the templates; 'models' lists, searches, downloads, "
               "imports and removes models; 'bench' measures the app's speed.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="a .txt or .md file to open")
    parser.add_argument("--model", metavar="PATH", help="a .gguf model file to use (remembered)")
    add_engine_arguments(parser, "for this session (Preferences → Engine remembers one)")
    parser.add_argument("--version", action="version", version=f"writer-app {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (offline, no display), "
                             "then exit")
    return parser


def _complete_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app complete",
        description="Read text on stdin and stream its continuation to stdout.",
    )
    parser.add_argument("--model", metavar="PATH", help="a .gguf model (default: embedded)")
    parser.add_argument("--max-tokens", type=int, default=64, metavar="N",
                        help="stop after N tokens (default 64)")
    add_engine_arguments(parser)
    return parser


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
    from writer_app.app import app_paths
    from writer_app.core.settings import load_settings
    from writer_app.engine.engine_choice import remote_target

    paths = app_paths()
    return remote_target(load_settings(paths.settings_file), paths.api_keys_file,
                         args.engine, args.engine_model)


def _bench_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app bench",
        description="Measure the app as a writer feels it: time from a pause to the first "
                    "ghost character, keystrokes saved, throughput against llama-cpp-python "
                    "called directly, GUI responsiveness, a 1 MB document, start and memory.",
    )
    parser.add_argument("--text", type=Path, required=True, metavar="FILE",
                        help="a long UTF-8 text to replay as typing")
    parser.add_argument("--model", metavar="PATH", help="a .gguf model (default: embedded)")
    parser.add_argument("--pauses", type=int, default=100, metavar="N",
                        help="words typed in the replay, each followed by a pause (default 100)")
    parser.add_argument("--savings-pauses", type=int, default=40, metavar="N",
                        help="pauses in the keystroke-savings walk (default 40)")
    parser.add_argument("--start", type=int, metavar="OFFSET",
                        help="character offset where typing starts (default: three context "
                             "windows in, so that the window must hold still)")
    parser.add_argument("--words", type=int, default=20, metavar="N",
                        help="words typed into the real window (default 20)")
    add_engine_arguments(parser, "measured beside the local model in the same run "
                                 "(the typing replay and keystroke savings)")
    parser.add_argument("--only", metavar="LIST",
                        help="comma-separated sections to run, of: " + ", ".join(SECTIONS))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def bench(argv: list[str]) -> int:
    """Run `writer-app bench`."""
    parser = _bench_parser()
    args = parser.parse_args(argv)
    sections = SECTIONS if not args.only else tuple(s.strip() for s in args.only.split(","))
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections: {', '.join(unknown)}")
    if min(args.pauses, args.savings_pauses, args.words) < 1:
        parser.error("--pauses, --savings-pauses and --words must be at least 1")
    from writer_app.app import app_paths
    from writer_app.bench.runner import BenchOptions, print_report, run

    remote = engine_target(parser, argparse.Namespace(engine=args.engine,
                                                      engine_model=args.engine_model))
    options = BenchOptions(
        remote=remote,
        text_path=args.text,
        model=str(Path(args.model).resolve()) if args.model else None,
        data_dir=app_paths().data_dir,
        pauses=args.pauses,
        savings_pauses=args.savings_pauses,
        words=args.words,
        sections=sections,
        start=args.start,
    )
    try:
        report = run(options, lambda step: print(f"bench: {step}…", file=sys.stderr))
    except (OSError, UnicodeDecodeError, ValueError, RuntimeError) as exc:  # EngineError too
        print(f"writer-app: {exc}", file=sys.stderr)
        return EXIT_ENGINE_FAILED
    print_report(report, args.json)
    return 0


def complete(argv: list[str]) -> int:
    """Run `writer-app complete`: stdin in, continuation out, errors on stderr."""
    parser = _complete_parser()
    args = parser.parse_args(argv)
    remote = engine_target(parser, args)
    if args.max_tokens < 1:
        print("writer-app: --max-tokens must be at least 1", file=sys.stderr)
        return 2
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"writer-app: the input is not UTF-8 text (byte {exc.start})", file=sys.stderr)
        return 2
    if not text.strip():
        print("writer-app: nothing to continue: give some text on stdin", file=sys.stderr)
        return 2

    from writer_app.engine.protocol import Sampling

    model = str(Path(args.model).resolve()) if args.model else None
    return stream_to_stdout(
        model, lambda engine, _loaded: engine.start(text, Sampling(max_tokens=args.max_tokens)),
        remote=remote)


def stream_to_stdout(model: str | None, start: Callable[[BlockingEngine, Loaded], int], *,
                     keep_leading_space: bool = True, remote: RemoteTarget | None = None,
                     ) -> int:
    """Load `model`, send the request `start` makes, stream its text to stdout, and turn
    failures into messages on stderr and exit statuses."""
    from writer_app.app import app_paths
    from writer_app.engine.blocking_engine import BlockingEngine, EngineError, ModelLoadError
    from writer_app.engine.protocol import Piece

    try:
        with BlockingEngine() as engine:
            loaded = engine.load(model, app_paths().data_dir, remote=remote)
            request_id = start(engine, loaded)
            started = keep_leading_space
            for message in engine.stream(request_id):
                if isinstance(message, Piece):
                    piece = message.text if started else message.text.lstrip()
                    started = started or bool(piece)
                    sys.stdout.write(piece)
                    sys.stdout.flush()
    except ModelLoadError as exc:
        print(f"writer-app: {exc}", file=sys.stderr)
        return EXIT_MODEL_FAILED
    except EngineError as exc:
        print(f"writer-app: {exc}", file=sys.stderr)
        return EXIT_ENGINE_FAILED
    except KeyboardInterrupt:
        return 130
    sys.stdout.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `writer-app` and `python -m writer_app`."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [ENGINE_FLAG]:
        from writer_app.engine.engine_process import main as engine_main

        engine_main()
        return 0
    if args[:1] == ["complete"]:
        return complete(args[1:])
    if args[:1] == ["bench"]:
        return bench(args[1:])
    if args[:1] in (["rewrite"], ["summarize"], ["continue"]):
        from writer_app.task_cli import run_task

        return run_task(args[0], args[1:])
    if args[:1] == ["models"]:
        from writer_app.models_cli import models_command

        return models_command(args[1:])
    if args[:1] == ["templates"]:
        from writer_app.task_cli import templates_command

        return templates_command(args[1:])
    gui_parser = _gui_parser()
    options = gui_parser.parse_args(args)
    if options.engine_model and not options.engine:
        gui_parser.error("--engine-model needs --engine URL")
    if options.self_test:
        from writer_app.self_test import run_self_test

        return run_self_test()
    model = str(Path(options.model).resolve()) if options.model else None
    from writer_app.app import run_gui

    return run_gui(options.file, model, options.engine, options.engine_model)


if __name__ == "__main__":
    sys.exit(main())
