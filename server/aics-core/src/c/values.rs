//! Static values of C expressions across a program: string literals and their adjacent
//! concatenation, `#define`s (object- and function-like), `static const` variables,
//! span-literal wrappers (`AZ_SPAN_LITERAL_FROM_STR`), struct fields assigned elsewhere
//! (`config->modelId`), and buffers filled by `snprintf` from a format string. What cannot
//! be known statically stays an explicit unknown piece with the reason, never a guess.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use smallvec::SmallVec;

use super::facts::{enclosing_function, AssignTarget, Call, FileFacts, Ident};
use super::lexer::{self, TokKind, Token};
use super::preprocess::Define;
use super::program::Nearness;
use super::sdk::{tables, Api, Role};

/// Stands for an unknown part inside a partly known string.
pub const UNKNOWN: char = '\u{FFFC}';
/// At most this many alternative values per expression (macros defined per board multiply).
const MAX_ALTERNATIVES: usize = 16;
/// Parameters and struct fields take one value per call site / assignment: more room.
const MAX_PARAMETER_VALUES: usize = 64;
const MAX_DEPTH: usize = 16;
/// At most this many expressions followed for one question. The depth bound alone does not
/// bound the work: a macro written as four copies of the previous one, or a parameter
/// passed down a wide call tree, multiplies the expressions per level (4^16 at depth 16).
/// Past the budget the rest is an unknown, never a guess.
const MAX_STEPS: usize = 20_000;
/// Sub-questions that took at least this many steps are kept in a program's memo.
const MEMO_FROM_STEPS: usize = 4;
/// Answers that took at least this many steps are kept for the other programs.
const SHARE_FROM_STEPS: usize = 16;

thread_local! {
    /// (questions in progress on this thread, steps left for the outermost one)
    static BUDGET: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, MAX_STEPS)) };
}

/// Run one question under the work budget (nested questions share the outermost one's).
fn budgeted<T>(f: impl FnOnce() -> T) -> T {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            BUDGET.with(|b| {
                let (n, left) = b.get();
                b.set((n.saturating_sub(1), left));
            });
        }
    }
    BUDGET.with(|b| {
        let (n, left) = b.get();
        b.set((n + 1, if n == 0 { MAX_STEPS } else { left }));
    });
    let _leave = Leave;
    f()
}

/// Take one step of the budget; `false` when it is spent.
fn step() -> bool {
    BUDGET.with(|b| {
        let (n, left) = b.get();
        if left == 0 {
            return false;
        }
        b.set((n, left - 1));
        true
    })
}

/// A place in the linted set: file index and byte range.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: usize,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Shared: a value is copied into every value built from it.
    pub text: Arc<str>,
    /// The literal it came from; `None` for built-in constants and unknowns.
    pub loc: Option<Loc>,
    pub known: bool,
}

/// The text of an unknown piece, shared.
fn unknown_text() -> Arc<str> {
    thread_local! {
        static U: Arc<str> = UNKNOWN.to_string().into();
    }
    U.with(Arc::clone)
}

/// One possible value of an expression.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Value {
    pub pieces: Vec<Piece>,
    /// `NULL`, `AZ_SPAN_EMPTY`, `0`.
    pub null: bool,
    /// Names of macros and constants the value came through, outermost first.
    pub via: Vec<String>,
    /// Why some part is unknown (the first reason met).
    pub unknown_reason: Option<String>,
}

impl Value {
    fn null() -> Value {
        Value { null: true, ..Value::default() }
    }

    fn literal(text: String, loc: Option<Loc>) -> Value {
        Value { pieces: vec![Piece { text: text.into(), loc, known: true }], ..Value::default() }
    }

    pub fn unknown(reason: impl Into<String>) -> Value {
        Value {
            pieces: vec![Piece { text: unknown_text(), loc: None, known: false }],
            unknown_reason: Some(reason.into()),
            ..Value::default()
        }
    }

    /// A printf format string seen on its own: its conversions are unknown parts.
    pub fn template(text: &str, loc: Loc) -> Value {
        let mut v = Value::default();
        let mut rest = text;
        while let Some(p) = rest.find('%') {
            v.pieces.push(Piece { text: rest[..p].into(), loc: Some(loc.clone()), known: true });
            let spec = conversion(&rest[p..]);
            rest = &rest[p + spec.len()..];
            if spec == "%%" {
                v.pieces.push(Piece { text: "%".into(), loc: Some(loc.clone()), known: true });
            } else {
                v.pieces.push(Piece { text: unknown_text(), loc: None, known: false });
                v.unknown_reason.get_or_insert_with(|| format!("a `{spec}` filled at run time"));
            }
        }
        v.pieces.push(Piece { text: rest.into(), loc: Some(loc), known: true });
        v
    }

    /// The text, with `UNKNOWN` where a part is not known.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| &*p.text).collect()
    }

    pub fn is_known(&self) -> bool {
        !self.null && self.pieces.iter().all(|p| p.known)
    }

    pub fn is_empty_string(&self) -> bool {
        !self.null && self.pieces.iter().all(|p| p.known && p.text.is_empty())
    }

    /// Where the character at byte `offset` of `text()` was written.
    pub fn loc_at(&self, offset: usize) -> Option<&Loc> {
        let mut pos = 0;
        for p in &self.pieces {
            if offset < pos + p.text.len() {
                return p.loc.as_ref();
            }
            pos += p.text.len();
        }
        self.pieces.iter().rev().find_map(|p| p.loc.as_ref())
    }

    /// The first literal location of the value.
    pub fn first_loc(&self) -> Option<&Loc> {
        self.pieces.iter().find_map(|p| p.loc.as_ref())
    }

    fn concat(mut self, other: &Value) -> Value {
        self.pieces.extend(other.pieces.iter().cloned());
        self.null = false;
        if self.unknown_reason.is_none() {
            self.unknown_reason = other.unknown_reason.clone();
        }
        self
    }
}

/// Where an index entry was written: its file and the function around it (`None` for file
/// level), so that a function's own locals win over same-named ones elsewhere.
///
/// Held in 32-bit numbers (a file's offsets are, as its tokens'): a tree of 10,000 files
/// has a million entries, and at 40 bytes they were a fifth of its `check`'s memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    in_file: u32,
    /// The function's index, `u32::MAX` for none.
    in_func: u32,
    span: super::facts::Span32,
}

impl Site {
    pub fn new(file: usize, func: Option<usize>, range: Range<usize>) -> Site {
        // The range as any 32-bit span of a text; a tree holds fewer files and a file fewer
        // functions.
        let n = |v: usize| {
            debug_assert!(v < u32::MAX as usize);
            v as u32
        };
        Site { in_file: n(file), in_func: func.map_or(u32::MAX, n), span: super::facts::Span32::of(&range) }
    }

    pub fn file(&self) -> usize {
        self.in_file as usize
    }

    pub fn func(&self) -> Option<usize> {
        (self.in_func != u32::MAX).then_some(self.in_func as usize)
    }

    pub fn range(&self) -> Range<usize> {
        self.span.range()
    }
}

/// A hasher for identifiers (the multiply-rotate word hash of FxHash): the symbol index
/// hashes every name of every file at each analysis of an SDK checkout, and SipHash's
/// defence against chosen keys is not needed for names read from source files.
#[derive(Default, Clone, Copy)]
pub struct NameHasher(u64);

impl NameHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for NameHasher {
    /// Eight bytes at a time, the last eight (or fewer, with the length) read in one or two
    /// loads that may overlap: never a copy of the tail (its `memcpy`, and the load of the
    /// copy right after, stalled the symbol index's and the identifier numbering's hashing).
    #[inline]
    fn write(&mut self, b: &[u8]) {
        let (word, half) = (|i: usize| load8(b, i), |i: usize| load4(b, i));
        let n = b.len();
        self.add(n as u64);
        let last = if n >= 8 {
            let mut i = 0;
            while i + 8 < n {
                self.add(word(i));
                i += 8;
            }
            word(n - 8)
        } else if n >= 4 {
            half(0) | half(n - 4) << 32
        } else if n > 0 {
            b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16
        } else {
            return;
        };
        self.add(last);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by names, with [`NameHasher`].
pub type NameMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<NameHasher>>;

/// The SDK functions that write a buffer or set a JSON writer up on one (the only calls
/// the symbol index looks up in the SDK tables).
fn buffer_api_names() -> &'static std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<NameHasher>> {
    static NAMES: std::sync::OnceLock<std::collections::HashSet<&'static str, std::hash::BuildHasherDefault<NameHasher>>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| tables().api.iter().filter(|a| matches!(a.role, Role::Format | Role::JsonInit)).flat_map(|a| a.names.iter().map(String::as_str)).collect())
}

/// The buffers a file's own calls fill (a format call's destination, a JSON writer's
/// buffer), by their last identifier, with the call: what the symbol index's buffer maps
/// hold of the file before the out-parameter fills are derived across files; with the
/// SDK function (a format call's or a JSON writer's set-up). The text is asked for only
/// at such a call: most files make none, and a text may be one the face reads again when
/// asked (see `FileFacts::passed_over`).
pub(crate) fn buffers_written<'c>(text: &(impl AsRef<str> + ?Sized), facts: &'c FileFacts, mut f: impl FnMut(String, &'c Call, &'static Api)) {
    let mut written = |c: &'c Call, api: &'static Api| {
        let arg = match api.role {
            Role::Format => api.dest_arg,
            Role::JsonInit => api.arg,
            _ => return,
        };
        if let Some(name) = arg.and_then(|i| c.args.get(i)).and_then(|r| last_ident(text.as_ref(), &r)) {
            f(name, c, api);
        }
    };
    // The SDK calls the reading looked up, when it did (every buffer API is an SDK
    // function of the tables): not every call of the file again (azure-iot-sdk-c's index
    // spent ~2 ms on its 93,000 calls, on the thread that ends the split's stage last).
    if let Some(listed) = &facts.sdk_calls {
        for &(i, api) in listed.iter() {
            written(&facts.calls[i as usize], api);
        }
        return;
    }
    let buffer_apis = buffer_api_names();
    let t = tables();
    for c in &facts.calls {
        if !t.may_name(&c.name) || !buffer_apis.contains(c.name.as_str()) {
            continue;
        }
        for api in t.lookup(&c.name) {
            written(c, api);
        }
    }
}

/// The hashes of a file's names ([`hash_name`]), in the order of its facts' defines,
/// initialisers, assignments, calls and functions.
#[derive(Default)]
pub struct FileNameHashes {
    defines: Box<[u64]>,
    inits: Box<[u64]>,
    assigns: Box<[u64]>,
    calls: Box<[u64]>,
    functions: Box<[u64]>,
}

impl FileNameHashes {
    pub fn of(facts: &FileFacts) -> FileNameHashes {
        FileNameHashes {
            defines: facts.defines.iter().map(|d| hash_name(&d.name)).collect(),
            inits: facts.inits.iter().map(|i| hash_name(&i.name)).collect(),
            assigns: facts
                .assigns
                .iter()
                .map(|a| match &a.target {
                    AssignTarget::Field(n) | AssignTarget::Var(n) => hash_name(n),
                })
                .collect(),
            calls: facts.calls.iter().map(|c| hash_name(&c.name)).collect(),
            functions: facts.functions.iter().map(|f| hash_name(&f.name)).collect(),
        }
    }
}

/// The names defined across a set of files, for look-ups.
#[derive(Default)]
pub struct SymbolIndex<'a> {
    defines: NameTable<'a, Vec<(usize, &'a Define)>>,
    inits: NameTable<'a, Vec<Site>>,
    field_assigns: NameTable<'a, Vec<(Site, Option<&'a str>)>>,
    var_assigns: NameTable<'a, Vec<Site>>,
    /// Calls that fill a buffer (`snprintf(buf, ...)`), by the buffer's last identifier;
    /// also a caller's buffer that a helper fills through a pointer parameter.
    fills: NameMap<String, Vec<Fill<'a>>>,
    /// Buffers a JSON writer is set up on, by the buffer's last identifier (a caller's
    /// buffer too when a helper sets the writer up on its parameter).
    writer_buffers: NameMap<String, Vec<Site>>,
    /// Call sites by callee name: where a function's parameters get their values.
    calls: NameTable<'a, Vec<(usize, &'a Call)>>,
    /// Function definitions by name: (file, function index).
    functions: NameTable<'a, Vec<(usize, usize)>>,
    /// For an index built without every call site ([`SymbolIndex::build_global`]): the
    /// files it covers, read again for the callers of buffer-filling helpers alone.
    partial_calls: Option<Vec<usize>>,
    /// An index kept between analyses ([`HeldIndex`]): its own copy of the names it is
    /// keyed by, and per file the buffers its calls write (the buffer maps are rebuilt
    /// from them after an update).
    names: Option<Names>,
    buffers: Option<std::collections::BTreeMap<usize, Vec<(String, Buffer<'a>)>>>,
    /// An index shared by the programs of one analysis ([`SymbolIndex::build_shared`]): per
    /// file with any, the buffers its own calls write, in file order (what a program's
    /// [`SymbolIndex::view`] starts its buffer maps from).
    file_buffers: Option<Vec<(usize, FileBuffers<'a>)>>,
    /// A program's index read from the shared one ([`SymbolIndex::view`]); its own tables
    /// other than the buffer maps are then empty.
    /// Boxed: an index is moved by value through deep frames (debug builds' stacks).
    view: Option<Box<View<'a>>>,
    /// For the shared index ([`SymbolIndex::build_shared`]): its assignments to plain
    /// variables, read by name when first asked for; `var_assigns` is then empty.
    lazy_assigns: Option<Box<LazyAssigns<'a>>>,
}

/// The shared index's assignments to plain variables by name: per name, the files (in
/// order) that assign it, and its list of sites read from those files' facts when the name
/// is first asked for (in the order an index built file by file holds them). A tree's
/// assignments are mostly never asked for: fw10k's 645,000 are all to `acc`, which nothing
/// looks up, and indexing each was a site and a push (16.8 MB for the one list). (Field
/// assignments, far fewer, stay indexed as they are: a list holding the objects' names,
/// borrowed, would make the index invariant in their lifetime.)
struct LazyAssigns<'a> {
    files: &'a [FileInput],
    var: NameTable<'a, LazyList>,
    /// Every name's files, as lists linked through one vector: (file, the index of the
    /// name's next entry or [`NO_LINK`]), not a vector allocated per name.
    links: Vec<(u32, u32)>,
    /// The name and file last noted: a name assigned again right after is listed already.
    last: Option<(&'a str, u32)>,
}

/// The end of a list of [`LazyAssigns::links`].
const NO_LINK: u32 = u32::MAX;

/// One name's entries of [`LazyAssigns`]: its first and last file in
/// [`LazyAssigns::links`], and, once asked for, its files in one list and its sites.
struct LazyList {
    head: u32,
    tail: u32,
    files: std::sync::OnceLock<Box<[u32]>>,
    list: std::sync::OnceLock<Vec<Site>>,
}

impl<'a> LazyAssigns<'a> {
    fn new(files: &'a [FileInput]) -> LazyAssigns<'a> {
        LazyAssigns { files, var: NameTable::default(), links: Vec::new(), last: None }
    }

    /// File `fi`, noted in file order, assigns `name`.
    fn note(&mut self, name: &'a str, fi: usize) {
        let fi = fi as u32;
        if self.last == Some((name, fi)) {
            return;
        }
        self.last = Some((name, fi));
        let LazyAssigns { var, links, .. } = self;
        let l = var.entry(SymbolIndex::key(&mut None, name, None)).or_insert(LazyList { head: NO_LINK, tail: NO_LINK, files: Default::default(), list: Default::default() });
        if l.tail != NO_LINK && links[l.tail as usize].0 == fi {
            return;
        }
        let at = links.len() as u32;
        links.push((fi, NO_LINK));
        match l.tail {
            NO_LINK => l.head = at,
            tail => links[tail as usize].1 = at,
        }
        l.tail = at;
    }

    /// The files that assign the name of `l`, in order (each once).
    fn files_of<'l>(&'l self, l: &'l LazyList) -> &'l [u32] {
        l.files.get_or_init(|| {
            let mut out = Vec::new();
            let mut at = l.head;
            while at != NO_LINK {
                let (fi, next) = self.links[at as usize];
                out.push(fi);
                at = next;
            }
            out.into_boxed_slice()
        })
    }

    /// File `fi`'s assignments to a variable `name`, in its order, appended to `out`: its
    /// entries of the name's list. (A file the prefilter passed over is read again for
    /// them, see [`super::facts::VarAssigns::read`].)
    fn entries_in(&self, name: &str, fi: usize, out: &mut Vec<Site>) {
        let f = &self.files[fi];
        out.extend(f.facts.assigns.iter().filter(|a| matches!(&a.target, AssignTarget::Var(n) if n == name)).map(|a| site(f, fi, &a.value())));
        // (A file keeps them in one list or the other.)
        out.extend(f.facts.var_assigns.iter().flat_map(|v| v.read(&f.text).values_of(name)).map(|value| site(f, fi, &value)));
    }

    /// The assignments to a variable `name` (of list `l`), as [`SymbolIndex::add_assigns`]
    /// lists them: read from the files that assign it when first asked for.
    fn list<'l>(&'l self, name: &str, l: &'l LazyList) -> &'l Vec<Site> {
        l.list.get_or_init(|| {
            let mut out = Vec::new();
            for &fi in self.files_of(l) {
                self.entries_in(name, fi as usize, &mut out);
            }
            out
        })
    }

    fn var(&self, name: &str) -> Option<&Vec<Site>> {
        let l = self.var.get(name)?;
        Some(self.list(name, l))
    }
}

/// Where [`SymbolIndex::add_assigns`] puts assignments to plain variables: an index's
/// table, or the shared index's [`LazyAssigns`].
enum Sink<'t, 'a> {
    Table(&'t mut NameTable<'a, Vec<Site>>),
    Lazy(&'t mut LazyAssigns<'a>),
}

/// The buffers one file's own calls write, by name.
type FileBuffers<'a> = Vec<(String, Buffer<'a>)>;

/// A program's view of the index shared by the programs of one analysis: a look-up
/// returns the shared entries of the name that are in the program's files, in the same
/// order as an index built from those files alone. Each program indexed every entry of
/// every file it links (a sample joined with an SDK's unit tests: over two thousand files,
/// the same ones for twenty programs); a view filters only the names it looks up.
struct View<'a> {
    base: &'a SymbolIndex<'a>,
    /// Which entries of the shared lists the view returns.
    keep: Keep<'a>,
    /// Entries and files visited filtering shared lists, for tests of the work done.
    steps: std::sync::atomic::AtomicUsize,
    /// The lists that have entries both in and out of the program, filtered once.
    filtered: Mutex<Filtered>,
}

/// The entries a [`View`] keeps of each shared list.
enum Keep<'a> {
    /// Those in a program's files: per file of the linted set whether it is in the
    /// program, and the program's files in order.
    Files { member: Box<[bool]>, files: Box<[usize]> },
    /// Those nearest to a file, as the split resolves a name (see
    /// [`SymbolIndex::nearest`]): the folders from the file's own to the root, and how
    /// many of them are within the program's folder.
    Nearest { near: &'a Nearness, around: Box<[(u32, u32)]>, program: usize, user: usize },
}

/// How far a [`View`] that keeps the nearest entries looks for a list's entries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Up to the root: functions and variables (a data file no call links, beside the
    /// program's folder, can define the program's `model_id`).
    Workspace,
    /// Within the folder that holds the program's files: names only the program's own
    /// code gives a meaning (a local buffer named `size`, a struct field), and macros (one
    /// that no file of the program defines or includes comes from the build, not from a
    /// header of another project).
    Program,
}

/// Per shared list (by its address), the program's entries of it; `None` when they are
/// all in the program (the shared list is returned as is).
type FilteredOf<T> = FxMap<usize, Option<Box<Vec<T>>>>;

#[derive(Default)]
struct Filtered {
    defines: FilteredOf<(usize, &'static Define)>,
    inits: FilteredOf<Site>,
    field_assigns: FilteredOf<(Site, Option<&'static str>)>,
    var_assigns: FilteredOf<Site>,
    /// Per list of the base's assignments read by name ([`LazyList`]), the files kept.
    var_files: FxMap<usize, Box<[u32]>>,
    calls: FilteredOf<(usize, &'static Call)>,
    functions: FilteredOf<(usize, usize)>,
    fills: FilteredOf<Fill<'static>>,
    writer_buffers: FilteredOf<Site>,
}

/// A buffer written by a call: filled by a format call, or a JSON writer set up on it.
#[derive(Clone)]
enum Buffer<'a> {
    Fill(Fill<'a>),
    Writer(Site),
}

/// The entries of `list` (in file order, as the index keeps them) in function `func` of
/// `file`.
pub(crate) fn here(list: Option<&Vec<Site>>, file: usize, func: usize) -> impl Iterator<Item = &Site> {
    let list = list.map_or(&[][..], Vec::as_slice);
    let from = list.partition_point(|s| s.file() < file);
    list[from..].iter().take_while(move |s| s.file() == file).filter(move |s| s.func() == Some(func))
}

/// The hash of a name as the symbol index's tables key it ([`NameHasher`] over its bytes).
#[inline]
pub fn hash_name(name: &str) -> u64 {
    let mut h = NameHasher::default();
    h.write(name.as_bytes());
    h.finish()
}

/// `a == b` for identifiers: up to sixteen bytes compared as two words each (loads that may
/// overlap), not through `memcmp`, whose call was a third of the identifiers' interner's
/// look-ups and shows in the symbol index's (most names are short, and a look-up that
/// finds its name compares it whole).
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // (The pieces [`NameHasher`] reads of a short name.)
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4),
        8..=16 => load8(a, 0) == load8(b, 0) && load8(a, n - 8) == load8(b, n - 8),
        _ => a == b,
    }
}

