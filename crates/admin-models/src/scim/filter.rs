//! SCIM filter expressions (RFC 7644 §3.4.2.2).

use std::fmt;

use super::attribute_path::{AttributePath, PathError};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareOp {
    /// `eq`: equal.
    Eq,
    /// `ne`: not equal.
    Ne,
    /// `co`: contains.
    Co,
    /// `sw`: starts with.
    Sw,
    /// `ew`: ends with.
    Ew,
    /// `gt`: greater than.
    Gt,
    /// `ge`: greater than or equal.
    Ge,
    /// `lt`: less than.
    Lt,
    /// `le`: less than or equal.
    Le,
}

impl CompareOp {
    /// The operator as written in a filter.
    pub fn as_str(self) -> &'static str {
        match self {
            CompareOp::Eq => "eq",
            CompareOp::Ne => "ne",
            CompareOp::Co => "co",
            CompareOp::Sw => "sw",
            CompareOp::Ew => "ew",
            CompareOp::Gt => "gt",
            CompareOp::Ge => "ge",
            CompareOp::Lt => "lt",
            CompareOp::Le => "le",
        }
    }
}

/// A comparison value: a JSON string (quoted and escaped), boolean, number or `null`.
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string, written quoted with `"` and `\` (and control characters) escaped.
    String(String),
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// `null`.
    Null,
}

impl From<&str> for FilterValue {
    fn from(value: &str) -> Self {
        FilterValue::String(value.to_owned())
    }
}

impl From<String> for FilterValue {
    fn from(value: String) -> Self {
        FilterValue::String(value)
    }
}

impl From<&String> for FilterValue {
    fn from(value: &String) -> Self {
        FilterValue::String(value.clone())
    }
}

impl From<bool> for FilterValue {
    fn from(value: bool) -> Self {
        FilterValue::Bool(value)
    }
}

impl From<i64> for FilterValue {
    fn from(value: i64) -> Self {
        FilterValue::Number(value.into())
    }
}

impl From<u64> for FilterValue {
    fn from(value: u64) -> Self {
        FilterValue::Number(value.into())
    }
}

impl From<i32> for FilterValue {
    fn from(value: i32) -> Self {
        FilterValue::Number(value.into())
    }
}

impl fmt::Display for FilterValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterValue::String(s) => write_quoted(f, s),
            FilterValue::Bool(b) => write!(f, "{b}"),
            FilterValue::Number(n) => write!(f, "{n}"),
            FilterValue::Null => f.write_str("null"),
        }
    }
}

/// Writes `s` as a JSON string literal.
fn write_quoted(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{08}' => f.write_str("\\b")?,
            '\u{0C}' => f.write_str("\\f")?,
            c if (c as u32) < 0x20 => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// A SCIM filter. [`Display`](fmt::Display) gives the filter string (not percent-encoded).
///
/// Atlassian supports a single `eq` on `userName` or `externalId` (Users) and on
/// `displayName` (Groups): use [`user_name_eq`](Self::user_name_eq),
/// [`external_id_eq`](Self::external_id_eq) and [`display_name_eq`](Self::display_name_eq).
/// The general expressions are for other SCIM servers; parentheses are added where precedence
/// (`not` > `and` > `or`) needs them. Their attribute arguments must be attribute paths
/// ([`AttributePath`], RFC 7644 §3.10), so those constructors return `Result<Filter, PathError>`;
/// values are always quoted and escaped. [`Filter::raw`] is the unchecked escape hatch.
///
/// ```
/// use admin_models::scim::Filter;
///
/// assert_eq!(Filter::user_name_eq(r#"a"b@example.com"#).to_string(), r#"userName eq "a\"b@example.com""#);
/// let f = Filter::eq("title", "Tour Guide")?.and(Filter::pr("emails")?.or(Filter::sw("userName", "J")?));
/// assert_eq!(f.to_string(), r#"title eq "Tour Guide" and (emails pr or userName sw "J")"#);
/// assert_eq!(
///     Filter::value_path("emails", Filter::eq("type", "work")?)?.to_string(),
///     r#"emails[type eq "work"]"#
/// );
/// // Attribute paths are checked (RFC 7644 §3.10): nothing can smuggle in a second clause.
/// assert!(Filter::eq(r#"userName eq "victim@x.com" or userName"#, "x").is_err());
/// # Ok::<(), admin_models::scim::PathError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// `attr op value`.
    Compare {
        /// The attribute path, e.g. `userName`, `name.familyName`, or a full URN path.
        attribute: AttributePath,
        /// The operator.
        op: CompareOp,
        /// The value.
        value: FilterValue,
    },
    /// `attr pr`: the attribute has a value.
    Present(AttributePath),
    /// `left and right`.
    And(Box<Filter>, Box<Filter>),
    /// `left or right`.
    Or(Box<Filter>, Box<Filter>),
    /// `not (inner)`.
    Not(Box<Filter>),
    /// `attr[inner]`: a complex attribute filtered on its sub-attributes.
    ValuePath {
        /// The multi-valued attribute, e.g. `emails`.
        attribute: AttributePath,
        /// The filter on its sub-attributes.
        filter: Box<Filter>,
    },
    /// A filter string used as given, unchecked (parenthesized when combined with others).
    Raw(String),
}

