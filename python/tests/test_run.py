import struct
import zlib

import numpy as np
import pandas as pd
import pytest

import grokphase as gp


def test_run_directory_reads_manifest_metrics_summary(fixtures):
    run = gp.read_run(fixtures / "run-cubic")
    assert run.command == "train cubic"
    assert run.status == "completed"
    assert run.config["N"] == 8 and run.config["d"] == 5
    m = run.metrics
    assert isinstance(m, pd.DataFrame)
    assert {"step", "network", "dataset", "seed", "trainLoss", "testCubic"} <= set(m.columns)
    assert sorted(m["network"].unique()) == [0, 1, 2, 3]  # 2 datasets x 2 seeds
    last = m[m["step"] == m["step"].max()]
    # summary.json holds the ensemble mean of the last log point (independent check with pandas).
    assert run.summary["trainLoss"] == pytest.approx(last["trainLoss"].mean(), rel=1e-12)
    assert run.summary["std"]["trainLoss"] == pytest.approx(last["trainLoss"].std(ddof=0), rel=1e-6) or \
        run.summary["std"]["trainLoss"] == pytest.approx(last["trainLoss"].std(ddof=1), rel=1e-6)
    mean = run.mean_metrics()
    assert mean["trainLoss"].iloc[-1] == pytest.approx(last["trainLoss"].mean())
    assert "overlap-histogram" in run.observables()
    h = run.observable("overlap-histogram")
    # density integrates to 1 over the bins (docs/run-directory.md)
    width = np.diff(h["centre"]).mean()
    assert (h["density"] * width).sum() == pytest.approx(1.0, rel=1e-6)


def test_equilibration_table_has_a_row_per_observable_and_nan_for_null(fixtures):
    run = gp.read_run(fixtures / "run-cubic")
    eq = run.equilibration
    raw = run.equilibration_raw
    names = [k for k, v in raw.items() if isinstance(v, dict) and "equilibrated" in v]
    assert list(eq.index) == names
    for name in names:
        tau = raw[name].get("autocorrelationTime")
        if tau is None:
            assert np.isnan(eq.loc[name, "autocorrelationTime"])
        else:
            assert eq.loc[name, "autocorrelationTime"] == tau


def test_checkpoint_weights_match_the_logged_weight_norms(fixtures):
    for name in ("run-cubic", "run-modular"):
        run = gp.read_run(fixtures / name)
        weights = run.weights()
        m = run.metrics
        last = m[m["step"] == m["step"].max()].set_index("network")
        assert sorted(weights) == sorted(last.index)
        for net, (w, a) in weights.items():
            # The Frobenius norms logged in metrics.csv at the last step, computed by Java, equal
            # numpy's norms of the arrays decoded from state.bin: layout and network order are right.
            assert np.linalg.norm(w) == pytest.approx(last.loc[net, "weightNormW"], rel=1e-12)
            assert np.linalg.norm(a) == pytest.approx(last.loc[net, "weightNormA"], rel=1e-12)
    w, a = gp.read_run(fixtures / "run-cubic").weights(0)
    assert w.shape == (8, 5) and a.shape == (1, 8)
    w, a = gp.read_run(fixtures / "run-modular").weights(1)
    assert w.shape == (12, 14) and a.shape == (7, 12)  # two-hot input of size 2P, K = P outputs


def test_a_damaged_checkpoint_is_refused(fixtures, tmp_path):
    data = bytearray((fixtures / "run-cubic" / "checkpoint" / "state.bin").read_bytes())
    arrays = gp.read_checkpoint(fixtures / "run-cubic")
    assert int(arrays["step"][0]) == 400
    flipped = tmp_path / "flipped.bin"
    data[40] ^= 1
    flipped.write_bytes(bytes(data))
    with pytest.raises(gp.CheckpointError, match="CRC"):
        gp.read_checkpoint(flipped)
    short = tmp_path / "short.bin"
    short.write_bytes(bytes(data[:-3]))
    with pytest.raises(gp.CheckpointError):
        gp.read_checkpoint(short)


def test_checkpoint_reader_against_a_hand_built_file(tmp_path):
    # Independent of the Java writer: build the documented layout by hand.
    payload = struct.pack(">i", 2)
    payload += struct.pack(">H", 3) + b"d:x" + b"D" + struct.pack(">i", 2) + struct.pack(">2d", 1.5, -2.0)
    payload += struct.pack(">H", 1) + b"n" + b"I" + struct.pack(">i", 3) + struct.pack(">3i", 7, 8, 9)
    blob = b"GRKCKPT1" + struct.pack(">q", len(payload)) + payload + struct.pack(">q", zlib.crc32(payload))
    p = tmp_path / "state.bin"
    p.write_bytes(blob)
    arrays = gp.read_checkpoint(p)
    assert list(arrays) == ["d:x", "n"]
    np.testing.assert_array_equal(arrays["d:x"], [1.5, -2.0])
    np.testing.assert_array_equal(arrays["n"], [7, 8, 9])
    assert arrays["n"].dtype == np.int32
