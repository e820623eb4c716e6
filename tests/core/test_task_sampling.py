from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.prompt_templates import TaskKind, load_library, load_template
from writer_app.core.task_sampling import (
    BUILT_IN,
    LIMITS,
    defaults_for,
    resolve_sampling,
    validate_overrides,
)
from writer_app.resources import resource_path


def _template(tmp_path: Path, sampling: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(f'''name = "Mine"
task = "rewrite"
output = "replace_selection"
variables = ["selection"]
[sampling]
{sampling}
[raw]
prompt = "{{{{ selection }}}}"
''')
    return path


def test_values_a_template_leaves_out_come_from_the_writers_defaults(tmp_path: Path) -> None:
    template = load_template(_template(tmp_path, "top_k = 7"))
    overrides = {"rewrite": {"temperature": 1.3, "top_k": 99},
                 "summarize": {"temperature": 0.1}}
    resolved = resolve_sampling(template, overrides)
    assert resolved.top_k == 7  # the template's own value wins
    assert resolved.temperature == 1.3  # the writer's rewrite default
    assert resolved.max_tokens == BUILT_IN[TaskKind.REWRITE].max_tokens  # built in
    assert resolve_sampling(template, {}).temperature == BUILT_IN[TaskKind.REWRITE].temperature


def test_defaults_for_changes_only_what_the_writer_set() -> None:
    mine = defaults_for(TaskKind.CONTINUE, {"continue": {"max_tokens": 1024}})
    assert mine.max_tokens == 1024
    assert mine.temperature == BUILT_IN[TaskKind.CONTINUE].temperature


@pytest.mark.parametrize("raw", [
    {"rewrite": {"temperature": -1}},
    {"rewrite": {"top_k": "many"}},
    {"rewrite": {"top_k": True}},
    {"rewrite": {"colour": 1}},
    {"poems": {}},
    ["rewrite"],
])
def test_invalid_overrides_are_refused(raw: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        validate_overrides(raw)


def test_valid_overrides_are_kept_in_canonical_types() -> None:
    clean = validate_overrides({"translate": {"top_k": 12.0, "temperature": 1}})
    assert clean == {"translate": {"top_k": 12, "temperature": 1.0}}
    assert isinstance(clean["translate"]["top_k"], int)


def test_built_in_defaults_lie_within_the_preferences_ranges() -> None:
    for defaults in BUILT_IN.values():
        for name, limit in LIMITS.items():
            assert limit.low <= getattr(defaults, name) <= limit.high, name


def test_shipped_templates_leave_most_values_to_the_writer() -> None:
    library = load_library(resource_path("templates"))
    own = {t.id: t.sampling for t in library.templates.values()}
    assert own["rewrite-fix-grammar"].temperature == 0.2
    assert own["rewrite-shorten"].temperature is None
    assert all(s.stop for s in own.values())
