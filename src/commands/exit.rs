//! How a command ends: the process's exit code.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing to report.
    Clean,
    /// Findings, or changes needed.
    Findings,
    /// Bad usage or configuration, or a file could not be read or written.
    Error,
}

impl ExitStatus {
    /// `--exit-zero`: findings do not fail the run; errors still do.
    pub fn exit_zero(self, exit_zero: bool) -> Self {
        match self {
            ExitStatus::Findings if exit_zero => ExitStatus::Clean,
            status => status,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}
