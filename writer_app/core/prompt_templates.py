"""Prompt templates: one TOML file per task, shipped in resources/templates and
overridden or added to by the writer's own files in the config folder.

A template says what it is called and where it appears, which of the writer's texts it
uses, how it talks to the model (chat messages for instruction-tuned models, a raw
few-shot prompt for base models), how to sample, and where its output goes. The Jinja
parts are compiled in the sandbox when the file is read, so a broken template is
reported with its file and line, and the others still load.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from writer_app.core import template_sandbox
from writer_app.core.said import said

SUFFIX = ".toml"
VARIABLES = ("selection", "before", "after", "document_title", "instruction", "language")


class TaskKind(StrEnum):
    REWRITE = "rewrite"
    SUMMARIZE = "summarize"
    CONTINUE = "continue"
    TRANSLATE = "translate"


class Output(StrEnum):
    """Where a task's result goes."""

    REPLACE_SELECTION = "replace_selection"  # a proposal in place of the selection
    INSERT_AT_CURSOR = "insert_at_cursor"  # a proposal at the cursor
    SIDE_PANEL = "side_panel"  # the summary panel


class TemplateFileError(Exception):
    """A template file is broken; str() names the file and line, for the writer."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        if line:
            text = said("Templates", "{file}, line {line}: {problem}").format(
                file=path.name, line=line, problem=message)
        else:
            text = said("Templates", "{file}: {problem}").format(file=path.name,
                                                                  problem=message)
        super().__init__(text)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class TaskSampling:
    """What a template's [sampling] table sets; None leaves a value to the writer's
    defaults for the kind of task (core/task_sampling.py)."""

    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    repeat_penalty: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()


@dataclass(frozen=True)
class Message:
    role: str
    content: str


@dataclass(frozen=True)
class RenderedPrompt:
    """Chat messages for the model's chat template, or raw text to continue."""

    messages: tuple[Message, ...] = ()
    text: str | None = None


@dataclass(frozen=True)
class PromptTemplate:
    id: str  # the file name without .toml: a writer's file of the same name overrides
    name: str
    menu: str
    task: TaskKind
    output: Output
    variables: tuple[str, ...]
    sampling: TaskSampling
    path: Path
    chat_system: jinja2.Template | None = None
    chat_user: jinja2.Template | None = None
    raw_prompt: jinja2.Template | None = None
    # Raw prompts whose examples are in another language, by language ("zh"): a base
    # model follows examples in the language of the text better.
    raw_prompts_by_language: Mapping[str, jinja2.Template] = field(default_factory=dict)
    shortcut: str | None = None
    order: int = 100
    prefers_instruct: bool = True  # works better with an instruction-tuned model

    @property
    def keeps_leading_space(self) -> bool:
        """Continuing text keeps the space it starts with; a rewrite or a summary is a
        text of its own, and the space after the prompt's "Shorter:" is not part of it."""
        return self.task is TaskKind.CONTINUE

    @property
    def has_chat(self) -> bool:
        return self.chat_user is not None

    @property
    def has_raw(self) -> bool:
        return self.raw_prompt is not None

    def render(self, values: Mapping[str, str], use_chat: bool,
               language: str = "") -> RenderedPrompt:
        """Render with the writer's texts; raise TemplateRenderError if it fails.

        `use_chat` picks the chat messages where the template has them; a template with
        only one form uses that one. A raw prompt is taken in `language` where the
        template has one for it.
        """
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise template_sandbox.TemplateRenderError(
                f"{self.path.name} needs {', '.join(missing)}")
        variables = {name: values[name] for name in self.variables}
        if self.chat_user is not None and (use_chat or self.raw_prompt is None):
            messages = []
            if self.chat_system is not None:
                messages.append(Message("system",
                                        template_sandbox.render(self.chat_system, variables)))
            messages.append(Message("user", template_sandbox.render(self.chat_user, variables)))
            return RenderedPrompt(messages=tuple(messages))
        raw = self.raw_prompts_by_language.get(language, self.raw_prompt)
        assert raw is not None
        return RenderedPrompt(text=template_sandbox.render(raw, variables))


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
_TOP_KEYS = {"name", "menu", "task", "output", "variables", "shortcut", "order",
             "prefers_instruct", "sampling", "chat", "raw"}
