//! Reading inputs: item lists (files or arguments), JSON bodies, `PATH=VALUE` pairs.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{CliError, Result};

/// Reads `FILE` (`-` for stdin) as text, without a UTF-8 byte order mark (spreadsheet exports
/// start with one). A file that cannot be read is bad input (exit 2).
pub fn read_text(path: &Path) -> Result<String> {
    let text = if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| CliError::input("stdin", e))?;
        text
    } else {
        std::fs::read_to_string(path).map_err(|e| CliError::input(path.display(), e))?
    };
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Reads a JSON document into `T`, naming the file and the place that is wrong.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("{}: invalid JSON body: {e}", path.display())))
}

/// Reads a JSON request body that the API wraps in `{"data": …}`: the file may hold the bare
/// object or the whole `{"data": …}` document (as copied from the API's examples); either way
/// the object inside is returned (numbers and unknown members kept exactly as written).
pub fn read_data_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wrapped {
        data: Box<serde_json::value::RawValue>,
    }
    let text = read_text(path)?;
    let inner = match serde_json::from_str::<Wrapped>(&text) {
        Ok(wrapped) => wrapped.data.get().to_owned(),
        Err(_) => text,
    };
    serde_json::from_str(&inner)
        .map_err(|e| CliError::usage(format!("{}: invalid JSON body: {e}", path.display())))
}

/// Items (emails or ids) from arguments and an optional file, in order, without duplicates.
///
/// The file is read as CSV (the `csv` crate: quoted fields are never split, `#` lines are
/// comments, a UTF-8 byte order mark is ignored):
/// * a list: one item per line, or comma-separated items (the format of Atlassian's CLI), with
///   an optional one-column header `email`, `id` or `account_id`;
/// * a CSV with a header row and several columns (an HR export): only one column is used — the
///   first whose header is `email`, `id`, `account_id` (and similar), else the first column.
///   The first row is a header when it names such a column or, with several cells, when a cell
///   has a space in it (`Email Address`) or it has no `@` while the next row's first cell has one.
pub fn items(args: &[String], file: Option<&Path>) -> Result<Vec<String>> {
    let mut raw: Vec<String> = args.to_vec();
    if let Some(path) = file {
        raw.extend(
            items_of_text(&read_text(path)?)
                .map_err(|e| CliError::usage(format!("{}: {e}", path.display())))?,
        );
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in raw {
        let item = item.trim().to_owned();
        if item.is_empty() {
            continue;
        }
        if seen.insert(item.to_lowercase()) {
            out.push(item);
        }
    }
    if out.is_empty() {
        return Err(CliError::usage("no items: pass emails or account ids as arguments or with --from-file"));
    }
    Ok(out)
}

/// The items of a file's text (see [`items()`]).
fn items_of_text(text: &str) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let cells: Vec<String> = record?.iter().map(str::to_owned).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            records.push(cells);
        }
    }
    let Some(first) = records.first() else { return Ok(Vec::new()) };
    let named = first.iter().position(|c| is_header(c));
    let has_at = |row: Option<&Vec<String>>| row.and_then(|r| r.first()).is_some_and(|c| c.contains('@'));
    let columns = first.len() > 1;
    let header = named.is_some()
        || (columns && first.iter().any(|c| c.contains(char::is_whitespace)))
        || (columns && !first.iter().any(|c| c.contains('@')) && has_at(records.get(1)));
    if !header || !columns {
        // A list: every cell of every row is an item (after a one-column header).
        return Ok(records.into_iter().skip(usize::from(header)).flatten().collect());
    }
    let column = named.unwrap_or(0);
    Ok(records.into_iter().skip(1).filter_map(|row| row.get(column).cloned()).collect())
}

fn is_header(item: &str) -> bool {
    matches!(
        item.to_ascii_lowercase().as_str(),
        "email"
            | "emails"
            | "email address"
            | "e-mail"
            | "mail"
            | "id"
            | "account_id"
            | "accountid"
            | "account id"
            | "account"
    )
}

