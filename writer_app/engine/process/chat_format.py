"""Turn chat messages into a prompt with the model's own chat template.

The template comes from inside the GGUF file, so it is untrusted code (the class of
CVE-2024-34359): it is rendered in the same limited sandbox as prompt templates, in the
engine process, where even a template that exhausts memory takes down only the engine.
"""

from __future__ import annotations

from collections.abc import Sequence

from writer_app.core.said import said
from writer_app.core.template_sandbox import TemplateRenderError, render
from writer_app.engine.protocol import ChatMessage


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
