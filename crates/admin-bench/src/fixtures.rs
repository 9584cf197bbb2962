//! The bodies the fixed responder serves, and the plain structs the decode baseline uses.

use std::fmt::Write as _;

use serde::Deserialize;

/// The account every get-profile call asks for.
pub const ACCOUNT_ID: &str = "557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0";
/// The SCIM directory of the stream benchmark.
pub const DIRECTORY_ID: &str = "bench-dir";
/// The bearer token both clients send.
pub const TOKEN: &str = "bench-token-0123456789abcdef";
/// How many SCIM users the fixed responder pretends to hold.
pub const SCIM_TOTAL: u64 = 70_000;

/// `GET /users/{account_id}/manage/profile`: a realistic, complete profile (~600 bytes).
pub fn profile_json() -> String {
    format!(
        r#"{{"account":{{"account_id":"{ACCOUNT_ID}","account_type":"atlassian","account_status":"active","name":"Marshmallow Monroe","nickname":"marshmallow","email":"marshmallow@acme.test","picture":"https://avatar-management.services.atlassian.com/default/48","zoneinfo":"America/Los_Angeles","locale":"en-US","extended_profile":{{"job_title":"Staff Engineer","organization":"Acme","department":"Platform","location":"San Francisco"}},"characteristics":{{"not_mentionable":false}}}}}}"#
    )
}

/// Appends SCIM user number `i` (1-based) to `out`: every typed attribute and both extensions,
/// about 1 KiB, as Atlassian sends them.
pub fn push_scim_user(out: &mut String, i: u64) {
    let _ = write!(
        out,
        r#"{{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","urn:scim:schemas:extension:atlassian-external:1.0"],"id":"5f6c2a1e-0000-4000-8000-{i:012}","externalId":"ext-{i}","userName":"user{i}@acme.test","name":{{"formatted":"User Number{i}","familyName":"Number{i}","givenName":"User"}},"displayName":"User Number{i}","nickName":"u{i}","title":"Engineer","preferredLanguage":"en-US","department":"R&D","organization":"Acme","timezone":"Europe/Berlin","emails":[{{"value":"user{i}@acme.test","type":"work","primary":true}}],"phoneNumbers":[{{"value":"+1 555 0100","type":"work"}}],"active":true,"groups":[{{"value":"g-1","display":"developers"}}],"meta":{{"resourceType":"User","created":"2024-01-01T00:00:00.000Z","lastModified":"2024-01-02T00:00:00.000Z","location":"https://api.atlassian.com/scim/directory/{DIRECTORY_ID}/Users/u-{i}","version":"W/\"{i}\""}},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{{"organization":"Acme","department":"R&D","costCenter":"42","employeeNumber":"{i}"}},"urn:scim:schemas:extension:atlassian-external:1.0":{{"atlassianAccountId":"557057:{i:08}"}}}}"#
    );
}

/// A SCIM ListResponse page of users `start_index ..` (1-based), at most `count`, out of `total`.
pub fn scim_page(start_index: u64, count: u64, total: u64) -> String {
    let start = start_index.max(1);
    let end = (start + count).min(total + 1);
    let n = end.saturating_sub(start);
    let mut out = String::with_capacity(200 + n as usize * 1100);
    let _ = write!(
        out,
        r#"{{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":{total},"startIndex":{start},"itemsPerPage":{n},"Resources":["#
    );
    for i in start..end {
        if i > start {
            out.push(',');
        }
        push_scim_user(&mut out, i);
    }
    out.push_str("]}");
    out
}

// ---------------------------------------------------------------------------------------------
// Plain structs: the same typed attributes as `admin_models::scim::ScimUser`, but no
// `#[serde(flatten)]` catch-all maps and no JSON-path tracking. The decode baseline.

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainList {
    #[serde(default)]
    pub schemas: Vec<String>,
    pub total_results: Option<u64>,
    pub start_index: Option<u64>,
    pub items_per_page: Option<u64>,
    #[serde(rename = "Resources", default)]
    pub resources: Vec<PlainUser>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainUser {
    #[serde(default)]
    pub schemas: Vec<String>,
    pub id: Option<String>,
    pub external_id: Option<String>,
    #[serde(default)]
    pub user_name: String,
    pub name: Option<PlainName>,
    pub display_name: Option<String>,
    pub nick_name: Option<String>,
    pub title: Option<String>,
    pub preferred_language: Option<String>,
    pub department: Option<String>,
    pub organization: Option<String>,
    pub timezone: Option<String>,
    #[serde(default)]
    pub emails: Vec<PlainMultiValue>,
    #[serde(default)]
    pub phone_numbers: Vec<PlainMultiValue>,
    pub active: Option<bool>,
    #[serde(default)]
    pub groups: Vec<PlainMultiValue>,
    pub meta: Option<PlainMeta>,
    #[serde(rename = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")]
    pub enterprise: Option<PlainEnterprise>,
    #[serde(rename = "urn:scim:schemas:extension:atlassian-external:1.0")]
    pub atlassian: Option<PlainAtlassian>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainName {
    pub formatted: Option<String>,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    pub middle_name: Option<String>,
    pub honorific_prefix: Option<String>,
    pub honorific_suffix: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct PlainMultiValue {
    #[serde(default)]
    pub value: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub primary: Option<bool>,
    pub display: Option<String>,
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainMeta {
    pub resource_type: Option<String>,
    pub created: Option<String>,
    pub last_modified: Option<String>,
    pub location: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainEnterprise {
    pub organization: Option<String>,
    pub department: Option<String>,
    pub division: Option<String>,
    pub cost_center: Option<String>,
    pub employee_number: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
pub struct PlainAtlassian {
    pub atlassian_account_id: Option<String>,
}
