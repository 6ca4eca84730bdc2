import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Two logical CPUs for MirroredStrategy tests must be configured before TF initialises
# its devices; tests that need them run in a subprocess instead (see tests/runtime/test_distribute.py).
