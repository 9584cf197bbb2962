//! RFC 7644 §3.5.2 PATCH applied to a SCIM resource held as a JSON object.

use serde_json::{Map, Value};

use crate::filter::ValueFilter;

/// Why a PATCH was refused: becomes a 400 SCIM error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatchError {
    /// `scimType` of the error body.
    pub scim_type: &'static str,
    /// `detail` of the error body.
    pub detail: String,
}

impl PatchError {
    pub(crate) fn new(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self { scim_type, detail: detail.into() }
    }
}

/// The three RFC operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpKind {
    Add,
    Remove,
    Replace,
}

/// One operation of a PatchOp request.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    pub kind: OpKind,
    pub path: Option<String>,
    pub value: Option<Value>,
}

/// Reads a PatchOp body. Accepts `Operations` (RFC) and `operations` (Atlassian's schema, go-atlassian)
/// and any casing of `op`. A `schemas` array, when present, must name the PatchOp URN.
pub(crate) fn parse_request(body: &Value) -> Result<Vec<Operation>, PatchError> {
    let obj =
        body.as_object().ok_or_else(|| PatchError::new("invalidSyntax", "PatchOp body must be an object"))?;
    if let Some(schemas) = get_ci(obj, "schemas") {
        let ok = schemas
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s.as_str() == Some(admin_models_patch_schema())));
        if !ok {
            return Err(PatchError::new(
                "invalidSyntax",
                format!("schemas must contain \"{}\"", admin_models_patch_schema()),
            ));
        }
    }
    let ops = get_ci(obj, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| PatchError::new("invalidSyntax", "Missing 'Operations' array"))?;
    if ops.is_empty() {
        return Err(PatchError::new("invalidSyntax", "'Operations' must not be empty"));
    }
    ops.iter()
        .map(|op| {
            let op = op
                .as_object()
                .ok_or_else(|| PatchError::new("invalidSyntax", "Each operation must be an object"))?;
            let kind = match get_ci(op, "op").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref()
            {
                Some("add") => OpKind::Add,
                Some("remove") => OpKind::Remove,
                Some("replace") => OpKind::Replace,
                Some(other) => {
                    return Err(PatchError::new("invalidSyntax", format!("Unsupported operation '{other}'")));
                }
                None => return Err(PatchError::new("invalidSyntax", "Operation without 'op'")),
            };
            let path = match get_ci(op, "path") {
                None | Some(Value::Null) => None,
                Some(Value::String(p)) if p.trim().is_empty() => None,
                Some(Value::String(p)) => Some(p.trim().to_string()),
                Some(_) => return Err(PatchError::new("invalidPath", "'path' must be a string")),
            };
            let value = get_ci(op, "value").cloned();
            Ok(Operation { kind, path, value })
        })
        .collect()
}

fn admin_models_patch_schema() -> &'static str {
    crate::schemas::PATCH_OP
}

/// A parsed attribute path: `[urn:]attr[\[filter\]][.sub]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AttrPath {
    /// The extension URN whose object holds `attr`, or `None` for top-level attributes.
    pub container: Option<String>,
    /// The attribute name.
    pub attr: String,
    pub filter: Option<ValueFilter>,
    pub sub: Option<String>,
}

impl AttrPath {
    /// The top-level key of the resource this path touches (the extension URN or the attribute).
    pub(crate) fn root_key(&self) -> &str {
        self.container.as_deref().unwrap_or(&self.attr)
    }
}

/// Parses a path. `core_urns` are schema URNs whose attributes live at the top level (a path
/// `urn:…:core:2.0:User:userName` means `userName`); `extension_urns` are held in a nested object.
pub(crate) fn parse_path(
    path: &str,
    core_urns: &[&str],
    extension_urns: &[&str],
) -> Result<AttrPath, PatchError> {
    let invalid = || PatchError::new("invalidPath", format!("Invalid path '{path}'"));
    let mut container = None;
    let mut rest = path;
    if path.len() > 4 && path.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:")) {
        let found =
            core_urns.iter().map(|u| (u, true)).chain(extension_urns.iter().map(|u| (u, false))).find(
                |(u, _)| {
                    path.len() >= u.len()
                        && path.is_char_boundary(u.len())
                        && path[..u.len()].eq_ignore_ascii_case(u)
                        && (path.len() == u.len() || path[u.len()..].starts_with(':'))
                },
            );
        match found {
            Some((urn, _)) if path.len() == urn.len() => {
                // The whole extension object (or, for a core URN, nonsense).
                return Ok(AttrPath { container: None, attr: urn.to_string(), filter: None, sub: None });
            }
            Some((urn, core)) => {
                rest = &path[urn.len() + 1..];
                if !core {
                    container = Some(urn.to_string());
                }
            }
            None => {
                // Unknown URN: the attribute is after the last ':' outside brackets.
                let head = path.split('[').next().unwrap_or(path);
                let idx = head.rfind(':').ok_or_else(invalid)?;
                if idx <= 4 {
                    return Err(invalid());
                }
                container = Some(path[..idx].to_string());
                rest = &path[idx + 1..];
            }
        }
    }
    let attr_end = rest.find(['[', '.']).unwrap_or(rest.len());
    let attr = &rest[..attr_end];
    if attr.is_empty() || !attr.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
    {
        return Err(invalid());
    }
    let mut tail = &rest[attr_end..];
    let mut filter = None;
    if let Some(after) = tail.strip_prefix('[') {
        let close = find_closing_bracket(after).ok_or_else(invalid)?;
        filter = Some(ValueFilter::parse(&after[..close]).map_err(|e| PatchError::new("invalidFilter", e))?);
        tail = &after[close + 1..];
    }
    let sub = match tail {
        "" => None,
        t => {
            let s = t.strip_prefix('.').ok_or_else(invalid)?;
            if s.is_empty()
                || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '$')
            {
                return Err(invalid());
            }
            Some(s.to_string())
        }
    };
    Ok(AttrPath { container, attr: attr.to_string(), filter, sub })
}

