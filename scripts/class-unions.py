#!/usr/bin/env python3
"""Rewrite copied class members as class unions (`@other`) in the rule bundles.

Why: before unions existed, a class that combined others (`girls_any`, `r10f_*`) had to copy
their members, so a word later added to `girls` was missing from every copy. A union names
the class instead (docs/BUNDLE_FORMAT.md, "Word classes").

What it does, per bundle (rules/languages/*/bundle.toml): for each class A, every other class
B of the same bundle with at least 3 members whose whole member set is contained in A's (as
written, string for string) is named in A as `@B`, and B's members are removed from A's
literal list; `@B` takes the place of the first member it replaces. When two classes hold the
same set, the one whose name sorts later names the other (never both: no cycles). Larger
classes are named first; a class whose members are all already covered is not named. What
every class holds after expansion is therefore exactly what it held before: the set of words
does not change, only where they are written.

Only the `[classes]` arrays are rewritten; comments and everything else stay byte for byte.
An array that has a comment inside it is left alone (and reported).

Usage: scripts/class-unions.py [--write] [BUNDLE.toml ...]   (default: every language bundle)
Without --write it only reports what it would do.
"""

import glob
import json
import re
import sys
import tomllib


def array_spans(text):
    """(name, start, end) of each `name = [...]` in the [classes] table; end is after `]`."""
    m = re.search(r"^\[classes\][ \t]*$", text, re.M)
    if not m:
        return []
    nxt = re.search(r"^\[", text[m.end():], re.M)
    end_of_table = m.end() + nxt.start() if nxt else len(text)
    spans = []
    for d in re.finditer(r"^([a-z0-9_]+)[ \t]*=[ \t]*\[", text[m.end():end_of_table], re.M):
        start = m.end() + d.start()
        i = m.end() + d.end()
        has_comment = False
        in_str = False
        while True:
            c = text[i]
            if in_str:
                if c == "\\":
                    i += 1
                elif c == '"':
                    in_str = False
            elif c == '"':
                in_str = True
            elif c == "#":
                has_comment = True
                i = text.index("\n", i)
                continue
            elif c == "]":
                break
            i += 1
        spans.append((d.group(1), start, i + 1, has_comment))
    return spans


def render(name, members, multiline):
    items = [json.dumps(m, ensure_ascii=False) for m in members]
    one = f"{name} = [{', '.join(items)}]"
    if not multiline:
        return one
    lines, line = [], f"{name} = ["
    for k, it in enumerate(items):
        piece = it + ("," if k + 1 < len(items) else "]")
        if len(line) + 1 + len(piece) > 100 and line.strip() not in ("", f"{name} = ["):
            lines.append(line)
            line = "  " + piece
        else:
            line = line + ("" if line.endswith("[") else " ") + piece
    lines.append(line)
    return "\n".join(lines)


def expand(classes, name, seen=()):
    """Every word class `name` holds, following `@other` members."""
    out = []
    for m in classes[name]:
        if m.startswith("@"):
            assert m[1:] not in seen, f"cycle at {name}"
            out.extend(expand(classes, m[1:], seen + (name,)))
        else:
            out.append(m)
    return out


def names(classes, name, seen=None):
    """The classes `name` names, directly or through others."""
    seen = set() if seen is None else seen
    for m in classes[name]:
        if m.startswith("@") and m[1:] not in seen:
            seen.add(m[1:])
            names(classes, m[1:], seen)
    return seen


def plan(classes):
    """For each class, its new member list (with `@other`), only for classes that change.
    Works on bundles already written with unions too (a second run changes nothing)."""
    full = {n: set(expand(classes, n)) for n in classes}

    def below(b, a):
        return full[b] < full[a] or (full[b] == full[a] and b < a)

    new = {}
    for a, members in classes.items():
        cands = [
            b
            for b in classes
            if b != a
            and len(full[b]) >= 3
            and full[b] <= full[a]
            and below(b, a)
            and a not in names(classes, b)  # never a circle with links already written
        ]
        cands.sort(key=lambda b: (-len(full[b]), b))
        out = list(members)
        for b in cands:
            literal = [k for k, m in enumerate(out) if not m.startswith("@") and m in full[b]]
            if not literal:
                continue
            first = literal[0]
            keep = lambda m: m.startswith("@") or m not in full[b]
            out = [m for m in out[:first] if keep(m)] + [f"@{b}"] + [
                m for m in out[first:] if keep(m)
            ]
        if out != members:
            new[a] = out
    return new


def main():
    args = sys.argv[1:]
    write = "--write" in args
    files = [a for a in args if a != "--write"] or sorted(glob.glob("rules/languages/*/bundle.toml"))
    print("bundle\tclasses\trewritten\tmembers before\tafter\t(@names)\tbytes before\tafter\tlines before\tafter")
    for f in files:
        text = open(f, encoding="utf-8").read()
        classes = tomllib.loads(text).get("classes", {})
        new = plan(classes)
        merged = {**classes, **new}
        for n in classes:  # proof: every class holds the same words as before
            assert set(expand(merged, n)) == set(expand(classes, n)), (f, n)
        out, pos, skipped = [], 0, []
        for name, start, end, has_comment in array_spans(text):
            if name not in new:
                continue
            if has_comment:
                skipped.append(name)
                continue
            multiline = "\n" in text[start:end]
            out.append(text[pos:start])
            out.append(render(name, new[name], multiline))
            pos = end
        out.append(text[pos:])
        result = "".join(out)
        for n in skipped:
            new.pop(n)
        merged = {**classes, **new}
        assert tomllib.loads(result).get("classes", {}) == merged, f
        before = sum(len(v) for v in classes.values())
        after = sum(len(v) for v in merged.values())
        names_after = sum(1 for v in merged.values() for m in v if m.startswith("@"))
        print(
            f"{f}\t{len(classes)}\t{len(new)}\t{before}\t{after}\t{names_after}\t"
            f"{len(text.encode())}\t{len(result.encode())}\t"
            f"{text.count(chr(10))}\t{result.count(chr(10))}"
        )
        for n in skipped:
            print(f"  {n}: has a comment inside its list, left as written", file=sys.stderr)
        if write and result != text:
            open(f, "w", encoding="utf-8").write(result)


if __name__ == "__main__":
    main()
