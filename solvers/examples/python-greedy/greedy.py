#!/usr/bin/env python3
"""The greedy baseline as an external qkdsched solver, in Python's standard library only.

Usage (qkdsched runs it so): greedy.py INSTANCE_DIR OUT_DIR, with QKDSCHED_STRATEGY (gd or pd) and
QKDSCHED_TIME_LIMIT (seconds, or empty) in the environment. It reads instance.yaml and keys.csv and
writes OUT_DIR/schedule.csv; it proves nothing, so it writes no claims.json (status feasible).

The rule is the built-in greedy's: walk the intervals in time order; keep serving the current node
while it pays; otherwise serve the best-paying node the switching rule allows (the last node again at
any time, another one only after switch_intervals idle intervals), or stay idle. A node pays
K[m, n] under gd and w_n * K[m, n] under pd.
"""
import csv
import os
import sys
import time


def read_instance(path):
    """The few fields of our own instance.yaml that the greedy needs (qkdsched writes it in this layout)."""
    switch_intervals, nodes, weights = None, [], []
    with open(path, encoding="utf-8-sig") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            key, _, value = line.strip().lstrip("- ").partition(":")
            value = value.strip().strip('"')
            if line.startswith("switch_intervals:"):
                switch_intervals = int(value)
            elif line.startswith("  - id:"):
                nodes.append(value)
                weights.append(1.0)
            elif line.startswith("    weight:") and nodes:
                weights[-1] = float(value)
    if switch_intervals is None or not nodes:
        sys.exit(f"greedy.py: {path}: no switch_intervals or nodes found")
    return switch_intervals, nodes, weights


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: greedy.py INSTANCE_DIR OUT_DIR")
    instance_dir, out_dir = sys.argv[1], sys.argv[2]
    strategy = os.environ.get("QKDSCHED_STRATEGY", "gd")
    if strategy not in ("gd", "pd"):
        sys.exit(f"greedy.py: strategy {strategy} is not supported (gd, pd)")
    limit = os.environ.get("QKDSCHED_TIME_LIMIT", "")
    deadline = time.monotonic() + float(limit) if limit else None

    switch_intervals, nodes, weights = read_instance(os.path.join(instance_dir, "instance.yaml"))
    index = {n: i for i, n in enumerate(nodes)}
    pays = weights if strategy == "pd" else [1.0] * len(nodes)

    rows = {}  # interval -> [(node index, bits)] in node order
    with open(os.path.join(instance_dir, "keys.csv"), newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            rows.setdefault(int(r["interval"]), []).append((index[r["node"]], float(r["bits"])))

    served = []  # (interval, node index)
    current, last_node, last_interval = -1, -1, None
    for t in sorted(rows):
        if deadline is not None and time.monotonic() > deadline:
            break
        choice, choice_value = -1, 0.0
        for n, bits in sorted(rows[t]):
            value = pays[n] * bits
            if not value > 0:
                continue
            if n == current:
                choice = n
                break
            allowed = n == last_node or last_interval is None or t - last_interval - 1 >= switch_intervals
            if allowed and value > choice_value:
                choice, choice_value = n, value
        current = choice
        if choice < 0:
            continue
        served.append((t, choice))
        last_node, last_interval = choice, t

    # One row per run of consecutive intervals given to one node (schedule.csv's first three columns).
    contacts = []
    for t, n in served:
        if contacts and contacts[-1][0] == n and contacts[-1][2] == t - 1:
            contacts[-1][2] = t
        else:
            contacts.append([n, t, t])
    tmp = os.path.join(out_dir, "schedule.csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        f.write("node,first_interval,last_interval\n")
        for n, first, last in contacts:
            f.write(f"{nodes[n]},{first},{last}\n")
    os.replace(tmp, os.path.join(out_dir, "schedule.csv"))
    print(f"greedy.py: {len(contacts)} contacts over {len(served)} intervals ({strategy})")


if __name__ == "__main__":
    main()
