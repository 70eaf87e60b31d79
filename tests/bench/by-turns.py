#!/usr/bin/env python3
"""Commands timed by turns: each run of each command in turn, so that a slower spell of
the machine falls on all of them alike (runs of one binary vary by 10-30% from one spell
to the next on a shared machine; the ratio of two commands measured by turns varies far
less). Prints, per command, the median and best wall time, the mean CPU time (user+sys,
from wait4), of it the mean system time, the mean page faults (minor: each page of
memory a run touches first costs one; on the benchmark machine, a virtual one, 1.5-3 us
of system time each, so a program's peak memory shows in its CPU time) and the peak RSS; with --instructions also the instructions of one run under
valgrind's callgrind (all threads; the steadiest measure of the work: runs of one binary
differ by up to 2.5%, the pool's idle threads and hash seeds).

    python3 tests/bench/by-turns.py --runs 15 \\
        --cmd "base=/path/to/old/aics-lint check --no-progress --format json" \\
        --cmd "main=target/release/aics-lint check --no-progress --format json" \\
        --cmd "ripgrep=rg -j 2 -F -l -f sdk-names.txt" -- TREE...

Each --cmd is LABEL=COMMAND (split as a shell would, not run by one); the arguments after
`--` are appended to every command. The first command's median is the reference of the
last column."""

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time


def run_once(argv):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, ru.ru_stime, ru.ru_minflt


def instructions(argv):
    """Instructions of one run under callgrind (None when valgrind is missing)."""
    if shutil.which("valgrind") is None:
        return None
    p = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in p.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--cmd", action="append", required=True, help="LABEL=COMMAND")
    ap.add_argument("--instructions", action="store_true", help="also count each command's instructions (callgrind)")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    cmds = []
    for c in a.cmd:
        label, sep, command = c.partition("=")
        if not sep or not command.strip():
            sys.exit(f"by-turns: --cmd {c!r} is not LABEL=COMMAND")
        cmds.append((label, shlex.split(command) + a.args))
    results = {label: [] for label, _ in cmds}
    for _ in range(a.runs):
        for label, argv in cmds:
            results[label].append(run_once(argv))
    counts = {label: instructions(argv) for label, argv in cmds} if a.instructions else {}
    ref = statistics.median(r[0] for r in results[cmds[0][0]])
    print(
        f"{'command':<12} {'median ms':>10} {'best ms':>9} {'CPU ms':>8} {'sys ms':>7} {'faults':>8} {'RSS MB':>7} {'vs ' + cmds[0][0]:>10}"
        + (f" {'instructions':>16}" if a.instructions else "")
    )
    for label, _ in cmds:
        r = results[label]
        med = statistics.median(x[0] for x in r)
        line = (
            f"{label:<12} {med * 1e3:>10.1f} {min(x[0] for x in r) * 1e3:>9.1f} {statistics.mean(x[1] for x in r) * 1e3:>8.0f}"
            f" {statistics.mean(x[3] for x in r) * 1e3:>7.0f} {statistics.mean(x[4] for x in r):>8.0f} {max(x[2] for x in r):>7.0f} {med / ref:>9.2f}x"
        )
        if a.instructions:
            n = counts.get(label)
            line += f" {n:>16,}" if n is not None else f" {'(no valgrind)':>16}"
        print(line)
    print(f"({a.runs} runs each by turns; load before the last: {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
