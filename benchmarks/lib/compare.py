#!/usr/bin/env python3
"""Times commands interleaved (round r runs every command once, in rotated order), so that a
change in the machine's load during the run hits every command alike. Prints, per command, the
median and the minimum wall time and the median CPU time (user + system of the process and its
children), then each command's median relative to the first one's (or to the one named by --base).

    compare.py [--runs N] [--warmup N] [--base NAME] NAME=COMMAND [NAME=COMMAND ...]

COMMAND is run through /bin/sh with its output discarded; a command that fails is reported and
its figures are left out. Figures only: nothing here fails because something was slow."""
import argparse, os, resource, statistics, subprocess, sys, time

def run_once(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    rc = subprocess.call(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return rc, wall * 1000, cpu * 1000

def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--base")
    p.add_argument("commands", nargs="+", metavar="NAME=COMMAND")
    a = p.parse_args()
    cmds = []
    for c in a.commands:
        name, sep, cmd = c.partition("=")
        if not sep:
            p.error(f"expected NAME=COMMAND, got {c!r}")
        cmds.append((name, cmd))
    for _ in range(a.warmup):
        for _, cmd in cmds:
            run_once(cmd)
    walls = {n: [] for n, _ in cmds}
    cpus = {n: [] for n, _ in cmds}
    failed = {n: 0 for n, _ in cmds}
    for r in range(a.runs):
        k = r % len(cmds)
        for name, cmd in cmds[k:] + cmds[:k]:
            rc, wall, cpu = run_once(cmd)
            if rc != 0:
                failed[name] += 1
                continue
            walls[name].append(wall)
            cpus[name].append(cpu)
    width = max(len(n) for n, _ in cmds)
    print(f"{'':<{width}}  {'median ms':>9}  {'min ms':>7}  {'cpu ms':>7}  ratio")
    base = a.base or cmds[0][0]
    base_median = statistics.median(walls[base]) if walls.get(base) else None
    for name, _ in cmds:
        if not walls[name]:
            print(f"{name:<{width}}  failed in every run")
            continue
        med = statistics.median(walls[name])
        ratio = f"{med / base_median:5.2f}" if base_median else "  -  "
        note = f"  ({failed[name]} runs failed)" if failed[name] else ""
        print(f"{name:<{width}}  {med:9.1f}  {min(walls[name]):7.1f}  {statistics.median(cpus[name]):7.1f}  {ratio}{note}")
    print(f"(interleaved: {a.runs} rounds after {a.warmup} warm-up; ratio = median / median of {base}; "
          f"cores {os.cpu_count()}, load {' '.join(open('/proc/loadavg').read().split()[:3])})")

if __name__ == "__main__":
    main()
