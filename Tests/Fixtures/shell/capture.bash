# Sourced by drive-completion.py in bash, after the completion under test:
# wraps the completion functions so that what they put in COMPREPLY is
# written, one candidate a line, to $CAPTURE_FILE.
__capture() {
    local function=$1 status
    shift
    "$function" "$@"
    status=$?
    printf '%s\n' "${COMPREPLY[@]}" >"$CAPTURE_FILE.partial"
    mv -f "$CAPTURE_FILE.partial" "$CAPTURE_FILE"
    return $status
}
__capture_kubectl_mesh() { __capture _kubectl_mesh "$@"; }
complete -F __capture_kubectl_mesh kubectl-mesh
if declare -F __start_kubectl >/dev/null; then
    __capture_kubectl() { __capture __start_kubectl "$@"; }
    complete -o default -F __capture_kubectl kubectl
fi
