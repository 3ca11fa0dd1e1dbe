#!/usr/bin/env python3
"""Types command lines, each followed by TAB, into one real interactive shell
and prints the candidates the shell's completion offered for each.

usage: drive-completion.py SHELL SETUP_FILE CAPTURE_FILE LINE...

SHELL is bash or zsh. SETUP_FILE is sourced first; it loads the completion
under test and wraps it so that the candidates land in CAPTURE_FILE (see
capture.bash and capture.zsh). For each LINE the candidates are printed one a
line, then a line holding only "\x1e" (ASCII record separator); the line is
then erased (Ctrl-U) for the next one. Exits 1 when nothing was captured for a
line within 30 seconds. Runs the shell on a pseudo-terminal, so readline (bash)
and ZLE (zsh) do the word splitting exactly as they do for a person.
"""
import os
import pty
import select
import signal
import sys
import time


def main():
    shell, setup, capture = sys.argv[1:4]
    lines = sys.argv[4:]
    argv = {"bash": ["bash", "--norc", "--noprofile", "-i"], "zsh": ["zsh", "-f", "-i"]}[shell]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["CAPTURE_FILE"] = capture
        os.environ["PS1"] = "$ "
        os.environ["TERM"] = "dumb"
        os.execvp(argv[0], argv)
    transcript = b""

    def drain(seconds):
        nonlocal transcript
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    transcript += os.read(fd, 65536)
                except OSError:
                    return

    try:
        os.write(fd, b"source '" + setup.encode() + b"'; echo setup-done\n")
        deadline = time.time() + 30
        while b"setup-done\r\n" not in transcript and time.time() < deadline:
            drain(0.1)
        for line in lines:
            deadline = time.time() + 30
            os.write(fd, line.encode() + b"\t")
            while not os.path.exists(capture) and time.time() < deadline:
                drain(0.05)
            if not os.path.exists(capture):
                sys.stderr.write(f"no completion captured for {line!r}; terminal said:\n"
                                 + transcript.decode(errors="replace"))
                return 1
            with open(capture) as handle:
                sys.stdout.write(handle.read())
            sys.stdout.write("\x1e\n")
            os.remove(capture)
            os.write(fd, b"\x15")  # Ctrl-U: erase the line for the next one
            drain(0.05)
        return 0
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(fd)


if __name__ == "__main__":
    sys.exit(main())
