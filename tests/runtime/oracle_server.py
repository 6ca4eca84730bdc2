"""TF1 oracle server: reads a JSON program per line, answers its TF1 log as JSON.

Runs with TF_USE_LEGACY_KERAS=1 so that tf.compat.v1.layers is real TF1 (tf_keras);
started once per test session, so each hypothesis example costs milliseconds.
"""
import json
import sys


def _tuples(x):
    return tuple(_tuples(i) for i in x) if isinstance(x, list) else x


def main():
    import tensorflow as tf

    tf.compat.v1.disable_eager_execution()
    from tests.runtime import programs

    for line in sys.stdin:
        program = _tuples(json.loads(line))
        with tf.Graph().as_default():
            log = programs.run(program, tf.compat.v1, name_scope=tf.compat.v1.name_scope)
        sys.stdout.write(json.dumps(log) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
