# warns: 5:14 tf.trainable_variables: native: trainable_variables: native mode reads the owning module's variables / losses instead
# warns: 6:36 Variable.name: manual: selects variables by name ('d_' in .name); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
# warns: 7:36 Variable.name: manual: selects variables by name (.name.startswith()); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
# warns: 8:36 Variable.name: manual: selects variables by name (re.match on .name); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
# warns: 9:31 Variable.name: manual: selects variables by name (.name == 'model/w:0'); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
import re
import tensorflow as tf

def split_vars():
    t_vars = tf.trainable_variables()
    d_vars = [v for v in t_vars if 'd_' in v.name]
    g_vars = [v for v in t_vars if v.name.startswith("generator/")]
    e_vars = [v for v in t_vars if re.match("enc.*", v.op.name)]
    w = [v for v in t_vars if v.name == "model/w:0"]
    return d_vars, g_vars, e_vars, w