/// The eight bytes of `b` from `i` as a word (`i + 8 <= b.len()`).
#[inline]
fn load8(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or_default())
}

/// The four bytes of `b` from `i` as a word (`i + 4 <= b.len()`).
#[inline]
fn load4(b: &[u8], i: usize) -> u64 {
    u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or_default()) as u64
}

/// A name with its hash: the symbol index of each program is built from the names of its
/// files, hashed once per file and analysis ([`FileNameHashes`]), not once per program.
#[derive(Clone, Copy, Debug)]
pub struct HashedName<'a> {
    hash: u64,
    name: &'a str,
}

impl<'a> HashedName<'a> {
    fn new(name: &'a str, hash: u64) -> Self {
        debug_assert_eq!(hash, hash_name(name));
        HashedName { hash, name }
    }
}

impl std::hash::Hash for HashedName<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.hash);
    }
}

impl PartialEq for HashedName<'_> {
    #[inline]
    fn eq(&self, o: &Self) -> bool {
        self.hash == o.hash && same_name(self.name, o.name)
    }
}

impl Eq for HashedName<'_> {}

/// A [`HashedName`] of any lifetime, for look-ups by a name that lives shorter than the
/// table's keys.
trait NameKey {
    fn parts(&self) -> (u64, &str);
}

impl NameKey for HashedName<'_> {
    fn parts(&self) -> (u64, &str) {
        (self.hash, self.name)
    }
}

impl std::hash::Hash for dyn NameKey + '_ {
    #[inline]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.parts().0);
    }
}

impl PartialEq for dyn NameKey + '_ {
    #[inline]
    fn eq(&self, o: &Self) -> bool {
        self.parts() == o.parts()
    }
}

impl Eq for dyn NameKey + '_ {}

impl<'a: 'b, 'b> std::borrow::Borrow<dyn NameKey + 'b> for HashedName<'a> {
    fn borrow(&self) -> &(dyn NameKey + 'b) {
        self
    }
}

/// Hashes a [`HashedName`] by the hash it carries.
#[derive(Default, Clone, Copy)]
pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; any other key is hashed as NameHasher would.
        let mut h = NameHasher(self.0);
        h.write(bytes);
        self.0 = h.0;
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A symbol index table: entries by name, keyed by the name's hash computed once.
pub struct NameTable<'a, V>(HashMap<HashedName<'a>, V, std::hash::BuildHasherDefault<PassHasher>>);

impl<V> Default for NameTable<'_, V> {
    fn default() -> Self {
        NameTable(HashMap::default())
    }
}

impl<'a, V> NameTable<'a, V> {
    #[inline]
    pub fn get(&self, name: &str) -> Option<&V> {
        let key = HashedName { hash: hash_name(name), name };
        self.0.get(&key as &dyn NameKey)
    }

    #[inline]
    fn get_mut(&mut self, key: HashedName<'a>) -> Option<&mut V> {
        self.0.get_mut(&key)
    }

    #[inline]
    fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    fn reserve(&mut self, more: usize) {
        self.0.reserve(more);
    }

    #[inline]
    fn entry(&mut self, key: HashedName<'a>) -> std::collections::hash_map::Entry<'_, HashedName<'a>, V> {
        self.0.entry(key)
    }
}

/// A name's first entry: most names of a tree have one (a macro defined once, a function,
/// a variable), and a vector's first growth would reserve four.
fn one<T>() -> Vec<T> {
    Vec::with_capacity(1)
}

/// Insert `e` after the entries of its file and the files before it (entries are in file
/// order; a build in one pass appends).
fn put<T>(v: &mut Vec<T>, file: impl Fn(&T) -> usize, e: T) {
    let fi = file(&e);
    if v.last().is_none_or(|l| file(l) <= fi) {
        v.push(e);
    } else {
        let at = v.partition_point(|x| file(x) <= fi);
        v.insert(at, e);
    }
}

/// The buffers file `fi`'s (`f`'s) own calls write ([`buffers_written`]), as the index
/// keeps them.
fn own_buffers(f: &FileInput, fi: usize) -> FileBuffers<'_> {
    let mut own = Vec::new();
    // (`buffers_written` asks for the text only at a format call or a JSON writer's: most
    // files make none, and their text may be one the face reads again when asked.)
    buffers_written(&f.text, &f.facts, |name, call, api| {
        let site = site(f, fi, &call.range());
        let buffer = match api.role {
            Role::Format => Buffer::Fill(Fill { site, file: fi, call, api, binding: None }),
            // (The only other role `buffers_written` reports: a JSON writer's set-up.)
            _ => Buffer::Writer(site),
        };
        own.push((name, buffer));
    });
    own
}

/// The site of an entry of file `fi` (`f`) at `range`.
fn site(f: &FileInput, fi: usize, range: &Range<usize>) -> Site {
    Site::new(fi, enclosing_function(&f.facts, range.start), range.clone())
}

/// The names an index kept between analyses is keyed by: its own copies, so that the
/// facts of a file can be replaced while other files' entries stay under the same key.
#[derive(Default)]
struct Names {
    set: std::collections::HashSet<Box<str>, std::hash::BuildHasherDefault<NameHasher>>,
}

impl Names {
    fn intern<'a>(&mut self, name: &str) -> &'a str {
        if !self.set.contains(name) {
            self.set.insert(name.into());
        }
        let s: &str = self.set.get(name).expect("inserted above");
        // SAFETY: the string's bytes live in their own heap allocation, which is neither
        // moved nor freed while the set holds it; the set only grows and is dropped with
        // the index whose keys point into it.
        unsafe { &*(s as *const str) }
    }
}

/// A call that writes a buffer. `site` is where the buffer is written from the reader's
/// point of view: the format call itself, or, when a helper fills its pointer parameter
/// (`create_telemetry(buf, sizeof buf, &len)`), the call of that helper in the caller.
#[derive(Clone)]
pub struct Fill<'a> {
    pub site: Site,
    /// The file of the format call.
    pub file: usize,
    pub call: &'a Call,
    pub api: &'a Api,
    /// The helper's parameters bound to the caller's arguments (out-parameter fills).
    pub binding: Option<Binding>,
}

/// How many helper levels an out-parameter fill is followed up (`a(buf)` → `b(p)` →
/// `snprintf(q, ...)`).
const OUT_PARAM_LEVELS: usize = 3;

/// The entries of a shared list the view keeps (see [`View`], [`Keep`]). `S` is `T` with
/// its lifetimes `'static` (the kept lists are stored so, for the index to stay covariant
/// in its lifetime).
fn in_view<'s, T: Clone, S>(
    view: &'s View<'_>,
    shared: Option<&'s Vec<T>>,
    reach: Reach,
    file: impl Fn(&T) -> usize,
    table: impl FnOnce(&mut Filtered) -> &mut FilteredOf<S>,
) -> Option<&'s Vec<T>> {
    const { assert!(std::mem::size_of::<T>() == std::mem::size_of::<S>() && std::mem::align_of::<T>() == std::mem::align_of::<S>()) };
    let v = shared?;
    let mut all = view.filtered.lock().unwrap_or_else(|e| e.into_inner());
    let kept = table(&mut all).entry(v as *const Vec<T> as usize).or_insert_with(|| {
        let inside = kept_runs(view, v, reach, file);
        let n: usize = inside.iter().map(|r| r.len()).sum();
        (n < v.len()).then(|| {
            let list: Box<Vec<T>> = Box::new(inside.into_iter().flat_map(|r| v[r].iter().cloned()).collect());
            // SAFETY: `S` is `T` with other lifetimes (same layout); the entries point into
            // facts that outlive the view, and are read back only as `T` (below).
            unsafe { Box::from_raw(Box::into_raw(list) as *mut Vec<S>) }
        })
    });
    match kept {
        None => Some(v),
        Some(b) if b.is_empty() => None,
        Some(b) => {
            let list = &**b as *const Vec<S> as *const Vec<T>;
            // SAFETY: stored from a `Vec<T>` above, in its own heap allocation, which the
            // map neither moves nor frees (entries are never removed or replaced) while the
            // view, and so `&'s self`, lives.
            Some(unsafe { &*list })
        }
    }
}

/// Which entries of `v` (in file order) the view keeps, as runs of their indices.
fn kept_runs<T>(view: &View<'_>, v: &[T], reach: Reach, file: impl Fn(&T) -> usize) -> Vec<Range<usize>> {
    // The shorter of the two is walked: a name every sample defines (`main`, a sample's
    // own helpers) is looked up by every program, and scanning its whole list in each made
    // the work grow with the square of the samples. Lists are in file order; a program's
    // files are found in one by binary search from where the last one ended.
    let mut inside: Vec<Range<usize>> = Vec::new();
    let mut keep_at = |k: usize| match inside.last_mut() {
        Some(r) if r.end == k => r.end = k + 1,
        _ => inside.push(k..k + 1),
    };
    match &view.keep {
        Keep::Files { files, .. } if files.len() < v.len() => {
            let mut at = 0;
            for &f in files.iter() {
                let from = at + v[at..].partition_point(|e| file(e) < f);
                let to = from + v[from..].partition_point(|e| file(e) <= f);
                if from < to {
                    inside.push(from..to);
                }
                at = to;
                if at == v.len() {
                    break;
                }
            }
            view.steps.fetch_add(files.len(), Ordering::Relaxed);
        }
        Keep::Files { member, .. } => {
            for (k, e) in v.iter().enumerate() {
                if member[file(e)] {
                    keep_at(k);
                }
            }
            view.steps.fetch_add(v.len(), Ordering::Relaxed);
        }
        Keep::Nearest { near, around, program, user } => {
            // How far up from the file each entry's folder is; the nearest are kept.
            let levels = if reach == Reach::Program { &around[..(*program).min(around.len())] } else { around };
            let up: Vec<usize> = v
                .iter()
                .map(|e| {
                    let key = near.key(file(e));
                    if !near.links(file(e), *user) {
                        return usize::MAX;
                    }
                    levels.iter().position(|&(a, b)| a <= key && key < b).unwrap_or(usize::MAX)
                })
                .collect();
            let best = up.iter().copied().min().unwrap_or(usize::MAX);
            for (k, &u) in up.iter().enumerate() {
                if u == best && u != usize::MAX {
                    keep_at(k);
                }
            }
            view.steps.fetch_add(v.len(), Ordering::Relaxed);
        }
    }
    inside
}

/// The files a view keeps of the lazy list `l` of its base's assignments, as [`kept_runs`]
/// keeps their entries (found once per view and list, in `var_files`).
fn lazy_kept_files<'f>(var_files: &'f mut FxMap<usize, Box<[u32]>>, view: &View<'_>, lazy: &LazyAssigns<'_>, l: &LazyList) -> &'f [u32] {
    var_files.entry(l as *const LazyList as usize).or_insert_with(|| {
        let files = lazy.files_of(l);
        kept_runs(view, files, Reach::Workspace, |&f| f as usize).into_iter().flat_map(|r| files[r].iter().copied()).collect()
    })
}

/// A view's entries of its base's assignments to a plain variable `name` read by name
/// ([`LazyAssigns`]): those of the files it keeps, read from those files alone.
fn lazy_in_view<'s>(view: &'s View<'_>, lazy: &'s LazyAssigns<'_>, name: &str) -> Option<&'s Vec<Site>> {
    let l = lazy.var.get(name)?;
    let mut all = view.filtered.lock().unwrap_or_else(|e| e.into_inner());
    let Filtered { var_files, var_assigns, .. } = &mut *all;
    let files = lazy_kept_files(var_files, view, lazy, l);
    if files.is_empty() {
        return None;
    }
    if files.len() == lazy.files_of(l).len() {
        drop(all);
        return Some(lazy.list(name, l));
    }
    let kept = var_assigns.entry(l as *const LazyList as usize).or_insert_with(|| {
        let mut out = Vec::new();
        for &f in files.iter() {
            lazy.entries_in(name, f as usize, &mut out);
        }
        Some(Box::new(out))
    });
    let list: *const Vec<Site> = &**kept.as_ref().expect("stored above");
    // SAFETY: in its own heap allocation, which the map neither moves nor frees (entries
    // are never removed or replaced) while the view, and so `&'s View`, lives.
    Some(unsafe { &*list })
}

impl<'a> SymbolIndex<'a> {
    /// The entries of `name` in the tables of a plain index, or of a view's shared index
    /// filtered to the program's files.
    #[inline]
    pub(crate) fn defines_get(&self, name: &str) -> Option<&Vec<(usize, &'a Define)>> {
        match &self.view {
            None => self.defines.get(name),
            Some(v) => in_view(v, v.base.defines.get(name), Reach::Program, |e| e.0, |f| &mut f.defines),
        }
    }

    #[inline]
    pub(crate) fn inits_get(&self, name: &str) -> Option<&Vec<Site>> {
        match &self.view {
            None => self.inits.get(name),
            Some(v) => in_view(v, v.base.inits.get(name), Reach::Workspace, |e| e.file(), |f| &mut f.inits),
        }
    }

    #[inline]
    pub(crate) fn field_assigns_get(&self, name: &str) -> Option<&Vec<(Site, Option<&'a str>)>> {
        match &self.view {
            None => self.field_assigns.get(name),
            Some(v) => in_view(v, v.base.field_assigns.get(name), Reach::Program, |e| e.0.file(), |f| &mut f.field_assigns),
        }
    }

    #[inline]
    pub(crate) fn var_assigns_get(&self, name: &str) -> Option<&Vec<Site>> {
        match &self.view {
            None => self.own_var_assigns(name),
            Some(v) => match &v.base.lazy_assigns {
                Some(lazy) => lazy_in_view(v, lazy, name),
                None => in_view(v, v.base.own_var_assigns(name), Reach::Workspace, |e| e.file(), |f| &mut f.var_assigns),
            },
        }
    }

    /// Whether any assignment to a plain variable `name` is in this index: `var_assigns_get`
    /// holds any, without reading the entries of a list read by name ([`LazyAssigns`]:
    /// whether a name is a variable of the program is asked of names whose entries are in
    /// files the prefilter passed over, read again for them).
    pub(crate) fn has_var_assigns(&self, name: &str) -> bool {
        self.with_lazy_var_files(name, |files| !files.is_empty()).unwrap_or_else(|| self.var_assigns_get(name).is_some_and(|v| !v.is_empty()))
    }

    /// The assignments to a plain variable `name` in function `func` of `file`: those of
    /// `var_assigns_get`, read from that file alone when the list is read by name.
    pub(crate) fn var_assigns_here(&self, name: &str, file: usize, func: usize) -> Vec<Site> {
        let Some(kept) = self.with_lazy_var_files(name, |files| files.binary_search(&(file as u32)).is_ok()) else {
            return here(self.var_assigns_get(name), file, func).copied().collect();
        };
        if !kept {
            return Vec::new();
        }
        let lazy = self.view.as_ref().map_or(self, |v| v.base).lazy_assigns.as_deref().expect("a list read by name");
        let mut out = Vec::new();
        lazy.entries_in(name, file, &mut out);
        out.retain(|s| s.func() == Some(func));
        out
    }

    /// A signature of `var_assigns_get(name)`: of the files its entries are in, with their
    /// keys (`key`), in order. A file's entries of a name are its own facts', so the files
    /// and their keys tell the entries; a list read by name is not read for it.
    fn var_assigns_signature(&self, name: &str, key: &impl Fn(usize) -> u64) -> u64 {
        let mut h = FxHasher::default();
        let mark = |h: &mut FxHasher, f: usize| {
            h.write_usize(f);
            h.write_u64(key(f));
        };
        if self.with_lazy_var_files(name, |files| files.iter().for_each(|&f| mark(&mut h, f as usize))).is_none() {
            let mut last = None;
            for s in self.var_assigns_get(name).into_iter().flatten() {
                if last != Some(s.file()) {
                    last = Some(s.file());
                    mark(&mut h, s.file());
                }
            }
        }
        h.finish()
    }

    /// For an index whose assignments to plain variables are read by name ([`LazyAssigns`],
    /// its own or its base's): `f` of the files of `var_assigns_get(name)`'s entries, in order.
    fn with_lazy_var_files<R>(&self, name: &str, f: impl FnOnce(&[u32]) -> R) -> Option<R> {
        match &self.view {
            None => {
                let lazy = self.lazy_assigns.as_deref()?;
                Some(f(lazy.var.get(name).map_or(&[][..], |l| lazy.files_of(l))))
            }
            Some(v) => {
                let lazy = v.base.lazy_assigns.as_deref()?;
                let Some(l) = lazy.var.get(name) else { return Some(f(&[])) };
                let mut all = v.filtered.lock().unwrap_or_else(|e| e.into_inner());
                Some(f(lazy_kept_files(&mut all.var_files, v, lazy, l)))
            }
        }
    }

    /// This index's own entries of `name` in its table of assignments to a plain variable
    /// (a view's are its base's, filtered).
    #[inline]
    fn own_var_assigns(&self, name: &str) -> Option<&Vec<Site>> {
        match &self.lazy_assigns {
            Some(l) => l.var(name),
            None => self.var_assigns.get(name),
        }
    }

    #[inline]
    pub(crate) fn calls_get(&self, name: &str) -> Option<&Vec<(usize, &'a Call)>> {
        match &self.view {
            None => self.calls.get(name),
            Some(v) => in_view(v, v.base.calls.get(name), Reach::Workspace, |e| e.0, |f| &mut f.calls),
        }
    }

