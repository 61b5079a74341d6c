"""Which arithmetic this machine has: a fingerprint of three training steps of #02's network.

Two machines with the same fingerprint round every training step alike, so they produce the same
outputs bit for bit; where the fingerprint differs, training drifts (within the tolerance) and
outputs that depend on decisions along the way (early stopping, the best of five networks) may
differ in their structure. Cells tagged ``same-cpu-only`` are compared only where this machine's
fingerprint is the reference machine's, the one that made the stored outputs.
"""

from __future__ import annotations

import functools
import hashlib
import os

# arithmetic_fingerprint() of the machine that made the stored outputs (DRIFT.md names it).
# The variable lets the tests pretend to be another machine.
REFERENCE_FINGERPRINT = os.environ.get("TUTORIALS_REFERENCE_FINGERPRINT", "9f7313bea05612d1")


@functools.cache
def arithmetic_fingerprint() -> str:
    """A hash of the variables after three training steps of #02's network from a fixed seed."""
    import helpers  # TensorFlow: imported only when the fingerprint is needed

    helpers.seed_everything(0)
    net = helpers.new_conv_net()
    optimizer = helpers.keras.optimizers.Adam(1e-4)
    train = helpers.load_mnist().train
    images, labels = train.images[:64], train.labels[:64]
    for _ in range(3):
        with helpers.tf.GradientTape() as tape:
            cost = helpers.cross_entropy(net(images), labels)
        gradients = tape.gradient(cost, net.trainable_variables)
        optimizer.apply_gradients(zip(gradients, net.trainable_variables))
    digest = hashlib.sha256(b"".join(v.numpy().tobytes() for v in net.trainable_variables))
    return digest.hexdigest()[:16]


def is_reference_machine() -> bool:
    """True where this machine computes as the one that made the stored outputs."""
    return arithmetic_fingerprint() == REFERENCE_FINGERPRINT
