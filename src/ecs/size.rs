//! Task CPU and memory: the string forms ECS accepts, and the Fargate
//! size table (RULES.md 5.3).

use std::fmt;

use crate::error::{Error, Result, ValueKind};

/// Parses a task-level `cpu` value into CPU units (1024 units = 1 vCPU), in
/// every form `RegisterTaskDefinition` accepts: units (`"1024"`) or vCPUs
/// (`"1 vCPU"`, `"1 vcpu"`, `".25 vcpu"`, `"0.5vCPU"`), with surrounding
/// spaces ignored. `None` for anything else, for a vCPU count that is not
/// a whole number of units, and for values above `u32::MAX`.
///
/// ```
/// use iam_ecs::ecs::parse_cpu;
///
/// assert_eq!(parse_cpu("1024"), Some(1024));
/// assert_eq!(parse_cpu("1 vCPU"), Some(1024));
/// assert_eq!(parse_cpu(".25 vcpu"), Some(256));
/// assert_eq!(parse_cpu("2 cores"), None);
/// ```
pub fn parse_cpu(text: &str) -> Option<u32> {
    parse_with_unit(text, "vcpu")
}

/// Parses a task-level `memory` value into MiB, in every form
/// `RegisterTaskDefinition` accepts: MiB (`"2048"`) or GB, meaning GiB
/// (`"2 GB"`, `"2gb"`, `".5 gb"`), with surrounding spaces ignored. `None`
/// for anything else.
///
/// ```
/// use iam_ecs::ecs::parse_memory;
///
/// assert_eq!(parse_memory("2048"), Some(2048));
/// assert_eq!(parse_memory("2 GB"), Some(2048));
/// assert_eq!(parse_memory(".5 gb"), Some(512));
/// assert_eq!(parse_memory("2 MB"), None);
/// ```
pub fn parse_memory(text: &str) -> Option<u32> {
    parse_with_unit(text, "gb")
}

/// A plain integer, or a decimal number followed by `unit` (ASCII
/// case-insensitive, optional space) meaning 1024 of the base unit.
fn parse_with_unit(text: &str, unit: &str) -> Option<u32> {
    let text = text.trim_matches(' ');
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let split = text.len().checked_sub(unit.len())?;
    let (number, suffix) = (text.get(..split)?, text.get(split..)?);
    if !suffix.eq_ignore_ascii_case(unit) {
        return None;
    }
    let number = number.trim_end_matches(' ');
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (number.contains('.') && frac.is_empty())
        || whole.len() > 9
        || frac.len() > 9
    {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac_value: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let scale = 10u64.pow(frac.len() as u32);
    let frac_units = frac_value * 1024;
    if frac_units % scale != 0 {
        return None;
    }
    u32::try_from(whole * 1024 + frac_units / scale).ok()
}

/// A valid Fargate task size: a CPU / memory pair from the table in the ECS
/// Developer Guide (`AWS_Fargate`, `task-cpu-memory-error`) and the
/// botocore `RegisterTaskDefinitionRequest.memory` documentation.
///
/// Only pairs from the table can be constructed; [`FargateSize::ALL`]
/// lists all 74 of them.
///
/// | CPU units | memory (MiB) | OS |
/// | --- | --- | --- |
/// | 256 | 512, 1024, 2048 | Linux |
/// | 512 | 1024-4096 in steps of 1024 | Linux |
/// | 1024 | 2048-8192 in steps of 1024 | Linux, Windows |
/// | 2048 | 4096-16384 in steps of 1024 | Linux, Windows |
/// | 4096 | 8192-30720 in steps of 1024 | Linux, Windows |
/// | 8192 | 16384-61440 in steps of 4096 | Linux (platform 1.4.0+) |
/// | 16384 | 32768-122880 in steps of 8192 | Linux (platform 1.4.0+) |
///
/// ```
/// use iam_ecs::ecs::FargateSize;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let size = FargateSize::new(256, 512)?;
/// assert_eq!((size.cpu(), size.memory()), (256, 512));
/// assert!(!size.supports_windows());
///
/// let err = FargateSize::new(256, 1000).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid Fargate size "256 CPU units, 1000 MiB": 256 CPU units allow 512, 1024 or 2048 MiB"#,
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FargateSize {
    cpu: u32,
    memory: u32,
}

/// One CPU row of the table: memory from `min` to `max` in `step`s.
struct Row {
    cpu: u32,
    min: u32,
    max: u32,
    step: u32,
}

const ROWS: [Row; 7] = [
    Row {
        cpu: 256,
        min: 512,
        max: 1024,
        step: 512,
    },
    Row {
        cpu: 512,
        min: 1024,
        max: 4096,
        step: 1024,
    },
    Row {
        cpu: 1024,
        min: 2048,
        max: 8192,
        step: 1024,
    },
    Row {
        cpu: 2048,
        min: 4096,
        max: 16384,
        step: 1024,
    },
    Row {
        cpu: 4096,
        min: 8192,
        max: 30720,
        step: 1024,
    },
    Row {
        cpu: 8192,
        min: 16384,
        max: 61440,
        step: 4096,
    },
    Row {
        cpu: 16384,
        min: 32768,
        max: 122880,
        step: 8192,
    },
];

/// Whether `memory` is in `row` (256 CPU units also allow 2048 MiB, which
/// is off its 512-step: the row is 512, 1024, 2048).
const fn row_has(row: &Row, memory: u32) -> bool {
    if row.cpu == 256 {
        return memory == 512 || memory == 1024 || memory == 2048;
    }
    memory >= row.min && memory <= row.max && (memory - row.min) % row.step == 0
}

const fn count() -> usize {
    let mut n = 0;
    let mut r = 0;
    while r < ROWS.len() {
        let row = &ROWS[r];
        if row.cpu == 256 {
            n += 3;
        } else {
            n += ((row.max - row.min) / row.step + 1) as usize;
        }
        r += 1;
    }
    n
}

const TABLE_LEN: usize = count();

const fn table() -> [FargateSize; TABLE_LEN] {
    let mut out = [FargateSize { cpu: 0, memory: 0 }; TABLE_LEN];
    let mut n = 0;
    let mut r = 0;
    while r < ROWS.len() {
        let row = &ROWS[r];
        if row.cpu == 256 {
            out[n] = FargateSize {
                cpu: 256,
                memory: 512,
            };
            out[n + 1] = FargateSize {
                cpu: 256,
                memory: 1024,
            };
            out[n + 2] = FargateSize {
                cpu: 256,
                memory: 2048,
            };
            n += 3;
        } else {
            let mut m = row.min;
            while m <= row.max {
                out[n] = FargateSize {
                    cpu: row.cpu,
                    memory: m,
                };
                n += 1;
                m += row.step;
            }
        }
        r += 1;
    }
    out
}

const TABLE: [FargateSize; TABLE_LEN] = table();

impl FargateSize {
    /// Every valid Fargate size, by CPU then memory (74 pairs).
    pub const ALL: &'static [FargateSize] = &TABLE;

    /// The CPU values Fargate offers, in units: 256, 512, 1024, 2048, 4096,
    /// 8192, 16384.
    pub const CPU_UNITS: [u32; 7] = [256, 512, 1024, 2048, 4096, 8192, 16384];

    /// The size with `cpu` units and `memory` MiB.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when the pair is not in the table:
    /// `(256, 1000)`, `(8192, 20480)` (8 vCPU takes 4 GiB steps),
    /// `(300, 1024)` (no such CPU value).
    pub fn new(cpu: u32, memory: u32) -> Result<FargateSize> {
        match lookup(cpu, memory) {
            Ok(size) => Ok(size),
            Err(reason) => Err(Error::invalid(
                ValueKind::FargateSize,
                format!("{cpu} CPU units, {memory} MiB"),
                reason,
            )),
        }
    }

    /// CPU units (1024 = 1 vCPU).
    pub const fn cpu(self) -> u32 {
        self.cpu
    }

    /// Memory in MiB.
    pub const fn memory(self) -> u32 {
        self.memory
    }

    /// Whether Windows containers can use this size (1, 2 and 4 vCPU).
    pub const fn supports_windows(self) -> bool {
        self.cpu == 1024 || self.cpu == 2048 || self.cpu == 4096
    }

    /// Whether the size needs Linux platform version 1.4.0 or later (8 and
    /// 16 vCPU).
    pub const fn needs_platform_1_4(self) -> bool {
        self.cpu >= 8192
    }

    /// The sizes Windows containers can use.
    pub fn windows() -> impl Iterator<Item = FargateSize> {
        Self::ALL.iter().copied().filter(|s| s.supports_windows())
    }
}

impl fmt::Display for FargateSize {
    /// `1024 CPU units, 2048 MiB`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} CPU units, {} MiB", self.cpu, self.memory)
    }
}

