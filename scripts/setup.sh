# Sourced by scripts/example.sh and scripts/test.sh: creates .venv and installs
# unscope with TensorFlow, pytest, hypothesis and the tf_keras oracle.  Idempotent:
# a stamp file keyed on pyproject.toml and this script skips work already done.
#   UNSCOPE_TF_EXTRA=cpu (default) | gpu | tf   picks the TensorFlow build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
EXTRA="${UNSCOPE_TF_EXTRA:-cpu}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
STAMP=".venv/.unscope-setup-$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -c1-12)-$EXTRA"
if [ ! -f "$STAMP" ]; then
  echo "setting up .venv (TensorFlow extra: $EXTRA) ..." >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$EXTRA,test]"
  # tf_keras is only the oracle for TF1 tf.layers in tests.  It pins the full
  # `tensorflow` package, so it goes in without dependencies, matching the
  # installed TensorFlow's minor version.
  TFV="$(.venv/bin/python -c 'import importlib.metadata as m
for d in ("tensorflow-cpu", "tensorflow", "tensorflow-gpu"):
    try:
        v = m.version(d).split("."); print(v[0] + "." + v[1]); break
    except m.PackageNotFoundError: pass')"
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps "tf-keras==$TFV.*"
  # tf_slim (tf.contrib.layers' successor, same code) is the test oracle for
  # unscope.contrib / unscope.slim; --no-deps for the same reason as tf_keras.
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps "tf-slim==1.1.0"
  touch "$STAMP"
fi
# The HTML report's browser tests (tests/report/test_browser.py) drive Debian's Chromium.
# Only for the test job, only when it is missing, only where apt-get can install it.
if [ "$(basename "$0")" = "test.sh" ] && [ "${UNSCOPE_BROWSER_TESTS:-1}" != "0" ] \
    && ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 \
    && [ "$(id -u)" = "0" ]; then
  echo "installing chromium for the report's browser tests ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium chromium-driver fonts-dejavu-core >&2 || echo "chromium install failed; browser tests skip" >&2
fi
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
