"""Tasks on the command line: `writer-app rewrite | summarize | continue | templates list`.

Text comes on stdin, the result streams to stdout, messages go to stderr. The same
template files and the same engine as in the editor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from writer_app.cli.common import (
    EXIT_BAD_INPUT,
    add_engine_arguments,
    at_least_one,
    complain,
    engine_target,
    read_stdin_text,
    stream_to_stdout,
)
from writer_app.core.prompt_templates import PromptTemplate, TemplateLibrary, load_library
from writer_app.core.template_sandbox import TemplateRenderError
from writer_app.paths import app_paths

if TYPE_CHECKING:
    from writer_app.engine.client.blocking_engine import BlockingEngine
    from writer_app.engine.protocol import Loaded, RemoteTarget

SUMMARY_STYLES = ("sentence", "paragraph", "bullets")


def template_folders() -> tuple[Path, Path]:
    """Return the shipped templates folder and the writer's own."""
    from writer_app.resources import resource_path

    return resource_path("templates"), app_paths().templates_dir


def _sampling_overrides() -> dict[str, dict[str, float | int]]:
    """Return the writer's per-task sampling defaults, as the editor uses them."""
    from writer_app.core.settings import load_settings

    return load_settings(app_paths().settings_file).task_sampling


def _library() -> TemplateLibrary:
    library = load_library(*template_folders())
    for error in library.errors:
        complain(f"template skipped: {error}")
    return library


def find_template(library: TemplateLibrary, wanted: str) -> PromptTemplate | None:
    """Find a template by file name ("rewrite-shorten") or menu name ("Shorten")."""
    if wanted in library.templates:
        return library.templates[wanted]
    folded = wanted.casefold().rstrip("…").strip()
    for template in library.templates.values():
        if template.name.casefold().rstrip("…").strip() == folded:
            return template
    return None


def list_templates() -> int:
    library = _library()
    shipped, _own = template_folders()
    for template in library.in_menu_order():
        origin = "shipped" if template.path.parent == shipped else "yours"
        print(f"{template.id:<24} {template.menu + ' → ' + template.name:<44} "
              f"{template.task.value:<10} {template.output.value:<18} {origin}")
    return 0


def _parser(command: str) -> argparse.ArgumentParser:
    descriptions = {
        "rewrite": "Rewrite the text on stdin with a template (see 'writer-app templates list').",
        "summarize": "Summarize the text on stdin.",
        "continue": "Continue the text on stdin with the next paragraph(s).",
    }
    parser = argparse.ArgumentParser(prog=f"writer-app {command}",
                                     description=descriptions[command])
    if command == "rewrite":
        parser.add_argument("--template", required=True, metavar="NAME",
                            help="a template's file name or menu name, e.g. rewrite-shorten")
        parser.add_argument("--instruction", default="", metavar="TEXT",
                            help="what to do, for 'Rewrite with an Instruction…'")
        parser.add_argument("--language", default="", metavar="NAME",
                            help="the language to translate into, for 'Translate…'")
    elif command == "summarize":
        parser.add_argument("--style", choices=SUMMARY_STYLES, default="paragraph",
                            help="one sentence, a paragraph (default) or bullet points")
    parser.add_argument("--model", metavar="PATH", help="a .gguf model (default: embedded)")
    parser.add_argument("--max-tokens", type=int, metavar="N",
                        help="stop after N tokens (default: the template's)")
    add_engine_arguments(parser)
    return parser


def run_task(command: str, argv: list[str]) -> int:
    """Run `writer-app rewrite | summarize | continue`."""
    parser = _parser(command)
    args = parser.parse_args(argv)
    remote = engine_target(parser, args)
    if not at_least_one(args.max_tokens, "--max-tokens"):
        return EXIT_BAD_INPUT
    text = read_stdin_text("work on")
    if text is None:
        return EXIT_BAD_INPUT
    library = _library()
    wanted = {"rewrite": getattr(args, "template", ""), "continue": "continue",
              "summarize": f"summarize-{getattr(args, 'style', '')}"}[command]
    template = find_template(library, wanted)
    if template is None:
        complain(f"no template “{wanted}”; 'writer-app templates list' shows them")
        return EXIT_BAD_INPUT
    values = {"selection": text, "before": text, "after": "", "document_title": "",
              "instruction": getattr(args, "instruction", ""),
              "language": getattr(args, "language", "")}
    for name in ("instruction", "language"):
        if name in template.variables and not values[name].strip():
            complain(f"“{template.name}” needs --{name}")
            return EXIT_BAD_INPUT
    model = str(Path(args.model).resolve()) if args.model else None
    return _stream(template, values, model, args.max_tokens, remote)


def _stream(template: PromptTemplate, values: dict[str, str], model: str | None,
            max_tokens: int | None, remote: RemoteTarget | None) -> int:
    from writer_app.core.task_answer import Answer, AnswerRules, shape_answer
    from writer_app.engine.client.task_request import needs_instruct_note, plan_task

    rules: list[AnswerRules] = []

    def start(engine: BlockingEngine, loaded: Loaded) -> int:
        if needs_instruct_note(template, loaded.chat_template):
            print(f"writer-app: note: {loaded.model_name} is a base model; "
                  f"“{template.name}” works better with an instruction-tuned model.",
                  file=sys.stderr)
        request = plan_task(template, values, loaded.chat_template,
                            overrides=_sampling_overrides(), max_tokens=max_tokens)
        rules.append(request.rules)
        return engine.start(request.prompt, request.sampling, messages=request.messages)

    def answer(raw: str, finished: bool) -> Answer:
        return shape_answer(raw, rules[-1], finished)

    try:
        return stream_to_stdout(model, start, remote=remote,
                                keep_leading_space=template.keeps_leading_space,
                                answer=answer)
    except TemplateRenderError as exc:
        complain(f"{template.path.name}: {exc}")
        return EXIT_BAD_INPUT


def templates_command(argv: list[str]) -> int:
    """Run `writer-app templates list`."""
    parser = argparse.ArgumentParser(prog="writer-app templates",
                                     description="The prompt templates of the tasks.")
    parser.add_argument("action", choices=("list",))
    parser.parse_args(argv)
    return list_templates()
