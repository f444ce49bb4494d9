#!/usr/bin/env bash
# Submits a sweep as an N-task job array and a merge job that runs when every task has succeeded.
#   deploy/slurm/submit.sh SWEEP.yaml N OUT [extra sbatch options...]
# Prints the two job ids. OUT must be on a file system every node sees; parts go to OUT/parts (those of an earlier
# submission to the same OUT are removed first), the merged files to OUT/merged, the logs to OUT. If a task fails,
# the merge is cancelled (--kill-on-invalid-dep); rerun that task alone with sbatch --array=I sweep.sbatch ..., then
# sbatch merge.sbatch OUT.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWEEP="$(realpath "$1")"; N="$2"; OUT="$(realpath -m "$3")"; shift 3
rm -rf "$OUT/parts"
mkdir -p "$OUT"
array=$(sbatch --parsable --chdir="$OUT" --array=0-$((N - 1)) "$@" "$HERE/sweep.sbatch" "$SWEEP" "$N" "$OUT")
merge=$(sbatch --parsable --chdir="$OUT" --dependency=afterok:"${array%%;*}" --kill-on-invalid-dep=yes "$@" "$HERE/merge.sbatch" "$OUT")
echo "array ${array%%;*} merge ${merge%%;*}"
