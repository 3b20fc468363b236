//! Line numbers in a TOML rule file: the answer to "where is `signal[3].family`?" for a
//! problem found by the checks (`bundle::check`), which know the structure but not the text.
//!
//! A light line scanner rather than the `toml` crate's spans: the files are written by people
//! in the layout docs/BUNDLE_FORMAT.md shows (one key per line, tables in brackets), and the
//! line is a pointer for the contributor, not part of the meaning.

use crate::bundle::{At, SourceLines};

/// The text of one TOML file, to find lines in.
#[derive(Debug)]
pub struct TomlLines {
    source: String,
}

impl TomlLines {
    /// Keeps `source` to answer line questions about it.
    pub fn new(source: &str) -> TomlLines {
        TomlLines {
            source: source.to_string(),
        }
    }

    /// The first line from line `start` (0-based) up to the next table that holds `"text"`.
    fn line_of_quoted(&self, start: usize, text: &str) -> Option<usize> {
        let quoted = format!("\"{text}\"");
        self.source
            .lines()
            .enumerate()
            .skip(start)
            .take_while(|(n, l)| *n == start || !l.trim_start().starts_with('['))
            .find(|(_, l)| l.contains(&quoted))
            .map(|(n, _)| n + 1)
    }

    /// The line of `field` inside the `index`-th `[[table]]` (or `[table]` when `index` is
    /// `None`), or of the table header when the field is absent.
    fn line_of(&self, table: &str, index: Option<usize>, field: Option<&str>) -> Option<usize> {
        let header = match index {
            Some(_) => format!("[[{table}]]"),
            None => format!("[{table}]"),
        };
        let wanted = index.unwrap_or(0);
        let mut seen = 0usize;
        let mut in_table = false;
        let mut header_line = None;
        for (n, line) in self.source.lines().enumerate() {
            let t = line.trim();
            if t.starts_with('[') {
                if in_table {
                    break;
                }
                if t == header {
                    if seen == wanted {
                        in_table = true;
                        header_line = Some(n + 1);
                    }
                    seen += 1;
                }
                continue;
            }
            if in_table {
                if let Some(f) = field {
                    let key = t.split('=').next().unwrap_or("").trim();
                    if key == f {
                        return Some(n + 1);
                    }
                }
            }
        }
        header_line
    }
}

impl SourceLines for TomlLines {
    fn line(&self, at: At<'_>) -> Option<usize> {
        match at {
            At::Field {
                table,
                index,
                field,
            } => self.line_of(table, index, field),
            At::Phrase { signal, text } => {
                let start = self.line_of("signal", Some(signal), None)?;
                self.line_of_quoted(start, text)
            }
            At::Member { class, member } => {
                let start = self.line_of("classes", None, Some(class))?;
                self.line_of_quoted(start - 1, member)
            }
            At::Quoted { table, text } => {
                let start = self.line_of(table, None, None)?;
                self.line_of_quoted(start - 1, text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_finds_fields_inside_the_right_table() {
        let src = "[bundle]\nid = \"x\"\n\n[[signal]]\nid = \"a\"\nfamily = \"f\"\n\n[[signal]]\nid = \"b\"\nfamily = \"g\"\n";
        let o = TomlLines::new(src);
        assert_eq!(o.line_of("bundle", None, Some("id")), Some(2));
        assert_eq!(o.line_of("signal", Some(0), Some("family")), Some(6));
        assert_eq!(o.line_of("signal", Some(1), Some("family")), Some(10));
        assert_eq!(o.line_of("signal", Some(1), Some("weight")), Some(8));
    }

    #[test]
    fn line_of_phrase_looks_inside_its_signal_not_at_comments() {
        let src = "# \"girls only\" is covered below\n[[signal]]\nid = \"a\"\nphrases = [\n  \"girls only\",\n]\n";
        let o = TomlLines::new(src);
        let at = At::Phrase {
            signal: 0,
            text: "girls only",
        };
        assert_eq!(o.line(at), Some(5));
    }

    #[test]
    fn class_members_and_quoted_words_are_found_in_their_table() {
        let src =
            "[negation]\nwords = [\"не\", \"без\"]\n\n[classes]\ngirls = [\n  \"девушки\",\n]\n";
        let o = TomlLines::new(src);
        let member = At::Member {
            class: "girls",
            member: "девушки",
        };
        assert_eq!(o.line(member), Some(6));
        let quoted = At::Quoted {
            table: "negation",
            text: "без",
        };
        assert_eq!(o.line(quoted), Some(2));
    }
}
