import numpy as np


def log(x):
    return np.log(x)
