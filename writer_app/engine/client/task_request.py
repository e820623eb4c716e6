"""Turn a prompt template and the writer's texts into the engine request for a task.

The GUI and the command line both use this, so a template does the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from writer_app.core.prompt_templates import PromptTemplate
from writer_app.core.task_answer import AnswerRules, answer_rules, stops
from writer_app.core.task_sampling import Overrides, resolve_sampling
from writer_app.core.text_counts import writing_language
from writer_app.engine.protocol import ChatMessage, Sampling


@dataclass(frozen=True)
class TaskRequest:
    """A raw prompt to continue, or chat messages for the model's chat template, and
    what of the output is the answer (see core/task_answer)."""

    prompt: str
    messages: tuple[ChatMessage, ...] | None
    sampling: Sampling
    rules: AnswerRules = field(default_factory=AnswerRules)


def plan_task(template: PromptTemplate, values: Mapping[str, str], chat_model: bool, *,
              overrides: Overrides | None = None, seed: int = 0,
              max_tokens: int | None = None) -> TaskRequest:
    """Render `template` for a model with (`chat_model`) or without a chat template.

    `overrides` are the writer's sampling defaults per kind of task (Preferences).
    Raise TemplateRenderError if the template fails; `seed` makes another variant. A
    base model's prompt gives its examples in the language of the writer's text where
    the template has them in it.
    """
    text = values.get("selection") or values.get("before") or ""
    language = writing_language(text)
    rendered = template.render(values, use_chat=chat_model, language=language)
    rules = answer_rules(template, values, chat_model, language)
    wanted = resolve_sampling(template, overrides or {})
    sampling = Sampling(
        max_tokens=max_tokens or wanted.max_tokens,
        temperature=wanted.temperature,
        top_p=wanted.top_p,
        top_k=wanted.top_k,
        repeat_penalty=wanted.repeat_penalty,
        seed=seed,
        stop=stops(rules, template.sampling.stop),
    )
    if rendered.messages:
        messages = tuple(ChatMessage(m.role, m.content) for m in rendered.messages)
        return TaskRequest("", messages, sampling, rules)
    return TaskRequest(rendered.text or "", None, sampling, rules)


def needs_instruct_note(template: PromptTemplate, chat_model: bool) -> bool:
    """Return whether to tell the writer this task works better with an instruction-
    tuned model than with the base model in use."""
    return template.prefers_instruct and not chat_model