    /// The shared index's table of functions by name when this index is a view of it that
    /// keeps every file (a program of the whole linted set): each list is then the
    /// program's as it is.
    pub(crate) fn functions_of_every_file(&self) -> Option<&NameTable<'a, Vec<(usize, usize)>>> {
        let v = self.view.as_ref()?;
        match &v.keep {
            Keep::Files { member, files } if files.len() == member.len() && v.base.view.is_none() => Some(&v.base.functions),
            _ => None,
        }
    }

    #[inline]
    pub(crate) fn functions_get(&self, name: &str) -> Option<&Vec<(usize, usize)>> {
        match &self.view {
            None => self.functions.get(name),
            Some(v) => in_view(v, v.base.functions.get(name), Reach::Workspace, |e| e.0, |f| &mut f.functions),
        }
    }

    /// The format calls that fill a buffer `name`: the index's own (a program's view
    /// keeps its own buffer maps), or the nearest of the shared index's.
    #[inline]
    pub(crate) fn fills_get(&self, name: &str) -> Option<&Vec<Fill<'a>>> {
        match &self.view {
            Some(v) if matches!(v.keep, Keep::Nearest { .. }) => in_view(v, v.base.fills.get(name), Reach::Program, |e| e.site.file(), |f| &mut f.fills),
            _ => self.fills.get(name),
        }
    }

    /// The buffers `name` a JSON writer is set up on, as [`SymbolIndex::fills_get`].
    #[inline]
    fn writer_buffers_get(&self, name: &str) -> Option<&Vec<Site>> {
        match &self.view {
            Some(v) if matches!(v.keep, Keep::Nearest { .. }) => in_view(v, v.base.writer_buffers.get(name), Reach::Program, |e| e.file(), |f| &mut f.writer_buffers),
            _ => self.writer_buffers.get(name),
        }
    }

    /// The index of every file and every call site ([`SymbolIndex::build_shared`]) this
    /// index is, or is a view of; `None` for any other index.
    pub(crate) fn shared_whole(&self) -> Option<&SymbolIndex<'a>> {
        let ix = self.view.as_ref().map_or(self, |v| v.base);
        (ix.view.is_none() && ix.file_buffers.is_some() && ix.partial_calls.is_none()).then_some(ix)
    }

    /// `#define`s of `name`, with the file each is in.
    pub fn defines_of(&self, name: &str) -> &[(usize, &'a Define)] {
        self.defines_get(name).map_or(&[], Vec::as_slice)
    }

    /// Initialisers of a variable or constant `name` (`static const char x[] = ...`).
    pub fn inits_of(&self, name: &str) -> &[Site] {
        self.inits_get(name).map_or(&[], Vec::as_slice)
    }

    /// Assignments to a plain variable `name` (`x = ...`).
    pub fn var_assigns_of(&self, name: &str) -> &[Site] {
        self.var_assigns_get(name).map_or(&[], Vec::as_slice)
    }

    /// For a view: the entries and program files it visited filtering the shared lists.
    pub fn view_steps(&self) -> usize {
        self.view.as_ref().map_or(0, |v| v.steps.load(Ordering::Relaxed))
    }

    /// The index of every file of `files` with every call site, shared by the programs of
    /// one analysis through their [`SymbolIndex::view`]s (and, as it holds what
    /// [`SymbolIndex::build_global`] does, usable as the whole set's index).
    ///
    /// Its tables are filled by tasks of their own, each in file order as `add_file` fills
    /// them: the analysis builds this index beside the split, and the thread that ends
    /// first takes the tables not started (on netxduo and fw10k each takes about as long
    /// as the split).
    pub fn build_shared(files: &'a [FileInput]) -> Self {
        let mut ix = SymbolIndex { file_buffers: Some(Vec::new()), ..SymbolIndex::default() };
        let mut var_assigns = Box::new(LazyAssigns::new(files));
        let SymbolIndex { defines, inits, field_assigns, fills, writer_buffers, calls, functions, file_buffers, .. } = &mut ix;
        fn each<'a>(files: &'a [FileInput], mut part: impl FnMut(&'a FileInput, usize, &mut Option<Names>)) {
            let mut names = None;
            for (fi, f) in files.iter().enumerate() {
                part(f, fi, &mut names);
            }
        }
        // The calls' table first, the longest (azure-iot-sdk-c: ~5 ms of ~10); the other
        // tables in tasks of 0.5-1.5 ms. This thread takes them after the calls in the
        // order below, and the thread that ends the split takes the last ones pushed
        // (first the assignments, functions and buffers): with the defines and the
        // initialisers one task (2 ms) taken last, by the split's thread, this thread sat
        // idle ~1 ms before the out-parameter fills.
        rayon::join(
            || each(files, |f, fi, names| Self::add_calls(calls, names, f, fi, true, None)),
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || each(files, |f, fi, names| Self::add_inits(inits, names, f, fi, None)),
                            || each(files, |f, fi, names| Self::add_defines(defines, names, f, fi, None)),
                        )
                    },
                    || {
                        rayon::join(
                            || each(files, |f, fi, names| Self::add_assigns((field_assigns, Sink::Lazy(&mut var_assigns)), names, f, fi, None)),
                            || {
                                rayon::join(
                                    || {
                                        // Sized for every definition (most names are defined
                                        // once): grown an insert at a time, fw10k's 76,000
                                        // were rehashed a dozen times.
                                        functions.reserve(files.iter().map(|f| f.facts.functions.len()).sum());
                                        each(files, |f, fi, names| Self::add_functions(functions, names, f, fi, None))
                                    },
                                    || each(files, |f, fi, _| Self::add_buffers((fills, writer_buffers), file_buffers.as_mut(), fi, own_buffers(f, fi))),
                                )
                            },
                        )
                    },
                )
            },
        );
        ix.lazy_assigns = Some(var_assigns);
        ix.add_out_parameter_fills(files);
        ix
    }

    /// The index of the program of files `which`, read from `shared` (built by
    /// [`SymbolIndex::build_shared`] from the same `files`): every look-up returns what an
    /// index built from `which` alone returns, but only the names looked up are filtered.
    /// The buffer maps and the out-parameter fills are the program's own (few entries).
    pub fn view(shared: &'a SymbolIndex<'a>, files: &'a [FileInput], which: &std::collections::BTreeSet<usize>) -> Self {
        let mut member = vec![false; files.len()].into_boxed_slice();
        for &f in which {
            member[f] = true;
        }
        let mut ix = SymbolIndex::default();
        // The buffer maps as `add_file` fills them, file by file in order.
        for (fi, own) in shared.file_buffers.iter().flatten() {
            if !member[*fi] {
                continue;
            }
            for (name, e) in own {
                match e {
                    Buffer::Fill(fill) => ix.fills.entry(name.clone()).or_insert_with(one).push(fill.clone()),
                    Buffer::Writer(w) => ix.writer_buffers.entry(name.clone()).or_insert_with(one).push(*w),
                }
            }
        }
        let in_order = which.iter().copied().collect();
        ix.view = Some(Box::new(View { base: shared, keep: Keep::Files { member, files: in_order }, filtered: Mutex::default(), steps: Default::default() }));
        ix.add_out_parameter_fills(files);
        ix
    }

    /// What a program whose entry point is in file `file` reads of the whole set's index
    /// `whole` when its own files (`program`) have nothing of a name: the entries nearest
    /// to `file`, those under the deepest of its folders that holds any, as the split
    /// resolves a function name. Macros, buffers filled by a format call or a JSON
    /// writer, and struct fields are looked for only within the folder that holds the
    /// program's files (see [`Reach::Program`]): a sample's local `size` is not a network
    /// stack's, whose packet fields an SDK sample followed to make its questions fifty
    /// times as long on four SDK checkouts; a sibling project's `DEVICE_MODEL_ID` is not
    /// the one the build gives this program.
    pub fn nearest(whole: &'a SymbolIndex<'a>, near: &'a Nearness, file: usize, program: impl Iterator<Item = usize>) -> Self {
        let (around, program) = near.around(file, program);
        let keep = Keep::Nearest { near, around, program, user: file };
        SymbolIndex { view: Some(Box::new(View { base: whole, keep, filtered: Mutex::default(), steps: Default::default() })), ..SymbolIndex::default() }
    }

    pub fn build(files: &'a [FileInput], which: impl Iterator<Item = usize>) -> Self {
        Self::build_with(files, which, true)
    }

    /// The index of the whole linted set, for the resolver's fallback. It reads callers
    /// only from a program's own index, so this one keeps the call sites of the helpers
    /// that fill a caller's buffer alone, not all of them (most of what a large tree holds).
    pub fn build_global(files: &'a [FileInput], which: impl Iterator<Item = usize>) -> Self {
        Self::build_with(files, which, false)
    }

    /// `build`, with the names' hashes of each file computed once in `cache` and shared by
    /// the programs of one analysis (hashing every name of every file of every program was
    /// a twentieth of a whole SDK checkout's time).
    pub fn build_hashed(files: &'a [FileInput], which: impl Iterator<Item = usize>, cache: &ResolveCache) -> Self {
        let mut ix = SymbolIndex::default();
        for fi in which {
            ix.add_file(files, fi, true, Some(cache.name_hashes(files, fi)));
        }
        ix.add_out_parameter_fills(files);
        ix
    }

    fn build_with(files: &'a [FileInput], which: impl Iterator<Item = usize>, all_calls: bool) -> Self {
        // No room reserved up front: sized by entries rather than distinct names, the maps
        // of every program's index took 70 MB more on netxduo for no measurable speed.
        let mut ix = SymbolIndex::default();
        let mut covered = Vec::new();
        for fi in which {
            if !all_calls {
                covered.push(fi);
            }
            ix.add_file(files, fi, all_calls, None);
        }
        if !all_calls {
            ix.partial_calls = Some(covered);
        }
        ix.add_out_parameter_fills(files);
        ix
    }

    /// The name as a key: the facts' own string, or, in an index kept between analyses
    /// (whose files' facts are replaced one by one), a copy of its own.
    fn key(names: &mut Option<Names>, name: &'a str, hash: Option<u64>) -> HashedName<'a> {
        let name = match names {
            None => name,
            Some(n) => n.intern(name),
        };
        HashedName::new(name, hash.unwrap_or_else(|| hash_name(name)))
    }

    /// Add the entries of file `fi`. Entries stay in file order: a file's entries go after
    /// those of the files before it (an index built in one pass only appends).
    fn add_file(&mut self, files: &'a [FileInput], fi: usize, all_calls: bool, hashes: Option<&FileNameHashes>) {
        let f = &files[fi];
        let names = &mut self.names;
        Self::add_defines(&mut self.defines, names, f, fi, hashes);
        Self::add_inits(&mut self.inits, names, f, fi, hashes);
        Self::add_assigns((&mut self.field_assigns, Sink::Table(&mut self.var_assigns)), names, f, fi, hashes);
        Self::add_calls(&mut self.calls, names, f, fi, all_calls, hashes);
        let own = own_buffers(f, fi);
        Self::add_functions(&mut self.functions, names, f, fi, hashes);
        match &mut self.buffers {
            // Kept per file, the maps are rebuilt from them in file order after an update.
            Some(b) => {
                if !own.is_empty() {
                    b.insert(fi, own);
                }
            }
            None => Self::add_buffers((&mut self.fills, &mut self.writer_buffers), self.file_buffers.as_mut(), fi, own),
        }
    }

    // The parts of `add_file`, each filling tables of its own (`build_shared` fills them
    // side by side).

    fn add_defines(defines: &mut NameTable<'a, Vec<(usize, &'a Define)>>, names: &mut Option<Names>, f: &'a FileInput, fi: usize, hashes: Option<&FileNameHashes>) {
        for (k, d) in f.facts.defines.iter().enumerate() {
            put(defines.entry(Self::key(names, d.name.as_str(), hashes.map(|h| h.defines[k]))).or_insert_with(one), |e| e.0, (fi, d));
        }
    }

    fn add_inits(inits: &mut NameTable<'a, Vec<Site>>, names: &mut Option<Names>, f: &'a FileInput, fi: usize, hashes: Option<&FileNameHashes>) {
        for (k, i) in f.facts.inits.iter().enumerate() {
            put(inits.entry(Self::key(names, i.name.as_str(), hashes.map(|h| h.inits[k]))).or_insert_with(one), |e| e.file(), site(f, fi, &i.value));
        }
    }

    /// File `fi`'s assignments, to fields and to plain variables.
    #[allow(clippy::type_complexity)]
    fn add_assigns(
        (field_assigns, mut var_assigns): (&mut NameTable<'a, Vec<(Site, Option<&'a str>)>>, Sink<'_, 'a>),
        names: &mut Option<Names>,
        f: &'a FileInput,
        fi: usize,
        hashes: Option<&FileNameHashes>,
    ) {
        for (k, a) in f.facts.assigns.iter().enumerate() {
            let h = hashes.map(|h| h.assigns[k]);
            match (&a.target, &mut var_assigns) {
                (AssignTarget::Field(n), _) => {
                    put(field_assigns.entry(Self::key(names, n.as_str(), h)).or_insert_with(one), |e| e.0.file(), (site(f, fi, &a.value()), a.base()))
                }
                (AssignTarget::Var(n), Sink::Table(t)) => put(t.entry(Self::key(names, n.as_str(), h)).or_insert_with(one), |e| e.file(), site(f, fi, &a.value())),
                (AssignTarget::Var(n), Sink::Lazy(l)) => l.note(n.as_str(), fi),
            }
        }
        // Those kept compactly (after the others: a file keeps them in one list or the other).
        if let Some(vars) = &f.facts.var_assigns {
            match var_assigns {
                Sink::Lazy(l) => vars.names().for_each(|n| l.note(n, fi)),
                Sink::Table(t) => {
                    for (n, value, _) in vars.read(&f.text).iter() {
                        put(t.entry(Self::key(names, n, None)).or_insert_with(one), |e| e.file(), site(f, fi, &value));
                    }
                }
            }
        }
    }

    fn add_calls(calls: &mut NameTable<'a, Vec<(usize, &'a Call)>>, names: &mut Option<Names>, f: &'a FileInput, fi: usize, all_calls: bool, hashes: Option<&FileNameHashes>) {
        for (k, c) in f.facts.calls.iter().enumerate() {
            if all_calls {
                put(calls.entry(Self::key(names, c.name.as_str(), hashes.map(|h| h.calls[k]))).or_insert_with(one), |e| e.0, (fi, c));
            } else if names.is_some() {
                // Kept between analyses: the callers already looked up stay complete.
                if let Some(v) = calls.get_mut(Self::key(names, c.name.as_str(), None)) {
                    put(v, |e| e.0, (fi, c));
                }
            }
        }
    }

    fn add_functions(functions: &mut NameTable<'a, Vec<(usize, usize)>>, names: &mut Option<Names>, f: &'a FileInput, fi: usize, hashes: Option<&FileNameHashes>) {
        for (i, func) in f.facts.functions.iter().enumerate() {
            put(functions.entry(Self::key(names, func.name.as_str(), hashes.map(|h| h.functions[i]))).or_insert_with(one), |e| e.0, (fi, i));
        }
    }

    /// The buffer maps of an index not kept between analyses: file `fi`'s `own` buffers
    /// after those of the files before it (and kept per file for views, when `kept`).
    #[allow(clippy::type_complexity)]
    fn add_buffers(
        (fills, writer_buffers): (&mut NameMap<String, Vec<Fill<'a>>>, &mut NameMap<String, Vec<Site>>),
        kept: Option<&mut Vec<(usize, FileBuffers<'a>)>>,
        fi: usize,
        own: FileBuffers<'a>,
    ) {
        if own.is_empty() {
            return;
        }
        if let Some(kept) = kept {
            kept.push((fi, own.clone()));
        }
        for (name, e) in own {
            match e {
                Buffer::Fill(fill) => fills.entry(name).or_insert_with(one).push(fill),
                Buffer::Writer(w) => writer_buffers.entry(name).or_insert_with(one).push(w),
            }
        }
    }

    /// Remove the entries of file `fi`, whose facts (as indexed) were `old`.
    fn remove_file(&mut self, fi: usize, old: &FileFacts) {
        // Kept between analyses only: its keys are its own copies of the names.
        let Some(names) = self.names.as_mut() else { return };
        let mut key = |name: &str| {
            let name: &'a str = names.intern(name);
            HashedName { hash: hash_name(name), name }
        };
        for d in &old.defines {
            if let Some(v) = self.defines.get_mut(key(&d.name)) {
                v.retain(|e| e.0 != fi);
            }
        }
        for i in &old.inits {
            if let Some(v) = self.inits.get_mut(key(&i.name)) {
                v.retain(|e| e.file() != fi);
            }
        }
        for a in &old.assigns {
            match &a.target {
                AssignTarget::Field(n) => {
                    if let Some(v) = self.field_assigns.get_mut(key(n)) {
                        v.retain(|e| e.0.file() != fi);
                    }
                }
                AssignTarget::Var(n) => {
                    if let Some(v) = self.var_assigns.get_mut(key(n)) {
                        v.retain(|e| e.file() != fi);
                    }
                }
            }
        }
        for c in &old.calls {
            if let Some(v) = self.calls.get_mut(key(&c.name)) {
                v.retain(|e| e.0 != fi);
            }
        }
        for func in &old.functions {
            if let Some(v) = self.functions.get_mut(key(&func.name)) {
                v.retain(|e| e.0 != fi);
            }
        }
        if let Some(b) = &mut self.buffers {
            b.remove(&fi);
        }
    }

    /// The buffer maps from the per-file entries, in file order (as one pass builds them),
    /// before the out-parameter fills are added.
    fn rebuild_buffers(&mut self) {
        self.fills = NameMap::default();
        self.writer_buffers = NameMap::default();
        let Some(b) = &self.buffers else { return };
        for own in b.values() {
            for (name, e) in own {
                match e {
                    Buffer::Fill(fill) => self.fills.entry(name.clone()).or_insert_with(one).push(fill.clone()),
                    Buffer::Writer(w) => self.writer_buffers.entry(name.clone()).or_insert_with(one).push(*w),
                }
            }
        }
    }

    /// For an index without every call site: add the call sites of `names` (one pass over
    /// the covered files' calls).
    fn add_callers_of(&mut self, files: &'a [FileInput], names: &[&'a str]) {
        let Some(covered) = &self.partial_calls else { return };
        let wanted: std::collections::HashSet<&str, std::hash::BuildHasherDefault<NameHasher>> =
            names.iter().copied().filter(|n| !self.calls.contains_key(n)).collect();
        if wanted.is_empty() {
            return;
        }
        for &fi in covered {
            for c in &files[fi].facts.calls {
                if wanted.contains(c.name.as_str()) {
                    self.calls.entry(Self::key(&mut self.names, c.name.as_str(), None)).or_insert_with(one).push((fi, c));
                }
            }
        }
        // Names without callers are looked up once.
        for n in wanted {
            self.calls.entry(Self::key(&mut self.names, n, None)).or_default();
        }
    }

    /// A helper that fills (or sets a JSON writer up on) one of its own parameters fills
    /// the caller's argument: `ulCreateTelemetry(ucScratchBuffer, ...)` with
    /// `snprintf(pucTelemetryData, ...)` inside fills `ucScratchBuffer`. Recorded at the
    /// helper's call site, with the helper's parameters bound to that call.
    fn add_out_parameter_fills(&mut self, files: &'a [FileInput]) {
        // (buffer name, fill) pairs and (buffer name, writer site) pairs written through
        // a parameter, by (file, function, parameter position).
        let param_of = |site: &Site, name: &str| -> Option<(usize, usize, usize)> {
            let func = site.func()?;
            let pos = files[site.file()].facts.functions[func].params.iter().position(|p| p == name)?;
            Some((site.file(), func, pos))
        };
        let mut fills: Vec<(String, Fill<'a>)> =
            self.fills.iter().flat_map(|(n, v)| v.iter().map(move |f| (n.clone(), f.clone()))).collect();
        let mut writers: Vec<(String, Site)> =
            self.writer_buffers.iter().flat_map(|(n, v)| v.iter().map(move |s| (n.clone(), *s))).collect();
        for _ in 0..OUT_PARAM_LEVELS {
            if self.partial_calls.is_some() {
                let helpers: Vec<&'a str> = fills
                    .iter()
                    .filter_map(|(n, f)| param_of(&f.site, n))
                    .chain(writers.iter().filter_map(|(n, w)| param_of(w, n)))
                    .map(|(hf, hfunc, _)| files[hf].facts.functions[hfunc].name.as_str())
                    .collect();
                self.add_callers_of(files, &helpers);
            }
            let mut new_fills = Vec::new();
            let mut new_writers = Vec::new();
            for (name, fill) in &fills {
                let Some((hf, hfunc, pos)) = param_of(&fill.site, name) else { continue };
                let helper = &files[hf].facts.functions[hfunc];
                for &(cf, call) in self.calls_get(helper.name.as_str()).into_iter().flatten() {
                    let Some(arg) = call.args.get(pos) else { continue };
                    let Some(buf) = last_ident(&files[cf].text, &arg) else { continue };
                    let site = Site::new(cf, enclosing_function(&files[cf].facts, call.range().start), call.range());
                    // Only the first level binds the helper that formats; deeper levels keep
                    // the binding of the level below (the formatting helper's parameters).
                    let binding = fill.binding.clone().or_else(|| Some(Binding::of_call(files, hf, hfunc, cf, call)));
                    new_fills.push((buf, Fill { site, file: fill.file, call: fill.call, api: fill.api, binding }));
                }
            }
            for (name, wsite) in &writers {
                let Some((hf, hfunc, pos)) = param_of(wsite, name) else { continue };
                let helper = &files[hf].facts.functions[hfunc];
                for &(cf, call) in self.calls_get(helper.name.as_str()).into_iter().flatten() {
                    let Some(arg) = call.args.get(pos) else { continue };
                    let Some(buf) = last_ident(&files[cf].text, &arg) else { continue };
                    let site = Site::new(cf, enclosing_function(&files[cf].facts, call.range().start), call.range());
                    new_writers.push((buf, site));
                }
            }
            if new_fills.is_empty() && new_writers.is_empty() {
                break;
            }
            for (n, f) in &new_fills {
                self.fills.entry(n.clone()).or_default().push(f.clone());
            }
            for (n, w) in &new_writers {
                self.writer_buffers.entry(n.clone()).or_default().push(*w);
            }
            fills = new_fills;
            writers = new_writers;
        }
    }

    /// Per buffer name, a hash of its fills and JSON writer sites by their text (the
    /// calls, the sites, their functions' names, the bound arguments), not their places:
    /// what [`HeldIndex::changed_buffers`] compares. Typing above an entry moves it without
    /// changing what it yields; findings that point into the edited file are checked by
    /// that file's own text hash.
    fn buffer_signatures(&self, files: &[FileInput]) -> FxMap<String, u64> {
        let text = |f: usize, r: &Range<usize>| files.get(f).and_then(|x| x.text.get(r.clone())).unwrap_or_default();
        let func = |f: usize, i: Option<usize>| i.and_then(|i| files.get(f)?.facts.functions.get(i)).map(|g| g.name.as_str());
        let site = |h: &mut FxHasher, s: &Site| {
            h.write_usize(s.file());
            func(s.file(), s.func()).hash(h);
            text(s.file(), &s.range()).hash(h);
        };
        let mut out: FxMap<String, u64> = FxMap::default();
        for (n, v) in &self.fills {
            let mut h = FxHasher::default();
            for fill in v {
                site(&mut h, &fill.site);
                h.write_usize(fill.file);
                text(fill.file, &fill.call.range()).hash(&mut h);
                h.write_usize(fill.api as *const Api as usize);
                if let Some(b) = &fill.binding {
                    h.write_usize(b.file);
                    func(b.file, Some(b.func)).hash(&mut h);
                    for (p, f, r) in &b.args {
                        p.hash(&mut h);
                        h.write_usize(*f);
                        text(*f, r).hash(&mut h);
                    }
                }
            }
            out.insert(n.clone(), h.finish());
        }
        for (n, v) in &self.writer_buffers {
            let mut h = FxHasher::default();
            h.write_u8(1);
            for w in v {
                site(&mut h, w);
            }
            let w = h.finish();
            out.entry(n.clone()).and_modify(|s| *s = s.rotate_left(1) ^ w).or_insert(w);
        }
        out
    }

    /// The call sites of a function, by name.
    pub fn callers(&self, name: &str) -> &[(usize, &'a Call)] {
        self.calls_get(name).map_or(&[], Vec::as_slice)
    }
}

/// A symbol index kept between analyses and brought up to date file by file: an edit
/// re-indexes the edited file instead of every file of the set. It holds the facts its
/// entries point into (shared with the cache), never the texts.
pub struct HeldIndex {
    facts: Vec<Arc<FileFacts>>,
    which: Vec<usize>,
    all_calls: bool,
    /// The buffer names whose entries the last `update` changed (`None` after a build).
    changed_buffers: Option<Vec<String>>,
    /// Per buffer name, what [`SymbolIndex::buffer_signatures`] gave after the last build
    /// or update (the next update compares with it).
    buffer_sigs: FxMap<String, u64>,
    // Declared before nothing it points into is dropped: `ix` refers into `facts` (their
    // heap allocations) and into its own name set.
    ix: SymbolIndex<'static>,
}

impl HeldIndex {
    /// The index of `which` of `files` (all call sites, or only those the out-parameter
    /// fills need, as [`SymbolIndex::build_global`]).
    pub fn build(files: &[FileInput], which: &[usize], all_calls: bool) -> HeldIndex {
        // SAFETY: every reference the index keeps points into the heap allocation of a
        // file's facts (or into static tables, or its own name set), and `facts` keeps
        // those allocations alive as long as the index; a file's entries are removed
        // before its facts are replaced (`update`).
        let files_static: &'static [FileInput] = unsafe { std::mem::transmute::<&[FileInput], &'static [FileInput]>(files) };
        let mut ix = SymbolIndex { names: Some(Names::default()), buffers: Some(Default::default()), ..SymbolIndex::default() };
        for &fi in which {
            ix.add_file(files_static, fi, all_calls, None);
        }
        if !all_calls {
            ix.partial_calls = Some(which.to_vec());
        }
        ix.rebuild_buffers();
        ix.add_out_parameter_fills(files_static);
        let buffer_sigs = ix.buffer_signatures(files);
        HeldIndex { facts: files.iter().map(|f| f.facts.clone()).collect(), which: which.to_vec(), all_calls, changed_buffers: None, buffer_sigs, ix }
    }

    /// Whether it covers `which` of a set of `n` files.
    pub fn covers(&self, n: usize, which: &[usize]) -> bool {
        self.facts.len() == n && self.which == which
    }

    /// Bring the index up to date with `files` (the same paths, in the same order, as it
    /// was built from): the files whose facts changed are indexed again. Returns how many,
    /// or `None` when so many changed that building it again is cheaper.
    pub fn update(&mut self, files: &[FileInput]) -> Option<usize> {
        if files.len() != self.facts.len() {
            return None;
        }
        let changed: Vec<usize> = self.which.iter().copied().filter(|&fi| !Arc::ptr_eq(&self.facts[fi], &files[fi].facts)).collect();
        if changed.is_empty() {
            self.changed_buffers = Some(Vec::new());
            return Some(0);
        }
        if changed.len() > 8 && changed.len() > self.which.len() / 8 {
            return None;
        }
        // SAFETY: as in `build`; the old facts of the changed files are kept until no
        // entry points into them (the buffer maps and out-parameter fills are rebuilt).
        let files_static: &'static [FileInput] = unsafe { std::mem::transmute::<&[FileInput], &'static [FileInput]>(files) };
        for &fi in &changed {
            self.ix.remove_file(fi, &self.facts[fi]);
        }
        for &fi in &changed {
            self.ix.add_file(files_static, fi, self.all_calls, None);
        }
        self.ix.rebuild_buffers();
        self.ix.add_out_parameter_fills(files_static);
        let after = self.ix.buffer_signatures(files);
        let before = std::mem::replace(&mut self.buffer_sigs, after);
        let after = &self.buffer_sigs;
        let mut names: Vec<String> = before.iter().filter(|(n, s)| after.get(*n) != Some(*s)).map(|(n, _)| n.clone()).collect();
        names.extend(after.keys().filter(|n| !before.contains_key(*n)).cloned());
        self.changed_buffers = Some(names);
        for &fi in &changed {
            self.facts[fi] = files[fi].facts.clone();
        }
        Some(changed.len())
    }

    /// The buffer names (a format call's destination, a JSON writer's buffer, a caller's
    /// buffer a helper fills) whose entries the last update changed; `None` when the index
    /// was built anew instead (nothing to compare with).
    pub fn changed_buffers(&self) -> Option<&[String]> {
        self.changed_buffers.as_deref()
    }

    /// The index, for look-ups over the files it was last brought up to date with.
    pub fn index(&self) -> &SymbolIndex<'_> {
        &self.ix
    }
}

