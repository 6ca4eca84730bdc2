# warns: 1:1 import: manual: an import with a comment inside must change; rewrite it by hand or split it, then migrate again; file left unchanged
from tensorflow.compat.v1 import (
    get_variable,  # the variable store
    placeholder,
)
x = placeholder("float32", [None])
w = get_variable("w", [])
