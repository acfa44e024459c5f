//! A time limit for rendering one page's template.
//!
//! Tera stops infinite recursion (includes and extends that loop are refused when templates
//! are loaded; components may nest 20 deep) but has no limit on time: two nested loops over
//! `range(end=100000)` turn ten billion times. So each page is rendered on a helper thread
//! while the thread that asked for it waits at most `[limits] max_render_seconds`; past that,
//! the page is an error naming its template.
//!
//! A thread cannot be killed. The helper is told to stop, and does so at the next piece of
//! output it writes (a runaway loop that writes is over at once). A loop that writes nothing
//! is abandoned to finish on its own: `casebook build` exits with the error straight away,
//! and the preview carries on with a new helper.
//!
//! Each thread that renders keeps one helper, so pages are not slowed by starting a thread
//! each.

use std::cell::RefCell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tera::{Context, Tera};

/// Why a template produced no page.
#[derive(Debug)]
pub enum RenderFailure {
    /// Tera reported an error.
    Tera(tera::Error),
    /// It ran longer than the limit and was stopped or abandoned.
    TimedOut,
    /// The helper thread could not be started, or died (a panic in the template engine).
    Helper(String),
}

/// Renders `template` with `context` into a buffer of `capacity` bytes to begin with,
/// giving up after `limit`.
pub fn render_with_limit(
    tera: &Arc<Tera>,
    template: &str,
    context: &Context,
    limit: Duration,
    capacity: usize,
) -> Result<String, RenderFailure> {
    HELPER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let helper = match slot.as_mut() {
            Some(helper) => helper,
            None => slot.insert(Helper::start().map_err(|e| {
                RenderFailure::Helper(format!("cannot start a thread to render it: {e}"))
            })?),
        };
        let stop = Arc::new(AtomicBool::new(false));
        let job = Job {
            tera: Arc::clone(tera),
            template: template.to_string(),
            context: context.clone(),
            stop: Arc::clone(&stop),
            capacity,
        };
        let outcome = match helper.jobs.send(job) {
            Ok(()) => helper.results.recv_timeout(limit),
            Err(_) => Err(mpsc::RecvTimeoutError::Disconnected),
        };
        match outcome {
            Ok(result) => result.map_err(RenderFailure::Tera),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                stop.store(true, Ordering::Relaxed);
                *slot = None;
                Err(RenderFailure::TimedOut)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                *slot = None;
                Err(RenderFailure::Helper(
                    "the template engine stopped unexpectedly".into(),
                ))
            }
        }
    })
}

thread_local! {
    /// This thread's helper, started on its first page.
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// A page to render.
struct Job {
    tera: Arc<Tera>,
    template: String,
    context: Context,
    stop: Arc<AtomicBool>,
    /// The page's expected size.
    capacity: usize,
}

/// The two ends of a helper thread's channels. Dropping them ends the thread once it is done
/// with the page in hand.
struct Helper {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<tera::TeraResult<String>>,
}

impl Helper {
    fn start() -> std::io::Result<Self> {
        let (jobs, job_queue) = mpsc::channel::<Job>();
        let (result_sender, results) = mpsc::channel();
        std::thread::Builder::new()
            .name("casebook-render".into())
            .spawn(move || {
                for job in job_queue {
                    if result_sender.send(render(&job)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Self { jobs, results })
    }
}

fn render(job: &Job) -> tera::TeraResult<String> {
    let mut output = StoppableOutput {
        bytes: Vec::with_capacity(job.capacity),
        stop: &job.stop,
    };
    job.tera
        .render_to(&job.template, &job.context, &mut output)?;
    let mut bytes = output.bytes;
    // A page kept between rebuilds should not hold on to much more than it needs when it came
    // out shorter than expected.
    if bytes.capacity() - bytes.len() > bytes.len() / 8 {
        bytes.shrink_to_fit();
    }
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The page being written, which refuses more once the page has been given up on.
struct StoppableOutput<'a> {
    bytes: Vec<u8>,
    stop: &'a AtomicBool,
}

impl Write for StoppableOutput<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    /// Tera writes every piece of a page with `write_all`: taking it whole here spares
    /// the default's loop over `write` for each of a page's tens of thousands of pieces.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the page ran out of time"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn tera(template: &str) -> Arc<Tera> {
        let mut tera = Tera::new();
        tera.add_raw_template("t.html", template).unwrap();
        Arc::new(tera)
    }

    #[test]
    fn a_page_renders_as_tera_would() {
        let tera = tera("Hello {{ name }}");
        let mut context = Context::new();
        context.insert("name", "Aleppo");
        let page = render_with_limit(&tera, "t.html", &context, Duration::from_secs(10), 0);
        assert_eq!(page.unwrap(), "Hello Aleppo");
    }

    #[test]
    fn tera_errors_come_through() {
        let tera = tera("{{ missing.field }}");
        let result =
            render_with_limit(&tera, "t.html", &Context::new(), Duration::from_secs(10), 0);
        assert!(matches!(result, Err(RenderFailure::Tera(_))));
    }

    #[test]
    fn a_loop_that_writes_is_stopped_at_the_limit() {
        // Ten billion turns: hours, were it not stopped.
        let tera = tera(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x\
             {% endfor %}{% endfor %}",
        );
        let started = Instant::now();
        let result = render_with_limit(
            &tera,
            "t.html",
            &Context::new(),
            Duration::from_millis(200),
            0,
        );
        assert!(matches!(result, Err(RenderFailure::TimedOut)), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_loop_that_writes_nothing_is_abandoned_at_the_limit_and_the_thread_renders_on() {
        // A million silent turns: long enough to pass a 10 ms limit, short enough that the
        // abandoned helper soon finishes on its own.
        let silent = tera(
            "{% for i in range(end=10) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
        );
        let result = render_with_limit(
            &silent,
            "t.html",
            &Context::new(),
            Duration::from_millis(10),
            0,
        );
        assert!(matches!(result, Err(RenderFailure::TimedOut)), "{result:?}");
        let next = tera("ok");
        let page = render_with_limit(&next, "t.html", &Context::new(), Duration::from_secs(10), 0);
        assert_eq!(page.unwrap(), "ok");
    }
}
