//! SCIM attribute paths (RFC 7644 §3.10) and PATCH paths (RFC 7644 §3.5.2), validated.
//!
//! The grammar, as RFC 7644 §3.10 and RFC 7643 §2.1 give it:
//!
//! ```text
//! attrPath  = [URI ":"] ATTRNAME *1subAttr
//! ATTRNAME  = ALPHA *(nameChar)
//! nameChar  = "-" / "_" / DIGIT / ALPHA
//! subAttr   = "." ATTRNAME
//! PATH      = attrPath / valuePath [subAttr]          ; PATCH only (§3.5.2)
//! valuePath = attrPath "[" valFilter "]"
//! ```
//!
//! What this module accepts in the places the RFC leaves open, kept narrow so that nothing a
//! filter or PATCH parser reads as syntax (spaces, quotes, brackets, parentheses) can hide in a
//! path:
//!
//! - the schema prefix is a URN: `urn:` (any case), then `:`-separated non-empty segments of
//!   ASCII letters, digits and `-._~+%` (so `urn:ietf:params:scim:schemas:core:2.0:User` and
//!   `urn:scim:schemas:extension:atlassian-external:1.0`). The prefix ends at the **last** `:`;
//! - `$ref`, the one attribute name RFC 7643 defines outside ATTRNAME (§2.3.7), is accepted as
//!   an attribute or sub-attribute name;
//! - names keep the case they were given (SCIM compares them case-insensitively).
//!
//! [`AttributePath::parse`] checks a whole path; [`AttributePath::parse_prefix`] reads one from
//! the start of a longer text (what a filter parser needs); [`validate`] only checks.
//! [`PatchPath::parse`] checks a PATCH `path`, including a value filter such as
//! `emails[type eq "work"].value`.

use std::fmt;
use std::str::FromStr;

use super::filter::{CompareOp, Filter};

/// Why an attribute path or PATCH path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PathError {
    /// The path is empty or only whitespace.
    Empty,
    /// A character that cannot appear at this place of a path (a space, a quote, a bracket…).
    UnexpectedCharacter {
        /// The whole path as given.
        path: String,
        /// The offending character.
        character: char,
        /// Its byte offset in `path`.
        offset: usize,
    },
    /// An attribute or sub-attribute name that is not `ALPHA *("-" / "_" / DIGIT / ALPHA)`
    /// (e.g. empty, as in `name.` or `a..b`, or starting with a digit).
    InvalidAttributeName {
        /// The whole path as given.
        path: String,
        /// The offending name.
        name: String,
    },
    /// A sub-attribute of a sub-attribute (`a.b.c`): SCIM paths have at most one `.`.
    NestedSubAttribute {
        /// The whole path as given.
        path: String,
    },
    /// The schema prefix (everything before the last `:`) is not a URN (`urn:<nid>:<nss>`).
    InvalidSchemaUrn {
        /// The whole path as given.
        path: String,
        /// The offending prefix.
        urn: String,
    },
    /// The value filter of a value path (`attr[filter]`) is malformed.
    InvalidValueFilter {
        /// The whole path (or, for [`Filter::value_path`], the attribute) as given.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Empty => f.write_str("a SCIM attribute path must not be empty"),
            PathError::UnexpectedCharacter { path, character, offset } => write!(
                f,
                "SCIM path {path:?} contains {character:?} at byte {offset}, which a path cannot contain there"
            ),
            PathError::InvalidAttributeName { path, name } => write!(
                f,
                "SCIM path {path:?}: {name:?} is not an attribute name (a letter, then letters, digits, '-' or '_')"
            ),
            PathError::NestedSubAttribute { path } => {
                write!(f, "SCIM path {path:?} has more than one sub-attribute level ('.')")
            }
            PathError::InvalidSchemaUrn { path, urn } => write!(
                f,
                "SCIM path {path:?}: {urn:?} is not a schema URN (urn:<nid>:<nss>, letters, digits and -._~+%)"
            ),
            PathError::InvalidValueFilter { path, reason } => {
                write!(f, "SCIM path {path:?} has an invalid value filter: {reason}")
            }
        }
    }
}

impl std::error::Error for PathError {}

/// Checks that `path` is a SCIM attribute path (`userName`, `name.familyName`,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`).
///
/// # Errors
/// [`PathError`] saying what is wrong.
///
/// ```
/// use admin_models::scim::attribute_path::{validate, PathError};
///
/// assert!(validate("emails.value").is_ok());
/// assert!(matches!(validate(r#"userName eq "x" or userName"#), Err(PathError::UnexpectedCharacter { .. })));
/// ```
pub fn validate(path: &str) -> Result<(), PathError> {
    AttributePath::check(path)
}

