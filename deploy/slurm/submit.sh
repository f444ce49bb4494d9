#!/usr/bin/env bash
# Submits a sweep as an N-task job array and a merge job that runs when every task has succeeded.
#   deploy/slurm/submit.sh SWEEP.yaml N OUT [extra sbatch options...]
# Prints the two job ids. OUT must be on a file system every node sees.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWEEP="$(realpath "$1")"; N="$2"; OUT="$(realpath -m "$3")"; shift 3
mkdir -p "$OUT"
array=$(sbatch --parsable --chdir="$OUT" --array=0-$((N - 1)) "$@" "$HERE/sweep.sbatch" "$SWEEP" "$N" "$OUT")
merge=$(sbatch --parsable --chdir="$OUT" --dependency=afterok:"${array%%;*}" "$@" "$HERE/merge.sbatch" "$OUT")
echo "array ${array%%;*} merge ${merge%%;*}"
