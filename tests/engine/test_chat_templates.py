"""A model's own chat template lays out task messages, in the sandbox: a GGUF file whose
template tries to escape it, or never ends, fails the request and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.engine.test_engine_process import Harness
from tests.tiny_models import write_tiny_llama
from writer_app.engine.client.blocking_engine import ModelLoadError
from writer_app.engine.process.llama_engine import LlamaEngine
from writer_app.engine.protocol import ChatMessage, Failed, Finished, Sampling

CHAT = ("{{ bos_token }}{% for m in messages %}{{ m.role }}: {{ m.content }} {% endfor %}"
        "{% if add_generation_prompt %}assistant:{% endif %}")
MESSAGES = (ChatMessage("system", "Be brief."), ChatMessage("user", "Say {{ hi }}."))


def tiny(tmp_path: Path, chat_template: str | None) -> LlamaEngine:
    path = tmp_path / "chat.gguf"
    write_tiny_llama(path, fill_in_middle=False, chat_template=chat_template)
    return LlamaEngine(path, n_ctx=512, n_threads=1, n_gpu_layers=0)


def test_messages_are_laid_out_by_the_models_template(tmp_path: Path) -> None:
    engine = tiny(tmp_path, CHAT)
    tokens = engine.chat_tokens(MESSAGES, max_tokens=16)
    text = engine._llm.detokenize(tokens, special=True).decode()
    # The writer's "{{ hi }}" is data: it reaches the model as typed. (SentencePiece
    # puts a space after "<s>" when it turns tokens back into text.)
    assert text.replace("<s> ", "<s>") == "<s>system: Be brief. user: Say {{ hi }}. assistant:"
    assert tokens[0] == engine._llm.token_bos()
    assert tokens.count(engine._llm.token_bos()) == 1


@pytest.mark.parametrize(("template", "words"), [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ messages.__class__.__base__.__subclasses__() }}", "unsafe"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
     "took longer"),
    ("{{ raise_exception('no system messages') }}", "refused the request"),
])
def test_a_hostile_or_broken_chat_template_fails_the_request(
        tmp_path: Path, template: str, words: str) -> None:
    engine = tiny(tmp_path, template)
    with pytest.raises(ValueError, match="chat template failed") as error:
        engine.chat_tokens(MESSAGES, max_tokens=16)
    assert words in str(error.value)


def test_a_model_without_a_chat_template_says_so(tmp_path: Path) -> None:
    engine = tiny(tmp_path, None)
    assert engine.chat_template is None
    with pytest.raises(ValueError, match="no chat template"):
        engine.chat_tokens(MESSAGES, max_tokens=16)


def test_the_engine_process_reports_the_failure_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "hostile.gguf"
    write_tiny_llama(path, fill_in_middle=False,
                     chat_template="{{ cycler.__init__.__globals__.os.system('true') }}")
    with Harness() as engine:
        loaded = engine.load(str(path), tmp_path)
        assert loaded.chat_template
        request_id = engine.start("", Sampling(max_tokens=4), messages=MESSAGES)
        with pytest.raises(Exception, match="chat template") as error:
            list(engine.stream(request_id))
        assert "unsafe" in str(error.value)
        # The engine is still there and still writes.
        request_id = engine.start("abc", Sampling(max_tokens=3))
        last = list(engine.stream(request_id))[-1]
        assert isinstance(last, Finished)
        assert not isinstance(last, Failed)


def test_a_model_whose_chat_template_does_not_compile_is_refused_clearly(
        tmp_path: Path) -> None:
    path = tmp_path / "broken.gguf"
    write_tiny_llama(path, fill_in_middle=False, chat_template="{% for m in messages %}")
    with Harness() as engine:
        with pytest.raises(ModelLoadError, match="chat template is broken"):
            engine.load(str(path), tmp_path)
        # The engine process survived and loads a good model next.
        write_tiny_llama(tmp_path / "good.gguf", fill_in_middle=False)
        assert engine.load(str(tmp_path / "good.gguf"), tmp_path).model_name
