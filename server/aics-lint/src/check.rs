//! `aics-lint check`: resolve the PATHs, find each one's config, walk, read, analyse,
//! filter. Produces a `Report` for the renderers; prints nothing itself.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aics_core::config::{Config, RuleLevel};
use aics_core::rules::DEFAULT_BASE_URL;
use aics_core::{analyze_prepared, analyze_prepared_then_exit, AnalysisOptions, Diagnostic, Prepared, Reading, Severity, SourceFile};

use crate::cli::CheckArgs;
use crate::config_file;
use crate::failure::Failure;
use crate::note::Note;
use crate::paths;
use crate::progress::Progress;
use crate::selection::Selection;
use crate::walk;

/// Where a suppressed diagnostic was switched off (SARIF tells `inSource` from `external`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressedBy {
    Comment,
    Config,
}

#[derive(Debug)]
pub struct Reported {
    pub diagnostic: Diagnostic,
    pub suppressed_by: Option<SuppressedBy>,
}

/// Everything the renderers need.
#[derive(Debug, Default)]
pub struct Report {
    /// Sorted by path, position, code; suppressed ones included and flagged.
    pub items: Vec<Reported>,
    /// Files analysed (C and JSON), and of those the JSON model files.
    pub files: usize,
    pub models: usize,
    pub duration: Duration,
    /// The analysed text of each file, for the source lines of the text format.
    pub texts: HashMap<PathBuf, aics_core::Text>,
    /// `--models` folders and the configs' `models`.
    pub model_folders: Vec<PathBuf>,
    /// The troubleshooting base URL of the (first) config, for rule metadata.
    pub base_url: String,
    /// Per device program and Model ID: how much of the model the code serves.
    pub coverage: Vec<aics_core::coverage::Coverage>,
    /// With `--fix`: the fixes written and those left.
    pub fixes: Option<crate::fix::Outcome>,
    /// Where the run's time went, for `--stats`.
    pub stats: Stats,
}

/// What `--stats` tells of a run: the files by how they were read, and the time of each
/// stage (summed over the config groups of the run).
#[derive(Debug, Default)]
pub struct Stats {
    /// C sources read, and their bytes.
    pub c_files: usize,
    pub c_bytes: usize,
    /// JSON files read (models or not), and their bytes.
    pub json_files: usize,
    pub json_bytes: usize,
    /// The C sources by how they were read (see [`aics_core::Reading`]), and the parses.
    pub passed_over: usize,
    pub unit_tests: usize,
    pub from_tokens: usize,
    pub parsed: usize,
    pub parses: usize,
    /// The walk and the reading, which overlap (each file is read and its facts taken on
    /// the pool while the walk goes on).
    pub walk_and_reading: Duration,
    /// The analysis' stages ([`aics_core::analysis::STAGES`]), wall time.
    pub stages: [Duration; aics_core::analysis::STAGES.len()],
    pub programs: usize,
    pub groups: usize,
}

impl Report {
    /// Exit status 1: an unsuppressed diagnostic at warning level or above.
    pub fn fails(&self) -> bool {
        self.items.iter().any(|r| !r.diagnostic.suppressed && r.diagnostic.severity >= Severity::Warning)
    }
}

