//! What loading tells the user: every problem found, each naming its file (and line).

use serde::Serialize;
use std::fmt;

use crate::model::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is wrong: a build should stop (the caller decides).
    Error,
    /// Worth a look, but the corpus still builds.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user knows it (the folder joined with the file name).
    pub file: String,
    /// 1-based line, when the problem is on one line.
    pub line: Option<u32>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(file: &str, line: Option<u32>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(
                f,
                "{}: {}:{}: {}",
                self.severity, self.file, line, self.message
            ),
            None => write!(f, "{}: {}: {}", self.severity, self.file, self.message),
        }
    }
}

/// Everything a folder load produced: the articles that could be read and every diagnostic,
/// in file order.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }
}
