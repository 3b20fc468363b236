//! Errors that say what is wrong and where: the file, the line when the source has lines, the
//! field, and a message a volunteer can act on.
//!
//! Bundle loading collects every problem it finds rather than stopping at the first, so one
//! run of `redflag lint` shows a contributor everything to fix. Loading is all or nothing: a
//! set with any error produces no engine, so a bad bundle never replaces a working one.

use std::fmt;

/// How serious a problem is. Errors stop a bundle from loading; warnings are listed by lint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth fixing; does not stop loading (lint lists it).
    Warning,
    /// Stops the set from loading.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The file (or the name the document was given, for imported JSON).
    pub file: String,
    /// 1-based line, when the source is known.
    pub line: Option<usize>,
    /// The field, as a path: `signal[3] "ru.girls".family`.
    pub field: Option<String>,
}

/// One thing wrong with a bundle set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem, stable across versions and wording changes (kebab-case, e.g.
    /// `unconfirmed-number`, `duplicate-id`, `bad-link`): tools match this, never the
    /// message. The list is in docs/BUNDLE_FORMAT.md ("Problem codes").
    pub code: &'static str,
    /// Whether it stops loading.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// What is wrong and what to do, for people.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.location;
        write!(
            f,
            "{}",
            if l.file.is_empty() {
                "<bundle>"
            } else {
                &l.file
            }
        )?;
        if let Some(line) = l.line {
            write!(f, ":{line}")?;
        }
        if let Some(field) = &l.field {
            write!(f, ": {field}")?;
        }
        write!(f, ": {}: {}", self.severity.as_str(), self.message)
    }
}

/// A failure to build an engine: every error found (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// The problems, errors only.
    pub problems: Vec<Problem>,
}

impl Error {
    /// An error of one problem: its `code` (see [`Problem::code`]), where, and what.
    pub fn single(
        code: &'static str,
        file: &str,
        line: Option<usize>,
        field: Option<String>,
        message: String,
    ) -> Error {
        Error {
            problems: vec![Problem {
                code,
                severity: Severity::Error,
                location: Location {
                    file: file.to_string(),
                    line,
                    field,
                },
                message,
            }],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
