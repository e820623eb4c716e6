"""`writer-app`: open the window (`writer-app [FILE] [--model PATH]`), or run a
subcommand. Each subcommand's module is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from writer_app import __version__
from writer_app.cli.common import add_engine_arguments
from writer_app.engine.client.engine_client import ENGINE_FLAG

TASKS = ("rewrite", "summarize", "continue")


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app",
        description="Local Writer: a writing assistant whose model runs on this computer.",
        epilog="Subcommands (each takes --help): 'complete' continues text from stdin; "
               "'rewrite', 'summarize' and 'continue' run a task's template on stdin; "
               "'templates list' shows the templates; 'models' lists, searches, downloads, "
               "imports and removes models; 'export' writes a file as DOCX, ODT, PDF, HTML "
               "or text; 'bench' measures the app's speed.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="a .txt or .md file to open")
    parser.add_argument("--model", metavar="PATH", help="a .gguf model file to use (remembered)")
    add_engine_arguments(parser, "for this session (Preferences → Engine remembers one)")
    parser.add_argument("--version", action="version", version=f"writer-app {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check that this installation works (offline, no display), "
                             "then exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of `writer-app` and `python -m writer_app`."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == [ENGINE_FLAG]:
        from writer_app.engine.process.engine_process import main as engine_main

        engine_main()
        return 0
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "complete":
        from writer_app.cli.complete import complete

        return complete(rest)
    if command == "bench":
        from writer_app.cli.bench import bench

        return bench(rest)
    if command in TASKS:
        from writer_app.cli.tasks import run_task

        return run_task(command, rest)
    if command == "templates":
        from writer_app.cli.tasks import templates_command

        return templates_command(rest)
    if command == "export":
        from writer_app.cli.export import export_command

        return export_command(rest)
    if command == "models":
        from writer_app.cli.models import models_command

        return models_command(rest)
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
