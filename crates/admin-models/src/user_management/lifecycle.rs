use serde::{Deserialize, Serialize};

use crate::Extra;

/// The body of `POST …/lifecycle/disable`: `{"message": …}`, or `{}` without a message (the body
/// itself is required).
///
/// ```
/// use admin_models::user_management::LifecycleMessage;
/// assert_eq!(serde_json::to_string(&LifecycleMessage::default()).unwrap(), "{}");
/// assert_eq!(serde_json::to_string(&LifecycleMessage::new("bye")).unwrap(), r#"{"message":"bye"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleMessage {
    /// Shown to the user when they try to log in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl LifecycleMessage {
    /// A body with `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: Some(message.into()) }
    }
}

/// The answer of `POST …/lifecycle/delete` and `…/cancel-delete`: `{message?}` (empty when the
/// server answers 204).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct LifecycleResult {
    /// What the server said, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(LifecycleResult);
