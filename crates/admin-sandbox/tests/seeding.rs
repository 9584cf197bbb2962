//! Seeding and provisioning at scale: every lookup a write needs is indexed, so seeding is
//! O(n). (How fast is measured, not asserted: see `seeding_150k_users_measurement`.)

mod common;

use admin_sandbox::{Account, Sandbox};
use common::{Client, enc};
use serde_json::{Value, json};

fn user(i: usize) -> Value {
    json!({"userName": format!("user{i}@acme.test"), "externalId": format!("ext-{i}"),
           "emails": [{"value": format!("user{i}@acme.test"), "primary": true}]})
}

fn seeded(n: usize) -> common::SandboxHandle {
    seed_builder(n).start().unwrap()
}

fn seed_builder(n: usize) -> admin_sandbox::SandboxBuilder {
    let mut builder = Sandbox::builder().verified_domain("acme.test").directory("d", "k");
    // Half of the users link to existing accounts (found by email, in any case).
    for i in (0..n).step_by(2) {
        builder =
            builder.account(Account::new(format!("557057:acct-{i}"), format!("USER{i}@ACME.test"), "x"));
    }
    for i in 0..n {
        builder = builder.scim_user("d", user(i));
    }
    builder
}

#[test]
fn twenty_thousand_seeded_users_are_all_linked_and_found() {
    let n = 20_000;
    let sb = seeded(n);
    let c = Client::new(&format!("{}/scim/directory/d", sb.base_url()), Some("k"));
    assert_eq!(c.get("/Users?count=1").json()["totalResults"], n);
    assert_eq!(sb.accounts().len(), n, "one account per user: half found by email, half created");
    assert_eq!(sb.account_by_email("user0@acme.test").unwrap().account_id, "557057:acct-0");
    assert!(sb.account_by_email("user1@acme.test").unwrap().is_scim_managed());

    // The last page and a lookup by userName (case-insensitive) and externalId.
    let last = c.get(&format!("/Users?startIndex={n}&count=10")).json();
    assert_eq!(last["Resources"][0]["userName"], format!("user{}@acme.test", n - 1));
    let found = c.get(&format!("/Users?filter={}", enc(r#"userName eq "USER19998@acme.test""#))).json();
    assert_eq!(found["totalResults"], 1);
    assert_eq!(
        found["Resources"][0]["urn:scim:schemas:extension:atlassian-external:1.0"]["atlassianAccountId"],
        "557057:acct-19998"
    );
    let found = c.get(&format!("/Users?filter={}", enc(r#"externalId eq "ext-12345""#))).json();
    assert_eq!(found["Resources"][0]["userName"], "user12345@acme.test");

    // Uniqueness through the indexes: the same userName in another case, and another user for
    // an already provisioned account.
    let r = c.scim_json(
        "POST",
        "/Users",
        &json!({"userName": "User7@Acme.Test", "emails": [{"value": "new@acme.test", "primary": true}]}),
    );
    assert_eq!((r.status, r.json()["scimType"].clone()), (409, json!("uniqueness")));
    let r = c.scim_json(
        "POST",
        "/Users",
        &json!({"userName": "other", "emails": [{"value": "USER8@acme.test", "primary": true}]}),
    );
    assert_eq!(r.status, 409, "{}", r.text);
}

#[test]
fn the_indexes_follow_renames_deletes_and_email_changes() {
    let sb = seeded(4);
    let c = Client::new(&format!("{}/scim/directory/d", sb.base_url()), Some("k"));
    let id = |name: &str| {
        c.get(&format!("/Users?filter={}", enc(&format!(r#"userName eq "{name}""#)))).json()["Resources"][0]["id"]
            .as_str()
            .map(str::to_string)
    };
    // Rename user0 → renamed: the old name is free, the new one taken.
    let u0 = id("user0@acme.test").unwrap();
    let mut body = user(0);
    body["userName"] = json!("renamed@acme.test");
    assert_eq!(c.scim_json("PUT", &format!("/Users/{u0}"), &body).status, 200);
    assert_eq!(id("user0@acme.test"), None);
    assert_eq!(id("RENAMED@acme.test").as_deref(), Some(u0.as_str()));
    assert_eq!(
        c.scim_json(
            "POST",
            "/Users",
            &json!({"userName": "renamed@acme.test", "emails": [{"value": "z@acme.test", "primary": true}]})
        )
        .status,
        409
    );

    // A SCIM email change moves the account's email index entry.
    body["emails"] = json!([{"value": "moved@acme.test", "primary": true}]);
    assert_eq!(c.scim_json("PUT", &format!("/Users/{u0}"), &body).status, 200);
    assert!(sb.account_by_email("user0@acme.test").is_none());
    assert_eq!(sb.account_by_email("MOVED@acme.test").unwrap().account_id, "557057:acct-0");

    // Delete user1: its name is free again, and its (now unlinked) account is found by email
    // and linked again by a new user.
    let u1 = id("user1@acme.test").unwrap();
    assert_eq!(c.delete(&format!("/Users/{u1}")).status, 204);
    assert_eq!(id("user1@acme.test"), None);
    let account = sb.account_by_email("user1@acme.test").unwrap();
    assert!(!account.is_scim_managed());
    let r = c.scim_json("POST", "/Users", &user(1));
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(
        r.json()["urn:scim:schemas:extension:atlassian-external:1.0"]["atlassianAccountId"],
        account.account_id.as_str()
    );
}

/// Measures seeding 150,000 SCIM users (Atlassian's per-directory limit). Run it in release:
/// `cargo test --release -p admin-sandbox --test seeding -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn seeding_150k_users_measurement() {
    let n = 150_000;
    let prepared = std::time::Instant::now();
    let builder = seed_builder(n);
    let prepared = prepared.elapsed();
    let cpu_before = thread_cpu_ticks();
    let started = std::time::Instant::now();
    let sb = builder.start().unwrap();
    let elapsed = started.elapsed();
    let cpu = thread_cpu_ticks().zip(cpu_before).map(|(after, before)| (after - before) as f64 / 100.0);
    // Seeding runs on this thread (in `start`), so its CPU time is this thread's: on a shared
    // machine it is the fairer number.
    println!(
        "seeded {n} SCIM users ({} pre-existing accounts) in {elapsed:?} wall, {} CPU \
         (building the seed data beforehand: {prepared:?})",
        n / 2,
        cpu.map_or_else(|| "unknown".to_string(), |s| format!("{s:.2}s"))
    );
    let c = Client::new(&format!("{}/scim/directory/d", sb.base_url()), Some("k"));
    assert_eq!(c.get("/Users?count=1").json()["totalResults"], n);
}

/// This thread's user + system CPU time in clock ticks (1/100 s), from `/proc` (Linux only).
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}
