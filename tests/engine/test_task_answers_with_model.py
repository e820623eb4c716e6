"""Every shipped template, in every language it has examples in, run on the embedded
model: what the writer would be shown holds no prompt text (a label, an example, an
instruction of the template), and ends where the task's name says."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.engine.test_engine_process import Harness
from writer_app.core.prompt_templates import PromptTemplate, TaskKind, load_library
from writer_app.core.task_answer import shape_answer
from writer_app.engine.client.task_request import plan_task
from writer_app.resources import resource_path

pytestmark = pytest.mark.model

LIBRARY = load_library(resource_path("templates"))
PASSAGES = {
    "en": ("The keeper, who had lived alone on the island for almost twenty years, finally "
           "rowed across to the village on the first calm morning of spring.", "French"),
    "zh": ("守灯人在岛上独自住了将近二十年，终于在春天第一个风平浪静的早晨划船去了村子。",
           "English"),
}
_LABEL = re.compile(r"^\s*([^\s:：{][^:：{\n]{0,23}?)\s*[:：]")


def prompt_text(template: PromptTemplate) -> str:
    """All the template's own prompt text, read from its file (not from the app's rules)."""
    data = tomllib.loads(template.path.read_text(encoding="utf-8"))
    parts = [data.get("chat", {}).get(key, "") for key in ("system", "user")]
    raw = data.get("raw", {})
    parts += [raw.get("prompt", "")] + [value.get("prompt", "") for value in raw.values()
                                         if isinstance(value, dict)]
    return "\n".join(parts)


def leaks(answer: str, template: PromptTemplate, language: str) -> list[str]:
    """Return the lines of `answer` that are prompt text."""
    labels = {language.casefold()}
    own = []
    for line in prompt_text(template).splitlines():
        label = _LABEL.match(line)
        if label:
            labels.add(label.group(1).casefold())
        rest = " ".join((line[label.end():] if label else line).casefold().split())
        if "{" not in rest and len(rest) >= 8:
            own.append(rest)
    found = []
    for line in answer.splitlines():
        label = _LABEL.match(line)
        folded = " ".join(line.casefold().split())
        if (label and label.group(1).casefold() in labels) or any(text in folded
                                                                  for text in own):
            found.append(line)
    return found


@pytest.fixture(scope="module")
def engine(shared_data_dir: Path) -> Iterator[Harness]:
    with Harness() as harness:
        harness.load(None, shared_data_dir)
        yield harness


@pytest.mark.parametrize("writing", sorted(PASSAGES))
@pytest.mark.parametrize("template", sorted(LIBRARY.templates.values(), key=lambda t: t.id),
                         ids=lambda t: t.id)
def test_what_the_writer_is_shown_holds_no_prompt_text(
        engine: Harness, template: PromptTemplate, writing: str) -> None:
    passage, language = PASSAGES[writing]
    values = {"selection": passage, "before": passage, "after": "", "document_title": "",
              "instruction": "Make it sound hopeful.", "language": language}
    request = plan_task(template, values, chat_model=False, max_tokens=64)
    raw, _finished = engine.collect(engine.start(request.prompt, request.sampling))
    answer = shape_answer(raw, request.rules, finished=True).text
    assert leaks(answer, template, language) == [], raw
    if template.task is not TaskKind.SUMMARIZE:
        # One paragraph in, one paragraph out; Continue Writing writes the next one.
        assert "\n" not in answer.strip(), raw
    if template.task is TaskKind.CONTINUE and re.search(r"[.!?。！？]", answer):
        assert re.search(r"[.!?。！？…][\"'”’」』）)]*$", answer), raw
