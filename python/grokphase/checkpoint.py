"""checkpoint/state.bin: the named arrays a run resumes from (layout in docs/run-directory.md).

Big-endian: magic b"GRKCKPT1", payload length (int64), payload, CRC-32 of the payload (int64).
Payload: entry count (int32), then per entry: name (Java modified UTF-8: uint16 length + bytes),
type tag (1 byte: 'D' float64, 'F' float32, 'J' int64, 'I' int32), element count (int32),
elements. A file that is cut short or altered raises CheckpointError, never returns half an array.
"""

import struct
import zlib
from pathlib import Path

import numpy as np

MAGIC = b"GRKCKPT1"
_TYPES = {ord("D"): ">f8", ord("F"): ">f4", ord("J"): ">i8", ord("I"): ">i4"}


class CheckpointError(ValueError):
    """The file is not a grokphase checkpoint, or it is damaged."""


def read_checkpoint(path):
    """All arrays of a state.bin, in file order: {name: numpy array (native byte order)}."""
    path = Path(path)
    if path.is_dir():
        path = path / "checkpoint" / "state.bin"
    data = path.read_bytes()
    if len(data) < len(MAGIC) + 16 or data[: len(MAGIC)] != MAGIC:
        raise CheckpointError(f"{path}: not a grokphase checkpoint or cut short ({len(data)} bytes)")
    (length,) = struct.unpack_from(">q", data, len(MAGIC))
    start = len(MAGIC) + 8
    if length != len(data) - start - 8:
        raise CheckpointError(f"{path}: payload is {len(data) - start - 8} bytes, header says {length}")
    payload = data[start : start + length]
    (crc,) = struct.unpack_from(">q", data, start + length)
    if crc != zlib.crc32(payload):
        raise CheckpointError(f"{path}: CRC-32 mismatch")
    out = {}
    (count,) = struct.unpack_from(">i", payload, 0)
    pos = 4
    for _ in range(count):
        (name_len,) = struct.unpack_from(">H", payload, pos)
        pos += 2
        name = payload[pos : pos + name_len].decode("utf-8")  # names are ASCII: modified UTF-8 = UTF-8
        pos += name_len
        tag = payload[pos]
        pos += 1
        (n,) = struct.unpack_from(">i", payload, pos)
        pos += 4
        if tag not in _TYPES:
            raise CheckpointError(f"{path}: unknown entry type {tag} for {name}")
        dtype = np.dtype(_TYPES[tag])
        end = pos + n * dtype.itemsize
        if end > len(payload):
            raise CheckpointError(f"{path}: entry {name} runs past the payload")
        out[name] = np.frombuffer(payload, dtype=dtype, count=n, offset=pos).astype(dtype.newbyteorder("="))
        pos = end
    if pos != len(payload):
        raise CheckpointError(f"{path}: {len(payload) - pos} bytes after the last entry")
    return out


# Fields of a trainer group's "shape" array (Trainer.shape() on the Java side).
SHAPE_FIELDS = ("members", "width", "dim", "outputs", "precision", "nTrain", "batch", "optimizer")
OPTIMIZERS = {0: "langevin", 1: "sgd", 2: "adamw"}


def group_arrays(arrays, group):
    """The arrays of trainer group `group` ("g<k>/" prefix and the "d:"/"f:"/"l:" type prefix removed)."""
    prefix = f"g{group}/"
    out = {}
    for name, value in arrays.items():
        if name.startswith(prefix):
            key = name[len(prefix):]
            if len(key) > 2 and key[1] == ":":
                key = key[2:]
            out[key] = value
    return out


def group_weights(arrays, group):
    """(shape dict, w, a) of one trainer group: w (members, N, d), a (members, K, N)."""
    g = group_arrays(arrays, group)
    shape = dict(zip(SHAPE_FIELDS, (int(v) for v in g["shape"])))
    m, n, d, k = shape["members"], shape["width"], shape["dim"], shape["outputs"]
    w = g["w"].reshape(m, n, d)
    a = g["a"].reshape(m, k, n)
    shape["optimizer"] = OPTIMIZERS.get(shape["optimizer"], shape["optimizer"])
    return shape, w, a
