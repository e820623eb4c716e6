"""`writer-app bench`: measure the app as a writer feels it (see bench/runner.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from writer_app.bench import SECTIONS
from writer_app.cli.common import (
    EXIT_ENGINE_FAILED,
    add_engine_arguments,
    complain,
    engine_target,
)
from writer_app.core.errors import ModelFileError
from writer_app.core.gguf_file import read_gguf_info
from writer_app.core.model_shapes import SHAPES
from writer_app.paths import app_paths


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
    parser.add_argument("--shape", choices=sorted(SHAPES), metavar="NAME",
                        help="measure latency with a model of random weights shaped as a "
                             "published one, built once into the cache folder (minutes): "
                             + ", ".join(sorted(SHAPES)) + ". What it writes is noise: no "
                             "keystroke savings")
    parser.add_argument("--pauses", type=int, default=300, metavar="N",
                        help="pauses in the typing replay (default 300)")
    parser.add_argument("--every", type=int, default=70, metavar="CHARS",
                        help="characters typed between pauses in the replay (default 70: "
                             "300 pauses cover over 20,000 characters)")
    parser.add_argument("--window", type=int, default=0, metavar="CHARS",
                        help="characters before the cursor the model reads (default: the "
                             "app's setting)")
    parser.add_argument("--large-window", type=int, default=6000, metavar="CHARS",
                        help="replay again with this window and compare (default 6000; "
                             "0: not)")
    parser.add_argument("--no-read-ahead", action="store_true",
                        help="replay reading nothing while the writer types, only at "
                             "the pause (to compare)")
    parser.add_argument("--savings-pauses", type=int, default=200, metavar="N",
                        help="pauses in the keystroke-savings walk, in two halves "
                             "(default 200)")
    parser.add_argument("--trials", type=int, default=12, metavar="N",
                        help="throughput trials, taking turns with llama-cpp-python called "
                             "directly (default 12)")
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
    if args.shape:
        if args.model or args.engine:
            parser.error("--shape measures a model of its own: leave out --model and --engine")
        if "savings" in sections and args.only:
            parser.error("--shape: a model of random weights writes noise, so keystroke "
                         "savings measured with it would mean nothing. Leave savings out of "
                         "--only, or measure a real model with --model")
        sections = tuple(s for s in sections if s != "savings")
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections: {', '.join(unknown)}")
    if min(args.pauses, args.savings_pauses, args.words, args.every, args.trials) < 1:
        parser.error("--pauses, --savings-pauses, --every, --trials and --words must be at "
                     "least 1")
    if (args.window and args.window < 200) or (args.large_window and args.large_window < 200):
        parser.error("--window and --large-window must be at least 200 characters")
    from writer_app.bench.runner import BenchOptions, print_report, run

    remote = engine_target(parser, argparse.Namespace(engine=args.engine,
                                                      engine_model=args.engine_model))
    model = str(Path(args.model).resolve()) if args.model else None
    if args.shape:
        try:
            model = str(_shaped(args.shape))
        except ImportError:
            complain(RuntimeError("writer-app bench --shape needs the gguf package: "
                                  "pip install gguf"))
            return EXIT_ENGINE_FAILED
        except (OSError, RuntimeError) as exc:
            complain(exc)
            return EXIT_ENGINE_FAILED
    parameters = SHAPES[args.shape].parameters if args.shape else None
    if args.model:
        try:
            parameters = read_gguf_info(Path(args.model)).parameter_count or None
        except ModelFileError as exc:
            complain(exc)
            return EXIT_ENGINE_FAILED
    options = BenchOptions(
        parameters=parameters,
        remote=remote,
        text_path=args.text,
        model=model,
        data_dir=app_paths().data_dir,
        pauses=args.pauses,
        savings_pauses=args.savings_pauses,
        trials=args.trials,
        every_chars=args.every,
        window_chars=args.window,
        large_window_chars=args.large_window,
        read_ahead=not args.no_read_ahead,
        words=args.words,
        sections=sections,
        start=args.start,
    )
    try:
        report = run(options, lambda step: print(f"bench: {step}…", file=sys.stderr))
    except (OSError, UnicodeDecodeError, ValueError, RuntimeError) as exc:  # EngineError too
        complain(exc)
        return EXIT_ENGINE_FAILED
    if args.shape:
        shape = SHAPES[args.shape]
        report = {"shape": {"name": shape.name, "title": shape.title,
                            "parameters": shape.parameters,
                            "weights": "random: latency figures only, no keystroke savings"},
                  **report}
    print_report(report, args.json)
    return 0


def _shaped(name: str) -> Path:
    """Return the random-weight model of the shape `name`, built first if need be."""
    from writer_app.bench.shaped_model import shaped_model
    from writer_app.core.default_model import ensure_default_model

    paths = app_paths()
    return shaped_model(SHAPES[name], paths.cache_dir, ensure_default_model(paths.data_dir),
                        lambda step: print(f"bench: {step}…", file=sys.stderr))