_SAMPLING_TYPES: dict[str, type | tuple[type, ...]] = {
    "temperature": (int, float), "top_p": (int, float), "top_k": int,
    "repeat_penalty": (int, float), "max_tokens": int, "stop": list,
}
_TOML_LINE = re.compile(r"at line (\d+)")


def _key_line(source: str, key: str) -> int | None:
    """Return the file line where `key = ` is set, for error messages."""
    match = re.search(rf"^\s*{re.escape(key)}\s*=", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else None


def _value_start_line(source: str, key: str) -> int:
    """Return the file line where the value of `key` (a string, maybe multi-line) begins."""
    line = _key_line(source, key) or 1
    match = re.search(rf"^\s*{re.escape(key)}\s*=\s*(\"\"\"|''')\n", source, re.MULTILINE)
    return line + 1 if match else line  # TOML drops the newline after opening quotes


class _Reader:
    """Read one template file, turning every problem into a TemplateFileError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateFileError(path, None, said("Templates", "cannot be read: {problem}")
                                    .format(problem=exc)) from exc
        try:
            self.data = tomllib.loads(self.source)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            raise TemplateFileError(path, int(found.group(1)) if found else None,
                                    said("Templates", "not valid TOML: {problem}").format(
                                        problem=exc)) from exc

    def fail(self, key: str, message: str) -> TemplateFileError:
        return TemplateFileError(self.path, _key_line(self.source, key), message)

    def text(self, table: Mapping[str, Any], key: str, required: bool = False) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, said("Templates", "“{key}” must be a non-empty text").format(
                key=key))
        return value

    def choice(self, key: str, kind: type[StrEnum]) -> Any:
        value = self.text(self.data, key, required=True)
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(member.value for member in kind)  # type: ignore[attr-defined]
            raise self.fail(key, said("Templates", "“{key}” must be one of: {allowed}").format(
                key=key, allowed=allowed)) from None

    def raw_by_language(self, raw: Mapping[str, Any],
                        declared: tuple[str, ...]) -> dict[str, jinja2.Template]:
        """Read the [raw.zh]-style tables: a raw prompt for text in that language."""
        prompts: dict[str, jinja2.Template] = {}
        for language, table in raw.items():
            if language == "prompt":
                continue
            if not isinstance(table, dict) or not _LANGUAGE_CODE.fullmatch(language):
                raise self.fail(language, said(
                    "Templates", "[raw] may hold “prompt” and tables of a language (such as "
                    "[raw.zh]), not “{name}”").format(name=language))
            if set(table) != {"prompt"}:
                raise self.fail(language, said("Templates", "[raw.{language}] needs a “prompt” "
                                                            "and nothing else").format(
                    language=language))
            compiled = self.jinja(table, "prompt", declared)
            if compiled is not None:
                prompts[language] = compiled
        if prompts and "prompt" not in raw:
            raise self.fail("raw", said("Templates", "[raw] needs a “prompt” for text in other "
                                                     "languages"))
        return prompts

    def jinja(self, table: Mapping[str, Any], key: str,
              declared: tuple[str, ...]) -> jinja2.Template | None:
        source = self.text(table, key)
        if source is None:
            return None
        environment = template_sandbox.new_environment()
        try:
            used = meta.find_undeclared_variables(environment.parse(source))
            compiled = template_sandbox.compile_template(source)
        except jinja2.TemplateSyntaxError as exc:
            line = _value_start_line(self.source, key) + (exc.lineno or 1) - 1
            raise TemplateFileError(self.path, line, said("Templates", "template error: "
                                                                      "{problem}").format(
                problem=exc.message)) from exc
        undeclared = sorted(used - set(declared))
        if undeclared:
            raise self.fail(key, said("Templates", "uses {names} without listing it in "
                                                   "“variables”").format(
                names=", ".join(undeclared)))
        return compiled

    def sampling(self) -> TaskSampling:
        table = self.data.get("sampling", {})
        if not isinstance(table, dict):
            raise self.fail("sampling", said("Templates", "[sampling] must be a table"))
        for key, value in table.items():
            expected = _SAMPLING_TYPES.get(key)
            if expected is None:
                raise self.fail(key, said("Templates", "unknown sampling setting “{key}”")
                                .format(key=key))
            if not isinstance(value, expected) or isinstance(value, bool):
                raise self.fail(key, said("Templates", "“{key}” has the wrong type").format(
                    key=key))
        stop = table.get("stop", [])
        if not all(isinstance(item, str) and item for item in stop):
            raise self.fail("stop", said("Templates", "“stop” must be a list of non-empty "
                                                      "texts"))
        values = {**table, "stop": tuple(stop)}
        return TaskSampling(**values)

    def template(self) -> PromptTemplate:
        unknown = sorted(set(self.data) - _TOP_KEYS)
        if unknown:
            raise self.fail(unknown[0], said("Templates", "unknown setting “{key}”").format(
                key=unknown[0]))
        variables = self.data.get("variables", [])
        if not isinstance(variables, list) or not all(v in VARIABLES for v in variables):
            raise self.fail("variables", said("Templates", "“variables” may list only: "
                                                           "{names}").format(
                names=", ".join(VARIABLES)))
        declared = tuple(variables)
        chat = self.data.get("chat", {})
        raw = self.data.get("raw", {})
        template = PromptTemplate(
            id=self.path.stem,
            name=self.text(self.data, "name", required=True) or "",
            menu=self.text(self.data, "menu") or "Tasks",
            task=self.choice("task", TaskKind),
            output=self.choice("output", Output),
            variables=declared,
            sampling=self.sampling(),
            path=self.path,
            chat_system=self.jinja(chat, "system", declared),
            chat_user=self.jinja(chat, "user", declared),
            raw_prompt=self.jinja(raw, "prompt", declared),
            raw_prompts_by_language=self.raw_by_language(raw, declared),
            shortcut=self.text(self.data, "shortcut"),
            order=int(self.data.get("order", 100)),
            prefers_instruct=bool(self.data.get("prefers_instruct", True)),
        )
        if not template.has_chat and not template.has_raw:
            raise TemplateFileError(self.path, None,
                                    said("Templates", "needs a [chat] “user” message or a "
                                                      "[raw] “prompt”"))
        return template


def load_template(path: Path) -> PromptTemplate:
    """Read one template file; raise TemplateFileError if it is broken."""
    return _Reader(path).template()


@dataclass
class TemplateLibrary:
    """The templates in use, by id, and the files that could not be used."""

    templates: dict[str, PromptTemplate] = field(default_factory=dict)
    errors: list[TemplateFileError] = field(default_factory=list)

    def in_menu_order(self) -> list[PromptTemplate]:
        return sorted(self.templates.values(), key=lambda t: (t.menu, t.order, t.name))


# A file's result by its path, kept while its modification time and size stay the same.
TemplateCache = dict[Path, tuple[tuple[int, int], "PromptTemplate | TemplateFileError"]]


def _load_cached(path: Path, cache: TemplateCache | None) -> PromptTemplate:
    if cache is None:
        return load_template(path)
    try:
        info = path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        return load_template(path)  # reports the file as unreadable
    cached = cache.get(path)
    if cached is None or cached[0] != stamp:
        try:
            result: PromptTemplate | TemplateFileError = load_template(path)
        except TemplateFileError as exc:
            result = exc
        cached = cache[path] = (stamp, result)
    if isinstance(cached[1], TemplateFileError):
        raise cached[1]
    return cached[1]


def load_library(*folders: Path, cache: TemplateCache | None = None) -> TemplateLibrary:
    """Read the templates of each folder in turn; a later folder's file of the same
    name replaces an earlier one's (the writer's folder comes after the shipped one).

    With a `cache`, a file read before and unchanged since is not parsed again: the
    menus read the folders each time they open (38 ms for the shipped files uncached).
    """
    library = TemplateLibrary()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{SUFFIX}")):
            try:
                template = _load_cached(path, cache)
            except TemplateFileError as exc:
                library.errors.append(exc)
                continue
            library.templates[template.id] = template
    return library
