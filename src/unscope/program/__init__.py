"""Program migration: a TF1 script that builds a graph and runs it in a ``Session`` becomes an
eager TF2 program (native mode only).

    x = tf.placeholder(tf.float32, [None, 4])           @tf.function(input_signature=[...])
    loss = ...; train_op = opt.minimize(loss)     ->    def train_step(x, y): (GradientTape)
    sess.run([train_op, loss], feed_dict={x: xb})       loss_value = train_step(xb, yb).numpy()

The pipeline: find the code that runs a graph (:mod:`.entry`), read its graph-building
statements into a plan (:mod:`.graph`) and its Session body (:mod:`.session`), let native mode
turn the model functions into ``tf.Module`` classes, then write the eager program
(:mod:`.emit`).  What cannot be proven equivalent leaves the whole program in TF1 form with a
finding naming it.  Never imports TensorFlow; the runtime helper the output uses is
:func:`unscope.program.checkpoint.restore` (imports TensorFlow when called).
"""
from unscope.program.engine import migrate_program

__all__ = ["migrate_program", "restore"]


def restore(path, model, optimizer=None, step=None):
    """``saver.restore(sess, path)`` for migrated programs: a TF1 name-based or a TF2 object
    checkpoint into ``model`` (and ``optimizer``, ``step``); see :mod:`unscope.program.checkpoint`."""
    from unscope.program.checkpoint import restore as _restore

    return _restore(path, model, optimizer, step)
