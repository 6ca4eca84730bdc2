#!/usr/bin/env python
"""Model code."""
from __future__ import print_function


def f(x):
    import tensorflow.compat.v1 as tf
    return tf.get_variable("w", []) * x
# output
#!/usr/bin/env python
"""Model code."""
from __future__ import print_function
import unscope


def f(x):
    import tensorflow as tf
    return unscope.get_variable("w", []) * x
