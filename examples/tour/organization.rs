//! The Organizations half of the tour, written once for both facades: directories, the user
//! search with last-active dates, suspend / restore / remove, groups and memberships, and a
//! bounded tail of the audit log that catches the events this section caused.

use std::time::{Duration, SystemTime};

use admin_api::models::AccountId;
use admin_api::models::org::{NewGroup, OrgGroupId, UserExpand};
use admin_api::plan::org::StreamFilter;

use super::{OrgService, maybe};
use crate::targets::OrganizationTarget as Target;
use crate::transcript::{Step, Transcript};

const WRITES_OFF: &str = "changes data: pass --allow-writes";

/// The most events the tail reads (a real org's last minutes can be busy).
const TAIL_CAP: usize = 1000;

#[maybe]
pub async fn run(org: &OrgService, target: &Target, t: &mut Transcript) {
    // The tail starts here: every event this section causes is at or after this instant.
    let started = SystemTime::now() - Duration::from_secs(1);

    let step = Step::start();
    let directories = org.directories().all().await;
    t.record(
        step,
        "GET  /admin/v2/orgs/{orgId}/directories",
        directories.map(|d| {
            let names: Vec<_> = d.iter().filter_map(|d| d.name.as_deref()).collect();
            format!("{} directories: {}", d.len(), names.join(", "))
        }),
    );

    let step = Step::start();
    let search = org.users().search().expand([UserExpand::ProductAccess]).page_size(3).pages().limit(500);
    let users = search.all().await;
    t.record(
        step,
        "POST /admin/v2/orgs/{orgId}/directories/-/users/search (all pages)",
        users.as_ref().map(|users| {
            let latest =
                users.iter().filter_map(|u| u.last_active().map(|at| (at, u))).max_by_key(|(at, _)| *at);
            let latest = latest.map_or("nobody active".to_owned(), |(at, u)| {
                format!("latest active {} on {}", u.email.as_deref().unwrap_or("?"), at.date())
            });
            format!("{} users, paging by 3, expand=productAccess; {latest}", users.len())
        }),
    );

    let step = Step::start();
    let count = org.users().count().send().await;
    t.record(
        step,
        "GET  /admin/v2/orgs/{orgId}/directories/-/users/count",
        count.map(|c| format!("{} users", c.count.unwrap_or_default())),
    );
    let step = Step::start();
    let stats = org.users().stats().await;
    t.record(
        step,
        "GET  /admin/v2/orgs/{orgId}/directories/-/users/stats",
        stats.map(|s| format!("{} roles, {} account statuses", s.roles.len(), s.account_status.len())),
    );
    let step = Step::start();
    let groups = org.groups().search().page_size(50).send().await;
    t.record(
        step,
        "POST /admin/v2/orgs/{orgId}/directories/-/groups/search",
        groups.map(|p| format!("{} group(s) on the first page", p.data.len())),
    );

    let caused = if target.allow_writes { writes(org, target, t).await } else { skip_writes(t) };

    let step = Step::start();
    let mut tail = org.events().tail(StreamFilter::new().from(started).limit(200)).bounded();
    let mut actions = Vec::new();
    let mut failure = None;
    while let Some(event) = tail.next_event().await {
        match event {
            Ok(event) => actions.push(event.attributes.action.as_str().to_owned()),
            Err(error) => {
                failure = Some(error);
                break;
            }
        }
        if actions.len() >= TAIL_CAP {
            break;
        }
    }
    let result = match failure {
        Some(error) => Err(error.to_string()),
        None => {
            let missing: Vec<_> = caused.iter().filter(|a| !actions.iter().any(|seen| seen == *a)).collect();
            if missing.is_empty() {
                Ok(format!(
                    "{} event(s) since the section began ({} page(s)); the {} it caused among them",
                    actions.len(),
                    tail.pages_fetched(),
                    caused.len()
                ))
            } else {
                Err(format!("the tail missed {missing:?} (read {actions:?})"))
            }
        }
    };
    t.record(step, "GET  /admin/v1/orgs/{orgId}/events-stream (bounded tail)", result);
}

fn skip_writes(t: &mut Transcript) -> Vec<&'static str> {
    for what in [
        "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/suspend",
        "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/restore",
        "POST /admin/v2/orgs/{orgId}/directories/-/groups",
        "POST /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}/memberships",
        "DELETE /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}/memberships/{accountId}",
        "DELETE /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}",
        "DELETE /admin/v2/orgs/{orgId}/directories/-/users/{accountId}",
    ] {
        t.skip(what, WRITES_OFF);
    }
    Vec::new()
}

