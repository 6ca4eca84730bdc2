import tensorflow as tf


def ops(graph):
    return graph.get_collection("train_op")