fn find_closing_bracket(s: &str) -> Option<usize> {
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_str => escaped = true,
            '"' => in_str = !in_str,
            ']' if !in_str => return Some(i),
            _ => {}
        }
    }
    None
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
    ops: &[Operation],
    rules: &PatchRules<'_>,
) -> Result<(), PatchError> {
    for op in ops {
        match &op.path {
            Some(path) => {
                let parsed = parse_path(path, rules.core_urns, rules.extension_urns)?;
                check_writable(&parsed, rules)?;
                apply_one(resource, op.kind, &parsed, op.value.clone())?;
            }
            None => {
                if op.kind == OpKind::Remove {
                    return Err(PatchError::new("noTarget", "'remove' requires a 'path'"));
                }
                let Some(Value::Object(values)) = &op.value else {
                    return Err(PatchError::new(
                        "invalidValue",
                        "An operation without 'path' needs an object 'value'",
                    ));
                };
                for (key, value) in values {
                    let parsed = parse_path(key, rules.core_urns, rules.extension_urns)?;
                    check_writable(&parsed, rules)?;
                    apply_one(resource, op.kind, &parsed, Some(value.clone()))?;
                }
            }
        }
    }
    Ok(())
}

fn check_writable(path: &AttrPath, rules: &PatchRules<'_>) -> Result<(), PatchError> {
    let key = path.root_key();
    if key.eq_ignore_ascii_case("schemas") || rules.read_only.iter().any(|r| r.eq_ignore_ascii_case(key)) {
        return Err(PatchError::new("mutability", format!("Attribute '{key}' is read-only")));
    }
    if rules.core_urns.iter().any(|u| u.eq_ignore_ascii_case(key)) {
        return Err(PatchError::new("invalidPath", format!("Invalid path '{key}'")));
    }
    Ok(())
}

fn apply_one(
    root: &mut Map<String, Value>,
    kind: OpKind,
    path: &AttrPath,
    value: Option<Value>,
) -> Result<(), PatchError> {
    // Resolve the object holding `attr`.
    let holder: &mut Map<String, Value> = match &path.container {
        None => root,
        Some(urn) => {
            let key = key_ci(root, urn).unwrap_or_else(|| urn.clone());
            if kind == OpKind::Remove && !root.contains_key(&key) {
                return Ok(());
            }
            let slot = root.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            match slot.as_object_mut() {
                Some(m) => m,
                None => return Err(PatchError::new("invalidPath", "Extension is not an object")),
            }
        }
    };
    let key = key_ci(holder, &path.attr).unwrap_or_else(|| path.attr.clone());
    let need_value = || {
        value
            .clone()
            .ok_or_else(|| PatchError::new("invalidValue", format!("'{:?}' requires a 'value'", kind)))
    };
    match kind {
        OpKind::Add | OpKind::Replace => {
            let value = need_value()?;
            if kind == OpKind::Replace && value.is_null() {
                return remove_at(holder, &key, path, None);
            }
            match (&path.filter, &path.sub) {
                (None, None) => {
                    match holder.get_mut(&key) {
                        Some(existing) => {
                            if kind == OpKind::Add {
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
                        return Err(PatchError::new("invalidPath", format!("'{key}' is not multi-valued")));
                    };
                    let mut matched = false;
                    for item in items.iter_mut().filter(|i| filter.matches(i)) {
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
                        let mut m: Map<String, Value> = filter.seed_pairs().into_iter().collect();
                        match (sub, value) {
                            (Some(sub), v) => {
                                m.insert(sub.clone(), v);
                            }
                            (None, Value::Object(v)) => m.extend(v),
                            (None, _) => {
                                return Err(PatchError::new(
                                    "noTarget",
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
        OpKind::Remove => remove_at(holder, &key, path, value),
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
                return Err(PatchError::new("invalidPath", format!("'{key}' is not multi-valued")));
            };
            match sub {
                Some(sub) => {
                    for item in items.iter_mut().filter(|i| filter.matches(i)) {
                        if let Value::Object(m) = item {
                            remove_ci(m, sub);
                        }
                    }
                }
                None => items.retain(|i| !filter.matches(i)),
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
        let ops = parse_request(&json!({ "Operations": ops }))?;
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
            let _ = ValueFilter::parse(&s);
            let _ = crate::filter::parse_list_filter(&s, &["userName"]);
            let mut doc = json!({"emails": [{"type": "work", "value": "a"}], "name": {"givenName": "x"}});
            let ops = [Operation { kind: OpKind::Replace, path: Some(s.clone()), value: Some(json!("v")) }];
            let _ = apply(doc.as_object_mut().unwrap(), &ops, &rules());
        }
        assert!(parse_path("aéé", &[CORE], &[ENT]).is_err());
        assert!(parse_path("ué€:x", &[CORE], &[ENT]).is_err());
    }

    #[test]
    fn refusals() {
        assert_eq!(run(json!({}), json!([{"op": "remove"}])).unwrap_err().scim_type, "noTarget");
        assert_eq!(
            run(json!({}), json!([{"op": "replace", "path": "id", "value": "x"}])).unwrap_err().scim_type,
            "mutability"
        );
        assert_eq!(
            run(json!({}), json!([{"op": "move", "path": "a"}])).unwrap_err().scim_type,
            "invalidSyntax"
        );
        assert!(parse_request(&json!({"operations": [{"op": "add", "path": "a", "value": 1}]})).is_ok());
        assert!(parse_request(&json!({"schemas": ["x"], "Operations": [{"op": "add"}]})).is_err());
    }
}
