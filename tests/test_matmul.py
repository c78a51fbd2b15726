"""The model's matrix products on numpy's BLAS (loaders/extract/matmul.py): the same parse as
spaCy's own BLIS products, on one BLAS thread unless the user says otherwise."""
import os
import subprocess
import sys

import pytest
import spacy
from newsgraph.loaders.extract.matmul import THREAD_VARIABLES, model_ops
from newsgraph.loaders.extract.nlp import load_nlp, model_name

TEXT = ("Police in the town of Varlen detained the blogger Edvin Morrow on Tuesday. A district court "
        "sentenced his colleague, the journalist Lidia Arkova, to three years in a penal colony for "
        "\"extremism\", her lawyer told the Free Voice newspaper on 12 March 2024.\n\n"
        "The Interior Ministry said officers had searched the office of the opposition party People's Path.")


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def ops():
    found = model_ops()
    if found is None:
        pytest.skip("numpy's BLAS is not an optimised one here: the model keeps BLIS")
    return found


def test_every_layer_of_the_loaded_model_computes_with_numpys_blas(ops):
    nlp = load_nlp()
    for name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if hasattr(model, "walk"):
            assert {id(layer.ops) for layer in model.walk()} == {id(ops)}, name
    assert ops.use_blis is False


def test_the_parse_is_the_one_spacy_gives_with_its_own_products(ops):
    stock = spacy.load(model_name(), exclude=["lemmatizer"])
    assert all(layer.ops.use_blis for _, p in stock.pipeline if hasattr(p, "model") for layer in p.model.walk())
    ours = load_nlp()
    # newsgraph's pipeline breaks sentences at blank lines; compare paragraph by paragraph
    for paragraph in TEXT.split("\n\n"):
        assert _annotations(ours(paragraph)) == _annotations(stock(paragraph))


_FORKED_WORKER = """
import multiprocessing, os
from threadpoolctl import threadpool_info
from newsgraph.loaders.extract.nlp import load_nlp

def child(text):
    ents = [(e.text, e.label_) for e in load_nlp()(text).ents]
    return len(os.listdir(f"/proc/{os.getpid()}/task")), ents

if __name__ == "__main__":
    text = %r
    nlp = load_nlp()
    print([i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        threads, ents = pool.apply(child, (text,))
    print(threads)
    print(ents == [(e.text, e.label_) for e in nlp(text).ents] and len(ents) > 0)
"""


def _clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    return {**env, **extra}


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_loading_holds_numpys_blas_to_one_thread_and_a_forked_worker_starts_no_blas_thread(ops, tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(_FORKED_WORKER % TEXT.split("\n\n")[0], encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], env=_clean_env(), capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[0] == "[1]"    # numpy's BLAS on one thread once the model is loaded
    assert out[1] == "1"      # the forked worker parsed with its one thread: OpenBLAS started no pool
    assert out[2] == "True"   # and found the entities the parent finds


def test_a_users_blas_thread_setting_is_obeyed(ops):
    code = ("from newsgraph.loaders.extract.nlp import load_nlp; from threadpoolctl import threadpool_info; "
            "load_nlp(); print([i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'])")
    out = subprocess.run([sys.executable, "-c", code], env=_clean_env(OPENBLAS_NUM_THREADS="2"),
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[2]"
