"""Prompt template files: the shipped ones all work; a writer's override wins; a broken
file is reported with its file and line and leaves the others working."""

from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.prompt_templates import (
    VARIABLES,
    Output,
    TaskKind,
    TemplateCache,
    TemplateFileError,
    load_library,
    load_template,
)
from writer_app.core.task_sampling import resolve_sampling
from writer_app.resources import resource_path

SHIPPED = resource_path("templates")
VALUES = {
    "selection": "The keeper climbed the stairs. {{ not a variable }} {% nor a tag %}",
    "before": "It was a dark night.",
    "after": "",
    "document_title": "The Lighthouse",
    "instruction": "Make it eerie.",
    "language": "French",
}
MINIMAL = '''name = "Mine"
task = "rewrite"
output = "replace_selection"
variables = ["selection"]

[raw]
prompt = """
Before: {{ selection }}
After:"""
'''


def test_every_shipped_template_loads_and_renders_both_ways() -> None:
    library = load_library(SHIPPED)
    assert library.errors == []
    kinds = {template.task for template in library.templates.values()}
    assert kinds == set(TaskKind)
    assert len(library.templates) >= 13
    for template in library.templates.values():
        assert template.has_raw, template.id  # the embedded model is a base model
        assert set(template.variables) <= set(VARIABLES)
        raw = template.render(VALUES, use_chat=False)
        assert raw.text
        assert not raw.messages
        if "selection" in template.variables:
            assert VALUES["selection"] in raw.text  # the writer's text, untouched
        chat = template.render(VALUES, use_chat=True)
        assert chat.messages[-1].role == "user"
        assert resolve_sampling(template, {}).max_tokens > 0


def test_the_presets_the_issue_names_are_shipped() -> None:
    names = {t.name for t in load_library(SHIPPED).templates.values()}
    for name in ("Improve", "Shorten", "Expand", "Simplify", "More Formal", "More Casual",
                 "Fix Grammar and Spelling", "Rewrite with an Instruction…", "Translate…",
                 "Continue Writing", "Summarize in One Sentence", "Summarize in a Paragraph",
                 "Summarize as Bullet Points"):
        assert name in names


def test_a_writers_file_overrides_a_shipped_one_and_adds_new_ones(tmp_path: Path) -> None:
    (tmp_path / "rewrite-shorten.toml").write_text(MINIMAL.replace("Mine", "My Shorten"))
    (tmp_path / "my-own.toml").write_text(MINIMAL)
    library = load_library(SHIPPED, tmp_path)
    assert library.templates["rewrite-shorten"].name == "My Shorten"
    assert library.templates["rewrite-shorten"].path.parent == tmp_path
    assert library.templates["my-own"].output is Output.REPLACE_SELECTION
    assert library.templates["rewrite-improve"].path.parent == SHIPPED


@pytest.mark.parametrize(("text", "line", "words"), [
    (MINIMAL.replace('task = "rewrite"', 'task = "dance"'), 2, "must be one of"),
    (MINIMAL.replace("{{ selection }}", "{{ selection }"), 8, "template error"),
    (MINIMAL.replace("After:", "{% if x %}After:"), 9, "template error"),
    (MINIMAL.replace("{{ selection }}", "{{ instruction }}"), 7, "without listing it"),
    (MINIMAL.replace('name = "Mine"', 'name = "Mine'), 1, "not valid TOML"),
    (MINIMAL + "\n[sampling]\ntemprature = 0.3\n", 12, "unknown sampling setting"),
    (MINIMAL + "\n[sampling]\nmax_tokens = \"lots\"\n", 12, "wrong type"),
    (MINIMAL.replace('variables = ["selection"]', 'variables = ["password"]'), 4, "may list"),
])
def test_a_broken_file_is_reported_with_its_line(tmp_path: Path, text: str, line: int,
                                                 words: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(TemplateFileError) as error:
        load_template(path)
    assert error.value.line == line, str(error.value)
    assert str(error.value).startswith(f"broken.toml, line {line}: ")
    assert words in str(error.value)


def test_a_broken_override_leaves_the_shipped_template_in_use(tmp_path: Path) -> None:
    (tmp_path / "rewrite-shorten.toml").write_text("name = \n")
    library = load_library(SHIPPED, tmp_path)
    assert library.templates["rewrite-shorten"].path.parent == SHIPPED
    assert [error.path.name for error in library.errors] == ["rewrite-shorten.toml"]


def test_a_template_with_nothing_to_send_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_text('name = "E"\ntask = "continue"\noutput = "insert_at_cursor"\n')
    with pytest.raises(TemplateFileError, match="needs a"):
        load_template(path)


def test_a_cached_library_rereads_only_files_that_changed(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    mine = own / "mine.toml"
    mine.write_text('name = "Mine"\ntask = "rewrite"\noutput = "replace_selection"\n'
                    'variables = ["selection"]\n[raw]\nprompt = "{{ selection }}"\n')
    cache: TemplateCache = {}
    first = load_library(SHIPPED, own, cache=cache)
    again = load_library(SHIPPED, own, cache=cache)
    assert again.templates["mine"] is first.templates["mine"]  # not parsed again
    mine.write_text(mine.read_text().replace('"Mine"', '"Mine, Edited"') + "\n")
    edited = load_library(SHIPPED, own, cache=cache)
    assert edited.templates["mine"].name == "Mine, Edited"
    mine.write_text("name = \n")
    broken = load_library(SHIPPED, own, cache=cache)
    assert "mine" not in broken.templates
    assert [error.path for error in broken.errors] == [mine]
    assert [error.path for error in load_library(SHIPPED, own, cache=cache).errors] == [mine]


def test_shipped_raw_prompts_have_chinese_examples_for_chinese_text() -> None:
    library = load_library(SHIPPED)
    for template in library.templates.values():
        if template.id == "continue":
            continue  # the writer's own text is the whole prompt
        assert "zh" in template.raw_prompts_by_language, template.id
        chinese = template.render({**VALUES, "selection": "老灯塔守护人爬上台阶。"},
                                  use_chat=False, language="zh").text
        english = template.render(VALUES, use_chat=False).text
        assert chinese
        assert english
        assert "老灯塔守护人爬上台阶。" in chinese
        assert "Passage:" not in chinese
        assert any(stop and stop.strip() in chinese for stop in template.sampling.stop) or \
            template.task in (TaskKind.SUMMARIZE, TaskKind.TRANSLATE)


def test_a_raw_prompt_in_a_language_falls_back_to_the_default(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL + '''
[raw.zh]
prompt = """
原文：{{ selection }}
改写："""
''', encoding="utf-8")
    template = load_template(path)
    assert "原文" in (template.render(VALUES, False, language="zh").text or "")
    assert "Before:" in (template.render(VALUES, False, language="ja").text or "")
    assert "Before:" in (template.render(VALUES, False).text or "")


@pytest.mark.parametrize(("extra", "message"), [
    ('[raw.english]\nprompt = "x"\n', "not “english”"),
    ('[raw.zh]\nprompt = "x"\nsystem = "y"\n', "needs a “prompt” and nothing else"),
    ('[raw.zh]\nprompt = "{{ instruction }}"\n', "without listing it"),
])
def test_a_broken_language_table_is_refused_with_a_reason(tmp_path: Path, extra: str,
                                                          message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL + "\n" + extra, encoding="utf-8")
    with pytest.raises(TemplateFileError, match=message):
        load_template(path)
