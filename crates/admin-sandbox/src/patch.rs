//! RFC 7644 §3.5.2 PATCH applied to a SCIM resource held as a JSON object.
//!
//! The body is decoded by admin-models' [`PatchOp`] (which accepts what Atlassian accepts:
//! `operations` for `Operations`, any casing of `op`), paths are parsed by [`ParsedPatchPath`] and value
//! filters are [`Filter`]s; this module only *applies* them, with the leniency identity
//! providers expect (see [`apply`]).

use admin_models::scim::{
    Filter, FilterValue, PATCH_OP_SCHEMA, ParsedPatchPath, PatchOp, PatchOpKind, PatchOperation, ScimType,
};
use serde_json::{Map, Value};

/// Why a PATCH was refused: becomes a 400 SCIM error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatchError {
    /// `scimType` of the error body.
    pub scim_type: ScimType,
    /// `detail` of the error body.
    pub detail: String,
}

impl PatchError {
    pub(crate) fn new(scim_type: ScimType, detail: impl Into<String>) -> Self {
        Self { scim_type, detail: detail.into() }
    }
}

impl From<PatchError> for crate::http::ScimFailure {
    fn from(e: PatchError) -> Self {
        Self::bad(e.scim_type, e.detail)
    }
}

/// Reads a PatchOp body. A `schemas` array, when present, must name the PatchOp URN; the
/// operations must not be empty.
pub(crate) fn parse_request(body: Value) -> Result<Vec<PatchOperation>, PatchError> {
    if !body.is_object() {
        return Err(PatchError::new(ScimType::InvalidSyntax, "PatchOp body must be an object"));
    }
    if let Some(schemas) = body.get("schemas")
        && !schemas.as_array().is_some_and(|a| a.iter().any(|s| s.as_str() == Some(PATCH_OP_SCHEMA)))
    {
        return Err(PatchError::new(
            ScimType::InvalidSyntax,
            format!("schemas must contain \"{PATCH_OP_SCHEMA}\""),
        ));
    }
    let patch: PatchOp = serde_json::from_value(body)
        .map_err(|e| PatchError::new(ScimType::InvalidSyntax, format!("Invalid PatchOp: {e}")))?;
    if patch.is_empty() {
        return Err(PatchError::new(ScimType::InvalidSyntax, "'Operations' must not be empty"));
    }
    Ok(patch.operations().to_vec())
}

/// A resolved attribute path: `[urn:]attr[\[filter\]][.sub]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttrPath {
    /// The extension URN whose object holds `attr`, or `None` for top-level attributes.
    pub container: Option<String>,
    /// The attribute name.
    pub attr: String,
    pub filter: Option<Filter>,
    pub sub: Option<String>,
}

impl AttrPath {
    /// The top-level key of the resource this path touches (the extension URN or the attribute).
    pub(crate) fn root_key(&self) -> &str {
        self.container.as_deref().unwrap_or(&self.attr)
    }
}

/// Parses a path with [`ParsedPatchPath`] and resolves its URN: `core_urns` are schema URNs whose
/// attributes live at the top level (`urn:…:core:2.0:User:userName` means `userName`);
/// `extension_urns` (and unknown URNs) are held in a nested object.
pub(crate) fn parse_path(
    path: &str,
    core_urns: &[&str],
    extension_urns: &[&str],
) -> Result<AttrPath, PatchError> {
    // A whole extension object (or, for a core URN, nonsense refused later).
    if let Some(urn) = core_urns.iter().chain(extension_urns).find(|u| u.eq_ignore_ascii_case(path)) {
        return Ok(AttrPath { container: None, attr: (*urn).to_string(), filter: None, sub: None });
    }
    let parsed = ParsedPatchPath::parse(path).map_err(|e| {
        let kind = if path.contains('[')
            && !matches!(e.kind(), admin_models::scim::FilterErrorKind::InvalidAttributePath(_))
        {
            ScimType::InvalidFilter
        } else {
            ScimType::InvalidPath
        };
        PatchError::new(kind, format!("Invalid path '{path}': {e}"))
    })?;
    let ParsedPatchPath { attribute, filter, sub_attribute } = parsed;
    let container = match attribute.schema() {
        None => None,
        Some(urn) if core_urns.iter().any(|u| u.eq_ignore_ascii_case(urn)) => None,
        Some(urn) => Some(
            extension_urns
                .iter()
                .find(|u| u.eq_ignore_ascii_case(urn))
                .map_or_else(|| urn.to_owned(), |u| (*u).to_owned()),
        ),
    };
    let sub = sub_attribute.or_else(|| attribute.sub_attribute().map(str::to_owned));
    Ok(AttrPath { container, attr: attribute.attribute().to_owned(), filter, sub })
}

