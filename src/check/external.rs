//! `casebook check --external`: asking the web whether the pack's links to it still work.
//!
//! This is the only part of Casebook that touches the network, and only when asked. Each
//! address is asked once however often it is linked: with `HEAD`, or `GET` when the server
//! refuses `HEAD` (405, 501). Redirects are followed (at most [`MAX_REDIRECTS`]); a link whose
//! first answer is a permanent redirect gets a note with the new address. At most
//! [`ExternalOptions::per_host`] requests go to one host at a time and [`CONCURRENCY`] in all,
//! so checking a pack never hammers a site, and each request gives up after the timeout.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ureq::Agent;
use ureq::http::{Response, StatusCode};
use url::Url;

use super::{Finding, LinkStatus, Severity};

/// The most requests in flight at once, over all hosts.
pub const CONCURRENCY: usize = 8;
/// How many redirects a link may go through before it counts as broken.
pub const MAX_REDIRECTS: usize = 10;

/// How external links are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExternalOptions {
    /// How long one request may take before the link counts as unreachable.
    pub timeout: Duration,
    /// The most requests in flight to one host at once.
    pub per_host: usize,
}

impl Default for ExternalOptions {
    /// Ten seconds, two requests per host: patient with slow sites, polite to all.
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            per_host: 2,
        }
    }
}

/// One place a web address is linked from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkUse {
    /// The linking file, relative to the pack root.
    pub path: PathBuf,
    /// The link's place in the file.
    pub span: Range<usize>,
    /// The address as written.
    pub url: String,
}

/// What asking about one address found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// It answers with success, directly or through temporary redirects.
    Fine,
    /// Its first answer moved it permanently; the final address answers with success.
    Moved { status: u16, to: String },
    /// It answers with an error status, at the end of any redirects.
    Broken { status: u16, at: Option<String> },
    /// No answer: the host is unknown, refused, timed out, or redirected without end.
    Unreachable(String),
    /// Not a web address that can be asked about.
    Invalid(String),
}

