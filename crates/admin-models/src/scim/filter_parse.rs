//! Parsing SCIM filter expressions (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2) into their
//! parts — the inverse of [`Filter`]'s `Display`. Attribute paths are read and checked by
//! [`AttributePath`] (RFC 7644 §3.10).
//!
//! A server (or a test double) reads `?filter=` and PATCH `path` values with these; a client can
//! use them to check a hand-written filter before sending it.
//!
//! The grammar, with `and` binding tighter than `or` and both left-associative:
//!
//! ```text
//! FILTER    = attrExp / FILTER SP ("and" / "or") SP FILTER / "not" [SP] "(" FILTER ")"
//!           / "(" FILTER ")" / valuePath
//! valuePath = attrPath "[" valFilter "]"          ; valFilter: a FILTER without valuePaths
//! attrExp   = attrPath SP "pr" / attrPath SP compareOp SP compValue
//! compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
//! compValue = "false" / "null" / "true" / number / string    ; JSON literals
//! attrPath  = [URI ":"] ATTRNAME ["." ATTRNAME]      ; see AttributePath
//! ```
//!
//! Operators and keywords (`and`, `or`, `not`, `pr`, `eq`, …) are case-insensitive, as the RFC
//! says. Leniency beyond the RFC, for what clients send in practice: `true`, `false` and `null`
//! are accepted in any case. Whitespace around tokens may be any amount of ASCII whitespace.

use std::fmt;
use std::str::FromStr;

use super::attribute_path::{AttributePath, PathError};
use super::filter::{CompareOp, Filter, FilterValue};

/// Parses a SCIM filter into a [`Filter`] (never [`Filter::Raw`]).
///
/// ```
/// use admin_models::scim::{Filter, parse_filter};
///
/// let f = parse_filter(r#"userName Eq "lila@example.com" and not (emails[type eq "work"])"#).unwrap();
/// assert_eq!(
///     f,
///     Filter::user_name_eq("lila@example.com").and(!Filter::value_path("emails", Filter::eq("type", "work")?)?)
/// );
/// // Parsing what the builder wrote gives the same string back.
/// assert_eq!(f.to_string(), r#"userName eq "lila@example.com" and not (emails[type eq "work"])"#);
///
/// let err = parse_filter(r#"userName eq "x" or"#).unwrap_err();
/// assert_eq!(err.position(), 18);
/// # Ok::<(), admin_models::scim::PathError>(())
/// ```
///
/// # Errors
/// A [`FilterParseError`] with the byte offset of the first problem.
pub fn parse_filter(input: &str) -> Result<Filter, FilterParseError> {
    let mut parser = Parser { input, pos: 0 };
    parser.skip_ws();
    if parser.at_end() {
        return Err(parser.error(FilterErrorKind::Empty));
    }
    let filter = parser.or_expr(false)?;
    parser.skip_ws();
    if !parser.at_end() {
        return Err(parser.error(FilterErrorKind::UnexpectedInput));
    }
    Ok(filter)
}

impl FromStr for Filter {
    type Err = FilterParseError;

    /// Same as [`parse_filter`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_filter(s)
    }
}

/// What was wrong in a filter or path; see [`FilterParseError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// An attribute path was expected here.
    ExpectedAttribute,
    /// The attribute path breaks the `[URI ":"] ATTRNAME ["." ATTRNAME]` grammar.
    InvalidAttributePath(PathError),
    /// An operator (`pr`, `eq`, …) was expected after the attribute path.
    ExpectedOperator,
    /// A word that is not an operator.
    UnknownOperator(String),
    /// A comparison value was expected.
    ExpectedValue,
    /// A comparison value that is not a JSON string, number, `true`, `false` or `null`.
    InvalidValue(String),
    /// A string literal without its closing quote.
    UnterminatedString,
    /// A `(` (or `[`) without its closing `)` (or `]`).
    Unclosed(char),
    /// `not` must be followed by `(`.
    ExpectedParenAfterNot,
    /// A value path (`attr[…]`) inside another value path's filter.
    NestedValuePath,
    /// Text left over after a complete expression (e.g. a second term without `and`/`or`).
    UnexpectedInput,
}