/// A validated SCIM attribute path: `[URN ":"] ATTRNAME ["." ATTRNAME]`.
///
/// Only [`parse`](Self::parse) (and its `FromStr` / `TryFrom` forms) and
/// [`parse_prefix`](Self::parse_prefix) make one, so a `Filter` built from it cannot carry
/// anything but an attribute path.
///
/// ```
/// use admin_models::scim::AttributePath;
///
/// let path = AttributePath::parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")?;
/// assert_eq!(path.schema(), Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
/// assert_eq!(path.attribute(), "manager");
/// assert_eq!(path.sub_attribute(), Some("value"));
/// assert!(AttributePath::parse("").is_err());
/// assert!(AttributePath::parse("name.").is_err());
/// # Ok::<(), admin_models::scim::PathError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttributePath(String);

impl AttributePath {
    /// Parses a whole attribute path.
    ///
    /// # Errors
    /// [`PathError`] saying what is wrong.
    pub fn parse(path: impl Into<String>) -> Result<Self, PathError> {
        let path = path.into();
        Self::check(&path)?;
        Ok(AttributePath(path))
    }

    /// Reads an attribute path from the start of `input` and returns it with the rest of the
    /// input. The path ends at the first whitespace, `[`, `]`, `(`, `)` or `"`; what precedes
    /// must be a valid path.
    ///
    /// # Errors
    /// [`PathError`] if no valid path starts `input`.
    ///
    /// ```
    /// use admin_models::scim::AttributePath;
    ///
    /// let (path, rest) = AttributePath::parse_prefix(r#"emails[type eq "work"]"#)?;
    /// assert_eq!((path.as_str(), rest), ("emails", r#"[type eq "work"]"#));
    /// # Ok::<(), admin_models::scim::PathError>(())
    /// ```
    pub fn parse_prefix(input: &str) -> Result<(Self, &str), PathError> {
        let end = input
            .find(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '"'))
            .unwrap_or(input.len());
        let (token, rest) = input.split_at(end);
        if token.is_empty() {
            return match rest.chars().next() {
                Some(character) if !input.trim().is_empty() => {
                    Err(PathError::UnexpectedCharacter { path: input.to_owned(), character, offset: 0 })
                }
                _ => Err(PathError::Empty),
            };
        }
        Self::check(token)?;
        Ok((AttributePath(token.to_owned()), rest))
    }

    /// A path this crate writes as a constant (checked in debug builds and by the tests).
    pub(crate) fn known(path: &'static str) -> Self {
        debug_assert_eq!(Self::check(path), Ok(()), "{path}");
        AttributePath(path.to_owned())
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The schema URN prefix, without the `:` that ends it, if any.
    pub fn schema(&self) -> Option<&str> {
        self.0.rfind(':').map(|colon| &self.0[..colon])
    }

    /// The attribute name (after the schema prefix, before any `.`).
    pub fn attribute(&self) -> &str {
        let local = self.local();
        local.split_once('.').map_or(local, |(name, _)| name)
    }

    /// The sub-attribute name, after the `.`, if any.
    pub fn sub_attribute(&self) -> Option<&str> {
        self.local().split_once('.').map(|(_, sub)| sub)
    }

    fn local(&self) -> &str {
        self.0.rfind(':').map_or(&self.0, |colon| &self.0[colon + 1..])
    }

    fn check(path: &str) -> Result<(), PathError> {
        if path.trim().is_empty() {
            return Err(PathError::Empty);
        }
        if let Some((offset, character)) = path.char_indices().find(|(_, c)| !is_path_char(*c)) {
            return Err(PathError::UnexpectedCharacter { path: path.to_owned(), character, offset });
        }
        let local = match path.rfind(':') {
            Some(colon) => {
                let urn = &path[..colon];
                if !is_schema_urn(urn) {
                    return Err(PathError::InvalidSchemaUrn { path: path.to_owned(), urn: urn.to_owned() });
                }
                &path[colon + 1..]
            }
            None => path,
        };
        let mut names = local.split('.');
        for name in names.by_ref().take(2) {
            if !is_attribute_name(name) {
                return Err(PathError::InvalidAttributeName { path: path.to_owned(), name: name.to_owned() });
            }
        }
        if names.next().is_some() {
            return Err(PathError::NestedSubAttribute { path: path.to_owned() });
        }
        Ok(())
    }
}

impl fmt::Display for AttributePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for AttributePath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for AttributePath {
    type Err = PathError;

    fn from_str(path: &str) -> Result<Self, PathError> {
        Self::parse(path)
    }
}

impl TryFrom<&str> for AttributePath {
    type Error = PathError;

    fn try_from(path: &str) -> Result<Self, PathError> {
        Self::parse(path)
    }
}

impl TryFrom<String> for AttributePath {
    type Error = PathError;

    fn try_from(path: String) -> Result<Self, PathError> {
        Self::parse(path)
    }
}

