/// The completion scripts `completion bash|zsh` prints. `completions/` in the
/// repository holds the same text (a test keeps them equal; after editing here,
/// regenerate them with `kubectl-mesh completion bash > completions/kubectl-mesh.bash`
/// and `kubectl-mesh completion zsh > completions/_kubectl-mesh`). Neither
/// script lists commands: both ask `kubectl-mesh __complete`, which reads the
/// command table, so they cannot go stale.
enum CompletionScripts {
    static let bash = #"""
# bash completion for kubectl-mesh                         -*- shell-script -*-
#
# Printed by `kubectl-mesh completion bash`. Load it with
#   source <(kubectl-mesh completion bash)
# or install it as .../bash-completion/completions/kubectl-mesh.
#
# The script knows nothing about the commands: it asks the program itself
# (`kubectl-mesh __complete WORD... CURRENT`), which answers with candidates
# and a last line `:N` (cobra's protocol, the one kubectl speaks).

_kubectl_mesh() {
    local line=${COMP_LINE:0:COMP_POINT} rest word trimmed
    local -a words=()
    local i
    # bash splits words at the characters of COMP_WORDBREAKS, so
    # `--context=kind-east` arrives as `--context` `=` `kind-east`. Glue back
    # together the pieces that touch on the command line.
    rest=$line
    for ((i = 0; i <= COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        trimmed=${rest#"${rest%%[![:blank:]]*}"}
        if ((i == COMP_CWORD)); then
            word=$trimmed
        elif [[ $trimmed == "$word"* ]]; then
            :
        else
            word=$trimmed
        fi
        if ((i > 0)) && [[ ${#trimmed} -eq ${#rest} ]]; then
            words[${#words[@]} - 1]+=$word
        else
            words+=("$word")
        fi
        rest=${trimmed#"$word"}
    done
    local cur=${words[${#words[@]} - 1]}

    local out
    out=$("${words[0]}" __complete "${words[@]:1}" 2>/dev/null) || return 0
    local directive=${out##*$'\n'}
    directive=${directive#:}
    [[ $directive =~ ^[0-9]+$ ]] || directive=0
    local -a candidates=()
    if [[ $out == *$'\n'* ]]; then
        local entry
        while IFS= read -r entry; do
            candidates+=("${entry%%$'\t'*}")
        done <<<"${out%$'\n'*}"
    fi
    ((directive & 1)) && return 0

    # bash replaces only the text after the last word-break character; drop
    # what comes before it from each candidate.
    local fragment=$cur c
    for ((i = 0; i < ${#COMP_WORDBREAKS}; i++)); do
        c=${COMP_WORDBREAKS:i:1}
        fragment=${fragment##*"$c"}
    done
    local strip=$((${#cur} - ${#fragment}))

    COMPREPLY=()
    if ((directive & 8)); then
        local extension
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(
            compgen -d -- "$fragment"
            for extension in "${candidates[@]}"; do compgen -f -X "!*.$extension" -- "$fragment"; done
        )
        return 0
    fi
    if ((directive & 16)); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$fragment")
        return 0
    fi
    local candidate
    for candidate in "${candidates[@]}"; do
        [[ $candidate == "$cur"* ]] && COMPREPLY+=("${candidate:strip}")
    done
    ((directive & 2)) && compopt -o nospace 2>/dev/null
    ((directive & 32)) && compopt -o nosort 2>/dev/null
    if ((${#COMPREPLY[@]} == 0 && !(directive & 4))); then
        compopt -o default 2>/dev/null
    fi
    return 0
}

complete -F _kubectl_mesh kubectl-mesh

"""#

    static let zsh = #"""
#compdef kubectl-mesh
#
# zsh completion for kubectl-mesh, printed by `kubectl-mesh completion zsh`.
# Install it as _kubectl-mesh in a directory of $fpath (before compinit runs),
# or load it into the current shell with: source <(kubectl-mesh completion zsh)
#
# The script knows nothing about the commands: it asks the program itself
# (`kubectl-mesh __complete WORD... CURRENT`), which answers with candidates
# (`value<TAB>description`) and a last line `:N` (cobra's protocol).

_kubectl-mesh() {
    local -a arguments lines described
    local out directive entry value help
    # The words after the program name, unquoted, the last one cut at the cursor.
    arguments=("${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}")
    out=$("${words[1]}" __complete "${arguments[@]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    directive=${lines[-1]#:}
    [[ $directive == <-> ]] || directive=0
    lines=("${(@)lines[1,-2]}")
    (( directive & 1 )) && return 1

    if (( directive & 8 )); then
        _files -g "*.(${(j:|:)lines})"
        return
    fi
    if (( directive & 16 )); then
        _files -/
        return
    fi
    for entry in "${lines[@]}"; do
        [[ -n $entry ]] || continue
        value=${entry%%$'\t'*}
        help=""
        [[ $entry == *$'\t'* ]] && help=${entry#*$'\t'}
        # _describe splits value from description at the first unescaped colon.
        value=${value//:/\\:}
        described+=("$value${help:+:$help}")
    done
    local -a options
    (( directive & 2 )) && options+=(-S '')
    if (( ${#described} )); then
        _describe -t values 'kubectl-mesh' described "${options[@]}"
        return
    fi
    (( directive & 4 )) && return 1
    _files
}

if [[ $funcstack[1] == _kubectl-mesh ]]; then
    _kubectl-mesh "$@"
else
    compdef _kubectl-mesh kubectl-mesh
fi

"""#
}
