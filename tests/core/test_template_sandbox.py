"""Untrusted templates render safely: no code, no hang, no runaway output."""

from __future__ import annotations

import jinja2
import pytest

from writer_app.core.template_sandbox import TemplateRenderError, compile_template, render

WRITER_TEXT = "Use {{ name }} and {% for x in y %}{{ x }}{% endfor %} here; {# not a comment #}"


def test_the_writers_text_is_data_never_template_syntax() -> None:
    out = render("Rewrite: {{ selection }}|", {"selection": WRITER_TEXT})
    assert out == f"Rewrite: {WRITER_TEXT}|"


@pytest.mark.parametrize("attack", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ selection.__class__.__base__.__subclasses__() }}",
    "{{ lipsum.__globals__['os'].system('true') }}",
    "{% set x = [] %}{{ x.append(1) }}",
    "{{ ''.format.__self__ }}",
])
def test_escapes_from_the_sandbox_are_refused(attack: str) -> None:
    with pytest.raises(TemplateRenderError):
        render(attack, {"selection": "text"})


def test_a_template_that_loops_for_ever_is_stopped() -> None:
    forever = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    with pytest.raises(TemplateRenderError, match=r"longer than 0\.3 s"):
        render(forever, {}, timeout_s=0.3)


def test_runaway_output_and_huge_numbers_are_refused() -> None:
    with pytest.raises(TemplateRenderError, match="too long"):
        render("{{ 'x' * 100000000 }}", {})
    with pytest.raises(TemplateRenderError, match="power"):
        render("{{ 9 ** 99999999 }}", {})
    with pytest.raises(TemplateRenderError, match="more than 1,000 characters"):
        render("{% for i in range(5000) %}ab{% endfor %}", {}, max_chars=1000)


def test_a_misspelt_variable_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(TemplateRenderError, match="selecton"):
        render("{{ selecton }}", {"selection": "text"})


def test_syntax_errors_carry_their_line() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError) as error:
        compile_template("line one\nline two\n{% if %}\n")
    assert error.value.lineno == 3


def test_the_trace_function_in_place_is_restored() -> None:
    import sys

    def tracer(*_args: object) -> None:
        return None

    sys.settrace(tracer)
    try:
        render("{{ a }}", {"a": 1})
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(None)