impl From<AttributePath> for String {
    fn from(path: AttributePath) -> String {
        path.0
    }
}

/// A validated SCIM PATCH `path` (RFC 7644 §3.5.2): an attribute path, or a value path with an
/// optional sub-attribute such as `members[value eq "2819c223"]` or
/// `emails[type eq "work"].value`.
///
/// The value filter is checked against the filter grammar of RFC 7644 §3.4.2.2 (attribute
/// paths, the operators `eq ne co sw ew gt ge lt le pr`, `and`/`or`/`not`, parentheses, and
/// JSON string, number, `true`/`false`/`null` values); it may not contain another value path.
///
/// ```
/// use admin_models::scim::PatchPath;
///
/// assert!(PatchPath::parse(r#"emails[type eq "work"].value"#).is_ok());
/// assert!(PatchPath::parse(r#"members[value eq "a" or value eq "b"]"#).is_ok());
/// assert!(PatchPath::parse("  ").is_err());
/// assert!(PatchPath::parse(r#"emails[type eq "work""#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PatchPath(String);

impl PatchPath {
    /// Parses a PATCH path.
    ///
    /// # Errors
    /// [`PathError`] saying what is wrong.
    pub fn parse(path: impl Into<String>) -> Result<Self, PathError> {
        let path = path.into();
        Self::check(&path)?;
        Ok(PatchPath(path))
    }

    /// `attribute[filter]` or `attribute[filter].sub_attribute`, from typed parts.
    ///
    /// # Errors
    /// [`PathError`] if `filter` contains a value path, is a raw filter that does not follow
    /// the grammar, or `sub_attribute` is not an attribute name.
    pub fn value_filter(
        attribute: &AttributePath,
        filter: &Filter,
        sub_attribute: Option<&str>,
    ) -> Result<Self, PathError> {
        let path = match sub_attribute {
            Some(sub) => format!("{attribute}[{filter}].{sub}"),
            None => format!("{attribute}[{filter}]"),
        };
        Self::parse(path)
    }

    /// A path built by this crate from valid parts (checked in debug builds and by the tests).
    pub(crate) fn known(path: String) -> Self {
        debug_assert_eq!(Self::check(&path), Ok(()), "{path}");
        PatchPath(path)
    }

    /// The path as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn check(path: &str) -> Result<(), PathError> {
        let (_, rest) = AttributePath::parse_prefix(path)?;
        let unexpected = |rest: &str| {
            let offset = path.len() - rest.len();
            let character = rest.chars().next().unwrap_or(' ');
            PathError::UnexpectedCharacter { path: path.to_owned(), character, offset }
        };
        let Some(inner) = rest.strip_prefix('[') else {
            return if rest.is_empty() { Ok(()) } else { Err(unexpected(rest)) };
        };
        let invalid = |reason: String| PathError::InvalidValueFilter { path: path.to_owned(), reason };
        let mut cursor = Cursor { text: inner, pos: 0 };
        cursor.filter().map_err(invalid)?;
        cursor.skip_spaces();
        let after = &inner[cursor.pos..];
        let Some(after) = after.strip_prefix(']') else {
            return Err(invalid(format!("expected ']' at byte {}", path.len() - after.len())));
        };
        if after.is_empty() {
            return Ok(());
        }
        let Some(sub) = after.strip_prefix('.') else {
            return Err(unexpected(after));
        };
        if is_attribute_name(sub) {
            Ok(())
        } else {
            Err(PathError::InvalidAttributeName { path: path.to_owned(), name: sub.to_owned() })
        }
    }
}

impl fmt::Display for PatchPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for PatchPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for PatchPath {
    type Err = PathError;

    fn from_str(path: &str) -> Result<Self, PathError> {
        Self::parse(path)
    }
}

impl From<AttributePath> for PatchPath {
    fn from(path: AttributePath) -> Self {
        PatchPath(path.0)
    }
}

impl From<PatchPath> for String {
    fn from(path: PatchPath) -> String {
        path.0
    }
}

/// Characters a path may contain at all (the URN prefix's set, which includes ATTRNAME's).
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '~' | '+' | '%' | '$')
}

/// `ATTRNAME = ALPHA *(nameChar)`, or RFC 7643's `$ref`.
fn is_attribute_name(name: &str) -> bool {
    let mut chars = name.chars();
    name == "$ref"
        || (chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// `urn:<nid>:<nss…>` with non-empty segments of letters, digits and `-._~+%`.
fn is_schema_urn(urn: &str) -> bool {
    let mut segments = urn.split(':');
    let scheme_is_urn = segments.next().is_some_and(|s| s.eq_ignore_ascii_case("urn"));
    let rest: Vec<&str> = segments.collect();
    scheme_is_urn
        && rest.len() >= 2
        && rest.iter().all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '%'))
        })
}

