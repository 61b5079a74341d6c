"""Save the network that notebook #02 trains, for notebooks that use it without training it.

Executes notebooks/02_Convolutional_Neural_Network.ipynb top to bottom (about 3 minutes on 2 CPU
cores), with one cell added at the end that writes its `model` to a TensorFlow checkpoint, and
stores the checkpoint in data/networks/ (helpers.NETWORK_02_CHECKPOINT; tracked in git, about
1 MB). Notebook 02-B (02_Draw_a_Digit.ipynb) restores it. On the machine that made #02's stored outputs the saved network is the very one #02 shows: it
classifies the test set exactly as #02's stored output says (tests/test_networks.py checks it).

    python scripts/save_02_network.py

Run it again after changing notebook #02's network or training.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from helpers import NETWORK_02_CHECKPOINT
from tutorial_checks import notebooks as nb
from tutorial_checks import shown

NOTEBOOK = nb.NOTEBOOKS_DIR / "02_Convolutional_Neural_Network.ipynb"
# Where the notebooks restore the network from; the checkpoint's files are PREFIX.index and
# PREFIX.data-00000-of-00001 in TARGET.
TARGET, PREFIX = NETWORK_02_CHECKPOINT.parent, NETWORK_02_CHECKPOINT.name


def save_cell(prefix: Path) -> dict:
    """The code cell appended to #02: write its trained network to a checkpoint at `prefix`."""
    code = (
        "if not isinstance(model, helpers.ConvNet):\n"
        "    raise TypeError('notebook #02 no longer names its network `model`')\n"
        f"tf.train.Checkpoint(model=model).write({str(prefix)!r})"
    )
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": code}  # fmt: skip


def main() -> int:
    notebook = nb.read(NOTEBOOK)
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / PREFIX
        notebook["cells"].append(save_cell(prefix))
        print(f"Executing {shown(NOTEBOOK)} ...", flush=True)
        nb.execute(notebook, NOTEBOOK.parent)
        written = sorted(Path(folder).glob(f"{PREFIX}.*"))
        if not written:
            print("error: the notebook ran but wrote no checkpoint", file=sys.stderr)
            return 1
        # Replace the old files only now that the new ones exist: a failed run changes nothing.
        TARGET.mkdir(parents=True, exist_ok=True)
        for old in TARGET.glob(f"{PREFIX}.*"):
            old.unlink()
        for path in written:
            shutil.copy2(path, TARGET / path.name)
    sizes = {p.name: p.stat().st_size for p in sorted(TARGET.glob(f"{PREFIX}.*"))}
    print(f"Wrote {shown(TARGET)}: {json.dumps(sizes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
