//! Class unions: a word-class member written `@other` stands for every member of the class
//! `other` of the same bundle (`girls_any = ["@girls", "@girls_voc", "девах*"]`), recursively.
//!
//! Why: contributors widen every phrase at once by adding one word to a class, and bundles
//! folded phrases into classes that combine others. Without unions those combining classes
//! copied the members, and a word added to `girls` was missing from every copy.
//!
//! Unions exist only in the TOML a contributor writes. They are resolved when a bundle file is
//! read ([`resolve`], called by the TOML reader): the bundle's `classes` then hold the plain
//! member lists the engine and the compiled document have always held, so neither the engine
//! nor the document format changes, and a compiled document lists every member of every class.
//! The classes as written are kept beside the bundle ([`super::SourcedBundle::written_classes`])
//! for `redflag lint`: a class named only by another class is used, and a member listed once
//! literally and once through a union is not "listed twice".

use super::{At, Origin};
use crate::error::{Location, Problem, Severity};
use crate::phrase;
use std::collections::{BTreeMap, HashSet};

/// The class a member names, when it is written `@name`.
pub fn named_class(member: &str) -> Option<&str> {
    member.trim().strip_prefix('@')
}

/// Whether some class of `classes` names another class.
pub fn has_unions(classes: &BTreeMap<String, Vec<String>>) -> bool {
    classes.values().flatten().any(|m| named_class(m).is_some())
}

/// Where the resolution of one class stands (depth-first search).
#[derive(Clone, Copy, PartialEq)]
enum State {
    /// Being expanded: reaching it again is a cycle.
    Open,
    /// Expanded.
    Done,
}

/// Expands every `@other` member of `classes` into the members of `other` (recursively),
/// dropping members that are then listed twice (the first stays, in written order). Returns the
/// expanded classes, or every problem with its line: a class that this bundle does not define
/// (`unknown-class`; classes belong to their bundle) and a cycle (`class-cycle`,
/// `a` → `b` → `a`). Classes without unions come back as written.
pub fn resolve(
    classes: &BTreeMap<String, Vec<String>>,
    origin: &Origin,
) -> Result<BTreeMap<String, Vec<String>>, Vec<Problem>> {
    let mut r = Resolver {
        classes,
        origin,
        state: BTreeMap::new(),
        expanded: BTreeMap::new(),
        problems: Vec::new(),
        reported: HashSet::new(),
    };
    for name in classes.keys() {
        r.expand(name, &mut Vec::new());
    }
    if r.problems.is_empty() {
        Ok(r.expanded)
    } else {
        Err(r.problems)
    }
}

struct Resolver<'a> {
    classes: &'a BTreeMap<String, Vec<String>>,
    origin: &'a Origin,
    state: BTreeMap<&'a str, State>,
    expanded: BTreeMap<String, Vec<String>>,
    problems: Vec<Problem>,
    /// (class, member) pairs already reported, so that a cycle is reported once.
    reported: HashSet<(&'a str, &'a str)>,
}

