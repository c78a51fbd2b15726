"""The model's matrix products on numpy's BLAS, one thread at a time.

spaCy's models multiply their matrices with thinc's ``NumpyOps.gemm``, which calls the
BLIS library that thinc ships (the ``blis`` package). On the machines this was measured on
(an AMD EPYC of 2026, the ``blis`` 1.3 wheel) BLIS ran a 2000x288 by 288x288 product 3x
slower than the OpenBLAS inside numpy's own wheel, on one thread, and about half of the
model's time is such products. :func:`model_ops` is thinc's ``NumpyOps`` with BLIS left
out (``use_blis=False``: thinc's own numpy path), and each product held to one BLAS
thread, so a process that parses still uses one core and ``--workers N`` uses N, as with
BLIS. The model loads with it (:func:`newsgraph.loaders.extract.nlp.load_nlp`): its parse
of realdev and of the demo ran about 1.3x as fast, with the same tags, heads,
dependencies and entities on every token (2026-12-07; a sum taken in another order can
differ in its last bit, so a near-tie between two labels could in principle fall the
other way). If numpy's BLAS is not one of the optimised ones that ``threadpoolctl`` knows
(a build against the reference BLAS, say), the model keeps BLIS.

>>> ops = model_ops()
>>> ops is None or ops.use_blis is False
True
"""
from __future__ import annotations

from functools import lru_cache

__all__ = ["model_ops", "FAST_BLAS"]

# numpy's BLAS libraries known to be optimised, by threadpoolctl's "internal_api"
FAST_BLAS = frozenset({"openblas", "mkl", "blis", "accelerate"})


@lru_cache(maxsize=1)
def _blas():
    """threadpoolctl's handle on numpy's BLAS, or None when numpy's BLAS is not a fast one."""
    import numpy  # noqa: F401 - loads numpy's BLAS, which threadpoolctl then finds
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    blas = ThreadpoolController().select(user_api="blas")
    if not blas.lib_controllers or any(c.internal_api not in FAST_BLAS for c in blas.lib_controllers):
        return None
    return blas


@lru_cache(maxsize=1)
def model_ops():
    """thinc ``Ops`` whose ``gemm`` is numpy's ``dot`` on one BLAS thread, or None (keep BLIS)."""
    blas = _blas()
    if blas is None:
        return None
    from thinc.api import NumpyOps

    class OneThreadNumpyOps(NumpyOps):
        """``NumpyOps(use_blis=False)``, each product on one thread of numpy's BLAS."""

        def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
            with blas.limit(limits=1):
                return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)

    return OneThreadNumpyOps(use_blis=False)
