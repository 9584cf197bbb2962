//! [`Extra`]: the attributes a model does not know, kept exactly as the server sent them.
//!
//! # Why raw JSON text, and not `serde_json::Value`
//!
//! A `Value` holds numbers as `u64`/`i64`/`f64`: `123456789012345678901234567890` comes back as
//! `1.2345678901234568e+29`, and `1e400` fails the decode of the whole resource. The models'
//! promise is that GET → modify → PUT changes nothing the caller did not touch, so an unknown
//! value is kept as its JSON text ([`serde_json::value::RawValue`]) and written back verbatim.
//!
//! Two other mechanisms were rejected:
//! - serde_json's `arbitrary_precision` feature keeps number text in `Value`, but Cargo unifies
//!   it across the whole dependency graph (every crate of the user's build that uses serde_json
//!   changes number representation), and numbers buffered by `#[serde(flatten)]` or untagged
//!   enums then decode as a map and fail.
//! - `#[serde(flatten)] extra: Map<String, Box<RawValue>>` does not work: flatten buffers values
//!   in serde's private `Content`, which has already parsed numbers (and cannot hold raw text).
//!
//! So the models do not flatten on decode. Each model derives its field handling with
//! `#[serde(remote = "Self")]` and wraps it (the `lossless!` macro): the wrapper hands the
//! derived visitor a map access that, for a key the model does not know, reads the value as
//! raw text into [`Extra`] instead of passing it on. Known fields decode exactly as before, in
//! one pass, through the caller's own deserializer (so `serde_path_to_error` still names the
//! failing path). This needs serde_json's additive `raw_value` feature, nothing else; decoding
//! a model from a non-JSON deserializer (or through an untagged enum / flatten of the
//! caller's) fails on unknown attributes, since their raw text is not available there.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// Attributes a model does not know, by name, each kept as the exact JSON text the server sent
/// (numbers of any size or precision included) and written back verbatim.
///
/// Two `Extra`s are equal when they have the same names with the same JSON values, compared
/// on their text: whitespace and member order do not matter, numbers must be written the same.
///
/// ```
/// use admin_models::scim::ScimUser;
///
/// let user: ScimUser = serde_json::from_str(
///     r#"{"userName": "lila", "x-badge": 123456789012345678901234567890, "x-tags": ["a"]}"#,
/// ).unwrap();
/// assert_eq!(user.extra.get("x-badge").unwrap().get(), "123456789012345678901234567890");
/// assert_eq!(user.extra.value("x-tags"), Some(serde_json::json!(["a"])));
/// assert!(serde_json::to_string(&user).unwrap().contains(r#""x-badge":123456789012345678901234567890"#));
/// ```
#[derive(Clone, Default)]
pub struct Extra(BTreeMap<String, Box<RawValue>>);

impl Extra {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `name` is there.
    pub fn contains_key(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// The exact JSON text of `name`.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.0.get(name).map(|raw| &**raw)
    }

    /// `name` as a [`Value`]; `None` if absent, or if it does not fit one (a number outside
    /// `f64`'s range: read it with [`get`](Self::get) instead). Numbers beyond 64 bits are
    /// rounded, as `Value` does.
    pub fn value(&self, name: &str) -> Option<Value> {
        self.decode(name).and_then(Result::ok)
    }

    /// `name` decoded as `T`, if present.
    ///
    /// # Errors
    /// The `serde_json` error if the text is not a `T`.
    pub fn decode<T: de::DeserializeOwned>(&self, name: &str) -> Option<Result<T, serde_json::Error>> {
        self.0.get(name).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Sets `name` to `value` (written compactly), returning the previous text.
    pub fn insert(&mut self, name: String, value: Value) -> Option<Box<RawValue>> {
        self.insert_raw(name, value_to_raw(&value))
    }

    /// Sets `name` to a JSON text, returning the previous one.
    pub fn insert_raw(&mut self, name: String, value: Box<RawValue>) -> Option<Box<RawValue>> {
        self.0.insert(name, value)
    }

    /// Removes `name`, returning its text.
    pub fn remove(&mut self, name: &str) -> Option<Box<RawValue>> {
        self.0.remove(name)
    }

    /// The attributes, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(name, raw)| (name.as_str(), &**raw))
    }

    /// The names.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// `Value` always serializes (string keys, finite numbers).
fn value_to_raw(value: &Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|((a, x), (b, y))| a == b && same_json(x.get(), y.get()))
    }
}

