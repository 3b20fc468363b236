#!/usr/bin/env python3
"""Counts, never texts: how a blind held-out round's missed risky posts stopped.

Usage: python3 scripts/blind-summary.py target/release/redflag tests/holdout/round-N [--bundle DIR]

For every risky post (expect warning or danger) the CLI rates below `warning`: whether it
raised no sign or stopped at `caution`, and the families its writer named on it, counted; and
how many hard negatives reach `warning`; and the evasion classes the writers marked, on all
risky posts and on the missed ones (which evasions the misses carry more often than the set
does: an engine gap rather than a phrase list's). Nothing of a post is printed (no id, no text, no
evidence), so the round stays blind for whoever reads the output (CONTRIBUTING.md, "A blind
round"): these counts are what docs/QUALITY.md reports beside `redflag eval --markdown`.
"""
import collections
import glob
import json
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    files = sorted(glob.glob(f"{folder}/*.jsonl"))
    if not files:
        sys.exit(f"blind-summary: no .jsonl files in {folder}")
    families = collections.Counter()
    evasions, missed_evasions = collections.Counter(), collections.Counter()
    positives = none = caution = hard = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            items = [json.loads(line) for line in f if line.strip()]
        run = subprocess.run([binary, *extra, "scan", "--jsonl", path], capture_output=True, text=True, check=True)
        results = [json.loads(line) for line in run.stdout.splitlines()]
        if len(results) != len(items):
            sys.exit(f"blind-summary: {path}: {len(items)} items but {len(results)} verdicts")
        for item, result in zip(items, results):
            level = result["level"]
            if item["expect"] in ("warning", "danger"):
                positives += 1
                evasions[item.get("evasion") or "none"] += 1
                if level in ("warning", "danger"):
                    continue
                families.update(item.get("families", []))
                missed_evasions[item.get("evasion") or "none"] += 1
                if level == "caution":
                    caution += 1
                else:
                    none += 1
            elif level in ("warning", "danger"):
                hard += 1
    print(f"risky posts {positives}, below warning {none + caution}: no sign {none}, caution {caution}; "
          f"hard negatives at >= warning {hard}")
    print("families named on the risky posts below warning: "
          + ", ".join(f"{k} {v}" for k, v in families.most_common()))
    print("evasions on the risky posts, missed of all: "
          + ", ".join(f"{k} {missed_evasions[k]}/{v}" for k, v in evasions.most_common()))


if __name__ == "__main__":
    main()