/// The last identifier of an expression (`cfg->payload` → `payload`, `buf` → `buf`).
pub fn last_ident(text: &str, range: &Range<usize>) -> Option<String> {
    let toks = lexer::lex(&text[range.clone()], range.start);
    toks.iter().rev().find(|t| t.kind == TokKind::Ident).map(|t| t.text(text, 0).to_string())
}

/// The ranges of the `return` expressions of a function whose body is `body` in `text`.
pub(crate) fn return_exprs(text: &str, body: &Range<usize>) -> Vec<Range<usize>> {
    let toks = lexer::lex(&text[body.clone()], body.start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokKind::Ident || toks[i].text(text, 0) != "return" {
            i += 1;
            continue;
        }
        let mut depth_p = 0i32;
        let mut j = i + 1;
        while j < toks.len() {
            match toks[j].text(text, 0) {
                "(" | "[" | "{" => depth_p += 1,
                ")" | "]" | "}" => depth_p -= 1,
                ";" if depth_p <= 0 => break,
                _ => {}
            }
            j += 1;
        }
        if j > i + 1 && j < toks.len() {
            out.push(toks[i + 1].lo()..toks[j - 1].hi());
        }
        i = j;
    }
    out
}

/// What the resolver needs of a file.
pub struct FileInput {
    pub text: crate::Text,
    /// Shared, so that a cache can keep them between analyses.
    pub facts: std::sync::Arc<FileFacts>,
}

/// The parameters of one function instance bound to the arguments of one call site, so a
/// helper such as `publish_float_telemetry(&c, "temperature", t)` is read per caller.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Binding {
    pub file: usize,
    pub func: usize,
    /// (parameter name, caller's file, argument range)
    pub args: Vec<(Ident, usize, Range<usize>)>,
}

impl Binding {
    /// Bind the parameters of `func` (in `file`) to the arguments of `call` (in `caller`).
    pub fn of_call(files: &[FileInput], file: usize, func: usize, caller: usize, call: &Call) -> Binding {
        let params = &files[file].facts.functions[func].params;
        Binding {
            file,
            func,
            args: params.iter().zip(&call.args).map(|(p, a)| (p.clone(), caller, a.clone())).collect(),
        }
    }
}

/// Where an expression is read: its file, the function around it, and the call-site
/// binding of that function's parameters when one is known.
#[derive(Clone, Copy)]
struct At<'b> {
    file: usize,
    func: Option<usize>,
    binding: Option<&'b Binding>,
}

/// What kind of entry of the whole set's index a program read (see
/// [`Resolver::global_reads`]): the entries an edit changes are compared by kind and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadKind {
    Defines,
    Inits,
    FieldAssigns,
    VarAssigns,
    /// Buffers filled by a format call or a helper, and JSON writers' buffers.
    Buffers,
    Functions,
}

/// The kinds of look-up a question makes in the program's index: a question's answer
/// depends on the program only through what these return for the names it looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Defines,
    Inits,
    FieldAssigns,
    VarAssigns,
    Fills,
    WriterBuffers,
    Functions,
    Callers,
    /// The initialisers and assignments of a name within one function alone (a local's
    /// own): the name is [`here_name`]'s. An answer that read only a local's own entries
    /// does not depend on the same-named locals of every other function of the program (an
    /// edit to a sample that assigns its own `result` leaves the libraries' answers alone).
    InitsHere,
    VarAssignsHere,
}

const KINDS: usize = 10;
const ALL_KINDS: [Kind; KINDS] = [
    Kind::Defines,
    Kind::Inits,
    Kind::FieldAssigns,
    Kind::VarAssigns,
    Kind::Fills,
    Kind::WriterBuffers,
    Kind::Functions,
    Kind::Callers,
    Kind::InitsHere,
    Kind::VarAssignsHere,
];

/// The dependency name of a look-up within one function (`Kind::InitsHere`, ...): the
/// name, the file and the function.
fn here_name(name: &str, file: usize, func: usize) -> String {
    format!("{name}\u{0}{file}\u{0}{func}")
}

/// [`here_name`] read back.
fn split_here_name(name: &str) -> (&str, usize, usize) {
    let mut parts = name.split('\u{0}');
    let base = parts.next().unwrap_or_default();
    let mut num = || parts.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
    let file = num();
    (base, file, num())
}

/// The identity of an index entry (where it was written), for the signature of what a
/// look-up returned. Entries are shared by every program of one analysis (the facts are),
/// so equal signatures mean the same entries.
///
/// Each file an entry points into is marked with its key too (see
/// [`ResolveCache::for_analysis`]): answers kept between analyses are reused only while
/// the texts they read are the same.
trait Mark {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64);
}

impl Mark for (usize, &Define) {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        h.write_usize(self.0);
        h.write_u64(key(self.0));
        h.write_usize(self.1 as *const Define as usize);
    }
}

impl Mark for Site {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        h.write_usize(self.file());
        h.write_u64(key(self.file()));
        h.write_usize(self.func().map_or(usize::MAX, |f| f));
        h.write_usize(self.range().start);
        h.write_usize(self.range().end);
    }
}

impl Mark for (Site, Option<&str>) {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        self.0.mark(h, key);
        self.1.hash(h);
    }
}

impl Mark for Fill<'_> {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        self.site.mark(h, key);
        h.write_usize(self.file);
        h.write_u64(key(self.file));
        h.write_usize(self.call as *const Call as usize);
        h.write_usize(self.api as *const Api as usize);
        self.binding.hash(h);
        if let Some(b) = &self.binding {
            h.write_u64(binding_key(b, key));
        }
    }
}

impl Mark for (usize, usize) {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        h.write_usize(self.0);
        h.write_u64(key(self.0));
        h.write_usize(self.1);
    }
}

impl Mark for (usize, &Call) {
    fn mark(&self, h: &mut impl Hasher, key: &impl Fn(usize) -> u64) {
        h.write_usize(self.0);
        h.write_u64(key(self.0));
        h.write_usize(self.1 as *const Call as usize);
    }
}

/// The keys of the files a binding reads (the function's and its callers' arguments').
fn binding_key(b: &Binding, key: &impl Fn(usize) -> u64) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(key(b.file));
    for (_, f, _) in &b.args {
        h.write_u64(key(*f));
    }
    h.finish()
}

fn signature<T: Mark>(entries: Option<&Vec<T>>, key: &impl Fn(usize) -> u64) -> u64 {
    let mut h = FxHasher::default();
    let entries = entries.map_or(&[][..], Vec::as_slice);
    h.write_usize(entries.len());
    for e in entries {
        e.mark(&mut h, key);
    }
    h.finish()
}

/// A question asked of the resolver from outside (each under a fresh work budget, so its
/// answer is a function of the question and of what it looked up).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Question {
    Resolve { file: usize, range: Range<usize>, binding: Option<Binding> },
    Format { file: usize, name: Ident, args: super::facts::Args, range: Range<usize>, api: usize, binding: Option<Binding> },
}

impl Question {
    fn file(&self) -> usize {
        match self {
            Question::Resolve { file, .. } | Question::Format { file, .. } => *file,
        }
    }

    fn binding(&self) -> Option<&Binding> {
        match self {
            Question::Resolve { binding, .. } | Question::Format { binding, .. } => binding.as_ref(),
        }
    }
}

/// One answer and what it depends on: per (look-up kind, name) looked up, the signature
/// of the entries the look-up returned.
struct Answer {
    deps: Box<[(Kind, Arc<str>, u64)]>,
    values: Vec<Value>,
    /// The analysis ([`ResolveCache::generation`]) in which a pinning resolver (a program
    /// edits are expected in) last computed or reused it; 0: none did.
    pinned: AtomicU64,
}

/// The keys of the files a question reads directly: its own and its binding's.
fn question_key(q: &Question, key: &impl Fn(usize) -> u64) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(key(q.file()));
    if let Some(b) = q.binding() {
        h.write_u64(binding_key(b, key));
    }
    h.finish()
}

/// How much work the shared answers saved, for tests that check the work grows with the
/// tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolveStats {
    /// Questions asked from outside the resolver.
    pub questions: usize,
    /// Questions answered by following the expressions (the rest reused an answer).
    pub computed: usize,
    /// Budget steps taken by the computed questions.
    pub steps: usize,
}

