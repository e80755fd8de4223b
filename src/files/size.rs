//! `max-file-size`: how large a file mdlinks reads, in bytes or with a
//! unit (`"1MiB"`, `"512 KB"`), in `mdlinks.toml` and on the command line.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;
use std::str::FromStr;

/// The default. Just under it, the input that costs the most memory per
/// byte known (emphasis alternating with a trailing blank, whose fix is
/// judged on a second tree of the text) takes about 500 MB to check or
/// fix, the others less (BENCHMARKS.md, "Worst-case inputs"); twice the
/// size would be 1 GB. Every file of the corpus is under 400 KB.
pub const DEFAULT_MAX_FILE_SIZE: FileSize = FileSize(1 << 20);

/// A number of bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileSize(pub u64);

/// The units a size may be written in, longest first.
const UNITS: &[(&str, u64)] = &[
    ("KiB", 1 << 10),
    ("MiB", 1 << 20),
    ("GiB", 1 << 30),
    ("KB", 1_000),
    ("MB", 1_000_000),
    ("GB", 1_000_000_000),
    ("B", 1),
    ("bytes", 1),
];

impl FromStr for FileSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || {
            format!(
                "invalid size `{text}`: use a number of bytes, or one with a unit (`1MiB`, `512KB`)"
            )
        };
        let text = text.trim();
        let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (number, unit) = text.split_at(digits);
        let number: u64 = number.parse().map_err(|_| invalid())?;
        let unit = unit.trim_start();
        let scale = match unit {
            "" => 1,
            _ => UNITS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(unit))
                .map(|(_, scale)| *scale)
                .ok_or_else(invalid)?,
        };
        let bytes = number.checked_mul(scale).ok_or_else(invalid)?;
        if bytes == 0 {
            return Err(format!(
                "invalid size `{text}`: it must be more than nothing"
            ));
        }
        Ok(FileSize(bytes))
    }
}

/// `1 MiB`, `512 KiB`, `1.5 MiB`, `999 bytes`: in the largest binary unit
/// it reaches, with a decimal where it is not whole.
impl fmt::Display for FileSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0;
        let Some(&(name, scale)) = UNITS[..3].iter().rev().find(|(_, s)| bytes >= *s) else {
            return write!(f, "{bytes} bytes");
        };
        if bytes.is_multiple_of(scale) {
            write!(f, "{} {name}", bytes / scale)
        } else {
            write!(f, "{:.1} {name}", bytes as f64 / scale as f64)
        }
    }
}

impl FileSize {
    /// The size as a configuration says it, exactly: in the largest unit
    /// it is a whole number of (`1 MiB`, `3 MB`), else in bytes.
    pub fn exact(self) -> String {
        let bytes = self.0;
        let whole = [2, 1, 0, 5, 4, 3]
            .map(|at| UNITS[at])
            .into_iter()
            .find(|(_, scale)| bytes.is_multiple_of(*scale));
        match whole {
            Some((name, scale)) => format!("{} {name}", bytes / scale),
            None => format!("{bytes} bytes"),
        }
    }
}

/// A number of bytes, or a string as [`FileSize::from_str`] reads it.
impl<'de> serde::Deserialize<'de> for FileSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;

        impl Visitor<'_> for SizeVisitor {
            type Value = FileSize;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of bytes, or a size such as \"1MiB\"")
            }

            fn visit_i64<E: de::Error>(self, bytes: i64) -> Result<FileSize, E> {
                match u64::try_from(bytes) {
                    Ok(bytes) if bytes > 0 => Ok(FileSize(bytes)),
                    _ => Err(E::custom(format!(
                        "invalid size {bytes}: it must be more than nothing"
                    ))),
                }
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<FileSize, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_any(SizeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_bytes_and_units() {
        let parsed = |text: &str| text.parse::<FileSize>().map(|s| s.0);
        assert_eq!(parsed("1048576"), Ok(1 << 20));
        assert_eq!(parsed("1MiB"), Ok(1 << 20));
        assert_eq!(parsed("10 mib"), Ok(10 << 20));
        assert_eq!(parsed("512KB"), Ok(512_000));
        assert_eq!(parsed("2GB"), Ok(2_000_000_000));
        assert_eq!(parsed("7 B"), Ok(7));
        // As `mdlinks config` shows it.
        assert_eq!(parsed(&FileSize(999).to_string()), Ok(999));
        for bad in [
            "",
            "MiB",
            "1.5MiB",
            "-1",
            "1 TB",
            "0",
            "99999999999999999999 GiB",
        ] {
            assert!(parsed(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sizes_are_shown_in_the_largest_unit_reached() {
        let shown = |bytes| FileSize(bytes).to_string();
        assert_eq!(shown(1 << 20), "1 MiB");
        assert_eq!(shown(3 << 19), "1.5 MiB");
        assert_eq!(shown(2048), "2 KiB");
        assert_eq!(shown(999), "999 bytes");
        assert_eq!(shown(10 << 30), "10 GiB");
        // Exactly, as `mdlinks config` shows it, and reads it back.
        for (bytes, exact) in [
            (1 << 20, "1 MiB"),
            (3_000_000, "3 MB"),
            (1500, "1500 bytes"),
            (2048, "2 KiB"),
        ] {
            assert_eq!(FileSize(bytes).exact(), exact);
            assert_eq!(exact.parse(), Ok(FileSize(bytes)));
        }
    }
}
