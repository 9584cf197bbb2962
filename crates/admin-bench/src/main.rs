//! `cargo xtask bench`: what users feel, measured against the HTTP stack underneath, in one run.
//!
//! Every row is a ratio against a baseline measured in the same process, interleaved
//! (baseline, ours, ours, baseline, …) and summarised by medians, because shared machines are
//! noisy. Nothing here asserts on time; see `docs/PERFORMANCE.md` for the method and results.
//!
//! ```text
//! admin-bench [--quick] [--only ROW[,ROW…]] [--build-stats]
//!   rows: profile, async, stream, decode, micro, bulk
//! ```

mod build_stats;
mod bulk;
mod fixtures;
mod responder;
mod stats;

use std::hint::black_box;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use admin_api::models::scim::{ListResponse, PatchOp, ScimUser};
use admin_api::models::user_management::ProfileResponse;
use admin_api::models::{AccountId, DirectoryId};
use admin_api::plan::scim::ListQuery;
use admin_api::transport::{HttpResponse, StatusCode};
use admin_api::{AdminApiKey, DEFAULT_USER_AGENT, ScimApiKey};

use fixtures::{ACCOUNT_ID, DIRECTORY_ID, SCIM_TOTAL, TOKEN};
use responder::Responder;
use stats::{Compared, fmt_ns, interleave, interleave_timed, peak_rss_kib};

/// How much work each row does. Many short interleaved batches rather than a few long ones:
/// on a shared machine the load changes over seconds, and the median of paired per-batch
/// ratios cancels it.
#[derive(Debug, Clone, Copy)]
struct Plan {
    quick: bool,
    rounds: usize,
    profile_ops: usize,
    async_ops: usize,
    stream_rounds: usize,
    decode_ops: usize,
    micro_ops: usize,
    bulk_users: usize,
}

impl Plan {
    fn new(quick: bool) -> Self {
        if quick {
            Self {
                quick,
                rounds: 15,
                profile_ops: 100,
                async_ops: 2_048,
                stream_rounds: 1,
                decode_ops: 20,
                micro_ops: 5_000,
                bulk_users: 2_000,
            }
        } else {
            Self {
                quick,
                rounds: 41,
                profile_ops: 200,
                async_ops: 4_096,
                stream_rounds: 5,
                decode_ops: 50,
                micro_ops: 20_000,
                bulk_users: 10_000,
            }
        }
    }
}

/// One line of the results table.
struct Row {
    metric: String,
    baseline: String,
    ours: String,
    ratio: String,
    target: String,
    met: Option<bool>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("child") {
        child(&args[1..]);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let build = args.iter().any(|a| a == "--build-stats");
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(str::to_owned).collect());
    let wanted = |row: &str| only.as_ref().is_none_or(|rows| rows.iter().any(|r| r == row));
    let plan = Plan::new(quick);

    let started = Instant::now();
    let responder = Responder::start().expect("the fixed responder starts");
    let base = responder.base_url();
    println!("admin-bench: fixed responder at {base}; {}", if quick { "quick run" } else { "full run" });
    println!("{}", machine());

    let mut rows = Vec::new();
    if wanted("profile") {
        rows.push(blocking_profile(&base, &plan));
    }
    if wanted("async") {
        rows.push(async_profile(&base, &plan));
    }
    if wanted("stream") {
        rows.extend(stream(&base, &plan));
    }
    if wanted("decode") {
        rows.extend(decode(&plan));
    }
    if wanted("micro") {
        rows.extend(micro(&plan));
    }
    if wanted("bulk") {
        rows.push(bulk::run(plan.bulk_users, plan.quick));
    }

    println!("\n| metric | baseline | ours | ratio | target | met |\n|---|---|---|---|---|---|");
    for row in &rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            row.metric, row.baseline, row.ours, row.ratio, row.target, met
        );
    }
    println!("\n{} requests to the fixed responder; total {:.1?}", responder.requests(), started.elapsed());

    if build {
        build_stats::run();
    }
    if rows.iter().any(|r| r.met == Some(false)) {
        println!("\nsome targets were missed (see docs/PERFORMANCE.md for the analysis)");
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name").map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_owned()))
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or_else(|| "?".into(), |kib| format!("{:.1} GiB", kib as f64 / 1024.0 / 1024.0));
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    format!("machine: {cores} cores, {cpu}, {mem} RAM")
}

