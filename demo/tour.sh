#!/bin/sh
# A short tour of the demo store (`make run` runs it after the ingest): a search, a dossier, a timeline
# and the stories. SVODKA is the command (default .venv/bin/svodka), SVODKA_DB the store (svodka.db).
SVODKA=${SVODKA:-.venv/bin/svodka}
SVODKA_DB=${SVODKA_DB:-svodka.db}
export SVODKA_DB PYTHONWARNINGS=ignore

step() { printf '\n$ svodka %s\n' "$*"; }
has() { $SVODKA "$1" --help >/dev/null 2>&1; }
run() {   # a verb of this svodka, output and errors cut to $LINES_MAX lines (the cut said); never fatal
    if ! has "$1"; then echo "(\`svodka $1\` is not in this svodka yet)"; return 0; fi
    max=${LINES_MAX:-40}
    out=$($SVODKA "$@" 2>&1)
    [ -n "$out" ] || return 0
    total=$(printf '%s\n' "$out" | wc -l)
    printf '%s\n' "$out" | head -n "$max"
    if [ "$total" -gt "$max" ]; then echo "… ($((total - max)) more lines)"; fi
    return 0
}

step search Алиеву --limit 3
run search "Алиеву" --limit 3
step entity '"Ильхам Алиев"'
run entity "Ильхам Алиев"
step timeline Россия Азербайджан
run timeline Россия Азербайджан
step stories
LINES_MAX=200 run stories
