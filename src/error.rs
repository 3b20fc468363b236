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
    Warning,
    Error,
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
    pub severity: Severity,
    pub location: Location,
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
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: {}", self.message)
    }
}

/// A failure to build an engine: every error found (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn single(
        file: &str,
        line: Option<usize>,
        field: Option<String>,
        message: String,
    ) -> Error {
        Error {
            problems: vec![Problem {
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
