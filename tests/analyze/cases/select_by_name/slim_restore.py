# warns: 4:12 slim.get_variables_to_restore: manual: selects variables by name (by scope or name); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
import tensorflow.contrib.slim as slim

def restore_vars():
    return slim.get_variables_to_restore(exclude=["vgg/fc8"])
