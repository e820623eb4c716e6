"""Sampling for tasks: built-in defaults per kind of task, the writer's own defaults
from Preferences, and a template's own values, in that order of strength.

A template that sets a value keeps it (Fix Grammar wants a low temperature whatever the
writer prefers for rewrites); every value a template leaves out comes from the writer's
defaults for its kind of task, or else from the built-in ones below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from writer_app.core.prompt_templates import PromptTemplate, TaskKind


@dataclass(frozen=True)
class SamplingDefaults:
    """The five numbers a writer can tune per kind of task."""

    temperature: float
    top_p: float
    top_k: int
    repeat_penalty: float
    max_tokens: int


@dataclass(frozen=True)
class Limit:
    """The range Preferences offers for one setting, and what it is called there."""

    label: str
    low: float
    high: float
    step: float
    help: str


LIMITS: dict[str, Limit] = {
    "temperature": Limit("Temperature", 0.0, 2.0, 0.05,
                         "Higher gives more varied wording; 0 always picks the likeliest."),
    "top_p": Limit("Top-p", 0.05, 1.0, 0.05,
                   "Only words within this share of the probability are considered."),
    "top_k": Limit("Top-k", 0, 200, 1,
                   "Only this many likeliest words are considered (0: no limit)."),
    "repeat_penalty": Limit("Repeat penalty", 1.0, 2.0, 0.05,
                            "Above 1 discourages repeating recent words."),
    "max_tokens": Limit("Maximum length (tokens)", 16, 4096, 16,
                        "The task stops after this many tokens (about ¾ of a word each)."),
}

BUILT_IN: dict[TaskKind, SamplingDefaults] = {
    TaskKind.REWRITE: SamplingDefaults(0.7, 0.95, 40, 1.1, 600),
    TaskKind.SUMMARIZE: SamplingDefaults(0.3, 0.95, 40, 1.1, 300),
    TaskKind.CONTINUE: SamplingDefaults(0.8, 0.95, 40, 1.1, 300),
    TaskKind.TRANSLATE: SamplingDefaults(0.2, 0.95, 40, 1.1, 800),
}

# The writer's choices as stored in the settings: {"rewrite": {"temperature": 0.9}}.
Overrides = Mapping[str, Mapping[str, float | int]]


def _checked(name: str, value: Any) -> float | int:
    limit = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number")
    if not limit.low <= value <= limit.high:
        raise ValueError(f"{name} must be between {limit.low:g} and {limit.high:g}")
    is_whole = isinstance(getattr(BUILT_IN[TaskKind.REWRITE], name), int)
    return int(value) if is_whole else float(value)


def validate_overrides(raw: Any) -> dict[str, dict[str, float | int]]:
    """Return the stored overrides in canonical form; raise ValueError if any is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("task sampling must be a table")
    clean: dict[str, dict[str, float | int]] = {}
    for kind, values in raw.items():
        TaskKind(kind)  # raises ValueError for an unknown kind
        if not isinstance(values, dict) or not set(values) <= set(LIMITS):
            raise ValueError(f"unknown sampling settings for {kind}")
        clean[kind] = {name: _checked(name, value) for name, value in values.items()}
    return clean


def defaults_for(kind: TaskKind, overrides: Overrides) -> SamplingDefaults:
    """Return the writer's defaults for `kind`: the built-in ones, changed by Preferences."""
    return replace(BUILT_IN[kind], **dict(overrides.get(kind.value, {})))


def resolve_sampling(template: PromptTemplate, overrides: Overrides) -> SamplingDefaults:
    """Return the numbers `template` runs with: its own values where it sets them."""
    own = template.sampling
    base = defaults_for(template.task, overrides)
    chosen = {f.name: getattr(own, f.name) for f in fields(SamplingDefaults)
              if getattr(own, f.name) is not None}
    return replace(base, **chosen)
