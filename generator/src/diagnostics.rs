//! Diagnostics: what is wrong with a spec, and where (file, JSON pointer, line and column).

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the user may want to know, with nothing lost (webhooks get no client methods).
    Note,
    /// Generation goes on with a documented fallback.
    Warning,
    /// The spec cannot be turned into a client.
    Error,
}

/// One finding about a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The spec file, as the user named it.
    pub file: String,
    /// JSON pointer to the offending node (`#/paths/~1pets/get`), empty for the whole document.
    pub pointer: String,
    /// 1-based line and column in the file, when known.
    pub location: Option<(u32, u32)>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `pointer`; the file and line are filled in by [`Diagnostics::locate`].
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: String::new(),
            pointer: pointer.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A note at `pointer`.
    pub fn note(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pointer, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.location = Some((clamp(line), clamp(column)));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, ": at {}", self.pointer)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every finding about one run, errors and warnings together, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Names the file and, where the pointer can be found in `text`, the line of each diagnostic.
    pub fn locate(&mut self, file: &str, text: &str) {
        let mut lines: Option<Vec<&str>> = None;
        for diagnostic in &mut self.0 {
            diagnostic.file = file.to_owned();
            if diagnostic.location.is_none() && !diagnostic.pointer.is_empty() {
                let lines = lines.get_or_insert_with(|| text.lines().collect());
                let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                diagnostic.location = crate::read::locate::line_in(lines, &diagnostic.pointer)
                    .map(|(line, column)| (clamp(line), clamp(column)));
            }
        }
    }

    /// Drops repeats of a finding (a schema merged into several places is read once per place),
    /// keeping the first of each in place.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        self.0
            .retain(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    }

    /// Appends another run's findings.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics(vec![diagnostic])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
