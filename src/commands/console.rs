//! Standard output and standard error of one command, every write checked.
//!
//! A write that fails is an error (exit 2, one line naming the cause), never
//! a panic and never silence: `mdlinks fix - < a.md > a.tmp` on a full disk
//! exited 0 with the text cut short, and `&& mv a.tmp a.md` then replaced a
//! 125 KB file with 20 KB of it. A reader that closes the pipe early
//! (`mdlinks check | head`) wanted no more of a report: writing stops, and
//! the exit code stays the findings' (it was 0, so a CI step with
//! `pipefail` passed despite them).

use super::exit::ExitStatus;
use crate::config::ConfigError;
use crate::text::visible;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use std::fmt::Display;
use std::io::IsTerminal;
use std::io::{self, Write};

#[derive(Default)]
pub struct Console {
    /// The reader of standard output closed it: nothing more goes there.
    out_closed: bool,
    /// Standard error cannot be written: nothing more goes there.
    err_failed: bool,
    /// The first write that failed, which fails the run.
    failure: Option<Failure>,
    /// `check --output-file`: the report kept here instead of printed.
    captured: Option<String>,
    /// `--silent`: reports are dropped (data still goes out).
    silent: bool,
}

struct Failure {
    stream: &'static str,
    error: io::Error,
}

const STDOUT: &str = "standard output";
const STDERR: &str = "standard error";

impl Console {
    /// From now on, keep the report (what [`Console::out`] is given) to
    /// be taken by [`Console::take_captured`] rather than printed.
    pub fn capture(&mut self) {
        self.captured = Some(String::new());
    }

    /// The report kept since [`Console::capture`]; printing resumes.
    pub fn take_captured(&mut self) -> String {
        self.captured.take().unwrap_or_default()
    }

    /// `--silent`: from now on, reports go nowhere ([`Console::out`] and
    /// [`Console::report_err`] drop them); data and errors still go out.
    pub fn silence(&mut self) {
        self.silent = true;
    }

    /// Part of a report on standard output.
    pub fn out(&mut self, text: &str) {
        if let Some(captured) = &mut self.captured {
            captured.push_str(text);
            return;
        }
        if self.silent || self.out_closed || self.failed_on(STDOUT) {
            return;
        }
        match write_all(&mut io::stdout().lock(), text.as_bytes()) {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => self.out_closed = true,
            Err(error) => self.fail(STDOUT, error),
            Ok(()) => {}
        }
    }

    /// Data on standard output (the fixed text of standard input), which
    /// must arrive whole: a closed pipe cuts it short, so it fails too.
    pub fn data(&mut self, bytes: &[u8]) {
        if self.out_closed || self.failed_on(STDOUT) {
            self.fail(STDOUT, io::ErrorKind::BrokenPipe.into());
            return;
        }
        if let Err(error) = write_all(&mut io::stdout().lock(), bytes) {
            self.fail(STDOUT, error);
        }
    }

    /// Text of mdlinks' own on standard error, written as it is (a report
    /// coloured by miette, a summary).
    pub fn err(&mut self, text: &str) {
        if self.err_failed {
            return;
        }
        if let Err(error) = write_all(&mut io::stderr().lock(), text.as_bytes()) {
            self.err_failed = true;
            self.fail(STDERR, error);
        }
    }

    /// A report on standard error (where standard output carries data),
    /// dropped under `--silent` as [`Console::out`] drops one.
    pub fn report_err(&mut self, text: &str) {
        if !self.silent {
            self.err(text);
        }
    }

    /// `error: …` on standard error. The message may quote file names and
    /// text from files, whose control characters are shown escaped: a
    /// file named with an escape sequence must not drive the terminal.
    pub fn error(&mut self, message: impl Display) {
        self.err(&format!("error: {}\n", visible(&message.to_string())));
    }

    /// What a command did, on standard error (its output is elsewhere),
    /// escaped as [`Console::error`].
    pub fn note(&mut self, message: impl Display) {
        self.err(&format!("{}\n", visible(&message.to_string())));
    }

    /// `warning: …` on standard error, escaped as [`Console::error`].
    pub fn warning(&mut self, message: impl Display) {
        self.err(&format!("warning: {}\n", visible(&message.to_string())));
    }

    /// A configuration or usage error on standard error: `error: …` as
    /// every other error, then, where it has them, the place in the
    /// configuration file (miette's excerpt) and a hint. No internal code
    /// leads it (`mdlinks::usage` did), and a hint listing rule names is
    /// not wrapped, so no name is broken across lines.
    pub fn config_error(&mut self, err: &ConfigError) -> ExitStatus {
        self.error(err);
        let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_wrap_lines(false);
        let mut out = String::new();
        if handler.render_report(&mut out, &Details(err)).is_ok() {
            // miette's first line holds the message, printed above.
            let start = out.find('\n').map_or(out.len(), |at| at + 1);
            self.err(&out[start..]);
        }
        ExitStatus::Error
    }

    /// The run's exit status: `status`, unless a write failed.
    pub fn finish(self, status: ExitStatus) -> ExitStatus {
        let Some(failure) = self.failure else {
            return status;
        };
        if failure.stream == STDOUT && !self.err_failed {
            // Best effort: standard error may be what failed next.
            let _ = writeln!(
                io::stderr(),
                "error: cannot write to {}: {}",
                failure.stream,
                failure.error
            );
        }
        ExitStatus::Error
    }

    fn failed_on(&self, stream: &str) -> bool {
        self.failure.as_ref().is_some_and(|f| f.stream == stream)
    }

    fn fail(&mut self, stream: &'static str, error: io::Error) {
        if self.failure.is_none() {
            self.failure = Some(Failure { stream, error });
        }
    }
}

/// Write and flush: standard output buffers a line at a time, and an
/// error may show only when the buffer is flushed.
fn write_all(stream: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    stream.write_all(bytes)?;
    stream.flush()
}

/// What miette shows of an error besides its message (which `error: …`
/// has shown): the excerpt of the file, its label, and the hint.
struct Details<'a>(&'a ConfigError);

impl std::fmt::Debug for Details<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl Display for Details<'_> {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

impl std::error::Error for Details<'_> {}

impl Diagnostic for Details<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        self.0.help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
}