impl fmt::Display for FilterErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the filter is empty"),
            Self::ExpectedAttribute => f.write_str("expected an attribute path"),
            Self::InvalidAttributePath(e) => write!(f, "invalid attribute path: {e}"),
            Self::ExpectedOperator => {
                f.write_str("expected an operator (pr, eq, ne, co, sw, ew, gt, ge, lt, le)")
            }
            Self::UnknownOperator(op) => write!(f, "unknown operator '{op}'"),
            Self::ExpectedValue => {
                f.write_str("expected a value (a quoted string, number, true, false or null)")
            }
            Self::InvalidValue(v) => write!(f, "invalid value '{v}'"),
            Self::UnterminatedString => f.write_str("unterminated string"),
            Self::Unclosed(c) => write!(f, "unclosed '{c}'"),
            Self::ExpectedParenAfterNot => f.write_str("expected '(' after 'not'"),
            Self::NestedValuePath => f.write_str("a value path cannot contain another value path"),
            Self::UnexpectedInput => f.write_str("unexpected input (missing 'and' / 'or'?)"),
        }
    }
}

/// A filter or path that could not be parsed: what ([`kind`](Self::kind)) and where
/// ([`position`](Self::position), a byte offset into the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterParseError {
    kind: FilterErrorKind,
    position: usize,
}

impl FilterParseError {
    /// What was wrong.
    pub fn kind(&self) -> &FilterErrorKind {
        &self.kind
    }

    /// The byte offset in the input where the problem was found.
    pub fn position(&self) -> usize {
        self.position
    }
}

impl fmt::Display for FilterParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid SCIM filter at byte {}: {}", self.position, self.kind)
    }
}

impl std::error::Error for FilterParseError {}

/// A PATCH `path` (RFC 7644 §3.5.2) split into its parts: `attrPath`, or
/// `attrPath "[" valFilter "]" ["." ATTRNAME]`, e.g. `emails[type eq "work"].value` or
/// `members[value eq "2819c223"]`. ([`PatchPath`](super::PatchPath) checks one; this reads it.)
///
/// ```
/// use admin_models::scim::{Filter, ParsedPatchPath};
///
/// let p = ParsedPatchPath::parse(r#"emails[type eq "work"].value"#).unwrap();
/// assert_eq!(p.attribute.as_str(), "emails");
/// assert_eq!(p.filter, Some(Filter::eq("type", "work")?));
/// assert_eq!(p.sub_attribute.as_deref(), Some("value"));
/// assert_eq!(p.to_string(), r#"emails[type eq "work"].value"#);
/// assert!(ParsedPatchPath::parse("").is_err());
/// assert!(ParsedPatchPath::parse("emails[type eq]").is_err());
/// # Ok::<(), admin_models::scim::PathError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPatchPath {
    /// The attribute; for a value path it has no sub-attribute, and the sub-attribute after
    /// `]` is in [`sub_attribute`](Self::sub_attribute).
    pub attribute: AttributePath,
    /// The value filter between `[` and `]`.
    pub filter: Option<Filter>,
    /// The sub-attribute after `]` of a value path.
    pub sub_attribute: Option<String>,
}

impl ParsedPatchPath {
    /// Parses a PATCH path.
    ///
    /// # Errors
    /// A [`FilterParseError`] locating the problem (in the path or in its value filter).
    pub fn parse(path: &str) -> Result<Self, FilterParseError> {
        let invalid = |e: PathError, position| FilterParseError {
            kind: FilterErrorKind::InvalidAttributePath(e),
            position,
        };
        let Some(open) = path.find('[') else {
            let attribute = AttributePath::parse(path).map_err(|e| invalid(e, 0))?;
            return Ok(Self { attribute, filter: None, sub_attribute: None });
        };
        let attribute = AttributePath::parse(&path[..open]).map_err(|e| invalid(e, 0))?;
        if attribute.sub_attribute().is_some() {
            let e = PathError::InvalidValueFilter {
                path: path.to_owned(),
                reason: "a value path's attribute cannot have a sub-attribute".to_owned(),
            };
            return Err(invalid(e, 0));
        }
        let mut parser = Parser { input: path, pos: open + 1 };
        parser.skip_ws();
        let filter = parser.or_expr(true)?;
        parser.skip_ws();
        if !parser.eat(']') {
            return Err(parser.error(if parser.at_end() {
                FilterErrorKind::Unclosed('[')
            } else {
                FilterErrorKind::UnexpectedInput
            }));
        }
        let sub_attribute = match &path[parser.pos..] {
            "" => None,
            tail => {
                // `x.<sub>` checks the sub-attribute with the attribute path grammar.
                let checked = tail
                    .strip_prefix('.')
                    .and_then(|sub| AttributePath::parse(format!("x.{sub}")).ok())
                    .and_then(|p| p.sub_attribute().map(str::to_owned));
                let Some(sub) = checked else {
                    return Err(FilterParseError {
                        kind: FilterErrorKind::UnexpectedInput,
                        position: parser.pos,
                    });
                };
                Some(sub)
            }
        };
        Ok(Self { attribute, filter: Some(filter), sub_attribute })
    }
}

