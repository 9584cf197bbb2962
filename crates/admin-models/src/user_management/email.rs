use serde::{Deserialize, Serialize};

use super::validation::{ValidationError, ValidationRule, check_text};

/// The body of `PUT /users/{account_id}/manage/email`: `{"email": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetEmailRequest {
    /// The new address; its domain must be verified in the organization.
    pub email: String,
}

/// Each part of an address may have at most this many characters.
const PART_MAX: usize = 255;

impl SetEmailRequest {
    /// A request for `email`.
    pub fn new(email: impl Into<String>) -> Self {
        Self { email: email.into() }
    }

    /// Checks what the API documents: a user part and a domain around one `@`, each part and
    /// each subdomain at most 255 characters, no spaces, control or NUL characters.
    ///
    /// ```
    /// use admin_models::user_management::SetEmailRequest;
    /// assert!(SetEmailRequest::new("lila@example.com").validate().is_ok());
    /// assert!(SetEmailRequest::new("lila@").validate().is_err());
    /// ```
    ///
    /// # Errors
    /// A [`ValidationError`] for the field `email`.
    pub fn validate(&self) -> Result<(), ValidationError> {
        validate_email("email", &self.email)
    }
}

/// Checks that `email` is an address as the Admin APIs document it: a user part and a domain
/// around one `@`, each part and each subdomain at most 255 characters, no spaces, control or NUL
/// characters, no empty domain label. `field` names the input in the error (`email`, `emails`).
/// Every call that sends an address (set email, org user search, invitations, SCIM links for
/// an email) checks it with this before sending.
///
/// ```
/// use admin_models::user_management::validate_email;
/// assert!(validate_email("email", "lila@example.com").is_ok());
/// assert!(validate_email("email", "not an email").is_err());
/// assert!(validate_email("email", "").is_err());
/// ```
///
/// # Errors
/// A [`ValidationError`] for `field`.
pub fn validate_email(field: &str, email: &str) -> Result<(), ValidationError> {
    check_text(field, email, None)?;
    let invalid = || ValidationError::new(field, ValidationRule::NotAnEmailAddress);
    let (user, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
    if user.is_empty() || domain.is_empty() || email.chars().any(char::is_whitespace) {
        return Err(invalid());
    }
    if domain.split('.').any(str::is_empty) {
        return Err(invalid());
    }
    check_text(&format!("{field} (user part)"), user, Some(PART_MAX))?;
    for label in domain.split('.') {
        check_text(&format!("{field} (domain)"), label, Some(PART_MAX))?;
    }
    Ok(())
}
