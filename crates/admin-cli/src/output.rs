//! Rendering results: every command produces JSON (`serde_json::Value`, from the API's own
//! types), printed as is (`--output json`), as CSV, or as a table.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

use crate::cli::Format;
use crate::error::{CliError, Result};

/// Prints `value` to stdout. Lists are rows; one object is one row in CSV and a field/value
/// table in `table`. `columns` (dotted paths) selects columns for table and CSV; empty = all.
pub fn print(format: Format, value: &Value, columns: &[&str]) -> Result<()> {
    let text = render(format, value, columns)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(|e| CliError::io("stdout", e))?;
    Ok(())
}

/// Renders `value` (see [`print()`]).
pub fn render(format: Format, value: &Value, columns: &[&str]) -> Result<String> {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(value).expect("JSON values serialize");
            s.push('\n');
            Ok(s)
        }
        Format::Csv => {
            let (header, rows) = rows(value, columns, false);
            let mut writer = csv::Writer::from_writer(Vec::new());
            let fail = |e: csv::Error| CliError::io("CSV output", e);
            writer.write_record(&header).map_err(fail)?;
            for row in rows {
                writer.write_record(&row).map_err(fail)?;
            }
            let bytes = writer.into_inner().map_err(|e| CliError::io("CSV output", e))?;
            Ok(String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8"))
        }
        Format::Table => {
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled);
            match value {
                Value::Object(map) if columns.is_empty() || !is_list_like(value) => {
                    table.set_header(["field", "value"]);
                    let flat = flatten(map, true);
                    for (k, v) in flat {
                        if columns.is_empty() || columns.contains(&k.as_str()) {
                            table.add_row([k, v]);
                        }
                    }
                }
                _ => {
                    let (header, rows) = rows(value, columns, true);
                    if rows.is_empty() {
                        return Ok("(none)\n".to_owned());
                    }
                    table.set_header(header);
                    for row in rows {
                        table.add_row(row);
                    }
                }
            }
            Ok(format!("{table}\n"))
        }
    }
}

fn is_list_like(value: &Value) -> bool {
    value.is_array()
}

/// Header and rows: a list gives one row per element; anything else one row.
fn rows(value: &Value, columns: &[&str], for_people: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let items: Vec<Map<String, Value>> = match value {
        Value::Array(items) => items.iter().map(as_object).collect(),
        Value::Null => Vec::new(),
        other => vec![as_object(other)],
    };
    let flat: Vec<Vec<(String, String)>> = items.iter().map(|i| flatten(i, for_people)).collect();
    let header: Vec<String> = if columns.is_empty() {
        let mut header: Vec<String> = Vec::new();
        for row in &flat {
            for (k, _) in row {
                if !header.contains(k) {
                    header.push(k.clone());
                }
            }
        }
        header
    } else {
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
    (header, rows)
}

fn as_object(value: &Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map.clone(),
        other => Map::from_iter([("value".to_owned(), other.clone())]),
    }
}

/// Nested objects become `a.b` keys; `null` is empty; arrays are compact JSON, or for people
/// (tables) a list of their elements' `display` (or `value`) when they all have one.
fn flatten(map: &Map<String, Value>, for_people: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten_into("", map, for_people, &mut out);
    out
}

fn flatten_into(prefix: &str, map: &Map<String, Value>, for_people: bool, out: &mut Vec<(String, String)>) {
    for (k, v) in map {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        match v {
            Value::Object(inner) if !inner.is_empty() => flatten_into(&key, inner, for_people, out),
            other => out.push((key, cell(other, for_people))),
        }
    }
}

fn cell(value: &Value, for_people: bool) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if for_people => {
            let names: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("display").or_else(|| o.get("value")).map(|v| cell(v, true)),
                    _ => None,
                })
                .collect();
            names.map(|n| n.join(", ")).unwrap_or_else(|| value.to_string())
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn csv_flattens_nested_fields_keeps_arrays_as_json_and_unions_columns() {
        let value = json!([{"id": "1", "name": {"givenName": "Ada"}, "emails": [{"value": "a@x"}]}, {"id": "2", "active": false}]);
        let text = render(Format::Csv, &value, &[]).unwrap();
        assert_eq!(
            text,
            "emails,id,name.givenName,active\n\"[{\"\"value\"\":\"\"a@x\"\"}]\",1,Ada,\n,2,,false\n"
        );
    }

    #[test]
    fn chosen_columns_are_kept_in_order_even_when_missing() {
        let value = json!([{"id": "1", "userName": "ada"}]);
        assert_eq!(
            render(Format::Csv, &value, &["userName", "nope", "id"]).unwrap(),
            "userName,nope,id\nada,,1\n"
        );
    }
}