impl<'a> Resolver<'a> {
    /// Expands `name` (defined), with `path` the classes being expanded that led to it.
    fn expand(&mut self, name: &'a str, path: &mut Vec<&'a str>) {
        if self.state.contains_key(name) {
            return;
        }
        self.state.insert(name, State::Open);
        path.push(name);
        let members = &self.classes[name];
        let mut out: Vec<String> = Vec::with_capacity(members.len());
        let mut seen: HashSet<String> = HashSet::new();
        let mut ok = true;
        for m in members {
            let Some(other) = named_class(m) else {
                if seen.insert(m.clone()) {
                    out.push(m.clone());
                }
                continue;
            };
            let Some((other, _)) = self.classes.get_key_value(other) else {
                ok = false;
                let what = if phrase::is_class_name(other) {
                    format!(
                        "\"{m}\": this bundle defines no word class @{other} in [classes] \
                         (a class may name only classes of its own bundle)"
                    )
                } else {
                    format!(
                        "\"{m}\": a class named in a class is written `@name` with lowercase \
                         letters, digits or `_`"
                    )
                };
                self.problem("unknown-class", name, m, what);
                continue;
            };
            match self.state.get(other.as_str()) {
                Some(State::Open) => {
                    ok = false;
                    let start = path.iter().position(|c| c == other).unwrap_or(0);
                    let mut cycle: Vec<&str> = path[start..].to_vec();
                    cycle.push(other);
                    let what = format!(
                        "\"{m}\": the word classes name each other in a circle ({}): a class \
                         cannot hold itself",
                        cycle
                            .iter()
                            .map(|c| format!("@{c}"))
                            .collect::<Vec<_>>()
                            .join(" → ")
                    );
                    self.problem("class-cycle", name, m, what);
                    continue;
                }
                Some(State::Done) => {}
                None => self.expand(other, path),
            }
            match self.expanded.get(other.as_str()) {
                Some(words) => {
                    for w in words {
                        if seen.insert(w.clone()) {
                            out.push(w.clone());
                        }
                    }
                }
                // `other` could not be expanded: its own problem is reported
                None => ok = false,
            }
        }
        path.pop();
        self.state.insert(name, State::Done);
        if ok {
            self.expanded.insert(name.to_string(), out);
        }
    }

    fn problem(&mut self, code: &'static str, class: &'a str, member: &'a str, message: String) {
        if !self.reported.insert((class, member)) {
            return;
        }
        let o = self.origin;
        let line = o
            .line(At::Member { class, member })
            .or_else(|| o.line_of("classes", None, Some(class)));
        self.problems.push(Problem {
            code,
            severity: Severity::Error,
            location: Location {
                file: o.file.clone(),
                line,
                field: Some(format!("classes.{class}")),
            },
            message,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(list: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        list.iter()
            .map(|(n, ms)| (n.to_string(), ms.iter().map(|m| m.to_string()).collect()))
            .collect()
    }

    fn origin() -> Origin {
        Origin::named("b.toml")
    }

    #[test]
    fn a_union_holds_the_members_of_the_classes_it_names_recursively() {
        let c = classes(&[
            ("girls", &["девушки", "девочки"]),
            ("voc", &["девчонки", "девушки"]),
            ("any", &["@girls", "@voc", "девах*"]),
            ("all", &["@any", "телочки", "@girls"]),
        ]);
        let r = resolve(&c, &origin()).unwrap();
        assert_eq!(r["girls"], ["девушки", "девочки"]);
        // "девушки" twice after expansion: once
        assert_eq!(r["any"], ["девушки", "девочки", "девчонки", "девах*"]);
        assert_eq!(
            r["all"],
            ["девушки", "девочки", "девчонки", "девах*", "телочки"]
        );
        assert!(has_unions(&c));
        assert!(!has_unions(&classes(&[("a", &["x"])])));
    }

    #[test]
    fn undefined_classes_and_cycles_are_errors_at_the_class() {
        let c = classes(&[
            ("a", &["@b", "x"]),
            ("b", &["y", "@c"]),
            ("c", &["@a"]),
            ("d", &["@nothing", "@Bad"]),
            ("e", &["@e"]),
        ]);
        let problems = resolve(&c, &origin()).unwrap_err();
        let codes: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.code, p.location.field.as_deref().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [
                ("class-cycle", "classes.c"),
                ("unknown-class", "classes.d"),
                ("unknown-class", "classes.d"),
                ("class-cycle", "classes.e"),
            ],
            "{problems:?}"
        );
        assert!(
            problems[0].message.contains("@a → @b → @c → @a"),
            "{problems:?}"
        );
        assert!(problems[1].message.contains("@nothing"));
        assert!(problems[2].message.contains("lowercase"));
        assert!(problems[3].message.contains("@e → @e"));
        assert!(problems.iter().all(|p| p.location.file == "b.toml"));
    }
}
