//! Timing helpers: interleaved rounds, medians, peak RSS.

use std::time::{Duration, Instant};

/// Medians of an interleaved comparison.
#[derive(Debug, Clone, Copy)]
pub struct Compared {
    /// Median time per operation of the baseline, in ns.
    pub baseline_ns: f64,
    /// Median time per operation of ours, in ns.
    pub ours_ns: f64,
    /// Median over rounds of (ours / baseline) time, measured back to back.
    pub ratio: f64,
}

/// Runs `baseline` and `ours` `n` times per round, alternating which goes first, for `rounds`
/// rounds after one warm-up round, and returns the medians (per-op time).
pub fn interleave(rounds: usize, n: usize, mut baseline: impl FnMut(), mut ours: impl FnMut()) -> Compared {
    let time = |f: &mut dyn FnMut(), n: usize| {
        let started = Instant::now();
        for _ in 0..n {
            f();
        }
        started.elapsed().as_nanos() as f64 / n as f64
    };
    time(&mut baseline, n.div_ceil(4));
    time(&mut ours, n.div_ceil(4));
    let (mut b, mut o, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (tb, to) = if round % 2 == 0 {
            let tb = time(&mut baseline, n);
            (tb, time(&mut ours, n))
        } else {
            let to = time(&mut ours, n);
            (time(&mut baseline, n), to)
        };
        b.push(tb);
        o.push(to);
        r.push(to / tb);
    }
    Compared { baseline_ns: median(&mut b), ours_ns: median(&mut o), ratio: median(&mut r) }
}

/// The median (sorts in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Peak resident set size of this process (`VmHWM`), in KiB, where /proc is available.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:")?.trim().strip_suffix("kB")?.trim().parse().ok())
}

/// `12.3 µs`, `456 ns`, `1.23 s`.
pub fn fmt_ns(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e4 {
        format!("{:.1} µs", ns / 1e3)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Medians of a three-way interleaved comparison: the floor, the library underneath, ours.
#[derive(Debug, Clone, Copy)]
pub struct Three {
    /// Median time of one batch of the floor client, in ns.
    pub floor_ns: f64,
    /// Median time of one batch of the raw library, in ns.
    pub raw_ns: f64,
    /// Median time of one batch of ours, in ns.
    pub ours_ns: f64,
    /// Median over rounds of ours / floor (time), each pair measured in the same round.
    pub ours_over_floor: f64,
    /// Median over rounds of ours / raw (time).
    pub ours_over_raw: f64,
    /// Median over rounds of raw / floor (time).
    pub raw_over_floor: f64,
}

/// Runs one batch of each side per round, for `rounds` rounds, cycling through all six orders
/// so that none of the three is always first or last, and returns the medians. Each closure
/// times its own batch.
pub fn interleave3(
    rounds: usize,
    mut floor: impl FnMut() -> Duration,
    mut raw: impl FnMut() -> Duration,
    mut ours: impl FnMut() -> Duration,
) -> Three {
    const ORDERS: [[usize; 3]; 6] = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1], [2, 0, 1], [1, 0, 2]];
    let mut times: [Vec<f64>; 3] = Default::default();
    let (mut of, mut or, mut rf) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut t = [0.0; 3];
        for side in ORDERS[round % ORDERS.len()] {
            let elapsed = match side {
                0 => floor(),
                1 => raw(),
                _ => ours(),
            };
            t[side] = elapsed.as_nanos() as f64;
        }
        for side in 0..3 {
            times[side].push(t[side]);
        }
        of.push(t[2] / t[0]);
        or.push(t[2] / t[1]);
        rf.push(t[1] / t[0]);
    }
    let [f, r, o] = &mut times;
    Three {
        floor_ns: median(f),
        raw_ns: median(r),
        ours_ns: median(o),
        ours_over_floor: median(&mut of),
        ours_over_raw: median(&mut or),
        raw_over_floor: median(&mut rf),
    }
}

/// Times `n` calls of `f`.
pub fn batch(n: usize, f: &mut impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..n {
        f();
    }
    started.elapsed()
}