/// Suspends and restores the target, walks a temporary group through its life and removes the
/// removable account; the audit actions that caused.
#[maybe]
async fn writes(org: &OrgService, target: &Target, t: &mut Transcript) -> Vec<&'static str> {
    let mut caused = Vec::new();
    let users = org.users();
    match &target.account_id {
        Some(account) => {
            let step = Step::start();
            let suspended = users.suspend(account).await;
            let ok = suspended.is_ok();
            t.record(
                step,
                "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/suspend",
                suspended.map(|()| format!("{account} suspended")),
            );
            if ok {
                caused.push("user_access_suspended");
                let step = Step::start();
                let seen =
                    users.search().account_ids([account.clone()]).expand([UserExpand::ProductAccess]).send();
                t.record(
                    step,
                    "POST /admin/v2/orgs/{orgId}/directories/-/users/search (the suspended user)",
                    seen.await.map(|p| match p.data.first() {
                        Some(u) => format!(
                            "status {}, {} product(s) with access",
                            u.status.as_ref().map_or("?", |s| s.as_str()),
                            u.product_access.len()
                        ),
                        None => "not found".to_owned(),
                    }),
                );
                let step = Step::start();
                let restored = users.restore(account).await;
                if restored.is_ok() {
                    caused.push("user_access_restored");
                }
                t.record(
                    step,
                    "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/restore",
                    restored.map(|()| format!("{account} restored")),
                );
            }
            caused.extend(group_steps(org, account, target, t).await);
        }
        None => {
            for what in [
                "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/suspend",
                "POST /admin/v2/orgs/{orgId}/directories/-/users/{accountId}/restore",
                "POST /admin/v2/orgs/{orgId}/directories/-/groups (and memberships)",
            ] {
                t.skip(what, "set ATLASSIAN_TOUR_ORG_ACCOUNT_ID (an account to suspend and restore)");
            }
        }
    }
    match &target.removable_account_id {
        Some(account) => {
            let step = Step::start();
            let removed = users.remove(account).await;
            if removed.is_ok() {
                caused.push("user_removed_from_directory");
            }
            t.record(
                step,
                "DELETE /admin/v2/orgs/{orgId}/directories/-/users/{accountId}",
                removed.map(|()| format!("{account} removed from the org's directories")),
            );
        }
        None => t.skip(
            "DELETE /admin/v2/orgs/{orgId}/directories/-/users/{accountId}",
            "cannot be undone: set ATLASSIAN_TOUR_ORG_REMOVABLE_ACCOUNT_ID to try it",
        ),
    }
    caused
}

/// Creates a temporary group, adds and removes `member`, deletes the group.
#[maybe]
async fn group_steps(
    org: &OrgService,
    member: &AccountId,
    target: &Target,
    t: &mut Transcript,
) -> Vec<&'static str> {
    let mut caused = Vec::new();
    let groups = org.groups();
    let name = format!("tour-{}", target.run_id);
    let step = Step::start();
    let created =
        groups.create(&NewGroup::new(name.clone()).description("Created by the atlassian-admin tour")).await;
    let group: Option<OrgGroupId> = created.as_ref().ok().and_then(|g| g.as_ref()).and_then(|g| g.id.clone());
    t.record(
        step,
        "POST /admin/v2/orgs/{orgId}/directories/-/groups",
        created.map(|g| {
            format!("{name} → {}", g.and_then(|g| g.id).map_or("-".to_owned(), |id| id.to_string()))
        }),
    );
    let Some(group) = group else { return caused };
    caused.push("group_created");

    let step = Step::start();
    let added = groups.add_member(&group, member).await;
    if added.is_ok() {
        caused.push("user_added_to_group");
    }
    t.record(
        step,
        "POST /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}/memberships",
        added.map(|()| format!("{member} added")),
    );
    let step = Step::start();
    let got = groups.get(&group).await;
    t.record(
        step,
        "GET  /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}",
        got.map(|g| format!("{} member(s)", g.counts.and_then(|c| c.users).unwrap_or_default())),
    );
    let step = Step::start();
    let removed = groups.remove_member(&group, member).await;
    if removed.is_ok() {
        caused.push("user_removed_from_group");
    }
    t.record(
        step,
        "DELETE /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}/memberships/{accountId}",
        removed.map(|()| format!("{member} removed")),
    );
    let step = Step::start();
    let deleted = groups.delete(&group).await;
    if deleted.is_ok() {
        caused.push("group_deleted");
    }
    t.record(
        step,
        "DELETE /admin/v2/orgs/{orgId}/directories/-/groups/{groupId}",
        deleted.map(|()| format!("{name} deleted")),
    );
    caused
}
