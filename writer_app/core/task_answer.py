"""What of a task's output is the answer the writer is shown.

A base model continues the template's text. After the answer it may go on with the
template's next example header ("Instruction: …"), say the template's own example again
(a Translate that returns the example sentence about a library), or, continuing the
writer's text, run on for paragraphs and stop mid-sentence at its length limit. The
template's stop sequences end some of that in the engine (`stops` adds one per label);
these rules decide what of the rest is shown:

- the answer ends before a line that opens with one of the template's labels
  ("Passage:", "原文：", the target language's name in Translate);
- a line that says the template's own text again (an example, an instruction) ends it,
  and is never shown while it may still turn out to be one;
- an answer that should be one paragraph (Continue Writing, or a rewrite or translation
  of one paragraph) ends at its first line break: in this editor a line is a paragraph;
- Continue Writing ends at a sentence end: what follows the last one is dropped.

The rules come from the rendered template, so a writer's own templates get them too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from writer_app.core.prompt_templates import PromptTemplate, TaskKind
from writer_app.core.prose import last_sentence_end
from writer_app.core.template_sandbox import TemplateRenderError

# A label opens a line: one to three words and a colon ("Passage:", "原文：").
_LABEL = re.compile(r"^[ \t]*([^\s:：.,;!?。，；！？][^:：\n.,;!?。，；！？]{0,23}?)[ \t]*[:：]")
_MARK = "\x00"
# Shorter template text could be anyone's words ("Text", "Yes").
_MIN_REPEAT = 8


@dataclass(frozen=True)
class AnswerRules:
    labels: tuple[str, ...] = ()  # the template's line labels, casefolded
    template_text: tuple[str, ...] = ()  # its own lines (examples, instructions), folded
    one_paragraph: bool = False
    ends_at_sentence: bool = False


@dataclass(frozen=True)
class Answer:
    text: str
    complete: bool  # nothing more belongs to the answer: the generation can stop
    repeated_template: bool  # a line was dropped for saying the template's text again
    settled: str = ""  # the start of `text` that no later output changes (to print)


def answer_rules(template: PromptTemplate, values: Mapping[str, str], chat_model: bool,
                 language: str = "") -> AnswerRules:
    """Return the rules for `template`'s answer to the writer's `values`."""
    selection = values.get("selection", "").strip()
    one_paragraph = template.task is TaskKind.CONTINUE or (
        template.task in (TaskKind.REWRITE, TaskKind.TRANSLATE) and bool(selection)
        and "\n" not in selection)
    marked = {name: f"{_MARK}{name}{_MARK}" for name in template.variables}
    try:
        rendered = template.render(marked, use_chat=chat_model, language=language)
    except TemplateRenderError:
        return AnswerRules(one_paragraph=one_paragraph,
                           ends_at_sentence=template.task is TaskKind.CONTINUE)
    source = rendered.text if rendered.text is not None else "\n".join(
        message.content for message in rendered.messages)
    labels: list[str] = []
    own: list[str] = []
    for line in source.splitlines():
        rest = line
        label = _LABEL.match(line)
        if label and len(label.group(1).split()) <= 3:
            name = label.group(1)
            if _MARK not in name:
                labels.append(name.casefold())
            elif name.strip(_MARK) in values and name == marked.get(name.strip(_MARK)):
                # A label that is a variable: Translate's "{{ language }}:".
                value = values[name.strip(_MARK)].strip()
                if value and "\n" not in value and len(value) <= 40:
                    labels.append(value.casefold())
            rest = line[label.end():]
        folded = _folded(rest)
        if _MARK not in rest and len(folded) >= _MIN_REPEAT:
            own.append(folded)
    writers = _folded(" ".join(values.values()))
    if any(text in writers for text in own):
        own = []  # the writer's text holds the template's (translating its example)
    return AnswerRules(tuple(dict.fromkeys(labels)), tuple(own), one_paragraph,
                       template.task is TaskKind.CONTINUE)


def stops(rules: AnswerRules, template_stops: tuple[str, ...]) -> tuple[str, ...]:
    """Return the template's stop sequences and one before each of its labels, for the
    engine: it then ends there at once instead of writing what would be cut off."""
    more = []
    for label in rules.labels:
        for colon in (":", "："):
            more.append(f"\n{label}{colon}")
            more.append(f"\n{label[:1].upper()}{label[1:]}{colon}")
    return tuple(dict.fromkeys((*template_stops, *more)))


def shape_answer(raw: str, rules: AnswerRules, finished: bool) -> Answer:
    """Return what of the model's output `raw` to show; `finished` says it has stopped."""
    content = len(raw) - len(raw.lstrip())
    end = len(raw)
    complete = repeated = False
    lines = raw[content:].split("\n")
    start = content
    for number, line in enumerate(lines):
        last = number == len(lines) - 1
        growing = last and not finished  # the model may still add to this line
        body = line.strip()
        label = _LABEL.match(line)
        if label and label.group(1).casefold() in rules.labels:
            end, complete = start, True
            break
        if growing and body and any(f"{name}{colon}".startswith(body.casefold())
                                    for name in rules.labels for colon in ":："):
            end = start  # the start of a label, perhaps: held back
            break
        folded = _folded(line[label.end():] if label else line)
        if growing and folded and any(own.startswith(folded) for own in rules.template_text):
            end = start  # the start of the template's own text, perhaps: held back
            break
        if folded and any(_repeats(folded, own) for own in rules.template_text):
            end, complete, repeated = start, True, True
            break
        if rules.one_paragraph and not last and body:
            end, complete = start + len(line), True
            break
        start += len(line) + 1
    text = raw[:end]
    settled = text
    if rules.ends_at_sentence:
        sentence = last_sentence_end(text[content:])
        settled = text[:content + sentence] if sentence is not None else raw[:content]
        if finished or complete:
            text = settled if sentence is not None else text
    if finished or complete:
        text = settled = text.rstrip()
    return Answer(text, complete, repeated, settled)


def _repeats(line: str, own: str) -> bool:
    """Whether a whole line says the template's `own` text again: all of it, or the
    start of it (the model stopped half-way), never a few words that happen to match."""
    return own in line or (own.startswith(line) and len(line) >= 2 * _MIN_REPEAT)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
