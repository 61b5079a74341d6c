"""The record of drift measurements: which notebook's stored outputs were measured on which arithmetic.

``scripts/measure_drift.py`` re-executes a notebook on other arithmetic (another CPU, or oneDNN
limited to an older instruction set) and compares its cells tagged ``tolerant-numbers`` with the
stored ones. Each such run is appended to ``drift_measurements.json`` beside this file, with a
digest of the stored outputs it was compared with. A notebook whose tagged outputs have no
measurement on arithmetic other than the reference machine's has bounds that were never shown to
hold for it; ``unmeasured`` names those, and a test fails on them.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from pathlib import Path

from tutorial_checks import ROOT
from tutorial_checks.notebooks import output_text
from tutorial_checks.tolerance import TOLERANT_TAG, sanitize, sanitizer

RECORD_FILE = Path(__file__).with_name("drift_measurements.json")


def tagged_outputs_digest(notebook: dict) -> str:
    """A digest of the stored outputs of the notebook's tolerant cells ("" if it has none).

    The outputs are sanitized as nbval compares them, so re-executing a notebook whose numbers
    come out the same keeps its digest; a changed number or a new tagged cell changes it.
    """
    rules = sanitizer()
    texts = [
        sanitize(output_text(cell["outputs"]), rules)
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and TOLERANT_TAG in cell["metadata"].get("tags", [])
    ]
    if not texts:
        return ""
    return hashlib.sha256("\0".join(texts).encode()).hexdigest()[:16]


def cpu_description() -> str:
    """The CPU as /proc/cpuinfo names it, with its family, model and widest vector extensions."""
    try:
        info = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or platform.machine()
    fields: dict[str, str] = {}
    for line in info.splitlines():
        if not line.strip():
            break  # the first processor is enough
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    flags = set(fields.get("flags", "").split())
    vectors = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_tile") if f in flags]
    return (
        f"{fields.get('model name', '?')} ({fields.get('vendor_id', '?')} family "
        f"{fields.get('cpu family', '?')} model {fields.get('model', '?')}; {' '.join(vectors)})"
    )


def load(path: Path = RECORD_FILE) -> list[dict]:
    """Every recorded measurement, oldest first."""
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))["measurements"]


def add(record: dict, path: Path = RECORD_FILE) -> None:
    """Append one measurement, writing the file whole or not at all."""
    records = [*load(path), record]
    temporary = path.with_name(f".{path.name}.tmp")
    text = json.dumps({"measurements": records}, indent=1, ensure_ascii=False)
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)


def relative(path: Path) -> str:
    """A notebook's path as the record names it: relative to the project folder, with /."""
    return Path(path).resolve().relative_to(ROOT).as_posix()


def unmeasured(
    notebooks: dict[str, dict], records: list[dict], reference_fingerprint: str
) -> list[str]:
    """The notebooks (relative path -> notebook) with tolerant cells whose current stored outputs
    were never measured on arithmetic other than the reference's."""
    measured = {
        (r["notebook"], r["outputs"]) for r in records if r["fingerprint"] != reference_fingerprint
    }
    missing = []
    for name, notebook in sorted(notebooks.items()):
        digest = tagged_outputs_digest(notebook)
        if digest and (name, digest) not in measured:
            missing.append(name)
    return missing


def failures(notebooks: dict[str, dict], records: list[dict]) -> list[str]:
    """What the measurements of the notebooks' current outputs found that the tests would fail."""
    current = {name: tagged_outputs_digest(nb) for name, nb in notebooks.items()}
    found = []
    for r in records:
        if current.get(r["notebook"]) == r["outputs"]:
            found += [f"{r['notebook']} ({r['cpu']}, {r['isa']}): {f}" for f in r["failures"]]
    return found
