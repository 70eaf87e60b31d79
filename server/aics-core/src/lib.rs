//! aics-lint's analysis core: device C code and DTDL models in, diagnostics out.
//!
//! Pure by design: no LSP types, no terminal, no file IO (the faces read files and pass
//! texts in). Parsing never fails; it yields what it could read plus the errors. The CLI
//! and the language server are thin layers that convert and render `Diagnostic`s.

pub mod analysis;
pub mod c;
pub mod config;
pub mod contents;
pub mod coverage;
pub mod device;
pub mod diagnostic;
pub mod dtmi;
pub mod finding;
pub mod fix;
pub mod model_link;
pub mod rules;
pub mod suppress;
pub mod telemetry;
pub mod text;

/// The unit tests' walk of the repository's test suites (`tests/realworld`, the fixtures).
#[cfg(test)]
pub(crate) mod test_files {
    use std::path::{Path, PathBuf};

    /// The files under `dir` (`tests/...` of the repository when relative) that `keep`
    /// takes, in path order; none when it cannot be read (the caller asserts how many).
    pub(crate) fn under(dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if keep(&p) {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    /// Whether `p`'s extension is one of `exts`.
    pub(crate) fn ext_in(p: &Path, exts: &[&str]) -> bool {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
    }
}

/// Hash maps and sets for the analysis' own keys (names, indices): foldhash instead of the
/// standard SipHash, which took ~8% of `check` on a large tree hashing identifiers. Seeded
/// per process like the standard ones.
pub(crate) mod fast {
    pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
    pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

    /// Which lengths and first two bytes a set of names has: a name with another length or
    /// beginning is none of them, told by two bit tests where a hash of the whole name and a
    /// probe did (the SDK tables' look-ups, the telemetry helpers' names). Empty by default:
    /// it holds no name.
    #[derive(Clone, Debug)]
    pub struct NameGate {
        /// Bit `n` for a name of `n` bytes (bit 63 for 63 or more).
        lengths: u64,
        /// Bit `b0 * 256 + b1` for a name beginning with bytes `b0 b1` (`b1` 0 for a name of
        /// one byte).
        heads: Box<[u64; 1024]>,
    }

    impl NameGate {
        pub fn of<'n>(names: impl Iterator<Item = &'n str>) -> NameGate {
            let mut gate = NameGate { lengths: 0, heads: Box::new([0; 1024]) };
            for n in names {
                gate.lengths |= 1 << n.len().min(63);
                let h = Self::head(n);
                gate.heads[h / 64] |= 1 << (h % 64);
            }
            gate
        }

        /// A name's first two bytes as a number (a one-byte name's second is 0, which no
        /// identifier holds).
        fn head(n: &str) -> usize {
            let b = n.as_bytes();
            (*b.first().unwrap_or(&0) as usize) << 8 | *b.get(1).unwrap_or(&0) as usize
        }

        /// Whether `n` may be one of the names (`false`: it is none of them).
        pub fn may_hold(&self, n: &str) -> bool {
            let h = Self::head(n);
            self.lengths >> n.len().min(63) & 1 == 1 && self.heads[h / 64] >> (h % 64) & 1 == 1
        }
    }

    impl Default for NameGate {
        fn default() -> NameGate {
            NameGate::of(std::iter::empty())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_name_gate_lets_every_name_through_and_stops_other_lengths_and_heads() {
            let long = "x".repeat(80);
            let names = ["iot_1_send", "iot_12_send", "a", "send_telemetry", long.as_str(), "é_send"];
            let gate = NameGate::of(names.iter().copied());
            for n in names {
                assert!(gate.may_hold(n), "{n}");
            }
            // Other first bytes, another length, a one-byte name of another byte.
            for n in ["drv_9_op0", "acc", "iot_1_sen", "b", "xend_telemetry", "io"] {
                assert!(!gate.may_hold(n), "{n}");
            }
            // What it cannot tell apart is left to the set (same length and head).
            assert!(gate.may_hold("iot_9_send") && gate.may_hold(&"x".repeat(70)));
            assert!(!NameGate::of(std::iter::empty()).may_hold("iot_1_send"));
        }
    }
}

pub use analysis::{analyze, analyze_cached, analyze_prepared, analyze_prepared_then_exit, file_kind, parse_model, prepare, prepare_c_facts, Analysis, AnalysisCache, AnalysisOptions, FileKind, Prepared, Reading, SourceFile};
pub use diagnostic::{Diagnostic, LineCol, LineIndex, Related, Severity, Span};
pub use fix::{apply_edits, Edit, Fix};
pub use text::Text;
