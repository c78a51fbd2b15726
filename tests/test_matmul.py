"""The model's matrix products on numpy's BLAS (loaders/extract/matmul.py): the same parse as
spaCy's own BLIS products, on one BLAS thread unless the user says otherwise."""
import numpy
import pytest
import spacy
from threadpoolctl import threadpool_info

from newsgraph.loaders.extract.matmul import THREAD_VARIABLES, model_ops
from newsgraph.loaders.extract.nlp import load_nlp, model_name

TEXT = ("Police in the town of Varlen detained the blogger Edvin Morrow on Tuesday. A district court "
        "sentenced his colleague, the journalist Lidia Arkova, to three years in a penal colony for "
        "\"extremism\", her lawyer told the Free Voice newspaper on 12 March 2024.\n\n"
        "The Interior Ministry said officers had searched the office of the opposition party People's Path.")


def _blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


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


def test_loading_holds_numpys_blas_to_one_thread_and_a_forked_worker_starts_no_blas_thread(ops):
    import multiprocessing
    import os

    load_nlp()
    if any(os.environ.get(name) for name in THREAD_VARIABLES):
        pytest.skip("the user's BLAS thread setting is obeyed")
    assert _blas_threads() and set(_blas_threads()) == {1}
    x = numpy.ones((300, 300), dtype="float32")
    assert numpy.array_equal(ops.gemm(x, x), x @ x)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        threads, ents = pool.apply(_parse_in_child)
    assert threads == 1  # OpenBLAS started no thread pool in the worker
    assert ents == [(e.text, e.label_) for e in load_nlp()(TEXT.split("\n\n")[0]).ents]


def _parse_in_child():
    import os

    ents = [(e.text, e.label_) for e in load_nlp()(TEXT.split("\n\n")[0]).ents]
    return len(os.listdir(f"/proc/{os.getpid()}/task")), ents


def test_a_users_blas_thread_setting_is_obeyed(ops, tmp_path):
    import subprocess
    import sys

    code = ("from newsgraph.loaders.extract.nlp import load_nlp; from threadpoolctl import threadpool_info; "
            "load_nlp(); print([i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas'])")
    env = {k: v for k, v in __import__("os").environ.items() if k not in THREAD_VARIABLES}
    out = subprocess.run([sys.executable, "-c", code], env={**env, "OPENBLAS_NUM_THREADS": "2"},
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[2]"
