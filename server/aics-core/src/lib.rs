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

/// Hash maps and sets for the analysis' own keys (names, indices): foldhash instead of the
/// standard SipHash, which took ~8% of `check` on a large tree hashing identifiers. Seeded
/// per process like the standard ones.
pub(crate) mod fast {
    pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
    pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
}

pub use analysis::{analyze, analyze_cached, analyze_prepared, analyze_prepared_then_exit, file_kind, parse_model, prepare, prepare_c_facts, Analysis, AnalysisCache, AnalysisOptions, FileKind, Prepared, Reading, SourceFile};
pub use diagnostic::{Diagnostic, LineCol, LineIndex, Related, Severity, Span};
pub use fix::{apply_edits, Edit, Fix};
pub use text::Text;