/// A point in time: RFC 3339 (`2025-06-01T00:00:00Z`) or an age (`24h`, `7d`: that long ago).
pub fn instant(value: &str) -> Result<std::time::SystemTime, String> {
    if let Ok(at) = humantime::parse_rfc3339_weak(value) {
        return Ok(at);
    }
    let age = humantime::parse_duration(value).map_err(|_| {
        format!("`{value}`: expected an RFC 3339 time (2025-06-01T00:00:00Z) or an age (24h, 7d)")
    })?;
    std::time::SystemTime::now().checked_sub(age).ok_or_else(|| format!("`{value}`: too long ago"))
}

/// Splits `PATH=VALUE`; the value is JSON when it parses as JSON, a string otherwise.
pub fn path_value(pair: &str) -> Result<(String, Value)> {
    let (path, value) =
        pair.split_once('=').ok_or_else(|| CliError::usage(format!("`{pair}`: expected PATH=VALUE")))?;
    let value = serde_json::from_str(value).unwrap_or_else(|_| Value::String(value.to_owned()));
    Ok((path.to_owned(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items_of(text: &str) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("admin-cli-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let file = dir.join(format!("{}.txt", N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)));
        std::fs::write(&file, text).unwrap();
        items(&[], Some(&file)).unwrap()
    }

    #[test]
    fn lines_commas_comments_and_headers_are_understood() {
        assert_eq!(items_of("email\na@x.com, b@x.com\n# skip\n\na@x.com\n"), ["a@x.com", "b@x.com"]);
        assert_eq!(items_of("email,name\na@x.com,Ada\nb@x.com,Bo\n"), ["a@x.com", "b@x.com"]);
        assert_eq!(items_of("557057:a,557057:b\n557057:c\n"), ["557057:a", "557057:b", "557057:c"]);
    }

    #[test]
    fn a_byte_order_mark_and_crlf_do_not_defeat_the_header() {
        // The exact file of the tryout: the manager must never become an item.
        assert_eq!(
            items_of("\u{feff}email,manager\r\nada@example.com,lila@example.com\r\n"),
            ["ada@example.com"]
        );
        assert_eq!(items_of("\u{feff}557057:a\r\n557057:b\r\n"), ["557057:a", "557057:b"]);
    }

    #[test]
    fn a_multi_column_csv_uses_the_named_column_or_the_first() {
        assert_eq!(
            items_of_text_of("Email Address,Manager\nada@example.com,lila@example.com\n"),
            ["ada@example.com"]
        );
        assert_eq!(
            items_of_text_of("name,manager,email\nAda,lila@example.com,ada@example.com\n"),
            ["ada@example.com"]
        );
        assert_eq!(items_of_text_of("Mail,Boss\nada@example.com,lila@example.com\n"), ["ada@example.com"]);
    }

    #[test]
    fn a_quoted_field_is_never_split() {
        assert_eq!(items_of_text_of("\"Ada, L\"\n"), ["Ada, L"]);
        assert_eq!(items_of_text_of("email,name\nada@example.com,\"Lovelace, Ada\"\n"), ["ada@example.com"]);
    }

    fn items_of_text_of(text: &str) -> Vec<String> {
        items_of_text(text).unwrap()
    }

    #[test]
    fn files_lose_their_byte_order_mark_and_unreadable_ones_are_bad_input() {
        let path = std::env::temp_dir().join(format!("admin-cli-bom-{}.json", std::process::id()));
        std::fs::write(&path, "\u{feff}{\"a\": 1}").unwrap();
        let value: Value = read_json(&path).unwrap();
        assert_eq!(value["a"], 1);
        std::fs::remove_file(&path).unwrap();
        let missing = read_text(Path::new("/nonexistent")).unwrap_err();
        assert_eq!(missing.exit_code(), std::process::ExitCode::from(2));
    }

    #[test]
    fn instants_are_rfc3339_or_ages() {
        let at = instant("2025-06-01T00:00:00Z").unwrap();
        assert_eq!(at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs(), 1_748_736_000);
        let day_ago = instant("1d").unwrap();
        let age = std::time::SystemTime::now().duration_since(day_ago).unwrap().as_secs();
        assert!((86_399..=86_460).contains(&age), "{age}");
        assert!(instant("yesterday-ish").is_err());
    }

    #[test]
    fn values_are_json_when_they_parse() {
        assert_eq!(path_value("active=false").unwrap().1, Value::Bool(false));
        assert_eq!(path_value("title=Boss").unwrap().1, Value::String("Boss".into()));
        assert!(path_value("nothing").is_err());
    }
}
