import json

import numpy as np
import pandas as pd
import pytest

import grokphase as gp


def test_sweep_summary_has_theory_results_and_the_long_theory_table(fixtures):
    sw = gp.read_sweep(fixtures / "sweep" / "sweeps" / "pyfix-default")
    s = sw.summary
    assert len(s) == 2 + 1 + 2  # two transition points, one scan, two training runs
    assert (s["status"] == "completed").all()
    tr = s[s["computation"] == "transition"]
    # One-row theory tables (the transition) are in the summary as theory.<column> ...
    assert tr["theory.rows"].tolist() == [1, 1]
    assert tr["theory.uc"].notna().all()
    for _, row in tr.iterrows():
        csv = pd.read_csv(sw.run_dir(row["key"]) / "theory.csv")
        assert row["theory.uc"] == pytest.approx(csv["uc"].iloc[0])
    # ... a scan's rows are in its theory.csv, and Sweep.theory joins them with the run's tags/config.
    scan = s[s["computation"] == "scan"].iloc[0]
    t = sw.theory
    rows = t[t["computation"] == "scan"]
    assert len(rows) == scan["theory.rows"] == 5
    np.testing.assert_allclose(rows["sigma2"], [0.1, 0.15, 0.2, 0.25, 0.3], rtol=1e-9)
    assert (rows["key"] == scan["key"]).all()
    assert set(t[t["computation"] == "transition"]["tag.beta"]) == {0.5, 1.0}
    # Training rows and their runs.
    train = sw.training()
    assert train["config.sigma2"].tolist() == [0.3, 0.6]
    assert "summary.trainLoss" in train.columns
    runs = sw.runs("langevin")
    assert [r.config["sigma2"] for r in runs] == [0.3, 0.6]
    assert runs[0].summary["trainLoss"] == pytest.approx(train["summary.trainLoss"].iloc[0])


def test_theory_jsonl_explodes_branches_and_distribution(fixtures):
    path = fixtures / "theory-cubic.jsonl"
    raw = [json.loads(l) for l in path.read_text().splitlines() if l.strip()]
    th = gp.read_theory_jsonl(path)
    assert len(th.points) == len(raw) == 3
    np.testing.assert_allclose(th.points["sigma2"], [r["sigma2"] for r in raw])
    assert "q" not in th.points and "allBranches" not in th.points
    # one row per (point, branch)
    assert len(th.branches) == sum(len(r["allBranches"]) for r in raw)
    assert {"point", "allBranchesIndex", "branch", "phase", "selected", "residual", "sigma2"} <= set(th.branches.columns)
    sel = th.branches[th.branches["selected"]]
    np.testing.assert_allclose(sel["b"], [r["b"] for r in raw])
    # one row per (point, q): q and minusLogP side by side, with the point's σ²
    d = th.distribution
    assert len(d) == sum(len(r["q"]) for r in raw) == 27
    first = d[d["point"] == 0]
    np.testing.assert_allclose(first["q"], raw[0]["q"])
    np.testing.assert_allclose(first["minusLogP"], raw[0]["minusLogP"])
    assert (first["sigma2"] == raw[0]["sigma2"]).all()
    # −log p is symmetric in q (the cubic model's action is even in q): a check on the exploded pairs
    for _, g in d.groupby("point"):
        np.testing.assert_allclose(g["minusLogP"].to_numpy(), g["minusLogP"].to_numpy()[::-1], rtol=1e-9, atol=1e-9)


def test_the_cli_wrapper_runs_the_tool(fixtures):
    th = gp.theory("cubic", sigma2="0.2:0.3:0.05", limit="finite", distribution=True, distribution_points=9)
    ref = gp.read_theory_jsonl(fixtures / "theory-cubic.jsonl")
    pd.testing.assert_frame_equal(th.points, ref.points)
    with pytest.raises(gp.GrokphaseError) as e:
        gp.theory("cubic", sigma2=-1)
    assert e.value.code == 2 and "--sigma2" in str(e.value)
