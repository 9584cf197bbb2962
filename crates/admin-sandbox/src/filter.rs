//! SCIM filter expressions: the single `attr eq "value"` accepted by the list endpoints, and the
//! value filters (`emails[type eq "work"]`) used inside PATCH paths.

use serde_json::Value;

/// A list filter the sandbox accepts: one `eq` on one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EqFilter {
    /// The attribute, spelled as in `allowed` (canonical case).
    pub attr: &'static str,
    /// The unescaped comparison value.
    pub value: String,
}

/// Parses a list filter. Only `<attr> eq "<value>"` with `attr` in `allowed` (compared
/// case-insensitively) is accepted; the error is the `detail` of a 400 `invalidFilter`.
pub(crate) fn parse_list_filter(input: &str, allowed: &[&'static str]) -> Result<EqFilter, String> {
    let mut lx = Lexer::new(input);
    let attr = lx.ident().ok_or_else(|| format!("Invalid filter '{input}': expected an attribute name"))?;
    let canonical =
        allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(&attr)).ok_or_else(|| {
            format!("Unsupported filter attribute '{attr}'; supported: {}", allowed.join(", "))
        })?;
    let op = lx.ident().ok_or_else(|| format!("Invalid filter '{input}': expected an operator"))?;
    if !op.eq_ignore_ascii_case("eq") {
        return Err(format!("Unsupported filter operator '{op}'; only 'eq' is supported"));
    }
    let value = match lx.comp_value()? {
        Some(Value::String(s)) => s,
        _ => return Err(format!("Invalid filter '{input}': the value must be a quoted string")),
    };
    lx.skip_ws();
    if !lx.at_end() {
        return Err(format!("Invalid filter '{input}': unexpected '{}'", lx.rest()));
    }
    Ok(EqFilter { attr: canonical, value })
}

/// Comparison operators of a value filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompOp {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

/// One `attr op value` or `attr pr` term.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    attr: String,
    /// `None` for `pr`.
    cmp: Option<(CompOp, Value)>,
}

/// A value filter: terms joined by `and`/`or`, `and` binding tighter. Parentheses and `not`
/// are not supported.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueFilter {
    /// Disjunction of conjunctions.
    any_of: Vec<Vec<Term>>,
}

impl ValueFilter {
    /// Parses the text between `[` and `]`.
    pub(crate) fn parse(input: &str) -> Result<Self, String> {
        let mut lx = Lexer::new(input);
        let mut any_of = vec![Vec::new()];
        loop {
            let attr = lx.ident().ok_or_else(|| format!("Invalid value filter '{input}'"))?;
            let op = lx.ident().ok_or_else(|| format!("Invalid value filter '{input}'"))?;
            let cmp = match op.to_ascii_lowercase().as_str() {
                "pr" => None,
                other => {
                    let op = match other {
                        "eq" => CompOp::Eq,
                        "ne" => CompOp::Ne,
                        "co" => CompOp::Co,
                        "sw" => CompOp::Sw,
                        "ew" => CompOp::Ew,
                        "gt" => CompOp::Gt,
                        "ge" => CompOp::Ge,
                        "lt" => CompOp::Lt,
                        "le" => CompOp::Le,
                        _ => return Err(format!("Unsupported operator '{op}' in value filter '{input}'")),
                    };
                    let value =
                        lx.comp_value()?.ok_or_else(|| format!("Missing value in value filter '{input}'"))?;
                    Some((op, value))
                }
            };
            if let Some(last) = any_of.last_mut() {
                last.push(Term { attr, cmp });
            }
            lx.skip_ws();
            if lx.at_end() {
                break;
            }
            match lx.ident().map(|w| w.to_ascii_lowercase()).as_deref() {
                Some("and") => {}
                Some("or") => any_of.push(Vec::new()),
                _ => return Err(format!("Invalid value filter '{input}': unexpected '{}'", lx.rest())),
            }
        }
        Ok(Self { any_of })
    }

    /// Whether a multi-valued attribute's element matches.
    pub(crate) fn matches(&self, element: &Value) -> bool {
        self.any_of.iter().any(|all| all.iter().all(|t| t.matches(element)))
    }

