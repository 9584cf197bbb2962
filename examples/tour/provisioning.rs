//! The user provisioning (SCIM) half of the tour, written once for both facades.

use admin_api::models::scim::{Email, Filter, Name, PatchOp, ScimGroup, ScimUser};
use admin_api::models::{GroupId, ScimUserId};
use admin_api::plan::scim::Patched;

use super::{ScimService, maybe};
use crate::targets::ProvisioningTarget as Target;
use crate::transcript::{Step, Transcript};

const WRITES_OFF: &str = "changes data: pass --allow-writes";

#[maybe]
pub async fn run(scim: &ScimService, target: &Target, t: &mut Transcript) {
    discovery(scim, t).await;

    let step = Step::start();
    let page = scim.users().list().count(10).send().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Users?count=10",
        page.map(|p| format!("{} of {} users", p.resources.len(), p.total_results())),
    );
    let step = Step::start();
    let everyone = scim.users().list().count(2).limit(1000).all().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Users (all pages)",
        everyone.map(|users| format!("{} users, paging by 2", users.len())),
    );
    let step = Step::start();
    let groups = scim.groups().list().send().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Groups",
        groups.map(|p| format!("{} group(s)", p.total_results())),
    );

    let Some(domain) = target.domain.as_deref().filter(|_| target.allow_writes) else {
        let why = if target.allow_writes {
            "set ATLASSIAN_TOUR_SCIM_DOMAIN (a verified domain)"
        } else {
            WRITES_OFF
        };
        for what in [
            "POST /Users",
            "PATCH /Users/{userId}",
            "PUT /Users/{userId}",
            "POST /Groups",
            "DELETE /Users/{userId}",
        ] {
            t.skip(what, why);
        }
        return;
    };
    let user_name = format!("tour.{}@{domain}", target.run_id);
    let mut user = ScimUser::new(user_name.clone()).with_email(Email::work(user_name.clone()).primary());
    user.name = Some(Name::new("Tour", "Guide"));
    user.display_name = Some("Tour Guide".into());

    let step = Step::start();
    let created = scim.users().create(&user).await;
    let user_id = created.as_ref().ok().and_then(|u| u.id.clone());
    t.record(
        step,
        "POST /scim/directory/{directoryId}/Users",
        created.map(|u| {
            format!("{} → account {}", u.user_name, u.atlassian_account_id().map_or("-", |a| a.as_str()))
        }),
    );
    let Some(user_id) = user_id else { return };
    user_steps(scim, &user_id, &user_name, t).await;
    group_steps(scim, &user_id, target, t).await;

    let step = Step::start();
    let deactivated = scim.users().deactivate(&user_id).await;
    t.record(
        step,
        "DELETE /scim/directory/{directoryId}/Users/{userId}",
        deactivated.map(|()| "deactivated".into()),
    );
}

#[maybe]
async fn discovery(scim: &ScimService, t: &mut Transcript) {
    let step = Step::start();
    let config = scim.service_provider_config().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/ServiceProviderConfig",
        config.map(|c| format!("patch {}, filter {}", yes(c.supports_patch()), yes(c.supports_filter()))),
    );
    let step = Step::start();
    let schemas = scim.schemas().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Schemas",
        schemas.map(|s| format!("{} schemas", s.len())),
    );
    let step = Step::start();
    let user = scim.user_schema().await;
    t.record(step, "GET  …/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", user.map(|s| attributes(&s)));
    let step = Step::start();
    let group = scim.group_schema().await;
    t.record(
        step,
        "GET  …/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group",
        group.map(|s| attributes(&s)),
    );
    let step = Step::start();
    let enterprise = scim.enterprise_user_schema().await;
    t.record(step, "GET  …/Schemas/urn:…:extension:enterprise:2.0:User", enterprise.map(|s| attributes(&s)));
    let step = Step::start();
    let types = scim.resource_types().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/ResourceTypes",
        types.map(|r| format!("{} types", r.len())),
    );
    let step = Step::start();
    let user_type = scim.user_resource_type().await;
    t.record(step, "GET  /scim/directory/{directoryId}/ResourceTypes/User", user_type.map(|r| r.endpoint));
    let step = Step::start();
    let group_type = scim.group_resource_type().await;
    t.record(step, "GET  /scim/directory/{directoryId}/ResourceTypes/Group", group_type.map(|r| r.endpoint));
}

