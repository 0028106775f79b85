#!/usr/bin/env bash
# Adds up the counts that cargo test and node --test printed into one closing line.
set -euo pipefail
log=${1:?usage: test-summary.sh LOG}
awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;/) p += $i; if ($(i+1) ~ /^failed;/) f += $i; if ($(i+1) ~ /^ignored;/) s += $i } }
  /^# pass [0-9]+$/ { p += $3 }
  /^# fail [0-9]+$/ { f += $3 }
  /^# skipped [0-9]+$/ { s += $3 }
  END {
    printf "%d passed, %d failed, %d skipped\n", p, f, s
    if (p == 0 || f > 0) exit 1
  }' "$log"
