//! Runs the `atlassian-admin` binary against a sandbox started in the test (its base URL and
//! keys in the environment, exactly as a user would configure the real APIs).

mod cli {
    mod general;
    pub mod harness;
    mod lifecycle;
    mod offboard;
    mod org;
    mod scim;
    mod stub;
    mod tryout;
    mod users;
    mod workflows_org;
}
