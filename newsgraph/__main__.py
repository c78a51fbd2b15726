"""``python -m newsgraph``: the command line (:mod:`newsgraph.cli`)."""
from .cli import cli

if __name__ == "__main__":
    cli(prog_name="newsgraph")