/// Whether an element of a multi-valued attribute matches a value filter. Strings compare
/// case-insensitively (`caseExact: false`, as every attribute the sandbox filters on is);
/// numbers numerically; `pr` means present and not null.
pub(crate) fn matches(filter: &Filter, element: &Value) -> bool {
    match filter {
        Filter::And(a, b) => matches(a, element) && matches(b, element),
        Filter::Or(a, b) => matches(a, element) || matches(b, element),
        Filter::Not(inner) => !matches(inner, element),
        Filter::Present(attr) => lookup(element, attr.as_str()).is_some_and(|v| !v.is_null()),
        Filter::Compare { attribute, op, value } => {
            use admin_models::scim::CompareOp as Op;
            let expected = filter_value_json(value);
            let Some(actual) = lookup(element, attribute.as_str()) else {
                return *op == Op::Ne;
            };
            match (actual, &expected) {
                (Value::String(a), Value::String(e)) => {
                    let (a, e) = (a.to_lowercase(), e.to_lowercase());
                    match op {
                        Op::Eq => a == e,
                        Op::Ne => a != e,
                        Op::Co => a.contains(&e),
                        Op::Sw => a.starts_with(&e),
                        Op::Ew => a.ends_with(&e),
                        Op::Gt => a > e,
                        Op::Ge => a >= e,
                        Op::Lt => a < e,
                        Op::Le => a <= e,
                    }
                }
                (Value::Number(a), Value::Number(e)) => {
                    let (a, e) = (a.as_f64().unwrap_or(f64::NAN), e.as_f64().unwrap_or(f64::NAN));
                    match op {
                        Op::Eq => a == e,
                        Op::Ne => a != e,
                        Op::Gt => a > e,
                        Op::Ge => a >= e,
                        Op::Lt => a < e,
                        Op::Le => a <= e,
                        _ => false,
                    }
                }
                (a, e) => match op {
                    Op::Eq => a == e,
                    Op::Ne => a != e,
                    _ => false,
                },
            }
        }
        // Not produced by the parser inside a value filter.
        Filter::ValuePath { .. } | Filter::Raw(_) => false,
    }
}

/// A sub-attribute of an element (case-insensitive); for a simple multi-valued attribute,
/// `value` names the element itself.
fn lookup<'v>(element: &'v Value, attr: &str) -> Option<&'v Value> {
    match element {
        Value::Object(map) => map.iter().find(|(k, _)| k.eq_ignore_ascii_case(attr)).map(|(_, v)| v),
        other if attr.eq_ignore_ascii_case("value") => Some(other),
        _ => None,
    }
}

fn filter_value_json(value: &FilterValue) -> Value {
    match value {
        FilterValue::String(s) => Value::String(s.clone()),
        FilterValue::Bool(b) => Value::Bool(*b),
        FilterValue::Number(n) => Value::Number(n.clone()),
        FilterValue::Null => Value::Null,
    }
}