impl FromStr for ParsedPatchPath {
    type Err = FilterParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for ParsedPatchPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.attribute)?;
        if let Some(filter) = &self.filter {
            write!(f, "[{filter}]")?;
        }
        if let Some(sub) = &self.sub_attribute {
            write!(f, ".{sub}")?;
        }
        Ok(())
    }
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    fn error(&self, kind: FilterErrorKind) -> FilterParseError {
        FilterParseError { kind, position: self.pos }
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_whitespace()).len();
    }

    fn eat(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// The next word (attribute path characters), without consuming it.
    fn peek_word(&self) -> &'a str {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '$')))
            .unwrap_or(rest.len());
        &rest[..len]
    }

    /// Consumes `keyword` (any case) when it is the next whole word.
    fn keyword(&mut self, keyword: &str) -> bool {
        let save = self.pos;
        self.skip_ws();
        let word = self.peek_word();
        if word.eq_ignore_ascii_case(keyword) {
            self.pos += word.len();
            true
        } else {
            self.pos = save;
            false
        }
    }

    fn or_expr(&mut self, in_value_path: bool) -> Result<Filter, FilterParseError> {
        let mut left = self.and_expr(in_value_path)?;
        while self.keyword("or") {
            let right = self.and_expr(in_value_path)?;
            left = left.or(right);
        }
        Ok(left)
    }

    fn and_expr(&mut self, in_value_path: bool) -> Result<Filter, FilterParseError> {
        let mut left = self.unary(in_value_path)?;
        while self.keyword("and") {
            let right = self.unary(in_value_path)?;
            left = left.and(right);
        }
        Ok(left)
    }

    fn group(&mut self, in_value_path: bool) -> Result<Filter, FilterParseError> {
        let open = self.pos;
        self.skip_ws();
        let inner = self.or_expr(in_value_path)?;
        self.skip_ws();
        if self.eat(')') {
            Ok(inner)
        } else if self.at_end() {
            Err(FilterParseError { kind: FilterErrorKind::Unclosed('('), position: open - 1 })
        } else {
            Err(self.error(FilterErrorKind::UnexpectedInput))
        }
    }

    fn unary(&mut self, in_value_path: bool) -> Result<Filter, FilterParseError> {
        self.skip_ws();
        if self.eat('(') {
            return self.group(in_value_path);
        }
        let word_start = self.pos;
        if self.keyword("not") {
            // `not` followed by `(` is negation; `not pr` etc. would be an attribute named `not`.
            let after_not = self.pos;
            self.skip_ws();
            if self.eat('(') {
                return Ok(self.group(in_value_path)?.negate());
            }
            let next = self.peek_word();
            if next.is_empty() || is_operator(next) {
                self.pos = word_start;
            } else {
                self.pos = after_not;
                return Err(self.error(FilterErrorKind::ExpectedParenAfterNot));
            }
        }
        self.attr_expr(in_value_path)
    }

    fn attr_expr(&mut self, in_value_path: bool) -> Result<Filter, FilterParseError> {
        self.skip_ws();
        let start = self.pos;
        if self.at_end() || self.rest().starts_with([')', ']']) {
            return Err(self.error(FilterErrorKind::ExpectedAttribute));
        }
        let (attribute, rest) = AttributePath::parse_prefix(self.rest())
            .map_err(|e| self.error(FilterErrorKind::InvalidAttributePath(e)))?;
        self.pos = self.input.len() - rest.len();
        if self.rest().starts_with('[') {
            if in_value_path {
                return Err(FilterParseError { kind: FilterErrorKind::NestedValuePath, position: start });
            }
            let open = self.pos;
            self.pos += 1;
            self.skip_ws();
            let inner = self.or_expr(true)?;
            self.skip_ws();
            if !self.eat(']') {
                return Err(if self.at_end() {
                    FilterParseError { kind: FilterErrorKind::Unclosed('['), position: open }
                } else {
                    self.error(FilterErrorKind::UnexpectedInput)
                });
            }
            return Ok(Filter::ValuePath { attribute, filter: Box::new(inner) });
        }
        self.skip_ws();
        let op_word = self.peek_word();
        if op_word.is_empty() {
            return Err(self.error(FilterErrorKind::ExpectedOperator));
        }
        let op = match op_word.to_ascii_lowercase().as_str() {
            "pr" => None,
            "eq" => Some(CompareOp::Eq),
            "ne" => Some(CompareOp::Ne),
            "co" => Some(CompareOp::Co),
            "sw" => Some(CompareOp::Sw),
            "ew" => Some(CompareOp::Ew),
            "gt" => Some(CompareOp::Gt),
            "ge" => Some(CompareOp::Ge),
            "lt" => Some(CompareOp::Lt),
            "le" => Some(CompareOp::Le),
            _ => return Err(self.error(FilterErrorKind::UnknownOperator(op_word.to_owned()))),
        };
        self.pos += op_word.len();
        match op {
            None => Ok(Filter::Present(attribute)),
            Some(op) => {
                let value = self.comp_value()?;
                Ok(Filter::Compare { attribute, op, value })
            }
        }
    }

    fn comp_value(&mut self) -> Result<FilterValue, FilterParseError> {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('"') {
            let mut escaped = false;
            let end = rest.char_indices().skip(1).find_map(|(i, c)| {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    return Some(i);
                }
                None
            });
            let Some(end) = end else {
                return Err(self.error(FilterErrorKind::UnterminatedString));
            };
            let literal = &rest[..=end];
            let value: String = serde_json::from_str(literal)
                .map_err(|_| self.error(FilterErrorKind::InvalidValue(literal.to_owned())))?;
            self.pos += end + 1;
            return Ok(FilterValue::String(value));
        }
        let len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, ')' | ']' | '('))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.error(FilterErrorKind::ExpectedValue));
        }
        let word = &rest[..len];
        let value = if word.eq_ignore_ascii_case("true") {
            FilterValue::Bool(true)
        } else if word.eq_ignore_ascii_case("false") {
            FilterValue::Bool(false)
        } else if word.eq_ignore_ascii_case("null") {
            FilterValue::Null
        } else {
            let invalid = || self.error(FilterErrorKind::InvalidValue(word.to_owned()));
            // serde_json checks the JSON number grammar; std's parser rounds floats correctly
            // (serde_json's default float parser may be off by one ulp).
            let n = serde_json::from_str::<serde_json::Number>(word).map_err(|_| invalid())?;
            if n.is_f64() {
                let f = word.parse::<f64>().map_err(|_| invalid())?;
                FilterValue::Number(serde_json::Number::from_f64(f).ok_or_else(invalid)?)
            } else {
                FilterValue::Number(n)
            }
        };
        self.pos += len;
        Ok(value)
    }
}

