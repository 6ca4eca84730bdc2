def f(x):
    with x.variable_scope("a"):
        return x.get_variable("w", [3])