/// The size, or what the CPU value allows.
pub(crate) fn lookup(cpu: u32, memory: u32) -> std::result::Result<FargateSize, String> {
    let Some(row) = ROWS.iter().find(|r| r.cpu == cpu) else {
        return Err(format!(
            "expected CPU units of 256, 512, 1024, 2048, 4096, 8192 or 16384, found {cpu}"
        ));
    };
    if row_has(row, memory) {
        Ok(FargateSize { cpu, memory })
    } else {
        Err(format!("{cpu} CPU units allow {}", allowed(row)))
    }
}

/// `512, 1024 or 2048 MiB`, `4096 to 16384 MiB in steps of 1024`.
fn allowed(row: &Row) -> String {
    if row.cpu == 256 {
        return "512, 1024 or 2048 MiB".to_owned();
    }
    if row.cpu == 512 {
        return "1024, 2048, 3072 or 4096 MiB".to_owned();
    }
    format!("{} to {} MiB in steps of {}", row.min, row.max, row.step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_74_sorted_unique_rows() {
        assert_eq!(FargateSize::ALL.len(), 74);
        assert!(FargateSize::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(FargateSize::windows().count(), 7 + 13 + 23);
    }

    #[test]
    fn parses_every_spelling() {
        for (text, cpu) in [
            ("256", Some(256)),
            ("1 vCPU", Some(1024)),
            ("1 vcpu", Some(1024)),
            (".25 vcpu", Some(256)),
            ("0.5vCPU", Some(512)),
            ("16 VCPU", Some(16384)),
            (".125 vcpu", Some(128)),
            ("0.1 vcpu", None),
            ("1.", None),
            ("1. vcpu", None),
            (". vcpu", None),
            ("vcpu", None),
            ("", None),
            ("-1", None),
            ("1 GB", None),
            ("99999999999", None),
        ] {
            assert_eq!(parse_cpu(text), cpu, "{text:?}");
        }
        for (text, mem) in [
            ("512", Some(512)),
            ("2 GB", Some(2048)),
            ("2gb", Some(2048)),
            (".5 gb", Some(512)),
            ("120 GB", Some(122880)),
            ("1GiB", None),
            ("2 vcpu", None),
        ] {
            assert_eq!(parse_memory(text), mem, "{text:?}");
        }
    }
}
