# Sourced by drive-completion.py in zsh, after compinit and the completion
# under test: records every match that completion adds and, once TAB's
# completion is over, moves the list to $CAPTURE_FILE.
compadd() {
    local -a __captured
    builtin compadd -O __captured "$@"
    (( ${#__captured} )) && print -rl -- "${__captured[@]}" >>"$CAPTURE_FILE.partial"
    builtin compadd "$@"
}
__capture_complete() {
    : >"$CAPTURE_FILE.partial"
    zle complete-word
    mv -f "$CAPTURE_FILE.partial" "$CAPTURE_FILE"
}
zle -N __capture_complete
bindkey '^I' __capture_complete