/// A recognizer for a value filter (`valFilter`, RFC 7644 §3.4.2.2): checks the text, builds
/// nothing. Keywords and operators are case-insensitive; tokens are separated by spaces.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

type Check = Result<(), String>;

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_spaces(&mut self) -> bool {
        let before = self.pos;
        self.pos += self.rest().len() - self.rest().trim_start_matches(' ').len();
        self.pos > before
    }

    /// The word (ASCII letters) at the cursor, without consuming it.
    fn peek_word(&self) -> &'a str {
        let rest = self.rest();
        &rest[..rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())]
    }

    /// Consumes ` <keyword> ` (surrounded by spaces) if it comes next.
    fn keyword(&mut self, keyword: &str) -> bool {
        let start = self.pos;
        if self.skip_spaces() && self.peek_word().eq_ignore_ascii_case(keyword) {
            self.pos += keyword.len();
            if self.skip_spaces() {
                return true;
            }
        }
        self.pos = start;
        false
    }

    fn filter(&mut self) -> Check {
        self.skip_spaces();
        self.and_expression()?;
        while self.keyword("or") {
            self.and_expression()?;
        }
        Ok(())
    }

    fn and_expression(&mut self) -> Check {
        self.factor()?;
        while self.keyword("and") {
            self.factor()?;
        }
        Ok(())
    }

    fn factor(&mut self) -> Check {
        let after_not = self.rest().get(3..).unwrap_or_default();
        if self.peek_word().eq_ignore_ascii_case("not")
            && (after_not.starts_with(' ') || after_not.starts_with('('))
        {
            self.pos += 3;
            self.skip_spaces();
            if !self.rest().starts_with('(') {
                return Err(format!("expected '(' after 'not' at byte {}", self.pos));
            }
        }
        if self.rest().starts_with('(') {
            self.pos += 1;
            self.filter()?;
            self.skip_spaces();
            if !self.rest().starts_with(')') {
                return Err(format!("expected ')' at byte {}", self.pos));
            }
            self.pos += 1;
            return Ok(());
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Check {
        let (_, rest) = AttributePath::parse_prefix(self.rest()).map_err(|e| e.to_string())?;
        self.pos = self.text.len() - rest.len();
        if rest.starts_with('[') {
            return Err("a value filter cannot contain another value path".to_owned());
        }
        if !self.skip_spaces() {
            return Err(format!("expected an operator after the attribute at byte {}", self.pos));
        }
        let op = self.peek_word().to_owned();
        self.pos += op.len();
        if op.eq_ignore_ascii_case("pr") {
            return Ok(());
        }
        if !COMPARE_OPS.iter().any(|known| known.as_str().eq_ignore_ascii_case(&op)) {
            return Err(format!("{op:?} is not a comparison operator"));
        }
        if !self.skip_spaces() {
            return Err(format!("expected a value after {op:?}"));
        }
        self.value()
    }

    fn value(&mut self) -> Check {
        let rest = self.rest();
        let len = if rest.starts_with('"') {
            string_literal_len(rest).ok_or_else(|| "unterminated or invalid string value".to_owned())?
        } else {
            let token = &rest[..rest.find([' ', ')', ']']).unwrap_or(rest.len())];
            if !(matches!(token, "true" | "false" | "null") || is_json_number(token)) {
                return Err(format!("{token:?} is not a value (a JSON string, number, true, false or null)"));
            }
            token.len()
        };
        self.pos += len;
        Ok(())
    }
}

const COMPARE_OPS: [CompareOp; 9] = [
    CompareOp::Eq,
    CompareOp::Ne,
    CompareOp::Co,
    CompareOp::Sw,
    CompareOp::Ew,
    CompareOp::Gt,
    CompareOp::Ge,
    CompareOp::Lt,
    CompareOp::Le,
];

/// The byte length of the JSON string literal that starts `text`, if it is a valid one.
fn string_literal_len(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (offset, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                let literal = &text[..=offset];
                return serde_json::from_str::<String>(literal).ok().map(|_| literal.len());
            }
            _ => {}
        }
    }
    None
}

/// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(token: &str) -> bool {
    fn digits(s: &str) -> (usize, &str) {
        let n = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (n, &s[n..])
    }
    let s = token.strip_prefix('-').unwrap_or(token);
    let (n, mut s) = digits(s);
    if n == 0 || (n > 1 && token.trim_start_matches('-').starts_with('0')) {
        return false;
    }
    if let Some(fraction) = s.strip_prefix('.') {
        let (n, rest) = digits(fraction);
        if n == 0 {
            return false;
        }
        s = rest;
    }
    if let Some(exponent) = s.strip_prefix(['e', 'E']) {
        let (n, rest) = digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent));
        if n == 0 {
            return false;
        }
        s = rest;
    }
    s.is_empty()
}
