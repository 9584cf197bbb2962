//! Issue 11, items 7 and 8: the filter and PATCH builders refuse attribute paths outside
//! RFC 7644's grammar (§3.10 attribute paths, §3.5.2 PATCH paths) with a typed error, so no
//! builder lets an invalid or injected wire form out.

use admin_models::scim::attribute_path::{self, PathError};
use admin_models::scim::{
    AttributePath, CompareOp, Filter, PatchOp, PatchOperation, PatchPath, value_filter_path,
};
use serde_json::json;

const INJECTION: &str = r#"userName eq "victim@x.com" or userName"#;

#[test]
fn item_7_an_attribute_name_cannot_smuggle_in_a_second_clause() {
    let error = Filter::eq(INJECTION, "x").unwrap_err();
    assert_eq!(
        error,
        PathError::UnexpectedCharacter { path: INJECTION.to_owned(), character: ' ', offset: 8 }
    );
    assert!(error.to_string().contains("contains ' ' at byte 8"), "{error}");
}

#[test]
fn item_7_every_filter_entry_point_checks_its_attribute() {
    let refused: Vec<(&str, Result<Filter, PathError>)> = vec![
        ("compare", Filter::compare(INJECTION, CompareOp::Eq, "x")),
        ("eq", Filter::eq(INJECTION, "x")),
        ("ne", Filter::ne(INJECTION, "x")),
        ("co", Filter::co(INJECTION, "x")),
        ("sw", Filter::sw(INJECTION, "x")),
        ("ew", Filter::ew(INJECTION, "x")),
        ("gt", Filter::gt(INJECTION, "x")),
        ("ge", Filter::ge(INJECTION, 1)),
        ("lt", Filter::lt(INJECTION, 1)),
        ("le", Filter::le(INJECTION, 1)),
        ("pr", Filter::pr("title pr or userName")),
        (
            "value_path",
            Filter::value_path(r#"emails[type eq "work"] or emails"#, Filter::pr("value").unwrap()),
        ),
    ];
    for (entry_point, result) in refused {
        assert!(result.is_err(), "{entry_point} accepted an injected attribute: {result:?}");
    }
}

#[test]
fn item_7_the_grammar_of_attribute_paths() {
    for valid in [
        "userName",
        "name.familyName",
        "emails.value",
        "x-custom_1",
        "members.$ref",
        "meta.lastModified",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
        "urn:scim:schemas:extension:atlassian-external:1.0:atlassianAccountId",
    ] {
        assert_eq!(attribute_path::validate(valid), Ok(()), "{valid}");
        assert_eq!(AttributePath::parse(valid).map(|p| p.to_string()), Ok(valid.to_owned()));
    }
    let refused = [
        ("", PathError::Empty),
        ("   ", PathError::Empty),
        ("1st", PathError::InvalidAttributeName { path: "1st".into(), name: "1st".into() }),
        ("name.", PathError::InvalidAttributeName { path: "name.".into(), name: String::new() }),
        (".name", PathError::InvalidAttributeName { path: ".name".into(), name: String::new() }),
        ("a.b.c", PathError::NestedSubAttribute { path: "a.b.c".into() }),
        (":", PathError::InvalidSchemaUrn { path: ":".into(), urn: String::new() }),
        ("foo:bar", PathError::InvalidSchemaUrn { path: "foo:bar".into(), urn: "foo".into() }),
        ("urn::x:title", PathError::InvalidSchemaUrn { path: "urn::x:title".into(), urn: "urn::x".into() }),
        ("title ", PathError::UnexpectedCharacter { path: "title ".into(), character: ' ', offset: 5 }),
        ("ti\"tle", PathError::UnexpectedCharacter { path: "ti\"tle".into(), character: '"', offset: 2 }),
        ("emails[", PathError::UnexpectedCharacter { path: "emails[".into(), character: '[', offset: 6 }),
        ("naïve", PathError::UnexpectedCharacter { path: "naïve".into(), character: 'ï', offset: 2 }),
    ];
    for (path, expected) in refused {
        assert_eq!(attribute_path::validate(path), Err(expected), "{path:?}");
    }
}

#[test]
fn item_7_the_typed_path_splits_schema_attribute_and_sub_attribute() {
    let path =
        AttributePath::parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")
            .unwrap();
    assert_eq!(path.schema(), Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"));
    assert_eq!((path.attribute(), path.sub_attribute()), ("manager", Some("value")));
    let (path, rest) = AttributePath::parse_prefix(r#"userName eq "a""#).unwrap();
    assert_eq!((path.as_str(), rest), ("userName", r#" eq "a""#));
    assert!(AttributePath::parse_prefix(r#" userName"#).is_err());
}

#[test]
fn item_7_value_paths_cannot_nest() {
    let inner = Filter::value_path("emails", Filter::eq("type", "work").unwrap()).unwrap();
    assert!(matches!(
        Filter::value_path("members", inner.and(Filter::pr("value").unwrap())),
        Err(PathError::InvalidValueFilter { .. })
    ));
}

#[test]
fn item_8_patch_paths_must_not_be_empty_or_blank() {
    assert_eq!(PatchOp::new().remove("").unwrap_err(), PathError::Empty);
    assert_eq!(PatchOp::new().add("", 1).unwrap_err(), PathError::Empty);
    assert_eq!(PatchOp::new().replace("  ", "x").unwrap_err(), PathError::Empty);
    assert_eq!(
        PatchOp::new().replace_extension("", "", 1).unwrap_err(),
        PathError::InvalidSchemaUrn { path: ":".to_owned(), urn: String::new() }
    );
    assert_eq!(PatchOperation::remove("").unwrap_err(), PathError::Empty);
    assert_eq!(PatchOperation::add("", 1).unwrap_err(), PathError::Empty);
    assert_eq!(PatchOperation::replace("  ", "x").unwrap_err(), PathError::Empty);
    assert!(PatchOp::new().replace_enterprise("", "x").is_err());
    assert!(PatchOp::new().replace_enterprise("department", "x").is_ok());
}

#[test]
fn item_8_patch_paths_follow_rfc_7644_section_3_5_2() {
    for valid in [
        "title",
        "name.givenName",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
        r#"emails[type eq "work"].value"#,
        r#"emails[type eq "work" and primary eq true]"#,
        r#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#,
        r#"addresses[type eq "work" or not (primary pr)].streetAddress"#,
        r#"x509Certificates[value co "\"quoted\" \\ back"]"#,
        r#"emails[(type EQ "work") AND value ew "@example.com"]"#,
        "meta[version gt 1.5e3]",
        "members[display eq null]",
        "emails[notes eq \"n\" and not(type pr) or not1 eq 2]",
    ] {
        assert_eq!(PatchPath::parse(valid).map(|p| p.to_string()), Ok(valid.to_owned()), "{valid}");
        assert!(PatchOp::new().remove(valid).is_ok(), "{valid}");
    }
    for invalid in [
        "",
        " ",
        "title ",
        r#"emails[type eq "work""#,
        r#"emails[type eq "work"]value"#,
        r#"emails[type eq "work"]."#,
        r#"emails[type eq "work"].value.x"#,
        r#"emails[type eq work]"#,
        r#"emails[type zz "work"]"#,
        r#"emails[type eq "work" or]"#,
        r#"emails[]"#,
        r#"emails[type[value eq "x"] pr]"#,
        r#"emails[type eq "work"] or userName eq "x""#,
        r#"emails[type eq 01]"#,
        r#"emails[not type pr]"#,
    ] {
        assert!(PatchPath::parse(invalid).is_err(), "accepted {invalid:?}");
        assert!(PatchOp::new().replace(invalid, "x").is_err(), "accepted {invalid:?}");
    }
}

#[test]
fn item_8_value_filter_paths_are_checked_too() {
    let work = Filter::eq("type", "work").unwrap();
    assert_eq!(value_filter_path("emails", &work, Some("value")).unwrap(), r#"emails[type eq "work"].value"#);
    assert!(value_filter_path("", &work, None).is_err());
    assert!(value_filter_path("emails", &work, Some("")).is_err());
    assert!(value_filter_path("emails", &Filter::raw(r#"type eq "a"] or [x"#), None).is_err());
}

#[test]
fn item_8_the_built_in_helpers_still_write_the_same_bodies() {
    let patch = PatchOp::new()
        .set_active(false)
        .replace_email("work", "lila@example.com")
        .add_members(["u-1"])
        .remove_members([r#"odd "id""#]);
    assert_eq!(
        serde_json::to_value(&patch).unwrap()["Operations"],
        json!([
            {"op": "replace", "path": "active", "value": false},
            {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "lila@example.com"},
            {"op": "add", "path": "members", "value": [{"value": "u-1"}]},
            {"op": "remove", "path": "members[value eq \"odd \\\"id\\\"\"]"}
        ])
    );
    for operation in patch.operations() {
        assert!(PatchPath::parse(operation.path().unwrap()).is_ok());
    }
}
