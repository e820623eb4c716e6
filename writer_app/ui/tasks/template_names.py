"""The names of the shipped task templates and their menus, in the interface's language.

A template's name and menu come from its file (resources/templates). The shipped ones
are listed here so that the translation tools see them; a writer's own template keeps
the name its file gives, whatever the language.
"""

from __future__ import annotations

from writer_app.core.prompt_templates import PromptTemplate
from writer_app.ui.i18n import tx


def _shipped() -> dict[str, str]:
    return {
        "Continue Writing": tx("Templates", "Continue Writing"),
        "Expand": tx("Templates", "Expand"),
        "Fix Grammar and Spelling": tx("Templates", "Fix Grammar and Spelling"),
        "Improve": tx("Templates", "Improve"),
        "More Casual": tx("Templates", "More Casual"),
        "More Formal": tx("Templates", "More Formal"),
        "Rewrite with an Instruction…": tx("Templates", "Rewrite with an Instruction…"),
        "Shorten": tx("Templates", "Shorten"),
        "Simplify": tx("Templates", "Simplify"),
        "Summarize as Bullet Points": tx("Templates", "Summarize as Bullet Points"),
        "Summarize in One Sentence": tx("Templates", "Summarize in One Sentence"),
        "Summarize in a Paragraph": tx("Templates", "Summarize in a Paragraph"),
        "Translate…": tx("Templates", "Translate…"),
        # Menus
        "Rewrite": tx("Templates", "Rewrite"),
        "Summarize": tx("Templates", "Summarize"),
        "Write": tx("Templates", "Write"),
        "Tasks": tx("Templates", "Tasks"),
    }


SHIPPED_NAMES = frozenset(_shipped())


def translated(name: str) -> str:
    """Return a shipped name in the interface's language; any other name as it is."""
    return _shipped().get(name, name)


def display_name(template: PromptTemplate) -> str:
    return translated(template.name)
