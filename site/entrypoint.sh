# What the entry points (site/run.sh, site/test.sh, site/frontend-e2e.sh) do first, sourced by each.
# ROOT must be set to the project's root.

# Runs the caller's clean-up function `$1` however the script ends: its own end, a failed step
# (set -e), Ctrl-C or a TERM; the function sees the exit status in $? and should `trap - EXIT INT TERM`.
run_on_exit() {
    # shellcheck disable=SC2064  # the function's name is fixed now
    trap "$1" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# Installs what the project needs (site/bootstrap.sh, passing its options on) and puts the project's
# .venv first on PATH for the rest of the script.
use_project_venv() {
    bash "$ROOT/site/bootstrap.sh" "$@"
    export VIRTUAL_ENV="$ROOT/.venv"
    export PATH="$VIRTUAL_ENV/bin:$PATH"
}
