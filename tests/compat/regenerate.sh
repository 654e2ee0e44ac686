#!/bin/sh
# regenerate.sh: rebuilds the Jekyll comparison suite's golden sites with the real Jekyll.
#
#   tests/compat/regenerate.sh                 rebuild every site's expected/ (Jekyll's _site) from its src/
#   tests/compat/regenerate.sh sass baseurl    rebuild only these sites
#   tests/compat/regenerate.sh --check [...]   build into a scratch directory and compare with the
#                                              committed goldens; exit 1 if any differ (no writes)
#
# Each tests/compat/sites/<name>/src/ is built by ../shared/oracle/site.sh (Jekyll 4.3.1, see
# ../shared/oracle/README.md) into tests/compat/sites/<name>/expected/, the golden output that
# test_sites.py compares postforge's build with. The goldens are committed test data: Jekyll's
# answer, never edited by hand.
#
# Nondeterminism: Jekyll's only varying input here is `site.time` (the build time), which also
# dates collection documents without a `date:`. Every site pins it with
# `time: 2024-01-01 00:00:00 +0000` in its _config.yml, and this script refuses a site that does
# not, so nothing in a golden changes between runs and nothing needs masking afterwards (running
# this twice gives byte-identical trees; `--check` verifies that). Builds go to a scratch
# directory first and replace the golden only when Jekyll succeeded.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
oracle="$repo/../shared/oracle/site.sh"
sites_dir="$here/sites"

check=0
if [ "${1:-}" = "--check" ]; then
    check=1
    shift
fi

if [ ! -x "$oracle" ]; then
    echo "$0: oracle not found at $oracle (expected beside the checkout: ../shared/oracle)" >&2
    exit 2
fi

if [ "$#" -gt 0 ]; then
    names="$*"
else
    names=$(cd "$sites_dir" && for d in */src; do echo "${d%/src}"; done)
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/postforge-compat.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

status=0
for name in $names; do
    src="$sites_dir/$name/src"
    golden="$sites_dir/$name/expected"
    if [ ! -d "$src" ]; then
        echo "$0: no such site: $name ($src)" >&2
        exit 2
    fi
    if ! grep -Eq '^time:[[:space:]]*2024-01-01 00:00:00 \+0000[[:space:]]*$' "$src/_config.yml"; then
        echo "$0: $name: _config.yml must pin 'time: 2024-01-01 00:00:00 +0000' (site.time varies otherwise)" >&2
        exit 2
    fi
    out="$scratch/$name"
    "$oracle" "$src" "$out"
    if [ "$check" -eq 1 ]; then
        if diff -r "$golden" "$out" >"$scratch/$name.diff" 2>&1; then
            echo "ok       $name"
        else
            echo "DIFFERS  $name"
            sed 's/^/    /' "$scratch/$name.diff" | head -40
            status=1
        fi
    else
        rm -rf "$golden"
        mv "$out" "$golden"
        count=$(find "$golden" -type f | wc -l)
        echo "built    $name ($count files)"
    fi
done
exit "$status"