/// One analysis: the PATHs that share a config file (or the built-in defaults).
struct Group {
    config: Config,
    roots: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs, cwd: &Path, progress: &Progress) -> Result<(Report, Vec<Note>), Failure> {
    let started = Instant::now();
    let selection = Selection::new(&args.select, &args.ignore)?;
    let roots = resolve_paths(&args.paths, cwd)?;
    let mut model_folders = Vec::new();
    for dir in &args.models {
        if !dir.is_dir() {
            let why = if dir.exists() { "not a folder" } else { "no such file or directory" };
            return Err(Failure::new(format!("--models {}: {why}", dir.display())));
        }
        model_folders.push(paths::absolute(dir, cwd));
    }
    let groups = group_by_config(&roots, args.config.as_deref(), cwd)?;

    let mut notes = Vec::new();
    let mut report = Report {
        base_url: groups.first().and_then(|g| g.config.base_url.clone()).unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
        ..Report::default()
    };
    let mut seen = Seen::default();
    // C, header and JSON files found under the PATHs (read or not: a file skipped for its
    // size is still a file the user pointed at, and has its own note).
    let mut found = 0usize;
    // Each model is parsed, and each C file's facts read, by the thread that read it (see
    // `walk::read_all`): the walk of the folders is one thread's, and the others read the
    // files' contents meanwhile.
    // (With how it was read, for `--stats`: asked here, on the thread that read the file,
    // not of ten thousand files' facts one after the other on this thread after the
    // reading.)
    let prepare = |s: &SourceFile| {
        let p = aics_core::prepare(s);
        let reading = p.reading();
        (p, reading)
    };
    // Large C files are mapped, not copied (`mapped`), but not by `--fix`: it rewrites files
    // in place, under the mappings of the texts it read.
    let map = !args.fix;
    // A C file the prefilter passed over is held as a text read again when asked, not as
    // the one read (`reread`); not by `--fix` either, which rewrites files during the run.
    let read_again = |p: &(Prepared, Option<Reading>)| map && p.0.text_read_rarely();
    progress.status("Finding files…");
    let last_group = groups.len().saturating_sub(1);
    for (group_index, group) in groups.into_iter().enumerate() {
        for folder in &group.config.model_folders {
            if !folder.is_dir() {
                let source = group.config.source.as_deref().unwrap_or(Path::new("config"));
                notes.push(Note::new(source, format!("models folder {} does not exist", folder.display())));
            } else if !model_folders.contains(folder) {
                model_folders.push(folder.clone());
            }
        }
        // A file reached from two PATHs (or two configs) is linted once, under the first.
        let reading = Instant::now();
        let read = walk::read_all(&group.roots, &group.config, args.max_file_size, map, &mut |f| seen.admits(f), &prepare, &read_again);
        found += read.files.len();
        let mut loaded = Loaded::default();
        loaded.take(read, &mut notes, &mut seen, &mut report.stats);
        progress.status(&format!("Linting {} files…", crate::render::thousands(loaded.sources.len() + report.files)));

        // Model folders: the repository layout (a `dtmi/` folder inside) is read lazily,
        // only the models the programs use; any other layout is read whole.
        let (repository_roots, plain): (Vec<PathBuf>, Vec<PathBuf>) =
            model_folders.iter().cloned().partition(|f| aics_dtdl::repository_root(f).is_some());
        let repository_roots: Vec<PathBuf> = repository_roots.iter().filter_map(|f| aics_dtdl::repository_root(f)).collect();
        if !plain.is_empty() {
            let json = |f: &Path| f.extension().is_some_and(|e| e == "json");
            let read = walk::read_all(&plain, &Config::default(), args.max_file_size, map, &mut |f| json(f) && seen.admits(f), &prepare, &read_again);
            loaded.take(read, &mut notes, &mut seen, &mut report.stats);
        }
        report.stats.walk_and_reading += reading.elapsed();

        let options = AnalysisOptions {
            config: group.config,
            repository_roots,
            model_reader: Some(Arc::new(aics_dtdl::FsReader)),
        };
        // (The process ends after the report: what the last group's analysis built is left
        // to the OS; not an earlier group's, whose memory the next one reuses, nor with
        // --fix, which may run the check a few times.)
        let analysis = if args.fix || group_index != last_group {
            analyze_prepared(&loaded.sources, loaded.prepared, &options)
        } else {
            analyze_prepared_then_exit(&loaded.sources, loaded.prepared, &options)
        };
        report.stats.groups += 1;
        report.stats.programs += analysis.programs;
        for (total, us) in report.stats.stages.iter_mut().zip(analysis.stage_us) {
            *total += Duration::from_micros(us);
        }
        for n in &analysis.notes {
            notes.push(Note::new(group.roots.first().cloned().unwrap_or_default(), n.clone()));
        }
        report.files += analysis.c_files + analysis.model_files;
        report.models += analysis.model_files;
        report.coverage.extend(analysis.coverage);
        let first_item = report.items.len();
        for d in analysis.diagnostics {
            if !selection.admits(d.code) {
                continue;
            }
            let suppressed_by = d.suppressed.then(|| suppressed_by(&options.config, &d));
            report.items.push(Reported { diagnostic: d, suppressed_by });
        }
        // The texts the renderers and fixes read: those of the files the diagnostics are in.
        // Spans share their source's path: found by that first, without reading every
        // source's path (each a cache miss or two away on a model repository).
        let shown: Vec<&Arc<PathBuf>> = report.items[first_item..].iter().flat_map(|r| places(&r.diagnostic)).collect();
        if !shown.is_empty() {
            let shared: HashSet<*const PathBuf> = shown.iter().map(|p| Arc::as_ptr(p)).collect();
            for s in &loaded.sources {
                if shared.contains(&Arc::as_ptr(&s.path)) {
                    report.texts.insert(s.path.as_ref().clone(), s.text.clone());
                }
            }
            // Any other (a model read from a repository folder, not among the sources; or a
            // path spelt anew) by its bytes.
            let others: HashSet<&OsStr> = shown.iter().filter(|p| !report.texts.contains_key(p.as_path())).map(|p| p.as_os_str()).collect();
            if !others.is_empty() {
                for s in &loaded.sources {
                    if others.contains(s.path.as_os_str()) {
                        report.texts.insert(s.path.as_ref().clone(), s.text.clone());
                    }
                }
            }
        }
        // The model index of a large tree (every document of a model repository) and the
        // texts take a noticeable share of a run to free, and the process ends soon: leave
        // them to the OS (not with --fix, which may run the check a few times).
        std::mem::forget(analysis.models);
        if !args.fix {
            std::mem::forget(loaded.sources);
        }
    }
    // A CI job pointed at the wrong folder must not pass for having found nothing wrong.
    if found == 0 && !args.allow_no_files {
        let shown: Vec<String> = if args.paths.is_empty() {
            vec![".".to_string()]
        } else {
            args.paths.iter().map(|p| p.display().to_string()).collect()
        };
        return Err(Failure::new(format!(
            "no C, header or model files under {} (is it the right path? --allow-no-files accepts an empty tree)",
            shown.join(", ")
        )));
    }
    // Models the analysis read itself (from a repository folder, lazily) are not among the
    // sources; read the few that have diagnostics so the text format can show their lines.
    let missing: HashSet<PathBuf> = report
        .items
        .iter()
        .flat_map(|r| std::iter::once(&r.diagnostic.span).chain(r.diagnostic.related.iter().map(|rel| &rel.span)))
        .map(|span| span.path.as_ref().clone())
        .filter(|p| !report.texts.contains_key(p))
        .collect();
    for path in missing {
        if let Ok(bytes) = std::fs::read(&path) {
            report.texts.insert(path, String::from_utf8_lossy(&bytes).into());
        }
    }
    progress.clear();
    report.items.sort_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        a.sort_key().cmp(&b.sort_key()).then_with(|| a.message.cmp(&b.message))
    });
    report.model_folders = model_folders;
    report.duration = started.elapsed();
    notes.sort();
    notes.dedup();
    Ok((report, notes))
}