/// The `attr eq value` pairs of the filter's first conjunction: what a new element created for
/// an unmatched `add`/`replace` is seeded with (e.g. `{"type": "work"}`).
fn seed_pairs(filter: &Filter) -> Vec<(String, Value)> {
    match filter {
        Filter::Compare { attribute, op: admin_models::scim::CompareOp::Eq, value } => {
            vec![(attribute.as_str().to_owned(), filter_value_json(value))]
        }
        Filter::And(a, b) => {
            let mut pairs = seed_pairs(a);
            pairs.extend(seed_pairs(b));
            pairs
        }
        Filter::Or(a, _) => seed_pairs(a),
        _ => Vec::new(),
    }
}

/// What a resource type allows PATCH to touch.
pub(crate) struct PatchRules<'a> {
    pub core_urns: &'a [&'a str],
    pub extension_urns: &'a [&'a str],
    /// Top-level keys that are read-only (a PATCH touching them → 400 `mutability`).
    pub read_only: &'a [&'a str],
}

/// Applies `ops` in order to `resource`. On error nothing should be kept: call on a clone.
pub(crate) fn apply(
    resource: &mut Map<String, Value>,
    ops: &[PatchOperation],
    rules: &PatchRules<'_>,
) -> Result<(), PatchError> {
    for op in ops {
        // A blank path is treated as absent.
        match op.path().map(str::trim).filter(|p| !p.is_empty()) {
            Some(path) => {
                let parsed = parse_path(path, rules.core_urns, rules.extension_urns)?;
                check_writable(&parsed, rules)?;
                apply_one(resource, op.op(), &parsed, op.value().cloned())?;
            }
            None => {
                if op.op() == PatchOpKind::Remove {
                    return Err(PatchError::new(ScimType::NoTarget, "'remove' requires a 'path'"));
                }
                let Some(Value::Object(values)) = op.value() else {
                    return Err(PatchError::new(
                        ScimType::InvalidValue,
                        "An operation without 'path' needs an object 'value'",
                    ));
                };
                for (key, value) in values {
                    let parsed = parse_path(key, rules.core_urns, rules.extension_urns)?;
                    check_writable(&parsed, rules)?;
                    apply_one(resource, op.op(), &parsed, Some(value.clone()))?;
                }
            }
        }
    }
    Ok(())
}

fn check_writable(path: &AttrPath, rules: &PatchRules<'_>) -> Result<(), PatchError> {
    let key = path.root_key();
    if key.eq_ignore_ascii_case("schemas") || rules.read_only.iter().any(|r| r.eq_ignore_ascii_case(key)) {
        return Err(PatchError::new(ScimType::Mutability, format!("Attribute '{key}' is read-only")));
    }
    if rules.core_urns.iter().any(|u| u.eq_ignore_ascii_case(key)) {
        return Err(PatchError::new(ScimType::InvalidPath, format!("Invalid path '{key}'")));
    }
    Ok(())
}

