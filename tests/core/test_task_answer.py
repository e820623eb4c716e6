"""What of a task's output is its answer: the template's labels and examples never reach
the writer, and an answer that should be one paragraph or end at a sentence does."""

from __future__ import annotations

from writer_app.core.prompt_templates import PromptTemplate, load_library
from writer_app.core.task_answer import AnswerRules, answer_rules, shape_answer, stops
from writer_app.resources import resource_path

LIBRARY = load_library(resource_path("templates"))
EXAMPLE_FR = "La bibliothèque ouvre à neuf heures et ferme quand le dernier lecteur s'en va."


def template(name: str) -> PromptTemplate:
    return LIBRARY.templates[name]


def rules(name: str, writing: str = "", **values: str) -> AnswerRules:
    """The rules for template `name`, given the writer's `values`, for text in `writing`."""
    return answer_rules(template(name), values, chat_model=False, language=writing)


def test_a_label_of_the_template_ends_the_answer() -> None:
    """The issue's Rewrite with an Instruction: the English template had no stop there."""
    instruction = rules("rewrite-instruction", selection="He walks.\nShe runs.",
                        instruction="in the present tense")
    raw = " He walked.\nShe ran.\nInstruction: in the past tense\nPassage: It rains."
    assert shape_answer(raw, instruction, finished=True).text == " He walked.\nShe ran."
    assert "\nInstruction:" in stops(instruction, template("rewrite-instruction").sampling.stop)
    # While it streams, the start of a label is held back rather than shown and taken away.
    assert shape_answer(" He walked.\nShe ran.\nInstr", instruction, finished=False).text == (
        " He walked.\nShe ran.\n")


def test_chinese_labels_end_it_too() -> None:
    shorten = rules("rewrite-shorten", writing="zh", selection="他走了。\n她也走了。")
    assert shape_answer("他走了。\n她走了。\n原文：天黑了。", shorten, finished=True).text == (
        "他走了。\n她走了。")


def test_the_templates_own_example_is_never_an_answer() -> None:
    """The issue's Translate → French, which returned the example about a library."""
    french = rules("translate", selection="The boat lay on its side.", language="French")
    answer = shape_answer(" " + EXAMPLE_FR, french, finished=True)
    assert (answer.text, answer.repeated_template) == ("", True)
    # Never shown while it streams either.
    assert not shape_answer(" La bibliothèque ouvre", french, finished=False).text.strip()


def test_a_line_repeating_the_example_under_another_label_is_cut() -> None:
    """The issue's Translate → Spanish, which added `English: The library…`."""
    spanish = rules("translate", selection="The boat lay on its side.", language="Spanish")
    raw = " El barco yacía de lado.\nEnglish: The library opens at nine and closes"
    answer = shape_answer(raw, spanish, finished=True)
    assert answer.text == " El barco yacía de lado."
    assert "\nSpanish:" in stops(spanish, template("translate").sampling.stop)


def test_a_few_words_that_happen_to_match_the_example_are_kept() -> None:
    shorten = rules("rewrite-shorten", selection="The meeting was moved because many could "
                                                 "not come.")
    assert shape_answer(" The meeting moved.", shorten, finished=True).text == (
        " The meeting moved.")


def test_translating_the_examples_own_sentence_gives_its_translation() -> None:
    french = rules("translate", language="French",
                   selection="The library opens at nine and closes when the last reader "
                             "leaves.")
    assert shape_answer(EXAMPLE_FR, french, finished=True).text == EXAMPLE_FR


def test_one_paragraph_in_gives_one_paragraph_out() -> None:
    shorten = rules("rewrite-shorten", selection="The keeper rowed to the village.")
    answer = shape_answer(" The keeper rowed.\n\nHe had not seen", shorten, finished=False)
    assert (answer.text, answer.complete) == (" The keeper rowed.", True)
    several = rules("rewrite-shorten", selection="He rowed.\nShe waited.")
    assert shape_answer("He went.\nShe sat.", several, finished=True).text == (
        "He went.\nShe sat.")


def test_continue_writing_ends_with_its_paragraph_at_a_sentence_end() -> None:
    """The issue's Continue Writing: four and a half paragraphs, ending mid-sentence."""
    go_on = rules("continue", before="The sea was grey.", document_title="")
    raw = " The boat rocked. It looked like an old sea\n\nThe next day"
    answer = shape_answer(raw, go_on, finished=False)
    assert (answer.text, answer.complete) == (" The boat rocked.", True)
    cut_short = shape_answer(" The boat rocked. It looked like an old sea", go_on,
                             finished=True)
    assert cut_short.text == " The boat rocked."
    # What may still change is not settled: the command line prints only what is.
    assert shape_answer(" The boat rocked. It looked", go_on, finished=False).settled == (
        " The boat rocked.")
    # Starting a paragraph of its own is not the end of one.
    assert shape_answer("\n\nThe boat rocked.", go_on, finished=True).text == (
        "\n\nThe boat rocked.")
    # A paragraph without a sentence end is kept whole rather than dropped.
    assert shape_answer(" and the boat", go_on, finished=True).text == " and the boat"


def test_chinese_continuation_ends_at_a_chinese_sentence_end() -> None:
    go_on = rules("continue", before="海是灰色的。", document_title="")
    assert shape_answer("船摇晃着。它看起来像", go_on, finished=True).text == "船摇晃着。"


def test_every_shipped_template_has_its_labels_as_stops() -> None:
    for shipped in LIBRARY.templates.values():
        values = dict.fromkeys(shipped.variables, "Text.") | {"language": "German"}
        for language in ("", *shipped.raw_prompts_by_language):
            found = answer_rules(shipped, values, chat_model=False, language=language)
            for label in found.labels:
                assert any(stop.casefold() == f"\n{label}:" or stop.casefold() == f"\n{label}："
                           for stop in stops(found, shipped.sampling.stop)), (shipped.id, label)
