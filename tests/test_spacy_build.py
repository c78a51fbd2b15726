"""The installed spaCy is a build whose parser does not take the GIL in its inner loop.

spaCy's wheels from 3.8.8 on (built with a newer Cython) call ``PyGILState_Ensure`` and
``PyGILState_Release`` in ``StateC::B``, which the entity recognizer and the parser call for
every state at every step: the same parses at about 1.5x the CPU (docs/benchmarks.md, "sixth
round"). setup.cfg asks for spaCy < 3.8.8 where such a wheel exists; this reads the machine code
of the installed parser to check that what got installed is the fast build.
"""
import importlib
import shutil
import subprocess
import sys

import pytest

FUNCTION = "_state_StateC::B(int) const>:"


def _calls_in(module: str) -> list[str] | None:
    """The instructions of ``StateC::B`` compiled into ``module``, None if it has no such function."""
    path = importlib.import_module(module).__file__
    listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", path], capture_output=True,
                             text=True, check=True).stdout
    start = listing.find(FUNCTION)
    if start < 0:
        return None
    body = listing[start:listing.find("\n\n", start)]
    return [line for line in body.splitlines() if "call" in line]


@pytest.mark.skipif(sys.version_info >= (3, 14), reason="spaCy 3.8.7 has no wheel for Python 3.14")
@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
@pytest.mark.parametrize("module", ["spacy.pipeline._parser_internals.ner",
                                    "spacy.pipeline._parser_internals.arc_eager"])
def test_the_parsers_state_look_up_does_not_take_the_gil(module):
    calls = _calls_in(module)
    if calls is None:
        pytest.skip(f"no StateC::B in {module} (inlined by this build)")
    assert not [c for c in calls if "PyGILState" in c], (
        f"spaCy's {module} takes the GIL in StateC::B: install spacy<3.8.8 (see setup.cfg)")
