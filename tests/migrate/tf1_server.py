"""TF1 oracle for migration tests: reads ``{"source": ...}`` per line, answers the program's
TF1 result (see programs.run_graph) as one JSON line.  Started with TF_USE_LEGACY_KERAS=1 so
that ``tf.compat.v1.layers`` is real TF1 (tf_keras)."""
import json
import sys
import traceback


def main() -> None:
    import tensorflow as tf

    tf.compat.v1.disable_eager_execution()
    from tests.migrate import programs

    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = programs.run_graph(request["source"])
        except Exception as exc:  # the test shows it
            answer = {"error": f"{type(exc).__name__}: {exc}\n{traceback.format_exc()[-2000:]}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
