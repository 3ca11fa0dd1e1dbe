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