/// A file's SDK calls: (call index, API).
type SdkCalls = Box<[(u32, &'static Api)]>;

/// Answers shared by the programs of one analysis: a program asking a question another
/// program already answered reuses the answer when every look-up the answer depends on
/// returns the same entries in this program (a library's `snprintf` whose format and
/// arguments are the library's own is followed once, not once per sample that links it).
/// Answers that ran out of budget are kept too, so the same exhausted search is not
/// repeated.
#[derive(Default)]
pub struct ResolveCache {
    /// Per question (and the keys of the files it reads directly), the answers computed.
    answers: Mutex<Answers>,
    /// Per file, a key of its text (see [`ResolveCache::for_analysis`]); empty within one
    /// analysis.
    file_keys: Vec<u64>,
    stats: Mutex<ResolveStats>,
    /// Per file, its calls of SDK functions (call index, API): looked up once, not once per
    /// program the file is in.
    sdk_calls: std::sync::OnceLock<Vec<std::sync::OnceLock<SdkCalls>>>,
    /// Per file, the hashes of its names (see [`SymbolIndex::build_hashed`]).
    name_hashes: std::sync::OnceLock<Vec<std::sync::OnceLock<FileNameHashes>>>,
    /// Per file, what a device program reads of its strings and assignments without the
    /// resolver (see [`crate::device::FileMarks`]).
    device_marks: std::sync::OnceLock<Vec<std::sync::OnceLock<crate::device::FileMarks>>>,
    /// The analyses this cache was readied for ([`ResolveCache::for_analysis`]), counted
    /// from 1: what [`Answer::pinned`] holds.
    generation: u64,
    /// A pinning resolver used an answer in the current analysis.
    pinned_any: AtomicBool,
    /// The last analysis in which a pinning resolver used answers: those answers are kept
    /// beyond `ANSWERS_KEPT` (0: none).
    pins_kept: u64,
    /// For one analysis of a whole set: which format calls may write a DPS registration
    /// body's words at all (see [`ResolveCache::one_analysis`]).
    dps_words: Option<super::words::WordGate>,
}

/// Per-file values computed in the last analysis, kept for the files whose keys are the
/// same (all dropped when the file list changed).
fn keep_unchanged<T>(per_file: &mut std::sync::OnceLock<Vec<std::sync::OnceLock<T>>>, before: &[u64], now: &[u64]) {
    match per_file.get_mut() {
        Some(slots) if slots.len() == now.len() && before.len() == now.len() => {
            for ((slot, old), new) in slots.iter_mut().zip(before).zip(now) {
                if old != new {
                    *slot = std::sync::OnceLock::new();
                }
            }
        }
        _ => *per_file = std::sync::OnceLock::new(),
    }
}

/// Per question and the key of the files it reads directly, the answers computed.
type Answers = FxMap<(Question, u64), Vec<Arc<Answer>>>;

/// How many answers to one question a cache kept between analyses holds (the latest),
/// besides those a pinning resolver used (see [`Resolver::pinning`]).
const ANSWERS_KEPT: usize = 4;

impl ResolveCache {
    /// Ready the cache for an analysis whose files' texts have these keys (a hash per
    /// file, in the analysis's file order), keeping the answers of the last analyses over
    /// the same file list. An answer is reused only when the question's own files (its
    /// file, its binding's) have the same keys and every look-up it made returns the same
    /// entries in files with the same keys: an edit re-computes what reads the edited file.
    pub fn for_analysis(&mut self, file_keys: Vec<u64>) {
        let before = std::mem::replace(&mut self.file_keys, file_keys);
        // A file's SDK calls and name hashes (read off its facts) stand while its text
        // does: an edit looks up those of the edited file again, not those of every file
        // of its program.
        keep_unchanged(&mut self.sdk_calls, &before, &self.file_keys);
        keep_unchanged(&mut self.name_hashes, &before, &self.file_keys);
        keep_unchanged(&mut self.device_marks, &before, &self.file_keys);
        // The answers the programs edits are expected in used last are kept whatever came
        // after them: a first analysis checks every program, and a library's question asked
        // by hundreds of samples (each reading its own values) keeps answers for the last
        // few only, rarely the open document's; its first edit then followed them all again
        // (~90 ms of an SDK sample's first edit on the four SDK checkouts).
        if std::mem::take(self.pinned_any.get_mut()) {
            self.pins_kept = self.generation;
        }
        self.generation += 1;
        let pins = self.pins_kept;
        let keys = &self.file_keys;
        let key = |f: usize| keys.get(f).copied().unwrap_or(0);
        let answers = self.answers.get_mut().unwrap_or_else(|e| e.into_inner());
        answers.retain(|(q, k), list| {
            if question_key(q, &key) != *k {
                return false;
            }
            if list.len() > ANSWERS_KEPT {
                let latest = list.len() - ANSWERS_KEPT;
                let mut i = 0;
                list.retain(|a| {
                    i += 1;
                    i > latest || (pins != 0 && a.pinned.load(Ordering::Relaxed) == pins)
                });
            }
            true
        });
    }

    /// A cache for one analysis of a whole set, whose programs' indices are views of one
    /// index of every file and call site: its programs' raw-MQTT checks resolve only the
    /// format calls that may write a DPS registration body's words (see
    /// [`Resolver::may_write_dps_body`]).
    pub fn one_analysis() -> ResolveCache {
        let raw = &tables().raw_mqtt;
        ResolveCache { dps_words: Some(super::words::WordGate::new(vec![raw.dps_body_key.clone(), raw.dps_payload_key.clone()])), ..ResolveCache::default() }
    }

    /// (format calls asked about, calls that cannot write a DPS body's words) in this
    /// cache's analysis: (0, 0) without the gate.
    pub fn dps_calls_gated(&self) -> (usize, usize) {
        self.dps_words.as_ref().map_or((0, 0), |g| g.counts())
    }

    fn key(&self, file: usize) -> u64 {
        self.file_keys.get(file).copied().unwrap_or(0)
    }

    /// The hashes of file `fi`'s names, computed the first time a program indexes it.
    pub fn name_hashes(&self, files: &[FileInput], fi: usize) -> &FileNameHashes {
        let per_file = self.name_hashes.get_or_init(|| (0..files.len()).map(|_| std::sync::OnceLock::new()).collect());
        per_file[fi].get_or_init(|| FileNameHashes::of(&files[fi].facts))
    }

    pub fn stats(&self) -> ResolveStats {
        *self.stats.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A fast hash for the resolver's own tables (keys are small integers and short names;
/// SipHash was a tenth of the time of whole SDK checkouts).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ (rest.len() as u64) << 59);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A sub-question answered earlier in this program (see `Resolver::resolve_in`).
struct Memo {
    values: Vec<Value>,
    /// Budget steps it took (it never ran out).
    steps: usize,
    /// The depth it was asked at and the deepest level it reached.
    depth: usize,
    reached: usize,
    /// The look-ups it made (dependency ids).
    deps: Box<[u32]>,
}

/// The ranges of a function's `return` expressions.
type Returns = std::rc::Rc<[Range<usize>]>;
/// Per expression (file, range start, range end), its last identifier.
type LastIdents = FxMap<(usize, usize, usize), Option<std::rc::Rc<str>>>;

/// (file, range start, range end, the binding's id in [`Resolver::bindings`] or `u32::MAX`).
type MemoKey = (usize, usize, usize, u32);

/// Resolves expressions within a program, falling back to the whole linted set.
pub struct Resolver<'a> {
    pub files: &'a [FileInput],
    pub program: &'a SymbolIndex<'a>,
    pub global: &'a SymbolIndex<'a>,
    shared: Option<&'a ResolveCache>,
    /// Names looked up, interned: a dependency id is `name id * KINDS + kind`.
    names: RefCell<FxMap<Box<str>, u32>>,
    name_list: RefCell<Vec<Arc<str>>>,
    /// Per dependency id, the signature of what the look-up returns in this program.
    sigs: RefCell<Vec<Option<u64>>>,
    /// The look-ups made by the question in progress, in order (with repeats).
    log: RefCell<Vec<u32>>,
    /// A question from outside is in progress.
    busy: std::cell::Cell<bool>,
    /// The deepest level reached by the sub-question in progress.
    reached: std::cell::Cell<usize>,
    /// Sub-questions answered in this program, by (file, range, binding).
    /// Per key, one answer per depth it was asked at when the depth bound cut it (such an
    /// answer holds only at that depth; one kept per key made a sub-question asked at two
    /// depths by turns be followed again every time).
    memo: RefCell<FxMap<MemoKey, Vec<std::rc::Rc<Memo>>>>,
    /// Expressions followed (not answered from the memo), for tests of the work done.
    followed: std::cell::Cell<usize>,
    /// The bindings the memo's keys name, interned: a key is built for every expression
    /// followed, and copying the binding into each was an allocation per step.
    bindings: RefCell<FxMap<Binding, u32>>,
    /// Per function (file, index), the ranges of its `return` expressions: its body is
    /// lexed once per program, not at every call followed into it.
    returns: RefCell<FxMap<(usize, usize), Returns>>,
    /// Per expression (file, range), its last identifier (see [`last_ident`]).
    last_idents: RefCell<LastIdents>,
    /// Off only in tests that compare the memo with following every expression again.
    use_memo: bool,
    /// Marks the shared answers this resolver computes or reuses as kept (see
    /// [`Resolver::pinning`]).
    pin: bool,
    /// Per dependency id: the program's results read that look-up (made here, or made by
    /// an answer reused from the shared cache), for [`Resolver::global_reads`].
    used: RefCell<Vec<bool>>,
    /// Names read straight from the whole set's index (`global_defines_of`, ...).
    direct: RefCell<Vec<(ReadKind, Box<str>)>>,
}

impl<'a> Resolver<'a> {
    pub fn new(files: &'a [FileInput], program: &'a SymbolIndex<'a>, global: &'a SymbolIndex<'a>) -> Resolver<'a> {
        Resolver {
            files,
            program,
            global,
            shared: None,
            names: RefCell::default(),
            name_list: RefCell::default(),
            sigs: RefCell::default(),
            log: RefCell::default(),
            busy: std::cell::Cell::new(false),
            reached: std::cell::Cell::new(0),
            memo: RefCell::default(),
            followed: std::cell::Cell::new(0),
            bindings: RefCell::default(),
            returns: RefCell::default(),
            last_idents: RefCell::default(),
            use_memo: true,
            pin: false,
            used: RefCell::default(),
            direct: RefCell::default(),
        }
    }

    /// The names whose entries in the whole set's index this resolver's answers read: every
    /// look-up of a kind the program's own index has no entry for (the resolver then falls
    /// back to the whole set), and the names read straight from it. What a program reports
    /// depends on files outside it only through these names: an edit elsewhere that leaves
    /// their entries alone cannot change it.
    pub fn global_reads(&self) -> Vec<(ReadKind, Box<str>)> {
        let used = self.used.borrow();
        let list = self.name_list.borrow();
        let mut out: Vec<(ReadKind, Box<str>)> = self.direct.borrow().clone();
        for (id, _) in used.iter().enumerate().filter(|(_, u)| **u) {
            let kind = ALL_KINDS[id % KINDS];
            let name: &str = &list[id / KINDS];
            let ix = self.program;
            // A look-up within one function reads the same list as the plain one.
            let (kind, name) = match kind {
                Kind::InitsHere => (Kind::Inits, split_here_name(name).0),
                Kind::VarAssignsHere => (Kind::VarAssigns, split_here_name(name).0),
                k => (k, name),
            };
            let own = match kind {
                // The program's own call sites only: never the whole set's.
                Kind::Callers => true,
                Kind::Defines => ix.defines_get(name).is_some_and(|v| !v.is_empty()),
                Kind::Inits => ix.inits_get(name).is_some_and(|v| !v.is_empty()),
                Kind::FieldAssigns => ix.field_assigns_get(name).is_some_and(|v| !v.is_empty()),
                Kind::VarAssigns => ix.has_var_assigns(name),
                Kind::Fills => ix.fills_get(name).is_some_and(|v| !v.is_empty()),
                Kind::WriterBuffers => ix.writer_buffers_get(name).is_some_and(|v| !v.is_empty()),
                Kind::Functions => ix.functions_get(name).is_some_and(|v| !v.is_empty()),
                Kind::InitsHere | Kind::VarAssignsHere => unreachable!("mapped above"),
            };
            if !own {
                let kind = match kind {
                    Kind::Defines => ReadKind::Defines,
                    Kind::Inits => ReadKind::Inits,
                    Kind::FieldAssigns => ReadKind::FieldAssigns,
                    Kind::VarAssigns => ReadKind::VarAssigns,
                    Kind::Fills | Kind::WriterBuffers => ReadKind::Buffers,
                    Kind::Functions | Kind::Callers => ReadKind::Functions,
                    Kind::InitsHere | Kind::VarAssignsHere => unreachable!("mapped above"),
                };
                out.push((kind, name.into()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// `#define`s of `name` across the whole set (recorded as read, see
    /// [`Resolver::global_reads`]).
    pub fn global_defines_of(&self, name: &str) -> &'a [(usize, &'a Define)] {
        self.direct.borrow_mut().push((ReadKind::Defines, name.into()));
        self.global.defines_of(name)
    }

    /// Initialisers of `name` across the whole set (recorded as read).
    pub fn global_inits_of(&self, name: &str) -> &'a [Site] {
        self.direct.borrow_mut().push((ReadKind::Inits, name.into()));
        self.global.inits_of(name)
    }

    /// Assignments to a plain variable `name` across the whole set (recorded as read).
    pub fn global_var_assigns_of(&self, name: &str) -> &'a [Site] {
        self.direct.borrow_mut().push((ReadKind::VarAssigns, name.into()));
        self.global.var_assigns_of(name)
    }

    /// A resolver whose answers are shared with the other programs' through `cache`.
    pub fn with_cache(files: &'a [FileInput], program: &'a SymbolIndex<'a>, global: &'a SymbolIndex<'a>, cache: &'a ResolveCache) -> Resolver<'a> {
        Resolver { shared: Some(cache), ..Resolver::new(files, program, global) }
    }

    /// A resolver whose shared answers (computed or reused) the cache keeps for the next
    /// analyses whatever other programs add (see [`ResolveCache::for_analysis`]): the
    /// analysis pins the programs edits are expected in.
    pub fn pinning(mut self, pin: bool) -> Resolver<'a> {
        self.pin = pin;
        self
    }

    /// Pin `a` in this analysis (see [`Resolver::pinning`]).
    fn pin(&self, cache: &ResolveCache, a: &Answer) {
        if self.pin && cache.generation != 0 {
            a.pinned.store(cache.generation, Ordering::Relaxed);
            cache.pinned_any.store(true, Ordering::Relaxed);
        }
    }

    /// How many expressions this resolver followed (the rest of those asked were answered
    /// from its memo or from another program's answers): work, for tests.
    pub fn followed(&self) -> usize {
        self.followed.get()
    }

    /// All possible values of the expression at `range` in file `file`.
    pub fn resolve(&self, file: usize, range: &Range<usize>) -> Vec<Value> {
        self.resolve_bound(file, range, None)
    }

    /// Like `resolve`, reading the parameters of the surrounding function from `binding`.
    pub fn resolve_bound(&self, file: usize, range: &Range<usize>, binding: Option<&Binding>) -> Vec<Value> {
        // Only the binding of the function around the expression is read.
        let func = enclosing_function(&self.files[file].facts, range.start);
        let binding = binding.filter(|b| b.file == file && Some(b.func) == func);
        self.answer(|| Question::Resolve { file, range: range.clone(), binding: binding.cloned() }, || self.resolve_in(file, range, 0, binding))
    }

    /// The answer to a question asked from outside: reused from another program when
    /// what it depends on is the same here, else computed under a fresh budget.
    fn answer(&self, question: impl FnOnce() -> Question, compute: impl FnOnce() -> Vec<Value>) -> Vec<Value> {
        if self.busy.get() || BUDGET.with(|b| b.get().0 > 0) {
            return budgeted(compute);
        }
        let q = self.shared.map(|c| {
            let q = question();
            let k = question_key(&q, &|f| c.key(f));
            (q, k)
        });
        if let (Some(cache), Some(q)) = (self.shared, &q) {
            let known: Vec<Arc<Answer>> = cache.answers.lock().unwrap_or_else(|e| e.into_inner()).get(q).cloned().unwrap_or_default();
            let reused = known.iter().find(|a| a.deps.iter().all(|(k, n, sig)| self.signature(self.dep_id(*k, n)) == *sig));
            if let Some(a) = reused {
                self.pin(cache, a);
                for (k, n, _) in a.deps.iter() {
                    let id = self.dep_id(*k, n);
                    self.used.borrow_mut()[id as usize] = true;
                }
                cache.stats.lock().unwrap_or_else(|e| e.into_inner()).questions += 1;
                return a.values.clone();
            }
        }
        self.busy.set(true);
        self.log.borrow_mut().clear();
        let (values, steps) = budgeted(|| {
            let values = compute();
            (values, MAX_STEPS - BUDGET.with(|b| b.get().1))
        });
        self.busy.set(false);
        let (Some(cache), Some(q)) = (self.shared, q) else { return values };
        {
            let mut st = cache.stats.lock().unwrap_or_else(|e| e.into_inner());
            st.questions += 1;
            st.computed += 1;
            st.steps += steps;
        }
        // A question answered in a few steps is cheaper to follow again than to keep.
        if steps < SHARE_FROM_STEPS {
            return values;
        }
        let mut looked = std::mem::take(&mut *self.log.borrow_mut());
        looked.sort_unstable();
        looked.dedup();
        let deps = looked
            .into_iter()
            .map(|id| (ALL_KINDS[id as usize % KINDS], self.name_list.borrow()[id as usize / KINDS].clone(), self.signature(id)))
            .collect::<Vec<_>>()
            .into_boxed_slice();
        let answer = Arc::new(Answer { deps, values: values.clone(), pinned: AtomicU64::new(0) });
        self.pin(cache, &answer);
        cache.answers.lock().unwrap_or_else(|e| e.into_inner()).entry(q).or_default().push(answer);
        values
    }

    /// Whether the format call `call` of `file` may write the words of a DPS registration
    /// body (`registrationId`, `payload`): `false` only when nothing resolving it could
    /// read holds them (a cache for one analysis, [`ResolveCache::one_analysis`], tells;
    /// any other answers `true`).
    pub fn may_write_dps_body(&self, file: usize, call: &Call, api: &Api) -> bool {
        let Some(gate) = self.shared.and_then(|c| c.dps_words.as_ref()) else { return true };
        let Some(whole) = self.global.shared_whole() else { return true };
        gate.may_write(self.files, whole, file, call, api)
    }

    /// The calls of SDK functions in `file`, each with the API it plays (a call may play
    /// several).
    pub fn sdk_calls(&self, file: usize) -> impl Iterator<Item = (&'a Call, &'static Api)> + 'a {
        let files = self.files;
        // A file the prefilter passed over spells no SDK function's name (see
        // `FileFacts::passed_over`): its calls are not walked, nor its cell of the shared
        // cache asked (fw10k: 9,500 of its 10,000 files, whose walks took 1.6-4.2 ms of the
        // program's telemetry reading, and the cells the device reading beside it asked in
        // the same order made each wait for the other).
        if files[file].facts.passed_over {
            return Box::new(std::iter::empty()) as Box<dyn Iterator<Item = (&'a Call, &'static Api)> + 'a>;
        }
        // Looked up by the reading (see `FileFacts::sdk_calls`).
        if let Some(found) = &files[file].facts.sdk_calls {
            return Box::new(found.iter().map(move |&(i, a)| (&files[file].facts.calls[i as usize], a)));
        }
        let list: Box<dyn Iterator<Item = (&'a Call, &'static Api)> + 'a> = match self.shared {
            Some(cache) => {
                let per_file = cache.sdk_calls.get_or_init(|| (0..files.len()).map(|_| std::sync::OnceLock::new()).collect());
                let found = per_file[file].get_or_init(|| super::sdk_calls_of(&files[file].facts));
                Box::new(found.iter().map(move |&(i, a)| (&files[file].facts.calls[i as usize], a)))
            }
            None => Box::new(files[file].facts.calls.iter().flat_map(|c| tables().lookup(&c.name).map(move |a| (c, a)))),
        };
        list
    }

    /// [`Resolver::sdk_calls`] inside function bodies, each with the function's index.
    pub fn sdk_calls_in_functions(&self, file: usize) -> impl Iterator<Item = (usize, &'a Call, &'static Api)> + 'a {
        let facts = &self.files[file].facts;
        self.sdk_calls(file).filter_map(move |(c, a)| enclosing_function(facts, c.range().start).map(|i| (i, c, a)))
    }

    /// What [`crate::device::FileMarks::of`] reads of file `file`: computed once per
    /// analysis when the programs share a cache (a library's strings were scanned again
    /// by every program linking it), else `None` (the caller computes it).
    pub fn device_marks(&self, file: usize) -> Option<&'a crate::device::FileMarks> {
        let files = self.files;
        Some(self.device_marks_table()?[file].get_or_init(|| crate::device::FileMarks::of(&files[file])))
    }

    /// [`Resolver::device_marks`] of each of `which`, read on the thread pool ahead of a
    /// large program's [`crate::device::DeviceProgram::read`], which asks for them one
    /// file at a time (a program of 10,000 files read them on one thread while the other
    /// waited). Nothing when the programs share no cache.
    pub fn read_device_marks(&self, which: &std::collections::BTreeSet<usize>) {
        use rayon::prelude::*;
        let Some(per_file) = self.device_marks_table() else { return };
        let files = self.files;
        let which: Vec<usize> = which.iter().copied().collect();
        which.par_iter().with_min_len(64).for_each(|&fi| {
            per_file[fi].get_or_init(|| crate::device::FileMarks::of(&files[fi]));
        });
    }

    /// The shared cache's table of [`crate::device::FileMarks`], one cell per file.
    fn device_marks_table(&self) -> Option<&'a [std::sync::OnceLock<crate::device::FileMarks>]> {
        let cache = self.shared?;
        let files = self.files;
        Some(cache.device_marks.get_or_init(|| (0..files.len()).map(|_| std::sync::OnceLock::new()).collect()))
    }

    /// The dependency id of a look-up of `kind` for `name`.
    fn dep_id(&self, kind: Kind, name: &str) -> u32 {
        let id = self.names.borrow().get(name).copied();
        let id = id.unwrap_or_else(|| {
            let mut list = self.name_list.borrow_mut();
            let id = list.len() as u32;
            list.push(name.into());
            self.names.borrow_mut().insert(name.into(), id);
            self.sigs.borrow_mut().extend([None; KINDS]);
            self.used.borrow_mut().extend([false; KINDS]);
            id
        });
        id * KINDS as u32 + kind as u32
    }

    /// The signature of what the look-up `dep` returns in this program.
    fn signature(&self, dep: u32) -> u64 {
        if let Some(s) = self.sigs.borrow()[dep as usize] {
            return s;
        }
        let kind = ALL_KINDS[dep as usize % KINDS];
        let list = self.name_list.borrow();
        let name: &str = &list[dep as usize / KINDS];
        let key = |f: usize| self.shared.map_or(0, |c| c.key(f));
        if let Kind::InitsHere | Kind::VarAssignsHere = kind {
            // The entries of the function alone, of the list a plain look-up returns.
            let (base, file, func) = split_here_name(name);
            let entries = self.here_entries(kind, base, file, func);
            let mut h = FxHasher::default();
            h.write_usize(entries.len());
            for e in entries {
                e.mark(&mut h, &key);
            }
            let s = h.finish();
            self.sigs.borrow_mut()[dep as usize] = Some(s);
            return s;
        }
        let pick_sig = |ix: &'a SymbolIndex<'a>| -> (bool, u64) {
            match kind {
                Kind::Defines => (ix.defines_get(name).is_some_and(|v| !v.is_empty()), signature(ix.defines_get(name), &key)),
                Kind::Inits => (ix.inits_get(name).is_some_and(|v| !v.is_empty()), signature(ix.inits_get(name), &key)),
                Kind::FieldAssigns => (ix.field_assigns_get(name).is_some_and(|v| !v.is_empty()), signature(ix.field_assigns_get(name), &key)),
                Kind::VarAssigns => (ix.has_var_assigns(name), ix.var_assigns_signature(name, &key)),
                Kind::Fills => (ix.fills_get(name).is_some_and(|v| !v.is_empty()), signature(ix.fills_get(name), &key)),
                Kind::WriterBuffers => (ix.writer_buffers_get(name).is_some_and(|v| !v.is_empty()), signature(ix.writer_buffers_get(name), &key)),
                Kind::Functions => (ix.functions_get(name).is_some_and(|v| !v.is_empty()), signature(ix.functions_get(name), &key)),
                Kind::Callers => (true, signature(ix.calls_get(name), &key)),
                Kind::InitsHere | Kind::VarAssignsHere => unreachable!("answered above"),
            }
        };
        // As `lookup` reads: the program's entries, else the whole set's (callers: the
        // program's only).
        let s = match pick_sig(self.program) {
            (true, s) => s,
            _ => pick_sig(self.global).1,
        };
        self.sigs.borrow_mut()[dep as usize] = Some(s);
        s
    }

    fn record(&self, kind: Kind, name: &str) {
        let id = self.dep_id(kind, name);
        self.used.borrow_mut()[id as usize] = true;
        self.log.borrow_mut().push(id);
    }

    fn lookup<T>(&self, kind: Kind, name: &str, pick: impl Fn(&'a SymbolIndex<'a>) -> Option<&'a Vec<T>>) -> Option<&'a Vec<T>> {
        self.record(kind, name);
        pick(self.program).filter(|v| !v.is_empty()).or_else(|| pick(self.global).filter(|v| !v.is_empty()))
    }

    /// The entries of `name` (`Kind::InitsHere`: initialisers, `Kind::VarAssignsHere`:
    /// assignments) that are in function `func` of `file`, in the index's order: the
    /// program's, else the whole set's (a function in a file outside the program, read
    /// through the fallback, has its own locals, not the program's variables of the name).
    fn here_entries(&self, kind: Kind, name: &str, file: usize, func: usize) -> Vec<Site> {
        let pick = |ix: &'a SymbolIndex<'a>| -> Vec<Site> {
            match kind {
                Kind::InitsHere => here(ix.inits_get(name), file, func).copied().collect(),
                // (Read from the file alone when the list is read by name.)
                _ => ix.var_assigns_here(name, file, func),
            }
        };
        let own = pick(self.program);
        if !own.is_empty() {
            return own;
        }
        pick(self.global)
    }

    /// [`Resolver::here_entries`] of the function `at` is in (none outside a function),
    /// recorded as a look-up of those entries alone.
    fn lookup_here(&self, kind: Kind, name: &str, at: At) -> Vec<Site> {
        let Some(func) = at.func else { return Vec::new() };
        let entries = self.here_entries(kind, name, at.file, func);
        self.record(kind, &here_name(name, at.file, func));
        entries
    }

    /// The assignments in this program to a field `name` (`x.name = v`, `x->name = v`):
    /// each its site (the value's bytes) and the object's last identifier, in file order.
    /// The program's own files only, which its findings are keyed by: not recorded as a
    /// read of other files.
    pub fn program_field_assigns(&self, name: &str) -> &'a [(Site, Option<&'a str>)] {
        self.program.field_assigns_get(name).map_or(&[], Vec::as_slice)
    }

    /// The call sites of a function in this program (recorded as read, as every look-up
    /// of the resolver is).
    pub fn callers(&self, name: &str) -> &'a [(usize, &'a Call)] {
        self.record(Kind::Callers, name);
        self.program.callers(name)
    }

    /// The id of `b` among the bindings the memo's keys name.
    fn binding_id(&self, b: &Binding) -> u32 {
        if let Some(&id) = self.bindings.borrow().get(b) {
            return id;
        }
        let mut all = self.bindings.borrow_mut();
        let id = all.len() as u32;
        all.insert(b.clone(), id);
        id
    }

    /// [`last_ident`] of an expression, read once per program.
    fn last_ident_of(&self, file: usize, range: &Range<usize>) -> Option<std::rc::Rc<str>> {
        let key = (file, range.start, range.end);
        if let Some(found) = self.last_idents.borrow().get(&key) {
            return found.clone();
        }
        let found: Option<std::rc::Rc<str>> = last_ident(&self.files[file].text, range).map(|s| s.into());
        self.last_idents.borrow_mut().insert(key, found.clone());
        found
    }

    /// The ranges of the `return` expressions of function `fidx` of file `ff`.
    fn returns_of(&self, ff: usize, fidx: usize) -> std::rc::Rc<[Range<usize>]> {
        if let Some(r) = self.returns.borrow().get(&(ff, fidx)) {
            return r.clone();
        }
        let func = &self.files[ff].facts.functions[fidx];
        let out = return_exprs(&self.files[ff].text, &func.body);
        let r: std::rc::Rc<[Range<usize>]> = out.into();
        self.returns.borrow_mut().insert((ff, fidx), r.clone());
        r
    }

    /// The values of one expression. A sub-question asked again in the same program is
    /// answered from the memo when that gives exactly what following it again would: it
    /// never ran out of budget, this many steps are left (and are taken from the budget as
    /// if followed), and the depth bound cuts it at neither depth.
    fn resolve_in(&self, file: usize, range: &Range<usize>, depth: usize, binding: Option<&Binding>) -> Vec<Value> {
        let func = enclosing_function(&self.files[file].facts, range.start);
        // A binding holds only inside the function instance it was made for.
        let binding = binding.filter(|b| b.file == file && Some(b.func) == func);
        let key: MemoKey = (file, range.start, range.end, binding.map_or(u32::MAX, |b| self.binding_id(b)));
        let left = BUDGET.with(|b| b.get().1);
        let usable = |m: &Memo| {
            let deeper = m.reached - m.depth;
            (depth == m.depth || (m.reached <= MAX_DEPTH && depth + deeper <= MAX_DEPTH)) && left >= m.steps
        };
        let hit = if self.use_memo { self.memo.borrow().get(&key).and_then(|l| l.iter().find(|m| usable(m)).cloned()) } else { None };
        if let Some(m) = hit {
            BUDGET.with(|b| {
                let (n, l) = b.get();
                b.set((n, l - m.steps));
            });
            self.reached.set(self.reached.get().max(depth + (m.reached - m.depth)));
            self.log.borrow_mut().extend_from_slice(&m.deps);
            return m.values.clone();
        }
        self.followed.set(self.followed.get() + 1);
        let outer_reached = self.reached.replace(depth);
        let log_start = self.log.borrow().len();
        let text = &self.files[file].text;
        let toks = lexer::lex(&text[range.clone()], range.start);
        let values = self.tokens(At { file, func, binding }, &toks, depth);
        let reached = self.reached.get();
        self.reached.set(outer_reached.max(reached));
        let after = BUDGET.with(|b| b.get().1);
        // Kept when it never ran out of budget, and took enough steps to be worth keeping.
        if after > 0 && left - after >= MEMO_FROM_STEPS {
            let mut log = self.log.borrow_mut();
            let mut deps = log.split_off(log_start);
            deps.sort_unstable();
            deps.dedup();
            log.extend_from_slice(&deps);
            let m = std::rc::Rc::new(Memo { values: values.clone(), steps: left - after, depth, reached, deps: deps.into_boxed_slice() });
            let mut memo = self.memo.borrow_mut();
            let list = memo.entry(key).or_default();
            // The answer of the same depth is replaced (it held under less budget).
            match list.iter_mut().find(|o| o.depth == depth) {
                Some(o) => *o = m,
                None => list.push(m),
            }
        }
        values
    }

    fn tokens(&self, at: At, toks: &[Token], depth: usize) -> Vec<Value> {
        if depth > self.reached.get() {
            self.reached.set(depth);
        }
        if depth > MAX_DEPTH {
            return vec![Value::unknown("macro expansion nests too deeply")];
        }
        if !step() {
            return vec![Value::unknown("too many macro and parameter combinations to follow")];
        }
        let file = at.file;
        let text = &self.files[file].text;
        let s = |t: &Token| t.text(text, 0);
        match shape(text, toks) {
            Shape::Empty => vec![Value::unknown("empty expression")],
            Shape::Adjacent(toks) => {
                let mut acc = vec![Value::default()];
                for t in toks {
                    let parts = self.tokens(at, std::slice::from_ref(t), depth + 1);
                    acc = product(acc, &parts);
                }
                acc
            }
            Shape::Single(t) => match t.kind {
                TokKind::Str => vec![Value::literal(lexer::unescape_string(s(&t)), Some(Loc { file, range: t.range() }))],
                TokKind::Number if s(&t) == "0" => vec![Value::null()],
                TokKind::Ident => self.ident(at, s(&t), depth),
                _ => vec![Value::unknown(format!("`{}` is not a string", s(&t)))],
            },
            Shape::Call { name, args: None, .. } => vec![Value::unknown(format!("cannot read the arguments of `{name}`"))],
            Shape::Call { name, name_range, args: Some(args), range } => {
                if tables().formats_returning(name) {
                    let call = Call::new(Ident::from(name), name_range, super::facts::Args::of(&args), range);
                    return self.printf(file, &call, 0, depth + 1, at.binding);
                }
                if let Some(i) = tables().wrapper_arg(name) {
                    return match args.get(i) {
                        Some(r) => self.resolve_in(file, r, depth + 1, at.binding),
                        None => vec![Value::unknown(format!("`{name}` without its argument"))],
                    };
                }
                if let Some(defs) = self.lookup(Kind::Defines, name, |ix| ix.defines_get(name)) {
                    let mut out = Vec::new();
                    for (df, d) in defs.iter().filter(|(_, d)| d.params.is_some()) {
                        out.extend(self.expand_function_macro(at, &args, *df, d, depth));
                    }
                    if !out.is_empty() {
                        out.truncate(MAX_ALTERNATIVES);
                        return out;
                    }
                }
                if let Some(values) = self.returned(at, name, &args, depth) {
                    return values;
                }
                vec![Value::unknown(format!("the value returned by `{name}(...)` at run time"))]
            }
            Shape::Indexed(name) => self.indexed(at, name, depth),
            Shape::Field { field, base } => {
                if let Some(object) = base.and_then(|b| self.object_of(at, b)) {
                    let values = self.field_of_object(field, &object, depth);
                    if !values.is_empty() {
                        return values;
                    }
                }
                self.field(field, depth)
            }
            Shape::Other(toks) => {
                let snippet: String = toks.iter().map(s).collect::<Vec<_>>().join(" ");
                vec![Value::unknown(format!("`{snippet}` is computed at run time"))]
            }
        }
    }

    /// Entries written in the reader's own function first, then at file level (globals),
    /// then anywhere.
    fn scoped<'x, T>(at: At, entries: &'x [T], site: impl Fn(&T) -> &Site) -> Vec<&'x T> {
        let same: Vec<&T> = entries.iter().filter(|e| at.func.is_some() && site(e).file() == at.file && site(e).func() == at.func).collect();
        if !same.is_empty() {
            return same;
        }
        let globals: Vec<&T> = entries.iter().filter(|e| site(e).func().is_none()).collect();
        if !globals.is_empty() {
            return globals;
        }
        entries.iter().collect()
    }

    fn ident(&self, at: At, name: &str, depth: usize) -> Vec<Value> {
        let t = tables();
        if t.is_null(name) {
            return vec![Value::null()];
        }
        if let Some(v) = t.constants.get(name) {
            let mut val = Value::literal(v.clone(), None);
            val.via.push(name.to_string());
            return vec![val];
        }
        // A buffer this very function builds by appending copies (`buf = az_span_copy(buf,
        // prefix); buf = az_span_copy(buf, model_id); ...`) holds their concatenation,
        // even when `buf` is a parameter.
        if let Some(v) = self.appended(at, name, depth) {
            return v;
        }
        // A parameter: from the bound call site, or from every call site of the function.
        if let Some(func) = at.func {
            let f = &self.files[at.file].facts.functions[func];
            if let Some(pos) = f.params.iter().position(|p| p == name) {
                if let Some(b) = at.binding {
                    return match b.args.iter().find(|(p, _, _)| p == name) {
                        Some((_, cf, r)) => self.resolve_in(*cf, r, depth + 1, None),
                        None => vec![Value::unknown(format!("parameter `{name}` has no argument at this call"))],
                    };
                }
                let mut out = Vec::new();
                for (cf, call) in self.callers(&f.name) {
                    if out.len() >= MAX_PARAMETER_VALUES {
                        break;
                    }
                    if let Some(r) = call.args.get(pos) {
                        out.extend(self.resolve_in(*cf, &r, depth + 1, None));
                    }
                }
                if out.is_empty() {
                    out.push(Value::unknown(format!("parameter `{name}` of `{}` is supplied at run time", f.name)));
                }
                out.truncate(MAX_PARAMETER_VALUES);
                return out;
            }
        }
        let mut out = Vec::new();
        if let Some(defs) = self.lookup(Kind::Defines, name, |ix| ix.defines_get(name)) {
            for (df, d) in defs.iter().filter(|(_, d)| d.params.is_none()) {
                for mut v in self.resolve_in(*df, &d.body, depth + 1, None) {
                    v.via.insert(0, name.to_string());
                    out.push(v);
                }
            }
        }
        if !out.is_empty() {
            out.truncate(MAX_ALTERNATIVES);
            return out;
        }
        // A buffer filled by snprintf/strcpy holds what was written into it, whatever it
        // was initialised to (`char *payload = NULL; ... snprintf(payload, ...)`).
        let here = |s: &Site| at.func.is_some() && s.file() == at.file && s.func() == at.func;
        // A local of this function (`az_span result = az_span_slice(span, 0, size);`) is
        // not the same-named buffer another function fills. Only this function's entries
        // are read for it (recorded so: other functions' same-named locals are no
        // dependency of the answer).
        let (inits_here, assigns_here) = (self.lookup_here(Kind::InitsHere, name, at), self.lookup_here(Kind::VarAssignsHere, name, at));
        let local = !inits_here.is_empty() || !assigns_here.is_empty();
        if let Some(fills) = self.lookup(Kind::Fills, name, |ix| ix.fills_get(name)).filter(|f| !local || f.iter().any(|f| here(&f.site))) {
            let written_here = fills.iter().any(|f| here(&f.site));
            // A JSON writer fills the buffer in this very function: it holds what that
            // writer writes, not what a format call elsewhere put there before.
            let writer_here = self.lookup(Kind::WriterBuffers, name, |ix| ix.writer_buffers_get(name)).is_some_and(|w| w.iter().any(here));
            if writer_here && !written_here {
                return vec![Value::unknown(format!("`{name}` is written by a JSON writer"))];
            }
            for fill in Self::scoped(at, fills, |f| &f.site) {
                let binding = match &fill.binding {
                    Some(b) => Some(b),
                    None => at.binding.filter(|b| b.file == fill.site.file() && Some(b.func) == fill.site.func()),
                };
                out.extend(self.format(fill.file, fill.call, fill.api, depth + 1, binding));
            }
            out.truncate(MAX_ALTERNATIVES);
            return out;
        }
        // A local of this function: its own initialiser and assignments only, never the
        // same-named locals of other functions.
        let (inits, assigns) = if local {
            (inits_here, assigns_here)
        } else {
            let scoped = |entries: Option<&'a Vec<Site>>| entries.map_or_else(Vec::new, |e| Self::scoped(at, e, |s| s).into_iter().copied().collect());
            (
                scoped(self.lookup(Kind::Inits, name, |ix| ix.inits_get(name))),
                scoped(self.lookup(Kind::VarAssigns, name, |ix| ix.var_assigns_get(name))),
            )
        };
        for site in inits {
            for mut v in self.resolve_in(site.file(), &site.range(), depth + 1, at.binding) {
                v.via.insert(0, name.to_string());
                out.push(v);
            }
        }
        for site in assigns {
            out.extend(self.resolve_in(site.file(), &site.range(), depth + 1, at.binding));
        }
        // `const char *p = NULL;` followed by `p = "...";`: the NULL is only a start value.
        if out.iter().any(|v| !v.null) {
            out.retain(|v| !v.null);
        }
        if out.is_empty() {
            out.push(Value::unknown(format!("`{name}` has no value the analysis can see (set only at run time?)")));
        }
        out.truncate(MAX_ALTERNATIVES);
        out
    }

    /// The concatenation written into `name` by the appending copies of the reader's own
    /// function, in source order; `None` when it has none.
    #[inline(never)]
    fn appended(&self, at: At, name: &str, depth: usize) -> Option<Vec<Value>> {
        let func = at.func?;
        let fills = self.lookup(Kind::Fills, name, |ix| ix.fills_get(name))?;
        let mut chain: Vec<&Fill> = fills
            .iter()
            .filter(|f| f.api.appends == Some(true) && f.site.file() == at.file && f.site.func() == Some(func))
            .collect();
        if chain.is_empty() {
            return None;
        }
        chain.sort_by_key(|f| (f.file, f.call.range().start));
        let mut acc = vec![Value::default()];
        for fill in chain {
            let binding = fill.binding.as_ref().or(at.binding.filter(|b| b.file == fill.file && Some(b.func) == fill.site.func()));
            acc = product(acc, &self.format(fill.file, fill.call, fill.api, depth + 1, binding));
        }
        acc.truncate(MAX_ALTERNATIVES);
        Some(acc)
    }

    /// What a project function returns when called with `args` here: each `return expr;`
    /// of its body read with its parameters bound to this call (a getter such as
    /// `az_span get_model_id(void) { return AZ_SPAN_FROM_STR(MODEL_ID); }`). `None` when the
    /// program defines no such function or its returns say nothing.
    #[inline(never)]
    fn returned(&self, at: At, name: &str, args: &[Range<usize>], depth: usize) -> Option<Vec<Value>> {
        let defs = self.lookup(Kind::Functions, name, |ix| ix.functions_get(name))?;
        let mut out = Vec::new();
        for &(ff, fidx) in defs.iter().take(MAX_ALTERNATIVES) {
            let func = &self.files[ff].facts.functions[fidx];
            let binding = Binding {
                file: ff,
                func: fidx,
                args: func.params.iter().zip(args).map(|(p, a)| (p.clone(), at.file, a.clone())).collect(),
            };
            for range in self.returns_of(ff, fidx).iter() {
                out.extend(self.resolve_in(ff, range, depth + 1, Some(&binding)));
            }
        }
        if out.iter().any(|v| !v.null) {
            out.retain(|v| !v.null);
        }
        if out.is_empty() || out.iter().all(|v| !v.null && v.pieces.iter().all(|p| !p.known)) {
            return None;
        }
        out.truncate(MAX_ALTERNATIVES);
        Some(out)
    }

    /// `name[i]`: an element of the array `name`; for an array parameter (`names[i]` in a
    /// shared writer), of the caller's array. Kept out of `tokens` so that the recursive
    /// frame stays small.
    #[inline(never)]
    fn indexed(&self, at: At, name: &str, depth: usize) -> Vec<Value> {
        if let Some(func) = at.func {
            let f = &self.files[at.file].facts.functions[func];
            if let Some(pos) = f.params.iter().position(|p| p == name) {
                let args: Vec<(usize, Range<usize>)> = match at.binding.and_then(|b| b.args.iter().find(|(p, _, _)| p == name)) {
                    Some((_, cf, r)) => vec![(*cf, r.clone())],
                    None => self.callers(&f.name).iter().filter_map(|(cf, c)| c.args.get(pos).map(|r| (*cf, r.clone()))).collect(),
                };
                let mut out = Vec::new();
                for (cf, r) in args {
                    if out.len() >= MAX_PARAMETER_VALUES {
                        break;
                    }
                    let Some(arr) = self.last_ident_of(cf, &r) else { continue };
                    let caller = At { file: cf, func: enclosing_function(&self.files[cf].facts, r.start), binding: None };
                    out.extend(self.array_elements(caller, &arr, depth + 1));
                }
                if out.is_empty() {
                    out.push(Value::unknown(format!("an element of the array parameter `{name}`")));
                }
                out.truncate(MAX_PARAMETER_VALUES);
                return out;
            }
        }
        self.array_elements(at, name, depth)
    }

    /// The elements of `name`'s brace initialiser, each one alternative.
    fn array_elements(&self, at: At, name: &str, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        if let Some(inits) = self.lookup(Kind::Inits, name, |ix| ix.inits_get(name)) {
            for site in Self::scoped(at, inits, |s| s) {
                let text = &self.files[site.file()].text;
                let toks = lexer::lex(&text[site.range()], site.range().start);
                if toks.first().map(|t| t.text(text, 0)) != Some("{") {
                    continue;
                }
                let Some((elements, _)) = super::facts::split_args(&toks, 0) else { continue };
                for e in elements {
                    if out.len() >= MAX_PARAMETER_VALUES {
                        break;
                    }
                    out.extend(self.resolve_in(site.file(), &e, depth + 1, None));
                }
            }
        }
        if out.is_empty() {
            out.push(Value::unknown(format!("an element of `{name}` chosen at run time")));
        }
        out.truncate(MAX_PARAMETER_VALUES);
        out
    }

    /// The object an expression's base names: a parameter bound at this call site stands
    /// for the caller's argument (`&sample_thermostat_1` → `sample_thermostat_1`);
    /// anything else for itself.
    fn object_of(&self, at: At, base: &str) -> Option<String> {
        let func = &self.files[at.file].facts.functions[at.func?];
        if func.params.iter().any(|p| p == base) {
            let b = at.binding?;
            let (_, cf, r) = b.args.iter().find(|(p, _, _)| p == base)?;
            return self.last_ident_of(*cf, r).map(|s| s.to_string());
        }
        Some(base.to_string())
    }

    /// The values written to `field` of one object: `object.field = v` directly, or
    /// `param->field = v` in a function called with that object (an init helper).
    fn field_of_object(&self, field: &str, object: &str, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        let Some(assigns) = self.lookup(Kind::FieldAssigns, field, |ix| ix.field_assigns_get(field)) else { return out };
        for (site, base) in assigns {
            if out.len() >= MAX_PARAMETER_VALUES {
                break;
            }
            let Some(base) = base else { continue };
            if *base == object {
                out.extend(self.resolve_in(site.file(), &site.range(), depth + 1, None));
                continue;
            }
            let Some(fi) = site.func() else { continue };
            let g = &self.files[site.file()].facts.functions[fi];
            let Some(pos) = g.params.iter().position(|p| p == base) else { continue };
            for (cf, call) in self.callers(&g.name) {
                if out.len() >= MAX_PARAMETER_VALUES {
                    break;
                }
                let Some(arg) = call.args.get(pos) else { continue };
                if self.last_ident_of(*cf, &arg).as_deref() == Some(object) {
                    let binding = Binding::of_call(self.files, site.file(), fi, *cf, call);
                    out.extend(self.resolve_in(site.file(), &site.range(), depth + 1, Some(&binding)));
                }
            }
        }
        out.truncate(MAX_PARAMETER_VALUES);
        out
    }

    fn field(&self, name: &str, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        if let Some(assigns) = self.lookup(Kind::FieldAssigns, name, |ix| ix.field_assigns_get(name)) {
            for (site, _) in assigns {
                if out.len() >= MAX_PARAMETER_VALUES {
                    break;
                }
                // `options.model_id = config->model_id`: a copy from another struct's field
                // of the same name adds nothing the other assignments do not give, and
                // following it would only chase itself.
                if self.last_ident_of(site.file(), &site.range()).as_deref() == Some(name) {
                    continue;
                }
                out.extend(self.resolve_in(site.file(), &site.range(), depth + 1, None));
            }
        }
        if out.is_empty() {
            out.push(Value::unknown(format!("the field `{name}` is never assigned a value the analysis can see")));
        }
        out.truncate(MAX_PARAMETER_VALUES);
        out
    }

    fn expand_function_macro(&self, at: At, args: &[Range<usize>], df: usize, d: &Define, depth: usize) -> Vec<Value> {
        let params = d.params.as_deref().unwrap_or_default();
        let dtext = &self.files[df].text;
        let body = lexer::lex(&dtext[d.body.clone()], d.body.start);
        // Substitute parameter tokens with the argument's values; other tokens resolve in
        // the macro's file.
        let mut acc = vec![Value::default()];
        for t in &body {
            let s = t.text(dtext, 0);
            let parts = match params.iter().position(|p| p == s) {
                Some(i) => match args.get(i) {
                    Some(r) => self.resolve_in(at.file, r, depth + 1, at.binding),
                    None => vec![Value::unknown(format!("macro `{}` called with too few arguments", d.name))],
                },
                None if matches!(t.kind, TokKind::Str | TokKind::Ident) => {
                    self.tokens(At { file: df, func: None, binding: None }, std::slice::from_ref(t), depth + 1)
                }
                None => return vec![Value::unknown(format!("the macro `{}` computes its value", d.name))],
            };
            acc = product(acc, &parts);
        }
        for v in &mut acc {
            v.via.insert(0, d.name.to_string());
        }
        acc
    }

    /// The text a printf-family call writes (see `format`).
    pub fn format_call(&self, file: usize, call: &Call, api: &Api) -> Vec<Value> {
        self.format_call_bound(file, call, api, None)
    }

    /// `format_call` with the surrounding function's parameters bound to one call site.
    pub fn format_call_bound(&self, file: usize, call: &Call, api: &Api, binding: Option<&Binding>) -> Vec<Value> {
        let func = enclosing_function(&self.files[file].facts, call.range().start);
        let binding = binding.filter(|b| b.file == file && Some(b.func) == func);
        let question = || Question::Format {
            file,
            name: call.name.clone(),
            args: call.args.clone(),
            range: call.range(),
            api: api as *const Api as usize,
            binding: binding.cloned(),
        };
        self.answer(question, || self.format(file, call, api, 0, binding))
    }

    /// The text a printf-family call writes: its format with `%s` arguments resolved and
    /// other conversions unknown.
    fn format(&self, file: usize, call: &Call, api: &Api, depth: usize, binding: Option<&Binding>) -> Vec<Value> {
        let Some(fmt_range) = api.arg.and_then(|i| call.args.get(i)) else {
            return vec![Value::unknown(format!("`{}` without a format", call.name))];
        };
        let fmt_index = api.arg.unwrap_or(0);
        if is_copy(&call.name) {
            return self.resolve_in(file, &fmt_range, depth, binding);
        }
        self.printf(file, call, fmt_index, depth, binding)
    }

    /// What a printf-family call writes: the format (argument `fmt_index`) with `%s`
    /// arguments resolved and other conversions unknown.
    fn printf(&self, file: usize, call: &Call, fmt_index: usize, depth: usize, binding: Option<&Binding>) -> Vec<Value> {
        let Some(fmt_range) = call.args.get(fmt_index) else {
            return vec![Value::unknown(format!("`{}` without a format", call.name))];
        };
        let formats = self.resolve_in(file, &fmt_range, depth, binding);
        let mut out = Vec::new();
        for f in formats.iter().take(MAX_ALTERNATIVES) {
            let mut acc = vec![Value::default()];
            let mut next_arg = fmt_index + 1;
            for piece in &f.pieces {
                if !piece.known {
                    acc = product(acc, &[Value::unknown(f.unknown_reason.clone().unwrap_or_default())]);
                    continue;
                }
                let mut rest: &str = &piece.text;
                while let Some(p) = rest.find('%') {
                    let lit = Value::literal(rest[..p].to_string(), piece.loc.clone());
                    acc = product(acc, &[lit]);
                    let spec = conversion(&rest[p..]);
                    rest = &rest[p + spec.len()..];
                    if spec == "%%" {
                        acc = product(acc, &[Value::literal("%".into(), piece.loc.clone())]);
                        continue;
                    }
                    next_arg += spec.matches('*').count();
                    let arg = call.args.get(next_arg);
                    next_arg += 1;
                    let parts = match (spec.ends_with('s'), arg) {
                        (true, Some(r)) => self.resolve_in(file, &r, depth + 1, binding),
                        _ => vec![Value::unknown(format!("a `{spec}` value filled at run time"))],
                    };
                    acc = product(acc, &parts);
                }
                acc = product(acc, &[Value::literal(rest.to_string(), piece.loc.clone())]);
            }
            out.extend(acc);
        }
        out.truncate(MAX_ALTERNATIVES);
        out
    }
}

