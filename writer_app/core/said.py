"""Messages for the writer from the layers without Qt, in English and translatable.

The core, the engine and the hub tell the writer what went wrong ("This file holds
binary data, not text."), but they may not use Qt's translation system. So they write
`said("Documents", "It is {size} MB…").format(size=…)`: the result is the English text,
a plain `str` everywhere (logs, the command line, tests), which also remembers its
context, its template and its values. The interface then says it in the writer's
language (`writer_app/ui/i18n.py: say`). `pyside6-lupdate` finds these templates as it
finds `tx`, through the alias `translate+=said`; values are always given by `.format`,
never in the call, because lupdate does not read a call with more arguments.

A message that crosses the engine process's pipe keeps all this: `to_json` and
`from_json` write it as {"said": [context, template, values]}.
"""

from __future__ import annotations

from typing import Any


class Said(str):
    """An English message that knows how to be translated."""

    context: str
    template: str
    values: dict[str, str]  # a value may itself be a Said ("{problem}")

    def __new__(cls, context: str, template: str, values: dict[str, str] | None = None
                ) -> Said:
        values = values or {}
        text = template.format(**values) if values else template
        message = super().__new__(cls, text)
        message.context = context
        message.template = template
        message.values = values
        return message

    def format(self, *args: object, **values: object) -> Said:  # type: ignore[override]
        """Fill the template's named fields; the values are kept as text (a Said value
        stays one, so that it is translated too)."""
        if args:
            raise TypeError("said(...).format takes named fields only")
        return Said(self.context, self.template,
                    {k: v if isinstance(v, Said) else str(v) for k, v in values.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (self.context, self.template, self.values))

    def __deepcopy__(self, _memo: dict[int, Any]) -> Said:
        return self  # immutable, like any str


def said(context: str, template: str) -> Said:
    """Mark an English message for translation; `.format(name=…)` fills its fields."""
    return Said(context, template)


def to_json(value: object) -> object:
    """Return `value` with every Said in it written so that JSON keeps its parts."""
    if isinstance(value, Said):
        return {"said": [value.context, value.template, to_json(value.values)]}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def from_json(value: object) -> object:
    """Undo `to_json`: messages come back as Said."""
    if isinstance(value, dict):
        parts = value.get("said")
        if (len(value) == 1 and isinstance(parts, list) and len(parts) == 3
                and isinstance(parts[0], str) and isinstance(parts[1], str)
                and isinstance(parts[2], dict)):
            values = {str(k): v if isinstance(v := from_json(item), Said) else str(v)
                      for k, item in parts[2].items()}
            return Said(parts[0], parts[1], values)
        return {key: from_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [from_json(item) for item in value]
    return value


def message_of(error: BaseException) -> str:
    """Return an exception's message, the Said itself where it carries one (str(error)
    would keep only the English)."""
    if error.args and isinstance(error.args[0], Said):
        return error.args[0]
    return str(error)
