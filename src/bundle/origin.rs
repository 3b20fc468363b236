//! Where a bundle or support entry came from, so that a problem can point at it: the file
//! name always, and the line when the source has lines.
//!
//! Only TOML has lines (the compiled JSON is written by `redflag compile`, never by hand), and
//! only the native tool reads TOML: the checks here name *what* is wrong as an [`At`] (a
//! table, a field, a phrase), and the TOML reader (`authoring`, feature `cli`) answers with a
//! line through [`SourceLines`]. The `.wasm` carries no TOML line scanner.

use std::fmt;
use std::sync::Arc;

/// A place in a bundle or support file, named by its structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At<'a> {
    /// `field` of the `index`-th `[[table]]` (of `[table]` when `index` is `None`); the
    /// table's header line when the field is absent or `None`.
    Field {
        /// The table's name (`signal`, `bundle`, `service` …).
        table: &'a str,
        /// Which of the `[[table]]`s; `None` for a `[table]`.
        index: Option<usize>,
        /// The key inside the table.
        field: Option<&'a str>,
    },
    /// A phrase of the `signal`-th `[[signal]]`, by its text.
    Phrase {
        /// Which `[[signal]]`.
        signal: usize,
        /// The phrase as written.
        text: &'a str,
    },
    /// A member of the word class `class` in `[classes]`, by its text.
    Member {
        /// The class's name.
        class: &'a str,
        /// The member as written.
        member: &'a str,
    },
    /// A quoted text inside `[table]` (a negation word).
    Quoted {
        /// The table's name.
        table: &'a str,
        /// The text as written.
        text: &'a str,
    },
}

/// Finds the line of a place in a source that has lines (TOML).
pub trait SourceLines: fmt::Debug + Send + Sync {
    /// The 1-based line of `at`, if the source has it.
    fn line(&self, at: At<'_>) -> Option<usize>;
}

/// Where a bundle or support file came from, to point errors at it.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// The file name (or a name given to an imported document).
    pub file: String,
    /// The lines of the source, when it has them (a TOML file read by the native tool).
    pub lines: Option<Arc<dyn SourceLines>>,
}

impl PartialEq for Origin {
    /// Same file, and the same source lines (or none).
    fn eq(&self, other: &Origin) -> bool {
        self.file == other.file
            && match (&self.lines, &other.lines) {
                (None, None) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl Origin {
    /// An origin without lines (a compiled document, an import).
    pub fn named(file: &str) -> Origin {
        Origin {
            file: file.to_string(),
            lines: None,
        }
    }

    /// The line of `at`, when the source has lines.
    pub fn line(&self, at: At<'_>) -> Option<usize> {
        self.lines.as_ref()?.line(at)
    }

    /// The line of `field` inside the `index`-th `[[table]]` (or `[table]` when `index` is
    /// `None`), or of the table header when the field is absent.
    pub fn line_of(&self, table: &str, index: Option<usize>, field: Option<&str>) -> Option<usize> {
        self.line(At::Field {
            table,
            index,
            field,
        })
    }

    /// The line of a phrase inside the `index`-th `[[signal]]`, found by its quoted text.
    pub fn line_of_phrase(&self, index: usize, phrase: &str) -> Option<usize> {
        self.line(At::Phrase {
            signal: index,
            text: phrase,
        })
    }
}