/// A copy (`strcpy`, `az_span_copy`, ...) rather than a printf-family call: what it writes
/// is its source (the API's format argument) alone.
pub(crate) fn is_copy(name: &str) -> bool {
    !matches!(name, "snprintf" | "sprintf" | "sprintf_s" | "_snprintf" | "snprintf_s")
}

/// A printf conversion at the start of `s` (which starts with `%`).
pub(crate) fn conversion(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && !b[i].is_ascii_alphabetic() && b[i] != b'%' {
        i += 1;
    }
    // Length modifiers before the conversion letter.
    while i < b.len() && matches!(b[i], b'h' | b'l' | b'j' | b'z' | b't' | b'L') {
        i += 1;
    }
    &s[..(i + 1).min(s.len())]
}

fn product(mut a: Vec<Value>, b: &[Value]) -> Vec<Value> {
    // One value to append (a literal piece of a format, most often): each of `a` is
    // extended where it is, not copied.
    if let [y] = b {
        a.truncate(MAX_PARAMETER_VALUES);
        for x in &mut a {
            let bare = x.pieces.is_empty() && x.via.is_empty();
            x.pieces.extend(y.pieces.iter().cloned());
            x.null = false;
            if x.unknown_reason.is_none() {
                x.unknown_reason = y.unknown_reason.clone();
            }
            if bare {
                x.via = y.via.clone();
                x.null = y.null;
            }
        }
        return a;
    }
    let mut out = Vec::new();
    let cap = if a.len() == 1 || b.len() == 1 { MAX_PARAMETER_VALUES } else { MAX_ALTERNATIVES };
    for x in &a {
        for y in b {
            if out.len() >= cap {
                return out;
            }
            let mut v = x.clone().concat(y);
            if x.pieces.is_empty() && x.via.is_empty() {
                v.via = y.via.clone();
                v.null = y.null;
            }
            out.push(v);
        }
    }
    out
}

