"""Read what the grokphase tool writes, in Python (numpy + pandas only, no build step).

    import sys; sys.path.insert(0, "python")      # or: pip install -e python  /  PYTHONPATH=python
    import grokphase as gp

    run = gp.read_run("runs/cubic-demo")           # one training run directory
    run.metrics                                    # pandas DataFrame of metrics.csv
    run.summary, run.manifest, run.config          # dicts
    run.equilibration                              # DataFrame, one row per observable
    run.observable("overlap-histogram")            # DataFrame of observables/<name>.csv
    w, a = run.weights(network=0)                  # numpy arrays from checkpoint/state.bin

    sweep = gp.read_sweep("runs/sweeps/fig2-default")
    sweep.summary                                  # summary.csv, one row per run (theory.* columns included)
    sweep.theory                                   # every theory run's theory.csv rows, joined with its tags/config

    th = gp.read_theory_jsonl("out.jsonl")         # `grokphase theory ... --format jsonl`
    th.points, th.branches, th.distribution        # scalars / allBranches exploded / q, minusLogP exploded

    th = gp.theory("cubic", sigma2="0.1:0.3:0.05", distribution=True)   # runs the CLI (needs Java 17)
"""

from .checkpoint import read_checkpoint, CheckpointError
from .run import Run, read_run
from .sweep import Sweep, read_sweep
from .theory import Theory, read_theory_jsonl, parse_theory_jsonl
from .cli import run_cli, theory, train, GrokphaseError

__all__ = [
    "read_checkpoint", "CheckpointError",
    "Run", "read_run",
    "Sweep", "read_sweep",
    "Theory", "read_theory_jsonl", "parse_theory_jsonl",
    "run_cli", "theory", "train", "GrokphaseError",
]
__version__ = "0.1.0"