/// The files a diagnostic shows or changes: its own, its related places', its fix's.
fn places(d: &Diagnostic) -> impl Iterator<Item = &Arc<PathBuf>> {
    let related = d.related.iter().map(|r| &r.span.path);
    let edits = d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.at.path));
    std::iter::once(&d.span.path).chain(related).chain(edits)
}

/// The files of the walks so far, so that a later walk skips them. The first walk's files
/// are only listed: the set is made when a second walk asks (a run over one folder, the
/// usual case, hashes no path).
#[derive(Default)]
struct Seen {
    set: HashSet<PathBuf>,
    listed: Vec<PathBuf>,
}

impl Seen {
    /// Whether a walk should read `file`: not when an earlier walk had it. Files the same
    /// walk meets twice (two PATHs, one inside the other) are made one by the walk itself.
    fn admits(&mut self, file: &Path) -> bool {
        if !self.listed.is_empty() {
            self.set.extend(self.listed.drain(..));
        }
        !self.set.contains(file)
    }
}

/// What the walks of one analysis read: the sources and, for each JSON source, its parse.
#[derive(Default)]
struct Loaded {
    sources: Vec<SourceFile>,
    /// What the analysis reads of each source by itself, in the order of `sources`.
    prepared: Vec<Prepared>,
}