fn ratio_row(metric: &str, c: Compared, target: &str, limit: f64, per: &str) -> Row {
    Row {
        metric: metric.into(),
        baseline: format!("{}{per}", fmt_ns(c.baseline_ns)),
        ours: format!("{}{per}", fmt_ns(c.ours_ns)),
        ratio: format!("{:.3}× time", c.ratio),
        target: target.into(),
        met: Some(c.ratio <= limit),
    }
}

fn raw_agent() -> ureq::Agent {
    // The same configuration as `UreqBackend::new(&BackendConfig::default())`.
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .new_agent()
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

// ---------------------------------------------------------------------------------------------
// blocking get-profile, sequential, keep-alive

fn blocking_profile(base: &str, plan: &Plan) -> Row {
    println!("\n-- blocking get-profile: raw ureq vs blocking::UsersService::get_profile");
    let agent = raw_agent();
    let url = format!("{base}/users/{ACCOUNT_ID}/manage/profile");
    let auth = bearer();
    let raw = || {
        let mut response = agent
            .get(&url)
            .header("authorization", &auth)
            .header("user-agent", DEFAULT_USER_AGENT)
            .header("accept", "application/json")
            .call()
            .expect("raw GET");
        assert_eq!(response.status(), 200);
        let body = response.body_mut().read_to_vec().expect("raw body");
        let profile: ProfileResponse = serde_json::from_slice(&body).expect("raw decode");
        black_box(profile);
    };
    let client = admin_api::blocking::Client::builder().base_url(base).build().expect("client");
    let users = client.users(AdminApiKey::new(TOKEN).expect("key"));
    let id = AccountId::new(ACCOUNT_ID).expect("id");
    let ours = || {
        black_box(users.get_profile(&id).expect("get_profile"));
    };
    let c = interleave(plan.rounds, plan.profile_ops, raw, ours);
    println!("   raw {} / ours {} per call, ratio {:.3}", fmt_ns(c.baseline_ns), fmt_ns(c.ours_ns), c.ratio);
    ratio_row("blocking get-profile, sequential, keep-alive (per call)", c, "≤ 1.10× raw ureq", 1.10, "")
}

/// `n` calls of one side only, for a profiler.
fn profile_calls(which: &str, base: &str, plan: &Plan) {
    let n = plan.profile_ops;
    match which {
        "raw" | "ours" => {
            let agent = raw_agent();
            let url = format!("{base}/users/{ACCOUNT_ID}/manage/profile");
            let auth = bearer();
            let users = admin_api::blocking::Client::builder()
                .base_url(base)
                .build()
                .expect("client")
                .users(AdminApiKey::new(TOKEN).expect("key"));
            let id = AccountId::new(ACCOUNT_ID).expect("id");
            for _ in 0..n {
                if which == "raw" {
                    let mut response = agent
                        .get(&url)
                        .header("authorization", &auth)
                        .header("user-agent", DEFAULT_USER_AGENT)
                        .header("accept", "application/json")
                        .call()
                        .expect("raw GET");
                    let body = response.body_mut().read_to_vec().expect("raw body");
                    black_box(serde_json::from_slice::<ProfileResponse>(&body).expect("raw decode"));
                } else {
                    black_box(users.get_profile(&id).expect("get_profile"));
                }
            }
        }
        "raw-async" | "ours-async" => {
            let rt = runtime();
            rt.block_on(async {
                let client = reqwest::Client::new();
                let url = format!("{base}/users/{ACCOUNT_ID}/manage/profile");
                let auth = bearer();
                let users = admin_api::nonblocking::Client::builder()
                    .base_url(base)
                    .build()
                    .expect("client")
                    .users(AdminApiKey::new(TOKEN).expect("key"));
                let id = AccountId::new(ACCOUNT_ID).expect("id");
                for _ in 0..n {
                    if which == "raw-async" {
                        let body = client
                            .get(&url)
                            .header("authorization", &auth)
                            .header("user-agent", DEFAULT_USER_AGENT)
                            .header("accept", "application/json")
                            .send()
                            .await
                            .expect("raw GET")
                            .bytes()
                            .await
                            .expect("raw body");
                        black_box(serde_json::from_slice::<ProfileResponse>(&body).expect("raw decode"));
                    } else {
                        black_box(users.get_profile(&id).await.expect("get_profile"));
                    }
                }
            });
        }
        other => panic!("unknown calls mode {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// async get-profile, 64 in flight

const IN_FLIGHT: usize = 64;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

/// The same configuration as `ReqwestBackend::new(&BackendConfig::default())`.
fn raw_reqwest() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .expect("reqwest client")
}

fn async_profile(base: &str, plan: &Plan) -> Row {
    println!(
        "\n-- async get-profile, {IN_FLIGHT} in flight: raw reqwest vs nonblocking::UsersService::get_profile"
    );
    let rt = runtime();
    let raw_client = raw_reqwest();
    let url: Arc<str> = format!("{base}/users/{ACCOUNT_ID}/manage/profile").into();
    let auth: Arc<str> = bearer().into();
    let users = rt.block_on(async {
        let client = admin_api::nonblocking::Client::builder().base_url(base).build().expect("client");
        client.users(AdminApiKey::new(TOKEN).expect("key"))
    });
    let id = AccountId::new(ACCOUNT_ID).expect("id");
    let per_task = plan.async_ops / IN_FLIGHT;

    let raw = || {
        rt.block_on(async {
            let started = Instant::now();
            let tasks: Vec<_> = (0..IN_FLIGHT)
                .map(|_| {
                    let (client, url, auth) = (raw_client.clone(), url.clone(), auth.clone());
                    tokio::spawn(async move {
                        for _ in 0..per_task {
                            let response = client
                                .get(&*url)
                                .header("authorization", &*auth)
                                .header("user-agent", DEFAULT_USER_AGENT)
                                .header("accept", "application/json")
                                .send()
                                .await
                                .expect("raw GET");
                            assert_eq!(response.status(), 200);
                            let body = response.bytes().await.expect("raw body");
                            let profile: ProfileResponse = serde_json::from_slice(&body).expect("raw decode");
                            black_box(profile);
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("task");
            }
            started.elapsed()
        })
    };
    let ours = || {
        rt.block_on(async {
            let started = Instant::now();
            let tasks: Vec<_> = (0..IN_FLIGHT)
                .map(|_| {
                    let (users, id) = (users.clone(), id.clone());
                    tokio::spawn(async move {
                        for _ in 0..per_task {
                            black_box(users.get_profile(&id).await.expect("get_profile"));
                        }
                    })
                })
                .collect();
            for task in tasks {
                task.await.expect("task");
            }
            started.elapsed()
        })
    };
    // Warm both pools up to IN_FLIGHT connections.
    raw();
    ours();
    let c = interleave_timed(plan.rounds, raw, ours);
    let ops = (per_task * IN_FLIGHT) as f64;
    let (raw_rps, our_rps) = (ops / (c.baseline_ns / 1e9), ops / (c.ours_ns / 1e9));
    let throughput_ratio = 1.0 / c.ratio;
    println!("   raw {raw_rps:.0} req/s / ours {our_rps:.0} req/s, throughput ratio {throughput_ratio:.3}");
    Row {
        metric: format!("async get-profile, {IN_FLIGHT} in flight (throughput)"),
        baseline: format!("{raw_rps:.0} req/s"),
        ours: format!("{our_rps:.0} req/s"),
        ratio: format!("{throughput_ratio:.3}× throughput"),
        target: "≥ 0.9× raw reqwest".into(),
        met: Some(throughput_ratio >= 0.9),
    }
}

// ---------------------------------------------------------------------------------------------
// stream all 70,000 SCIM users, count=100

const PAGE: u64 = 100;

fn scim_service(base: &str) -> admin_api::blocking::ScimService {
    let client = admin_api::blocking::Client::builder().base_url(base).build().expect("client");
    client.scim(ScimApiKey::new(TOKEN, DirectoryId::new(DIRECTORY_ID).expect("dir")).expect("key"))
}

/// The raw baseline: every page fetched with ureq and decoded with serde_json into the same
/// model types; returns the number of users.
fn raw_pages(agent: &ureq::Agent, base: &str, auth: &str) -> u64 {
    let mut seen = 0;
    let mut start = 1;
    while start <= SCIM_TOTAL {
        let url = format!("{base}/scim/directory/{DIRECTORY_ID}/Users?startIndex={start}&count={PAGE}");
        let mut response = agent
            .get(&url)
            .header("authorization", auth)
            .header("user-agent", DEFAULT_USER_AGENT)
            .header("accept", "application/scim+json, application/json;q=0.9")
            .call()
            .expect("raw page");
        let body = response.body_mut().read_to_vec().expect("raw body");
        let page: ListResponse<ScimUser> = serde_json::from_slice(&body).expect("raw decode");
        seen += page.resources.len() as u64;
        start += PAGE;
    }
    seen
}

fn stream(base: &str, plan: &Plan) -> Vec<Row> {
    println!(
        "\n-- stream {SCIM_TOTAL} SCIM users, count={PAGE}: raw ureq pages vs blocking ScimUsers::iter / nonblocking stream"
    );
    let agent = raw_agent();
    let auth = bearer();
    let scim = scim_service(base);
    let raw = || {
        let started = Instant::now();
        assert_eq!(raw_pages(&agent, base, &auth), SCIM_TOTAL);
        started.elapsed()
    };
    let ours = || {
        let started = Instant::now();
        let mut seen = 0u64;
        for user in scim.users().list().count(PAGE as u32).iter() {
            black_box(user.expect("user"));
            seen += 1;
        }
        assert_eq!(seen, SCIM_TOTAL);
        started.elapsed()
    };
    let c = interleave_timed(plan.stream_rounds, raw, ours);
    println!("   raw {} / ours {}, ratio {:.3}", fmt_ns(c.baseline_ns), fmt_ns(c.ours_ns), c.ratio);
    let mut rows = vec![ratio_row(
        &format!("stream {SCIM_TOTAL} SCIM users, count={PAGE}, blocking iter (total)"),
        c,
        "≤ 1.2× sum of raw page fetches",
        1.2,
        "",
    )];

    // The async stream against raw reqwest pages.
    let rt = runtime();
    let raw_client = raw_reqwest();
    let async_scim = rt.block_on(async {
        let client = admin_api::nonblocking::Client::builder().base_url(base).build().expect("client");
        client.scim(ScimApiKey::new(TOKEN, DirectoryId::new(DIRECTORY_ID).expect("dir")).expect("key"))
    });
    let raw_async = || {
        rt.block_on(async {
            let started = Instant::now();
            let mut seen = 0;
            let mut start = 1;
            while start <= SCIM_TOTAL {
                let url =
                    format!("{base}/scim/directory/{DIRECTORY_ID}/Users?startIndex={start}&count={PAGE}");
                let body = raw_client
                    .get(&url)
                    .header("authorization", &auth)
                    .header("accept", "application/scim+json, application/json;q=0.9")
                    .send()
                    .await
                    .expect("raw page")
                    .bytes()
                    .await
                    .expect("raw body");
                let page: ListResponse<ScimUser> = serde_json::from_slice(&body).expect("raw decode");
                seen += page.resources.len() as u64;
                start += PAGE;
            }
            assert_eq!(seen, SCIM_TOTAL);
            started.elapsed()
        })
    };
    let ours_async = || {
        rt.block_on(async {
            let started = Instant::now();
            let users = async_scim.users();
            let mut stream = users.list().count(PAGE as u32).stream();
            let mut seen = 0u64;
            while let Some(user) = stream.next_item().await {
                black_box(user.expect("user"));
                seen += 1;
            }
            assert_eq!(seen, SCIM_TOTAL);
            started.elapsed()
        })
    };
    let c = interleave_timed(plan.stream_rounds, raw_async, ours_async);
    println!("   async: raw {} / ours {}, ratio {:.3}", fmt_ns(c.baseline_ns), fmt_ns(c.ours_ns), c.ratio);
    rows.push(ratio_row(
        &format!("stream {SCIM_TOTAL} SCIM users, count={PAGE}, async stream (total)"),
        c,
        "≤ 1.2× sum of raw page fetches",
        1.2,
        "",
    ));

    // Peak memory, each in a fresh child process.
    let page_kib = child_rss("page", base);
    let stream_kib = child_rss("stream", base);
    let all_kib = child_rss("all", base);
    println!(
        "   peak RSS: one page {page_kib} KiB, streaming all {stream_kib} KiB, collecting all (.all()) {all_kib} KiB"
    );
    let grew = stream_kib.saturating_sub(page_kib);
    rows.push(Row {
        metric: format!("stream {SCIM_TOTAL} SCIM users: peak RSS (child process)"),
        baseline: format!("{:.1} MiB (one page)", page_kib as f64 / 1024.0),
        ours: format!(
            "{:.1} MiB (all pages; `.all()` would be {:.0} MiB)",
            stream_kib as f64 / 1024.0,
            all_kib as f64 / 1024.0
        ),
        ratio: format!("+{:.1} MiB", grew as f64 / 1024.0),
        target: "O(one page)".into(),
        // Flat means: less than one more page's worth (~0.25 MiB decoded) plus allocator slack.
        met: Some(grew < 4 * 1024),
    });
    rows
}

fn child_rss(mode: &str, base: &str) -> u64 {
    let exe = std::env::current_exe().expect("current exe");
    let output = Command::new(exe).args(["child", mode, base]).output().expect("child runs");
    assert!(output.status.success(), "child {mode}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().parse().expect("child prints its peak RSS")
}

/// `admin-bench child page|stream|all BASE_URL`: prints the peak RSS in KiB after the work.
fn child(args: &[String]) {
    let (mode, base) = (args[0].as_str(), args[1].as_str());
    if mode == "serve" {
        let responder = Responder::start().expect("responder");
        println!("{}", responder.base_url());
        std::thread::sleep(Duration::from_secs(3600));
        return;
    }
    if let Some(which) = mode.strip_prefix("calls-") {
        // For profilers (`valgrind --tool=callgrind admin-bench child calls-ours URL N`).
        let n: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1000);
        let plan = Plan { profile_ops: n, async_ops: n, rounds: 1, ..Plan::new(true) };
        profile_calls(which, args[1].as_str(), &plan);
        return;
    }
    let scim = scim_service(base);
    let users = scim.users();
    match mode {
        "page" => {
            let page = users.list().count(PAGE as u32).send().expect("page");
            assert_eq!(page.resources.len() as u64, PAGE);
            black_box(page);
        }
        "stream" => {
            let mut seen = 0u64;
            for user in users.list().count(PAGE as u32).iter() {
                black_box(user.expect("user"));
                seen += 1;
            }
            assert_eq!(seen, SCIM_TOTAL);
        }
        "all" => {
            let all = users.list().count(PAGE as u32).all().expect("all");
            assert_eq!(all.len() as u64, SCIM_TOTAL);
            black_box(all);
        }
        other => panic!("unknown child mode {other}"),
    }
    println!("{}", peak_rss_kib().unwrap_or(0));
}

// ---------------------------------------------------------------------------------------------
// decode a 100-user ListResponse

fn decode(plan: &Plan) -> Vec<Row> {
    println!("\n-- decode a {PAGE}-user SCIM ListResponse");
    let body = fixtures::scim_page(1, PAGE, SCIM_TOTAL);
    let bytes = body.clone().into_bytes();
    let list_plan = admin_api::plan::scim::list_users(
        &DirectoryId::new(DIRECTORY_ID).expect("dir"),
        &ListQuery::new().count(PAGE as u32),
    )
    .expect("plan");
    let response = HttpResponse::new(StatusCode::OK, body.into_bytes());
    let plain = || {
        let page: fixtures::PlainList = serde_json::from_slice(&bytes).expect("plain");
        assert_eq!(page.resources.len(), PAGE as usize);
        black_box(page);
    };
    let ours = || {
        let page = admin_api::plan::scim::decode_users(&list_plan, &response).expect("decode_users");
        assert_eq!(page.resources.len(), PAGE as usize);
        black_box(page);
    };
    let models = || {
        let page: ListResponse<ScimUser> = serde_json::from_slice(&bytes).expect("models");
        black_box(page);
    };
    let c = interleave(plan.rounds, plan.decode_ops, plain, ours);
    let m = interleave(plan.rounds, plan.decode_ops, plain, models);
    let mb = |ns: f64| bytes.len() as f64 / ns * 1e3;
    println!(
        "   plain structs {} ({:.0} MB/s) / decode_users {} ({:.0} MB/s): {:.3}× throughput; serde_json into the models alone: {:.3}×",
        fmt_ns(c.baseline_ns),
        mb(c.baseline_ns),
        fmt_ns(c.ours_ns),
        mb(c.ours_ns),
        1.0 / c.ratio,
        1.0 / m.ratio
    );
    vec![
        Row {
            metric: format!("decode a {PAGE}-user SCIM ListResponse ({} KiB)", bytes.len() / 1024),
            baseline: format!("{} (plain structs)", fmt_ns(c.baseline_ns)),
            ours: format!("{} (`plan::scim::decode_users`)", fmt_ns(c.ours_ns)),
            ratio: format!("{:.3}× throughput", 1.0 / c.ratio),
            target: "≥ 0.8×".into(),
            met: Some(1.0 / c.ratio >= 0.8),
        },
        Row {
            metric: "… of which: serde_json into `ListResponse<ScimUser>` (no path tracking)".into(),
            baseline: format!("{} (plain structs)", fmt_ns(m.baseline_ns)),
            ours: fmt_ns(m.ours_ns),
            ratio: format!("{:.3}× throughput", 1.0 / m.ratio),
            target: "(diagnostic)".into(),
            met: None,
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// ns/op micro rows

fn micro(plan: &Plan) -> Vec<Row> {
    println!("\n-- decode a profile / encode a PatchOp");
    let profile_body = fixtures::profile_json();
    let profile_plan =
        admin_api::plan::users::get_profile(&AccountId::new(ACCOUNT_ID).expect("id")).expect("plan");
    let response = HttpResponse::new(StatusCode::OK, profile_body.clone().into_bytes());
    let raw = || {
        black_box(serde_json::from_slice::<ProfileResponse>(profile_body.as_bytes()).expect("raw"));
    };
    let ours = || {
        black_box(admin_api::plan::users::decode_profile(&profile_plan, &response).expect("decode_profile"));
    };
    let c = interleave(plan.rounds, plan.micro_ops, raw, ours);
    println!(
        "   decode profile: serde_json {} / decode_profile {}",
        fmt_ns(c.baseline_ns),
        fmt_ns(c.ours_ns)
    );

    // Building checks each path against RFC 7644's grammar, so it is part of what is measured.
    let build = || {
        PatchOp::new()
            .replace("active", false)?
            .replace("title", "Former employee")?
            .add("emails[type eq \"work\"].value", "gone@acme.test")
    };
    let patch = || {
        let op = build().expect("valid paths");
        black_box(serde_json::to_vec(&op).expect("encode"));
    };
    let built = build().expect("valid paths");
    let encode_only = || {
        black_box(serde_json::to_vec(&built).expect("encode"));
    };
    let p = interleave(plan.rounds, plan.micro_ops, encode_only, patch);
    println!(
        "   PatchOp (3 operations): encode {} / build + encode {}",
        fmt_ns(p.baseline_ns),
        fmt_ns(p.ours_ns)
    );
    vec![
        Row {
            metric: "decode a profile (ns/op)".into(),
            baseline: format!("{} (serde_json)", fmt_ns(c.baseline_ns)),
            ours: format!("{} (`plan::users::decode_profile`)", fmt_ns(c.ours_ns)),
            ratio: format!("{:.3}× time", c.ratio),
            target: "report".into(),
            met: None,
        },
        Row {
            metric: "PatchOp with 3 operations (ns/op)".into(),
            baseline: format!("{} (encode)", fmt_ns(p.baseline_ns)),
            ours: format!("{} (build + encode)", fmt_ns(p.ours_ns)),
            ratio: "—".into(),
            target: "report".into(),
            met: None,
        },
    ]
}
