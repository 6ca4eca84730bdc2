"""Example inputs for the bundled TF1 model: an npz whose keys are the call's keyword arguments."""
import sys

import numpy as np

rng = np.random.RandomState(1)
np.savez(sys.argv[1], tokens=rng.randint(0, 50, size=(4, 12)).astype(np.int32))
