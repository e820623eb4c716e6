"""Render untrusted Jinja templates without letting them run code, hang or run away.

Prompt templates come from files a writer may edit or download, and chat templates come
from inside GGUF model files (the class of CVE-2024-34359): both are rendered in jinja2's
immutable sandbox, within a time limit (checked on every line the template executes) and
an output limit. The writer's text only ever enters as variable values, which Jinja never
parses, so a document full of `{{ }}` and `{% %}` passes through untouched.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from types import FrameType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from writer_app.core.said import said

RENDER_TIMEOUT_S = 2.0
MAX_OUTPUT_CHARS = 4_000_000
MAX_EXPONENT = 64
# Jinja names the code it compiles from a string after the template's name, or this.
_TEMPLATE_FILENAME = "<template>"


class TemplateRenderError(Exception):
    """A template could not be rendered; the message says why, for the writer."""


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, with repetition and powers kept small."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise TemplateRenderError(said("Templates", "the power {power} is too large").format(
                power=right))
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if (isinstance(sequence, str | list | tuple) and isinstance(times, int)
                        and len(sequence) * times > MAX_OUTPUT_CHARS):
                    raise TemplateRenderError(said("Templates", "a repetition makes the text "
                                                                "too long"))
        return super().call_binop(context, operator, left, right)


def new_environment() -> jinja2.Environment:
    """Return the sandboxed environment every template is compiled in."""
    return _Sandbox(
        undefined=jinja2.StrictUndefined,  # a misspelt variable is an error, not ""
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


_ENVIRONMENT = new_environment()


def compile_template(source: str) -> jinja2.Template:
    """Compile `source`; raise jinja2.TemplateSyntaxError (with its line) if it is bad."""
    return _ENVIRONMENT.from_string(source)


def render(template: jinja2.Template | str, variables: Mapping[str, object], *,
           timeout_s: float = RENDER_TIMEOUT_S, max_chars: int = MAX_OUTPUT_CHARS) -> str:
    """Render `template` with `variables` within the limits; raise TemplateRenderError."""
    try:
        compiled = compile_template(template) if isinstance(template, str) else template
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateRenderError(f"line {exc.lineno}: {exc.message}") from exc
    deadline = time.monotonic() + timeout_s

    def check(_frame: FrameType, _event: str, _arg: object) -> Any:
        if time.monotonic() > deadline:
            raise TemplateRenderError(said("Templates", "the template took longer than {seconds} s")
                                      .format(seconds=f"{timeout_s:g}"))
        return check

    def on_call(frame: FrameType, event: str, arg: object) -> Any:
        check(frame, event, arg)
        # Every line of the template's own code is checked; library code only on entry.
        return check if frame.f_code.co_filename == _TEMPLATE_FILENAME else None

    previous = sys.gettrace()
    pieces: list[str] = []
    size = 0
    sys.settrace(on_call)
    try:
        for piece in compiled.generate(**variables):
            size += len(piece)
            if size > max_chars:
                raise TemplateRenderError(said("Templates", "the template wrote more than "
                                                            "{count} characters").format(
                    count=f"{max_chars:,}"))
            pieces.append(piece)
    except TemplateRenderError:
        raise
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateRenderError(said("Templates", "the template tried something unsafe: "
                                                 "{problem}").format(problem=exc)) from exc
    except jinja2.TemplateError as exc:
        raise TemplateRenderError(str(exc)) from exc
    except (ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
        raise TemplateRenderError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        sys.settrace(previous)
    return "".join(pieces)
