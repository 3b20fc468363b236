#!/usr/bin/env python3
"""Evasion twins: does the disguise cost what the plain post reaches?

tests/twins/<locale>.jsonl holds posts written blind with a disguise (`text`) and the same post
without it (`plain`), tagged with the disguise's class (`evasion`: glued, leet, homoglyph, emoji,
zero_width, spacing). Both are scanned; per class and locale this prints:

- risky twins (`kind` positive): of those whose `plain` reaches >= warning, how many whose
  `text` does too (a loss is an engine gap of that class: the wording is caught, the disguise
  is not undone);
- ordinary twins (`kind` hard_negative): how many reach >= warning with the disguise and
  without it (with it only: the engine invents risk from the disguise);

then lists the lost twins (risky, plain >= warning, text below) with both levels and both
evidence lists, the ordinary twins at >= warning, and the risky twins whose plain is below
warning too (their wording, not the disguise: left to the rules).

    python3 scripts/twin-check.py [path/to/redflag] [--bundle DIR] [--quiet]

(default binary: target/release/redflag with its built-in bundles; run from the repository
root.) `--quiet` prints the table only. Exit status 0 always: tests/twins.rs is the gate.
"""
import glob, json, os, subprocess, sys

args = sys.argv[1:]
quiet = '--quiet' in args
args = [a for a in args if a != '--quiet']
extra = []
if '--bundle' in args:
    i = args.index('--bundle'); extra = ['--bundle', args[i + 1]]; del args[i:i + 2]
B = args[0] if args else 'target/release/redflag'
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
LEV = {'none': 0, 'caution': 1, 'warning': 2, 'danger': 3}

twins = []
for f in sorted(glob.glob(os.path.join(ROOT, 'tests', 'twins', '*.jsonl'))):
    loc = os.path.basename(f)[:-len('.jsonl')]
    for line in open(f, encoding='utf-8'):
        if line.strip():
            twins.append(dict(json.loads(line), _loc=loc))


def scan(texts):
    inp = ''.join(json.dumps({'id': str(i), 'text': t, 'lang': l}, ensure_ascii=False) + '\n'
                  for i, (t, l) in enumerate(texts))
    out = subprocess.run([B, 'scan', '--jsonl', *extra, '-'], input=inp.encode(),
                         capture_output=True, check=True).stdout.decode()
    return [json.loads(l) for l in out.splitlines()]


res = scan([(t['text'], t['lang']) for t in twins] + [(t['plain'], t['lang']) for t in twins])
n = len(twins)
for i, t in enumerate(twins):
    t['_d'], t['_p'] = res[i], res[n + i]


def ev(v):
    return '; '.join(f"{e['family']}:{e['text']!r}" for e in v['evidence']) or '-'


classes = sorted({t['evasion'] for t in twins})
locales = sorted({t['_loc'] for t in twins})
print(f"{'class':11s} {'risky kept':>11s} {'ordinary >=w (disg/plain)':>26s}   per locale (kept/plain>=w)")
tot = [0, 0, 0, 0, 0]
for c in classes:
    pos = [t for t in twins if t['evasion'] == c and t['kind'] == 'positive']
    neg = [t for t in twins if t['evasion'] == c and t['kind'] != 'positive']
    base = [t for t in pos if LEV[t['_p']['level']] >= 2]
    kept = [t for t in base if LEV[t['_d']['level']] >= 2]
    nd = sum(LEV[t['_d']['level']] >= 2 for t in neg)
    np_ = sum(LEV[t['_p']['level']] >= 2 for t in neg)
    per = []
    for l in locales:
        b = [t for t in base if t['_loc'] == l]
        if b:
            per.append(f"{l}:{sum(LEV[t['_d']['level']] >= 2 for t in b)}/{len(b)}")
    print(f"{c:11s} {len(kept):4d}/{len(base):<6d} {nd:10d}/{len(neg)} {np_:3d}/{len(neg)}{'':8s} {' '.join(per)}")
    tot[0] += len(kept); tot[1] += len(base); tot[2] += nd; tot[3] += np_; tot[4] += len(neg)
print(f"{'total':11s} {tot[0]:4d}/{tot[1]:<6d} {tot[2]:10d}/{tot[4]} {tot[3]:3d}/{tot[4]}")
if quiet:
    sys.exit(0)
print('\nLOST (plain >= warning, disguised below):')
for t in twins:
    if t['kind'] == 'positive' and LEV[t['_p']['level']] >= 2 and LEV[t['_d']['level']] < 2:
        print(f"  {t['id']} [{t['evasion']}] {t['_d']['level']} (plain {t['_p']['level']})\n"
              f"    text:  {t['text']!r}\n    ev:    {ev(t['_d'])}\n    plain: {ev(t['_p'])}")
print('\nORDINARY at >= warning:')
for t in twins:
    if t['kind'] != 'positive' and max(LEV[t['_d']['level']], LEV[t['_p']['level']]) >= 2:
        print(f"  {t['id']} [{t['evasion']}] {t['_d']['level']} (plain {t['_p']['level']})\n"
              f"    text:  {t['text']!r}\n    ev:    {ev(t['_d'])}\n    plain: {ev(t['_p'])}")
print('\nWORDING (risky, plain below warning too):')
for t in twins:
    if t['kind'] == 'positive' and LEV[t['_p']['level']] < 2:
        print(f"  {t['id']} [{t['evasion']}] {t['_d']['level']} (plain {t['_p']['level']})")
