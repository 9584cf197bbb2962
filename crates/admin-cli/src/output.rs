//! Rendering results: every command produces a serializable value (the API's own types, or a
//! small JSON summary), printed as the types serialize (`--output json`), as CSV, or as a table.
//!
//! Nothing the server sent is altered on the way: `json` is `serde_json` writing the typed value
//! itself (unknown fields are kept by the models as their exact JSON text, so `1e400` or a
//! 30-digit integer come out as they came in), and table and CSV cells are built from that same
//! JSON text ([`Node`] keeps every number's text), never from a lossy `f64`.
//!
//! Server data is untrusted: table cells show control characters (and bidirectional-text
//! controls) escaped, e.g. `\u{1b}`, so a display name cannot drive the terminal; CSV cells
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` (OWASP's advice
//! against formula injection) unless `--csv-raw` asks for the exact values.

use std::collections::BTreeMap;
use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::cli::Format;
use crate::error::{CliError, Result};

/// How to render, beyond the format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// The columns were chosen by the user (`--columns`): refuse the ones the result lacks.
    pub strict_columns: bool,
    /// `--csv-raw`: write CSV cells exactly, without neutralizing formula-like cells.
    pub csv_raw: bool,
}

/// Prints `value` to stdout. Lists are rows; one object is one row in CSV and a field/value
/// table in `table`. `columns` (dotted paths) selects columns for table and CSV; empty = all.
pub fn print<T: Serialize + ?Sized>(format: Format, value: &T, columns: &[&str], style: Style) -> Result<()> {
    let text = render(format, value, columns, style)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).and_then(|()| out.flush()).map_err(CliError::stdout)
}

/// Renders `value` (see [`print()`]).
pub fn render<T: Serialize + ?Sized>(
    format: Format,
    value: &T,
    columns: &[&str],
    style: Style,
) -> Result<String> {
    if format == Format::Json {
        // The typed value's own serialization: exact, nothing goes through `f64`.
        let mut s = serde_json::to_string_pretty(value).map_err(unprintable)?;
        s.push('\n');
        return Ok(s);
    }
    let text = serde_json::to_string(value).map_err(unprintable)?;
    let raw: &RawValue = serde_json::from_str(&text).map_err(unprintable)?;
    let node = Node::parse(raw).map_err(unprintable)?;
    match format {
        Format::Json => unreachable!("handled above"),
        Format::Csv => csv(&node, columns, style),
        Format::Table => table(&node, columns, style),
    }
}

fn unprintable(e: serde_json::Error) -> CliError {
    CliError::Io(format!("the result cannot be printed: {e}"))
}

fn csv(node: &Node, columns: &[&str], style: Style) -> Result<String> {
    let (header, rows) = rows(node, columns, false, style)?;
    let safe =
        |cell: &Cell| if style.csv_raw || cell.number { cell.text.clone() } else { neutralized(&cell.text) };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| CliError::io("CSV output", e);
    let header: Vec<String> =
        header.iter().map(|h| if style.csv_raw { h.clone() } else { neutralized(h) }).collect();
    writer.write_record(&header).map_err(fail)?;
    for row in rows {
        writer.write_record(row.iter().map(safe)).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| CliError::io("CSV output", e))?;
    String::from_utf8(bytes).map_err(|e| CliError::io("CSV output", e))
}

fn table(node: &Node, columns: &[&str], style: Style) -> Result<String> {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    match node {
        Node::Object(map) => {
            table.set_header(["field", "value"]);
            let flat = flatten(map, true);
            if style.strict_columns {
                check_columns(columns, flat.iter().map(|(k, _)| k.as_str()))?;
            }
            for (k, v) in flat {
                if columns.is_empty() || columns.contains(&k.as_str()) {
                    table.add_row([visible(&k), visible(&v.text)]);
                }
            }
        }
        _ => {
            let (header, rows) = rows(node, columns, true, style)?;
            if rows.is_empty() {
                return Ok("(none)\n".to_owned());
            }
            table.set_header(header.iter().map(|h| visible(h)));
            for row in rows {
                table.add_row(row.iter().map(|c| visible(&c.text)));
            }
        }
    }
    Ok(format!("{table}\n"))
}

/// A cell's text, and whether it is a JSON number (never a formula: left as is in CSV).
#[derive(Debug, Clone, Default)]
struct Cell {
    text: String,
    number: bool,
}

/// Header and rows: a list gives one row per element; anything else one row.
fn rows(
    node: &Node,
    columns: &[&str],
    for_people: bool,
    style: Style,
) -> Result<(Vec<String>, Vec<Vec<Cell>>)> {
    let items: Vec<BTreeMap<String, Node>> = match node {
        Node::Array(items) => items.iter().map(as_object).collect(),
        Node::Null => Vec::new(),
        other => vec![as_object(other)],
    };
    let flat: Vec<Vec<(String, Cell)>> = items.iter().map(|i| flatten(i, for_people)).collect();
    let mut known: Vec<String> = Vec::new();
    for row in &flat {
        for (k, _) in row {
            if !known.contains(k) {
                known.push(k.clone());
            }
        }
    }
    let header: Vec<String> = if columns.is_empty() {
        known
    } else {
        if style.strict_columns && !flat.is_empty() {
            check_columns(columns, known.iter().map(String::as_str))?;
        }
        columns.iter().map(|c| (*c).to_owned()).collect()
    };
    let rows = flat
        .iter()
        .map(|row| {
            header
                .iter()
                .map(|h| row.iter().find(|(k, _)| k == h).map(|(_, v)| v.clone()).unwrap_or_default())
                .collect()
        })
        .collect();
    Ok((header, rows))
}

/// Refuses a `--columns` name the result does not have, listing the ones it has.
fn check_columns<'a>(columns: &[&str], known: impl Iterator<Item = &'a str>) -> Result<()> {
    let known: Vec<&str> = known.collect();
    let unknown: Vec<&str> = columns.iter().copied().filter(|c| !known.contains(c)).collect();
    if unknown.is_empty() || known.is_empty() {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "--columns: no column {} in this result; its columns are: {}",
        unknown.iter().map(|c| format!("`{}`", visible(c))).collect::<Vec<_>>().join(", "),
        known.iter().map(|c| visible(c)).collect::<Vec<_>>().join(", ")
    )))
}

fn as_object(node: &Node) -> BTreeMap<String, Node> {
    match node {
        Node::Object(map) => map.clone(),
        other => BTreeMap::from([("value".to_owned(), other.clone())]),
    }
}

/// Nested objects become `a.b` keys; `null` is empty; arrays are compact JSON, or for people
/// (tables) a list of their elements' `display` (or `value`) when they all have one.
fn flatten(map: &BTreeMap<String, Node>, for_people: bool) -> Vec<(String, Cell)> {
    let mut out = Vec::new();
    flatten_into("", map, for_people, &mut out);
    out
}

fn flatten_into(prefix: &str, map: &BTreeMap<String, Node>, for_people: bool, out: &mut Vec<(String, Cell)>) {
    for (k, v) in map {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            Node::Object(inner) if !inner.is_empty() => flatten_into(&key, inner, for_people, out),
            other => out.push((
                key,
                Cell { text: cell(other, for_people), number: matches!(other, Node::Number(_)) },
            )),
        }
    }
}

fn cell(node: &Node, for_people: bool) -> String {
    match node {
        Node::Null => String::new(),
        Node::String(s) | Node::Number(s) => s.clone(),
        Node::Array(items) if for_people => {
            let names: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Node::String(s) => Some(s.clone()),
                    Node::Object(o) => o.get("display").or_else(|| o.get("value")).map(|v| cell(v, true)),
                    _ => None,
                })
                .collect();
            names.map(|n| n.join(", ")).unwrap_or_else(|| node.compact())
        }
        other => other.compact(),
    }
}

/// `text` with control characters and bidirectional-text controls shown as `\u{…}` escapes, so
/// server data cannot move the cursor, retitle the terminal or reorder what is shown.
pub fn visible(text: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    text.chars().map(|c| if hidden(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect()
}

/// A CSV cell a spreadsheet would run as a formula gets a leading `'` (OWASP: CSV injection).
fn neutralized(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// A JSON value that keeps every number as the text it was written with (`serde_json::Value`
/// would turn `1.10` into `1.1` and refuse `1e400`). Object keys are sorted, as `Value`'s are.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// The number's JSON text, exactly.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(BTreeMap<String, Node>),
}

