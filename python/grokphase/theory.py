"""`grokphase theory ... --format jsonl`: one JSON object per point, nested arrays exploded."""

import json
from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Theory:
    """points: one row per point with its scalar keys (nested values dropped; `point` = line number).
    branches: `allBranches` exploded, one row per (point, branch), with the point's scalar keys the
    branch does not have. distribution: `q` and `minusLogP` exploded, one row per (point, q).
    tables: every exploded nested key by name (other list-of-objects or parallel-array keys too)."""
    points: pd.DataFrame
    branches: pd.DataFrame
    distribution: pd.DataFrame
    tables: dict = field(default_factory=dict)


def _is_scalar(v):
    return v is None or isinstance(v, (int, float, str, bool))


def parse_theory_jsonl(lines):
    """Parse JSONL text (a string or an iterable of lines)."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    points, objects, arrays = [], {}, []
    for i, line in enumerate(l for l in lines if l.strip()):
        obj = json.loads(line)
        scalars = {"point": i}
        scalars.update({k: v for k, v in obj.items() if _is_scalar(v)})
        points.append(scalars)
        parallel = {}
        for k, v in obj.items():
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                for j, x in enumerate(v):
                    row = {k2: v2 for k2, v2 in scalars.items() if k2 not in x}
                    row[k + "Index"] = j
                    row.update({k2: v2 for k2, v2 in x.items() if _is_scalar(v2)})
                    objects.setdefault(k, []).append(row)
            elif isinstance(v, list) and all(_is_scalar(x) for x in v):
                parallel[k] = v
        # Parallel numeric arrays of equal length (q, minusLogP) explode together.
        by_len = {}
        for k, v in parallel.items():
            by_len.setdefault(len(v), []).append(k)
        for n, keys in by_len.items():
            for j in range(n):
                row = dict(scalars)
                row.update({k: parallel[k][j] for k in keys})
                arrays.append(row)
    tables = {k: pd.DataFrame(v) for k, v in objects.items()}
    distribution = pd.DataFrame(arrays)
    if len(arrays):
        tables["arrays"] = distribution
    return Theory(points=pd.DataFrame(points), branches=tables.get("allBranches", pd.DataFrame()),
                  distribution=distribution, tables=tables)


def read_theory_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return parse_theory_jsonl(f.read())
