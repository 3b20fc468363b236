#!/usr/bin/env python3
"""Would a model of the wording, learned from the development corpus, lift the posts that stop
at `caution`? A measurement kept for the record (docs/QUALITY.md, "A learned model of the
wording: measured, not adopted"); not part of the build or the tests.

It trains a logistic regression on hashed character 3-5-grams (scikit-learn; `pip install
scikit-learn`) of the development corpus (rules/languages/*/corpus/, positives against hard
negatives), then counts, at several probability thresholds, the posts that `redflag scan`
puts at `caution` and the model would lift to `warning`: older held-out rounds (positives and
hard negatives, counts only: no post is printed), development hard negatives (out of fold, by
round file), ../shared/corpora/labelled/ ordinary posts and ../shared/corpora/*.jsonl. It also
counts posts at >= `warning` the model scores below 0.1 (what a "demoter" would lower).

Usage: python3 scripts/experiments/wording-model.py target/release/redflag [LAST_ROUND]
LAST_ROUND (default 13): the newest held-out round to count; a round still blind must not be
included.
"""
import glob, json, os, subprocess, sys, unicodedata
import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

BIN = sys.argv[1]
LAST = int(sys.argv[2]) if len(sys.argv) > 2 else 13
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "corpora")
LEVEL = {"none": 0, "caution": 1, "warning": 2, "danger": 3}
THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9]


def load(path):
    """Items of a .jsonl file with the verdict of `redflag scan` on each."""
    items = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    feed = "".join(json.dumps({"id": str(i), "text": it["text"], **({"lang": it["lang"]} if it.get("lang") else {})},
                              ensure_ascii=False) + "\n" for i, it in enumerate(items))
    out = subprocess.run([BIN, "scan", "--jsonl", "-"], input=feed.encode(), capture_output=True, check=True).stdout
    verdicts = [json.loads(line) for line in out.decode().splitlines() if line.strip()]
    assert len(verdicts) == len(items), path
    for it, v in zip(items, verdicts):
        risky = it.get("kind") == "positive" or it.get("expect") == "flag"
        ordinary = it.get("kind") == "hard_negative" or it.get("expect") in ("clean", "none") or "kind" not in it and "expect" not in it
        it["_risky"], it["_ordinary"], it["_level"] = risky, ordinary and not risky, LEVEL[v["level"]]
    return items


def text(item):
    return unicodedata.normalize("NFKC", item["text"]).lower()


vec = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2**16, alternate_sign=False, norm="l2")
dev_files = sorted(glob.glob(os.path.join(ROOT, "rules/languages/*/corpus/*.jsonl")))
dev, groups = [], []
for f in dev_files:
    for it in load(f):
        dev.append(it); groups.append(os.path.basename(f).rsplit("-", 1)[-1])
X = vec.transform([text(it) for it in dev]); y = np.array([it["_risky"] for it in dev], dtype=int)
model = lambda: LogisticRegression(C=4.0, max_iter=3000)
oof = np.zeros(len(y))
for train, test in GroupKFold(n_splits=5).split(X, y, groups):
    oof[test] = model().fit(X[train], y[train]).predict_proba(X[test])[:, 1]
m = model().fit(X, y)
lv = np.array([it["_level"] for it in dev])
print(f"development corpus: {y.sum()} risky, {len(y) - y.sum()} hard negatives, {((y == 0) & (lv == 1)).sum()} hard negatives at caution")
print("  hard negatives at caution the model would lift (out of fold):",
      ", ".join(f"p>={t}: {((y == 0) & (lv == 1) & (oof >= t)).sum()}" for t in THRESHOLDS))


def count(label, items):
    p = m.predict_proba(vec.transform([text(it) for it in items]))[:, 1]
    lv = np.array([it["_level"] for it in items]); r = np.array([it["_risky"] for it in items]); o = np.array([it["_ordinary"] for it in items])
    lifts = ", ".join(f"p>={t}: +{((lv == 1) & r & (p >= t)).sum()} risky / +{((lv == 1) & o & (p >= t)).sum()} ordinary" for t in THRESHOLDS)
    print(f"{label}: risky {r.sum()} ({((lv >= 2) & r).sum()} at >= warning, {((lv == 1) & r).sum()} at caution); "
          f"ordinary {o.sum()} ({((lv >= 2) & o).sum()} at >= warning, {((lv == 1) & o).sum()} at caution)")
    print(f"  lifted caution -> warning: {lifts}")
    print(f"  at >= warning with p < 0.1: {((lv >= 2) & r & (p < 0.1)).sum()} risky / {((lv >= 2) & o & (p < 0.1)).sum()} ordinary")


rounds = []
for n in range(1, LAST + 1):
    rounds += [it for f in sorted(glob.glob(os.path.join(ROOT, f"tests/holdout/round-{n}/*.jsonl"))) for it in load(f)]
count(f"held-out rounds 1-{LAST} (counts only)", rounds)
count("../shared/corpora/labelled (real posts)", [it for f in sorted(glob.glob(os.path.join(SHARED, "labelled/*.jsonl"))) for it in load(f)])
count("../shared/corpora/*.jsonl (real ordinary text)", [it for f in sorted(glob.glob(os.path.join(SHARED, "*.jsonl"))) for it in load(f)])
