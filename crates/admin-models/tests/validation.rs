//! Client-side checks of the documented limits.

use admin_models::user_management::{
    Access, ProfileUpdate, RestrictionReason, Rule, SetEmailRequest, ValidationError, ValidationRule,
};

fn rule_of(result: Result<(), ValidationError>) -> (String, ValidationRule) {
    let error = result.expect_err("should be refused");
    (error.field, error.rule)
}

#[test]
fn profile_update_limits() {
    assert!(ProfileUpdate::new().nickname("x".repeat(30)).validate().is_ok());
    assert!(ProfileUpdate::new().name("é".repeat(100)).validate().is_ok(), "limits count characters");
    assert_eq!(
        rule_of(ProfileUpdate::new().nickname("x".repeat(31)).validate()),
        ("nickname".into(), ValidationRule::TooLong { max: 30, len: 31 })
    );
    assert_eq!(
        rule_of(ProfileUpdate::new().name("x".repeat(101)).validate()),
        ("name".into(), ValidationRule::TooLong { max: 100, len: 101 })
    );
    assert_eq!(
        rule_of(ProfileUpdate::new().name("Lila\0User").validate()),
        ("name".into(), ValidationRule::ControlCharacter)
    );
    assert_eq!(
        rule_of(ProfileUpdate::new().job_title("Lead\nInvestigator").validate()),
        ("extended_profile.job_title".into(), ValidationRule::ControlCharacter)
    );
    assert_eq!(
        rule_of(ProfileUpdate::new().nickname("").validate()),
        ("nickname".into(), ValidationRule::Empty)
    );
    assert_eq!(rule_of(ProfileUpdate::new().validate()).1, ValidationRule::NothingToUpdate);
}

#[test]
fn validation_errors_name_the_field_and_rule() {
    let error = ProfileUpdate::new().nickname("x".repeat(31)).validate().unwrap_err();
    assert_eq!(error.to_string(), "nickname is 31 characters long; at most 30 are allowed");
    let error: Box<dyn std::error::Error> = Box::new(error);
    assert!(error.to_string().contains("nickname"));
}

#[test]
fn email_limits() {
    for ok in ["lila@example.com", "a+b@sub.example.co.uk", &format!("{}@example.com", "u".repeat(255))] {
        assert!(SetEmailRequest::new(ok).validate().is_ok(), "{ok}");
    }
    for bad in [
        "",
        "lila",
        "lila@",
        "@example.com",
        "lila@example..com",
        "li la@example.com",
        "lila@exa\u{7}mple.com",
    ] {
        assert!(SetEmailRequest::new(bad).validate().is_err(), "{bad:?}");
    }
    let long_user = format!("{}@example.com", "u".repeat(256));
    assert_eq!(
        rule_of(SetEmailRequest::new(long_user).validate()).1,
        ValidationRule::TooLong { max: 255, len: 256 }
    );
    let long_label = format!("lila@{}.com", "d".repeat(256));
    assert!(SetEmailRequest::new(long_label).validate().is_err());
}

#[test]
fn every_restriction_reason_is_explained() {
    for reason in RestrictionReason::ALL {
        assert!(!reason.explanation().is_empty(), "{reason}");
        assert!(Access::Denied(reason.clone()).to_string().starts_with("denied: "));
    }
    let denied = Rule::new(false, None).access();
    assert!(!denied.is_allowed());
    assert_eq!(Access::Allowed.reason(), None);
}
