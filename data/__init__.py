"""The series' data, installed with it as the package `tf_cnn_tutorials_data` (see pyproject.toml).

`MNIST/` holds the four original MNIST files, `networks/` notebook #02's trained network. The code
that reads them is mnist_data.py (`DATA_DIR`) and helpers.py (`NETWORK_02_CHECKPOINT`).
"""
