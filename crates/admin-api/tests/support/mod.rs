//! Helpers shared by the facade test binaries.
#![allow(dead_code)]

use std::time::Duration;

use httpmock::{Mock, MockServer};

pub mod loopback;

/// The org admin key every scenario uses.
pub const ADMIN_TOKEN: &str = "test-admin-token";

/// An account id whose `|` must be percent-encoded in the path.
pub const ODD_ACCOUNT_ID: &str = "557057:4f9acfd2|x";

/// The same id as it must appear on the wire.
pub const ODD_ACCOUNT_ID_ENCODED: &str = "557057:4f9acfd2%7Cx";

/// A mock server from httpmock's pool (returned to it on drop).
pub fn server() -> MockServer {
    MockServer::start()
}

/// A mock server that lives for the whole test binary, so a helper thread may hold it. Use it
/// sparingly: httpmock's pool has 25 servers and a leaked one never returns.
pub fn leaked_server() -> &'static MockServer {
    Box::leak(Box::new(MockServer::start()))
}

/// Deletes `mock` as soon as it has been hit once, so the next matching mock answers retries.
pub fn answer_once(mock: Mock<'static>) {
    std::thread::spawn(move || {
        let mut mock = mock;
        for _ in 0..2000 {
            if mock.calls() >= 1 {
                mock.delete();
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
}

/// A catch-all mock that answers 599 with a loud body: any request no scenario expected shows up
/// as a failing assertion naming it.
pub fn fail_unexpected(server: &MockServer) -> Mock<'_> {
    server.mock(|when, then| {
        when.any_request();
        then.status(599).body("unexpected request: no mock matched it");
    })
}

/// A profile response body.
pub fn profile_json(account_id: &str) -> String {
    format!(
        r#"{{"account":{{"account_id":"{account_id}","account_type":"atlassian","account_status":"active","name":"Lila User","nickname":"marshmallow","email":"lila@example.com","picture":"https://avatar.example.com/lila.png","zoneinfo":"America/Los_Angeles","locale":"en-US","extended_profile":{{"job_title":"Engineer","department":"R&D"}}}}}}"#
    )
}