/// Whether two JSON texts hold the same value: whitespace and member order do not matter,
/// string escapes are compared decoded, numbers are compared by their text (exact, no
/// rounding: `1` and `1.0` differ).
pub(crate) fn same_json(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    match (a.as_bytes().first(), b.as_bytes().first()) {
        (Some(b'{'), Some(b'{')) => {
            let parse = |text| serde_json::from_str::<BTreeMap<String, Box<RawValue>>>(text).ok();
            match (parse(a), parse(b)) {
                (Some(x), Some(y)) => {
                    x.len() == y.len()
                        && x.iter().zip(&y).all(|((k, v), (l, w))| k == l && same_json(v.get(), w.get()))
                }
                _ => false,
            }
        }
        (Some(b'['), Some(b'[')) => {
            let parse = |text| serde_json::from_str::<Vec<Box<RawValue>>>(text).ok();
            match (parse(a), parse(b)) {
                (Some(x), Some(y)) => {
                    x.len() == y.len() && x.iter().zip(&y).all(|(v, w)| same_json(v.get(), w.get()))
                }
                _ => false,
            }
        }
        (Some(b'"'), Some(b'"')) => {
            let parse = |text| serde_json::from_str::<String>(text).ok();
            parse(a).is_some_and(|x| Some(x) == parse(b))
        }
        _ => false,
    }
}

impl Eq for Extra {}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(name, raw)| (name, raw.get()))).finish()
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        map.into_iter().collect()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Extra(iter.into_iter().map(|(name, value)| (name, value_to_raw(&value))).collect())
    }
}

impl FromIterator<(String, Box<RawValue>)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Box<RawValue>)>>(iter: I) -> Self {
        Extra(iter.into_iter().collect())
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, raw) in &self.0 {
            map.serialize_entry(name, raw)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Extra)
    }
}

/// Implements `Serialize` and `Deserialize` for a model declared with
/// `#[serde(remote = "Self")]` and a `#[serde(flatten, skip_deserializing)] extra: Extra` field:
/// serialization is the derived one (extra flattened); deserialization runs the derived
/// visitor through [`Capture`], which moves unknown attributes into `extra` as raw text.
/// `lossless!(Page<T>)` does the same for a model generic over its items.
macro_rules! lossless {
    ($model:ident<$item:ident>) => {
        impl<$item: serde::Serialize> serde::Serialize for $model<$item> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $model::serialize(self, serializer)
            }
        }

        impl<'de, $item: serde::Deserialize<'de>> serde::Deserialize<'de> for $model<$item> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut extra = $crate::extra::Extra::new();
                let mut model = $model::deserialize($crate::extra::Capture::new(deserializer, &mut extra))?;
                model.extra = extra;
                Ok(model)
            }
        }
    };
    ($($model:ident),+ $(,)?) => {$(
        impl serde::Serialize for $model {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $model::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $model {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let mut extra = $crate::extra::Extra::new();
                let mut model = $model::deserialize($crate::extra::Capture::new(deserializer, &mut extra))?;
                model.extra = extra;
                Ok(model)
            }
        }
    )+};
}

/// A deserializer that passes a struct's known fields to the derived visitor and keeps the
/// others, as raw JSON text, in an [`Extra`].
pub(crate) struct Capture<'x, D> {
    inner: D,
    extra: &'x mut Extra,
}

impl<'x, D> Capture<'x, D> {
    pub(crate) fn new(inner: D, extra: &'x mut Extra) -> Self {
        Self { inner, extra }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = D::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, fields, CaptureVisitor { visitor, fields, extra: self.extra })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

struct CaptureVisitor<'x, V> {
    visitor: V,
    fields: &'static [&'static str],
    extra: &'x mut Extra,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for CaptureVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(CaptureMap { inner: map, fields: self.fields, extra: self.extra })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }
}

struct CaptureMap<'x, A> {
    inner: A,
    fields: &'static [&'static str],
    extra: &'x mut Extra,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CaptureMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.inner.next_key::<Key<'de>>()? {
            if self.fields.contains(&key.as_str()) {
                return match key {
                    Key::Borrowed(key) => {
                        seed.deserialize(BorrowedStrDeserializer::<A::Error>::new(key)).map(Some)
                    }
                    Key::Owned(key) => seed.deserialize(StringDeserializer::<A::Error>::new(key)).map(Some),
                };
            }
            let value: Box<RawValue> = self.inner.next_value()?;
            self.extra.0.insert(key.into_owned(), value);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// A map key, borrowed from the input when it can be.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    fn into_owned(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an attribute name")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }
            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}