#[maybe]
async fn user_steps(scim: &ScimService, user_id: &ScimUserId, user_name: &str, t: &mut Transcript) {
    let step = Step::start();
    let fetched = scim.users().get(user_id).await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Users/{userId}",
        fetched.as_ref().map(|u| format!("active: {}", u.is_active())),
    );
    let step = Step::start();
    let found = scim.users().list().filter(Filter::user_name_eq(user_name)).send().await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Users?filter=userName eq …",
        found.map(|p| format!("{} match", p.total_results())),
    );
    let step = Step::start();
    let patch =
        PatchOp::new().replace_enterprise("department", "Tours").expect("`department` is an attribute name");
    let patched = scim.users().patch(user_id, &patch).await;
    t.record(
        step,
        "PATCH /scim/directory/{directoryId}/Users/{userId}",
        patched.map(|answer| match answer {
            Patched::Resource(_) => "department = Tours".into(),
            Patched::NoContent => "department = Tours (204, no user returned)".into(),
        }),
    );
    if let Ok(mut user) = fetched {
        user.title = Some("Guide".into());
        let step = Step::start();
        let replaced = scim.users().replace(user_id, &user).await;
        t.record(
            step,
            "PUT  /scim/directory/{directoryId}/Users/{userId}",
            replaced.map(|u| format!("title = {}", u.title.unwrap_or_default())),
        );
    }
}

#[maybe]
async fn group_steps(scim: &ScimService, user_id: &ScimUserId, target: &Target, t: &mut Transcript) {
    let groups = scim.groups();
    let step = Step::start();
    let created = groups.create(&ScimGroup::new(format!("tour-{}", target.run_id))).await;
    let group_id: Option<GroupId> = created.as_ref().ok().and_then(|g| g.id.clone());
    t.record(step, "POST /scim/directory/{directoryId}/Groups", created.map(|g| g.display_name));
    let Some(group_id) = group_id else { return };
    let members = [user_id.clone()];

    let step = Step::start();
    let added = groups.add_members(&group_id, &members).await;
    t.record(
        step,
        "PATCH /scim/directory/{directoryId}/Groups/{id} (add)",
        added.map(|_| "1 member added".into()),
    );
    let step = Step::start();
    let fetched = groups.get(&group_id).await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Groups/{id}",
        fetched.as_ref().map(|g| format!("{} member(s)", g.members.len())),
    );
    let step = Step::start();
    let found = groups.find_by_display_name(&format!("tour-{}", target.run_id)).await;
    t.record(
        step,
        "GET  /scim/directory/{directoryId}/Groups?filter=displayName eq …",
        found.map(|g| if g.is_some() { "found".into() } else { "not found".into() }),
    );
    if let Ok(group) = fetched {
        let step = Step::start();
        let replaced = groups.replace(&group_id, &group).await;
        t.record(step, "PUT  /scim/directory/{directoryId}/Groups/{id}", replaced.map(|g| g.display_name));
    }
    let step = Step::start();
    let removed = groups.remove_members(&group_id, &members).await;
    t.record(
        step,
        "PATCH /scim/directory/{directoryId}/Groups/{id} (remove)",
        removed.map(|_| "member removed".into()),
    );
    let step = Step::start();
    let deleted = groups.delete(&group_id).await;
    t.record(step, "DELETE /scim/directory/{directoryId}/Groups/{id}", deleted.map(|()| "deleted".into()));
}

fn yes(supported: bool) -> &'static str {
    if supported { "yes" } else { "no" }
}

fn attributes(schema: &admin_api::models::scim::Schema) -> String {
    format!("{} attributes", schema.attributes.len())
}
