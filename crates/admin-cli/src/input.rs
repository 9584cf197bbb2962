//! Reading inputs: item lists (files or arguments), JSON bodies, `PATH=VALUE` pairs.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{CliError, Result};

/// Reads `FILE` (`-` for stdin) as text.
pub fn read_text(path: &Path) -> Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| CliError::io("stdin", e))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| CliError::io(path.display(), e))
}

/// Reads a JSON document into `T`, naming the file and the place that is wrong.
pub fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = read_text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::usage(format!("{}: invalid JSON body: {e}", path.display())))
}

/// Items (emails or ids) from arguments and an optional file, in order, without duplicates.
///
/// The file has one item per line or comma-separated items (the format of Atlassian's CLI);
/// blank lines and `#` comments are skipped, and a first line `email`, `id` or `account_id`
/// (a CSV header) is ignored. A CSV with several columns uses its first column.
pub fn items(args: &[String], file: Option<&Path>) -> Result<Vec<String>> {
    let mut raw: Vec<String> = args.to_vec();
    if let Some(path) = file {
        let text = read_text(path)?;
        let multi_column = text.lines().find(|l| !l.trim().is_empty()).is_some_and(is_header_with_columns);
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if multi_column {
                if n == 0 {
                    continue;
                }
                raw.push(line.split(',').next().unwrap_or_default().to_owned());
                continue;
            }
            raw.extend(line.split(',').map(str::to_owned));
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in raw {
        let item = item.trim().trim_matches('"').to_owned();
        if item.is_empty() || (out.is_empty() && is_header(&item)) {
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

fn is_header(item: &str) -> bool {
    matches!(
        item.to_ascii_lowercase().as_str(),
        "email" | "emails" | "id" | "account_id" | "accountid" | "account id"
    )
}

fn is_header_with_columns(line: &str) -> bool {
    let mut cells = line.split(',');
    cells.next().is_some_and(|c| is_header(c.trim().trim_matches('"'))) && cells.next().is_some()
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
        let file = dir.join(format!("{}.txt", text.len()));
        std::fs::write(&file, text).unwrap();
        items(&[], Some(&file)).unwrap()
    }

    #[test]
    fn lines_commas_comments_and_headers_are_understood() {
        assert_eq!(items_of("email\na@x.com, b@x.com\n# skip\n\na@x.com\n"), ["a@x.com", "b@x.com"]);
        assert_eq!(items_of("email,name\na@x.com,Ada\nb@x.com,Bo\n"), ["a@x.com", "b@x.com"]);
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