impl Filter {
    /// `attribute op value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path (RFC 7644 §3.10).
    pub fn compare(
        attribute: impl Into<String>,
        op: CompareOp,
        value: impl Into<FilterValue>,
    ) -> Result<Self, PathError> {
        Ok(Filter::Compare { attribute: AttributePath::parse(attribute)?, op, value: value.into() })
    }

    /// `attribute eq "value"` on a constant attribute path of this crate.
    pub(crate) fn compare_known(attribute: &'static str, value: String) -> Self {
        Filter::Compare {
            attribute: AttributePath::known(attribute),
            op: CompareOp::Eq,
            value: FilterValue::String(value),
        }
    }

    /// `userName eq "value"`: supported by Atlassian on `/Users`.
    pub fn user_name_eq(value: impl Into<String>) -> Self {
        Self::compare_known("userName", value.into())
    }

    /// `externalId eq "value"`: supported by Atlassian on `/Users`.
    pub fn external_id_eq(value: impl Into<String>) -> Self {
        Self::compare_known("externalId", value.into())
    }

    /// `displayName eq "value"`: supported by Atlassian on `/Groups`.
    pub fn display_name_eq(value: impl Into<String>) -> Self {
        Self::compare_known("displayName", value.into())
    }

    /// `attribute eq value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn eq(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Eq, value)
    }

    /// `attribute ne value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn ne(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Ne, value)
    }

    /// `attribute co value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn co(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Co, value)
    }

    /// `attribute sw value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn sw(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Sw, value)
    }

    /// `attribute ew value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn ew(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Ew, value)
    }

    /// `attribute gt value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn gt(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Gt, value)
    }

    /// `attribute ge value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn ge(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Ge, value)
    }

    /// `attribute lt value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn lt(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Lt, value)
    }

    /// `attribute le value`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn le(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Result<Self, PathError> {
        Self::compare(attribute, CompareOp::Le, value)
    }

    /// `attribute pr`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path.
    pub fn pr(attribute: impl Into<String>) -> Result<Self, PathError> {
        Ok(Filter::Present(AttributePath::parse(attribute)?))
    }

    /// `attribute[filter]`.
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute path, or
    /// [`PathError::InvalidValueFilter`] if `filter` contains a value path (RFC 7644's
    /// `valFilter` cannot nest them).
    pub fn value_path(attribute: impl Into<String>, filter: Filter) -> Result<Self, PathError> {
        let attribute = AttributePath::parse(attribute)?;
        if filter.contains_value_path() {
            return Err(PathError::InvalidValueFilter {
                path: attribute.into(),
                reason: "a value filter cannot contain another value path".to_owned(),
            });
        }
        Ok(Filter::ValuePath { attribute, filter: Box::new(filter) })
    }

    fn contains_value_path(&self) -> bool {
        match self {
            Filter::ValuePath { .. } => true,
            Filter::And(left, right) | Filter::Or(left, right) => {
                left.contains_value_path() || right.contains_value_path()
            }
            Filter::Not(inner) => inner.contains_value_path(),
            Filter::Compare { .. } | Filter::Present(_) | Filter::Raw(_) => false,
        }
    }

    /// A filter string used as given, unchecked: the escape hatch for what the builders do not
    /// cover. Nothing in it is escaped or validated.
    pub fn raw(filter: impl Into<String>) -> Self {
        Filter::Raw(filter.into())
    }

    /// `self and other`.
    #[must_use]
    pub fn and(self, other: Filter) -> Self {
        Filter::And(Box::new(self), Box::new(other))
    }

    /// `self or other`.
    #[must_use]
    pub fn or(self, other: Filter) -> Self {
        Filter::Or(Box::new(self), Box::new(other))
    }

    /// `not (self)`.
    #[must_use]
    pub fn negate(self) -> Self {
        Filter::Not(Box::new(self))
    }

    /// Whether Atlassian's SCIM API supports this filter on `/Users`: a single `eq` on
    /// `userName` or `externalId`.
    pub fn is_atlassian_user_filter(&self) -> bool {
        self.is_single_eq_on(&["userName", "externalId"])
    }

    /// Whether Atlassian's SCIM API supports this filter on `/Groups`: a single `eq` on
    /// `displayName`.
    pub fn is_atlassian_group_filter(&self) -> bool {
        self.is_single_eq_on(&["displayName"])
    }

    fn is_single_eq_on(&self, attributes: &[&str]) -> bool {
        matches!(
            self,
            Filter::Compare { attribute, op: CompareOp::Eq, value: FilterValue::String(_) }
                if attributes.iter().any(|a| a.eq_ignore_ascii_case(attribute.as_str()))
        )
    }

    /// Binding strength: higher binds tighter.
    fn precedence(&self) -> u8 {
        match self {
            Filter::Or(..) => 1,
            Filter::And(..) => 2,
            // A raw string may contain anything: treat it as the loosest.
            Filter::Raw(_) => 0,
            Filter::Compare { .. } | Filter::Present(_) | Filter::Not(_) | Filter::ValuePath { .. } => 3,
        }
    }

    fn write_operand(&self, f: &mut fmt::Formatter<'_>, min: u8) -> fmt::Result {
        if self.precedence() < min { write!(f, "({self})") } else { write!(f, "{self}") }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Compare { attribute, op, value } => write!(f, "{attribute} {} {value}", op.as_str()),
            Filter::Present(attribute) => write!(f, "{attribute} pr"),
            Filter::And(left, right) => {
                left.write_operand(f, 2)?;
                f.write_str(" and ")?;
                right.write_operand(f, 2)
            }
            Filter::Or(left, right) => {
                left.write_operand(f, 1)?;
                f.write_str(" or ")?;
                right.write_operand(f, 1)
            }
            Filter::Not(inner) => write!(f, "not ({inner})"),
            Filter::ValuePath { attribute, filter } => write!(f, "{attribute}[{filter}]"),
            Filter::Raw(raw) => f.write_str(raw),
        }
    }
}

impl std::ops::Not for Filter {
    type Output = Filter;

    fn not(self) -> Filter {
        self.negate()
    }
}

impl std::ops::BitAnd for Filter {
    type Output = Filter;

    fn bitand(self, other: Filter) -> Filter {
        self.and(other)
    }
}

impl std::ops::BitOr for Filter {
    type Output = Filter;

    fn bitor(self, other: Filter) -> Filter {
        self.or(other)
    }
}

impl From<Filter> for String {
    fn from(filter: Filter) -> String {
        filter.to_string()
    }
}
