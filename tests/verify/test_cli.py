"""`unscope verify` on the command line: output formats and exit codes 0 / 1 / 2 / 123."""
import json

import numpy as np
import pytest

from tests.verify.conftest import model
from unscope.cli import main

OLD_BN = model("old_layers.py:bn_net")
NEW_BN = model("new_layers.py:BNNet")


def test_agreement_exits_0_with_tables_on_stdout(capsys, tmp_path):
    inputs = tmp_path / "inputs.npz"
    np.savez(inputs, x=np.linspace(-1, 1, 20, dtype=np.float32).reshape(5, 4))
    code = main(["verify", OLD_BN, NEW_BN, "--example", str(inputs), "--training"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "batch_normalization/moving_variance" in out  # the after-step table
    assert "training mode" in out and "max abs" in out
    assert err.strip().splitlines()[-1].startswith("verify: OLD and NEW agree")


def test_difference_exits_1_and_json_names_it(capsys):
    code = main(["verify", OLD_BN, NEW_BN, "--inputs", "x:float32[5,4]", "--training",
                 "--init", '{"unbiased": true}', "--no-grads", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    data = json.loads(out)
    assert data["ok"] is False and data["gradients"] == []
    assert [(m["kind"], m["name"]) for m in data["mismatches"]] == [
        ("after", "batch_normalization/moving_variance")]
    assert data["settings"]["training"] is True and data["settings"]["rtol"] == 1e-6
    assert "1 difference: after batch_normalization/moving_variance" in err


@pytest.mark.parametrize("argv, message", [
    (["verify", OLD_BN, NEW_BN], "give the inputs"),
    (["verify", OLD_BN, NEW_BN, "--inputs", "x:float32"], "bad input spec"),
    (["verify", OLD_BN, NEW_BN, "--inputs", "x:float32[5,4]", "--init", "{oops"], "JSON"),
    (["verify", OLD_BN, NEW_BN, "--inputs", "x:float32[5,4]", "--init", "[1]"], "JSON object"),
    (["verify", "missing.py:f", NEW_BN, "--inputs", "x:float32[5,4]"], "no such file"),
    (["verify", OLD_BN, "nocolon", "--inputs", "x:float32[5,4]"], "FILE.py:NAME"),
    (["verify", OLD_BN, NEW_BN, "--example", "a.npz", "--inputs", "x:float32[2]"], ""),
])
def test_usage_errors_exit_2(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_unservable_symbol_exits_123_naming_it(capsys):
    argv = ["verify", model("old_layers.py:unserved"), NEW_BN, "--inputs", "x:float32[5,4]"]
    assert main(argv) == 123
    err = capsys.readouterr().err
    line, = err.strip().splitlines()  # one line without -v
    assert "old_layers.py:unserved: OLD could not be built: UnservedSymbol: tf.contrib.rnn " \
           "cannot be served: unscope.contrib has no 'rnn'" in line and "-v" in line
    assert "Traceback" not in err


def test_new_that_does_not_import_exits_123(capsys, tmp_path):
    bad = tmp_path / "bad_new.py"
    bad.write_text("def model(x):\n    return x +\n")
    code = main(["-v", "verify", OLD_BN, f"{bad}:model", "--inputs", "x:float32[5,4]"])
    err = capsys.readouterr().err
    assert code == 123
    assert "NEW could not be built: importing" in err and "SyntaxError" in err
    assert "Traceback" in err  # -v