fn apply_one(
    root: &mut Map<String, Value>,
    kind: PatchOpKind,
    path: &AttrPath,
    value: Option<Value>,
) -> Result<(), PatchError> {
    // Resolve the object holding `attr`.
    let holder: &mut Map<String, Value> = match &path.container {
        None => root,
        Some(urn) => {
            let key = key_ci(root, urn).unwrap_or_else(|| urn.clone());
            if kind == PatchOpKind::Remove && !root.contains_key(&key) {
                return Ok(());
            }
            let slot = root.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            match slot.as_object_mut() {
                Some(m) => m,
                None => return Err(PatchError::new(ScimType::InvalidPath, "Extension is not an object")),
            }
        }
    };
    let key = key_ci(holder, &path.attr).unwrap_or_else(|| path.attr.clone());
    let need_value = || {
        value.clone().ok_or_else(|| {
            PatchError::new(ScimType::InvalidValue, format!("'{:?}' requires a 'value'", kind))
        })
    };
    match kind {
        PatchOpKind::Add | PatchOpKind::Replace => {
            let value = need_value()?;
            if kind == PatchOpKind::Replace && value.is_null() {
                return remove_at(holder, &key, path, None);
            }
            match (&path.filter, &path.sub) {
                (None, None) => {
                    match holder.get_mut(&key) {
                        Some(existing) => {
                            if kind == PatchOpKind::Add {
                                add_into(existing, value);
                            } else {
                                replace_into(existing, value);
                            }
                        }
                        None => {
                            holder.insert(key, value);
                        }
                    }
                    Ok(())
                }
                (None, Some(sub)) => {
                    let slot = holder.entry(key).or_insert_with(|| Value::Object(Map::new()));
                    match slot {
                        Value::Array(items) => {
                            for item in items.iter_mut() {
                                if let Value::Object(m) = item {
                                    set_ci(m, sub, value.clone());
                                }
                            }
                        }
                        Value::Object(m) => set_ci(m, sub, value),
                        other => {
                            let mut m = Map::new();
                            m.insert(sub.clone(), value);
                            *other = Value::Object(m);
                        }
                    }
                    Ok(())
                }
                (Some(filter), sub) => {
                    let slot = holder.entry(key.clone()).or_insert_with(|| Value::Array(Vec::new()));
                    let Value::Array(items) = slot else {
                        return Err(PatchError::new(
                            ScimType::InvalidPath,
                            format!("'{key}' is not multi-valued"),
                        ));
                    };
                    let mut matched = false;
                    for item in items.iter_mut().filter(|i| matches(filter, i)) {
                        matched = true;
                        match (sub, &mut *item) {
                            (Some(sub), Value::Object(m)) => set_ci(m, sub, value.clone()),
                            (None, existing) => replace_into(existing, value.clone()),
                            (Some(_), _) => {}
                        }
                    }
                    if !matched {
                        // Lenient: create the element the filter describes (what Azure AD and
                        // Okta expect for e.g. `emails[type eq "work"].value`).
                        let mut m: Map<String, Value> = seed_pairs(filter).into_iter().collect();
                        match (sub, value) {
                            (Some(sub), v) => {
                                m.insert(sub.clone(), v);
                            }
                            (None, Value::Object(v)) => m.extend(v),
                            (None, _) => {
                                return Err(PatchError::new(
                                    ScimType::NoTarget,
                                    format!("No value matched '{key}[…]'"),
                                ));
                            }
                        }
                        items.push(Value::Object(m));
                    }
                    Ok(())
                }
            }
        }
        PatchOpKind::Remove => remove_at(holder, &key, path, value),
    }
}

