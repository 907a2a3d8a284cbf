"""One run directory (docs/run-directory.md): manifest, metrics, summary, observables, checkpoint."""

import json
from pathlib import Path

import numpy as np
import pandas as pd

from .checkpoint import read_checkpoint, group_weights


def _json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Run:
    """A run directory written by `grokphase train ...` or `grokphase theory ...` (as a sweep run).

    Files are read when first asked for; a file the run does not have gives None (a theory run
    has no metrics.csv, a training run no theory.csv).
    """

    def __init__(self, path):
        self.path = Path(path)
        if not (self.path / "manifest.json").is_file():
            raise FileNotFoundError(f"{self.path}: no manifest.json (not a grokphase run directory)")
        self._cache = {}

    def __repr__(self):
        return f"Run({str(self.path)!r}, command={self.command!r}, status={self.status!r})"

    def _once(self, key, load):
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    @property
    def manifest(self):
        """manifest.json as a dict: command, config, seeds, status, timings, build and machine."""
        return self._once("manifest", lambda: _json(self.path / "manifest.json"))

    @property
    def config(self):
        return self.manifest.get("config", {})

    @property
    def command(self):
        return self.manifest.get("command")

    @property
    def status(self):
        return self.manifest.get("status")

    @property
    def summary(self):
        """summary.json as a dict (final ensemble means, "std" per metric), or None."""
        p = self.path / "summary.json"
        return self._once("summary", lambda: _json(p) if p.is_file() else None)

    @property
    def metrics(self):
        """metrics.csv: one row per (log step, network), or None."""
        p = self.path / "metrics.csv"
        return self._once("metrics", lambda: pd.read_csv(p) if p.is_file() else None)

    def mean_metrics(self):
        """Ensemble mean per step of every metric column (what the report plots)."""
        m = self.metrics
        if m is None:
            return None
        cols = [c for c in m.columns if c not in ("network", "dataset", "seed")]
        return m[cols].groupby("step", as_index=False).mean()

    @property
    def theory(self):
        """theory.csv of a theory run, or None."""
        p = self.path / "theory.csv"
        return self._once("theory", lambda: pd.read_csv(p) if p.is_file() else None)

    def observable(self, name):
        """observables/<name>.csv as a DataFrame (name with or without .csv), or None."""
        stem = name[:-4] if name.endswith(".csv") else name
        p = self.path / "observables" / f"{stem}.csv"
        return pd.read_csv(p) if p.is_file() else None

    def observables(self):
        """Names of the CSV observables the run wrote."""
        d = self.path / "observables"
        return sorted(p.stem for p in d.glob("*.csv")) if d.is_dir() else []

    @property
    def equilibration_raw(self):
        """observables/equilibration.json as a dict, or None."""
        p = self.path / "observables" / "equilibration.json"
        return self._once("equilibration_raw", lambda: _json(p) if p.is_file() else None)

    @property
    def equilibration(self):
        """One row per observable: samples, means, difference in standard errors, τ, effective
        samples, verdict (NaN where the JSON has null: τ not measurable, verdict undetermined)."""
        raw = self.equilibration_raw
        if raw is None:
            return None
        rows = []
        for name, v in raw.items():
            if isinstance(v, dict) and "equilibrated" in v:
                row = {"observable": name}
                row.update({k: x for k, x in v.items() if not isinstance(x, (dict, list))})
                rows.append(row)
        df = pd.DataFrame(rows)
        return df.set_index("observable") if len(df) else df

    @property
    def checkpoint(self):
        """Every array of checkpoint/state.bin: {name: numpy array}."""
        return self._once("checkpoint", lambda: read_checkpoint(self.path / "checkpoint" / "state.bin"))

    def networks(self):
        """manifest seeds per network: DataFrame with network, dataset, seed (and data/init/noise seeds)."""
        nets = self.manifest.get("seeds", {}).get("networks", [])
        return pd.DataFrame(nets)

    def weights(self, network=None):
        """Final (checkpointed) weights.

        network=None: {network index: (w, a)}; else (w, a) of that network. w has shape (N, d)
        (row i = neuron i's input weights), a has shape (K, N) (K = 1 for the cubic task, P for
        modular addition). Trainer group k holds, in network order, the networks of the k-th
        (start, dataset) pair; with replica exchange its first members are the T = 1 copies
        (docs/run-directory.md), and only those are returned.
        """
        arrays = self.checkpoint
        groups = int(arrays["groups"][0])
        held = [group_weights(arrays, k) for k in range(groups)]
        order = self._group_order([len(w) for _, w, _ in held])
        out = {}
        for (shape, w, a), nets in zip(held, order):
            for j, net in enumerate(nets):
                out[net] = (np.array(w[j]), np.array(a[j]))
        if network is None:
            return out
        return out[network]

    def _group_order(self, members):
        """Network indices held by each trainer group: the networks sorted by (second start,
        dataset, network), cut into consecutive blocks, one per group."""
        nets = self.networks()
        if "dataset" not in nets or len(nets) == 0:
            # No per-network seeds: consecutive blocks of the members.
            order, start = [], 0
            for m in members:
                order.append(list(range(start, start + m)))
                start += m
            return order
        total = len(nets)
        two_starts = "start" in nets and nets["start"].nunique() > 1
        nets = nets.assign(twin=(nets["network"] >= total // 2).astype(int) if two_starts else 0)
        blocks = [list(g["network"]) for _, g in nets.sort_values(["twin", "dataset", "network"]).groupby(
            ["twin", "dataset"], sort=True)]
        if len(blocks) != len(members) or any(len(b) > m for b, m in zip(blocks, members)):
            raise ValueError(f"{self.path}: checkpoint groups {members} do not match the manifest's networks")
        return blocks


def read_run(path):
    """Open a run directory (reads lazily)."""
    return Run(path)
