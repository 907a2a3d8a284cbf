"""A sweep: OUT/sweeps/<spec>-<scale>/{spec.yaml, plan.json, summary.csv} and its runs in OUT/runs."""

import warnings
from pathlib import Path

import pandas as pd

from .run import Run


def _numeric(df):
    """Object columns whose every non-empty cell is a number become numeric (a config column can mix
    a theory run's range "0.1:0.3:0.05" with numbers; the rows of one kind are numbers only)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            present = out[c].dropna()
            if len(present) and all(isinstance(v, bool) for v in present):
                continue  # a flag column (config.transition): keep True/False
            conv = pd.to_numeric(out[c], errors="coerce")
            if conv.notna().sum() == out[c].notna().sum():
                out[c] = conv
    return out


class Sweep:
    """summary.csv (one row per planned run, columns spec, computation, index, command, key, status,
    wallSeconds, tag.*, config.*, summary.*, theory.*) and the run directories it names."""

    def __init__(self, path, runs_root=None):
        self.path = Path(path)
        if not (self.path / "summary.csv").is_file():
            raise FileNotFoundError(f"{self.path}: no summary.csv (not a sweep directory; "
                                    "sweeps are in OUT/sweeps/<spec>-<scale>)")
        # OUT/sweeps/<spec>-<scale> -> OUT/runs/<key>
        self.runs_root = Path(runs_root) if runs_root else self.path.parent.parent / "runs"
        self._summary = None
        self._theory = None

    def __repr__(self):
        return f"Sweep({str(self.path)!r}, runs={len(self.summary)})"

    @property
    def summary(self):
        if self._summary is None:
            self._summary = pd.read_csv(self.path / "summary.csv", keep_default_na=True)
        return self._summary

    def run_dir(self, key):
        return self.runs_root / key

    def run(self, key_or_index):
        """The Run of a summary row, by run key or by row number."""
        key = key_or_index if isinstance(key_or_index, str) else self.summary["key"].iloc[key_or_index]
        return Run(self.run_dir(key))

    def runs(self, computation=None):
        """Runs (in summary order) of one computation, or all; runs whose directory is missing are skipped."""
        rows = self.summary if computation is None else self.summary[self.summary["computation"] == computation]
        return [Run(self.run_dir(k)) for k in rows["key"] if (self.run_dir(k) / "manifest.json").is_file()]

    @property
    def theory(self):
        """Every theory run's theory.csv rows, each joined with its summary row's identifying
        columns (spec, computation, index, key, status, tag.*, config.*): one long table for plotting
        or groupby, e.g. sweep.theory.groupby("tag.beta")."""
        if self._theory is None:
            ident = [c for c in self.summary.columns
                     if c in ("spec", "computation", "index", "key", "status") or c.startswith(("tag.", "config."))]
            frames = []
            for _, row in self.summary.iterrows():
                csv = self.run_dir(row["key"]) / "theory.csv"
                if not str(row["command"]).startswith("theory") or not csv.is_file():
                    continue
                t = pd.read_csv(csv)
                for c in reversed(ident):
                    t.insert(0, c, pd.Series([row[c]] * len(t), dtype=object))
                frames.append(t)
            with warnings.catch_warnings():
                # Tables of different theory commands share column names with different dtypes.
                warnings.simplefilter("ignore", FutureWarning)
                self._theory = _numeric(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()
        return self._theory

    def training(self):
        """The summary rows of training runs, with only the non-empty columns."""
        s = self.summary[self.summary["command"].astype(str).str.startswith("train")]
        return _numeric(s.dropna(axis=1, how="all"))


def read_sweep(path, runs_root=None):
    """Open a sweep directory (OUT/sweeps/<spec>-<scale>); runs_root defaults to OUT/runs."""
    return Sweep(path, runs_root)
