#!/usr/bin/env bash
# Sets up .venv on a fresh machine and runs unscope's main job on the bundled example
# (examples/tf1_project, a TF1 text classifier and its TF1 training script):
#   1. scan      what TF1 variable machinery is there, and what will happen to it
#   2. TF1 run   the untouched TF1 training script writes a TF1 checkpoint
#   3. migrate   compat mode, into examples/out/compat
#   4. convert   the TF1 checkpoint into a TF2 object checkpoint for the migrated model
#   5. verify    TF1 original vs migrated model, same weights: outputs and gradients
#   6. native    migrate --mode native (tf.Module classes), convert into it, verify it
#   7. report    one review page
#   8. program   the whole project natively: the training scripts become eager TF2 programs; the
#                migrated fine-tune script resumes the TF1 checkpoint of step 2 with TF1's losses
source "$(dirname "$0")/setup.sh"
set -euo pipefail
OUT="${UNSCOPE_EXAMPLE_OUT:-examples/out}"
rm -rf "$OUT" && mkdir -p "$OUT"
U=.venv/bin/unscope
PY=.venv/bin/python
step() { printf '\n== %s\n' "$*" >&2; }

step "1. unscope scan examples/tf1_project"
$U scan examples/tf1_project

step "2. the original TF1 training script, run unmodified in TF1 graph mode"
$PY -m unscope.verify.run_tf1 examples/tf1_project/train_tf1.py "$OUT/tf1_ckpt/model" 2>&1 | grep -v Warning | grep -v "^  " >&2
$PY examples/make_inputs.py "$OUT/inputs.npz"

step "3. unscope migrate --mode compat (into $OUT/compat)"
$U migrate examples/tf1_project --out "$OUT/compat" --report "$OUT/migrate-report.json"
$U migrate examples/tf1_project --diff | head -40 || true

step "4. unscope convert: TF1 checkpoint -> TF2 checkpoint of the migrated model"
$U convert "$OUT/tf1_ckpt/model" "$OUT/tf2_ckpt/model" \
    --model "$OUT/compat/model.py:classifier" --example "$OUT/inputs.npz"

step "5. unscope verify: TF1 original vs migrated, with the trained weights"
$U verify examples/tf1_project/model.py:classifier "$OUT/compat/model.py:classifier" \
    --example "$OUT/inputs.npz" --checkpoint "$OUT/tf1_ckpt/model"

step "6. unscope migrate --mode native: tf.Module classes (into $OUT/native)"
$U migrate --mode native examples/tf1_project/model.py --out "$OUT/native" --report "$OUT/native-report.json" --html "$OUT/native-report.html"
$U convert "$OUT/tf1_ckpt/model" "$OUT/tf2_native_ckpt/model" \
    --model "$OUT/native/model.py:Classifier" --example "$OUT/inputs.npz"
$U verify examples/tf1_project/model.py:classifier "$OUT/native/model.py:Classifier" \
    --example "$OUT/inputs.npz" --checkpoint "$OUT/tf1_ckpt/model" --format json > "$OUT/verify-report.json"

step "7. unscope report: one review page from the migrate, convert and verify reports"
$U convert "$OUT/tf1_ckpt/model" "$OUT/tf2_dry_run/model" --model "$OUT/native/model.py:Classifier" \
    --example "$OUT/inputs.npz" --dry-run --format json > "$OUT/convert-report.json"
$U report "$OUT/native-report.json" "$OUT/convert-report.json" "$OUT/verify-report.json" -o "$OUT/report.html"

step "8. unscope migrate --mode native examples/tf1_project: eager TF2 training programs"
$U migrate --mode native examples/tf1_project --out "$OUT/native_project"
$PY -m unscope.verify.run_tf1 examples/tf1_project/finetune_tf1.py "$OUT/tf1_ckpt/model" \
    "$OUT/tf1_finetuned/model" 2>/dev/null | sed 's/^/TF1 fine-tune:      /' >&2
ABS_OUT="$(cd "$OUT" && pwd)"
(cd "$OUT/native_project" && "$ROOT/$PY" finetune_tf1.py "$ABS_OUT/tf1_ckpt/model" \
    "$ABS_OUT/tf2_finetuned/model") 2>/dev/null | sed 's/^/migrated fine-tune: /' >&2

printf '\nexample done: outputs under %s\n' "$OUT" >&2
