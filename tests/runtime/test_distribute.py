"""tf.distribute: MirroredStrategy on two logical CPUs, MultiWorker with two local workers."""
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}


def _last_json(text):
    return json.loads([line for line in text.splitlines() if line.startswith("{")][-1])


@pytest.mark.slow
def test_mirrored_strategy_two_logical_cpus():
    proc = subprocess.run([sys.executable, str(Path(__file__).with_name("mirrored_worker.py"))],
                          capture_output=True, text=True, timeout=300, env=ENV)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = _last_json(proc.stdout)
    assert out["replicas"] == 2
    assert out["names"] == ["tower/w:0"]
    assert out["mirrored"] is True
    assert out["loss"] == pytest.approx(out["ref_loss"], rel=1e-5)
    assert out["grad_err"] < 1e-5


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


@pytest.mark.slow
def test_multi_worker_example_two_local_workers():
    ports = ",".join(map(str, _free_ports(2)))
    script = ROOT / "examples" / "distributed" / "multi_worker.py"
    procs = [subprocess.Popen([sys.executable, str(script), "--index", str(i), "--ports", ports],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
             for i in range(2)]
    outs = []
    try:
        for p in procs:
            stdout, stderr = p.communicate(timeout=240)
            assert p.returncode == 0, stderr[-3000:]
            outs.append(_last_json(stdout))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert outs[0]["names"] == outs[1]["names"] == ["net/h0/w:0", "net/h0/b:0", "net/h1/w:0", "net/h1/b:0"]
    assert outs[0]["mirrored"] and outs[1]["mirrored"]
    assert outs[0]["checksum"] == outs[1]["checksum"]
