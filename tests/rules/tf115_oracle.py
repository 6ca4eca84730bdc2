"""TF1 oracle with every TF1 behaviour switched back on (``disable_v2_behavior()``: Dimension
shapes, identity tensor equality, reference variables), in its own process so that the test
process keeps TF 2's.  Reads a JSON list of program sources on stdin, writes one JSON list of
results (see tests/migrate/programs.run_graph) or ``{"error": ...}`` entries."""
import json
import sys


def main() -> None:
    import tensorflow as tf

    tf.compat.v1.disable_v2_behavior()
    from tests.migrate import programs

    answers = []
    for source in json.loads(sys.stdin.read()):
        try:
            answers.append(programs.run_graph(source))
        except Exception as exc:  # the test shows it
            answers.append({"error": f"{type(exc).__name__}: {exc}"})
    sys.stdout.write(json.dumps(answers))


if __name__ == "__main__":
    main()