impl Loaded {
    fn take(&mut self, read: walk::Read<(Prepared, Option<Reading>)>, notes: &mut Vec<Note>, seen: &mut Seen, stats: &mut Stats) {
        notes.extend(read.notes);
        self.sources.reserve(read.files.len());
        self.prepared.reserve(read.files.len());
        for file in read.files {
            notes.extend(file.note);
            if let Some((source, (prepared, reading))) = file.source {
                match reading {
                    Some(reading) => {
                        stats.c_files += 1;
                        stats.c_bytes += file.bytes;
                        match reading {
                            Reading::PassedOver => stats.passed_over += 1,
                            Reading::UnitTest => stats.unit_tests += 1,
                            Reading::Tokens => stats.from_tokens += 1,
                            Reading::Parsed(n) => {
                                stats.parsed += 1;
                                stats.parses += n;
                            }
                        }
                    }
                    None => {
                        stats.json_files += 1;
                        stats.json_bytes += file.bytes;
                    }
                }
                self.sources.push(source);
                self.prepared.push(prepared);
            }
            seen.listed.push(file.path);
        }
    }
}

/// Every PATH must exist; the default is the current folder.
fn resolve_paths(given: &[PathBuf], cwd: &Path) -> Result<Vec<PathBuf>, Failure> {
    if given.is_empty() {
        return Ok(vec![cwd.to_path_buf()]);
    }
    given
        .iter()
        .map(|p| {
            // `exists` follows symlinks: a dangling link given by name is as missing as no file.
            if p.exists() {
                Ok(paths::absolute(p, cwd))
            } else {
                Err(Failure::new(format!("{}: no such file or directory", p.display())))
            }
        })
        .collect()
}

/// `--config` applies to every PATH; otherwise each PATH uses the config nearest to it,
/// and PATHs sharing a config are analysed together (one program may span them).
fn group_by_config(roots: &[PathBuf], explicit: Option<&Path>, cwd: &Path) -> Result<Vec<Group>, Failure> {
    if let Some(file) = explicit {
        if !file.is_file() {
            return Err(Failure::new(format!("--config {}: no such file", file.display())));
        }
        let config = config_file::load(&paths::absolute(file, cwd), cwd)?;
        return Ok(vec![Group { config, roots: roots.to_vec() }]);
    }
    let mut by_file: BTreeMap<Option<PathBuf>, Vec<PathBuf>> = BTreeMap::new();
    let mut order: Vec<Option<PathBuf>> = Vec::new();
    for root in roots {
        let key = config_file::discover(config_file::search_start(root));
        if !by_file.contains_key(&key) {
            order.push(key.clone());
        }
        by_file.entry(key).or_default().push(root.clone());
    }
    order
        .into_iter()
        .map(|key| {
            let config = match &key {
                Some(file) => config_file::load(file, cwd)?,
                None => Config::default(),
            };
            let roots = by_file.remove(&key).unwrap_or_default();
            Ok(Group { config, roots })
        })
        .collect()
}

fn suppressed_by(config: &Config, d: &Diagnostic) -> SuppressedBy {
    let off = config.rule_levels.get(d.code) == Some(&RuleLevel::Off);
    if off || config.ignored_for_path(&d.span.path, d.code) {
        SuppressedBy::Config
    } else {
        SuppressedBy::Comment
    }
}
