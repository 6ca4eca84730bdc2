from tensorflow.python.ops import variable_scope as vs


def f(x):
    with vs.variable_scope("f"):
        return x * vs.get_variable("w", [])
# output
import unscope


def f(x):
    with unscope.variable_scope("f"):
        return x * unscope.get_variable("w", [])
