# Sourced by drive-completion.py in bash, after the completion under test:
# wraps the completion functions so that what they put in COMPREPLY is
# written, one candidate a line, to $CAPTURE_FILE. What readline does besides
# is written as marker lines: "<default file completion>" when the function
# left no candidates and asked for readline's own file names (-o default),
# "<no space>" when no space is to follow the word (-o nospace).
__capture() {
    local function=$1 status options
    shift
    "$function" "$@"
    status=$?
    options=" $(compopt 2>/dev/null) "
    {
        printf '%s\n' "${COMPREPLY[@]}"
        if [[ ${#COMPREPLY[@]} -eq 0 && $options == *" -o default "* ]]; then echo "<default file completion>"; fi
        if [[ $options == *" -o nospace "* ]]; then echo "<no space>"; fi
    } >"$CAPTURE_FILE.partial"
    mv -f "$CAPTURE_FILE.partial" "$CAPTURE_FILE"
    return $status
}
__capture_kubectl_mesh() { __capture _kubectl_mesh "$@"; }
complete -F __capture_kubectl_mesh kubectl-mesh
if declare -F __start_kubectl >/dev/null; then
    __capture_kubectl() { __capture __start_kubectl "$@"; }
    complete -o default -F __capture_kubectl kubectl
fi
