class FakeTF:
    def get_variable(self, name, shape):
        return name

tf = FakeTF()

def f():
    with open("x") as fh:
        pass
    return tf.get_variable("w", [3])
