"""The model's matrix products on numpy's BLAS (loaders/extract/matmul.py): the same parse as
spaCy's own BLIS products, one BLAS thread per product, the process's setting left as it was."""
import numpy
import pytest
import spacy
from threadpoolctl import threadpool_info

from newsgraph.loaders.extract.matmul import model_ops
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
    assert all(type(layer.ops).__name__ == "NumpyOps" for _, p in stock.pipeline if hasattr(p, "model")
               for layer in p.model.walk())
    ours = load_nlp()
    # newsgraph's pipeline breaks sentences at blank lines; compare paragraph by paragraph
    for paragraph in TEXT.split("\n\n"):
        assert _annotations(ours(paragraph)) == _annotations(stock(paragraph))


def test_a_product_runs_on_one_blas_thread_and_leaves_the_setting_as_it_was(ops):
    seen = []

    class Recording:
        """numpy, but ``dot`` notes how many threads numpy's BLAS may use when it is called."""

        def __getattr__(self, name):
            return getattr(numpy, name)

        @staticmethod
        def dot(x, y, out=None):
            seen.append(_blas_threads())
            return numpy.dot(x, y, out=out)

    probe = type(ops)(use_blis=False)
    probe.xp = Recording()
    before = _blas_threads()
    x = numpy.arange(12, dtype="float32").reshape(3, 4)
    y = numpy.arange(8, dtype="float32").reshape(4, 2)
    assert numpy.array_equal(probe.gemm(x, y), x @ y)
    assert numpy.array_equal(probe.gemm(x, x, trans2=True), x @ x.T)
    assert seen == [[1] * len(before)] * 2
    assert _blas_threads() == before
