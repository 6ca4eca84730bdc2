"""What one TF1 graph shared: custom collections, threads, and get_variable's getter check."""
import threading

import pytest
import tensorflow as tf

import unscope

GLOBAL = tf.compat.v1.GraphKeys.GLOBAL_VARIABLES


def custom_collections(api):
    def names(items):
        return [v.name for v in items]

    with api.variable_scope("enc"):
        api.get_variable("w", [2], collections=["weights", GLOBAL])
        api.get_variable("stat", [2], collections=["stats"], trainable=False)
        api.get_variable("plain", [2])
    with api.variable_scope("enc", reuse=True):
        api.get_variable("w", [2], collections=["weights", GLOBAL])
    return {
        "weights": names(api.get_collection("weights")),
        "stats": names(api.get_collection("stats")),
        "enc_weights": names(api.get_collection("weights", scope="enc/w")),
        "global": names(api.global_variables()),
        "trainable": names(api.trainable_variables()),
        "empty": names(api.get_collection("never_used")),
    }


def test_custom_collections_kept_like_tf1():
    with tf.Graph().as_default():
        expected = custom_collections(tf.compat.v1)
    assert expected["weights"] == ["enc/w:0"] and expected["stats"] == ["enc/stat:0"]
    assert "enc/stat:0" not in expected["global"]
    model = unscope.track(lambda: custom_collections(unscope))
    assert model() == expected
    assert model() == expected  # a later call: the same, not doubled
    box = []
    traced = unscope.track(lambda: box.append(custom_collections(unscope)))
    tf.function(traced)()
    assert box[0] == expected
    assert {v.name for v in model.variables} == {"enc/w:0", "enc/stat:0", "enc/plain:0"}


def test_custom_collection_only_lists_what_this_call_used():
    @unscope.track
    def model(which):
        with unscope.variable_scope(which):
            unscope.get_variable("w", [1], collections=["mine", GLOBAL])
        return [v.name for v in unscope.get_collection("mine")]

    assert model("a") == ["a/w:0"]
    assert model("b") == ["b/w:0"]  # as a fresh TF1 graph build that only made b/w


@pytest.mark.parametrize("where", ["get_variable", "scope"])
def test_non_callable_custom_getter_raises_at_get_variable_like_tf1(where):
    def program(api):
        if where == "scope":
            with api.variable_scope("s", custom_getter="not a getter"):
                log = ["entered"]
                api.get_variable("w", [1])
        else:
            log = []
            api.get_variable("w", [1], custom_getter=5)
        return log

    outcomes = []
    for run in (lambda: _in_graph(program), lambda: unscope.track(lambda: program(unscope))()):
        with pytest.raises(ValueError) as info:
            run()
        outcomes.append(str(info.value))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0].startswith("Passed a custom_getter which is not callable: ")


def _in_graph(program):
    with tf.Graph().as_default():
        return program(tf.compat.v1)


def threaded(api, graph=None):
    """A model that starts a worker thread, 2018 style (a graph-building helper thread)."""
    seen = {}

    def worker():
        def body():
            with api.variable_scope("shared", reuse=True):
                seen["reused"] = api.get_variable("w", [2])
            seen["thread_scope"] = api.get_variable_scope().name  # TF1: per-thread, at the root
            with api.variable_scope("side"):
                seen["made"] = api.get_variable("v", [3])
        if graph is not None:
            with graph.as_default():
                body()
        else:
            body()

    with api.variable_scope("shared"):
        seen["w"] = api.get_variable("w", [2])
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    with api.variable_scope("side", reuse=True):
        seen["v_again"] = api.get_variable("v", [3])
    return seen


def test_thread_started_in_a_tracked_call_shares_its_variables_like_tf1():
    graph = tf.Graph()
    with graph.as_default():
        tf1 = threaded(tf.compat.v1, graph)
        tf1_names = [v.name for v in tf.compat.v1.global_variables()]
    assert tf1["reused"] is tf1["w"] and tf1["v_again"] is tf1["made"]

    model = unscope.track(lambda: threaded(unscope))
    for _ in range(2):  # the second call: the thread finds the first call's variables
        ours = model()
        assert ours["reused"] is ours["w"] and ours["v_again"] is ours["made"]
        assert ours["thread_scope"] == tf1["thread_scope"] == ""
        assert {k: v.name for k, v in ours.items() if k != "thread_scope"} == \
            {k: v.name for k, v in tf1.items() if k != "thread_scope"}
    assert [v.name for v in model.variables] == tf1_names == ["shared/w:0", "side/v:0"]


def test_thread_outside_any_tracked_call_keeps_the_default_store():
    result = {}

    def worker():
        result["scope"] = unscope.get_variable_scope().name

    model = unscope.track(lambda: unscope.get_variable("w", [1]))
    model()
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert result["scope"] == ""
    assert [v.name for v in model.variables] == ["w:0"]
