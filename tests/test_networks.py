"""The trained network in data/networks/ (scripts/save_02_network.py) is notebook #02's."""

import re

import numpy as np
import pytest

import helpers
from helpers import tf
from tutorial_checks import notebooks as nb
from tutorial_checks.fingerprint import is_reference_machine

NOTEBOOK_02 = nb.NOTEBOOKS_DIR / "02_Convolutional_Neural_Network.ipynb"


def stored_test_count() -> int:
    """How many test images #02's stored run classifies correctly after its 10,000 iterations:
    the last test accuracy the notebook prints."""
    outputs = "".join(nb.output_text(c.get("outputs", [])) for c in nb.read(NOTEBOOK_02)["cells"])
    return int(re.findall(r"Accuracy on Test-Set: [\d.]+% \((\d+) / 10000\)", outputs)[-1])


@pytest.mark.slow  # classifies 10,000 images
def test_the_saved_network_classifies_the_test_set_as_notebook_02_stored_it(mnist):
    model = helpers.new_conv_net()
    tf.train.Checkpoint(model=model).read(str(helpers.NETWORK_02_CHECKPOINT)).assert_consumed()
    cls = helpers.predict_classes(lambda x: tf.argmax(model(x), axis=1), mnist.test.images)
    correct = int(np.sum(cls == mnist.test.cls))
    if is_reference_machine():
        # Same arithmetic as the machine that ran #02 and saved its network: the same images.
        assert correct == stored_test_count()
    else:
        assert correct > 9_700, "not a trained network of notebook #02"