/// Asks about every address once and returns a finding for each use of an address that is
/// not fine.
pub fn check_links(uses: &[LinkUse], options: &ExternalOptions) -> Vec<Finding> {
    let mut by_url: BTreeMap<&str, Vec<&LinkUse>> = BTreeMap::new();
    for link in uses {
        by_url.entry(link.url.as_str()).or_default().push(link);
    }
    let urls: Vec<&str> = by_url.keys().copied().collect();
    let outcomes = probe_all(&urls, options);
    by_url
        .values()
        .zip(outcomes)
        .flat_map(|(uses, outcome)| {
            uses.iter()
                .filter_map(move |link| finding(link, &outcome, options))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn finding(link: &LinkUse, outcome: &Outcome, options: &ExternalOptions) -> Option<Finding> {
    let url = &link.url;
    let (severity, status, message, help) = match outcome {
        Outcome::Fine => return None,
        Outcome::Moved { status, to } => (
            Severity::Note,
            Some(*status),
            format!("{url} has moved permanently ({status}) to {to}"),
            "link to the new address".to_string(),
        ),
        Outcome::Broken { status, at } => (
            Severity::Warning,
            Some(*status),
            match at {
                Some(at) => format!("{url} answers {} (redirected to {at})", describe(*status)),
                None => format!("{url} answers {}", describe(*status)),
            },
            "correct the address, or link to an archived copy".to_string(),
        ),
        Outcome::Unreachable(reason) => (
            Severity::Warning,
            None,
            format!("{url} could not be reached: {reason}"),
            format!(
                "check the address; a slow site may need more than {} (--external-timeout)",
                seconds(options.timeout)
            ),
        ),
        Outcome::Invalid(reason) => (
            Severity::Warning,
            None,
            format!("{url} is not a valid web address: {reason}"),
            "correct the address".to_string(),
        ),
    };
    Some(Finding {
        path: link.path.clone(),
        span: Some(link.span.clone()),
        severity,
        message,
        help: Some(help),
        link: Some(LinkStatus {
            url: url.clone(),
            status,
        }),
    })
}

/// `404 Not Found`.
fn describe(status: u16) -> String {
    match StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn seconds(duration: Duration) -> String {
    format!("{} s", duration.as_secs_f64())
}

/// The addresses waiting, and how many requests each host has in flight.
struct Queue {
    pending: VecDeque<(usize, Url, String)>,
    active: HashMap<String, usize>,
}

/// Asks about each address, at most `per_host` at once per host and [`CONCURRENCY`] in all;
/// the outcomes are in the order of `urls`.
fn probe_all(urls: &[&str], options: &ExternalOptions) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = vec![None; urls.len()];
    let mut pending = VecDeque::new();
    for (i, url) in urls.iter().enumerate() {
        match Url::parse(url.trim()) {
            Ok(parsed) => match parsed.host_str() {
                Some(host) => {
                    let host = host.to_string();
                    pending.push_back((i, parsed, host));
                }
                None => outcomes[i] = Some(Outcome::Invalid("it names no host".into())),
            },
            Err(e) => outcomes[i] = Some(Outcome::Invalid(e.to_string())),
        }
    }
    let workers = CONCURRENCY.min(pending.len());
    let queue = Mutex::new(Queue {
        pending,
        active: HashMap::new(),
    });
    let freed = Condvar::new();
    let results = Mutex::new(outcomes);
    let agent = agent(options.timeout);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((i, url, host)) = next(&queue, &freed, options.per_host) {
                    let outcome = probe(&agent, &url, options.timeout);
                    *lock(&queue).active.entry(host).or_default() -= 1;
                    freed.notify_all();
                    lock(&results)[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .into_iter()
        .map(|outcome| outcome.expect("every address is asked about or invalid"))
        .collect()
}

/// The next address whose host has room for another request, waiting until one has; `None`
/// when none are left.
fn next(queue: &Mutex<Queue>, freed: &Condvar, per_host: usize) -> Option<(usize, Url, String)> {
    let mut guard = lock(queue);
    loop {
        let Queue { pending, active } = &mut *guard;
        if pending.is_empty() {
            return None;
        }
        if let Some(at) = pending
            .iter()
            .position(|(_, _, host)| active.get(host).copied().unwrap_or(0) < per_host)
        {
            let job = pending.remove(at).expect("the position is in the queue");
            *active.entry(job.2.clone()).or_default() += 1;
            return Some(job);
        }
        guard = freed.wait(guard).unwrap_or_else(PoisonError::into_inner);
    }
}

/// Locks a mutex, recovering it if a worker panicked: the data stays valid.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A client that does not follow redirects itself (so permanent moves can be told apart),
/// treats error statuses as answers, and gives each request `timeout`. Proxies are taken
/// from the usual environment variables.
fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!(
            "casebook/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into()
}

/// Asks about one address, following redirects.
fn probe(agent: &Agent, url: &Url, timeout: Duration) -> Outcome {
    let mut current = url.clone();
    let mut moved: Option<(u16, Url)> = None;
    for _ in 0..=MAX_REDIRECTS {
        let response = match ask(agent, &current) {
            Ok(response) => response,
            Err(error) => return Outcome::Unreachable(reason(&error, timeout)),
        };
        let status = response.status();
        if status.is_redirection()
            && let Some(next) = location(&response, &current)
        {
            moved.get_or_insert((status.as_u16(), next.clone()));
            current = next;
            continue;
        }
        let redirected = (current != *url).then(|| current.to_string());
        return match (status.is_success(), moved) {
            (true, Some((status @ (301 | 308), to))) => Outcome::Moved {
                status,
                to: to.to_string(),
            },
            (true, _) => Outcome::Fine,
            (false, _) => Outcome::Broken {
                status: status.as_u16(),
                at: redirected,
            },
        };
    }
    Outcome::Unreachable(format!("more than {MAX_REDIRECTS} redirects"))
}

/// `HEAD`, or `GET` if the server does not allow `HEAD`. The body is never read.
fn ask(agent: &Agent, url: &Url) -> Result<Response<ureq::Body>, ureq::Error> {
    let response = agent.head(url.as_str()).call()?;
    if matches!(response.status().as_u16(), 405 | 501) {
        agent.get(url.as_str()).call()
    } else {
        Ok(response)
    }
}

/// Where a redirect points, resolved against the address that answered.
fn location(response: &Response<ureq::Body>, base: &Url) -> Option<Url> {
    let value = response.headers().get("location")?.to_str().ok()?;
    base.join(value).ok()
}

/// Why no answer came, in words.
fn reason(error: &ureq::Error, timeout: Duration) -> String {
    match error {
        ureq::Error::Timeout(_) => format!("no answer within {}", seconds(timeout)),
        ureq::Error::HostNotFound => "the host was not found".to_string(),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_described_with_their_reason() {
        assert_eq!(describe(404), "404 Not Found");
        assert_eq!(describe(599), "599");
    }

    #[test]
    fn addresses_that_cannot_be_asked_about_are_invalid_without_a_request() {
        let uses = [LinkUse {
            path: PathBuf::from("content/a.md"),
            span: 3..9,
            url: "https://exa mple.org/".into(),
        }];
        let findings = check_links(&uses, &ExternalOptions::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].message,
            "https://exa mple.org/ is not a valid web address: invalid international domain name"
        );
    }
}
