# warns: 1:1 import: manual: `from tensorflow.compat.v1 import *`: names cannot be resolved; file left unchanged - import the names explicitly
from tensorflow.compat.v1 import *


def f(x):
    return get_variable("w", []) * x
