#!/bin/sh
# Checks what compilers and formatters cannot (DESIGN.md "Layers and folders"):
#  - include directions between layers;
#  - database headers only in the store backends;
#  - no I/O, clock or environment in src/core;
#  - banned calls anywhere in src/ (banned.h catches them at compile time too);
#  - message form: diagnostics start lowercase and have no final period.
set -eu
cd "$(dirname "$0")/.."
fail=0
complain() {
    echo "check-layers: $*" >&2
    fail=1
}

# layer -> layers it may include (besides itself and system headers)
allowed() {
    case "$1" in
    core) echo "core" ;;
    io) echo "core io" ;;
    render) echo "core render" ;;
    store) echo "core store" ;;
    cli) echo "core io render store cli web" ;;
    web) echo "core io render store web" ;;
    *) echo "" ;;
    esac
}

for dir in src/*/; do
    layer=$(basename "$dir")
    ok=$(allowed "$layer")
    for f in "$dir"*.c "$dir"*.h; do
        [ -e "$f" ] || continue
        grep -n '^#include "' "$f" | while IFS= read -r line; do
            inc=$(echo "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
            target=${inc%%/*}
            [ "$target" = "$inc" ] && continue # same-folder include
            case " $ok " in
            *" $target "*) ;;
            *) echo "check-layers: $f:${line%%:*}: layer '$layer' may not include '$inc'" >&2
               echo fail ;;
            esac
        done | grep -q fail && fail=1
    done
done

# Database headers only in the two backends.
for f in $(grep -rlE '#include <(sqlite3|libpq-fe)\.h>' src 2>/dev/null); do
    case "$f" in
    src/store/store_sqlite.c | src/store/store_pg.c) ;;
    *) complain "$f includes a database header (only store_sqlite.c / store_pg.c may)" ;;
    esac
done

# core is pure: no stdio streams, clock, environment or process control.
# xalloc.c is the one exception: out-of-memory and BUG() must print and abort.
for f in src/core/*.c; do
    [ "$f" = src/core/xalloc.c ] && continue
    if grep -nE '\b(fopen|fclose|fread|fwrite|printf|fprintf|puts|fputs|getenv|time|clock_gettime|exit|system|popen)[[:space:]]*\(' "$f" |
        grep -v '^\s*/\?\*' >/dev/null; then
        grep -nE '\b(fopen|fclose|fread|fwrite|printf|fprintf|puts|fputs|getenv|time|clock_gettime|exit|system|popen)[[:space:]]*\(' "$f" >&2
        complain "$f: src/core must not do I/O, read the clock or the environment"
    fi
done

# Banned calls (see src/core/banned.h).
if grep -rnE '\b(strcpy|strcat|strncpy|sprintf|vsprintf|strtok|atoi|atol|gmtime|localtime|gets)[[:space:]]*\(' \
    src --include='*.c' | grep -v 'banned.h' >&2; then
    complain "banned calls found above"
fi

# Message form: "lowercase first word, no final period".
if grep -rnE '(jx_diags_add|jx_err_set|diag_error|diag_warn)\([^"]*"[A-Z][a-z]' src --include='*.c' >&2; then
    complain "diagnostic messages must start with a lowercase word"
fi
if grep -rnE '(jx_diags_add|jx_err_set|diag_error|diag_warn)\([^"]*"[^"]*\.")' src --include='*.c' >&2; then
    complain "diagnostic messages must not end with a period"
fi

exit $fail
