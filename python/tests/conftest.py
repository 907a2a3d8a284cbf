"""Fixtures: the outputs grokphase-app's PythonFixturesTest writes during `mvn verify`
(grokphase-app/target/python-fixtures), or the directory in $GROKPHASE_PY_FIXTURES."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))


@pytest.fixture(scope="session")
def fixtures():
    d = Path(os.environ.get("GROKPHASE_PY_FIXTURES", ROOT / "grokphase-app" / "target" / "python-fixtures"))
    if not (d / "sweep").is_dir():
        pytest.fail(f"{d}: no fixtures; run `mvn -B verify` (PythonFixturesTest writes them) first")
    return d
