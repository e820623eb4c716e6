"""Turn chat messages into a prompt with the model's own chat template.

The template comes from inside the GGUF file, so it is untrusted code (the class of
CVE-2024-34359): it is rendered in the same limited sandbox as prompt templates, in the
engine process, where even a template that exhausts memory takes down only the engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from writer_app.core.said import message_of, said
from writer_app.core.template_sandbox import TemplateRenderError, render
from writer_app.engine.protocol import ChatMessage

if TYPE_CHECKING:
    from writer_app.engine.process.llama_calls import LlamaModel


def _refuse(message: str) -> None:
    # Chat templates call raise_exception() to reject a conversation they cannot format.
    raise TemplateRenderError(said("Engine", "the model's chat template refused the request: "
                                             "{problem}").format(problem=message))


def format_chat(chat_template: str, messages: Sequence[ChatMessage], *, bos_token: str,
                eos_token: str) -> str:
    """Render `messages` with `chat_template`, ending where the assistant's reply starts."""
    return render(chat_template, {
        "messages": [{"role": m.role, "content": m.content} for m in messages],
        "add_generation_prompt": True,
        "bos_token": bos_token,
        "eos_token": eos_token,
        "raise_exception": _refuse,
    })


def chat_tokens(llm: LlamaModel, chat_template: str | None,
                messages: Sequence[ChatMessage], budget: int) -> list[int]:
    """Return the tokens of `messages` laid out by `chat_template`, at most `budget`.

    Raise ValueError if the model has no template, its template fails (in the sandbox)
    or the messages are too long.
    """
    if chat_template is None:
        raise ValueError(said("Engine", "this model has no chat template: use a raw "
                                        "prompt"))
    bos_text = llm.token_text(llm.token_bos())
    try:
        prompt = format_chat(chat_template, messages, bos_token=bos_text,
                             eos_token=llm.token_text(llm.token_eos()))
    except TemplateRenderError as exc:
        raise ValueError(said("Engine", "the model's chat template failed: {problem}")
                         .format(problem=message_of(exc))) from exc
    add_bos = llm.adds_bos and not prompt.startswith(bos_text)
    tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=add_bos, special=True)
    if len(tokens) > budget:
        raise ValueError(said("Engine", "the text is too long for the model's context "
                                        "({tokens} tokens, at most {budget}): select "
                                        "less").format(tokens=f"{len(tokens):,}",
                                                       budget=f"{budget:,}"))
    return tokens
