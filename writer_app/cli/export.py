"""`writer-app export FILE --to docx|odt|pdf|html|txt [-o OUT]`: what File → Export…
does, without the window."""

from __future__ import annotations

import argparse
from pathlib import Path

from writer_app.cli.common import EXIT_BAD_INPUT, complain

FORMATS = ("docx", "odt", "pdf", "html", "txt")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="writer-app export",
        description="Export a .md or .txt file as DOCX, ODT, PDF, HTML or plain text; "
                    "Markdown becomes real headings, emphasis, quotes and lists.")
    parser.add_argument("file", type=Path, help="the .md or .txt file to export")
    parser.add_argument("--to", required=True, choices=FORMATS, help="the format to write")
    parser.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="where to write (default: FILE with the format's extension)")
    parser.add_argument("--title", default="", help="a title page with this title")
    parser.add_argument("--author", default="", help="…and this author")
    parser.add_argument("--page", choices=("a4", "letter"), default="a4",
                        help="page size of DOCX and PDF (default a4)")
    parser.add_argument("--manuscript", action="store_true",
                        help="manuscript format: 12 pt, double spacing, 1-inch margins, "
                             "page numbers")
    return parser


def export_command(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from writer_app.core.errors import WriterError
    from writer_app.export.command import export_file
    from writer_app.export.export_options import ExportFormat, PageSize

    try:
        target = export_file(args.file, ExportFormat(args.to), args.output, title=args.title,
                             author=args.author, page=PageSize(args.page),
                             manuscript=args.manuscript)
    except WriterError as exc:
        complain(exc.args[0] if exc.args else exc)
        return EXIT_BAD_INPUT
    except OSError as exc:
        complain(f"{args.file} cannot be read: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    print(target)
    return 0
