import tensorflow as tf

def f(args, layer):
    if args.name == "model/x":
        pass
    if "conv" in layer.kind:
        pass
    return tf.constant(0)
