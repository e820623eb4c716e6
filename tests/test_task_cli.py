"""Tasks from the command line: the same templates and engine as the editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import run
from writer_app.core.prompt_templates import load_library
from writer_app.resources import resource_path

# Not the templates' own example passage: an answer to that is the example's answer.
PASSAGE = ("The keeper, who had lived alone on the island for almost twenty years, finally "
           "rowed across to the village on the first calm morning of spring.\n")
SHIPPED = sorted(load_library(resource_path("templates")).templates.values(),
                 key=lambda t: t.id)


def test_templates_list_shows_shipped_and_own_templates(writer_home: Path) -> None:
    own = writer_home / "config" / "templates"
    own.mkdir(parents=True)
    (own / "rewrite-shorten.toml").write_text(
        (resource_path("templates") / "rewrite-shorten.toml").read_text()
        .replace('name = "Shorten"', 'name = "Cut Down"'))
    (own / "broken.toml").write_text("name = \n")
    result = run(["templates", "list"])
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "Rewrite → Cut Down" in out
    assert "Rewrite → Shorten " not in out
    assert out.count("\n") == len(SHIPPED)
    assert "broken.toml, line 1" in result.stderr.decode()


@pytest.mark.model
@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.id)
def test_every_shipped_template_runs_on_the_embedded_model(writer_home: Path,
                                                           template: object) -> None:
    from writer_app.core.prompt_templates import PromptTemplate, TaskKind

    assert isinstance(template, PromptTemplate)
    if template.task is TaskKind.CONTINUE:
        args = ["continue"]
    elif template.task is TaskKind.SUMMARIZE:
        args = ["summarize", "--style", template.id.removeprefix("summarize-")]
    else:
        args = ["rewrite", "--template", template.id, "--instruction", "Make it eerie.",
                "--language", "French"]
    result = run([*args, "--max-tokens", "12"], PASSAGE.encode(), timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert out.strip(), f"{template.id} wrote nothing"
    if not template.keeps_leading_space:
        assert not out[0].isspace()
    # The embedded model is a base model: the writer is told once, where it matters.
    assert ("base model" in result.stderr.decode()) == template.prefers_instruct


@pytest.mark.parametrize(("args", "words"), [
    (["rewrite", "--template", "no-such"], "no template “no-such”"),
    (["rewrite", "--template", "rewrite-instruction"], "needs --instruction"),
    (["rewrite", "--template", "Translate…"], "needs --language"),
    (["summarize", "--max-tokens", "0"], "at least 1"),
])
def test_task_commands_refuse_bad_requests(writer_home: Path, args: list[str],
                                           words: str) -> None:
    result = run(args, PASSAGE.encode())
    assert result.returncode == 2
    assert words in result.stderr.decode()


def test_a_task_needs_text(writer_home: Path) -> None:
    result = run(["continue"], b"  \n")
    assert result.returncode == 2
    assert "nothing to work on" in result.stderr.decode()


@pytest.mark.model
def test_the_writers_task_defaults_reach_the_command_line(writer_home: Path) -> None:
    import json

    settings = writer_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    outputs = []
    # A summary, not Continue Writing: that ends with its paragraph, often within 16 tokens.
    for max_tokens in (16, 48):
        settings.write_text(json.dumps(
            {"task_sampling": {"summarize": {"max_tokens": max_tokens, "temperature": 0.0}}}))
        result = run(["summarize", "--style", "paragraph"], PASSAGE.encode(), timeout=120)
        assert result.returncode == 0, result.stderr.decode()
        outputs.append(result.stdout.decode().rstrip("\n"))
    short, longer = outputs
    # Greedy (temperature 0 from the settings): the longer run begins with the shorter.
    assert longer.startswith(short)
    assert len(longer) > len(short)
    assert len(short.split()) <= 17  # 16 tokens: a word is at least one token