/// The index of the token closing the bracket opened at `open` (`(`/`)` or `[`/`]`).
fn matching(text: &str, toks: &[Token], open: usize, pair: (&str, &str)) -> Option<usize> {
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate().skip(open) {
        let s = t.text(text, 0);
        if s == pair.0 {
            depth += 1;
        } else if s == pair.1 {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The form of an expression the resolver reads a value from, once its wrapping
/// parentheses, casts, `&` and `*` are stripped: what [`Resolver::tokens`] follows, and
/// what the word gate (`super::words`) follows as it does.
pub(crate) enum Shape<'t> {
    Empty,
    /// Adjacent string literals and identifiers (`"{\"modelId\":\"" MODEL_ID "\"}"`), each
    /// read alone and joined.
    Adjacent(&'t [Token]),
    Single(Token),
    /// `NAME(args)` (`args`: `None` when they cannot be read).
    Call { name: &'t str, name_range: Range<usize>, args: Option<Vec<Range<usize>>>, range: Range<usize> },
    /// `names[i]`: any element of the array.
    Indexed(&'t str),
    /// `x.field`, `x->field`, `x[i].field`: the field, and the last identifier before it.
    Field { field: &'t str, base: Option<&'t str> },
    /// Anything else: computed at run time.
    Other(&'t [Token]),
}

/// The [`Shape`] of the expression `toks` of `text`.
pub(crate) fn shape<'t>(text: &'t str, toks: &'t [Token]) -> Shape<'t> {
    let s = |t: &Token| -> &'t str { t.text(text, 0) };
    // The parentheses are matched once for the whole slice: matching them again per layer
    // is quadratic in the nesting.
    let close_of = matching_parens(toks);
    let (mut lo, mut hi) = (0, toks.len());
    loop {
        if hi - lo >= 2 && s(&toks[lo]) == "(" && close_of[lo] == Some(hi - 1) {
            lo += 1;
            hi -= 1;
        } else if let Some(close) = cast_end_at(text, toks, &close_of, lo, hi) {
            lo = close + 1;
        } else if hi - lo > 1 && matches!(s(&toks[lo]), "&" | "*") {
            lo += 1;
        } else {
            break;
        }
    }
    let toks = &toks[lo..hi];
    if toks.is_empty() {
        return Shape::Empty;
    }
    if toks.len() > 1 && toks.iter().all(|t| matches!(t.kind, TokKind::Str | TokKind::Ident)) {
        return Shape::Adjacent(toks);
    }
    if toks.len() == 1 {
        return Shape::Single(toks[0]);
    }
    if toks[0].kind == TokKind::Ident && s(&toks[1]) == "(" && matching_close(text, toks, 1) == Some(toks.len() - 1) {
        return Shape::Call {
            name: s(&toks[0]),
            name_range: toks[0].range(),
            args: super::facts::split_args(toks, 1).map(|(args, _)| args),
            range: toks[0].lo()..toks[toks.len() - 1].hi(),
        };
    }
    if toks.len() >= 3 && toks[0].kind == TokKind::Ident && s(&toks[1]) == "[" && matching_close_bracket(text, toks, 1) == Some(toks.len() - 1) {
        return Shape::Indexed(s(&toks[0]));
    }
    let n = toks.len();
    if toks[n - 1].kind == TokKind::Ident && matches!(s(&toks[n - 2]), "." | "->") {
        let base = toks[..n - 2].iter().rev().find(|t| t.kind == TokKind::Ident).map(s);
        return Shape::Field { field: s(&toks[n - 1]), base };
    }
    Shape::Other(toks)
}

fn matching_close(text: &str, toks: &[Token], open: usize) -> Option<usize> {
    matching(text, toks, open, ("(", ")"))
}

fn matching_close_bracket(text: &str, toks: &[Token], open: usize) -> Option<usize> {
    matching(text, toks, open, ("[", "]"))
}

/// `(const char *)x`, `(UCHAR*)x`: the index of the cast's `)` when `toks` starts with one.
/// For each `(` in `toks`, the index of its `)` (as `matching_close` finds it).
/// (On the stack for the short expressions most are: the word gate asks this of each
/// expression it reads, 9,500 of them in a `check` of azure-iot-sdk-c, each two
/// allocations. The punctuators by their byte, which the lexer keeps for one-byte ones.)
fn matching_parens(toks: &[Token]) -> SmallVec<[Option<usize>; 16]> {
    let mut out: SmallVec<[Option<usize>; 16]> = smallvec::smallvec![None; toks.len()];
    let mut open: SmallVec<[usize; 8]> = SmallVec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.byte {
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    out[o] = Some(i);
                }
            }
            _ => {}
        }
    }
    out
}

/// `cast_end` of `toks[lo..hi]` (an index into `toks`), with the parentheses matched.
fn cast_end_at(text: &str, toks: &[Token], close_of: &[Option<usize>], lo: usize, hi: usize) -> Option<usize> {
    if lo >= hi || toks[lo].text(text, 0) != "(" {
        return None;
    }
    let close = close_of[lo].filter(|&c| c < hi)?;
    if close + 1 >= hi || close < lo + 2 {
        return None;
    }
    let inner = &toks[lo + 1..close];
    let has_star_or_type = inner.iter().any(|t| t.text(text, 0) == "*")
        || inner.iter().any(|t| matches!(t.text(text, 0), "const" | "char" | "unsigned" | "signed" | "void" | "uint8_t" | "UCHAR" | "CHAR"));
    let only_type_tokens = inner.iter().all(|t| t.kind == TokKind::Ident || t.text(text, 0) == "*");
    (has_star_or_type && only_type_tokens).then_some(close)
}

/// JSON key/value found in a (possibly partly unknown) JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonMember {
    pub key: String,
    /// Byte offset of the key's first character in the text.
    pub key_offset: usize,
    /// The string value and its byte offset, when the value is a string.
    pub value: Option<(String, usize)>,
    /// Object/array nesting at the key: 1 for the members of a top-level object, 0 for a
    /// fragment without braces (`"voltage":%.2f`).
    pub depth: u32,
}

/// The end of a JSON string whose body starts at `start` (the index of its closing quote,
/// or the text's end).
fn string_end(b: &[u8], start: usize) -> usize {
    let mut j = start;
    while j < b.len() && b[j] != b'"' {
        if b[j] == b'\\' {
            j += 1;
        }
        j += 1;
    }
    j.min(b.len())
}

/// The `"key": value` members of a JSON-ish text, tolerant of unknown parts and of
/// templates that are not complete JSON.
pub fn json_members(text: &str) -> Vec<JsonMember> {
    let b = text.as_bytes();
    let skip_ws = |mut k: usize| {
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        k
    };
    let mut out = Vec::new();
    let mut depth = 0i64;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth -= 1,
            b'"' => {
                let start = i + 1;
                let end = string_end(b, start);
                let k = skip_ws(end + 1);
                if k < b.len() && b[k] == b':' {
                    let v = skip_ws(k + 1);
                    let value = (v < b.len() && b[v] == b'"').then(|| {
                        let ve = string_end(b, v + 1);
                        (text[v + 1..ve].to_string(), v + 1)
                    });
                    i = value.as_ref().map_or(v, |(val, vs)| vs + val.len() + 1);
                    out.push(JsonMember { key: text[start..end].to_string(), key_offset: start, value, depth: depth.max(0) as u32 });
                    continue;
                }
                i = end + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_as_strings_do_at_every_length_and_every_byte() {
        // Each length to past the word compares, each byte changed in turn (and the
        // lengths differing), against `==`.
        for n in 0..=24usize {
            let a: String = (0..n).map(|i| (b'a' + (i % 26) as u8) as char).collect();
            assert!(same_name(&a, &a.clone()), "{a:?}");
            for i in 0..n {
                let mut b = a.clone().into_bytes();
                b[i] = b'_';
                let b = String::from_utf8(b).unwrap();
                assert_eq!(same_name(&a, &b), a == b, "{a:?} {b:?}");
            }
            let longer = format!("{a}x");
            assert!(!same_name(&a, &longer) && !same_name(&longer, &a), "{a:?}");
        }
    }

    #[test]
    fn a_site_gives_back_what_it_was_made_of_in_sixteen_bytes() {
        for (file, func, range) in [(0, None, 0..0), (3, Some(0), 10..42), (9_999, Some(511), 1_000_000..1_000_017), (7, Some(u32::MAX as usize - 2), 5..6)] {
            let s = Site::new(file, func, range.clone());
            assert_eq!((s.file(), s.func(), s.range()), (file, func, range));
        }
        // A million of them in a tree of 10,000 files: a fifth of its memory at 40 bytes.
        assert_eq!(std::mem::size_of::<Site>(), 16);
    }

    #[test]
    fn appending_one_value_keeps_what_a_product_keeps() {
        // A value with nothing yet takes the appended one's macro path and nullness; one
        // with text keeps its own; the first unknown reason met stays.
        let mut named = Value::literal("y".into(), None);
        named.via = vec!["NAME".into()];
        let out = product(vec![Value::default(), Value::literal("x".into(), None)], &[named]);
        assert_eq!(out.iter().map(Value::text).collect::<Vec<_>>(), ["y", "xy"]);
        assert_eq!(out[0].via, ["NAME"]);
        assert!(out[1].via.is_empty());
        let out = product(vec![Value::unknown("first")], &[Value::unknown("second")]);
        assert_eq!(out[0].unknown_reason.as_deref(), Some("first"));
        // Never more alternatives than a parameter may have.
        let many = vec![Value::literal("a".into(), None); MAX_PARAMETER_VALUES + 3];
        assert_eq!(product(many, &[Value::literal("b".into(), None)]).len(), MAX_PARAMETER_VALUES);
    }
    use crate::c::facts;

    pub(super) fn files(sources: &[&str]) -> Vec<FileInput> {
        sources.iter().map(|s| FileInput { text: (*s).into(), facts: facts::extract(s).into() }).collect()
    }

    /// The whole set's entries a program reads: the nearest to its entry point, and
    /// macros, filled buffers and struct fields only within the program's folder.
    #[test]
    fn a_program_reads_the_nearest_entries_and_its_own_projects_fields_and_macros() {
        let paths: Vec<std::path::PathBuf> =
            ["ws/a/app/main.c", "ws/a/app/near.c", "ws/a/lib/ids.c", "ws/b/cfg.c"].iter().map(std::path::PathBuf::from).collect();
        let fs = files(&[
            "int main(void){ return 0; }",
            "const char *model_id = \"dtmi:a:app;1\";",
            "const char *model_id = \"dtmi:a:lib;1\";\nvoid fill(pkt_t *p){ p->length = 4; }",
            "#define MODEL_ID \"dtmi:b:b;1\"\nconst char *other = \"x\";\nvoid put(pkt_t *p){ p->length = 3; }",
        ]);
        let whole = SymbolIndex::build(&fs, 0..fs.len());
        let near = Nearness::new(&paths);
        let value = |s: &Site| fs[s.file()].text[s.range()].to_string();
        // A program of the entry's file alone: its folder is ws/a/app.
        let alone = SymbolIndex::nearest(&whole, &near, 0, [0].into_iter());
        assert_eq!(alone.inits_of("model_id").iter().map(value).collect::<Vec<_>>(), ["\"dtmi:a:app;1\""]);
        assert_eq!(alone.inits_of("other").iter().map(value).collect::<Vec<_>>(), ["\"x\""]);
        assert!(alone.defines_of("MODEL_ID").is_empty());
        assert!(alone.field_assigns_get("length").is_none());
        // With the library in the program, its folder is ws/a: the library's field, not ws/b's.
        let with_lib = SymbolIndex::nearest(&whole, &near, 0, [0, 2].into_iter());
        let fields: Vec<usize> = with_lib.field_assigns_get("length").into_iter().flatten().map(|(s, _)| s.file()).collect();
        assert_eq!(fields, [2]);
        assert!(with_lib.defines_of("MODEL_ID").is_empty());
        // The whole set's own index answers as before.
        assert_eq!(whole.inits_of("model_id").len(), 2);
        assert_eq!(whole.field_assigns_get("length").map_or(0, Vec::len), 2);
    }

    /// A helper in a file outside the program (read through the fallback to the whole set)
    /// reads its own local, not the program's variable of the same name.
    #[test]
    fn a_function_outside_the_program_reads_its_own_locals() {
        let fs = files(&[
            "static const char *tag = \"registrationId\";\nint main(void) { char out[32]; format_tag(out, sizeof(out)); return 0; }",
            "void format_tag(char *out, size_t size)\n{\n    const char *tag = \"temperature\";\n    snprintf(out, size, \"%s\", tag);\n}\n",
        ]);
        let program = SymbolIndex::build(&fs, [0].into_iter());
        let whole = SymbolIndex::build(&fs, 0..fs.len());
        let r = Resolver::new(&fs, &program, &whole);
        let call = fs[1].facts.calls.iter().find(|c| c.name == "snprintf").expect("snprintf");
        let texts: Vec<String> = r.resolve(1, &call.args.get(3).unwrap()).iter().map(Value::text).collect();
        assert_eq!(texts, ["temperature"]);
    }

    pub(super) fn resolve_arg(fs: &[FileInput], call: &str, arg: usize) -> Vec<Value> {
        let ix = SymbolIndex::build(fs, 0..fs.len());
        let r = Resolver::new(fs, &ix, &ix);
        for (fi, f) in fs.iter().enumerate() {
            if let Some(c) = f.facts.calls.iter().find(|c| c.name == call) {
                return r.resolve(fi, &c.args.get(arg).unwrap());
            }
        }
        panic!("no call {call}");
    }

    #[test]
    fn concatenated_macro_payload_from_a_header() {
        let fs = files(&[
            "#define MODEL_ID \"dtmi:contoso:thermostat;1\"\n",
            "#include \"board.h\"\n#define PAYLOAD \"{\\\"modelId\\\":\\\"\" MODEL_ID \"\\\"}\"\nvoid f(void){ Prov_Device_LL_Set_Provisioning_Payload(h, PAYLOAD); }\n",
        ]);
        let v = resolve_arg(&fs, "Prov_Device_LL_Set_Provisioning_Payload", 1);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].text(), r#"{"modelId":"dtmi:contoso:thermostat;1"}"#);
        let m = json_members(&v[0].text());
        let (val, off) = m[0].value.clone().unwrap();
        assert_eq!(val, "dtmi:contoso:thermostat;1");
        assert_eq!(v[0].loc_at(off).unwrap().file, 0, "the DTMI was written in the header");
    }

    #[test]
    fn snprintf_from_a_struct_field_set_in_another_file() {
        let fs = files(&[
            "void setup(CFG* cfg){ cfg->modelId = MODEL_ID; }\n#define MODEL_ID \"dtmi:a:b;2\"\n",
            "static char buf[128];\nvoid reg(CFG* config){\n snprintf(buf, sizeof(buf), \"{\\\"modelId\\\":\\\"%s\\\"}\", config->modelId);\n Prov_Device_LL_Set_Provisioning_Payload(h, buf);\n}\n",
        ]);
        let v = resolve_arg(&fs, "Prov_Device_LL_Set_Provisioning_Payload", 1);
        assert_eq!(v[0].text(), r#"{"modelId":"dtmi:a:b;2"}"#);
    }

    #[test]
    fn spans_casts_parens_and_nulls() {
        let fs = files(&[
            "static const char k[] = (\"modelId\");\nvoid f(void){ g(AZ_SPAN_LITERAL_FROM_STR(k)); h((const char*)NULL); i(AZ_SPAN_EMPTY); j(getenv(\"X\")); }\n",
        ]);
        assert_eq!(resolve_arg(&fs, "g", 0)[0].text(), "modelId");
        assert!(resolve_arg(&fs, "h", 0)[0].null);
        assert!(resolve_arg(&fs, "i", 0)[0].null);
        let unknown = &resolve_arg(&fs, "j", 0)[0];
        assert!(!unknown.is_known());
        assert!(unknown.unknown_reason.as_ref().unwrap().contains("getenv"));
    }

    #[test]
    fn two_boards_two_values() {
        let fs = files(&[
            "#define MODEL_ID \"dtmi:contoso:a;1\"\n",
            "#define MODEL_ID \"dtmi:contoso:b;1\"\n",
            "void f(void){ IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, MODEL_ID); }\n",
        ]);
        let v = resolve_arg(&fs, "IoTHubDeviceClient_LL_SetOption", 2);
        let texts: Vec<_> = v.iter().map(Value::text).collect();
        assert_eq!(texts, vec!["dtmi:contoso:a;1", "dtmi:contoso:b;1"]);
        assert_eq!(resolve_arg(&fs, "IoTHubDeviceClient_LL_SetOption", 1)[0].text(), "model_id");
    }

    /// Every call argument of `sources`, resolved with and without the memo of
    /// sub-questions: the memo must give exactly what following every expression again
    /// gives, budget exhaustion included.
    fn same_with_and_without_memo(sources: &[&str]) -> usize {
        let fs = files(sources);
        let ix = SymbolIndex::build(&fs, 0..fs.len());
        let with = Resolver::new(&fs, &ix, &ix);
        let without = Resolver { use_memo: false, ..Resolver::new(&fs, &ix, &ix) };
        let mut exhausted = 0;
        for (fi, f) in fs.iter().enumerate() {
            for c in &f.facts.calls {
                for a in &c.args {
                    let (x, y) = (with.resolve(fi, &a), without.resolve(fi, &a));
                    assert_eq!(x, y, "argument `{}` of `{}`", &f.text[a.clone()], c.name);
                    exhausted += x.iter().any(|v| v.unknown_reason.as_deref().is_some_and(|r| r.contains("too many"))) as usize;
                }
            }
        }
        assert!(!with.memo.borrow().is_empty());
        exhausted
    }

    #[test]
    fn the_memo_answers_exactly_as_following_again() {
        // Macros of four copies of the one below: 4^7 expressions are past the budget,
        // twelve levels past the depth bound.
        let mut fan = String::from("#define A0 \"x\"\n");
        for k in 1..=12 {
            let p = format!("A{}", k - 1);
            fan.push_str(&format!("#define A{k} {p} {p} {p} {p}\n"));
        }
        fan.push_str("void f(void){ use(A7); use(A3); use(A12); use(A7); g(A6, A5); }\n");
        // A parameter passed down a call tree whose callers read a field assigned in many
        // places, each from a macro: shared sub-questions at several depths.
        let mut tree = String::from("#define ID \"dtmi:a:b;1\"\n");
        for k in 0..30 {
            tree.push_str(&format!("void s{k}(CFG* c){{ c->id = ID; c->name = c->id; }}\n"));
        }
        tree.push_str("void leaf(const char* p){ snprintf(buf, 64, \"%s/%s\", p, p); use(buf); }\n");
        for k in 0..6 {
            tree.push_str(&format!("void mid{k}(const char* q){{ leaf(q); leaf(cfg->id); leaf(cfg->name); }}\n"));
        }
        tree.push_str("int main(void){ mid0(ID); mid1(cfg.id); mid2(cfg.name); mid3(ID); mid4(\"x\"); mid5(cfg.id); }\n");
        let exhausted = same_with_and_without_memo(&[&fan, &tree]);
        assert!(exhausted >= 2, "the fan-out must run out of budget ({exhausted})");
    }

    /// A sub-question cut by the depth bound holds only at the depth it was asked at: one
    /// asked at two depths by turns (`A0` directly, and through a wrapper one level down)
    /// is followed once per depth, not once per turn, and answers as following it every
    /// time does.
    #[test]
    fn a_cut_answer_is_kept_per_depth() {
        let mut chain = String::from("#define A17 \"x\"\n");
        for k in (0..17).rev() {
            chain.push_str(&format!("#define A{k} A{}\n", k + 1));
        }
        let followed = |turns: usize| {
            let mut text = chain.clone();
            let mut body = String::new();
            for t in 0..turns {
                text.push_str(&format!("#define W{t} A0\n"));
                body.push_str(&format!(" A0 W{t}"));
            }
            text.push_str(&format!("#define P{body}\nvoid f(void){{ use(P); }}\n"));
            let fs = files(&[&text]);
            let ix = SymbolIndex::build(&fs, 0..fs.len());
            let with = Resolver::new(&fs, &ix, &ix);
            let without = Resolver { use_memo: false, ..Resolver::new(&fs, &ix, &ix) };
            let c = fs[0].facts.calls.iter().find(|c| c.name == "use").expect("the call");
            let v = with.resolve(0, &c.args.first().unwrap());
            assert_eq!(v, without.resolve(0, &c.args.first().unwrap()));
            assert!(v[0].unknown_reason.as_deref().is_some_and(|r| r.contains("too deeply")), "{v:?}");
            (with.followed(), without.followed())
        };
        let (two, two_without) = followed(2);
        let (eight, eight_without) = followed(8);
        // Each further turn follows its own wrapper only; `A0` is answered at both depths.
        assert_eq!(eight - two, 6, "followed {two} for two turns, {eight} for eight");
        assert!(eight_without - two_without > 6 * 20, "without the memo each turn follows the chain twice");
    }

    /// A parameter with more callers (a field with more assignments) than values are kept
    /// stops following them once it has that many: the values are the first ones, as
    /// before, without following the rest (a unit test's hundreds of `client` setups).
    #[test]
    fn values_past_the_kept_number_are_not_followed() {
        let mut text = String::from("void put(const char *v){ use(v); }\nvoid set(dev_t *d, const char *id){ d->device_id = id; }\n");
        text.push_str("void read(dev_t *d){ use(d->device_id); }\nint main(void){\n");
        for k in 0..300 {
            text.push_str(&format!("    put(\"p{k}\"); dev_t d{k}; set(&d{k}, \"id{k}\"); read(&d{k});\n"));
        }
        text.push_str("}\n");
        let fs = files(&[&text]);
        let ix = SymbolIndex::build(&fs, 0..fs.len());
        let use_of = |f: &str| {
            let func = fs[0].facts.functions.iter().position(|g| g.name == f).expect("the function");
            let body = fs[0].facts.functions[func].body.clone();
            fs[0].facts.calls.iter().find(|c| c.name == "use" && body.contains(&c.range().start)).expect("the call").args.first().unwrap()
        };
        // The parameter: the first 64 callers' literals.
        let r = Resolver::new(&fs, &ix, &ix);
        let v = r.resolve(0, &use_of("put"));
        assert_eq!(v.len(), MAX_PARAMETER_VALUES);
        assert_eq!(v[0].text(), "p0");
        assert_eq!(v[63].text(), "p63");
        assert!(r.followed() < 2 * MAX_PARAMETER_VALUES, "followed {} expressions for 64 values", r.followed());
        // A field assigned through a parameter, per object: the first 64 as well.
        let r = Resolver::new(&fs, &ix, &ix);
        let v = r.resolve(0, &use_of("read"));
        assert!(!v.is_empty() && v.len() <= MAX_PARAMETER_VALUES, "{}", v.len());
        assert!(r.followed() < 4 * MAX_PARAMETER_VALUES, "followed {} expressions for {} values", r.followed(), v.len());
    }

    #[test]
    fn json_members_tolerate_templates() {
        let m = json_members("{\"registrationId\":\"%s\",\"payload\":{\"modelId\":\"\u{FFFC}\"}}");
        let keys: Vec<_> = m.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, vec!["registrationId", "payload", "modelId"]);
    }

    /// The C files of the fixture programs (`tests/fixtures/programs`), in path order,
    /// with their texts.
    fn fixture_programs() -> (Vec<std::path::PathBuf>, Vec<String>) {
        let paths = crate::test_files::under("tests/fixtures/programs", |p| crate::test_files::ext_in(p, &["c", "h"]));
        assert!(paths.len() > 100, "the fixture programs are missing: {}", paths.len());
        let texts: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        (paths, texts)
    }

    /// The buffers a file's calls write are the same read from the SDK calls its reading
    /// listed (`FileFacts::sdk_calls`, the one-shot reading's) as from all its calls:
    /// every format call's and JSON writer's buffer of the fixture programs, with the API
    /// and the call, in order.
    #[test]
    fn the_buffers_from_the_listed_sdk_calls_are_those_of_all_calls() {
        let (paths, texts) = fixture_programs();
        let shown = |f: &FileInput, fi: usize| -> Vec<String> {
            own_buffers(f, fi)
                .iter()
                .map(|(name, b)| match b {
                    Buffer::Fill(fill) => format!("{name} fill {:?} {} {:?} {:p}", fill.site, fill.file, fill.call.range(), fill.api),
                    Buffer::Writer(site) => format!("{name} writer {site:?}"),
                })
                .collect()
        };
        let mut written = 0;
        for (fi, text) in texts.iter().enumerate() {
            let all = FileInput { text: text.as_str().into(), facts: facts::extract(text).into() };
            let mut listed = facts::extract(text);
            listed.sdk_calls = Some(crate::c::sdk_calls_of(&listed));
            let listed = FileInput { text: text.as_str().into(), facts: listed.into() };
            let (a, b) = (shown(&all, fi), shown(&listed, fi));
            assert_eq!(a, b, "{}", paths[fi].display());
            written += a.len();
        }
        assert!(written > 20, "only {written} buffers written in the fixture programs");
    }

    /// Every look-up of a program's view of the shared index returns what an index built
    /// from the program's files alone returns (entries, their order, the buffer maps and
    /// out-parameter fills), for the fixture programs: each folder, the programs the split
    /// makes of them all, and pseudo-random halves of the set.
    #[test]
    fn a_view_of_the_shared_index_is_the_program_index() {
        let (paths, texts) = fixture_programs();
        views_are_program_indexes(&paths, files(&texts.iter().map(String::as_str).collect::<Vec<_>>()));
    }

    /// [`a_view_of_the_shared_index_is_the_program_index`] with the files read as `check`
    /// reads them (`extract_file_compact`): the assignments to plain variables of a file
    /// the prefilter passed over kept by name, their entries read again when asked for.
    /// On the real programs of `tests/realworld` (the fixture programs have no such file).
    #[test]
    fn a_view_of_the_shared_index_is_the_program_index_read_compactly() {
        let mut paths = crate::test_files::under("tests/realworld", |p| crate::test_files::ext_in(p, &["c", "h"]));
        assert!(paths.len() > 200, "the real programs are missing: {}", paths.len());
        let mut texts: Vec<String> = paths.iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()).collect();
        // And helpers beside them that nothing the prefilter looks for is in, assigning
        // names the programs use too, in several functions and folders.
        for k in 0..24 {
            paths.push(format!("tests/realworld/helpers{}/util{k}.c", k % 3).into());
            texts.push(format!(
                "static int result;\nint status;\nint util{k}_a(int x)\n{{\n    int i;\n    i = x + {k};\n    result = i * 2;\n    return i;\n}}\n\nvoid util{k}_b(void)\n{{\n    status = util{k}_a({k});\n    result += status;\n}}\n"
            ));
        }
        let fs: Vec<FileInput> = paths.iter().zip(&texts).map(|(p, t)| FileInput { text: t.as_str().into(), facts: crate::c::extract_file_compact(p, t).into() }).collect();
        let names_only = fs.iter().filter(|f| f.facts.var_assigns.as_ref().is_some_and(|v| v.is_names_only())).count();
        assert!(names_only >= 24, "files keeping the names of their assignments alone: {names_only}");
        views_are_program_indexes(&paths, fs);
    }

    /// The narrow questions about assignments to a plain variable (any? those of one
    /// function? a signature of the list) answer as the whole list does.
    fn narrow_answers_agree(ix: &SymbolIndex, fs: &[FileInput], n: &str, key: &impl Fn(usize) -> u64) -> usize {
        let list = ix.var_assigns_get(n);
        assert_eq!(ix.has_var_assigns(n), list.is_some_and(|v| !v.is_empty()), "has_var_assigns of `{n}`");
        let mut h = FxHasher::default();
        let mut last = None;
        for s in list.into_iter().flatten() {
            if last != Some(s.file()) {
                last = Some(s.file());
                h.write_usize(s.file());
                h.write_u64(key(s.file()));
            }
        }
        assert_eq!(ix.var_assigns_signature(n, key), h.finish(), "var_assigns_signature of `{n}`");
        let mut asked = 0;
        for s in list.into_iter().flatten() {
            let (file, func) = (s.file(), s.func().unwrap_or(0));
            assert_eq!(ix.var_assigns_here(n, file, func), here(list, file, func).copied().collect::<Vec<_>>(), "var_assigns_here of `{n}` in {file}:{func}");
            asked += 1;
        }
        // A function with none (the first of a file that has any of its functions).
        if let Some(f) = (0..fs.len()).find(|&f| !fs[f].facts.functions.is_empty() && here(list, f, 0).next().is_none()) {
            assert!(ix.var_assigns_here(n, f, 0).is_empty(), "var_assigns_here of `{n}` in {f}:0");
        }
        asked
    }

    fn views_are_program_indexes(paths: &[std::path::PathBuf], fs: Vec<FileInput>) {
        let shared = SymbolIndex::build_shared(&fs);
        let mut names: std::collections::BTreeSet<&str> = Default::default();
        for f in &fs {
            names.extend(f.facts.var_assigns.iter().flat_map(|v| v.names()));
            names.extend(f.facts.defines.iter().map(|d| d.name.as_str()));
            names.extend(f.facts.inits.iter().map(|d| d.name.as_str()));
            names.extend(f.facts.calls.iter().map(|d| d.name.as_str()));
            names.extend(f.facts.functions.iter().map(|d| d.name.as_str()));
            names.extend(f.facts.assigns.iter().map(|a| match &a.target {
                AssignTarget::Field(n) | AssignTarget::Var(n) => n.as_str(),
            }));
        }
        let mut sets: Vec<std::collections::BTreeSet<usize>> = Vec::new();
        let folder = |i: usize| paths[i].parent().unwrap().to_path_buf();
        let mut i = 0;
        while i < fs.len() {
            let j = (i..fs.len()).find(|&j| folder(j) != folder(i)).unwrap_or(fs.len());
            sets.push((i..j).collect());
            i = j;
        }
        let facts: Vec<&FileFacts> = fs.iter().map(|f| f.facts.as_ref()).collect();
        sets.extend(crate::c::program::split(paths, &facts).into_iter().map(|p| p.files));
        for seed in 1..=4u64 {
            let mut h = FxHasher(seed);
            sets.push((0..fs.len()).filter(|&f| { h.write_usize(f); h.finish().is_multiple_of(2) }).collect());
        }
        let key = |_: usize| 0u64;
        let sig = |n: usize, s: u64| (n, s);
        // The shared index itself (its assignments read by name when asked for) against an
        // index of every file built entry by entry.
        let every = SymbolIndex::build(&fs, 0..fs.len());
        for &n in &names {
            let (a, b) = (every.inits_get(n), shared.inits_get(n));
            assert_eq!(sig(a.map_or(0, Vec::len), signature(a, &key)), sig(b.map_or(0, Vec::len), signature(b, &key)), "inits_get of `{n}` in the shared index");
            let (a, b) = (every.var_assigns_get(n), shared.var_assigns_get(n));
            assert_eq!(sig(a.map_or(0, Vec::len), signature(a, &key)), sig(b.map_or(0, Vec::len), signature(b, &key)), "var_assigns_get of `{n}` in the shared index");
            narrow_answers_agree(&every, &fs, n, &key);
            narrow_answers_agree(&shared, &fs, n, &key);
            let (a, b) = (every.field_assigns_get(n), shared.field_assigns_get(n));
            assert_eq!(sig(a.map_or(0, Vec::len), signature(a, &key)), sig(b.map_or(0, Vec::len), signature(b, &key)), "field_assigns_get of `{n}` in the shared index");
        }
        let mut compared = 0;
        for set in &sets {
            let own = SymbolIndex::build(&fs, set.iter().copied());
            let view = SymbolIndex::view(&shared, &fs, set);
            for &n in &names {
                macro_rules! same {
                    ($get:ident) => {{
                        let (a, b) = (own.$get(n), view.$get(n));
                        assert_eq!(sig(a.map_or(0, Vec::len), signature(a, &key)), sig(b.map_or(0, Vec::len), signature(b, &key)), "{} of `{n}` in {set:?}", stringify!($get));
                    }};
                }
                same!(defines_get);
                same!(inits_get);
                same!(field_assigns_get);
                same!(var_assigns_get);
                narrow_answers_agree(&view, &fs, n, &key);
                same!(calls_get);
                same!(functions_get);
                compared += 1;
            }
            assert_eq!(own.fills.len(), view.fills.len(), "{set:?}");
            for (n, v) in &own.fills {
                assert_eq!(signature(Some(v), &key), signature(view.fills.get(n), &key), "fills of `{n}` in {set:?}");
            }
            assert_eq!(own.writer_buffers.len(), view.writer_buffers.len(), "{set:?}");
            for (n, v) in &own.writer_buffers {
                assert_eq!(signature(Some(v), &key), signature(view.writer_buffers.get(n), &key), "writers of `{n}` in {set:?}");
            }
        }
        assert!(compared > 10_000, "{compared}");
        // Views that keep the entries nearest to a file (the fallback of a program).
        let near = Nearness::new(paths);
        let mut asked = 0;
        for f in (0..fs.len()).step_by(5) {
            let view = SymbolIndex::nearest(&shared, &near, f, std::iter::once(f));
            asked += names.iter().map(|n| narrow_answers_agree(&view, &fs, n, &key)).sum::<usize>();
        }
        assert!(asked > 100, "{asked}");
    }
}

#[cfg(test)]
mod flow_tests {
    use super::tests::{files, resolve_arg};

    #[test]
    fn a_helper_formats_into_the_callers_buffer() {
        let fs = files(&[
            "#define NAME \"temperature\"\nuint32_t create(uint8_t* out, uint32_t size, uint32_t* len){ *len = snprintf((char*)out, size, \"{\\\"\" NAME \"\\\":%0.2f}\", t); return 0; }\n",
            "static uint8_t scratch[512];\nvoid task(void){ uint32_t n; if (create(scratch, sizeof(scratch), &n) == 0) { AzureIoTHubClient_SendTelemetry(&c, scratch, n, NULL, 1, NULL); } }\n",
        ]);
        let v = resolve_arg(&fs, "AzureIoTHubClient_SendTelemetry", 1);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].pieces.iter().filter(|p| p.known).map(|p| &*p.text).collect::<String>(), "{\"temperature\":}");
    }

    #[test]
    fn a_getter_returns_a_span_of_a_macro() {
        let fs = files(&[
            "#define MODEL_ID \"dtmi:a:b;1\"\nconst az_span get_model_id() { return AZ_SPAN_FROM_STR(MODEL_ID); }\n",
            "void setup(void){ cfg.model_id = get_model_id(); use(cfg.model_id); }\n",
        ]);
        assert_eq!(resolve_arg(&fs, "use", 0)[0].text(), "dtmi:a:b;1");
    }

    #[test]
    fn appending_copies_into_a_span_returned_as_its_head() {
        let fs = files(&[
            "#define BEGIN \"{\\\"modelId\\\":\\\"\"\n#define END \"\\\"}\"\n\
             az_span split(az_span span, int32_t size, az_span* rest) { az_span result = az_span_slice(span, 0, size); *rest = az_span_slice_to_end(span, size); return result; }\n\
             static az_span body(az_span model_id, az_span buf, az_span* rest) {\n  az_span out;\n  out = split(buf, 10, rest);\n  buf = az_span_copy(buf, AZ_SPAN_FROM_STR(BEGIN));\n  buf = az_span_copy(buf, model_id);\n  buf = az_span_copy(buf, AZ_SPAN_FROM_STR(END));\n  return out;\n}\n\
             void reg(void){ az_span p = body(AZ_SPAN_FROM_STR(\"dtmi:a:b;1\"), data, &r); az_iot_provisioning_client_get_request_payload(&c, p, NULL, b, 1, &l); }\n",
        ]);
        let v = resolve_arg(&fs, "az_iot_provisioning_client_get_request_payload", 1);
        assert_eq!(v[0].text(), "{\"modelId\":\"dtmi:a:b;1\"}", "{v:?}");
    }
}

