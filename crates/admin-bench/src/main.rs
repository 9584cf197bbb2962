//! `cargo xtask bench`: what users feel, measured against the HTTP stack underneath, in one run.
//!
//! Every row is a ratio against a baseline measured in the same process, interleaved
//! (baseline, ours, ours, baseline, …) and summarised by medians, because shared machines are
//! noisy. Nothing here asserts on time; see `docs/PERFORMANCE.md` for the method and results.
//!
//! ```text
//! admin-bench [--quick] [--only ROW[,ROW…]] [--build-stats]
//!   rows: profile, async, syscalls, stream, decode, micro, bulk
//! ```

mod build_stats;
mod bulk;
mod fixtures;
mod floor;
mod responder;
mod stats;
mod syscalls;

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
use stats::{Compared, Three, batch, fmt_ns, interleave, interleave3, peak_rss_kib};

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
                stream_rounds: 9,
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
        rows.extend(blocking_profile(&base, &plan));
    }
    if wanted("async") {
        rows.extend(async_profile(&base, &plan));
    }
    if wanted("syscalls") {
        rows.extend(syscall_rows(&base, &plan));
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

/// The same configuration as `UreqBackend::new(&BackendConfig::default())`: statuses as
/// responses, no redirects, 10 s connect and 60 s total timeouts, and name resolution without
/// a thread per request ([`LiteralResolver`]; the responder is an IP literal, as the
/// backend's resolver answers without a lookup too).
fn raw_agent() -> ureq::Agent {
    ureq::Agent::with_parts(
        raw_agent_config(),
        ureq::unversioned::transport::DefaultConnector::new(),
        LiteralResolver,
    )
}

/// Raw ureq exactly as configured before the backend had its own resolver: ureq's
/// `DefaultResolver`, which resolves on a fresh thread per request when a timeout is set.
fn raw_agent_default_resolver() -> ureq::Agent {
    raw_agent_config().new_agent()
}

fn raw_agent_config() -> ureq::config::Config {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
}

/// Answers an IP-literal authority without a lookup, and delegates anything else to ureq's
/// `DefaultResolver`.
#[derive(Debug)]
struct LiteralResolver;

impl ureq::unversioned::resolver::Resolver for LiteralResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let literal = uri
            .authority()
            .and_then(|a| Some(std::net::SocketAddr::new(a.host().parse().ok()?, a.port_u16()?)));
        match literal {
            Some(addr) => {
                let mut addrs = self.empty();
                addrs.push(addr);
                Ok(addrs)
            }
            None => ureq::unversioned::resolver::DefaultResolver::default().resolve(uri, config, timeout),
        }
    }
}

fn bearer() -> String {
    format!("Bearer {TOKEN}")
}

// ---------------------------------------------------------------------------------------------
// blocking get-profile, sequential, keep-alive

