use std::fmt;

/// The documented limit an input breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValidationRule {
    /// The value is longer than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
        /// The characters given.
        len: usize,
    },
    /// The value is empty but must not be.
    Empty,
    /// The value contains a control or NUL character.
    ControlCharacter,
    /// An email address lacks its `@`, user part or domain.
    NotAnEmailAddress,
    /// An update sets no field at all.
    NothingToUpdate,
}

/// An input that breaks a limit the API documents; the request is not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The field, as a JSON path (`nickname`, `extended_profile.job_title`, `email`).
    pub field: String,
    /// The rule broken.
    pub rule: ValidationRule,
}

impl ValidationError {
    pub(crate) fn new(field: impl Into<String>, rule: ValidationRule) -> Self {
        Self { field: field.into(), rule }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.rule {
            ValidationRule::TooLong { max, len } => {
                write!(f, "{field} is {len} characters long; at most {max} are allowed")
            }
            ValidationRule::Empty => write!(f, "{field} must not be empty"),
            ValidationRule::ControlCharacter => {
                write!(f, "{field} must not contain control or NUL characters")
            }
            ValidationRule::NotAnEmailAddress => {
                write!(f, "{field} must be an email address with a user part, `@` and a domain")
            }
            ValidationRule::NothingToUpdate => write!(f, "{field}: the update sets no field"),
        }
    }
}

impl std::error::Error for ValidationError {}

/// Checks length (in characters) and control characters.
pub(crate) fn check_text(field: &str, value: &str, max: Option<usize>) -> Result<(), ValidationError> {
    if value.chars().any(char::is_control) {
        return Err(ValidationError::new(field, ValidationRule::ControlCharacter));
    }
    if let Some(max) = max {
        let len = value.chars().count();
        if len > max {
            return Err(ValidationError::new(field, ValidationRule::TooLong { max, len }));
        }
    }
    Ok(())
}