impl Node {
    /// Reads JSON text, one level at a time through [`RawValue`]s.
    pub fn parse(raw: &RawValue) -> serde_json::Result<Self> {
        let text = raw.get().trim();
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let map: BTreeMap<String, &RawValue> = serde_json::from_str(text)?;
                Self::Object(
                    map.into_iter()
                        .map(|(k, v)| Ok((k, Self::parse(v)?)))
                        .collect::<serde_json::Result<_>>()?,
                )
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text)?;
                Self::Array(items.into_iter().map(Self::parse).collect::<serde_json::Result<_>>()?)
            }
            Some(b'"') => Self::String(serde_json::from_str(text)?),
            Some(b't') => Self::Bool(true),
            Some(b'f') => Self::Bool(false),
            Some(b'n') => Self::Null,
            _ => Self::Number(text.to_owned()),
        })
    }

    /// Compact JSON, numbers as received.
    fn compact(&self) -> String {
        let mut out = String::new();
        self.write_compact(&mut out);
        out
    }

    fn write_compact(&self, out: &mut String) {
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"));
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Self::Number(n) => out.push_str(n),
            Self::String(s) => out.push_str(&quoted(s)),
            Self::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_compact(out);
                }
                out.push(']');
            }
            Self::Object(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quoted(k));
                    out.push(':');
                    v.write_compact(out);
                }
                out.push('}');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn strict() -> Style {
        Style { strict_columns: true, csv_raw: false }
    }

    #[test]
    fn csv_flattens_nested_fields_keeps_arrays_as_json_and_unions_columns() {
        let value = json!([{"id": "1", "name": {"givenName": "Ada"}, "emails": [{"value": "a@x"}]}, {"id": "2", "active": false}]);
        let text = render(Format::Csv, &value, &[], Style::default()).unwrap();
        assert_eq!(
            text,
            "emails,id,name.givenName,active\n\"[{\"\"value\"\":\"\"a@x\"\"}]\",1,Ada,\n,2,,false\n"
        );
    }

    #[test]
    fn default_columns_are_kept_in_order_even_when_missing() {
        let value = json!([{"id": "1", "userName": "ada"}]);
        assert_eq!(
            render(Format::Csv, &value, &["userName", "nope", "id"], Style::default()).unwrap(),
            "userName,nope,id\nada,,1\n"
        );
    }

    #[test]
    fn a_column_the_user_names_must_exist_and_the_error_lists_the_real_ones() {
        let value = json!([{"accountId": "1", "email": "a@x"}]);
        let error = render(Format::Csv, &value, &["accountId", "nope"], strict()).unwrap_err();
        assert_eq!(error.exit_code(), std::process::ExitCode::from(2));
        let message = error.to_string();
        assert!(message.contains("`nope`") && message.contains("accountId, email"), "{message}");
        let error = render(Format::Table, &json!({"accountId": "1"}), &["nope"], strict()).unwrap_err();
        assert!(error.to_string().contains("`nope`"), "{error}");
        assert_eq!(render(Format::Csv, &value, &["email"], strict()).unwrap(), "email\na@x\n");
    }

    /// What a SCIM user with unknown numeric fields looks like after the models kept them raw.
    fn exotic() -> Box<RawValue> {
        serde_json::from_str(
            r#"{"id":"u1","huge":1e400,"big":123456789012345678901234567890,"price":1.10,"list":[1.10,2e400]}"#,
        )
        .unwrap()
    }

    #[test]
    fn numbers_are_printed_exactly_as_sent_in_every_format_and_never_panic() {
        let value = exotic();
        let json = render(Format::Json, &value, &[], Style::default()).unwrap();
        for exact in ["1e400", "123456789012345678901234567890", "1.10", "[1.10,2e400]"] {
            assert!(json.contains(exact), "{exact} in {json}");
        }
        let csv = render(Format::Csv, &value, &[], Style::default()).unwrap();
        assert_eq!(
            csv,
            "big,huge,id,list,price\n123456789012345678901234567890,1e400,u1,\"[1.10,2e400]\",1.10\n"
        );
        let table = render(Format::Table, &value, &[], Style::default()).unwrap();
        for exact in ["1e400", "123456789012345678901234567890", "1.10"] {
            assert!(table.contains(exact), "{exact} in {table}");
        }
    }

    #[test]
    fn table_cells_show_control_characters_escaped() {
        let value = json!([{"displayName": "\u{1b}]0;pwned\u{7}\u{1b}[31mRED", "id": "1"}]);
        let table = render(Format::Table, &value, &[], Style::default()).unwrap();
        assert!(!table.contains('\u{1b}') && !table.contains('\u{7}'), "{table:?}");
        assert!(table.contains(r"\u{1b}]0;pwned\u{7}\u{1b}[31mRED"), "{table}");
        let one = render(Format::Table, &json!({"name": "a\u{202e}b"}), &[], Style::default()).unwrap();
        assert!(one.contains(r"a\u{202e}b"), "{one}");
    }

    #[test]
    fn csv_neutralizes_formulas_unless_raw_is_asked_for() {
        let value = json!([{"name": "=HYPERLINK(\"http://evil.test\",\"x\")", "n": -5, "t": "\tx", "m": "-1+1", "a": "@SUM(A1)", "p": "+1"}]);
        let safe = render(Format::Csv, &value, &[], Style::default()).unwrap();
        assert_eq!(
            safe,
            "a,m,n,name,p,t\n'@SUM(A1),'-1+1,-5,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",'+1,'\tx\n"
        );
        let raw = render(Format::Csv, &value, &[], Style { csv_raw: true, ..Style::default() }).unwrap();
        assert!(raw.contains("\"=HYPERLINK("), "{raw}");
        let json = render(Format::Json, &value, &[], Style::default()).unwrap();
        assert!(json.contains(r#""=HYPERLINK(\"http://evil.test\",\"x\")""#), "{json}");
    }
}
