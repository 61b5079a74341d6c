"""The trained network in data/networks/ (scripts/save_02_network.py) is notebook #02's."""

import json
import re

import numpy as np

import helpers
from conftest import REFERENCE_FINGERPRINT, arithmetic_fingerprint
from helpers import tf

NOTEBOOK_02 = helpers.DATA_DIR.parent / "notebooks" / "02_Convolutional_Neural_Network.ipynb"
CHECKPOINT = helpers.DATA_DIR / "networks" / "02_network"


def stored_test_count() -> int:
    """How many test images #02's stored run classifies correctly after its 10,000 iterations."""
    cells = json.loads(NOTEBOOK_02.read_text())["cells"]
    final = [
        c
        for c in cells
        if c["cell_type"] == "code"
        and "results[optimize.total_iterations] = helpers.print_test_accuracy("
        in "".join(c["source"])
    ][-1]
    text = "".join("".join(o.get("text", "")) for o in final["outputs"])
    return int(re.search(r"Accuracy on Test-Set: [\d.]+% \((\d+) / 10000\)", text).group(1))


def test_the_saved_network_classifies_the_test_set_as_notebook_02_stored_it():
    model = helpers.new_conv_net()
    tf.train.Checkpoint(model=model).read(str(CHECKPOINT)).assert_consumed()
    data = helpers.load_mnist()
    cls = helpers.predict_classes(lambda x: tf.argmax(model(x), axis=1), data.test.images)
    correct = int(np.sum(cls == data.test.cls))
    if arithmetic_fingerprint() == REFERENCE_FINGERPRINT:
        # Same arithmetic as the machine that ran #02 and saved its network: the same images.
        assert correct == stored_test_count()
    else:
        assert correct > 9_700, "not a trained network of notebook #02"
