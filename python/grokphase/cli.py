"""A thin wrapper that runs the grokphase CLI (./grokphase at the repository root, or $GROKPHASE)."""

import os
import shutil
import subprocess
from pathlib import Path

from .theory import parse_theory_jsonl


class GrokphaseError(RuntimeError):
    """The tool exited non-zero; the message is its one-line error."""

    def __init__(self, code, message):
        super().__init__(f"grokphase exited {code}: {message}")
        self.code = code


def _launcher():
    env = os.environ.get("GROKPHASE")
    if env:
        return [env]
    repo = Path(__file__).resolve().parents[2] / "grokphase"
    if repo.is_file():
        return [str(repo)]
    found = shutil.which("grokphase")
    if found:
        return [found]
    raise FileNotFoundError("grokphase launcher not found: set $GROKPHASE to its path")


def _options(kwargs):
    args = []
    for k, v in kwargs.items():
        name = "--" + k.replace("_", "-")
        if v is True:
            args.append(name)
        elif v is False or v is None:
            continue
        elif isinstance(v, (list, tuple)):
            for x in v:
                args += [name, str(x)]
        else:
            args += [name, str(v)]
    return args


def run_cli(*args, check=True):
    """Run `grokphase ARGS...`; returns stdout (str). Raises GrokphaseError on a non-zero exit."""
    p = subprocess.run(_launcher() + [str(a) for a in args], capture_output=True, text=True)
    if check and p.returncode != 0:
        lines = [l for l in p.stderr.splitlines() if l.strip()]
        raise GrokphaseError(p.returncode, lines[-1] if lines else "(no message)")
    return p.stdout


def theory(model, **options):
    """`grokphase theory MODEL --key value ... --format jsonl`, parsed: theory("cubic", sigma2="0.1:0.3:0.05").
    Option names use underscores for dashes (sigma_a2 -> --sigma-a2); True adds a flag."""
    options = dict(options)
    options["format"] = "jsonl"
    return parse_theory_jsonl(run_cli("theory", model, *_options(options)))


def train(model, out, **options):
    """`grokphase train MODEL --out OUT --key value ...`; returns the Run."""
    from .run import Run
    options = dict(options)
    options.setdefault("progress", "none")
    run_cli("train", model, "--out", out, *_options(options))
    return Run(out)
