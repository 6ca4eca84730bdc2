# warns: 1:1 tf.*: manual: star import: scan cannot resolve the names it brings in - import the module and use qualified names
from tensorflow.compat.v1 import *

def f(x):
    return get_variable("w", [3])
