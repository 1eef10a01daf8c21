# Shared by the scripts: one build directory outside the clone, so every checkout and every
# CI run on this machine reuses the same compiled dependencies.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/frontdesk/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
