import numpy as np


def build(x):
    return np.tanh(x)
