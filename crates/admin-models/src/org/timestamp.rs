//! Serde helpers for the Organizations API's timestamps and dates.
//!
//! Timestamps are ISO 8601 / RFC 3339 (`2024-05-01T12:30:00.123Z`) and written back the same
//! way. Dates (`format: date`) are `YYYY-MM-DD`; a full timestamp where a date is expected is
//! accepted (its date is kept), since the spec and the examples disagree on a few fields.

use serde::{Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

fn parse_timestamp(value: &str) -> Option<OffsetDateTime> {
    let value = value.trim();
    if let Ok(at) = OffsetDateTime::parse(value, &Rfc3339) {
        return Some(at);
    }
    // `2024-05-01T12:30Z` (no seconds) and a bare date, both seen in Atlassian payloads.
    if let Some(minutes) = value.strip_suffix('Z')
        && let Ok(at) = OffsetDateTime::parse(&format!("{minutes}:00Z"), &Rfc3339)
    {
        return Some(at);
    }
    Date::parse(value, DATE).ok().map(|date| PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc())
}

fn parse_date(value: &str) -> Option<Date> {
    let value = value.trim();
    Date::parse(value, DATE)
        .ok()
        .or_else(|| parse_timestamp(value).map(|at| at.to_offset(UtcOffset::UTC).date()))
}

/// `Option<OffsetDateTime>` as an RFC 3339 string; `null` or absent is `None`.
pub(crate) mod datetime {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(at) => {
                let text = at.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => parse_timestamp(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 timestamp: {text:?}"))),
        }
    }
}

/// `Option<Date>` as `YYYY-MM-DD`; `null` or absent is `None`; a full timestamp is accepted.
pub(crate) mod date {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(value: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(date) => {
                let text = date.format(DATE).map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&text)
            }
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => parse_date(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 date: {text:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_the_shapes_atlassian_sends() {
        let full = parse_timestamp("2024-05-01T12:30:15.123Z").unwrap();
        assert_eq!((full.hour(), full.minute(), full.second()), (12, 30, 15));
        assert_eq!(parse_timestamp("2024-05-01T12:30Z").unwrap().minute(), 30);
        assert_eq!(parse_timestamp("2024-05-01").unwrap().hour(), 0);
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn dates_accept_a_timestamp() {
        assert_eq!(parse_date("2021-07-22").unwrap().to_string(), "2021-07-22");
        assert_eq!(parse_date("2021-07-22T23:10:00+02:00").unwrap().to_string(), "2021-07-22");
        assert!(parse_date("22/07/2021").is_none());
    }
}