fn is_operator(word: &str) -> bool {
    ["pr", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]
        .iter()
        .any(|op| op.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(input: &str) -> (FilterErrorKind, usize) {
        let e = parse_filter(input).unwrap_err();
        (e.kind, e.position)
    }

    fn bad_path(input: &str) -> usize {
        match parse_filter(input).unwrap_err() {
            FilterParseError { kind: FilterErrorKind::InvalidAttributePath(_), position } => position,
            other => panic!("{input}: {other:?}"),
        }
    }

    #[test]
    fn parses_the_rfc_examples() -> Result<(), PathError> {
        for (input, expected) in [
            (r#"userName Eq "john""#, Filter::eq("userName", "john")?),
            (r#"name.familyName co "O'Malley""#, Filter::co("name.familyName", "O'Malley")?),
            (
                r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J""#,
                Filter::sw("urn:ietf:params:scim:schemas:core:2.0:User:userName", "J")?,
            ),
            ("title pr", Filter::pr("title")?),
            (
                r#"meta.lastModified gt "2011-05-13T04:42:34Z""#,
                Filter::gt("meta.lastModified", "2011-05-13T04:42:34Z")?,
            ),
            (
                r#"title pr and userType eq "Employee""#,
                Filter::pr("title")?.and(Filter::eq("userType", "Employee")?),
            ),
            (
                r#"userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")"#,
                Filter::eq("userType", "Employee")?
                    .and(Filter::co("emails", "example.com")?.or(Filter::co("emails.value", "example.org")?)),
            ),
            (
                r#"userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")"#,
                Filter::ne("userType", "Employee")?.and(
                    !Filter::co("emails", "example.com")?.or(Filter::co("emails.value", "example.org")?),
                ),
            ),
            (
                r#"emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]"#,
                Filter::value_path(
                    "emails",
                    Filter::eq("type", "work")?.and(Filter::co("value", "@example.com")?),
                )?
                .or(Filter::value_path(
                    "ims",
                    Filter::eq("type", "xmpp")?.and(Filter::co("value", "@foo.com")?),
                )?),
            ),
            ("active eq TRUE", Filter::eq("active", true)?),
            ("x eq null", Filter::compare("x", CompareOp::Eq, FilterValue::Null)?),
            (
                "x ge -1.5e3",
                Filter::ge("x", FilterValue::Number(serde_json::Number::from_f64(-1500.0).unwrap()))?,
            ),
            ("members[$ref pr]", Filter::value_path("members", Filter::pr("$ref")?)?),
        ] {
            assert_eq!(parse_filter(input).as_ref(), Ok(&expected), "{input}");
        }
        Ok(())
    }

    #[test]
    fn and_binds_tighter_than_or() -> Result<(), PathError> {
        let f = parse_filter("a pr or b pr and c pr").unwrap();
        assert_eq!(f, Filter::pr("a")?.or(Filter::pr("b")?.and(Filter::pr("c")?)));
        let f = parse_filter("(a pr or b pr) and c pr").unwrap();
        assert_eq!(f, Filter::pr("a")?.or(Filter::pr("b")?).and(Filter::pr("c")?));
        Ok(())
    }

    #[test]
    fn escapes_in_strings_are_decoded() {
        assert_eq!(
            parse_filter(r#"userName eq "a\"b\\c\u00e9""#),
            Ok(Filter::eq("userName", "a\"b\\cé").unwrap())
        );
    }

    #[test]
    fn refuses_with_the_kind_and_position() {
        assert_eq!(err(""), (FilterErrorKind::Empty, 0));
        assert_eq!(err("userName"), (FilterErrorKind::ExpectedOperator, 8));
        assert_eq!(err("userName xx \"a\""), (FilterErrorKind::UnknownOperator("xx".into()), 9));
        assert_eq!(err("userName eq"), (FilterErrorKind::ExpectedValue, 11));
        assert_eq!(err("userName eq john"), (FilterErrorKind::InvalidValue("john".into()), 12));
        assert_eq!(err("userName eq \"john"), (FilterErrorKind::UnterminatedString, 12));
        assert_eq!(err("(a pr"), (FilterErrorKind::Unclosed('('), 0));
        assert_eq!(err("emails[type pr"), (FilterErrorKind::Unclosed('['), 6));
        assert_eq!(err("a[b[c pr]]"), (FilterErrorKind::NestedValuePath, 2));
        assert_eq!(err("not a pr"), (FilterErrorKind::ExpectedParenAfterNot, 3));
        assert_eq!(err(r#"userName eq "a" userName eq "b""#), (FilterErrorKind::UnexpectedInput, 16));
        assert_eq!(err(r#"userName eq "a" or"#), (FilterErrorKind::ExpectedAttribute, 18));
        assert_eq!(bad_path("9lives pr"), 0);
        assert_eq!(bad_path("a pr and name..given pr"), 9);
        assert_eq!(bad_path("urn: pr"), 0);
    }

    #[test]
    fn an_attribute_named_not_is_still_an_attribute() {
        assert_eq!(parse_filter("not pr"), Ok(Filter::pr("not").unwrap()));
        assert_eq!(parse_filter("not eq 1"), Ok(Filter::eq("not", 1).unwrap()));
    }

    #[test]
    fn patch_paths() {
        let p =
            ParsedPatchPath::parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
                .unwrap();
        assert_eq!(p.attribute.schema(), Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
        assert_eq!(p.attribute.attribute(), "department");
        let p = ParsedPatchPath::parse(r#"members[value eq "x]y"]"#).unwrap();
        assert_eq!(p.filter, Some(Filter::eq("value", "x]y").unwrap()));
        for bad in [
            "",
            " ",
            "emails[",
            "emails[type eq \"a\"]value",
            "emails[type eq \"a\"].",
            "name.a[b pr]",
            "a b",
        ] {
            assert!(ParsedPatchPath::parse(bad).is_err(), "{bad}");
        }
    }
}