fn remove_at(
    holder: &mut Map<String, Value>,
    key: &str,
    path: &AttrPath,
    value: Option<Value>,
) -> Result<(), PatchError> {
    let Some(existing) = holder.get_mut(key) else {
        return Ok(());
    };
    match (&path.filter, &path.sub) {
        (None, None) => {
            match (existing, value) {
                // Azure-style `remove members` with the members to remove as value.
                (Value::Array(items), Some(v)) if !v.is_null() => {
                    let targets: Vec<Value> = match v {
                        Value::Array(a) => a,
                        other => vec![other],
                    };
                    items.retain(|item| !targets.iter().any(|t| same_element(item, t)));
                    if items.is_empty() {
                        holder.remove(key);
                    }
                }
                _ => {
                    holder.remove(key);
                }
            }
            Ok(())
        }
        (None, Some(sub)) => {
            match existing {
                Value::Object(m) => remove_ci(m, sub),
                Value::Array(items) => {
                    for item in items.iter_mut() {
                        if let Value::Object(m) = item {
                            remove_ci(m, sub);
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        }
        (Some(filter), sub) => {
            let Value::Array(items) = existing else {
                return Err(PatchError::new(ScimType::InvalidPath, format!("'{key}' is not multi-valued")));
            };
            match sub {
                Some(sub) => {
                    for item in items.iter_mut().filter(|i| matches(filter, i)) {
                        if let Value::Object(m) = item {
                            remove_ci(m, sub);
                        }
                    }
                }
                None => items.retain(|i| !matches(filter, i)),
            }
            if items.is_empty() {
                holder.remove(key);
            }
            Ok(())
        }
    }
}

/// Two multi-valued elements are the same if their `value`s are equal, or they are equal.
fn same_element(a: &Value, b: &Value) -> bool {
    match (a.get("value"), b.get("value")) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// `add` into an existing attribute: arrays gain the new elements (no duplicates), objects gain
/// the given sub-attributes, anything else is replaced.
fn add_into(existing: &mut Value, value: Value) {
    match (existing, value) {
        (Value::Array(items), Value::Array(new)) => {
            for v in new {
                if !items.iter().any(|i| same_element(i, &v)) {
                    items.push(v);
                }
            }
        }
        (Value::Array(items), v) => {
            if !items.iter().any(|i| same_element(i, &v)) {
                items.push(v);
            }
        }
        (Value::Object(m), Value::Object(new)) => {
            for (k, v) in new {
                set_ci(m, &k, v);
            }
        }
        (slot, v) => *slot = v,
    }
}

/// `replace` of an existing attribute: objects have the given sub-attributes replaced (others
/// kept), anything else (arrays included) is replaced whole.
fn replace_into(existing: &mut Value, value: Value) {
    match (existing, value) {
        (Value::Object(m), Value::Object(new)) => {
            for (k, v) in new {
                set_ci(m, &k, v);
            }
        }
        (slot, v) => *slot = v,
    }
}

/// The key of `map` equal to `name` ignoring ASCII case.
pub(crate) fn key_ci(map: &Map<String, Value>, name: &str) -> Option<String> {
    if map.contains_key(name) {
        return Some(name.to_string());
    }
    map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

/// `map[name]` ignoring ASCII case.
pub(crate) fn get_ci<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    key_ci(map, name).and_then(|k| map.get(&k))
}

fn set_ci(map: &mut Map<String, Value>, name: &str, value: Value) {
    let key = key_ci(map, name).unwrap_or_else(|| name.to_string());
    map.insert(key, value);
}

fn remove_ci(map: &mut Map<String, Value>, name: &str) {
    if let Some(k) = key_ci(map, name) {
        map.remove(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ENT: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    const CORE: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

    fn rules() -> PatchRules<'static> {
        PatchRules { core_urns: &[CORE], extension_urns: &[ENT], read_only: &["id", "meta", "groups"] }
    }

    fn run(mut doc: Value, ops: Value) -> Result<Value, PatchError> {
        let ops = parse_request(json!({ "Operations": ops }))?;
        let map = doc.as_object_mut().unwrap();
        apply(map, &ops, &rules())?;
        Ok(doc)
    }

    #[test]
    fn parses_paths() {
        let p = parse_path(r#"emails[type eq "work"].value"#, &[CORE], &[ENT]).unwrap();
        assert_eq!((p.attr.as_str(), p.sub.as_deref(), p.filter.is_some()), ("emails", Some("value"), true));
        let p = parse_path(&format!("{ENT}:department"), &[CORE], &[ENT]).unwrap();
        assert_eq!((p.container.as_deref(), p.attr.as_str()), (Some(ENT), "department"));
        let p = parse_path(&format!("{CORE}:name.givenName"), &[CORE], &[ENT]).unwrap();
        assert_eq!((p.container, p.attr.as_str(), p.sub.as_deref()), (None, "name", Some("givenName")));
        assert!(parse_path("emails[type eq \"work\"", &[CORE], &[ENT]).is_err());
        assert!(parse_path("a.b.c", &[CORE], &[ENT]).is_err());
    }

    #[test]
    fn replace_value_filter_path() {
        let doc = json!({"emails": [{"type": "work", "value": "a@x", "primary": true}, {"type": "home", "value": "h@x"}]});
        let out =
            run(doc, json!([{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "b@x"}]))
                .unwrap();
        assert_eq!(out["emails"][0]["value"], "b@x");
        assert_eq!(out["emails"][1]["value"], "h@x");
    }

    #[test]
    fn pathless_replace_and_add() {
        let doc = json!({"active": true, "name": {"givenName": "A", "familyName": "B"}});
        let out = run(
            doc,
            json!([
                {"op": "replace", "value": {"active": false, "name": {"givenName": "C"}, "name.familyName": "D"}},
                {"op": "add", "value": {ENT: {"department": "R&D"}}}
            ]),
        )
        .unwrap();
        assert_eq!(out["active"], false);
        assert_eq!(out["name"], json!({"givenName": "C", "familyName": "D"}));
        assert_eq!(out[ENT]["department"], "R&D");
    }

    #[test]
    fn remove_with_filter_and_members_value() {
        let doc = json!({"members": [{"value": "1"}, {"value": "2"}, {"value": "3"}]});
        let out = run(
            doc,
            json!([
                {"op": "remove", "path": "members[value eq \"1\"]"},
                {"op": "remove", "path": "members", "value": [{"value": "2"}]},
                {"op": "add", "path": "members", "value": [{"value": "3"}, {"value": "4"}]}
            ]),
        )
        .unwrap();
        assert_eq!(out["members"], json!([{"value": "3"}, {"value": "4"}]));
    }

    #[test]
    fn arbitrary_input_never_panics() {
        const ALPHABET: &[char] = &[
            'a', 'Z', '0', ':', '.', '[', ']', '"', '\\', ' ', 'é', '€', '𝄞', 'u', 'r', 'n', 'e', 'q', '$',
            '-',
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let len = rng.usize(0..24);
            let s: String = (0..len).map(|_| ALPHABET[rng.usize(..ALPHABET.len())]).collect();
            let _ = parse_path(&s, &[CORE], &[ENT]);
            let mut doc = json!({"emails": [{"type": "work", "value": "a"}], "name": {"givenName": "x"}});
            let ops = [PatchOperation::raw(PatchOpKind::Replace, Some(s.clone()), Some(json!("v")))];
            let _ = apply(doc.as_object_mut().unwrap(), &ops, &rules());
        }
        assert!(parse_path("aéé", &[CORE], &[ENT]).is_err());
        assert!(parse_path("ué€:x", &[CORE], &[ENT]).is_err());
    }

    #[test]
    fn value_filters_match() {
        let f = admin_models::scim::parse_filter(r#"type eq "work" and primary eq true"#).unwrap();
        assert!(matches(&f, &json!({"type": "Work", "primary": true, "value": "a@b"})));
        assert!(!matches(&f, &json!({"type": "work", "primary": false})));
        let f = admin_models::scim::parse_filter(r#"type eq "home" or value co "@example""#).unwrap();
        assert!(matches(&f, &json!({"type": "work", "value": "a@example.com"})));
        assert!(matches(&admin_models::scim::parse_filter("value pr").unwrap(), &json!({"value": "x"})));
        let f = admin_models::scim::parse_filter(r#"type eq "work""#).unwrap();
        assert_eq!(seed_pairs(&f), vec![("type".to_string(), json!("work"))]);
    }

    #[test]
    fn refusals() {
        assert_eq!(run(json!({}), json!([{"op": "remove"}])).unwrap_err().scim_type, ScimType::NoTarget);
        assert_eq!(
            run(json!({}), json!([{"op": "replace", "path": "id", "value": "x"}])).unwrap_err().scim_type,
            ScimType::Mutability
        );
        assert_eq!(
            run(json!({}), json!([{"op": "move", "path": "a"}])).unwrap_err().scim_type,
            ScimType::InvalidSyntax
        );
        assert!(parse_request(json!({"operations": [{"op": "add", "path": "a", "value": 1}]})).is_ok());
        assert!(parse_request(json!({"schemas": ["x"], "Operations": [{"op": "add"}]})).is_err());
    }
}
