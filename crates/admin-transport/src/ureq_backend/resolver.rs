//! Name resolution without a thread per request.
//!
//! ureq's `DefaultResolver` bounds a lookup by running it on a fresh thread whenever a timeout
//! is configured, so that the caller can give up at the deadline. It does so for every request,
//! even for an IP literal and even when the pooled keep-alive connection is then reused: one
//! thread created and joined per call. [`CachingResolver`] keeps the bound and drops the rest:
//!
//! * an IP literal (`127.0.0.1`, `[::1]`) needs no lookup at all;
//! * a host name's addresses are cached for [`CACHE_TTL`]; only a miss resolves, through the
//!   wrapped resolver and with the request's timeout (a thread per *miss*, not per request).
//!   Failures are not cached; at most 16 hosts are remembered.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a host name's addresses are reused: short, so that DNS changes (fail-over, a load
/// balancer's rotation) are picked up within half a minute.
pub(crate) const CACHE_TTL: Duration = Duration::from_secs(30);

/// A resolver that answers IP literals directly and caches host names for a short TTL,
/// delegating misses to `R` (ureq's `DefaultResolver`, which honours the timeout).
#[derive(Debug)]
pub(crate) struct CachingResolver<R = DefaultResolver> {
    inner: R,
    ttl: Duration,
    cache: Mutex<Vec<Entry>>,
}

impl CachingResolver {
    /// Caches for [`CACHE_TTL`] in front of ureq's default resolver.
    pub(crate) fn new() -> Self {
        Self::with_inner(DefaultResolver::default(), CACHE_TTL)
    }
}

impl<R: Resolver> CachingResolver<R> {
    pub(crate) fn with_inner(inner: R, ttl: Duration) -> Self {
        Self { inner, ttl, cache: Mutex::new(Vec::new()) }
    }

    /// The address of an IP-literal authority, without any lookup.
    fn literal(&self, uri: &Uri, config: &Config) -> Option<Result<ResolvedSocketAddrs, ureq::Error>> {
        let authority = uri.authority()?;
        let host = authority.host();
        let ip: IpAddr =
            host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host).parse().ok()?;
        let port = authority.port_u16().or_else(|| match uri.scheme_str()? {
            "http" => Some(80),
            "https" => Some(443),
            _ => None, // other schemes (proxies): let ureq's resolver apply its defaults
        })?;
        let mut addrs = self.inner.empty();
        for addr in config.ip_family().keep_wanted(std::iter::once(SocketAddr::new(ip, port))) {
            addrs.push(addr);
        }
        Some(if addrs.is_empty() { Err(ureq::Error::HostNotFound) } else { Ok(addrs) })
    }
}

impl<R: Resolver> Resolver for CachingResolver<R> {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority().map(|a| a.as_str())) else {
            return self.inner.resolve(uri, config, timeout);
        };
        let now = Instant::now();
        // Usually one host: a short list compared by `&str` costs less than parsing the
        // authority again or hashing an allocated key.
        let cached = self
            .cache()
            .iter()
            .find(|entry| entry.is(scheme, authority, now, self.ttl))
            .map(|e| e.addrs.clone());
        if let Some(addrs) = cached {
            return Ok(addrs);
        }
        let (addrs, expires) = match self.literal(uri, config) {
            Some(addrs) => (addrs?, false),
            None => (self.inner.resolve(uri, config, timeout)?, true),
        };
        let mut cache = self.cache();
        cache.retain(|entry| !entry.expired(now, self.ttl));
        if cache.len() >= MAX_ENTRIES {
            cache.remove(0);
        }
        cache.push(Entry {
            scheme: scheme.to_owned(),
            authority: authority.to_owned(),
            at: now,
            expires,
            addrs: addrs.clone(),
        });
        Ok(addrs)
    }
}

/// More hosts than one client talks to (the API, perhaps a proxy); the oldest entry goes first.
const MAX_ENTRIES: usize = 16;

/// The addresses of one `scheme://authority`.
#[derive(Debug)]
struct Entry {
    scheme: String,
    authority: String,
    at: Instant,
    /// Whether the entry came from a lookup (an IP literal never expires).
    expires: bool,
    addrs: ResolvedSocketAddrs,
}

impl Entry {
    fn is(&self, scheme: &str, authority: &str, now: Instant, ttl: Duration) -> bool {
        self.authority == authority && self.scheme == scheme && !self.expired(now, ttl)
    }

    fn expired(&self, now: Instant, ttl: Duration) -> bool {
        self.expires && now.duration_since(self.at) >= ttl
    }
}

impl<R> CachingResolver<R> {
    fn cache(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// Counts lookups and answers every one with 192.0.2.7 (a documentation address).
    #[derive(Debug, Default)]
    struct Counting(AtomicUsize);

    impl Resolver for Counting {
        fn resolve(&self, uri: &Uri, _: &Config, _: NextTimeout) -> Result<ResolvedSocketAddrs, ureq::Error> {
            self.0.fetch_add(1, Ordering::SeqCst);
            let port = uri.port_u16().unwrap_or(443);
            let mut addrs = self.empty();
            addrs.push(SocketAddr::from(([192, 0, 2, 7], port)));
            Ok(addrs)
        }
    }

    fn timeout() -> NextTimeout {
        NextTimeout {
            after: Duration::from_secs(5).into(),
            reason: ureq::Timeout::Resolve,
            ..NextTimeout::default()
        }
    }

    fn resolve<R: Resolver>(resolver: &CachingResolver<R>, uri: &str) -> Vec<SocketAddr> {
        resolver.resolve(&uri.parse().unwrap(), &Config::default(), timeout()).unwrap().to_vec()
    }

    #[test]
    fn ip_literals_need_no_lookup() {
        let resolver = CachingResolver::with_inner(Counting::default(), CACHE_TTL);
        assert_eq!(
            resolve(&resolver, "http://127.0.0.1:8080/x"),
            vec![SocketAddr::from(([127, 0, 0, 1], 8080))]
        );
        assert_eq!(resolve(&resolver, "https://127.0.0.1/x"), vec![SocketAddr::from(([127, 0, 0, 1], 443))]);
        assert_eq!(resolve(&resolver, "http://[::1]:9/"), vec!["[::1]:9".parse().unwrap()]);
        assert_eq!(resolver.inner.0.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn host_names_are_looked_up_once_per_ttl() {
        let resolver = CachingResolver::with_inner(Counting::default(), CACHE_TTL);
        for _ in 0..3 {
            assert_eq!(
                resolve(&resolver, "https://api.example.com/v1"),
                vec!["192.0.2.7:443".parse().unwrap()]
            );
        }
        assert_eq!(resolver.inner.0.load(Ordering::SeqCst), 1, "one miss, then hits");
        resolve(&resolver, "https://api.example.com:8443/v1");
        assert_eq!(resolver.inner.0.load(Ordering::SeqCst), 2, "another port is another entry");
    }

    #[test]
    fn an_expired_entry_is_looked_up_again() {
        let resolver = CachingResolver::with_inner(Counting::default(), Duration::ZERO);
        resolve(&resolver, "https://api.example.com/");
        resolve(&resolver, "https://api.example.com/");
        assert_eq!(resolver.inner.0.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn localhost_resolves_through_the_default_resolver() {
        let resolver = CachingResolver::new();
        let addrs = resolve(&resolver, "http://localhost:8080/");
        assert!(addrs.iter().all(|a| a.ip().is_loopback() && a.port() == 8080), "{addrs:?}");
    }
}
