"""The memory estimate against figures computed by hand, and the fit verdicts."""

from __future__ import annotations

from writer_app.core.memory_fit import (
    Fit,
    GiB,
    Machine,
    MiB,
    estimate_memory,
    fit_of,
    judge_fit,
    kv_cache_bytes,
)
from writer_app.core.model_catalogue import find_entry, load_catalogue
from writer_app.resources import catalogue_path

CATALOGUE = load_catalogue(catalogue_path())


def entry(model_id: str):
    found = find_entry(CATALOGUE, model_id)
    assert found is not None
    return found


def test_llama_3_2_3b_q4_k_m_at_4096_tokens():
    model = entry("llama-3.2-3b-instruct-q4_k_m")
    # By hand: K and V (2) x 28 layers x 4096 tokens x 8 KV heads x 128 dims x 2 bytes (f16)
    # = 469,762,048 bytes (448 MiB); weights are the file, 2,019,377,696 bytes; runtime
    # 300 MiB = 314,572,800. Total 2,803,712,544 bytes.
    estimate = estimate_memory(model.size, model.shape, 4096)
    assert estimate.kv_cache == 469_762_048
    assert estimate.weights == 2_019_377_696
    assert estimate.total == 2_803_712_544


def test_qwen2_5_1_5b_q4_k_m_at_8192_tokens():
    model = entry("qwen2.5-1.5b-instruct-q4_k_m")
    # 2 x 28 layers x 8192 tokens x 2 KV heads x 128 dims x 2 bytes = 234,881,024 (224 MiB);
    # + 1,117,320,736 weights + 314,572,800 runtime = 1,666,774,560 bytes.
    estimate = estimate_memory(model.size, model.shape, 8192)
    assert estimate.kv_cache == 234_881_024
    assert estimate.total == 1_666_774_560


def test_grouped_query_attention_keeps_qwen_s_cache_a_quarter_of_llama_s():
    llama = entry("llama-3.2-3b-instruct-q4_k_m")
    qwen = entry("qwen2.5-1.5b-instruct-q4_k_m")
    assert kv_cache_bytes(llama.shape, 4096) == 4 * kv_cache_bytes(qwen.shape, 4096)


def test_an_8_gb_laptop_runs_3b_but_not_8b_at_q4_with_a_long_context():
    laptop = Machine(ram_total=8 * GiB)  # 6 GiB usable after the 2 GiB reserve
    assert laptop.usable_ram == 6 * GiB
    small = entry("llama-3.2-3b-instruct-q4_k_m")
    big = entry("llama-3.1-8b-instruct-q4_k_m")
    assert fit_of(small.size, small.shape, laptop, 4096).fit == Fit.FITS
    # 8B at 16k tokens: 4,920,739,232 + 2 x 32 x 16384 x 8 x 128 x 2 (2 GiB) + 300 MiB.
    verdict = fit_of(big.size, big.shape, laptop, 16384)
    assert verdict.fit == Fit.NO
    assert "does not fit" in verdict.text


def test_a_small_gpu_takes_part_of_the_layers():
    model = entry("llama-3.1-8b-instruct-q4_k_m")
    machine = Machine(ram_total=16 * GiB, backend="CUDA", gpu_memory=4 * GiB)
    estimate = estimate_memory(model.size, model.shape, 4096)
    verdict = judge_fit(estimate, machine, model.layers)
    # Per layer: (4,920,739,232 + 536,870,912) / 32 = 170,550,317 bytes. Usable VRAM:
    # 0.9 x 4 GiB = 3,865,470,566; minus 300 MiB runtime = 3,550,897,766 -> 20 layers.
    assert verdict.fit == Fit.PARTIAL
    assert verdict.gpu_layers == 20
    big_gpu = Machine(ram_total=16 * GiB, backend="CUDA", gpu_memory=24 * GiB)
    assert judge_fit(estimate, big_gpu, model.layers).gpu_layers == model.layers


def test_apple_silicon_counts_gpu_and_ram_as_one():
    model = entry("mistral-7b-instruct-v0.3-q4_k_m")
    mac = Machine(ram_total=16 * GiB, backend="Metal", gpu_memory=16 * GiB,
                  unified_memory=True)
    verdict = fit_of(model.size, model.shape, mac, 4096)
    assert (verdict.fit, verdict.gpu_layers) == (Fit.FITS, model.layers)


def test_without_the_architecture_the_verdict_says_it_is_rough():
    verdict = fit_of(500 * MiB, None, Machine(ram_total=8 * GiB), 4096)
    assert verdict.fit == Fit.FITS
    assert "rough" in verdict.text