    /// The `attr eq value` pairs of the first conjunction: what a new element created for an
    /// unmatched `add`/`replace` is seeded with (e.g. `{"type": "work"}`).
    pub(crate) fn seed_pairs(&self) -> Vec<(String, Value)> {
        self.any_of
            .first()
            .map(|all| {
                all.iter()
                    .filter_map(|t| match &t.cmp {
                        Some((CompOp::Eq, v)) => Some((t.attr.clone(), v.clone())),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Term {
    fn matches(&self, element: &Value) -> bool {
        let actual = match element {
            Value::Object(map) => {
                map.iter().find(|(k, _)| k.eq_ignore_ascii_case(&self.attr)).map(|(_, v)| v)
            }
            // A simple multi-valued attribute: `value` names the element itself.
            other if self.attr.eq_ignore_ascii_case("value") => Some(other),
            _ => None,
        };
        let Some((op, expected)) = &self.cmp else {
            return matches!(actual, Some(v) if !v.is_null());
        };
        let Some(actual) = actual else {
            return *op == CompOp::Ne;
        };
        match (actual, expected) {
            (Value::String(a), Value::String(e)) => {
                let (a, e) = (a.to_lowercase(), e.to_lowercase());
                match op {
                    CompOp::Eq => a == e,
                    CompOp::Ne => a != e,
                    CompOp::Co => a.contains(&e),
                    CompOp::Sw => a.starts_with(&e),
                    CompOp::Ew => a.ends_with(&e),
                    CompOp::Gt => a > e,
                    CompOp::Ge => a >= e,
                    CompOp::Lt => a < e,
                    CompOp::Le => a <= e,
                }
            }
            (Value::Number(a), Value::Number(e)) => {
                let (a, e) = (a.as_f64().unwrap_or(f64::NAN), e.as_f64().unwrap_or(f64::NAN));
                match op {
                    CompOp::Eq => a == e,
                    CompOp::Ne => a != e,
                    CompOp::Gt => a > e,
                    CompOp::Ge => a >= e,
                    CompOp::Lt => a < e,
                    CompOp::Le => a <= e,
                    _ => false,
                }
            }
            (a, e) => match op {
                CompOp::Eq => a == e,
                CompOp::Ne => a != e,
                _ => false,
            },
        }
    }
}

/// A tiny lexer over filter text.
struct Lexer<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Self {
        Self { s, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// An attribute name or keyword: letters, digits and `_ - . : $`.
    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '$')))
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return None;
        }
        self.pos += len;
        Some(rest[..len].to_string())
    }

    /// A comparison value: a JSON string (with `\"`, `\\`, `\uXXXX` … escapes), `true`,
    /// `false`, `null` or a number. `Ok(None)` when nothing is there.
    fn comp_value(&mut self) -> Result<Option<Value>, String> {
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('"') {
            let mut escaped = false;
            let mut end = None;
            for (i, c) in rest.char_indices().skip(1) {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    end = Some(i);
                    break;
                }
            }
            let end = end.ok_or_else(|| format!("Unterminated string in filter: {rest}"))?;
            let literal = &rest[..=end];
            let value: String = serde_json::from_str(literal)
                .map_err(|_| format!("Invalid string literal in filter: {literal}"))?;
            self.pos += end + 1;
            return Ok(Some(Value::String(value)));
        }
        let len =
            rest.char_indices().find(|(_, c)| c.is_whitespace() || *c == ']').map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return Ok(None);
        }
        let word = &rest[..len];
        let value = match word.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ => match serde_json::from_str::<serde_json::Number>(word) {
                Ok(n) => Value::Number(n),
                Err(_) => return Err(format!("Invalid value '{word}' in filter")),
            },
        };
        self.pos += len;
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const USERS: &[&str] = &["userName", "externalId"];

    #[test]
    fn list_filter_accepts_eq_with_escapes() {
        let f = parse_list_filter(r#"USERNAME eq "a\"b\\c""#, USERS).unwrap();
        assert_eq!(f, EqFilter { attr: "userName", value: "a\"b\\c".into() });
        let f = parse_list_filter(r#"  externalId   EQ "x y"  "#, USERS).unwrap();
        assert_eq!(f.attr, "externalId");
        assert_eq!(f.value, "x y");
    }

    #[test]
    fn list_filter_rejects_everything_else() {
        for bad in [
            r#"userName co "a""#,
            r#"displayName eq "a""#,
            r#"userName eq a"#,
            r#"userName eq "a" and externalId eq "b""#,
            r#"userName eq "a"#,
            "",
            r#"userName eq 1"#,
        ] {
            assert!(parse_list_filter(bad, USERS).is_err(), "{bad}");
        }
    }

    #[test]
    fn value_filters_match() {
        let f = ValueFilter::parse(r#"type eq "work" and primary eq true"#).unwrap();
        assert!(f.matches(&json!({"type": "Work", "primary": true, "value": "a@b"})));
        assert!(!f.matches(&json!({"type": "work", "primary": false})));
        let f = ValueFilter::parse(r#"type eq "home" or value co "@example""#).unwrap();
        assert!(f.matches(&json!({"type": "work", "value": "a@example.com"})));
        assert!(ValueFilter::parse("value pr").unwrap().matches(&json!({"value": "x"})));
        assert_eq!(
            ValueFilter::parse(r#"type eq "work""#).unwrap().seed_pairs(),
            vec![("type".to_string(), json!("work"))]
        );
        assert!(ValueFilter::parse(r#"type zz "work""#).is_err());
    }
}