fn blocking_profile(base: &str, plan: &Plan) -> Vec<Row> {
    println!(
        "\n-- blocking get-profile: floor (std TcpStream) vs raw ureq vs blocking::UsersService::get_profile"
    );
    let agent = raw_agent();
    let url = format!("{base}/users/{ACCOUNT_ID}/manage/profile");
    let auth = bearer();
    let mut floor_client =
        floor::Sequential::connect(responder_addr(base), floor_request(base)).expect("floor connects");
    let mut floor_get = || {
        black_box(floor_client.get().expect("floor GET"));
    };
    let mut raw = || {
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
    let mut ours = || {
        black_box(users.get_profile(&id).expect("get_profile"));
    };
    let n = plan.profile_ops;
    // Warm-up: connections made, caches and branch predictors warm.
    batch(n / 4, &mut floor_get);
    batch(n / 4, &mut raw);
    batch(n / 4, &mut ours);
    let t =
        interleave3(plan.rounds, || batch(n, &mut floor_get), || batch(n, &mut raw), || batch(n, &mut ours));
    let per = |ns: f64| fmt_ns(ns / n as f64);
    println!(
        "   floor {} / raw ureq {} / ours {} per call; ours/floor {:.3}, ours/ureq {:.3}, ureq/floor {:.3}",
        per(t.floor_ns),
        per(t.raw_ns),
        per(t.ours_ns),
        t.ours_over_floor,
        t.ours_over_raw,
        t.raw_over_floor
    );
    let c =
        Compared { baseline_ns: t.raw_ns / n as f64, ours_ns: t.ours_ns / n as f64, ratio: t.ours_over_raw };
    vec![
        ratio_row("blocking get-profile, sequential, keep-alive (per call)", c, "≤ 1.10× raw ureq", 1.10, ""),
        floor_row(
            "blocking get-profile vs the floor (std TcpStream, same bytes)",
            &t,
            n as f64,
            "≤ 1.5× floor",
            |ratio| ratio <= 1.5,
            false,
        ),
    ]
}

/// A row "floor | ours | ours/floor (raw/floor)" from a three-way comparison of batches of
/// `ops` operations; `throughput` reports req/s and inverse ratios.
fn floor_row(
    metric: &str,
    t: &Three,
    ops: f64,
    target: &str,
    met: impl Fn(f64) -> bool,
    throughput: bool,
) -> Row {
    // A floor slower than the library underneath (raw/floor < 1) is not its steady state: it
    // does a subset of the work (fewer instructions and system calls, see
    // docs/PERFORMANCE.md). On this shared machine the floor's connection sometimes lands in a
    // slow scheduling pattern for a whole run; the row then says so and claims nothing.
    if t.raw_over_floor < 1.0 {
        let per = |ns: f64| fmt_ns(ns / ops);
        return Row {
            metric: metric.into(),
            baseline: format!("{} per op (floor)", per(t.floor_ns)),
            ours: format!("{} per op", per(t.ours_ns)),
            ratio: format!("— (the floor was {:.2}× slower than raw)", 1.0 / t.raw_over_floor),
            target: format!("{target}: disturbed run, rerun"),
            met: None,
        };
    }
    if throughput {
        let rps = |ns: f64| format!("{:.0} req/s", ops / (ns / 1e9));
        let (ours, raw) = (1.0 / t.ours_over_floor, 1.0 / t.raw_over_floor);
        Row {
            metric: metric.into(),
            baseline: format!("{} (floor)", rps(t.floor_ns)),
            ours: rps(t.ours_ns),
            ratio: format!("{ours:.3}× throughput (raw reqwest {raw:.3}×)"),
            target: target.into(),
            met: Some(met(ours)),
        }
    } else {
        let per = |ns: f64| fmt_ns(ns / ops);
        Row {
            metric: metric.into(),
            baseline: format!("{} (floor)", per(t.floor_ns)),
            ours: per(t.ours_ns),
            ratio: format!("{:.3}× time (raw ureq {:.3}×)", t.ours_over_floor, t.raw_over_floor),
            target: target.into(),
            met: Some(met(t.ours_over_floor)),
        }
    }
}

/// The responder's socket address, from its base URL.
fn responder_addr(base: &str) -> std::net::SocketAddr {
    base.trim_start_matches("http://").parse().expect("responder address")
}

/// The floor's get-profile request bytes: the raw baselines' three headers plus `host`.
fn floor_request(base: &str) -> Vec<u8> {
    floor::profile_request(
        responder_addr(base),
        &format!("/users/{ACCOUNT_ID}/manage/profile"),
        &bearer(),
        DEFAULT_USER_AGENT,
    )
}

/// `n` calls of one client, for a profiler or `strace -c`: `floor`, `raw` (ureq) and `ours`
/// one after the other on one connection; `floor-async`, `raw-async` (reqwest) and
/// `ours-async` with [`IN_FLIGHT`] tasks; `pages-raw` and `pages-ours` fetch `n` SCIM pages of
/// [`PAGE`] users (raw ureq + serde_json, or the blocking iterator), `pages-raw-async` and
/// `pages-ours-async` the same with raw reqwest or the async stream.
fn profile_calls(which: &str, base: &str, n: usize) {
    let url = format!("{base}/users/{ACCOUNT_ID}/manage/profile");
    let auth = bearer();
    let id = AccountId::new(ACCOUNT_ID).expect("id");
    match which {
        "floor" => {
            let mut client =
                floor::Sequential::connect(responder_addr(base), floor_request(base)).expect("floor");
            for _ in 0..n {
                black_box(client.get().expect("floor GET"));
            }
        }
        "raw" | "raw-default-resolver" => {
            let agent = if which == "raw" { raw_agent() } else { raw_agent_default_resolver() };
            for _ in 0..n {
                let mut response = agent
                    .get(&url)
                    .header("authorization", &auth)
                    .header("user-agent", DEFAULT_USER_AGENT)
                    .header("accept", "application/json")
                    .call()
                    .expect("raw GET");
                let body = response.body_mut().read_to_vec().expect("raw body");
                black_box(serde_json::from_slice::<ProfileResponse>(&body).expect("raw decode"));
            }
        }
        "ours" => {
            let users = admin_api::blocking::Client::builder()
                .base_url(base)
                .build()
                .expect("client")
                .users(AdminApiKey::new(TOKEN).expect("key"));
            for _ in 0..n {
                black_box(users.get_profile(&id).expect("get_profile"));
            }
        }
        "floor-async" | "raw-async" | "ours-async" => {
            let per_task = n.div_ceil(IN_FLIGHT);
            let rt = runtime();
            rt.block_on(async {
                match which {
                    "floor-async" => {
                        let mut pool = floor::Pool::connect(
                            responder_addr(base),
                            IN_FLIGHT,
                            &format!("/users/{ACCOUNT_ID}/manage/profile"),
                            &auth,
                            DEFAULT_USER_AGENT,
                        )
                        .await
                        .expect("floor pool");
                        pool.run(per_task).await;
                    }
                    "raw-async" => raw_reqwest_run(&raw_reqwest(), url.into(), auth.into(), per_task).await,
                    _ => {
                        let users = admin_api::nonblocking::Client::builder()
                            .base_url(base)
                            .build()
                            .expect("client")
                            .users(AdminApiKey::new(TOKEN).expect("key"));
                        ours_async_run(&users, &id, per_task).await;
                    }
                }
            });
        }
        "pages-raw" => {
            let agent = raw_agent();
            for start in (0..n as u64).map(|i| 1 + i * PAGE) {
                let url =
                    format!("{base}/scim/directory/{DIRECTORY_ID}/Users?startIndex={start}&count={PAGE}");
                let mut response = agent
                    .get(&url)
                    .header("authorization", &auth)
                    .header("user-agent", DEFAULT_USER_AGENT)
                    .header("accept", "application/scim+json, application/json;q=0.9")
                    .call()
                    .expect("raw page");
                let body = response.body_mut().read_to_vec().expect("raw body");
                black_box(serde_json::from_slice::<ListResponse<ScimUser>>(&body).expect("raw decode"));
            }
        }
        "pages-ours" => {
            let scim = scim_service(base);
            let users = scim.users();
            for user in users.list().count(PAGE as u32).iter().take(n * PAGE as usize) {
                black_box(user.expect("user"));
            }
        }
        "pages-raw-async" | "pages-ours-async" => runtime().block_on(async {
            if which == "pages-raw-async" {
                let client = raw_reqwest();
                for start in (0..n as u64).map(|i| 1 + i * PAGE) {
                    let url =
                        format!("{base}/scim/directory/{DIRECTORY_ID}/Users?startIndex={start}&count={PAGE}");
                    let body = client
                        .get(&url)
                        .header("authorization", &auth)
                        .header("accept", "application/scim+json, application/json;q=0.9")
                        .send()
                        .await
                        .expect("raw page")
                        .bytes()
                        .await
                        .expect("raw body");
                    black_box(serde_json::from_slice::<ListResponse<ScimUser>>(&body).expect("raw decode"));
                }
            } else {
                let client =
                    admin_api::nonblocking::Client::builder().base_url(base).build().expect("client");
                let scim = client
                    .scim(ScimApiKey::new(TOKEN, DirectoryId::new(DIRECTORY_ID).expect("dir")).expect("key"));
                let users = scim.users();
                let mut stream = users.list().count(PAGE as u32).stream();
                for _ in 0..n as u64 * PAGE {
                    black_box(stream.next_item().await.expect("an item").expect("user"));
                }
            }
        }),
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

/// `per_task` raw reqwest get-profile calls on each of [`IN_FLIGHT`] tasks.
async fn raw_reqwest_run(client: &reqwest::Client, url: Arc<str>, auth: Arc<str>, per_task: usize) {
    let tasks: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (client, url, auth) = (client.clone(), url.clone(), auth.clone());
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
}

/// `per_task` of our get-profile calls on each of [`IN_FLIGHT`] tasks.
async fn ours_async_run(users: &admin_api::nonblocking::UsersService, id: &AccountId, per_task: usize) {
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
}

fn async_profile(base: &str, plan: &Plan) -> Vec<Row> {
    println!(
        "\n-- async get-profile, {IN_FLIGHT} in flight: floor (raw hyper http1 x{IN_FLIGHT}) vs raw reqwest vs nonblocking::UsersService::get_profile"
    );
    let rt = runtime();
    let raw_client = raw_reqwest();
    let url: Arc<str> = format!("{base}/users/{ACCOUNT_ID}/manage/profile").into();
    let auth: Arc<str> = bearer().into();
    let (users, mut pool) = rt.block_on(async {
        let client = admin_api::nonblocking::Client::builder().base_url(base).build().expect("client");
        let pool = floor::Pool::connect(
            responder_addr(base),
            IN_FLIGHT,
            &format!("/users/{ACCOUNT_ID}/manage/profile"),
            &auth,
            DEFAULT_USER_AGENT,
        )
        .await
        .expect("floor pool");
        (client.users(AdminApiKey::new(TOKEN).expect("key")), pool)
    });
    let id = AccountId::new(ACCOUNT_ID).expect("id");
    let per_task = plan.async_ops / IN_FLIGHT;

    let raw = || {
        rt.block_on(async {
            let started = Instant::now();
            raw_reqwest_run(&raw_client, url.clone(), auth.clone(), per_task).await;
            started.elapsed()
        })
    };
    let ours = || {
        rt.block_on(async {
            let started = Instant::now();
            ours_async_run(&users, &id, per_task).await;
            started.elapsed()
        })
    };
    let mut floor_run = || {
        rt.block_on(async {
            let started = Instant::now();
            pool.run(per_task).await;
            started.elapsed()
        })
    };
    // Warm all pools up to IN_FLIGHT connections.
    floor_run();
    raw();
    ours();
    let t = interleave3(plan.rounds, floor_run, raw, ours);
    let ops = (per_task * IN_FLIGHT) as f64;
    let rps = |ns: f64| ops / (ns / 1e9);
    println!(
        "   floor {:.0} / raw reqwest {:.0} / ours {:.0} req/s; ours/floor {:.3}, ours/reqwest {:.3}, reqwest/floor {:.3} (throughput)",
        rps(t.floor_ns),
        rps(t.raw_ns),
        rps(t.ours_ns),
        1.0 / t.ours_over_floor,
        1.0 / t.ours_over_raw,
        1.0 / t.raw_over_floor
    );
    let throughput_ratio = 1.0 / t.ours_over_raw;
    vec![
        Row {
            metric: format!("async get-profile, {IN_FLIGHT} in flight (throughput)"),
            baseline: format!("{:.0} req/s", rps(t.raw_ns)),
            ours: format!("{:.0} req/s", rps(t.ours_ns)),
            ratio: format!("{throughput_ratio:.3}× throughput"),
            target: "≥ 0.9× raw reqwest".into(),
            met: Some(throughput_ratio >= 0.9),
        },
        floor_row(
            &format!("async get-profile, {IN_FLIGHT} in flight vs the floor (raw hyper http1 ×{IN_FLIGHT})"),
            &t,
            ops,
            "≥ 0.5× floor",
            |ratio| ratio >= 0.5,
            true,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// system calls and threads per request

fn syscall_rows(base: &str, plan: &Plan) -> Vec<Row> {
    println!("\n-- system calls and threads created per request (strace -f -c on a child, warm connections)");
    if !syscalls::available() {
        println!(
            "   strace is not available (apt-get install strace); see docs/PERFORMANCE.md for the recipe"
        );
        return Vec::new();
    }
    let (small, large) = if plan.quick { (128, 1_152) } else { (256, 4_352) };
    let mut rows = Vec::new();
    for (label, modes) in [
        ("blocking get-profile", ["floor", "raw", "ours"]),
        ("async get-profile, 64 in flight", ["floor-async", "raw-async", "ours-async"]),
    ] {
        let counts: Vec<_> =
            modes.iter().map(|mode| syscalls::per_request(mode, base, small, large)).collect();
        let show = |c: &Option<syscalls::PerRequest>| {
            c.map_or_else(
                || "n/a".into(),
                |c| format!("{:.1} syscalls, {:.3} threads", c.syscalls, c.threads),
            )
        };
        println!(
            "   {label}: floor {} / raw {} / ours {}",
            show(&counts[0]),
            show(&counts[1]),
            show(&counts[2])
        );
        let blocking = !modes[0].ends_with("async");
        rows.push(Row {
            metric: format!("{label}: system calls / threads created per request"),
            baseline: format!(
                "floor {}; raw {} {}",
                show(&counts[0]),
                if blocking { "ureq" } else { "reqwest" },
                show(&counts[1])
            ),
            ours: show(&counts[2]),
            ratio: counts[2].zip(counts[0]).map_or_else(
                || "—".into(),
                |(o, f)| format!("{:.2}× the floor's syscalls", o.syscalls / f.syscalls),
            ),
            target: if blocking { "0 threads per request".into() } else { "report".into() },
            met: if blocking { counts[2].map(|c| c.threads < 0.01) } else { None },
        });
    }
    rows
}

// ---------------------------------------------------------------------------------------------
// stream all 70,000 SCIM users, count=100

const PAGE: u64 = 100;

fn scim_service(base: &str) -> admin_api::blocking::ScimService {
    let client = admin_api::blocking::Client::builder().base_url(base).build().expect("client");
    client.scim(ScimApiKey::new(TOKEN, DirectoryId::new(DIRECTORY_ID).expect("dir")).expect("key"))
}

/// The raw baseline's page: fetched with ureq and decoded with serde_json into the same model
/// types; returns the number of users.
fn raw_page(agent: &ureq::Agent, base: &str, auth: &str, start: u64) -> u64 {
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
    page.resources.len() as u64
}

/// Medians over passes of (raw total, ours total, ours/raw), where each pass walks all pages
/// with both clients **page by page, alternately** (raw page 1, our page 1, our page 2, raw
/// page 2, …), timing each page separately: load changes on this shared machine last seconds,
/// far longer than a page, so both sides see the same load. (Whole-walk pairs swung from
/// 0.9× to 1.3× between runs of the same code.)
fn page_pairs(rounds: usize, mut pass: impl FnMut() -> (Duration, Duration)) -> Compared {
    let (mut b, mut o, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (raw, ours) = pass();
        let (raw, ours) = (raw.as_nanos() as f64, ours.as_nanos() as f64);
        b.push(raw);
        o.push(ours);
        r.push(ours / raw);
    }
    Compared {
        baseline_ns: stats::median(&mut b),
        ours_ns: stats::median(&mut o),
        ratio: stats::median(&mut r),
    }
}

fn stream(base: &str, plan: &Plan) -> Vec<Row> {
    println!(
        "\n-- stream {SCIM_TOTAL} SCIM users, count={PAGE}: raw ureq pages vs blocking ScimUsers::iter / nonblocking stream, page by page"
    );
    let agent = raw_agent();
    let auth = bearer();
    let scim = scim_service(base);
    let pass = || {
        let users = scim.users();
        let mut iter = users.list().count(PAGE as u32).iter();
        let (mut raw_time, mut our_time) = (Duration::ZERO, Duration::ZERO);
        let (mut raw_seen, mut our_seen) = (0u64, 0u64);
        for (page, start) in (1..=SCIM_TOTAL).step_by(PAGE as usize).enumerate() {
            for side in if page % 2 == 0 { [0, 1] } else { [1, 0] } {
                let started = Instant::now();
                if side == 0 {
                    raw_seen += raw_page(&agent, base, &auth, start);
                    raw_time += started.elapsed();
                } else {
                    for user in iter.by_ref().take(PAGE as usize) {
                        black_box(user.expect("user"));
                        our_seen += 1;
                    }
                    our_time += started.elapsed();
                }
            }
        }
        assert!(iter.next().is_none(), "the walk ends with the last page");
        assert_eq!((raw_seen, our_seen), (SCIM_TOTAL, SCIM_TOTAL));
        (raw_time, our_time)
    };
    let c = page_pairs(plan.stream_rounds, pass);
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
    let async_pass = || {
        rt.block_on(async {
            let users = async_scim.users();
            let mut stream = users.list().count(PAGE as u32).stream();
            let (mut raw_time, mut our_time) = (Duration::ZERO, Duration::ZERO);
            let (mut raw_seen, mut our_seen) = (0u64, 0u64);
            for (page, start) in (1..=SCIM_TOTAL).step_by(PAGE as usize).enumerate() {
                for side in if page % 2 == 0 { [0, 1] } else { [1, 0] } {
                    let started = Instant::now();
                    if side == 0 {
                        let url = format!(
                            "{base}/scim/directory/{DIRECTORY_ID}/Users?startIndex={start}&count={PAGE}"
                        );
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
                        raw_seen += page.resources.len() as u64;
                        raw_time += started.elapsed();
                    } else {
                        for _ in 0..PAGE {
                            black_box(stream.next_item().await.expect("an item").expect("user"));
                            our_seen += 1;
                        }
                        our_time += started.elapsed();
                    }
                }
            }
            assert!(stream.next_item().await.is_none(), "the stream ends with the last page");
            assert_eq!((raw_seen, our_seen), (SCIM_TOTAL, SCIM_TOTAL));
            (raw_time, our_time)
        })
    };
    let c = page_pairs(plan.stream_rounds, async_pass);
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
        profile_calls(which, args[1].as_str(), n);
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
