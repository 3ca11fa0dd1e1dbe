#!/bin/sh
# Builds kubectl-mesh (release, Swift runtime linked statically: one file that
# needs only the system's libc and libcurl) and installs:
#   PREFIX/bin/kubectl-mesh                                the plugin
#   PREFIX/bin/kubectl_complete-mesh                       `kubectl mesh <TAB>` (kubectl >= 1.26)
#   PREFIX/share/bash-completion/completions/kubectl-mesh  bash completion
#   PREFIX/share/zsh/site-functions/_kubectl-mesh          zsh completion
#   PREFIX/share/man/man1/kubectl-mesh.1                   the manual page
# and a list of these files in PREFIX/share/kubectl-mesh/install-manifest, which
# --uninstall removes exactly. Safe to run again.
#
# Usage: ./install.sh [--prefix DIR] [--binary FILE] [--uninstall]
#   --prefix DIR    install under DIR (also PREFIX=DIR); default /usr/local when
#                   writable, else ~/.local
#   --binary FILE   install this already built kubectl-mesh instead of building
#   --uninstall     remove what an earlier run installed under the prefix
# DESTDIR=DIR puts everything under DIR (for packaging) as usual.
set -eu

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-}
binary=
uninstall=false
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || fail "--prefix needs a directory"; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --binary) [ $# -ge 2 ] || fail "--binary needs a file"; binary=$2; shift 2 ;;
        --binary=*) binary=${1#--binary=}; shift ;;
        --uninstall) uninstall=true; shift ;;
        -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) fail "unknown option $1 (see ./install.sh --help)" ;;
    esac
done

destdir=${DESTDIR:-}
if [ -z "$prefix" ]; then
    if [ -n "$destdir" ] || [ -w /usr/local ] || { [ ! -e /usr/local ] && [ "$(id -u)" = 0 ]; }; then
        prefix=/usr/local
    else
        prefix=$HOME/.local
    fi
fi
case $prefix in /*) ;; *) prefix=$(pwd)/$prefix ;; esac
root=$destdir$prefix
manifest=$prefix/share/kubectl-mesh/install-manifest

if $uninstall; then
    [ -f "$destdir$manifest" ] || fail "nothing to uninstall: $destdir$manifest does not exist"
    created=$(grep '/$' "$destdir$manifest.dirs" 2>/dev/null || true)
    # Files first (the lists last), then the directories the install created, deepest
    # first; a directory that holds something else is kept.
    grep -v '/$' "$destdir$manifest" | while IFS= read -r file; do
        [ -n "$file" ] || continue
        rm -f "$destdir$file" && say "removed $destdir$file"
    done
    rm -f "$destdir$manifest" "$destdir$manifest.dirs"
    rmdir "$destdir$prefix/share/kubectl-mesh" 2>/dev/null || true
    printf '%s\n' "$created" | awk 'NF { print length, $0 }' | sort -rn | cut -d' ' -f2- \
        | while IFS= read -r directory; do rmdir "$destdir$directory" 2>/dev/null || true; done
    say "kubectl-mesh is uninstalled from $root"
    exit 0
fi

if [ -z "$binary" ]; then
    # What building needs besides Swift: libcurl's headers (the program loads libcurl at run time).
    command -v swift >/dev/null 2>&1 || fail "swift is not installed: get Swift 6 from https://www.swift.org/install/linux/ and run again"
    missing=
    [ -f /usr/include/curl/curl.h ] || [ -f /usr/include/x86_64-linux-gnu/curl/curl.h ] \
        || [ -f /usr/include/aarch64-linux-gnu/curl/curl.h ] || missing="$missing libcurl4-openssl-dev"
    if [ -n "$missing" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            say "installing build prerequisites:$missing"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
        else
            fail "missing build prerequisites:$missing (on Debian or Ubuntu: sudo apt-get install$missing)"
        fi
    fi
    say "building kubectl-mesh (release, static Swift runtime; a few minutes the first time)..."
    scratch=$here/.build-release-static
    mkdir -p "$scratch"
    # The compiler's output is kept for when the build fails (a successful static link
    # prints a linker note about Foundation's use of mktemp that is no concern here).
    if ! (cd "$here" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product kubectl-mesh) \
        >"$scratch/install-build.log" 2>&1; then
        tail -n 40 "$scratch/install-build.log" >&2
        fail "the build failed (whole log: $scratch/install-build.log)"
    fi
    binary=$(cd "$here" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/kubectl-mesh
fi
[ -x "$binary" ] || fail "$binary is not an executable"

installed=
# Directories this install creates (kept from an earlier run's list), so --uninstall can remove them too.
created=$(cat "$destdir$manifest.dirs" 2>/dev/null || true)
note_missing_directories() {
    directory=$1
    while [ "$directory" != / ] && [ "$directory" != "$prefix" ] && [ ! -d "$destdir$directory" ]; do
        created="$created
$directory/"
        directory=$(dirname "$directory")
    done
}
put() { # put MODE SOURCE TARGET
    note_missing_directories "$(dirname "$3")"
    mkdir -p "$(dirname "$destdir$3")"
    rm -f "$destdir$3"
    cp "$2" "$destdir$3"
    chmod "$1" "$destdir$3"
    installed="$installed$3
"
}
put 0755 "$binary" "$prefix/bin/kubectl-mesh"
put 0755 "$here/completions/kubectl_complete-mesh" "$prefix/bin/kubectl_complete-mesh"
put 0644 "$here/completions/kubectl-mesh.bash" "$prefix/share/bash-completion/completions/kubectl-mesh"
put 0644 "$here/completions/_kubectl-mesh" "$prefix/share/zsh/site-functions/_kubectl-mesh"
put 0644 "$here/man/kubectl-mesh.1" "$prefix/share/man/man1/kubectl-mesh.1"
note_missing_directories "$(dirname "$manifest")"
mkdir -p "$(dirname "$destdir$manifest")"
printf '%s' "$installed" > "$destdir$manifest"
printf '%s\n' "$created" | grep '/$' | sort -u > "$destdir$manifest.dirs" || true

say "installed:"
printf '%s' "$installed" | while IFS= read -r file; do say "  $destdir$file"; done
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) say "note: $prefix/bin is not on your PATH; add it so that kubectl finds the plugin"
       say "  (and man finds its page): export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
if [ -z "$destdir" ]; then
    # bash-completion loads completions/NAME from the share directories of XDG_DATA_DIRS and XDG_DATA_HOME.
    case ":${XDG_DATA_DIRS:-/usr/local/share:/usr/share}:${XDG_DATA_HOME:-$HOME/.local/share}:" in
        *":$prefix/share:"*) ;;
        *) say "note: bash-completion does not look in $prefix/share; for kubectl-mesh <TAB> in bash, add to ~/.bashrc:"
           say "  source $prefix/share/bash-completion/completions/kubectl-mesh" ;;
    esac
    if command -v zsh >/dev/null 2>&1 \
        && ! zsh -fc 'print -rl -- $fpath' 2>/dev/null | grep -qx "$prefix/share/zsh/site-functions"; then
        say "note: $prefix/share/zsh/site-functions is not in zsh's default fpath; for kubectl-mesh <TAB> in zsh,"
        say "  add to ~/.zshrc before compinit: fpath=($prefix/share/zsh/site-functions \$fpath)"
    fi
fi
say "try: kubectl mesh contexts"
