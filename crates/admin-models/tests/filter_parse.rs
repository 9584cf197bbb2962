//! Property tests of the SCIM filter parser: whatever the builder writes parses back to a filter
//! that writes the same string, and no input makes the parser panic.

use admin_models::scim::{CompareOp, Filter, FilterValue, ParsedPatchPath, parse_filter};
use proptest::prelude::*;

fn attr_name() -> impl Strategy<Value = String> {
    prop_oneof![9 => "[a-zA-Z][a-zA-Z0-9_-]{0,8}", 1 => Just("$ref".to_owned())]
}

/// `name`, `name.sub`, or `urn:…:name[.sub]`.
fn attr_path() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop_oneof![
            Just("urn:ietf:params:scim:schemas:core:2.0:User"),
            Just("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
        ]),
        attr_name(),
        prop::option::of(attr_name()),
    )
        .prop_map(|(urn, name, sub)| {
            let mut path = urn.map(|u| format!("{u}:")).unwrap_or_default();
            path.push_str(&name);
            if let Some(sub) = sub {
                path.push('.');
                path.push_str(&sub);
            }
            path
        })
}

fn value() -> impl Strategy<Value = FilterValue> {
    prop_oneof![
        any::<String>().prop_map(FilterValue::String),
        any::<bool>().prop_map(FilterValue::Bool),
        any::<i64>().prop_map(FilterValue::from),
        any::<f64>().prop_filter_map("finite", serde_json::Number::from_f64).prop_map(FilterValue::Number),
        Just(FilterValue::Null),
    ]
}

fn op() -> impl Strategy<Value = CompareOp> {
    prop_oneof![
        Just(CompareOp::Eq),
        Just(CompareOp::Ne),
        Just(CompareOp::Co),
        Just(CompareOp::Sw),
        Just(CompareOp::Ew),
        Just(CompareOp::Gt),
        Just(CompareOp::Ge),
        Just(CompareOp::Lt),
        Just(CompareOp::Le),
    ]
}

fn leaf() -> impl Strategy<Value = Filter> {
    prop_oneof![
        (attr_path(), op(), value()).prop_map(|(a, op, v)| Filter::compare(a, op, v).expect("a valid path")),
        attr_path().prop_map(|a| Filter::pr(a).expect("a valid path")),
    ]
}

/// Filters without value paths (what may appear inside `[…]`).
fn plain_filter() -> impl Strategy<Value = Filter> {
    leaf().prop_recursive(4, 16, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a.and(b)),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a.or(b)),
            inner.prop_map(|f| !f),
        ]
    })
}

fn filter() -> impl Strategy<Value = Filter> {
    let leaf = prop_oneof![
        3 => plain_filter(),
        1 => (attr_name(), plain_filter()).prop_map(|(a, f)| Filter::value_path(a, f).expect("a valid path")),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a.and(b)),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| a.or(b)),
            inner.prop_map(|f| !f),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn builder_output_parses_back(f in filter()) {
        let text = f.to_string();
        let parsed = parse_filter(&text);
        prop_assert!(parsed.is_ok(), "{text}: {parsed:?}");
        let parsed = parsed.unwrap();
        prop_assert_eq!(parsed.to_string(), text.clone());
        // Parsing is a fixed point after one round.
        prop_assert_eq!(parse_filter(&parsed.to_string()).ok(), Some(parsed));
    }

    #[test]
    fn left_nested_builder_output_parses_to_the_same_tree(
        a in leaf(), b in leaf(), c in leaf()
    ) {
        // `and`/`or` are left-associative, so a left-nested chain comes back identical.
        let f = a.clone().and(b.clone()).or(c.clone());
        prop_assert_eq!(parse_filter(&f.to_string()), Ok(f));
        let f = a.or(b).and(c);
        prop_assert_eq!(parse_filter(&f.to_string()), Ok(f));
    }

    #[test]
    fn value_paths_in_patch_paths_parse_back(attr in attr_name(), f in plain_filter(), sub in prop::option::of(attr_name())) {
        let text = match &sub {
            Some(s) => format!("{attr}[{f}].{s}"),
            None => format!("{attr}[{f}]"),
        };
        let path = ParsedPatchPath::parse(&text);
        prop_assert!(path.is_ok(), "{text}: {path:?}");
        prop_assert_eq!(path.unwrap().to_string(), text);
    }

    #[test]
    fn arbitrary_input_never_panics(input in ".{0,64}") {
        let _ = parse_filter(&input);
        let _ = ParsedPatchPath::parse(&input);
    }

    #[test]
    fn filter_like_input_never_panics(input in r#"[a-z ()\[\]"\\.:0-9]{0,48}"#) {
        if let Ok(f) = parse_filter(&input) {
            prop_assert_eq!(parse_filter(&f.to_string()).ok(), Some(f));
        }
    }
}
