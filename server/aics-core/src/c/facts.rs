//! Per-file facts of a C file: the functions it defines, the calls it makes (also those
//! hidden in ERROR nodes and misparsed declarators), assignments, initialisers, string
//! literals and `#define`s. Plain data with byte ranges into the file text; nothing here
//! knows about SDKs or rules.
//!
//! C++ files (`.cpp`, `.ino`, ...) go through the same walk with tree-sitter-cpp: a member
//! function (`void Hub::send(...) {...}`, or defined in its class) is a function named by
//! its last component, a method call (`client.publish(...)`, `ns::f(...)`) a call named by
//! the method, a constructor's member initialiser (`: model_(MODEL_ID)`) a field
//! assignment. References and lambdas need nothing of their own: a reference parameter is a
//! parameter, and a lambda's calls belong to the function it is written in.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use streaming_iterator::StreamingIterator;
use tree_sitter::{Language, Node, Parser, Query, QueryCursor, Tree};

use super::lexer::{self, TokKind, Token};
use super::preprocess::{self, Define};

pub const FACTS_QUERY: &str = include_str!("../../../../grammars/c/facts.scm");

/// A C name as the facts hold it: inline up to 24 bytes (nearly every identifier), so
/// the hundreds of thousands of calls, assignments and parameters of a large tree are not
/// an allocation each.
pub type Ident = compact_str::CompactString;

#[derive(Clone, Debug)]
pub struct FunctionDef {
    pub name: Ident,
    pub name_range: Range<usize>,
    pub is_static: bool,
    /// Parameter names, in order (empty for `(void)`).
    pub params: Vec<Ident>,
    pub body: Range<usize>,
    /// Every identifier used in the body but reserved words: callees, and functions passed
    /// by pointer.
    pub idents: Names,
}

impl FunctionDef {
    /// Whether `range` (a string literal's, say) lies within the body.
    pub fn body_holds(&self, range: &Range<usize>) -> bool {
        self.body.start <= range.start && range.end <= self.body.end
    }
}

/// A call: its name, where the name is, its arguments and the whole call's byte range.
/// The ranges are held in 32-bit offsets ([`Span32`]): a check of azure-iot-sdk-c keeps
/// 93,000 calls, and each byte of a call is 93 KB of memory faulted in and torn down at
/// exit (88 bytes a call with `Range<usize>`s and a tagged argument list, 64 so).
#[derive(Clone)]
pub struct Call {
    pub name: Ident,
    name_span: Span32,
    /// Byte ranges of the arguments (trimmed).
    pub args: Args,
    span: Span32,
}

impl Call {
    pub fn new(name: Ident, name_range: Range<usize>, args: Args, range: Range<usize>) -> Call {
        Call { name, name_span: Span32::of(&name_range), args, span: Span32::of(&range) }
    }

    /// Where the called name is.
    #[inline]
    pub fn name_range(&self) -> Range<usize> {
        self.name_span.range()
    }

    /// The whole call, from its name (or what is called) to its `)`.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.span.range()
    }
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call").field("name", &self.name).field("name_range", &self.name_range()).field("args", &self.args).field("range", &self.range()).finish()
    }
}

/// A call's arguments, byte ranges of its text: up to three held in the call itself,
/// more in one list of 32-bit offsets. A list of its own for each call was a sixth of
/// the allocations of a `check` of azure-iot-sdk-c (80,000 lists for 93,000 calls, nine
/// in ten of them with three arguments or fewer); the calls and their lists were over a
/// third of the heap at its peak.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Args(ArgList);

/// (24 bytes: the list's pointer is told from held arguments by the end of the first
/// place, never 0 in a held one, so the enum needs no tag of its own; with a count byte it
/// was 32, and a call 72 bytes instead of 64.)
#[derive(Clone, PartialEq, Eq, Hash)]
enum ArgList {
    /// The places past the last argument hold [`HeldSpan::NONE`].
    Held([HeldSpan; 3]),
    Listed(Box<[Span32]>),
}

/// A [`Span32`] whose end is not 0 (an argument's never is: it comes after a `(`), which
/// leaves the 0 for the enum's tag. Laid out as a `Span32` is.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct HeldSpan {
    start: u32,
    end: std::num::NonZeroU32,
}

impl HeldSpan {
    /// An unused place.
    const NONE: HeldSpan = HeldSpan { start: u32::MAX, end: std::num::NonZeroU32::MAX };

    /// `r` held, unless its end is 0 or the unused place's.
    fn of(r: &Range<usize>) -> Option<HeldSpan> {
        let Span32 { start, end } = Span32::of(r);
        let end = std::num::NonZeroU32::new(end)?;
        let held = HeldSpan { start, end };
        (held != HeldSpan::NONE).then_some(held)
    }
}

impl Args {
    /// Arguments at these byte ranges, in order.
    pub fn of(ranges: &[Range<usize>]) -> Args {
        let listed = || Args(ArgList::Listed(ranges.iter().map(Span32::of).collect()));
        if ranges.len() > 3 {
            return listed();
        }
        let mut held = [HeldSpan::NONE; 3];
        for (h, r) in held.iter_mut().zip(ranges) {
            match HeldSpan::of(r) {
                Some(s) => *h = s,
                None => return listed(),
            }
        }
        Args(ArgList::Held(held))
    }

    fn spans(&self) -> &[Span32] {
        match &self.0 {
            ArgList::Held(held) => {
                let n = held.iter().take_while(|h| **h != HeldSpan::NONE).count();
                // SAFETY: `HeldSpan` and `Span32` are both `repr(C)` pairs of 32-bit fields,
                // and every `NonZeroU32` is a valid `u32`: the first `n` held places read as
                // `n` `Span32`s.
                unsafe { std::slice::from_raw_parts(held.as_ptr().cast::<Span32>(), n) }
            }
            ArgList::Listed(list) => list,
        }
    }

    pub fn len(&self) -> usize {
        self.spans().len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans().is_empty()
    }

    /// The byte range of argument `i`.
    pub fn get(&self, i: usize) -> Option<Range<usize>> {
        self.spans().get(i).map(|s| s.range())
    }

    pub fn first(&self) -> Option<Range<usize>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<Range<usize>> {
        self.spans().last().map(|s| s.range())
    }

    /// The arguments' byte ranges, in order.
    pub fn iter(&self) -> ArgRanges<'_> {
        ArgRanges(self.spans().iter())
    }

    pub fn to_vec(&self) -> Vec<Range<usize>> {
        self.iter().collect()
    }
}

impl Default for Args {
    fn default() -> Args {
        Args::of(&[])
    }
}

/// The byte ranges of a call's arguments ([`Args::iter`]).
#[derive(Clone)]
pub struct ArgRanges<'a>(std::slice::Iter<'a, Span32>);

impl Iterator for ArgRanges<'_> {
    type Item = Range<usize>;
    fn next(&mut self) -> Option<Range<usize>> {
        self.0.next().map(|s| s.range())
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for ArgRanges<'_> {
    fn next_back(&mut self) -> Option<Range<usize>> {
        self.0.next_back().map(|s| s.range())
    }
}

impl ExactSizeIterator for ArgRanges<'_> {}

impl<'a> IntoIterator for &'a Args {
    type Item = Range<usize>;
    type IntoIter = ArgRanges<'a>;
    fn into_iter(self) -> ArgRanges<'a> {
        self.iter()
    }
}

impl FromIterator<Range<usize>> for Args {
    fn from_iter<I: IntoIterator<Item = Range<usize>>>(iter: I) -> Args {
        let ranges: smallvec::SmallVec<[Range<usize>; 8]> = iter.into_iter().collect();
        Args::of(&ranges)
    }
}

/// As a list of ranges (tests compare the facts of two readings by their printed form).
impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignTarget {
    /// `x.f = v`, `x->f = v`, `.f = v`
    Field(Ident),
    /// `x = v`
    Var(Ident),
}

/// An assignment, in 56 bytes (it was 88): a large tree holds hundreds of thousands
/// (fw10k's library files 645,000, 57 MB of its 167 MB peak), and on the benchmark
/// machine every page of memory a run touches first costs a page fault of ~2 us. Its
/// ranges are 32-bit offsets, as token offsets are (texts are read to 4 GiB), and the
/// object's name, which most assignments lack, is boxed.
#[derive(Clone)]
pub struct Assign {
    pub target: AssignTarget,
    base: Option<Box<Ident>>,
    value: Span32,
    range: Span32,
}

impl Assign {
    /// `target = value` at `range`; `base`: for `obj.f = v` / `obj->f = v`, the last
    /// identifier of `obj` (the object written).
    #[inline(always)]
    pub fn new(target: AssignTarget, base: Option<Ident>, value: Range<usize>, range: Range<usize>) -> Assign {
        Assign { target, base: base.map(Box::new), value: Span32::of(&value), range: Span32::of(&range) }
    }

    /// For `obj.f = v` / `obj->f = v`: the last identifier of `obj` (the object written).
    #[inline]
    pub fn base(&self) -> Option<&str> {
        self.base.as_deref().map(Ident::as_str)
    }

    /// The value's bytes.
    #[inline]
    pub fn value(&self) -> Range<usize> {
        self.value.range()
    }

    /// The assignment's bytes, from its target to the end of its value.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.range.range()
    }

    /// Where the assignment starts.
    #[inline]
    pub fn start(&self) -> usize {
        self.range.start()
    }

    /// The same assignment with its ranges given by `by` (moved within the text).
    pub(crate) fn moved(&self, by: impl Fn(&Range<usize>) -> Range<usize>) -> Assign {
        Assign { target: self.target.clone(), base: self.base.clone(), value: Span32::of(&by(&self.value())), range: Span32::of(&by(&self.range())) }
    }

    /// [`Assign::moved`], `None` when `by` cannot place a range (an edit over it).
    pub(crate) fn try_moved(&self, by: impl Fn(&Range<usize>) -> Option<Range<usize>>) -> Option<Assign> {
        Some(Assign { target: self.target.clone(), base: self.base.clone(), value: Span32::of(&by(&self.value())?), range: Span32::of(&by(&self.range())?) })
    }
}

/// A range of a text in 32-bit offsets, half a `Range<usize>`, for what a large tree holds
/// by the hundred thousand (assignments, the symbol index's sites). A text's offsets fit:
/// the lexer reads a text to 4 GiB, as tree-sitter does.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Span32 {
    start: u32,
    end: u32,
}

impl Span32 {
    #[inline]
    pub(crate) fn of(r: &Range<usize>) -> Span32 {
        debug_assert!(r.end <= u32::MAX as usize, "an offset past 4 GiB");
        Span32 { start: r.start as u32, end: r.end as u32 }
    }

    #[inline]
    pub(crate) fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[inline]
    pub(crate) fn start(self) -> usize {
        self.start as usize
    }
}

impl std::fmt::Debug for Span32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.range().fmt(f)
    }
}

/// As the assignment was printed when its fields were public (tests compare the facts of
/// two readings by their printed form).
impl std::fmt::Debug for Assign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assign")
            .field("target", &self.target)
            .field("base", &self.base.as_deref())
            .field("value", &self.value())
            .field("range", &self.range())
            .finish()
    }
}

/// `T name = value;` (also `static const char name[] = "..."`).
#[derive(Clone, Debug)]
pub struct Init {
    pub name: Ident,
    pub value: Range<usize>,
    pub range: Range<usize>,
}

/// Distinct identifiers in the order the text first names them, held in one allocation (a
/// list of strings was an allocation per name per function, which showed in profiles of
/// large trees as malloc and free). Identifiers hold no line break: names are joined by one.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Names(Box<str>);

impl Names {
    /// From distinct names (none empty, none holding a line break), in the order given.
    pub fn from_distinct<'s>(names: impl IntoIterator<Item = &'s str, IntoIter: Clone>) -> Names {
        // One allocation of the joined length (growing a string was several, and the box
        // a last one to shrink it).
        let names = names.into_iter();
        let len = names.clone().map(|n| n.len() + 1).sum::<usize>().saturating_sub(1);
        let mut joined = String::with_capacity(len);
        for n in names {
            if !joined.is_empty() {
                joined.push('\n');
            }
            joined.push_str(n);
        }
        Names(joined.into_boxed_str())
    }

    pub fn iter(&self) -> NamesIter<'_> {
        NamesIter { rest: &self.0 }
    }

    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Keeps the names `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let kept: Vec<&str> = self.iter().filter(|n| keep(n)).collect();
        *self = Names::from_distinct(kept);
    }
}

impl std::fmt::Debug for Names {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The names of a [`Names`], in order. (Each line break found with the memchr crate: the
/// standard library's search behind `str::split` was most of the walk over a call graph's
/// names, ten bytes at a time.)
#[derive(Clone)]
pub struct NamesIter<'a> {
    rest: &'a str,
}

impl<'a> Iterator for NamesIter<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let (name, rest) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
                // (A line break is one byte: both sides are on character boundaries.)
                Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
                None => (self.rest, ""),
            };
            self.rest = rest;
            if !name.is_empty() {
                return Some(name);
            }
        }
        None
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a str;
    type IntoIter = NamesIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[derive(Clone, Debug)]
pub struct StrLit {
    pub range: Range<usize>,
    /// The literal's value: most are short and held inline (a `String` each was the
    /// largest count of allocations of a `check` of azure-iot-sdk-c after call names').
    pub value: Ident,
}

#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub defines: Vec<Define>,
    pub includes: Vec<String>,
    pub functions: Vec<FunctionDef>,
    pub calls: Vec<Call>,
    pub assigns: Vec<Assign>,
    pub inits: Vec<Init>,
    pub strings: Vec<StrLit>,
    /// Identifiers outside any function body (global initialisers such as tables of
    /// function pointers): they count as used by every function of the file. The names
    /// of the file's own functions come last, after the first `file_idents_other`.
    pub file_idents: Names,
    /// How many of `file_idents`, first, are not the name of one of the file's functions.
    pub file_idents_other: u32,
    /// The identifiers of function bodies that are neither among `file_idents` nor the
    /// names of the file's own functions, each once: with those two, every name the file
    /// uses.
    pub body_only_idents: Names,
    /// Whether each function's name is among `file_idents` (the definitions' heads are
    /// outside their bodies): then whatever reaches one function of the file reaches
    /// them all, and program splitting resolves the file's names once (see
    /// `program::Graph::edges_of`).
    pub heads_named: bool,
    /// The parse had ERROR or MISSING nodes even after untangling.
    pub had_parse_errors: bool,
    /// How many branch configurations were parsed (1 for an untangled file).
    pub variants_parsed: usize,
    /// A file read from tokens alone for a one-shot analysis
    /// ([`super::light::extract_auto_compact`]) keeps its assignments to plain variables
    /// here, in a few bytes each (see [`VarAssigns`]), and not in `assigns` (which then
    /// holds its field assignments alone). `None` when there are none or they are in
    /// `assigns`.
    pub var_assigns: Option<Box<VarAssigns>>,
    /// Whether the text holds the raw-MQTT telemetry topic (`[telemetry] raw_topic` of
    /// `grammars/c/sdk.toml`), when the reading looked: a one-shot analysis looks while the
    /// text is fresh in the cache ([`super::extract_file_compact`]); `None` when it did not.
    pub raw_topic: Option<bool>,
    /// Whether an initialiser's value may start with `{` ([`may_open_brace`]: a table,
    /// what the contents' reading of handler tables and the DPS words' search of array
    /// elements look at), when the reading looked: a one-shot analysis's
    /// ([`super::extract_file_compact`]), so that the tables are looked for without the
    /// text of every file; `None` when it did not.
    pub braced_inits: Option<bool>,
    /// Whether the text holds how the raw-MQTT command and property topics begin (their
    /// common start, `$iothub/`: `[contents]` of `grammars/c/sdk.toml`), when the reading
    /// looked (a one-shot analysis's, as for `raw_topic`): the macros that hold a topic are
    /// looked for in the files that hold one; `None` when it did not look.
    pub hub_topics: Option<bool>,
    /// The one-shot reading ([`super::extract_file_compact`]) found none of the
    /// prefilter's needles in the text ([`super::light::may_matter`]) and read it from
    /// tokens alone: the analysis seldom reads such a text again, and a face may hand it
    /// over as one it reads again when asked (`check` does, for small files).
    pub passed_over: bool,
    /// The file is a unit test ([`super::is_unit_test`]): not device code, so not read
    /// at all; these facts are otherwise empty.
    pub unit_test: bool,
    /// The calls of SDK functions, when the reading looked them up (the one-shot reading,
    /// [`super::extract_file_compact`], while the calls are fresh in the cache): each as
    /// its index in `calls` and an API entry it plays, in the order of `calls` (a call may
    /// play several). `None` when it did not look: the analysis looks them up then. Looked
    /// up in the programs' reading instead, azure-iot-sdk-c's 93,000 calls took ~2% of a
    /// `check`'s CPU, most of it memory stalls on calls written long before.
    pub sdk_calls: Option<Box<[(u32, &'static super::sdk::Api)]>>,
}

/// Whether an initialiser's value `v` may be a brace list: its first byte after white
/// space is `{`, or starts a comment or a line continuation that may stand before one.
pub fn may_open_brace(v: &str) -> bool {
    matches!(v.trim_start().as_bytes().first(), Some(b'{' | b'/' | b'\\'))
}

impl FileFacts {
    /// The facts of a unit test ([`super::is_unit_test`]): none, as of a file without
    /// code (whose functions' heads, there being none, are all named).
    pub fn of_unit_test() -> FileFacts {
        FileFacts { unit_test: true, heads_named: true, ..FileFacts::default() }
    }

    /// Whether `wanted` accepts a name the file's code spells (its identifiers, see
    /// [`FileFacts::body_only_idents`], and its functions' names): asked of the facts, so
    /// that a search for a few names passes over the files that cannot hold them without
    /// their texts (a name in a dead branch or only as a member, `x.name`, is none).
    pub fn names_any(&self, wanted: impl Fn(&str) -> bool) -> bool {
        self.file_idents.iter().chain(self.body_only_idents.iter()).chain(self.functions.iter().map(|f| f.name.as_str())).any(wanted)
    }
}

/// A file's assignments to plain variables in a few bytes each, not an [`Assign`]'s 56:
/// its variables' names once, and per assignment four small numbers (the index of its
/// name, where it starts, where its value starts and how long it is; an assignment to a
/// variable ends with its value), each the difference from one before it, in as few
/// bytes as it takes (LEB128). fw10k's library files hold 645,000 (36 MB as `Assign`s, a
/// page fault for every 4 KB of them, all to `acc`, which nothing asks for): about 4
/// bytes each. For each name, its entries are those an `assigns` list holds, in the same
/// order.
///
/// A file the prefilter passed over keeps the names alone ([`VarAssigns::names_only`]):
/// the shared index notes which files assign a name from them, and a file's entries are
/// read again from its text when its entries of a name are first asked for
/// ([`VarAssigns::read`]). The index answers the narrower questions (does anything assign
/// a name, what does one function assign to it) without them, so a check reads few such
/// files again: azure-iot-sdk-c 12, the four SDK checkouts together 29 (196 KB), netxduo
/// and fw10k none. (Asked through whole lists, they were 258 files, 15.7 MB, on the four.)
#[derive(Clone, Default)]
pub struct VarAssigns {
    names: Vec<Ident>,
    /// Per assignment, in the file's order: its name's index; where it starts, zigzagged
    /// from where the one before started; where its value starts, after that; its value's
    /// length.
    bytes: Vec<u8>,
    /// Where the last one pushed starts, and its name's index.
    last: (u32, u32),
    /// The names alone were kept: the entries are `read`'s.
    names_only: bool,
    /// The entries of a list of names alone, read from the text when first asked for.
    read: std::sync::OnceLock<Box<VarAssigns>>,
}

/// What the list holds, not whether its entries were read again yet (two readings of one
/// text show alike).
impl std::fmt::Debug for VarAssigns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VarAssigns").field("names", &self.names).field("bytes", &self.bytes).field("last", &self.last).field("names_only", &self.names_only).finish()
    }
}

/// One entry of [`VarAssigns`]: (its name's index, its start, its value's bytes).
type VarEntry = (u32, usize, Range<usize>);

impl VarAssigns {
    /// An empty list that keeps the names assigned, not the entries ([`VarAssigns::push_name`]).
    pub(crate) fn names_only() -> VarAssigns {
        VarAssigns { names_only: true, ..VarAssigns::default() }
    }

    pub fn is_names_only(&self) -> bool {
        self.names_only
    }

    /// An assignment to `name` of a list of names alone: the name, once.
    pub(crate) fn push_name(&mut self, name: &str) {
        debug_assert!(self.names_only);
        let same = |n: &Ident| super::values::same_name(n.as_str(), name);
        // (The last one first: a function assigns one variable in a row.)
        if self.names.last().is_some_and(same) || self.names.iter().any(same) {
            return;
        }
        self.names.push(Ident::from(name));
    }

    /// The list with its entries: this one, or for a list of names alone, the file's
    /// assignments read again from `text`, the text its facts were read from
    /// ([`super::extract_file_compact`]'s; once: the same reading of the same text finds
    /// the same names, in the same order).
    pub fn read(&self, text: &str) -> &VarAssigns {
        if !self.names_only {
            return self;
        }
        let read = self.read.get_or_init(|| Box::new(super::light::read_var_assigns(text)));
        debug_assert!(read.names == self.names, "the entries read again are of the names kept");
        read
    }

    /// An assignment `name = value` at `range`, after those pushed before it.
    pub(crate) fn push(&mut self, name: &str, value: Range<usize>, range: Range<usize>) {
        debug_assert_eq!(range.end, value.end, "an assignment to a variable ends with its value");
        debug_assert!(range.start <= value.start && value.end <= u32::MAX as usize);
        // (The name of the last one first: a function assigns one variable in a row. Names
        // compared as the symbol index compares them: `==` on a `CompactString` was a
        // `memcmp` call per assignment.)
        let same = |n: &Ident| super::values::same_name(n.as_str(), name);
        let last = (!self.bytes.is_empty()).then_some(self.last.1 as usize);
        let k = match last.filter(|&k| same(&self.names[k])).or_else(|| self.names.iter().position(same)) {
            Some(k) => k,
            None => {
                self.names.push(Ident::from(name));
                self.names.len() - 1
            }
        };
        if self.bytes.capacity() == 0 {
            // Room for a few dozen at once (a file's are given back when its facts are
            // shrunk): grown from nothing, fw10k's lists were reallocated six times a file.
            self.bytes.reserve(256);
        }
        let start = range.start as u32;
        let step = (start as i64 - self.last.0 as i64) as i32;
        // The four numbers encoded on the stack and appended at once (a push per byte, each
        // with its check of the list's room, was most of this function's time on fw10k).
        let mut entry = [0u8; 20];
        let mut len = 0;
        for n in [k as u32, ((step << 1) ^ (step >> 31)) as u32, (value.start - range.start) as u32, (value.end - value.start) as u32] {
            len = leb128(&mut entry, len, n);
        }
        self.bytes.extend_from_slice(&entry[..len]);
        self.last = (start, k as u32);
    }

    fn shrink_to_fit(&mut self) {
        self.names.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }

    /// Whether no assignment is listed (a name is listed with its first entry).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The variables assigned, each once.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(Ident::as_str)
    }

    /// The entries in the file's order (of a list with them: see [`VarAssigns::read`]).
    fn entries(&self) -> impl Iterator<Item = VarEntry> + '_ {
        debug_assert!(!self.names_only, "the entries of a list of names alone are read from its text");
        let bytes = &self.bytes[..];
        let (mut at, mut start) = (0usize, 0u32);
        std::iter::from_fn(move || {
            if at >= bytes.len() {
                return None;
            }
            let mut next = || {
                let (mut n, mut shift) = (0u32, 0);
                loop {
                    let b = bytes[at];
                    at += 1;
                    n |= u32::from(b & 0x7F) << shift;
                    if b & 0x80 == 0 {
                        return n;
                    }
                    shift += 7;
                }
            };
            let k = next();
            let step = next();
            start = (i64::from(start) + i64::from(((step >> 1) as i32) ^ -((step & 1) as i32))) as u32;
            let value = start as usize + next() as usize;
            let value_len = next() as usize;
            Some((k, start as usize, value..value + value_len))
        })
    }

    /// Each assignment in the file's order: (the variable, the value's bytes, its bytes).
    pub fn iter(&self) -> impl Iterator<Item = (&str, Range<usize>, Range<usize>)> {
        self.entries().map(|(k, start, value)| (self.names[k as usize].as_str(), value.clone(), start..value.end))
    }

    /// The values assigned to `name`, in the file's order.
    pub fn values_of<'v>(&'v self, name: &str) -> impl Iterator<Item = Range<usize>> + 'v {
        let k = self.names.iter().position(|n| n == name);
        self.entries().filter(move |e| Some(e.0 as usize) == k).map(|e| e.2)
    }

    /// The assignments as an `assigns` list holds them.
    pub fn to_assigns(&self) -> Vec<Assign> {
        self.iter().map(|(n, value, range)| Assign::new(AssignTarget::Var(Ident::from(n)), None, value, range)).collect()
    }
}

/// `n` as unsigned LEB128 (seven bits a byte, low first, the high bit set on all but the
/// last) into `out` from `at` (a `u32` takes at most five bytes); returns where it ends.
fn leb128(out: &mut [u8; 20], mut at: usize, mut n: u32) -> usize {
    while n >= 0x80 {
        out[at] = (n as u8) | 0x80;
        at += 1;
        n >>= 7;
    }
    out[at] = n as u8;
    at + 1
}

impl FileFacts {
    /// The assignments to plain variables, from whichever list the file keeps them in
    /// (`assigns`, or compactly [`FileFacts::var_assigns`], read from `text`, the file's,
    /// when it keeps the names alone): (the variable, the value's bytes, where the
    /// assignment starts), in the file's order.
    pub fn var_assignments<'s>(&'s self, text: &'s str) -> impl Iterator<Item = (&'s str, Range<usize>, usize)> {
        let listed = self.assigns.iter().filter_map(|a| match &a.target {
            AssignTarget::Var(v) => Some((v.as_str(), a.value(), a.start())),
            AssignTarget::Field(_) => None,
        });
        listed.chain(self.var_assigns.iter().flat_map(move |v| v.read(text).iter()).map(|(n, value, range)| (n, value, range.start)))
    }

    /// Calls, assignments and initialisers in the order of their start in the file (stable:
    /// those at one place keep their order).
    pub(crate) fn sort_in_file_order(&mut self) {
        self.calls.sort_by_key(|c| c.name_range().start);
        self.assigns.sort_by_key(Assign::start);
        self.inits.sort_by_key(|i| i.range.start);
    }

    /// Give back the spare capacity of every list (a tree of 10,000 files keeps them all).
    pub fn shrink_to_fit(&mut self) {
        self.defines.shrink_to_fit();
        self.includes.shrink_to_fit();
        self.functions.shrink_to_fit();
        for f in &mut self.functions {
            f.params.shrink_to_fit();
        }
        self.calls.shrink_to_fit();
        self.assigns.shrink_to_fit();
        if let Some(v) = &mut self.var_assigns {
            v.shrink_to_fit();
        }
        self.inits.shrink_to_fit();
        self.strings.shrink_to_fit();
    }
}

/// The grammar a file is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    C,
    Cpp,
}

impl Lang {
    /// By the file name: `.cpp`, `.cc`, `.cxx`, `.ino`, `.hpp`, `.hh`, `.hxx` are C++; a `.h`
    /// is C++ when its text is (a class, a namespace, a template, `::`); anything else is C.
    pub fn of(path: &std::path::Path, text: &str) -> Lang {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        match ext.as_str() {
            "cpp" | "cc" | "cxx" | "c++" | "ino" | "pde" | "hpp" | "hh" | "hxx" | "h++" => Lang::Cpp,
            "h" if looks_cpp(text) => Lang::Cpp,
            _ => Lang::C,
        }
    }
}

/// Whether a header's text is C++: `::`, or `class`/`namespace`/`template` used as C++ uses
/// them (a C identifier named `class` is not followed by a name and a brace), in the code
/// a C compiler reads: not on a directive line (`#define ISINF(x) std::isinf(x)`) nor in a
/// branch only C++ compiles (`#ifdef __cplusplus`), which a C header keeps for its C++
/// users (and which is blanked when the header is read as C).
pub fn looks_cpp(text: &str) -> bool {
    // A search for each of the four words, built once (a header of plain C holds none of
    // them). (One Aho-Corasick search for the four took ~27 instructions a byte: their
    // first bytes `c`, `n`, `t` are everywhere in C, so its prefilter skipped nothing;
    // memmem's vector search takes a fraction of an instruction.)
    static WORDS: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 4]> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| ["::", "class", "namespace", "template"].map(memchr::memmem::Finder::new));
    if !words.iter().any(|w| w.find(text.as_bytes()).is_some()) {
        return false;
    }
    let mut directives = preprocess::scan(text);
    directives.decide_cplusplus(false);
    // (Joined: a dead branch holds directive lines.)
    let not_c = union(directives.compiled_blanks(), directives.lines.clone());
    let all = lexer::lex(text, 0);
    let toks = super::light::code_tokens(&all, &not_c);
    let t = |i: usize| toks.get(i).map(|t| t.text(text, 0)).unwrap_or_default();
    let is_ident = |i: usize| toks.get(i).is_some_and(|t| t.kind == TokKind::Ident);
    (0..toks.len()).any(|i| match t(i) {
        "::" => true,
        "namespace" => is_ident(i + 1) && t(i + 2) == "{" || t(i + 1) == "{",
        "template" => t(i + 1) == "<",
        "class" => is_ident(i + 1) && matches!(t(i + 2), "{" | ":" | "final"),
        _ => false,
    })
}

fn language(lang: Lang) -> Language {
    match lang {
        Lang::C => tree_sitter_c::LANGUAGE.into(),
        Lang::Cpp => tree_sitter_cpp::LANGUAGE.into(),
    }
}

/// The compiled facts query. A broken query is a build-time bug that the query test catches.
pub fn facts_query() -> &'static Query {
    static Q: OnceLock<Query> = OnceLock::new();
    Q.get_or_init(|| Query::new(&language(Lang::C), FACTS_QUERY).expect("grammars/c/facts.scm does not compile"))
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&language(Lang::C)).expect("tree-sitter-c is ABI-compatible with tree-sitter");
        p
    });
    static CPP_PARSER: RefCell<Parser> = RefCell::new({
        let mut p = Parser::new();
        p.set_language(&language(Lang::Cpp)).expect("tree-sitter-cpp is ABI-compatible with tree-sitter");
        p
    });
}

/// Parse C text. Never fails: tree-sitter always returns a tree (with ERROR nodes for what
/// it could not read). `None` only if the parser was cancelled, which we never do.
pub fn parse(text: &str) -> Option<Tree> {
    parse_lang(text, Lang::C)
}

/// Parse text with the grammar of `lang`. Inside [`with_kept_trees`], the tree of the same
/// parse of the last extraction is re-used for what the edit left alone.
pub fn parse_lang(text: &str, lang: Lang) -> Option<Tree> {
    if let Some(tree) = KEPT.with(|k| k.borrow_mut().as_mut().map(|r| r.parse(text, lang))) {
        return tree;
    }
    parse_fresh(text, lang, None)
}

fn parse_fresh(text: &str, lang: Lang, old: Option<&Tree>) -> Option<Tree> {
    let parse = |p: &RefCell<Parser>| {
        let mut p = p.borrow_mut();
        SKIPPED.with(|s| {
            let s = s.borrow();
            // The ranges only fit the text they were computed for (every text an
            // extraction parses has its length; an edited document's is another).
            let skip = s.as_ref().filter(|(len, _)| *len == text.len());
            if let Some((_, included)) = skip {
                if p.set_included_ranges(included).is_err() {
                    return p.parse(text, old);
                }
                let tree = p.parse(text, old);
                let _ = p.set_included_ranges(&[]);
                tree
            } else {
                p.parse(text, old)
            }
        })
    };
    match lang {
        Lang::C => PARSER.with(parse),
        Lang::Cpp => CPP_PARSER.with(parse),
    }
}

#[doc(hidden)]
/// [`extract_lang`] with the parser reading the blanked insides of cold bodies (white
/// space) instead of skipping them: the oracle of the skipping.
pub fn extract_reading_blanks(text: &str, lang: Lang, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, lang, collect, is_free_only, How { cold_bodies: true, cold_decls: true, variant_reparse: true, skip_blanked: false, heads: true, nested_whole: false })
}

thread_local! {
    /// While an extraction parses a text whose cold bodies are blanked: the text's length
    /// and the ranges the parser reads (all but the bodies' insides). Tree-sitter's lexer
    /// steps over white space a byte at a time, about 25 ms a megabyte: skipping the
    /// blanked insides spares it what the tokens already read.
    static SKIPPED: RefCell<Option<(usize, Vec<tree_sitter::Range>)>> = const { RefCell::new(None) };
}

/// Tree-sitter points (row, byte column) of offsets of a text asked in increasing order:
/// its lines counted forward once.
fn points_forward(text: &[u8]) -> impl FnMut(usize) -> tree_sitter::Point + '_ {
    let (mut at, mut row, mut line_start) = (0usize, 0usize, 0usize);
    move |to: usize| {
        for nl in memchr::memchr_iter(b'\n', &text[at..to]) {
            row += 1;
            line_start = at + nl + 1;
        }
        at = to;
        tree_sitter::Point { row, column: to - line_start }
    }
}

/// The ranges of `text` outside `skip` (sorted, disjoint), as tree-sitter's included ranges.
fn included_ranges(text: &str, skip: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let b = text.as_bytes();
    let mut point = points_forward(b);
    let mut out = Vec::with_capacity(skip.len() + 1);
    let mut from = 0;
    let mut from_point = point(0);
    for (k, r) in skip.iter().enumerate() {
        // Two skipped ranges with only white space between are skipped as one: the parser
        // reads no token there, and its lexer looks for its place among the included ranges
        // from the first at each token (a unit test's hundreds of skipped test functions,
        // one after another, made that a tenth of its parse).
        if k == 0 || !b[from..r.start].iter().all(u8::is_ascii_whitespace) {
            let end_point = point(r.start);
            out.push(tree_sitter::Range { start_byte: from, end_byte: r.start, start_point: from_point, end_point });
        }
        from = r.end;
        from_point = point(r.end);
    }
    let end_point = point(b.len());
    out.push(tree_sitter::Range { start_byte: from, end_byte: b.len(), start_point: from_point, end_point });
    out
}

/// The parse of `text`, a branch configuration of a file, from `tree`, the parse of `old`,
/// another configuration of the same file. The two texts have the same length and differ
/// only in which branches are blanked; each differing run is an edit of `tree`, and
/// tree-sitter re-parses only around them (the tangled SDK unit tests differ in a few dozen
/// lines of many thousands). As for the kept trees of an open document ([`Reuse::parse`]),
/// the re-parse is taken only when every edit is away from the top-level items with errors
/// and the re-parsed tree has exactly those items with errors (how tree-sitter recovers from
/// an error depends on the history of a parse); otherwise the text is parsed afresh. Inside
/// [`with_kept_trees`] the parse is the kept tree's re-parse instead.
fn parse_variant(text: &str, lang: Lang, old: &str, mut tree: Tree) -> Option<Tree> {
    if KEPT.with(|k| k.borrow().is_some()) || old.len() != text.len() {
        return parse_lang(text, lang);
    }
    let before = error_items(&tree);
    let edits = same_length_edits(old, text);
    if !edits.iter().all(|e| away_from(&before, e)) {
        return parse_fresh(text, lang, None);
    }
    for edit in &edits {
        tree.edit(edit);
    }
    match parse_fresh(text, lang, Some(&tree)) {
        // Same-length edits move nothing: the items with errors are at the same ranges.
        Some(t) if edits.first().is_none_or(|e| same_errors(&before, e, &error_items(&t))) => Some(t),
        _ => parse_fresh(text, lang, None),
    }
}

/// The maximal runs of bytes at which two texts of the same length differ, as edits that
/// replace each run by one of the same length (rows and columns are the same in both:
/// blanking keeps newlines).
fn same_length_edits(old: &str, new: &str) -> Vec<tree_sitter::InputEdit> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        // Equal 32-byte chunks are skipped a chunk at a time.
        if i + 32 <= a.len() && a[i..i + 32] == b[i..i + 32] {
            i += 32;
            continue;
        }
        if a[i] != b[i] {
            let start = i;
            while i < a.len() && a[i] != b[i] {
                i += 1;
            }
            match runs.last_mut() {
                // Runs a few bytes apart are one edit (a blanked line's indentation).
                Some(last) if start - last.end <= 16 => last.end = i,
                _ => runs.push(start..i),
            }
        } else {
            i += 1;
        }
    }
    let mut point = points_forward(a);
    runs.into_iter()
        .map(|r| {
            let (start, end) = (point(r.start), point(r.end));
            tree_sitter::InputEdit {
                start_byte: r.start,
                old_end_byte: r.end,
                new_end_byte: r.end,
                start_position: start,
                old_end_position: end,
                new_end_position: end,
            }
        })
        .collect()
}

/// The parses of one file's last extraction (the whole text; for a tangled file also each
/// branch configuration, in the order the extraction parsed them), kept between edits of an
/// open document so that the next extraction re-parses only what the edit changed.
#[derive(Default)]
pub struct KeptTrees {
    parses: Vec<KeptParse>,
    reparsed: usize,
    units: (usize, usize),
    /// The last extraction's text and facts (see [`string_edit`]).
    last: Option<Last>,
    /// The last extraction was an edit inside one string literal ([`string_edit`]).
    in_string: bool,
}

/// The text and facts of a file's last extraction, and the edits [`string_edit`] made
/// since its kept parses were parsed (their texts are that much behind).
struct Last {
    text: String,
    facts: std::sync::Arc<FileFacts>,
    /// (start, old end, new end) per edit, in order.
    pending: Vec<(usize, usize, usize)>,
}

struct KeptParse {
    lang: Lang,
    text: String,
    tree: Tree,
    /// The records of this tree's units (see [`collect`]), by kind and byte range.
    units: Units,
    /// The last tree's units and how this tree differs from it (while it is not yet walked).
    prev: Option<Prev>,
    /// [`error_items`] of this tree, when a re-parse computed them: the next edit's
    /// re-parse starts from them instead of walking the tree again.
    errors: Option<ErrorItems>,
}

/// Per top-level item of a tree, its byte range and whether it holds an error (see
/// [`error_items`]); `None` when the root itself is an error.
type ErrorItems = Option<Vec<(Range<usize>, bool)>>;

/// A unit's records (the matches of its subtree, before de-duplication), with byte ranges
/// relative to the unit's start.
type Units = std::collections::HashMap<(u16, usize, usize), std::sync::Arc<[Rec]>>;

/// The units of the tree a re-parse started from, the edit between the two texts (`None`
/// when the text did not change) and the ranges whose syntax tree-sitter says changed.
struct Prev {
    units: Units,
    edit: Option<tree_sitter::InputEdit>,
    changed: Vec<Range<usize>>,
    /// The last tree, edited, until `changed` is computed from it: only when this tree is
    /// walked (a tangled file's whole-text parse is often not walked, its variants are).
    old: Option<Tree>,
}

impl Prev {
    /// The records of the unit of kind `kind` at `at` in the new tree, if the last tree had
    /// the same unit: one that neither touches the edit nor a changed range holds the same
    /// bytes and, at the same kind and (moved) range, the same subtree.
    fn records(&self, kind: u16, at: &Range<usize>) -> Option<std::sync::Arc<[Rec]>> {
        let old = match &self.edit {
            None => at.clone(),
            Some(e) if at.end < e.start_byte => at.clone(),
            Some(e) if at.start > e.new_end_byte => (at.start - e.new_end_byte + e.old_end_byte)..(at.end - e.new_end_byte + e.old_end_byte),
            Some(_) => return None,
        };
        if self.changed.iter().any(|c| c.start <= at.end && c.end >= at.start) {
            return None;
        }
        self.units.get(&(kind, old.start, old.end)).cloned()
    }
}

impl KeptTrees {
    /// How many parses are kept (0 when the last extraction took the token-only path).
    pub fn len(&self) -> usize {
        self.parses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parses.is_empty()
    }

    /// How many parses of the last extraction were re-parses of a kept tree (the others
    /// were fresh, or the text had not changed).
    pub fn reparsed(&self) -> usize {
        self.reparsed
    }

    /// Of the units of the trees the last extraction walked (file-level items), how many
    /// gave their facts again from the extraction before, and how many were read.
    pub fn units(&self) -> (usize, usize) {
        self.units
    }

    /// Whether the last extraction was an edit inside one string literal, its facts those
    /// before moved (see [`string_edit`]).
    pub fn in_string(&self) -> bool {
        self.in_string
    }

    /// Keep `text` and its `facts` (just extracted with these kept parses) for the next edit.
    pub(crate) fn remember(&mut self, text: &str, facts: &std::sync::Arc<FileFacts>) {
        self.last = Some(Last { text: text.to_string(), facts: facts.clone(), pending: Vec::new() });
        self.in_string = false;
    }
}

/// Bytes an edit inside a string literal may remove or insert and leave every other
/// token, directive line and parse as it was: no quote, backslash, line break, comment
/// or directive character, no trigraph (`??/`), ASCII only.
fn plain_in_string(b: &[u8]) -> bool {
    b.iter().all(|&c| (c.is_ascii_graphic() || c == b' ') && !matches!(c, b'"' | b'\\' | b'\'' | b'/' | b'*' | b'#' | b'?'))
}

/// The facts of `text`, a C file, when it differs from the last extraction's text (kept
/// in `kept`) by one edit inside one string literal: those facts moved, the literal's
/// value read again. `None` (extract as usual) unless that stands without parsing:
///
/// - the removed and inserted bytes are plain ([`plain_in_string`]) and lie strictly
///   between the quotes of one plain literal on one line, not just after a backslash: the
///   lexer gives the same tokens, the literal longer or shorter;
/// - the literal is on no directive line: the directives are the same, moved;
/// - what is inside the literal, before and after, makes nothing matter
///   ([`super::light::nothing_matters_inside`]): the file and each function body matter
///   as before (the same path, the same bodies read from tokens);
/// - in every kept parse the literal is a string literal (or blanked, in a body read from
///   tokens or a branch a configuration leaves out) in no ERROR node and in a top-level
///   item away from every item with an error (as a re-parse is taken, see
///   [`Reuse::parse`]): the parser reads the same tree, the literal's leaf longer or
///   shorter;
/// - the whole text's errors are near conditional directives after the edit exactly when
///   they were before (see [`looks_tangled`]): the file is tangled as before.
///
/// The kept parses are left as they are (the next parse edits them by the whole
/// difference since).
pub(crate) fn string_edit(kept: &mut KeptTrees, text: &str) -> Option<std::sync::Arc<FileFacts>> {
    kept.in_string = false;
    let last = kept.last.as_mut()?;
    let e = text_edit(&last.text, text);
    let (start, old_end, new_end) = (e.start_byte, e.old_end_byte, e.new_end_byte);
    let old = last.text.as_bytes();
    if !plain_in_string(&old[start..old_end]) || !plain_in_string(&text.as_bytes()[start..new_end]) {
        return None;
    }
    // The literal: the last one starting before the edit.
    let strings = &last.facts.strings;
    let k = strings.partition_point(|s| s.range.start < start).checked_sub(1)?;
    let lit = strings[k].range.clone();
    let (open, close) = (lit.start, lit.end.checked_sub(1)?);
    let token = &old[lit.clone()];
    if token.len() < 2 || token[0] != b'"' || token[token.len() - 1] != b'"' || token.contains(&b'\n') || token.contains(&b'\r') {
        return None;
    }
    if !(open < start && old_end <= close) || old[start - 1] == b'\\' {
        return None;
    }
    let new_close = close - old_end + new_end;
    if !super::light::nothing_matters_inside(&last.text[open + 1..close]) || !super::light::nothing_matters_inside(&text[open + 1..new_close]) {
        return None;
    }
    let lines = preprocess::directive_lines(text);
    let d = lines.partition_point(|l| l.end < open);
    if d < lines.len() && lines[d].start <= new_close {
        return None;
    }
    // Where the literal's quotes are in the kept parses' texts.
    let back = |mut p: usize| {
        for &(s, o, n) in last.pending.iter().rev() {
            if p >= n {
                p = p - n + o;
            } else if p >= s {
                return None;
            }
        }
        Some(p)
    };
    let (q, c) = (back(open)?, back(close)?);
    for parse in &mut kept.parses {
        let bytes = parse.text.as_bytes();
        let root = parse.tree.root_node();
        let node = match bytes.get(q) {
            Some(b'"') => {
                let lit = root.descendant_for_byte_range(q, q + 1)?.parent()?;
                if lit.kind() != "string_literal" || lit.byte_range() != (q..c + 1) {
                    return None;
                }
                lit
            }
            _ if bytes.get(q..=c)?.iter().all(|&b| b == b' ') => root.descendant_for_byte_range(q, c + 1)?,
            _ => return None,
        };
        if std::iter::successors(Some(node), |n| n.parent()).any(|n| n.is_error() || n.is_missing()) {
            return None;
        }
        let errors = parse.errors.get_or_insert_with(|| error_items(&parse.tree));
        let at = tree_sitter::InputEdit { start_byte: q, old_end_byte: c + 1, new_end_byte: c + 1, ..e };
        if !away_from(errors, &at) {
            return None;
        }
    }
    // The first parse is of the whole text: whether the file is tangled reads the distances
    // in bytes between its errors and the conditional directives, which the edit changes
    // when it is between the two. The errors, moved to the text before and after the edit
    // (the tree is the same), must be near directives in both or in neither.
    if let Some(whole) = kept.parses.first().filter(|p| p.tree.root_node().has_error()) {
        let forward = |mut p: usize, edits: &mut dyn Iterator<Item = (usize, usize, usize)>| {
            for (s, o, n) in edits {
                if p >= o {
                    p = p - o + n;
                } else if p > s {
                    return None;
                }
            }
            Some(p)
        };
        let errors = error_nodes(&whole.tree);
        let moved = |with_this: bool| -> Option<Vec<Range<usize>>> {
            let edits = || last.pending.iter().copied().chain(with_this.then_some((start, old_end, new_end)));
            errors.iter().map(|r| Some(forward(r.start, &mut edits())?..forward(r.end, &mut edits())?)).collect()
        };
        let (before, after) = (moved(false)?, moved(true)?);
        let directives = |t: &str| {
            let mut d = preprocess::scan(t);
            d.decide_cplusplus(false);
            d
        };
        let (d_before, d_after) = (directives(&last.text), directives(text));
        if d_before.has_open_conditionals() && errors_near_directives(&before, &d_before) != errors_near_directives(&after, &d_after) {
            return None;
        }
    }
    // The facts before, moved; the literal's value read again.
    let moved = |p: usize| -> Option<usize> {
        if p <= open {
            Some(p)
        } else if p >= close {
            Some(p - old_end + new_end)
        } else {
            None
        }
    };
    let placed = |r: &Range<usize>| Some(moved(r.start)?..moved(r.end)?);
    let r = |r: &mut Range<usize>| -> Option<()> {
        *r = placed(r)?;
        Some(())
    };
    let mut f = FileFacts::clone(&last.facts);
    for d in &mut f.defines {
        r(&mut d.body)?;
        r(&mut d.name_range)?;
    }
    for x in &mut f.functions {
        r(&mut x.name_range)?;
        r(&mut x.body)?;
    }
    for x in &mut f.calls {
        *x = Call::new(std::mem::take(&mut x.name), placed(&x.name_range())?, x.args.iter().map(|a| placed(&a)).collect::<Option<Args>>()?, placed(&x.range())?);
    }
    for x in &mut f.assigns {
        *x = x.try_moved(placed)?;
    }
    for x in &mut f.inits {
        r(&mut x.value)?;
        r(&mut x.range)?;
    }
    for (i, x) in f.strings.iter_mut().enumerate() {
        if i == k {
            x.range = open..new_close + 1;
            x.value = lexer::unescape_compact(&text[x.range.clone()]);
        } else {
            r(&mut x.range)?;
        }
    }
    let f = std::sync::Arc::new(f);
    last.text.clear();
    last.text.push_str(text);
    last.facts = f.clone();
    last.pending.push((start, old_end, new_end));
    kept.in_string = true;
    kept.reparsed = 0;
    kept.units = (0, 0);
    Some(f)
}

impl std::fmt::Debug for KeptTrees {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptTrees").field("parses", &self.parses.len()).finish()
    }
}

/// An extraction in progress inside [`with_kept_trees`]: the last extraction's parses, and
/// this one's so far.
struct Reuse {
    old: Vec<KeptParse>,
    new: Vec<KeptParse>,
    reparsed: usize,
    /// Units kept, units read.
    units: (usize, usize),
}

thread_local! {
    static KEPT: RefCell<Option<Reuse>> = const { RefCell::new(None) };
}

impl Reuse {
    /// The n-th parse of this extraction: the n-th of the last one, edited to the new text
    /// and re-parsed (tree-sitter re-uses every subtree the edit left alone), or a fresh
    /// parse when there was none in that grammar.
    ///
    /// Every kept tree is what a fresh parse of its text gives, and a re-parse is taken only
    /// where it gives that too. How tree-sitter recovers from an error depends on the
    /// history of the parse (a re-used subtree is skipped whole, at another cost than its
    /// tokens one by one), so a re-parse is taken only when its top-level items with errors
    /// are the old tree's, moved by the edit, and the edit was not in or next to one of them
    /// (see [`same_errors`]); otherwise the text is parsed afresh. Measured against fresh
    /// parses: of 30,000 edits of real files (the sessions of `tests/incremental_parse.rs`),
    /// 0.6% of the re-parses with errors differed, none without; of 37,000 random edits
    /// (quotes, braces, comment and `#if` openers, words) away from the errors of the 2,493
    /// files with errors of four SDK checkouts, taken by this rule, none differed.
    fn parse(&mut self, text: &str, lang: Lang) -> Option<Tree> {
        let n = self.new.len();
        let old = self.old.get_mut(n).filter(|o| o.lang == lang);
        let parsed = match old {
            Some(o) if o.text == text => {
                let prev = Prev { units: std::mem::take(&mut o.units), edit: None, changed: Vec::new(), old: None };
                (Some(o.tree.clone()), std::mem::take(&mut o.text), Some(prev), o.errors.take())
            }
            Some(o) => {
                let edit = text_edit(&o.text, text);
                let before = o.errors.take().unwrap_or_else(|| error_items(&o.tree));
                let (tree, prev, errors) = if away_from(&before, &edit) {
                    o.tree.edit(&edit);
                    match parse_fresh(text, lang, Some(&o.tree)) {
                        Some(t) => {
                            let after = error_items(&t);
                            if same_errors(&before, &edit, &after) {
                                self.reparsed += 1;
                                let prev = Prev { units: std::mem::take(&mut o.units), edit: Some(edit), changed: Vec::new(), old: Some(o.tree.clone()) };
                                (Some(t), Some(prev), Some(after))
                            } else {
                                (parse_fresh(text, lang, None), None, None)
                            }
                        }
                        None => (None, None, None),
                    }
                } else {
                    (parse_fresh(text, lang, None), None, None)
                };
                let mut t = std::mem::take(&mut o.text);
                t.clear();
                t.push_str(text);
                (tree, t, prev, errors)
            }
            None => (parse_fresh(text, lang, None), text.to_string(), None, None),
        };
        let (tree, kept_text, prev, errors) = parsed;
        if let Some(t) = &tree {
            self.new.push(KeptParse { lang, text: kept_text, tree: t.clone(), units: Units::new(), prev, errors });
        }
        tree
    }
}

/// Per top-level item of a tree (the root's children), its byte range and whether it holds
/// an ERROR or MISSING node; `None` when the root itself is an error.
fn error_items(tree: &Tree) -> ErrorItems {
    let root = tree.root_node();
    if root.is_error() || root.is_missing() {
        return None;
    }
    if !root.has_error() {
        // No item with an error: the callers need only those and their neighbours.
        return Some(Vec::new());
    }
    let mut c = root.walk();
    Some(root.children(&mut c).map(|n| (n.byte_range(), n.has_error())).collect())
}

/// Whether an edit is away from every top-level item with an error: not in one, nor in or
/// between the items next to one.
fn away_from(items: &ErrorItems, edit: &tree_sitter::InputEdit) -> bool {
    let Some(items) = items else { return false };
    if !items.iter().any(|(_, e)| *e) {
        return true;
    }
    // The items the edit touches (an edit between two items touches both).
    let first = items.partition_point(|(r, _)| r.end < edit.start_byte);
    let last = items.partition_point(|(r, _)| r.start <= edit.old_end_byte);
    let lo = first.saturating_sub(1);
    let hi = (last + 1).min(items.len());
    !items[lo..hi].iter().any(|(_, e)| *e)
}

/// Whether a re-parsed tree's top-level items with errors are exactly those of the tree
/// before the edit, moved by it.
fn same_errors(before: &ErrorItems, edit: &tree_sitter::InputEdit, after: &ErrorItems) -> bool {
    let (Some(before), Some(after)) = (before, after) else { return false };
    // An item with an error is wholly before or wholly after the edit (`away_from`).
    let shift = |x: usize| x - edit.old_end_byte + edit.new_end_byte;
    let moved = |r: &Range<usize>| if r.start >= edit.old_end_byte { shift(r.start)..shift(r.end) } else { r.clone() };
    let a = before.iter().filter(|(_, e)| *e).map(|(r, _)| moved(r));
    let b = after.iter().filter(|(_, e)| *e).map(|(r, _)| r.clone());
    a.eq(b)
}

/// Run `extract` (any extraction of one file: [`extract_lang`], the prefilter's
/// `light::extract_auto`, [`super::extract_file`]) with the parses of the last run of
/// `kept`: each parse it makes re-uses the tree of the same parse last time. The edit
/// between the two texts is found by comparing them (the common start and end), so it
/// holds however the text changed. The facts are those of a fresh extraction: the same
/// code reads the same trees (`tests/incremental_parse.rs` holds the two equal over real
/// files and edits). Afterwards `kept` holds this run's parses.
pub fn with_kept_trees<R>(kept: &mut KeptTrees, extract: impl FnOnce() -> R) -> R {
    /// Puts the previous session back even when `extract` panics (the thread lives on in
    /// a pool).
    struct Restore(Option<Reuse>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            KEPT.with(|k| *k.borrow_mut() = prev);
        }
    }
    // The parses change: the last text and facts no longer go with them (see `remember`).
    kept.last = None;
    kept.in_string = false;
    let session = Reuse { old: std::mem::take(&mut kept.parses), new: Vec::new(), reparsed: 0, units: (0, 0) };
    let restore = Restore(KEPT.with(|k| k.borrow_mut().replace(session)));
    let out = extract();
    let done = KEPT.with(|k| k.borrow_mut().take());
    drop(restore);
    (kept.parses, kept.reparsed, kept.units) = done.map(|d| (d.new, d.reparsed, d.units)).unwrap_or_default();
    out
}

/// The edit that turns `old` into `new`: the bytes between their common start and their
/// common end (on character boundaries), with tree-sitter's row/column points.
#[doc(hidden)]
pub fn text_edit(old: &str, new: &str) -> tree_sitter::InputEdit {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut start = common_len(a.chunks_exact(32), b.chunks_exact(32), 32);
    start += a[start..].iter().zip(&b[start..]).take_while(|(x, y)| x == y).count();
    while !new.is_char_boundary(start) || !old.is_char_boundary(start) {
        start -= 1;
    }
    let most = a.len().min(b.len()) - start;
    let (ra, rb) = (&a[a.len() - most..], &b[b.len() - most..]);
    let mut tail = common_len(ra.rchunks_exact(32), rb.rchunks_exact(32), 32);
    tail += ra[..most - tail].iter().rev().zip(rb[..most - tail].iter().rev()).take_while(|(x, y)| x == y).count();
    while !new.is_char_boundary(b.len() - tail) || !old.is_char_boundary(a.len() - tail) {
        tail -= 1;
    }
    let point = |t: &[u8], at: usize| {
        let row = memchr::memchr_iter(b'\n', &t[..at]).count();
        let column = at - memchr::memrchr(b'\n', &t[..at]).map_or(0, |i| i + 1);
        tree_sitter::Point { row, column }
    };
    let start_position = point(a, start);
    tree_sitter::InputEdit {
        start_byte: start,
        old_end_byte: a.len() - tail,
        new_end_byte: b.len() - tail,
        start_position,
        old_end_position: point(a, a.len() - tail),
        new_end_position: point(b, b.len() - tail),
    }
}

/// The bytes in the leading equal chunks of two chunk iterators (compared a chunk at a
/// time, which the compiler turns into wide compares).
fn common_len<'a>(a: impl Iterator<Item = &'a [u8]>, b: impl Iterator<Item = &'a [u8]>, size: usize) -> usize {
    a.zip(b).take_while(|(x, y)| x == y).count() * size
}


/// C keywords that look like calls (`if (`, `sizeof (`).
pub(crate) fn is_keyword(name: &str) -> bool {
    // (A `matches!`, not a list: asked of every name before a `(`.)
    matches!(
        name,
        "if" | "while" | "for" | "switch" | "return" | "sizeof" | "case" | "do" | "else" | "defined" | "_Alignof" | "alignof" | "typeof"
            | "__typeof__" | "__attribute__" | "__declspec" | "_Static_assert" | "static_assert"
    )
}

/// Extract the facts of one C file.
pub fn extract(text: &str) -> FileFacts {
    extract_by(text, Lang::C, collect, &|_| false)
}

/// Extract the facts of one file in `lang`.
pub fn extract_lang(text: &str, lang: Lang) -> FileFacts {
    extract_by(text, lang, collect, &|_| false)
}

/// C++: the facts of one file, where a method called on an object (`client.loop()`,
/// `mqtt->connect(...)`) whose name `is_free_only` accepts is not taken as a call of the
/// program's function of that name (an Arduino sketch's `loop` is not PubSubClient's).
pub fn extract_cpp_with(text: &str, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_by(text, Lang::Cpp, collect, is_free_only)
}

/// Whether the name starting at `at` follows `.` or `->` (a member access).
fn member_call_at(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.ends_with('.') || before.ends_with("->")
}

type Collector = fn(&str, &Tree, &mut FileFacts, &mut Seen, Mode, Lang);

/// [`extract`] with every function body parsed (none read from tokens; file-level
/// declarations read as [`extract`] reads them): the oracle the token reading of cold
/// bodies is tested against. (A file parsed in islands is parsed whole in the branch
/// configurations of its islands, see `How::nested_whole`.)
#[doc(hidden)]
pub fn extract_parsing_every_body(text: &str) -> FileFacts {
    extract_with(text, Lang::C, collect, &|_| false, How { cold_bodies: false, cold_decls: true, variant_reparse: true, skip_blanked: true, heads: false, nested_whole: true })
}

/// [`extract_cpp_with`] with every function body parsed (file-level declarations read as
/// [`extract_cpp_with`] reads them): the oracle for C++ files.
#[doc(hidden)]
pub fn extract_cpp_parsing_every_body(text: &str, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, Lang::Cpp, collect, is_free_only, How { cold_bodies: false, cold_decls: true, variant_reparse: true, skip_blanked: true, heads: false, nested_whole: false })
}

/// [`extract_lang`] with each branch configuration of a tangled file parsed afresh: the
/// oracle the re-parse of one configuration from the tree of another is tested against.
#[doc(hidden)]
pub fn extract_parsing_each_variant_afresh(text: &str, lang: Lang, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, lang, collect, is_free_only, How { cold_bodies: true, cold_decls: true, variant_reparse: false, skip_blanked: true, heads: true, nested_whole: false })
}

/// [`extract`] with every file-level declaration parsed (cold function bodies still read
/// from tokens): the oracle the token reading of cold declarations is tested against.
#[doc(hidden)]
pub fn extract_parsing_every_declaration(text: &str) -> FileFacts {
    extract_with(text, Lang::C, collect, &|_| false, How { cold_bodies: true, cold_decls: false, variant_reparse: true, skip_blanked: true, heads: false, nested_whole: true })
}

/// [`extract_cpp_with`] with every file-level declaration parsed: the oracle for C++ files.
#[doc(hidden)]
pub fn extract_cpp_parsing_every_declaration(text: &str, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, Lang::Cpp, collect, is_free_only, How { cold_bodies: true, cold_decls: false, variant_reparse: true, skip_blanked: true, heads: false, nested_whole: false })
}

/// [`extract_lang`] with every file parsed, also one read from tokens but for the plain
/// heads of its bodies: the oracle the reading of those heads is tested against. (A file
/// parsed in islands is parsed whole in the branch configurations of its islands, see
/// `How::nested_whole`.)
#[doc(hidden)]
pub fn extract_parsing_heads(text: &str, lang: Lang, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, lang, collect, is_free_only, How { cold_bodies: true, cold_decls: true, variant_reparse: true, skip_blanked: true, heads: false, nested_whole: true })
}

/// The test heads `TEST_FUNCTION(name) {` after another body that the parser is spared
/// (see `macro_shells`; in a C file read from its heads, parsed in islands or not, the
/// heads read that way instead; for tests).
#[doc(hidden)]
pub fn test_heads(text: &str, lang: Lang) -> usize {
    let front = Front::read(text, lang, true, true, true);
    if front.heads.is_some() { macro_shells(text, &front.tokens, &front.cold).len() } else { front.shells.len() }
}

/// Whether [`extract_lang`] reads `text` without a parse: a C file read from tokens but
/// for the plain heads of its bodies (for measurements and tests).
#[doc(hidden)]
pub fn reads_heads_only(text: &str, lang: Lang) -> bool {
    let front = Front::read(text, lang, true, true, true);
    front.heads.is_some_and(|h| h.islands.is_empty())
}

/// The islands of code the parser reads alone (byte ranges, in order) of a C file read from
/// tokens but for the plain heads of its bodies and those islands; `None` for a file read
/// otherwise (for measurements and tests).
#[doc(hidden)]
pub fn islands(text: &str, lang: Lang) -> Option<Vec<Range<usize>>> {
    Front::read(text, lang, true, true, true).heads.map(|h| h.islands).filter(|i| !i.is_empty())
}

/// [`extract_lang`]'s facts, and the file-level items of a C file read from its heads
/// that the parser reads only by error recovery, read from tokens instead (byte ranges, in
/// order; see `light::HardItems`): `None` for a file read otherwise, parsed whole among
/// them (for measurements and tests).
#[doc(hidden)]
pub fn extract_reporting_hard_items(text: &str, lang: Lang) -> (FileFacts, Option<Vec<Range<usize>>>) {
    let mut hard = None;
    let facts = extract_with_report(text, lang, collect, &|_| false, READING, &mut hard);
    (facts, hard)
}

/// Whether [`extract_lang`] reads some file-level items of `text` from tokens because the
/// parser reads them only by error recovery (see [`extract_reporting_hard_items`]).
#[doc(hidden)]
pub fn reads_hard_items(text: &str, lang: Lang) -> bool {
    extract_reporting_hard_items(text, lang).1.is_some_and(|h| !h.is_empty())
}

/// Which shortcuts an extraction takes (each is tested against the extraction without it).
#[derive(Clone, Copy)]
struct How {
    /// Function bodies are read from tokens where that gives the parser's facts (see
    /// [`super::light::file_level`]): C bodies without directive lines or whose directive
    /// lines stand between statements, C++ bodies of plain shapes with nothing the rules
    /// look for.
    cold_bodies: bool,
    /// File-level declarations with nothing the rules look for are read from tokens
    /// ([`super::light::read_item`]): a C file's, and a C++ file's written in C.
    cold_decls: bool,
    /// A branch configuration is parsed by re-parsing the last one's tree (the first: the
    /// tangled parse's) where that gives what a fresh parse gives.
    variant_reparse: bool,
    /// The parser skips the blanked insides of cold bodies (see `SKIPPED`).
    skip_blanked: bool,
    /// A C file whose code tokens all read from tokens but for the plain heads of its
    /// bodies is not parsed: its functions are read from those heads
    /// ([`super::light::plain_heads`]). In a file that is parsed, a test framework's head
    /// after another body is not, with its cold body (`macro_shells`).
    heads: bool,
    /// A file [`extract_lang`] parses in islands, in configurations that follow the nesting
    /// of their groups ([`preprocess::Directives::nested_variants`]), is parsed whole in
    /// those configurations (the groups outside the islands with all their branches: they
    /// hold whole items). The oracle of the islands: the same configurations, of the whole
    /// text.
    nested_whole: bool,
}

/// The bytes of `text` in function bodies read from tokens (for measurements).
#[doc(hidden)]
pub fn cold_body_bytes(text: &str, lang: Lang) -> usize {
    Front::read(text, lang, true, true, false).cold.iter().map(|r| r.len()).sum()
}

/// The text the parser reads of `text` (cold bodies' insides and cold declarations
/// blanked; for measurements).
#[doc(hidden)]
pub fn parsed_text(text: &str, lang: Lang) -> String {
    let front = Front::read(text, lang, true, true, false);
    let parsed = front.compiled_text.clone().unwrap_or_else(|| text.to_string());
    preprocess::blanked(parsed, &front.skipped())
}

/// The bytes of `text` in file-level declarations read from tokens (for measurements).
#[doc(hidden)]
pub fn cold_declaration_bytes(text: &str, lang: Lang) -> usize {
    Front::read(text, lang, true, true, false).cold_decls.iter().map(|r| r.len()).sum()
}

/// What an extraction reads of a file before parsing it.
struct Front {
    directives: preprocess::Directives,
    /// The text as the compiler sees it, when that differs (see [`preprocess::Directives::compiled_text`]).
    compiled_text: Option<String>,
    /// The whole text's tokens.
    tokens: Vec<lexer::Token>,
    /// The function bodies read from tokens (each to be blanked for the parser), and what
    /// they hold.
    cold: Vec<Range<usize>>,
    /// The file-level declarations read from tokens (each blanked whole for the parser).
    cold_decls: Vec<Range<usize>>,
    cold_facts: FileFacts,
    /// In a C or C++ file read from tokens but for the heads of its bodies, the functions
    /// those heads define ([`super::light::plain_heads`]): the file is not parsed.
    /// (And the calls the parser reads between heads, and the islands of code it is left
    /// to read alone.)
    heads: Option<super::light::PlainHeads>,
    /// The cold bodies with a test framework's head (`TEST_FUNCTION(name) {`) right after
    /// another function's body: each blanked whole (head and body), with the function
    /// tree-sitter-cpp reads there (tree-sitter-c reads none).
    shells: Vec<(Range<usize>, FunctionDef)>,
}

impl Front {
    fn read(text: &str, lang: Lang, cold_bodies: bool, cold_decls: bool, heads: bool) -> Front {
        let mut directives = preprocess::scan(text);
        directives.decide_cplusplus(lang == Lang::Cpp);
        // A file is parsed as its compiler sees it: a C file without its `#ifdef
        // __cplusplus` branches (the `extern "C" {` wrappers tangle an otherwise clean
        // parse), a C++ file without its `#ifndef __cplusplus` ones (no second branch
        // configuration of a whole C++ file for one `#include`).
        let blanks = directives.compiled_blanks();
        let compiled_text = preprocess::compiled_text_from(text, &blanks);
        let (tokens, comments) = if compiled_text.is_some() { lexer::lex_with_comments(text, 0) } else { (lexer::lex(text, 0), Vec::new()) };
        // The function bodies and file-level declarations the tokens read as the parser
        // would (see `How`) are not parsed: blanked (same length) in every text the parser
        // reads. They are read here, before the parse; a C++ body whose tokens do not read
        // with certainty (a template, a declaration with constructor arguments, ...) is
        // left to the parser.
        let mut cold_facts = FileFacts::default();
        let mut decls = Vec::new();
        let mut plain = None;
        let cold = if cold_bodies || cold_decls {
            let parsed: &str = compiled_text.as_deref().unwrap_or(text);
            // The compiled text's tokens are the whole text's outside the blanked lines
            // (lexed again only when a comment or token crosses their edges).
            let parsed_tokens = if compiled_text.is_some() {
                lexer::tokens_outside(&tokens, &comments, &blanks).unwrap_or_else(|| std::borrow::Cow::Owned(lexer::lex(parsed, 0)))
            } else {
                std::borrow::Cow::Borrowed(&[][..])
            };
            let toks: &[Token] = if compiled_text.is_some() { &parsed_tokens } else { &tokens };
            // Braces that balance only in each branch configuration: what lies before and
            // after the groups that open or close blocks.
            let level = super::light::file_level(parsed, toks, &directives.lines, lang)
                .or_else(|| (lang == Lang::C && directives.has_open_conditionals()).then(|| super::light::file_level_around_groups(parsed, toks, &directives, lang)).flatten())
                .unwrap_or_default();
            let super::light::FileLevel { bodies: mut cold, mut bodies_with_directives, mut macro_classes, items } = level;
            if !cold_bodies {
                cold.clear();
                bodies_with_directives.clear();
                macro_classes.clear();
            }
            // The bodies the tokens do not read (hot), for a C file read from its heads.
            let mut hot = Vec::new();
            // Room for their calls at once (each is a name before a `(`): grown by
            // doubling, the list of a large file was copied a dozen times, each larger
            // copy on memory never touched before (azure-iot-sdk-c: 19 MB allocated for
            // the 6 MB of calls kept). What is not used is never written, and is given
            // back when the facts are shrunk.
            if !cold.is_empty() {
                cold_facts.calls.reserve(tokens.iter().filter(|t| t.byte == b'(').count());
            }
            cold.retain(|body| {
                let read = super::light::read_body(text, &tokens, body, lang, &mut cold_facts);
                if !read {
                    hot.push(body.clone());
                }
                read
            });
            // A C++ class declared by a macro: read from tokens where they read it.
            macro_classes.retain(|body| super::light::read_macro_class(text, &tokens, body, &mut cold_facts));
            if !macro_classes.is_empty() {
                cold.extend(macro_classes);
                cold.sort_by_key(|r| r.start);
            }
            let file_tokens = FileTokens { all: &tokens, lines: &directives.lines, code: std::cell::OnceCell::new() };
            // A C body with directive lines is read from its code tokens when each branch
            // holds whole statements (`#ifdef DEBUG log(x); #endif`): what its branch
            // configurations read together.
            if !bodies_with_directives.is_empty() {
                let lines = &directives.lines;
                let code = file_tokens.code();
                for body in bodies_with_directives {
                    let whole = directives.groups_within(&body, 4).is_some_and(|groups| super::light::branches_read_whole(text, code, &body, lines, &groups, true));
                    if whole && super::light::read_body(text, code, &body, lang, &mut cold_facts) {
                        cold.push(body);
                    } else {
                        hot.push(body);
                    }
                }
                cold.sort_by_key(|r| r.start);
            }
            if cold_decls {
                // A C++ declaration is read when written in C.
                let items: Vec<Range<usize>> = match lang {
                    Lang::C => items,
                    Lang::Cpp => items.into_iter().filter(|it| super::light::cpp_plain_declaration(parsed, &toks[it.start..=it.end])).collect(),
                };
                decls = cold_declarations(text, parsed, toks, &items, lang, &directives, &file_tokens, &mut cold_facts);
            }
            if heads && cold_bodies && cold_decls {
                hot.sort_by_key(|r| r.start);
                plain = super::light::plain_heads(parsed, toks, &directives.lines, &directives.group_lines(), &cold, &hot, &decls, lang);
                // A C++ file whose islands are most of it is parsed whole as before: little to
                // spare the parser, and an island it reads with an error (C++ it reads in
                // more ways than C) sends the file to a second parse, whole (an Arduino
                // sample's iotc.cpp: 7.5 -> 13.8 ms).
                if lang == Lang::Cpp && plain.as_ref().is_some_and(|p| 2 * p.islands.iter().map(|r| r.len()).sum::<usize>() > text.len()) {
                    plain = None;
                }
            }
            cold
        } else {
            Vec::new()
        };
        // (A file read from its heads is not parsed but in islands, which hold no shells:
        // nothing to spare the parser.)
        let shells = if cold_bodies && heads && plain.is_none() { macro_shells(text, &tokens, &cold) } else { Vec::new() };
        Front { directives, compiled_text, tokens, cold, cold_decls: decls, cold_facts, heads: plain, shells }
    }

    /// What the parser does not read: the insides of the cold bodies (their braces are
    /// read) and the cold declarations whole, in order.
    fn skipped(&self) -> Vec<Range<usize>> {
        let mut shells = self.shells.iter().map(|s| &s.0).peekable();
        let mut out: Vec<Range<usize>> = Vec::with_capacity(self.cold.len() + self.cold_decls.len());
        for r in &self.cold {
            // A shell's body is blanked with its head.
            while shells.next_if(|s| s.end < r.end).is_some() {}
            match shells.peek() {
                Some(s) if s.end == r.end => out.push((*s).clone()),
                _ => out.push(r.start + 1..r.end - 1),
            }
        }
        out.extend(self.cold_decls.iter().cloned());
        out.sort_by_key(|r| r.start);
        out
    }
}

/// The "shells" among the cold bodies `cold` (byte ranges `{`..`}`): a head of a name and
/// one identifier in parentheses, as the test frameworks' `TEST_FUNCTION(name) {`, directly
/// after another cold body's `}` (no directive line between: `toks` are the whole text's
/// tokens, a directive line's among them). There tree-sitter-cpp reads a function of the
/// head's name without parameters (`name` a type) and tree-sitter-c reads nothing (no
/// function, the body's facts at file level), after a function as after the one before:
/// each is blanked whole, and in C++ that function given. azure-iot-sdk-c's
/// `agenttypesystem_ut.cpp` has 567 such heads, its parsed C unit tests 1,077 in 22 files
/// (their bodies read from tokens); parsing the empty shells was most of their parse.
fn macro_shells(text: &str, toks: &[Token], cold: &[Range<usize>]) -> Vec<(Range<usize>, FunctionDef)> {
    let mut out = Vec::new();
    for w in cold.windows(2) {
        let (prev, body) = (&w[0], &w[1]);
        // The tokens from the previous body's `}` to this body's `{` (a directive line
        // between them has tokens too).
        let lo = toks.partition_point(|t| t.lo() < prev.end - 1);
        let hi = toks.partition_point(|t| t.lo() < body.start);
        if hi >= toks.len() || hi + 1 - lo != 6 {
            continue;
        }
        let between = &toks[lo..=hi];
        let [close, name, open, arg, shut, brace] = [between[0], between[1], between[2], between[3], between[4], between[5]];
        let is_word = |t: &Token| t.kind == TokKind::Ident && !is_keyword(t.text(text, 0)) && !is_reserved_word(t.text(text, 0));
        if close.is_punct(text, "}") && close.hi() == prev.end && is_word(&name) && open.is_punct(text, "(") && is_word(&arg) && shut.is_punct(text, ")") && brace.is_punct(text, "{") && brace.lo() == body.start {
            out.push((
                name.lo()..body.end,
                FunctionDef { name: Ident::from(name.text(text, 0)), name_range: name.range(), is_static: false, params: Vec::new(), body: body.clone(), idents: Names::default() },
            ));
        }
    }
    out
}

/// A file's tokens, and its code tokens (directive lines left out) made when first asked
/// for: bodies and declarations with conditionals inside are read from those.
struct FileTokens<'t> {
    all: &'t [Token],
    lines: &'t [Range<usize>],
    code: std::cell::OnceCell<std::borrow::Cow<'t, [Token]>>,
}

impl FileTokens<'_> {
    fn code(&self) -> &[Token] {
        self.code.get_or_init(|| super::light::code_tokens(self.all, self.lines))
    }
}

/// The file-level declarations of a C or C++ file (`items`, token index ranges into `toks`, the
/// tokens of `parsed`, the text the parser reads) that the parser is spared, their
/// initialisers read from tokens into `facts` ([`super::light::read_item`]): those with
/// no conditional directive line but between whole elements of an initialiser (read from
/// the code tokens of `tokens`), neither followed by `{` nor starting with one (a K&R
/// definition's parameter declarations are its head, its body a block), and read with
/// certainty; in C++ also only those with nothing the rules look for.
///
/// A C declaration is read whether or not it holds something the rules look for, as a C
/// body is (`static const az_span model_id = AZ_SPAN_LITERAL_FROM_STR("dtmi:...");`, a
/// topic format, a table of SDK callbacks): the token reading gives what the parser gives
/// or declines (`false` from `read_item`), and the real-tree oracle
/// (`tests/cold_declarations.rs`) finds the two equal on the four SDK checkouts. Such
/// declarations alone kept five of azure-sdk-for-c's 29 parsed files parsed.
#[allow(clippy::too_many_arguments)]
fn cold_declarations(
    text: &str,
    parsed: &str,
    toks: &[Token],
    items: &[Range<usize>],
    lang: Lang,
    directives: &preprocess::Directives,
    tokens: &FileTokens,
    facts: &mut FileFacts,
) -> Vec<Range<usize>> {
    let conditional = directives.conditional_lines();
    let lines = &directives.lines;
    let mut out = Vec::new();
    for it in items {
        // (A `;` alone is read, as nothing: after a class declared by a macro, C++'s
        // `TYPED_MOCK_CLASS(C, Base) { ... };` in micromock unit tests, the parser then reads
        // the class as a function named after the macro and the rest of the file without an
        // error running to its end; with the `;`, azure-iot-sdk-c's agenttypesystem_ut.cpp
        // took 140 ms, without it 80.)
        let bytes = toks[it.start].lo()..toks[it.end].hi();
        // The next code token after the `;`.
        let next = toks[it.end + 1..].iter().find(|t| !preprocess::overlaps(lines, &(t.lo()..t.lo() + 1)));
        let brace = |t: &Token| t.kind == TokKind::Punct && t.text(parsed, 0) == "{";
        if next.is_some_and(brace) || brace(&toks[it.start]) {
            continue;
        }
        // A C++ declaration that matters stays parsed; a value wrapper alone does not make
        // it matter (its call reads from tokens as the parser reads it). A C declaration is
        // read whatever it holds (see above). A macro invoked alone is read as nothing (see
        // `light::read_item`): it matters by its name (`MOCKABLE_FUNCTION(, int, SdkApi, ...);`
        // declares the SDK's functions in its headers: the parser's call of it feeds no
        // rule), unless its arguments hold a call or a value wrapper.
        let item = &toks[it.start..=it.end];
        let matters = if super::light::lone_macro(parsed, item) {
            let flat = !item[2..item.len() - 2].iter().any(|t| t.is_punct(parsed, "("));
            let called = toks[it.start].lo()..toks[it.start + 1].hi();
            if flat { super::light::may_matter(&parsed[called]) } else { super::light::may_matter(&parsed[bytes.clone()]) }
        } else {
            lang == Lang::Cpp && super::light::part_may_matter(&parsed[bytes.clone()])
        };
        if matters {
            continue;
        }
        if preprocess::overlaps(&conditional, &bytes) {
            // Conditionals between whole elements of an initialiser (`{f, 1},` `#ifdef X`
            // `{g, 2},` `#endif`, a test table): its code tokens read whole are what its
            // branch configurations read together.
            let Some(groups) = directives.groups_within(&bytes, 4) else { continue };
            let code = tokens.code();
            let item = &code[code.partition_point(|t| t.lo() < bytes.start)..code.partition_point(|t| t.lo() < bytes.end)];
            // Only an initialiser's list: the first brace follows the `=` (a struct's
            // conditional members change how the parser reads the rest of a header).
            let punct = |t: &Token, p: &str| t.is_punct(text, p);
            let initialiser = item.iter().position(|t| punct(t, "{")).is_some_and(|b| item[..b].iter().any(|t| punct(t, "=")));
            if initialiser && super::light::branches_read_whole(text, code, &bytes, lines, &groups, false) && super::light::read_item(text, code, &bytes, lang, facts) {
                out.push(bytes);
            }
            continue;
        }
        // A macro invoked alone stays parsed before a macro glued to what follows it.
        if super::light::lone_macro(parsed, &toks[it.start..=it.end]) {
            let after = toks[it.end + 1..].iter().filter(|t| !preprocess::overlaps(lines, &(t.lo()..t.lo() + 1))).take(512);
            if super::light::glued_macro(parsed, after) {
                continue;
            }
        }
        if super::light::read_item(text, tokens.all, &bytes, lang, facts) {
            out.push(bytes);
        }
    }
    out
}

/// Every shortcut of the reading (`extract_lang`'s).
const READING: How = How { cold_bodies: true, cold_decls: true, variant_reparse: true, skip_blanked: true, heads: true, nested_whole: false };

fn extract_by(text: &str, lang: Lang, collect: Collector, is_free_only: &dyn Fn(&str) -> bool) -> FileFacts {
    extract_with(text, lang, collect, is_free_only, READING)
}

fn extract_with(text: &str, lang: Lang, collect: Collector, is_free_only: &dyn Fn(&str) -> bool, how: How) -> FileFacts {
    extract_with_report(text, lang, collect, is_free_only, how, &mut None)
}

/// [`extract_with`], giving `hard_items` the items read from tokens of a file read from its
/// heads (see [`extract_reporting_hard_items`]).
fn extract_with_report(text: &str, lang: Lang, collect: Collector, is_free_only: &dyn Fn(&str) -> bool, how: How, hard_items: &mut Option<Vec<Range<usize>>>) -> FileFacts {
    let mut front = Front::read(text, lang, how.cold_bodies, how.cold_decls, how.heads);
    let mut facts = FileFacts {
        includes: front.directives.includes.clone(),
        defines: front.directives.defines.clone(),
        // (`strings`: read with the identifiers, below.)
        ..FileFacts::default()
    };
    // What the parser did not read, read from tokens: joined to the parse's facts.
    let mut join = false;
    let mut read_from_heads = false;
    if let Some(heads) = front.heads.take() {
        if !heads.islands.is_empty() {
            // The parser reads the islands alone (the cold bodies' insides skipped there
            // too). A parse of them with errors outside function bodies is not taken: how
            // the parser recovers from such an error depends on what it reads before and
            // after, and the file is parsed whole.
            let insides = island_insides(text, &front, &heads.islands);
            read_from_heads = parse_into(text, lang, collect, how, &front.directives, front.compiled_text.as_deref(), &insides, Some(&heads.islands), &mut facts);
            if !read_from_heads {
                (facts.functions, facts.calls, facts.assigns, facts.inits) = Default::default();
                (facts.variants_parsed, facts.had_parse_errors) = (0, false);
                front.shells = macro_shells(text, &front.tokens, &front.cold);
            }
        } else {
            // Nothing for the parser but the heads, the directive lines and comments: the
            // facts of a parse, without it (`variants_parsed` 0, as the token path's).
            read_from_heads = true;
        }
        if read_from_heads {
            facts.functions.extend(heads.functions);
            // (The calls of macros invoked before heads: the parser's, at file level.)
            front.cold_facts.calls.extend(heads.calls);
            // (What the items the parser reads only by error recovery hold, read from tokens.)
            let mut hard = heads.hard_facts;
            front.cold_facts.assigns.append(&mut hard.assigns);
            front.cold_facts.inits.append(&mut hard.inits);
            *hard_items = Some(heads.hard);
            join = true;
        }
    }
    if !read_from_heads {
        let insides = front.skipped();
        let islands = if how.nested_whole && lang == Lang::C { read_in_islands(text, lang, collect) } else { None };
        parse_into(text, lang, collect, how, &front.directives, front.compiled_text.as_deref(), &insides, islands.as_deref(), &mut facts);
        if lang == Lang::Cpp {
            facts.functions.extend(std::mem::take(&mut front.shells).into_iter().map(|s| s.1));
        }
        join = !insides.is_empty();
    }
    if facts.had_parse_errors {
        off_directive_lines(&mut facts, &front.directives.lines);
    }
    let Front { tokens, mut cold_facts, .. } = front;
    // What was read from tokens (nothing when nothing was blanked), in the order of the
    // file, as a walk of the whole tree gives them.
    if join {
        // (Into the longer list: the calls read from tokens are most of a file's.)
        if facts.calls.len() < cold_facts.calls.len() {
            std::mem::swap(&mut facts.calls, &mut cold_facts.calls);
        }
        facts.calls.append(&mut cold_facts.calls);
        facts.assigns.append(&mut cold_facts.assigns);
        facts.inits.append(&mut cold_facts.inits);
        facts.sort_in_file_order();
    }
    facts.functions.sort_by_key(|f| f.body.start);
    if lang == Lang::Cpp {
        facts.calls.retain(|c| !(is_free_only(&c.name) && member_call_at(text, c.name_range().start)));
    }
    attribute_idents_with(text, &tokens, &mut facts, lang, is_free_only);
    facts
}

/// The islands of a C file [`extract_lang`] reads in islands (their parse taken), for
/// `How::nested_whole`.
fn read_in_islands(text: &str, lang: Lang, collect: Collector) -> Option<Vec<Range<usize>>> {
    let front = Front::read(text, lang, READING.cold_bodies, READING.cold_decls, READING.heads);
    let heads = front.heads.as_ref().filter(|h| !h.islands.is_empty())?;
    let insides = island_insides(text, &front, &heads.islands);
    let taken = parse_into(text, lang, collect, READING, &front.directives, front.compiled_text.as_deref(), &insides, Some(&heads.islands), &mut FileFacts::default());
    taken.then(|| heads.islands.clone())
}

/// What the parser skips of a file read in `islands`: everything out of them, and in them
/// what the tokens read.
fn island_insides(text: &str, front: &Front, islands: &[Range<usize>]) -> Vec<Range<usize>> {
    union(outside(&islands_to_read(text, islands), text.len()), front.skipped())
}

/// Drops what a parse read on a directive line (`lines`): never code, but a parse with
/// errors may read one as code (the `#define` and `#error` lines of a header's nested
/// conditionals as calls, when its cold declarations are blanked: how the parser recovers
/// from an error depends on the text around it).
fn off_directive_lines(facts: &mut FileFacts, lines: &[Range<usize>]) {
    if lines.is_empty() {
        return;
    }
    let on = |at: usize| preprocess::overlaps(lines, &(at..at + 1));
    facts.functions.retain(|f| !on(f.name_range.start));
    facts.calls.retain(|c| !on(c.name_range().start));
    facts.assigns.retain(|a| !on(a.start()));
    facts.inits.retain(|i| !on(i.range.start));
}

/// `islands` as the parser is to read them: the last with the white space after it. (At
/// the end of its last included range tree-sitter's lexer ends a token where the range
/// ends, not where the token does: a last island's `}` would end at the end of the text.)
fn islands_to_read(text: &str, islands: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = islands.to_vec();
    if let Some(last) = out.last_mut() {
        last.end += text.as_bytes()[last.end..].iter().take_while(|b| b.is_ascii_whitespace()).count();
    }
    out
}

/// The ranges of `0..len` outside `ranges` (sorted, disjoint), empty ones left out.
fn outside(ranges: &[Range<usize>], len: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len() + 1);
    let mut from = 0;
    for r in ranges {
        if from < r.start {
            out.push(from..r.start);
        }
        from = r.end;
    }
    if from < len {
        out.push(from..len);
    }
    out
}

/// The union of two lists of sorted, disjoint ranges, sorted and disjoint (touching ranges
/// joined).
fn union(a: Vec<Range<usize>>, b: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut all = a;
    all.extend(b);
    all.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(all.len());
    for r in all {
        match out.last_mut() {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The parse of a file's text (`compiled_text` when its compiler sees another, with the
/// cold `insides` blanked and skipped): its facts into `facts`, per branch configuration
/// when the whole text's parse is tangled (configurations that follow the nesting of the
/// groups in `islands`, the islands of a file read from its heads, where those of
/// [`preprocess::Directives::variant`] do not hold every line). Returns whether the parse is one a parse of
/// islands alone may stand for: every branch configuration parsed cleanly and together
/// they hold every line of code (the tangled parse not read), or (untangled) errors only
/// in function bodies ([`errors_in_bodies`]).
#[allow(clippy::too_many_arguments)]
fn parse_into(
    text: &str,
    lang: Lang,
    collect: Collector,
    how: How,
    directives: &preprocess::Directives,
    compiled_text: Option<&str>,
    insides: &[Range<usize>],
    islands: Option<&[Range<usize>]>,
    facts: &mut FileFacts,
) -> bool {
    let parsed: &str = compiled_text.unwrap_or(text);
    // What is blanked: the inside of each cold body (its braces kept), each cold declaration.
    let blanked = (!insides.is_empty()).then(|| preprocess::blanked(parsed.to_string(), insides));
    let parsed: &str = blanked.as_deref().unwrap_or(parsed);
    // The parser steps over the blanked insides (every text parsed below has them).
    struct Skipping;
    impl Drop for Skipping {
        fn drop(&mut self) {
            SKIPPED.with(|s| *s.borrow_mut() = None);
        }
    }
    let _skipping = (!insides.is_empty() && how.skip_blanked).then(|| {
        SKIPPED.with(|s| *s.borrow_mut() = Some((parsed.len(), included_ranges(parsed, insides))));
        Skipping
    });
    let mut seen = Seen::default();
    let Some(tree) = parse_lang(parsed, lang) else { return false };
    let tangled = directives.has_open_conditionals() && looks_tangled(&tree, directives);
    facts.had_parse_errors = tree.root_node().has_error();
    if tangled {
        // Each branch configuration parses cleanly (usually): its calls, with their
        // arguments as that configuration writes them, and its function boundaries come
        // first. A tangled parse misplaces functions (it can even invent one named `if`)
        // and reads arguments across directives, so it only adds calls no variant saw.
        let (mut any_clean, mut all_clean) = (false, true);
        // The text and tree the next configuration is re-parsed from: the last
        // configuration's, the first from the tangled parse.
        let mut last: Option<(std::borrow::Cow<str>, Tree)> = Some((parsed.into(), tree.clone()));
        // Islands whose groups the configurations of `variant` do not cover (an inner
        // group's `#else` under an outer group's first branch) are read in configurations
        // that follow the nesting, of their groups alone.
        let covered = directives.variants_cover_all(4);
        let nested = islands.filter(|_| !covered).and_then(|i| directives.nested_variants(i, 4));
        for k in 0..directives.configuration_count(nested.as_deref(), 4) {
            let v = directives.configuration(text, nested.as_deref(), k);
            let v = if insides.is_empty() { v } else { preprocess::blanked(v, insides) };
            let t = match last.take() {
                Some((old, tree)) if how.variant_reparse => parse_variant(&v, lang, &old, tree),
                _ => parse_lang(&v, lang),
            };
            if let Some(t) = t {
                let clean = !t.root_node().has_error();
                any_clean |= clean;
                all_clean &= clean;
                collect(&v, &t, facts, &mut seen, Mode::Variant, lang);
                facts.variants_parsed += 1;
                last = Some((v.into(), t));
            } else {
                all_clean = false;
            }
        }
        facts.had_parse_errors = !any_clean;
        // When every configuration parsed cleanly and together they hold every line of
        // code, the tangled parse has no call they did not see: its walk is skipped (it
        // was a third of an edit's time on the SDK's tangled PnP samples).
        if !(all_clean && (covered || nested.is_some())) {
            let mode = if facts.functions.is_empty() { Mode::Primary } else { Mode::Fallback };
            collect(parsed, &tree, facts, &mut seen, mode, lang);
            // (What the tangled parse reads beyond the configurations depends on all it
            // reads: not for islands.)
            return false;
        }
        all_clean
    } else {
        collect(parsed, &tree, facts, &mut seen, Mode::Primary, lang);
        facts.variants_parsed = 1;
        errors_in_bodies(&tree)
    }
}

/// Whether every error of `tree` is inside the body of a top-level function definition
/// whose head the parser read without one and whose braces it read (`true` without
/// errors): the parser was back at file level after each such function, as at the start of
/// a text. (Not so an error elsewhere even when the parser reads clean items after it in
/// the same island: azure-c-shared-utility's `timer_ut.c` has `MOCKABLE_FUNCTION(...)`
/// lines without a `;` before a clean function, and a parse of the whole file reads the
/// test suite's heads after that function as calls.)
fn errors_in_bodies(tree: &Tree) -> bool {
    let root = tree.root_node();
    if !root.has_error() {
        return true;
    }
    if root.is_error() || root.is_missing() {
        return false;
    }
    let mut cursor = root.walk();
    let ok = root.children(&mut cursor).all(|item| {
        if !item.has_error() && !item.is_error() && !item.is_missing() {
            return true;
        }
        if item.kind() != "function_definition" || item.is_error() {
            return false;
        }
        let Some(body) = item.child_by_field_name("body") else { return false };
        let closed = body.kind() == "compound_statement" && body.child(body.child_count().saturating_sub(1)).is_some_and(|c| c.kind() == "}" && !c.is_missing());
        // The errors inside the braces: nothing before the body has one.
        let mut c = item.walk();
        let head_clean = item.children(&mut c).take_while(|n| n.id() != body.id()).all(|n| !n.has_error() && !n.is_error() && !n.is_missing());
        closed && head_clean && body.end_byte() == item.end_byte()
    });
    ok
}

/// A tree whose preprocessor conditionals confused the parser: a function definition
/// nested inside another (C has none; it is a misread call), or an ERROR (or MISSING)
/// node with a conditional directive shortly before it or early inside it (branches that
/// each open a block show up a few lines after the `#else`). Errors far from every
/// directive (a macro the parser cannot read, as the mocking and assertion macros of unit
/// tests) would be in every branch configuration too: parsing those is wasted. "Near" is
/// a window of bytes, not the node the error sits in: the parser can grow an ERROR node or
/// a test suite's body over thousands of lines, holding directives by chance.
fn looks_tangled(tree: &Tree, directives: &preprocess::Directives) -> bool {
    let root = tree.root_node();
    let mut cursor = root.walk();
    if root.has_error() {
        return errors_near_directives(&error_nodes(tree), directives);
    }
    let mut stack = vec![(root, false)];
    while let Some((node, in_fn)) = stack.pop() {
        let is_fn = node.kind() == "function_definition";
        if is_fn && in_fn {
            return true;
        }
        for child in node.children(&mut cursor) {
            stack.push((child, in_fn || is_fn));
        }
    }
    false
}

/// The byte ranges of a tree's ERROR and MISSING nodes, in the order of a walk.
fn error_nodes(tree: &Tree) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        for child in node.children(&mut cursor) {
            if child.is_error() || child.is_missing() {
                out.push(child.byte_range());
            } else if child.has_error() {
                stack.push(child);
            }
        }
    }
    out
}

/// Whether a conditional directive is near one of the `errors` (see [`looks_tangled`]).
fn errors_near_directives(errors: &[Range<usize>], directives: &preprocess::Directives) -> bool {
    let starts = directives.open_directive_starts();
    let near = |r: Range<usize>| {
        let k = starts.partition_point(|&d| d < r.start);
        k < starts.len() && starts[k] < r.end
    };
    errors.iter().any(|e| near(e.start.saturating_sub(NEAR_ERROR_BYTES)..e.end.min(e.start + NEAR_ERROR_BYTES) + 1))
}

/// How far from an error a directive may be and still be its cause (about 30 lines).
const NEAR_ERROR_BYTES: usize = 1024;

/// How a parse's facts join those already collected.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The only parse of an untangled file.
    Primary,
    /// One branch configuration: a call another configuration wrote with other arguments
    /// is kept too (each configuration is a build the device may ship).
    Variant,
    /// The tangled parse after the variants: only calls no variant saw, no functions.
    Fallback,
}

#[derive(Default)]
struct Seen {
    functions: HashSet<usize>,
    /// Start offsets of call names already collected.
    calls: HashSet<usize>,
    /// (start, argument texts) of calls collected from variants.
    call_variants: HashSet<(usize, Vec<String>)>,
    assigns: HashSet<usize>,
    inits: HashSet<usize>,
}

fn has_ancestor(node: Node, kind: &str) -> bool {
    let mut n = node.parent();
    while let Some(p) = n {
        if p.kind() == kind {
            return true;
        }
        n = p.parent();
    }
    false
}

/// One match of a pattern of `grammars/c/facts.scm`, by its captures.
enum Fact<'t> {
    Function { def: Node<'t>, name: Node<'t>, body: Node<'t> },
    Call { call: Node<'t>, name: Node<'t>, args: Node<'t> },
    Assign { assign: Node<'t>, base: Option<Node<'t>>, field: Option<Node<'t>>, var: Option<Node<'t>>, value: Node<'t> },
    Init { init: Node<'t>, declarator: Node<'t>, value: Node<'t> },
}

/// The facts of one tree. A hand-written walk finds what the patterns of
/// `grammars/c/facts.scm` describe: one pass over the nodes, comparing kind ids, costs a
/// fraction of running the query (which matched every node against every pattern). The
/// query stays the specification: a test runs both over every fixture and compares.
fn collect(text: &str, tree: &Tree, facts: &mut FileFacts, seen: &mut Seen, mode: Mode, lang: Lang) {
    let kinds = kinds(lang);
    let kept = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let session = k.as_mut()?;
        // The kept parse this tree is (clones share the root's children).
        let first = tree.root_node().child(0)?.id();
        let slot = session.new.iter_mut().rev().find(|p| p.tree.root_node().child(0).map(|c| c.id()) == Some(first))?;
        let (kept, read) = collect_units(text, tree, facts, seen, mode, kinds, slot);
        session.units.0 += kept;
        session.units.1 += read;
        Some(())
    });
    if kept.is_none() {
        walk(text, tree.root_node(), kinds, &mut |text, fact| take(text, fact, facts, seen, mode));
    }
    errors(text, tree, facts, seen);
}

/// The units of a tree (see [`collect_units`]), in the order of the file.
fn units_of<'t>(node: Node<'t>, kinds: &Kinds, out: &mut Vec<Node<'t>>) {
    let mut c = node.walk();
    for child in node.children(&mut c) {
        if kinds.is_container(child.kind_id()) {
            units_of(child, kinds, out);
        } else {
            out.push(child);
        }
    }
}

/// Pre-order over `node`'s subtree, every match of a pattern handed to `found`.
fn walk<'t>(text: &str, node: Node<'t>, kinds: &Kinds, found: &mut dyn FnMut(&str, Fact<'t>)) {
    let mut cursor = node.walk();
    'walk: loop {
        let node = cursor.node();
        if let Some(fact) = match_node(kinds, node) {
            found(text, fact);
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
}

/// `collect` of a kept parse: the tree is cut into units (the root's children, and the
/// children of conditional groups, `extern "C"` blocks and namespaces at file level, which
/// hold no facts themselves); a unit the edit left alone gives the records it gave last
/// time, moved, and only the others are walked. The records go through the same
/// de-duplication in the same order as a walk of the whole tree, so the facts are the same.
/// Returns how many units were kept and how many read.
fn collect_units(text: &str, tree: &Tree, facts: &mut FileFacts, seen: &mut Seen, mode: Mode, kinds: &Kinds, slot: &mut KeptParse) -> (usize, usize) {
    let mut prev = slot.prev.take();
    if let Some(p) = &mut prev {
        if let Some(old) = p.old.take() {
            p.changed = old.changed_ranges(tree).map(|r| r.start_byte..r.end_byte).collect();
        }
    }
    let mut units = Units::new();
    let mut order = Vec::new();
    units_of(tree.root_node(), kinds, &mut order);
    let mut count = (0, 0);
    for unit in order {
        let at = unit.byte_range();
        let key = (unit.kind_id(), at.start, at.end);
        let kept = prev.as_ref().and_then(|p| p.records(key.0, &at));
        count.0 += kept.is_some() as usize;
        count.1 += kept.is_none() as usize;
        let records = kept.unwrap_or_else(|| {
            let mut out = Vec::new();
            walk(text, unit, kinds, &mut |text, fact| out.extend(record(text, fact).map(|r| r.moved(at.start, false))));
            out.into()
        });
        for r in records.iter() {
            apply(text, r, at.start, facts, seen, mode);
        }
        units.insert(key, records);
    }
    slot.units = units;
    count
}

/// `collect` by running the query itself: the oracle the walk is tested against.
#[doc(hidden)]
pub fn extract_with_query(text: &str) -> FileFacts {
    extract_by(text, Lang::C, collect_with_query, &|_| false)
}

fn collect_with_query(text: &str, tree: &Tree, facts: &mut FileFacts, seen: &mut Seen, mode: Mode, _lang: Lang) {
    let query = facts_query();
    let indices: Vec<(&str, u32)> = query.capture_names().iter().enumerate().map(|(i, n)| (*n, i as u32)).collect();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, tree.root_node(), text.as_bytes());
    while let Some(m) = matches.next() {
        let cap = |name: &str| {
            let (_, ix) = indices.iter().find(|(n, _)| *n == name)?;
            m.nodes_for_capture_index(*ix).next()
        };
        let fact = if let (Some(def), Some(name), Some(body)) = (cap("function"), cap("function.name"), cap("function.body")) {
            Fact::Function { def, name, body }
        } else if let (Some(call), Some(name), Some(args)) = (cap("call"), cap("call.name"), cap("call.args")) {
            Fact::Call { call, name, args }
        } else if let (Some(assign), Some(value)) = (cap("assign"), cap("assign.value")) {
            Fact::Assign { assign, base: cap("assign.base"), field: cap("assign.field"), var: cap("assign.var"), value }
        } else if let (Some(init), Some(declarator), Some(value)) = (cap("init"), cap("init.declarator"), cap("init.value")) {
            Fact::Init { init, declarator, value }
        } else {
            continue;
        };
        take(text, fact, facts, seen, mode);
    }
    errors(text, tree, facts, seen);
}

/// Node kind ids of the grammar that the patterns name (tree-sitter-cpp extends
/// tree-sitter-c: the same kinds, other ids), and the C++ kinds the walk also reads
/// (`NONE` in C).
struct Kinds {
    cpp: bool,
    qualified_identifier: u16,
    template_function: u16,
    destructor_name: u16,
    reference_declarator: u16,
    field_initializer: u16,
    initializer_list: u16,
    function_definition: u16,
    function_declarator: u16,
    pointer_declarator: u16,
    identifier: u16,
    compound_statement: u16,
    call_expression: u16,
    argument_list: u16,
    assignment_expression: u16,
    field_expression: u16,
    field_identifier: u16,
    initializer_pair: u16,
    field_designator: u16,
    init_declarator: u16,
    /// File-level nodes that hold items and no facts of their own: conditional groups,
    /// `extern "C" { ... }`, namespaces.
    containers: [u16; 8],
}

impl Kinds {
    fn is_container(&self, kind: u16) -> bool {
        self.containers.contains(&kind)
    }
}

const NONE: u16 = u16::MAX;

fn kinds(lang: Lang) -> &'static Kinds {
    static C: OnceLock<Kinds> = OnceLock::new();
    static CPP: OnceLock<Kinds> = OnceLock::new();
    let cell = match lang {
        Lang::C => &C,
        Lang::Cpp => &CPP,
    };
    cell.get_or_init(|| {
        let l = language(lang);
        let cpp = lang == Lang::Cpp;
        let id = |k: &str| {
            let id = l.id_for_node_kind(k, true);
            assert!(id != 0, "the grammar of {lang:?} has no node kind {k}");
            id
        };
        let cpp_id = |k: &str| if cpp { id(k) } else { NONE };
        Kinds {
            cpp,
            qualified_identifier: cpp_id("qualified_identifier"),
            template_function: cpp_id("template_function"),
            destructor_name: cpp_id("destructor_name"),
            reference_declarator: cpp_id("reference_declarator"),
            field_initializer: cpp_id("field_initializer"),
            initializer_list: cpp_id("initializer_list"),
            function_definition: id("function_definition"),
            function_declarator: id("function_declarator"),
            pointer_declarator: id("pointer_declarator"),
            identifier: id("identifier"),
            compound_statement: id("compound_statement"),
            call_expression: id("call_expression"),
            argument_list: id("argument_list"),
            assignment_expression: id("assignment_expression"),
            field_expression: id("field_expression"),
            field_identifier: id("field_identifier"),
            initializer_pair: id("initializer_pair"),
            field_designator: id("field_designator"),
            init_declarator: id("init_declarator"),
            containers: [
                id("preproc_if"),
                id("preproc_ifdef"),
                id("preproc_else"),
                id("preproc_elif"),
                id("linkage_specification"),
                id("declaration_list"),
                match l.id_for_node_kind("preproc_elifdef", true) {
                    0 => NONE,
                    k => k,
                },
                cpp_id("namespace_definition"),
            ],
        }
    })
}

/// The pattern of `grammars/c/facts.scm` that `node` is the root of, if any, with its
/// captures.
fn match_node<'t>(k: &Kinds, node: Node<'t>) -> Option<Fact<'t>> {
    let kind = node.kind_id();
    if kind == k.function_definition {
        let body = node.child_by_field_name("body").filter(|b| b.kind_id() == k.compound_statement)?;
        // `f(...)`, `*f(...)`, `**f(...)` (and in C++ `&f(...)`).
        let mut d = node.child_by_field_name("declarator")?;
        for _ in 0..2 {
            if d.kind_id() == k.pointer_declarator {
                d = d.child_by_field_name("declarator")?;
            } else if d.kind_id() == k.reference_declarator {
                let mut c = d.walk();
                d = d.named_children(&mut c).next()?;
            } else {
                break;
            }
        }
        if d.kind_id() != k.function_declarator {
            return None;
        }
        let name = d.child_by_field_name("declarator")?;
        let name = if k.cpp { cpp_name(k, name)? } else { Some(name).filter(|n| n.kind_id() == k.identifier)? };
        return Some(Fact::Function { def: node, name, body });
    }
    if kind == k.call_expression {
        let function = node.child_by_field_name("function")?;
        let name = if function.kind_id() == k.identifier {
            function
        } else if k.cpp && function.kind_id() == k.field_expression {
            // `obj.method(...)`, `ptr->method(...)`: the method, its arguments as written.
            cpp_name(k, function.child_by_field_name("field")?)?
        } else if k.cpp {
            cpp_name(k, function)?
        } else {
            return None;
        };
        let args = node.child_by_field_name("arguments").filter(|n| n.kind_id() == k.argument_list)?;
        return Some(Fact::Call { call: node, name, args });
    }
    if kind == k.field_initializer {
        // A constructor's `: member_(value)` / `: member_{value}`: one value, one field.
        let mut c = node.walk();
        let mut children = node.named_children(&mut c);
        let field = children.next().filter(|f| f.kind_id() == k.field_identifier)?;
        let list = children.next().filter(|l| l.kind_id() == k.argument_list || l.kind_id() == k.initializer_list)?;
        let mut c2 = list.walk();
        let values: Vec<Node> = list.named_children(&mut c2).filter(|n| n.kind() != "comment").collect();
        let [value] = values[..] else { return None };
        return Some(Fact::Assign { assign: node, base: None, field: Some(field), var: None, value });
    }
    if kind == k.assignment_expression {
        let left = node.child_by_field_name("left")?;
        let value = node.child_by_field_name("right")?;
        if left.kind_id() == k.field_expression {
            let base = left.child_by_field_name("argument")?;
            let field = left.child_by_field_name("field").filter(|f| f.kind_id() == k.field_identifier)?;
            return Some(Fact::Assign { assign: node, base: Some(base), field: Some(field), var: None, value });
        }
        if left.kind_id() == k.identifier {
            return Some(Fact::Assign { assign: node, base: None, field: None, var: Some(left), value });
        }
        return None;
    }
    if kind == k.initializer_pair {
        let value = node.child_by_field_name("value")?;
        // The first designator, as the query reads it: `.a.b = v` is field `a`, and
        // `[2].c = v` is no field assignment.
        let designator = node.child_by_field_name("designator")?;
        let field = if designator.kind_id() == k.field_designator {
            let mut c = designator.walk();
            let f = designator.named_children(&mut c).find(|f| f.kind_id() == k.field_identifier)?;
            f
        } else if k.cpp && designator.kind_id() == k.field_identifier {
            designator
        } else {
            return None;
        };
        return Some(Fact::Assign { assign: node, base: None, field: Some(field), var: None, value });
    }
    if kind == k.init_declarator {
        let declarator = node.child_by_field_name("declarator")?;
        let value = node.child_by_field_name("value")?;
        return Some(Fact::Init { init: node, declarator, value });
    }
    None
}

/// The node naming a C++ function or callee: the identifier itself, the last component of
/// `ns::Class::f`, the name of `f<T>`, a member's `field_identifier`, a destructor's name.
fn cpp_name<'t>(k: &Kinds, mut n: Node<'t>) -> Option<Node<'t>> {
    for _ in 0..8 {
        let kind = n.kind_id();
        if kind == k.identifier || kind == k.field_identifier || kind == k.destructor_name {
            return Some(n);
        }
        if kind == k.qualified_identifier || kind == k.template_function {
            n = n.child_by_field_name("name")?;
            continue;
        }
        return None;
    }
    None
}

/// What one match says, before de-duplication: byte ranges in the text, or relative to a
/// unit's start when kept (see [`collect_units`]).
enum Rec {
    Function(FunctionDef),
    /// A call misread as a nested definition: its calls are read from the tokens.
    Nested(Range<usize>),
    Call(Call),
    Assign(Assign),
    Init(Init),
}

/// `r` moved `by` bytes forward, or back.
pub(crate) fn moved_range(r: &Range<usize>, by: usize, forward: bool) -> Range<usize> {
    if forward {
        r.start + by..r.end + by
    } else {
        r.start - by..r.end - by
    }
}

impl Rec {
    /// The record with its ranges moved by `by` bytes (`forward`) or back.
    fn moved(self, by: usize, forward: bool) -> Rec {
        let m = |r: &Range<usize>| moved_range(r, by, forward);
        match self {
            Rec::Function(f) => Rec::Function(FunctionDef { name_range: m(&f.name_range), body: m(&f.body), ..f }),
            Rec::Nested(r) => Rec::Nested(m(&r)),
            Rec::Call(c) => Rec::Call(Call::new(c.name.clone(), m(&c.name_range()), c.args.iter().map(|r| m(&r)).collect(), m(&c.range()))),
            Rec::Assign(a) => Rec::Assign(a.moved(m)),
            Rec::Init(i) => Rec::Init(Init { value: m(&i.value), range: m(&i.range), ..i }),
        }
    }
}

/// Add one match's facts.
fn take(text: &str, fact: Fact, facts: &mut FileFacts, seen: &mut Seen, mode: Mode) {
    // What `apply` would drop at once is not recorded (a walk without kept units).
    // A function seen already still gives the calls of a misread nested definition (the
    // ancestors are looked at only then).
    let known = match &fact {
        Fact::Function { def, name, .. } => {
            mode == Mode::Fallback || (seen.functions.contains(&name.start_byte()) && !has_ancestor(*def, "function_definition"))
        }
        Fact::Call { name, .. } => mode != Mode::Variant && seen.calls.contains(&name.start_byte()),
        Fact::Assign { assign, .. } => seen.assigns.contains(&assign.start_byte()),
        Fact::Init { init, .. } => seen.inits.contains(&init.start_byte()),
    };
    if known {
        return;
    }
    if let Some(r) = record(text, fact) {
        apply(text, &r, 0, facts, seen, mode);
    }
}

/// The record of one match.
fn record(text: &str, fact: Fact) -> Option<Rec> {
    Some(match fact {
        Fact::Function { def, name, body } => {
            if is_keyword(&text[name.byte_range()]) {
                return None;
            }
            if has_ancestor(def, "function_definition") {
                return Some(Rec::Nested(def.byte_range()));
            }
            let mut c = def.walk();
            let is_static = def.children(&mut c).any(|ch| ch.kind() == "storage_class_specifier" && &text[ch.byte_range()] == "static");
            Rec::Function(FunctionDef {
                name: Ident::from(&text[name.byte_range()]),
                name_range: name.byte_range(),
                is_static,
                // The declarator holding the parameters: the name's parent in C, an
                // ancestor of `ns::Class::f`'s last component in C++.
                params: std::iter::successors(name.parent(), |n| n.parent())
                    .take(6)
                    .find(|n| n.kind() == "function_declarator")
                    .map(|decl| parameter_names(text, decl))
                    .unwrap_or_default(),
                body: body.byte_range(),
                idents: Names::default(),
            })
        }
        Fact::Call { call, name, args } => {
            let mut c = args.walk();
            let args = args.named_children(&mut c).filter(|n| n.kind() != "comment").map(|n| n.byte_range()).collect();
            Rec::Call(Call::new(Ident::from(&text[name.byte_range()]), name.byte_range(), args, call.byte_range()))
        }
        Fact::Assign { assign: a, base, field, var, value } => {
            let target = if let Some(f) = field {
                AssignTarget::Field(Ident::from(&text[f.byte_range()]))
            } else if let Some(v) = var {
                AssignTarget::Var(Ident::from(&text[v.byte_range()]))
            } else {
                return None;
            };
            let base = base.and_then(|b| {
                lexer::lex(&text[b.byte_range()], b.start_byte())
                    .iter()
                    .rev()
                    .find(|t| t.kind == TokKind::Ident)
                    .map(|t| Ident::from(t.text(text, 0)))
            });
            Rec::Assign(Assign::new(target, base, value.byte_range(), a.byte_range()))
        }
        Fact::Init { init, declarator: decl, value } => {
            let name = declarator_name(text, decl)?;
            Rec::Init(Init { name, value: value.byte_range(), range: init.byte_range() })
        }
    })
}

/// Add a record's facts (its ranges moved forward by `by`), unless already seen.
fn apply(text: &str, rec: &Rec, by: usize, facts: &mut FileFacts, seen: &mut Seen, mode: Mode) {
    let m = |r: &Range<usize>| moved_range(r, by, true);
    match rec {
        Rec::Function(f) => {
            if mode != Mode::Fallback && seen.functions.insert(f.name_range.start + by) {
                facts.functions.push(FunctionDef { name_range: m(&f.name_range), body: m(&f.body), ..f.clone() });
            }
        }
        Rec::Nested(r) => {
            if mode != Mode::Fallback {
                lexical_calls(text, m(r), facts, seen);
            }
        }
        Rec::Call(c) => {
            let start = c.name_range().start + by;
            let is_new = match mode {
                Mode::Variant => {
                    let texts = c.args.iter().map(|r| text[m(&r)].to_string()).collect();
                    seen.calls.insert(start);
                    seen.call_variants.insert((start, texts))
                }
                Mode::Primary | Mode::Fallback => seen.calls.insert(start),
            };
            if is_new {
                facts.calls.push(Call::new(c.name.clone(), m(&c.name_range()), c.args.iter().map(|r| m(&r)).collect(), m(&c.range())));
            }
        }
        Rec::Assign(a) => {
            if seen.assigns.insert(a.start() + by) {
                facts.assigns.push(a.moved(m));
            }
        }
        Rec::Init(i) => {
            if seen.inits.insert(i.range.start + by) {
                facts.inits.push(Init { name: i.name.clone(), value: m(&i.value), range: m(&i.range) });
            }
        }
    }
}

/// Calls inside ERROR nodes: tree-sitter may not have built call_expressions there.
fn errors(text: &str, tree: &Tree, facts: &mut FileFacts, seen: &mut Seen) {
    let mut stack = vec![tree.root_node()];
    let mut c = tree.walk();
    while let Some(node) = stack.pop() {
        if node.is_error() {
            lexical_calls(text, node.byte_range(), facts, seen);
            continue;
        }
        if node.has_error() {
            stack.extend(node.children(&mut c));
        }
    }
}

/// The parameter names of a `function_declarator`.
fn parameter_names(text: &str, declarator: Node) -> Vec<Ident> {
    let Some(params) = declarator.child_by_field_name("parameters") else { return Vec::new() };
    let mut c = params.walk();
    params
        .named_children(&mut c)
        .filter(|p| matches!(p.kind(), "parameter_declaration" | "optional_parameter_declaration"))
        .filter_map(|p| p.child_by_field_name("declarator"))
        .filter_map(|d| declarator_name(text, d))
        .collect()
}

/// The declared name in a declarator: the first identifier that is not a qualifier
/// (`*const x`, `x[LEN]`, `(*x)`).
fn declarator_name(text: &str, decl: Node) -> Option<Ident> {
    let toks = lexer::lex(&text[decl.byte_range()], decl.start_byte());
    toks.iter()
        .filter(|t| t.kind == TokKind::Ident)
        .map(|t| t.text(text, 0))
        .find(|s| !matches!(*s, "const" | "volatile" | "restrict" | "__restrict" | "static"))
        .map(Ident::from)
}

/// Find `name ( args )` call shapes by tokens in a region the parser could not structure.
fn lexical_calls(text: &str, region: Range<usize>, facts: &mut FileFacts, seen: &mut Seen) {
    let toks = lexer::lex(&text[region.clone()], region.start);
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Ident || toks.get(i + 1).is_none_or(|n| n.text(text, 0) != "(") {
            continue;
        }
        let name = t.text(text, 0);
        if is_keyword(name) || seen.calls.contains(&t.lo()) {
            continue;
        }
        let Some((args, close)) = call_args(&toks, i + 1) else { continue };
        seen.calls.insert(t.lo());
        facts.calls.push(Call::new(Ident::from(name), t.range(), args, t.lo()..close));
    }
}

/// Given the index of an opening `(`, the byte ranges of the top-level arguments and the
/// end offset of the matching `)`.
pub fn split_args(toks: &[Token], open: usize) -> Option<(Vec<Range<usize>>, usize)> {
    split_with(toks, open).map(|(args, end)| (args.to_vec(), end))
}

/// [`split_args`] for a call's facts: the arguments held as the call holds them.
pub fn call_args(toks: &[Token], open: usize) -> Option<(Args, usize)> {
    split_with(toks, open).map(|(args, end)| (Args::of(&args), end))
}

/// [`split_args`]' ranges, gathered on the stack.
fn split_with(toks: &[Token], open: usize) -> Option<(smallvec::SmallVec<[Range<usize>; 8]>, usize)> {
    let mut depth = 0usize;
    let mut args: smallvec::SmallVec<[Range<usize>; 8]> = smallvec::SmallVec::new();
    let mut arg_start: Option<usize> = None;
    let mut arg_end = 0;
    for t in &toks[open..] {
        match t.byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if let Some(st) = arg_start {
                        args.push(st..arg_end);
                    }
                    return Some((args, t.hi()));
                }
            }
            b',' if depth == 1 => {
                if let Some(st) = arg_start.take() {
                    args.push(st..arg_end);
                }
                continue;
            }
            b';' => return None,
            _ => {}
        }
        arg_start.get_or_insert(t.lo());
        arg_end = t.hi();
    }
    None
}

/// Words reserved in both C and C++: never the name of a function, variable, macro or
/// table a reader of `idents` looks up.
fn is_reserved_word(s: &str) -> bool {
    matches!(
        s,
        "auto" | "break" | "case" | "char" | "const" | "continue" | "default" | "do" | "double" | "else" | "enum" | "extern" | "float" | "for" | "goto" | "if"
            | "inline" | "int" | "long" | "register" | "return" | "short" | "signed" | "sizeof" | "static" | "struct" | "switch" | "typedef" | "union"
            | "unsigned" | "void" | "volatile" | "while"
    )
}

/// Give each function the identifiers of its body; identifiers outside every body are the
/// file's (global tables of function pointers, initialisers). The file's string literals
/// (each with its value) are read in the same pass over its tokens into `facts.strings`.
pub(crate) fn attribute_idents(text: &str, tokens: &[Token], facts: &mut FileFacts, lang: Lang) {
    attribute_idents_with(text, tokens, facts, lang, &|_| false)
}

fn attribute_idents_with(text: &str, tokens: &[Token], facts: &mut FileFacts, lang: Lang, is_free_only: &dyn Fn(&str) -> bool) {
    // (The literals are gathered here, not in a pass of their own: a filter over every
    // token of the file for its few strings was 2% of a `check` of fw10k.)
    facts.strings.clear();
    // Each distinct identifier of the file is numbered once (a hash per occurrence); a
    // list keeps a number the first time it comes, so the lists are distinct in the order
    // of the text without sorting them (sorting every body's names was most of this
    // function's time, and this function a sixth of the front-end's).
    let distinct = tokens.len() / 8;
    // (The lists below are this thread's from the file before, cleared: see `IdentLists`.)
    let mut lists: Box<IdentLists> = IDENT_LISTS.take().unwrap_or_default();
    let mut ids = Interner::with_lists(distinct, recycled(std::mem::take(&mut lists.names)), std::mem::take(&mut lists.reserved), std::mem::take(&mut lists.slots));
    let cleared = |v: &mut Vec<u32>| {
        let mut v = std::mem::take(v);
        v.clear();
        v
    };
    // Per number: the function (index + 1) whose list has it last, whether the file's has.
    // (Reserved as the interner is: grown a push at a time they were 1% of netxduo's check.)
    let (mut in_fn, mut in_file) = (cleared(&mut lists.in_fn), std::mem::take(&mut lists.in_file));
    in_file.clear();
    in_fn.reserve(distinct);
    in_file.reserve(distinct);
    let mut file_idents: Vec<u32> = cleared(&mut lists.file_idents);
    // A function's identifiers come in one run (tokens in order, bodies in order), so one
    // list serves every function in turn.
    let mut in_body: Vec<u32> = cleared(&mut lists.in_body);
    let mut current = usize::MAX;
    // The functions starting at or before the token: tokens come in order, so this only
    // moves forward (a binary search per identifier showed in profiles of large trees).
    let mut starts = 0;
    // Where the next function's body starts, and the last begun's ends (read once per
    // function, not per identifier).
    let body = |f: &[FunctionDef], i: usize| f.get(i).map_or(usize::MAX, |f| f.body.start);
    let (mut next_start, mut last_end) = (body(&facts.functions, 0), 0);
    for (k, t) in tokens.iter().enumerate() {
        if t.kind != TokKind::Ident {
            if t.kind == TokKind::Str {
                facts.strings.push(StrLit { range: t.range(), value: lexer::unescape_compact(t.text(text, 0)) });
            }
            continue;
        }
        // A member name (`x.cb`, `x->cb`) is never a reference to a function of that name;
        // in C++ a member called (`hub.send(...)`) is the call of the member function.
        let s = t.text(text, 0);
        if k > 0
            && tokens[k - 1].is_member_access(text)
            && !(lang == Lang::Cpp && tokens.get(k + 1).is_some_and(|n| n.byte == b'(') && !is_free_only(s))
        {
            continue;
        }
        let id = ids.id_near(s);
        if id == in_fn.len() {
            in_fn.push(0);
            in_file.push(false);
        }
        if ids.reserved[id] {
            continue;
        }
        while next_start <= t.lo() {
            starts += 1;
            next_start = body(&facts.functions, starts);
            last_end = facts.functions[starts - 1].body.end;
        }
        match starts.checked_sub(1).filter(|_| last_end > t.lo()) {
            Some(i) => {
                if i != current {
                    if current != usize::MAX {
                        facts.functions[current].idents = Names::from_distinct(in_body.iter().map(|&id| ids.names[id as usize]));
                        in_body.clear();
                    }
                    current = i;
                }
                if in_fn[id] != i as u32 + 1 {
                    in_fn[id] = i as u32 + 1;
                    in_body.push(id as u32);
                }
            }
            None => {
                if !in_file[id] {
                    in_file[id] = true;
                    file_idents.push(id as u32);
                }
            }
        }
    }
    if current != usize::MAX {
        facts.functions[current].idents = Names::from_distinct(in_body.iter().map(|&id| ids.names[id as usize]));
    }
    // Heads chosen by a conditional share one body (`#ifdef CTEST void test_application_define(void *m)
    // #else void tx_application_define(void *m) #endif {`): the names went to the last; each
    // has them.
    for i in (1..facts.functions.len()).rev() {
        if facts.functions[i - 1].body == facts.functions[i].body {
            facts.functions[i - 1].idents = facts.functions[i].idents.clone();
        }
    }
    // Every name not reserved went to a body's list or to the file's (those numbered
    // below are the functions' names that no token of the file spells).
    let used = ids.names.len();
    let mut own = std::mem::take(&mut lists.own);
    own.clear();
    own.resize(used, false);
    facts.heads_named = true;
    for f in &facts.functions {
        match ids.id(&f.name) {
            id if id < used => {
                own[id] = true;
                facts.heads_named &= in_file[id];
            }
            _ => facts.heads_named = false,
        }
    }
    // The file's names, its own functions' last (the split resolves the others only).
    {
        let (own, file_idents) = (&own, &file_idents);
        let outside = |mine: bool| file_idents.iter().filter(move |&&id| own[id as usize] == mine);
        facts.file_idents_other = outside(false).count() as u32;
        facts.file_idents = Names::from_distinct(outside(false).chain(outside(true)).map(|&id| ids.names[id as usize]));
        facts.body_only_idents = Names::from_distinct((0..used).filter(|&id| !ids.reserved[id] && !own[id] && !in_file[id]).map(|id| ids.names[id]));
    }
    let Interner { names, reserved, slots, .. } = ids;
    *lists = IdentLists { names: recycled(names), reserved, slots, in_fn, in_file, file_idents, in_body, own };
    if lists.slots.capacity() <= super::light::SCRATCH_KEPT {
        IDENT_LISTS.set(Some(lists));
    }
}

/// The working lists of [`attribute_idents_with`], kept per thread from one file to the
/// next (made for each file, they were ten allocations a file: a ninth of those of a
/// `check` of fw10k).
#[derive(Default)]
struct IdentLists {
    names: Vec<&'static str>,
    reserved: Vec<bool>,
    slots: Vec<(u32, u32)>,
    in_fn: Vec<u32>,
    in_file: Vec<bool>,
    file_idents: Vec<u32>,
    in_body: Vec<u32>,
    own: Vec<bool>,
}

thread_local! {
    static IDENT_LISTS: std::cell::Cell<Option<Box<IdentLists>>> = const { std::cell::Cell::new(None) };
}

/// `names` emptied, for names of another lifetime: its allocation kept (collected in
/// place: the element's size and alignment are the same, and no element is left to map).
fn recycled<'b>(mut names: Vec<&str>) -> Vec<&'b str> {
    names.clear();
    names.into_iter().map(|_| -> &'b str { unreachable!("emptied above") }).collect()
}

/// The distinct identifiers of one text, numbered in the order they first come, with
/// whether each is a reserved word (asked once per name, not per occurrence).
struct Interner<'s> {
    names: Vec<&'s str>,
    reserved: Vec<bool>,
    /// Open addressing by the high bits of a name's [`super::values::hash_name`]: (its low
    /// half, number + 1), 0 for none; a power of two long, at most half full.
    slots: Vec<(u32, u32)>,
    /// The numbers of names met lately, by a few of their bytes (see [`Interner::id_near`]).
    near: [u32; NEAR],
}

/// Slots of [`Interner::near`].
const NEAR: usize = 256;

/// Where a hash's probe starts in `len` (a power of two) slots, and its tag.
fn slot_of(h: u64, len: usize) -> (usize, u32) {
    ((h >> (64 - len.trailing_zeros())) as usize, h as u32)
}

impl<'s> Interner<'s> {
    /// An empty interner for about `names` names in the given lists' allocations.
    fn with_lists(names: usize, mut list: Vec<&'s str>, mut reserved: Vec<bool>, mut slots: Vec<(u32, u32)>) -> Interner<'s> {
        list.reserve(names);
        reserved.clear();
        reserved.reserve(names);
        slots.clear();
        slots.resize((2 * names).next_power_of_two().max(64), (0, 0));
        Interner { names: list, reserved, slots, near: [u32::MAX; NEAR] }
    }

    /// [`Interner::id`], looked for first among the names met lately: a body names its
    /// locals and parameters again and again (fw10k's functions `acc` ten times), and the
    /// name's hash and probe were most of numbering each identifier of a file. The slot is
    /// picked by the name's length and its first and last bytes, without a hash.
    #[inline]
    fn id_near(&mut self, s: &'s str) -> usize {
        let b = s.as_bytes();
        let (first, last) = (b.first().copied().unwrap_or(0) as usize, b.last().copied().unwrap_or(0) as usize);
        let k = (first ^ (last << 2) ^ (b.len() << 4)) % NEAR;
        let id = self.near[k];
        if id != u32::MAX && super::values::same_name(self.names[id as usize], s) {
            return id as usize;
        }
        let id = self.id(s);
        self.near[k] = id as u32;
        id
    }

    /// The number of `s`: the one it was given, else the next.
    fn id(&mut self, s: &'s str) -> usize {
        let mask = self.slots.len() - 1;
        let (mut at, tag) = slot_of(super::values::hash_name(s), self.slots.len());
        loop {
            let (t, n) = self.slots[at];
            if n == 0 {
                break;
            }
            if t == tag && super::values::same_name(self.names[n as usize - 1], s) {
                return n as usize - 1;
            }
            at = (at + 1) & mask;
        }
        let id = self.names.len();
        self.slots[at] = (tag, id as u32 + 1);
        self.names.push(s);
        self.reserved.push(is_reserved_word(s));
        if 2 * self.names.len() > self.slots.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        let mut slots = vec![(0u32, 0u32); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for (id, s) in self.names.iter().enumerate() {
            let (mut at, tag) = slot_of(super::values::hash_name(s), slots.len());
            while slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (tag, id as u32 + 1);
        }
        self.slots = slots;
    }
}

/// Where a file's calls and strings are in order of their start, so that those of one
/// function's body are found by binary search instead of a pass over the file's (a pass
/// per function of every file of a program made reading a program's contents quadratic
/// in its largest files).
#[derive(Clone, Copy)]
pub struct InOrder {
    calls: bool,
    strings: bool,
}

impl InOrder {
    pub fn of(facts: &FileFacts) -> InOrder {
        InOrder {
            calls: facts.calls.is_sorted_by_key(|c| c.range().start),
            strings: facts.strings.is_sorted_by_key(|s| s.range.start),
        }
    }

    /// The calls `enclosing_function` puts in function `func`, in the file's order.
    pub fn calls_in<'f>(self, facts: &'f FileFacts, func: usize) -> impl Iterator<Item = &'f Call> + 'f {
        let body = facts.functions[func].body.clone();
        let calls = &facts.calls;
        let (lo, hi) = if self.calls {
            (calls.partition_point(|c| c.range().start < body.start), calls.partition_point(|c| c.range().start < body.end))
        } else {
            (0, calls.len())
        };
        calls[lo..hi].iter().filter(move |c| enclosing_function(facts, c.range().start) == Some(func))
    }

    /// The string literals within function `func`'s body, in the file's order.
    pub fn strings_in<'f>(self, facts: &'f FileFacts, func: usize) -> impl Iterator<Item = &'f StrLit> + 'f {
        let def = &facts.functions[func];
        let strings = &facts.strings;
        let (lo, hi) = if self.strings {
            (strings.partition_point(|s| s.range.start < def.body.start), strings.partition_point(|s| s.range.start < def.body.end))
        } else {
            (0, strings.len())
        };
        strings[lo..hi].iter().filter(move |s| def.body_holds(&s.range))
    }
}

/// The function (index into `facts.functions`) whose body holds `offset`.
pub fn enclosing_function(facts: &FileFacts, offset: usize) -> Option<usize> {
    let idx = facts.functions.partition_point(|f| f.body.start <= offset);
    idx.checked_sub(1).filter(|&i| facts.functions[i].body.end > offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_holds_its_ranges_in_32_bits() {
        // The ranges given back are those given, up to the 4 GiB the lexer reads to.
        let call = Call::new(Ident::from("IoTHubDeviceClient_LL_SendEventAsync"), 10..46, Args::of(&[47..53, 55..62]), 10..63);
        assert_eq!((call.name_range(), call.range(), call.args.to_vec()), (10..46, 10..63, vec![47..53, 55..62]));
        let far = u32::MAX as usize;
        assert_eq!(Call::new(Ident::from("f"), far - 9..far - 8, Args::of(&[]), far - 9..far).range(), far - 9..far);
        // A check of azure-iot-sdk-c keeps 93,000 calls: 64 bytes each, not the 88 of
        // `Range<usize>` ranges and a tagged list of arguments.
        assert!(std::mem::size_of::<Call>() <= 64, "{} bytes", std::mem::size_of::<Call>());
        // The records the tests compare print the ranges as before.
        assert_eq!(format!("{:?} {:?}", call.name_range(), call.range()), "10..46 10..63");
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // (lists of one argument)
    fn arguments_are_given_back_as_given_held_or_listed() {
        let far = u32::MAX as usize;
        let lists: [&[Range<usize>]; 9] = [&[], &[4..5], &[4..5, 7..9], &[4..5, 7..9, 11..20], &[1..2, 3..4, 5..6, 7..8], &[0..0], &[3..4, 0..0], &[9..far], &[2..3, far..far]];
        for ranges in lists {
            let args = Args::of(ranges);
            assert_eq!((args.to_vec(), args.len(), args.last()), (ranges.to_vec(), ranges.len(), ranges.last().cloned()), "{ranges:?}");
            assert!(args == Args::of(ranges) && args.clone() == args);
        }
        // Three or fewer with an end the held places cannot take (0, or the unused
        // place's): listed.
        assert!(matches!(Args::of(&[0..0]).0, ArgList::Listed(_)) && matches!(Args::of(&[2..3, far..far]).0, ArgList::Listed(_)));
        assert!(matches!(Args::of(&[4..5, 7..9, 11..20]).0, ArgList::Held(_)) && matches!(Args::of(&[9..far]).0, ArgList::Held(_)));
        assert_eq!(std::mem::size_of::<Args>(), 24);
    }

    #[test]
    fn emptied_names_keep_their_allocation() {
        let text = String::from("alpha beta");
        let names: Vec<&str> = text.split(' ').collect::<Vec<_>>().into_iter().chain(std::iter::repeat_n("x", 100)).collect();
        let (ptr, cap) = (names.as_ptr() as usize, names.capacity());
        let again: Vec<&'static str> = recycled(names);
        assert_eq!((again.as_ptr() as usize, again.capacity(), again.len()), (ptr, cap, 0));
    }

    #[test]
    fn a_file_s_names_are_the_same_after_another_file_on_the_same_thread() {
        // The second file's facts read on a fresh thread and after a larger file (whose
        // lists it then reuses, with more names and functions than it has).
        let big = "#include \"a.h\"\nstatic int helper(int a, int b) { return a + b + other(a); }\n".repeat(40)
            + "int main(void) { IoTHubDeviceClient_LL_SendEventAsync(h, m, cb, NULL); helper(1, 2); return 0; }\n";
        let small = "#define MODEL_ID \"dtmi:com:example:Thermostat;1\"\nstatic void cb(int r, void* ctx) { (void)ctx; log_it(r); }\nint main(void) { start(MODEL_ID, cb); return run(); }\nint g = 3;\n";
        let fresh = std::thread::spawn(move || format!("{:?}", extract(small))).join().unwrap();
        let after = std::thread::spawn(move || {
            let _ = extract(&big);
            format!("{:?}", extract(small))
        })
        .join()
        .unwrap();
        assert_eq!(after, fresh);
        assert!(fresh.contains("log_it") && fresh.contains("start"), "{fresh}");
    }

    #[test]
    fn an_assignment_gives_back_what_it_was_made_of_in_56_bytes() {
        let text = "void f(struct cfg *c) { c->topic = TOPIC; n = 1; }";
        let at = |w: &str| text.find(w).unwrap();
        let field = Assign::new(AssignTarget::Field("topic".into()), Some("c".into()), at("TOPIC")..at("TOPIC") + 5, at("c->")..at("TOPIC") + 5);
        assert_eq!((field.base(), &text[field.value()], &text[field.range()], field.start()), (Some("c"), "TOPIC", "c->topic = TOPIC", at("c->")));
        let var = Assign::new(AssignTarget::Var("n".into()), None, at("1;")..at("1;") + 1, at("n =")..at("1;") + 1);
        assert_eq!((var.base(), &text[var.value()], &text[var.range()]), (None, "1", "n = 1"));
        // Moved as the language server moves a file's facts while typing in a string.
        let moved = var.try_moved(|r| Some(r.start + 7..r.end + 7)).unwrap();
        assert_eq!((moved.value(), moved.range()), (var.value().start + 7..var.value().end + 7, var.range().start + 7..var.range().end + 7));
        assert!(var.try_moved(|_| None).is_none());
        assert_eq!(format!("{:?}", var.moved(|r| r.start + 7..r.end + 7)), format!("{moved:?}"));
        // Printed as when its fields were public (the readings' tests compare printed facts).
        assert_eq!(format!("{field:?}"), format!("Assign {{ target: Field(\"topic\"), base: Some(\"c\"), value: {:?}, range: {:?} }}", field.value(), field.range()));
        // Offsets at the far end of what a text can be.
        let far = Assign::new(AssignTarget::Var("x".into()), None, u32::MAX as usize - 1..u32::MAX as usize, 7..u32::MAX as usize);
        assert_eq!((far.value(), far.range()), (u32::MAX as usize - 1..u32::MAX as usize, 7..u32::MAX as usize));
        // 645,000 of them in fw10k's library files: 57 MB at 88 bytes.
        assert_eq!(std::mem::size_of::<Assign>(), 56);
    }

    #[test]
    fn query_compiles() {
        let _ = facts_query();
    }

    #[test]
    fn names_give_back_the_names_they_were_made_of() {
        let none = Names::from_distinct(Vec::<&str>::new());
        assert_eq!(none.iter().count(), 0);
        assert!(none.is_empty() && none.iter().next().is_none() && !none.contains(""));
        // Short and long names, one byte and several, names that are prefixes of others.
        let lists: [&[&str]; 5] = [&["a"], &["x", "xy", "xyz"], &["größe", "π", "_", "n1"], &["HTTP_HEADER_VAL_USER_AGENT_WITH_A_LONG_TAIL_OF_WORDS", "b"], &["k"; 1]];
        for list in lists {
            let names = Names::from_distinct(list.iter().copied());
            assert_eq!(names.iter().collect::<Vec<_>>(), list);
            assert_eq!(names.len(), list.len());
            assert!(list.iter().all(|n| names.contains(n)) && !names.contains("absent"));
            // As the joined text reads split at its line breaks (empty pieces left out).
            let joined = list.join("\n");
            assert_eq!(names.iter().collect::<Vec<_>>(), joined.split('\n').filter(|n| !n.is_empty()).collect::<Vec<_>>());
        }
        // Many names, as a large body's list holds (more than one search window of them).
        let many: Vec<String> = (0..500).map(|i| format!("name_{i}_{}", "v".repeat(i % 37))).collect();
        let names = Names::from_distinct(many.iter().map(String::as_str));
        assert!(names.iter().eq(many.iter().map(String::as_str)));
        let mut kept = names.clone();
        kept.retain(|n| n.ends_with('0'));
        assert!(kept.iter().eq(many.iter().map(String::as_str).filter(|n| n.ends_with('0'))));
    }

    #[test]
    fn skipped_ranges_with_only_white_space_between_are_skipped_as_one() {
        // Three blanked test functions one after another, a `}`, another.
        let t = "int a;\n      \n\n      \n        \n}\n      \n";
        let skip = [7..13, 15..21, 24..30, 33..39];
        let ranges: Vec<(usize, usize)> = included_ranges(t, &skip).iter().map(|r| (r.start_byte, r.end_byte)).collect();
        // Before the first; the `}` between the third and the fourth; after the last.
        assert_eq!(ranges, [(0, 7), (30, 33), (39, t.len())]);
        let rows: Vec<_> = included_ranges(t, &skip[2..]).iter().map(|r| (r.start_point.row, r.end_point.row)).collect();
        assert_eq!(rows, [(0, 4), (4, 6), (6, 7)]);
    }

    #[test]
    fn a_body_names_each_identifier_once_in_order() {
        // Repeats, names that share length and first, middle and last bytes, a name coming
        // back after others; reserved words and members left out.
        let t = "int f(int ab, int ax) { ab = ax + ab; acb = abb + ab; ab = ax; aab = abb; acb = ab; return ab + ax + zz + s.ab + p->q; }\nint g(void) { return zz + ab; }\nint table[] = { 1, zz };\n";
        for facts in [extract(t), crate::c::light::extract_light(t).expect("plain C")] {
            assert_eq!(facts.functions[0].idents.iter().collect::<Vec<_>>(), ["ab", "ax", "acb", "abb", "aab", "zz", "s", "p"]);
            assert_eq!(facts.functions[1].idents.iter().collect::<Vec<_>>(), ["zz", "ab"]);
            // (The file's own functions' names last.)
            assert_eq!(facts.file_idents.iter().collect::<Vec<_>>(), ["ab", "ax", "table", "zz", "f", "g"]);
            assert_eq!(facts.file_idents_other, 4);
        }
        // Enough names to grow the table several times, each named three times.
        let names: Vec<String> = (0..600).map(|i| format!("name_{}_{}", i % 7, i)).collect();
        let body: String = names.iter().chain(names.iter().rev()).chain(names.iter()).map(|n| format!("{n}();")).collect();
        let t = format!("void big(void) {{ {body} }}\n");
        let f = extract(&t);
        assert_eq!(f.functions[0].idents.iter().collect::<Vec<_>>(), names.iter().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn finds_functions_calls_assignments() {
        let t = r#"
static const char model_id[] = "dtmi:a:b;1";
static int provision(void) {
    cfg->modelId = MODEL_ID;
    handle = Prov_Device_LL_Create(uri, scope, Prov_Device_MQTT_Protocol);
    return Prov_Device_LL_Register_Device(handle, reg_cb, NULL, NULL, NULL);
}
int main(void) { return provision(); }
"#;
        let f = extract(t);
        let names: Vec<_> = f.functions.iter().map(|f| (f.name.as_str(), f.is_static)).collect();
        assert_eq!(names, vec![("provision", true), ("main", false)]);
        assert!(f.calls.iter().any(|c| c.name == "Prov_Device_LL_Register_Device" && c.args.len() == 5));
        assert!(f.assigns.iter().any(|a| a.target == AssignTarget::Field("modelId".into())));
        assert!(f.inits.iter().any(|i| i.name == "model_id" && &t[i.value.clone()] == "\"dtmi:a:b;1\""));
        assert!(f.functions[1].idents.contains("provision"));
    }

    #[test]
    fn cpp_members_methods_references_and_lambdas() {
        let t = r#"
namespace hub {
class Client {
public:
    Client(const char* id) : model_(MODEL_ID), id_{id} {}
    int send(const std::string& body, int qos = 1) { return publish(topic_, body.c_str()); }
private:
    const char* model_;
};
}
int hub::Client::connect(IOTHUB_CLIENT_LL_HANDLE& h) {
    h = IoTHubDeviceClient_LL_CreateFromConnectionString(conn, MQTT_Protocol);
    return IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, MODEL_ID);
}
void setup() {
    client.setCallback([](char* topic, byte* payload, unsigned int len) { handle(topic, payload, len); });
    ::hub::helper<int>(1);
    client->send(body);
}
"#;
        let f = extract_lang(t, Lang::Cpp);
        let fns: Vec<_> = f.functions.iter().map(|f| (f.name.as_str(), f.params.clone())).collect();
        assert!(fns.contains(&("Client", vec![Ident::from("id")])), "{fns:?}");
        assert!(fns.contains(&("send", vec![Ident::from("body"), Ident::from("qos")])), "{fns:?}");
        assert!(fns.contains(&("connect", vec![Ident::from("h")])), "{fns:?}");
        assert!(fns.iter().any(|(n, _)| *n == "setup"));
        let calls: Vec<_> = f.calls.iter().map(|c| (c.name.as_str(), c.args.len())).collect();
        for want in [("publish", 2), ("IoTHubDeviceClient_LL_SetOption", 3), ("setCallback", 1), ("handle", 3), ("helper", 1), ("send", 1)] {
            assert!(calls.contains(&want), "{want:?} not in {calls:?}");
        }
        assert!(f.assigns.iter().any(|a| a.target == AssignTarget::Field("model_".into()) && &t[a.value()] == "MODEL_ID"));
        // The lambda's calls belong to the function it is written in; a called member counts.
        let setup = f.functions.iter().find(|f| f.name == "setup").unwrap();
        assert!(setup.idents.contains("handle") && setup.idents.contains("send"));
        // The C grammar reads neither the member functions in the class nor the method calls.
        let c = extract(t);
        assert!(!c.functions.iter().any(|f| f.name == "send" || f.name == "Client"), "{:?}", c.functions);
        assert!(!c.calls.iter().any(|k| k.name == "setCallback" || k.name == "send"));
    }

    #[test]
    fn a_method_named_like_an_entry_point_is_not_that_entry_point() {
        let t = "void loop() { mqtt_client.loop(); client->loop(); hub.send(1); }\nvoid setup() { loop(); }\n";
        let f = extract_cpp_with(t, &|n| n == "loop");
        let loops: Vec<_> = f.calls.iter().filter(|c| c.name == "loop").map(|c| c.name_range().start).collect();
        assert_eq!(loops, vec![t.rfind("loop()").unwrap()], "only setup's call of loop");
        let lp = f.functions.iter().find(|f| f.name == "loop").unwrap();
        assert!(!lp.idents.contains("loop") && lp.idents.contains("send"), "{:?}", lp.idents);
    }

    #[test]
    fn headers_are_cpp_by_their_text() {
        let p = std::path::Path::new("x.h");
        assert_eq!(Lang::of(p, "class Hub { public: int x; };"), Lang::Cpp);
        assert_eq!(Lang::of(p, "namespace a { int x; }"), Lang::Cpp);
        assert_eq!(Lang::of(p, "int f(void); /* a class of its own */ int class_count;"), Lang::C);
        assert_eq!(Lang::of(std::path::Path::new("x.ino"), ""), Lang::Cpp);
        assert_eq!(Lang::of(std::path::Path::new("x.c"), "class A {};"), Lang::C);
        // Each of the four marks found wherever it stands in a long header (past the first
        // vector widths of the search), the near misses not.
        let filler = "#define QUEUE_LEN 16\nint queue_push(void* item, unsigned timeout_ms);\n".repeat(8);
        for mark in ["std::string name();", "class Client { int fd; };", "namespace iot { }", "template <typename T> T id(T x);"] {
            for text in [format!("{mark}\n{filler}"), format!("{filler}{mark}"), format!("{filler}{mark}\n{filler}")] {
                assert_eq!(Lang::of(p, &text), Lang::Cpp, "{mark}");
            }
        }
        let near = format!("{filler}int clas; int templat(int a); int name_space; /* a : b */ int x = c ? 1 : 2;\n{filler}");
        assert_eq!(Lang::of(p, &near), Lang::C);
        // C++ a C compiler never reads: in a macro's definition (continued lines too), or in
        // a branch for C++ compilers (azure-iot-sdk-c's agenttypesystem.h).
        let guarded = format!(
            "#ifdef __cplusplus\n#include <cmath>\n#define ISINF(x) (std::isinf((x)))\nnamespace iot {{ class A {{ }}; }}\nextern \"C\" {{\n#endif\n{filler}#define SWAP(T, a, b) \\\n    std::swap<T>(a, b)\n#ifdef __cplusplus\n}}\n#endif\n"
        );
        assert_eq!(Lang::of(p, &guarded), Lang::C);
        // The same C++ outside the guard, or in its `#else` for C compilers, is C++.
        assert_eq!(Lang::of(p, &guarded.replacen("#ifdef __cplusplus", "#ifdef USE_CPP", 1)), Lang::Cpp);
        assert_eq!(Lang::of(p, &guarded.replacen("#ifdef __cplusplus", "#ifndef __cplusplus", 1)), Lang::Cpp);
        assert_eq!(Lang::of(p, &format!("{filler}#ifdef __cplusplus\nint x;\n#else\nstd::string y;\n#endif\n")), Lang::Cpp);
    }

    #[test]
    fn a_parse_with_errors_reads_no_code_on_directive_lines() {
        // An unended `#ifndef` and a macro invoked at file level: the parse that has the
        // cold declaration blanked recovers from its errors by reading the `#error` line
        // as code (a call of `unknown`), the parse of the whole text does not.
        let t = "#ifndef A_H\n#error unknown (or C89) compiler\n#define V\\\n    E, /*x \"a b\"*/ \\\n    F\n\nMOCKABLE_FUNCTION(, int, f, int, v);\n";
        let on_directive = |f: &FileFacts| f.calls.iter().filter(|c| t[..c.name_range().start].rsplit('\n').next().is_some_and(|l| l.trim_start().starts_with('#'))).count();
        let (blanked, whole) = (extract_parsing_heads(t, Lang::C, &|_| false), extract_parsing_every_declaration(t));
        assert!(blanked.had_parse_errors && whole.had_parse_errors);
        assert_eq!(on_directive(&blanked), 0, "{:?}", blanked.calls);
        let calls = |f: &FileFacts| format!("{:?}", f.calls);
        assert_eq!(calls(&blanked), calls(&whole));
        // (Read from its heads, without a parse: nothing on directive lines either.)
        assert_eq!(calls(&extract(t)), calls(&whole));
    }

    #[test]
    fn sees_calls_through_ifdef_in_else_if_chain() {
        let t = r#"
int main(void)
{
    if (use_x509) {
        setup_x509();
    }
#ifdef USE_PROV_MODULE_FULL
    else if (use_tpm) {
#else
    else if (use_sas) {
#endif
        if (Prov_Device_LL_Register_Device(handle, register_cb, NULL, status_cb, NULL) != PROV_DEVICE_RESULT_OK) {
            return 1;
        }
    }
    return 0;
}
"#;
        let f = extract(t);
        assert!(f.variants_parsed > 1);
        let reg: Vec<_> = f.calls.iter().filter(|c| c.name == "Prov_Device_LL_Register_Device").collect();
        assert_eq!(reg.len(), 1);
        assert_eq!(reg[0].args.len(), 5);
        assert_eq!(f.functions.len(), 1, "{:?}", f.functions);
        assert_eq!(f.functions[0].name, "main");
    }

    #[test]
    fn extern_c_wrappers_are_read_as_c_in_one_parse() {
        // Every header and many sources of the C SDKs; the `{` and `}` in the C++ branches
        // tangled the parse and cost a parse per branch configuration.
        let t = "#include \"iothub.h\"\n#ifdef __cplusplus\nextern \"C\"\n{\n#endif\n\nstatic int send_one(IOTHUB_DEVICE_CLIENT_LL_HANDLE h, IOTHUB_MESSAGE_HANDLE m)\n{\n    return IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);\n}\n\n#ifdef __cplusplus\n}\n#endif\n";
        let parsed = extract_parsing_heads(t, Lang::C, &|_| false);
        assert_eq!(parsed.variants_parsed, 1);
        assert!(!parsed.had_parse_errors);
        // Read from tokens but for the plain head of its one body, the file is not
        // parsed at all: the facts of that one parse.
        let f = extract(t);
        assert_eq!(f.variants_parsed, 0);
        assert_eq!(format!("{:?}", (&f.functions, &f.calls, &f.assigns, &f.inits, &f.file_idents)), format!("{:?}", (&parsed.functions, &parsed.calls, &parsed.assigns, &parsed.inits, &parsed.file_idents)));
        assert_eq!(f.functions.len(), 1);
        let send = f.calls.iter().find(|c| c.name == "IoTHubDeviceClient_LL_SendEventAsync").expect("the send call");
        assert_eq!(&t[send.name_range()], "IoTHubDeviceClient_LL_SendEventAsync");
        assert_eq!(send.args.len(), 4);
        // As C++ the wrapper is live, and a parse sees it.
        let cpp = extract_lang(t, Lang::Cpp);
        assert!(cpp.calls.iter().any(|c| c.name == "IoTHubDeviceClient_LL_SendEventAsync"));
    }

    #[test]
    fn cplusplus_groups_of_a_cpp_file_are_read_as_cpp_in_one_parse() {
        // A C++ unit test (azure-iot-sdk-c's serializer tests): `#ifdef __cplusplus` picks
        // the C++ header; the file is compiled as C++, so the C branch is dead and no
        // second configuration of the whole file is parsed for it.
        let t = "#include <cstdlib>\n#ifdef __cplusplus\n#include <limits>\n#else\n#include <climits>\n#endif\n#ifndef __cplusplus\nstatic int c_only(void) { return c_helper(); }\n#endif\nclass Fixture { public: int n; };\nstatic int send_one(IOTHUB_DEVICE_CLIENT_LL_HANDLE h, IOTHUB_MESSAGE_HANDLE m)\n{\n    return IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);\n}\n";
        let cpp = extract_lang(t, Lang::Cpp);
        assert_eq!(cpp.variants_parsed, 1);
        assert_eq!(cpp.functions.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), vec!["send_one"]);
        assert!(cpp.calls.iter().any(|c| c.name == "IoTHubDeviceClient_LL_SendEventAsync"));
        assert!(!cpp.calls.iter().any(|c| c.name == "c_helper"), "the C branch is not compiled as C++");
        // Read as C, the same groups go the other way.
        let c = extract_lang(t, Lang::C);
        assert!(c.functions.iter().any(|f| f.name == "c_only"));
    }

    #[test]
    fn cpp_declarations_written_in_c_are_read_from_tokens() {
        // Read from tokens: plain initialisers and macros invoked alone.
        for d in ["static size_t calls_of_create = 0;\n", "DECLARE_GLOBAL_MOCK_METHOD_1(CMocks, , void, STRING_delete, STRING_HANDLE, s);\n", "static const char* names[] = { \"a\", \"b\" };\n"] {
            assert_eq!(cold_declaration_bytes(d, Lang::Cpp), d.trim_end().len(), "{d}");
        }
        // Left to the parser: C++ the token reader does not read.
        for d in [
            "static X509List cert((const char*)ca_pem);\n",
            "std::string host = \"hub\";\n",
            "auto on_message = [](int n) { return n; };\n",
            "static Fixture fixture{1, 2};\n",
            "static std::vector<int> v = {1};\n",
            "int& alias = counter;\n",
        ] {
            assert_eq!(cold_declaration_bytes(d, Lang::Cpp), 0, "{d}");
        }
        // Around a class declared by a macro: its `;` is read (as nothing) too, and the
        // parser reads the class as a function named after the macro.
        let t = "static int before = 0;\nTYPED_MOCK_CLASS(CMocks, CGlobalMock)\n{\npublic:\n    MOCK_STATIC_METHOD_0(, int, f)\n    MOCK_METHOD_END(int, 0)\n};\nstatic int after = 0;\nstatic int later = 0;\n";
        assert_eq!(cold_declaration_bytes(t, Lang::Cpp), "static int before = 0;".len() + 1 + 2 * "static int after = 0;".len());
        assert!(!parsed_text(t, Lang::Cpp).contains("};"));
        let f = extract_lang(t, Lang::Cpp);
        for name in ["before", "after", "later"] {
            assert!(f.inits.iter().any(|i| i.name == name), "{name}: {:?}", f.inits);
        }
    }

    #[test]
    fn c_declarations_that_matter_are_read_from_tokens() {
        // azure-sdk-for-c's samples and tests: a Model ID, a topic format and a table of SDK
        // callbacks at file level. In C they are read from tokens with the parse's facts
        // (the file then needs no parse at all); in C++ they stay the parser's.
        let decls = [
            "static const az_span model_id = AZ_SPAN_LITERAL_FROM_STR(\"dtmi:com:example:Thermostat;1\");",
            "static const char* const TELEMETRY_TOPIC = \"devices/%s/messages/events/\";",
            "static const IOTHUB_CLIENT_CONFIG config = { MQTT_Protocol, \"hub\" };",
        ];
        let main = "int main(void)\n{\n    return az_iot_hub_client_init(&client, host, id, &options);\n}\n";
        let t = format!("{}\n{main}", decls.map(|d| format!("{d}\n")).concat());
        assert!(crate::c::light::may_matter(&t));
        assert_eq!(cold_declaration_bytes(&t, Lang::C), decls.iter().map(|d| d.len()).sum::<usize>());
        assert!(reads_heads_only(&t, Lang::C));
        let (read, parsed) = (extract_lang(&t, Lang::C), extract_parsing_every_declaration(&t));
        assert_eq!(read.variants_parsed, 0);
        assert_eq!(format!("{:?}", read.inits), format!("{:?}", parsed.inits));
        assert_eq!(format!("{:?}", read.calls), format!("{:?}", parsed.calls));
        assert_eq!(read.file_idents, parsed.file_idents);
        assert_eq!(read.inits.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["model_id", "TELEMETRY_TOPIC", "config"]);
        assert_eq!(&t[read.inits[0].value.clone()], "AZ_SPAN_LITERAL_FROM_STR(\"dtmi:com:example:Thermostat;1\")");
        assert!(read.calls.iter().any(|c| c.name == "AZ_SPAN_LITERAL_FROM_STR"));
        // C++: a declaration that matters is the parser's; one that does not is read.
        let cpp = format!("static int retries = 3;\n{}\n", decls[0]);
        assert_eq!(cold_declaration_bytes(&cpp, Lang::Cpp), "static int retries = 3;".len());
        // What the tokens do not read with certainty stays the parser's in C too: two
        // macros joined before a string (no concatenated string to tree-sitter-c).
        assert_eq!(cold_declaration_bytes("static char endpoint[] = SCHEME HOST \":8883\";\n", Lang::C), 0);
        // A concatenated string is read (`"ssl://" HOST ":8883"`): its whole run the value.
        let t = "static char endpoint[] = \"ssl://\" HOST \":8883\";\nstatic const char* topic = \"$iothub/twin/PATCH/properties/reported/?$rid=%\"PRIu16;\n";
        assert_eq!(cold_declaration_bytes(t, Lang::C), t.len() - 2);
        let (read, parsed) = (extract_lang(t, Lang::C), extract_parsing_every_declaration(t));
        assert_eq!(format!("{:?}", read.inits), format!("{:?}", parsed.inits));
        assert_eq!(&t[read.inits[0].value.clone()], "\"ssl://\" HOST \":8883\"");
        // Not in C++: tree-sitter-cpp ends the value at the first name.
        assert_eq!(cold_declaration_bytes("static const char* uri = \"mqtts://\" HOST;\n", Lang::Cpp), 0);
    }

    #[test]
    fn enumerations_and_calls_in_initialiser_lists_are_read_from_tokens() {
        // azure-sdk-for-c's headers and tests: enumerations with values, a table of spans.
        let decls = [
            "typedef enum\n{\n  LEFT = 0,\n  RIGHT = 1,\n} az_span_trim_side;",
            "enum\n{\n  AZ_HUB_CLIENT_DEFAULT_MQTT_TELEMETRY_QOS = 0\n};",
            "enum az_result_iot\n{\n  AZ_ERROR_IOT_TOPIC_NO_MATCH = _az_RESULT_MAKE_ERROR(_az_FACILITY_IOT, 1),\n};",
            "static az_span test_components[] = { AZ_SPAN_LITERAL_FROM_STR(\"component_one\"), AZ_SPAN_LITERAL_FROM_STR(\"component_two\") };",
        ];
        let main = "int main(void)\n{\n    return az_iot_hub_client_init(&client, host, id, &options);\n}\n";
        let t = format!("{}\n{main}", decls.map(|d| format!("{d}\n")).concat());
        // All but the enumeration whose value is a call (the parser reads that call).
        assert_eq!(cold_declaration_bytes(&t, Lang::C), decls[0].len() + decls[1].len() + decls[3].len());
        let (read, parsed) = (extract_lang(&t, Lang::C), extract_parsing_every_declaration(&t));
        assert_eq!(format!("{:?}", read.inits), format!("{:?}", parsed.inits));
        assert_eq!(format!("{:?}", read.calls), format!("{:?}", parsed.calls));
        assert_eq!(read.file_idents, parsed.file_idents);
        assert_eq!(read.calls.iter().filter(|c| c.name == "AZ_SPAN_LITERAL_FROM_STR").count(), 2);
        assert_eq!(read.inits.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["test_components"]);
        // Without the enumeration whose value calls, nothing is left to parse but a plain head.
        let t = format!("{}\n{}\n{}\n{main}", decls[0], decls[1], decls[3]);
        assert!(reads_heads_only(&t, Lang::C));
        // A list element that is not a whole call of plain arguments stays the parser's.
        for d in ["static az_span s[] = { F(\"a\") + 1 };\n", "static int v[] = { f(g(1)) };\n", "static int w[] = { f(1) [0] };\n"] {
            assert_eq!(cold_declaration_bytes(d, Lang::C), 0, "{d}");
        }
    }

    #[test]
    fn tables_with_casts_and_later_declarators_are_read_from_tokens() {
        // azure-iot-sdk-c's agenttypesystem_ut.cpp: 180 KB of test vectors, one declaration
        // with two declarators, each element a cast byte string.
        let t = "struct\n{\n    EDM_BINARY inputData;\n    const char* expectedOutput;\n} vectors[] =\n{\n    { { 1, (unsigned char *)\"\\x00\" }, \"\\\"AA\\\"\" },\n},\nvectors_with_equal_signs[] =\n{\n    { { 1, (unsigned char *)\"\\x00\" }, \"\\\"AA==\\\"\" },\n};\nstatic const UCHAR* key = (const UCHAR *)\"k\";\n";
        for lang in [Lang::C, Lang::Cpp] {
            assert_eq!(cold_declaration_bytes(t, lang), t.len() - 2, "{lang:?}: every declaration but the newlines between them");
            let f = extract_lang(t, lang);
            let names: Vec<&str> = f.inits.iter().map(|i| i.name.as_str()).collect();
            assert_eq!(names, vec!["vectors", "vectors_with_equal_signs", "key"], "{lang:?}");
        }
        // A call after the `=` is no cast: left to the parser.
        assert_eq!(cold_declaration_bytes("static int n = (int)(f)(1);\n", Lang::C), 0);
        assert_eq!(cold_declaration_bytes("static int n = (get)(1);\n", Lang::C), 0);
        // A C++ operator's body ends its item: the declaration after it is read.
        let cpp = "static bool operator==(A left, A right)\n{\n    return left.n == right.n;\n}\n\nstatic int after = 1;\n";
        assert_eq!(cold_declaration_bytes(cpp, Lang::Cpp), "static int after = 1;".len());
    }

    #[test]
    fn a_file_read_from_heads_has_its_islands_parsed_alone() {
        // `helper` and `main`: plain heads, bodies read from tokens. `counter`: a head that
        // is not plain (`unsigned long`), its body read from tokens; `send`: a body the
        // tokens do not read (its branches open and close a block). The parser reads those
        // two, head to `}`, and nothing else of the file.
        let counter = "static unsigned long counter(unsigned long n)\n{\n    return n + 1;\n}";
        let send = "static void send(IOTHUB_DEVICE_CLIENT_LL_HANDLE h)\n{\n#ifdef EXTRA\n    if (h != NULL) {\n#endif\n        IoTHubDeviceClient_LL_SendEventAsync(h, NULL, NULL, NULL);\n#ifdef EXTRA\n    }\n#endif\n}";
        let t = format!("#include \"iothub_device_client_ll.h\"\n/* helpers */\nstatic int helper(int a)\n{{\n    return g(a);\n}}\n\n{counter}\n\n{send}\n\nint main(void)\n{{\n    return helper(1);\n}}\n");
        let at = |s: &str| t.find(s).unwrap()..t.find(s).unwrap() + s.len();
        assert_eq!(islands(&t, Lang::C), Some(vec![at(counter), at(send)]));
        let (read, mut whole) = (extract_lang(&t, Lang::C), extract_parsing_heads(&t, Lang::C, &|_| false));
        assert!(read.variants_parsed >= 1 && !read.had_parse_errors);
        whole.variants_parsed = read.variants_parsed;
        assert_eq!(format!("{read:?}"), format!("{whole:?}"));
        assert_eq!(read.functions.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["helper", "counter", "send", "main"]);
        assert!(read.calls.iter().any(|c| c.name == "IoTHubDeviceClient_LL_SendEventAsync"));

        // A head chosen by a conditional group: its island takes in the group's first line,
        // and each configuration's head is read (the two share the body and its names).
        let split = "#ifdef WIDE\nstatic unsigned long counter(unsigned long n)\n#else\nstatic unsigned long counter(unsigned n)\n#endif\n{\n    return g(n);\n}\n\nint main(void)\n{\n    return counter(1);\n}\n";
        let first_island = 0..split.find("}\n").unwrap() + 1;
        assert_eq!(islands(split, Lang::C), Some(vec![first_island]));
        let (read, mut whole) = (extract_lang(split, Lang::C), extract_parsing_heads(split, Lang::C, &|_| false));
        whole.variants_parsed = read.variants_parsed;
        assert_eq!(format!("{read:?}"), format!("{whole:?}"));
        assert_eq!(read.functions.iter().map(|f| (f.name.as_str(), f.idents.contains("g"))).collect::<Vec<_>>(), [("counter", true), ("counter", true), ("main", false)]);
        assert!(!reads_heads_only(split, Lang::C));
        // A declaration the tokens do not read is an island. Shapes the parser reads with an
        // error out of a body are read from tokens, the items around them in islands (a
        // macro invoked without a `;` or with an empty first argument, names in a row in an
        // initialiser: see `light::HardItems`); a head with names in a row after a `*`, and
        // a macro before a prototype's type, leave the file to the parser: its recovery
        // depends on what follows.
        let decl = "static int (*handler)(int) = 0;\nstatic int n = 1;\nint main(void)\n{\n    return f(handler, n);\n}\n";
        let first_line = 0..decl.find('\n').unwrap();
        assert_eq!(islands(decl, Lang::C), Some(vec![first_line]));
        let (read, mut whole) = (extract_lang(decl, Lang::C), extract_parsing_heads(decl, Lang::C, &|_| false));
        whole.variants_parsed = read.variants_parsed;
        assert_eq!(format!("{read:?}"), format!("{whole:?}"));
        for (hard, init, island) in [("static const char* name = PREFIX SUFFIX;\n", Some(("name", "PREFIX SUFFIX")), false), ("MOCKABLE_FUNCTION(, int, f, int, a)\n", None, true)] {
            let t = format!("{hard}static int n = 1;\nint main(void)\n{{\n    return f(n);\n}}\n");
            let n_line = hard.len()..hard.len() + "static int n = 1;".len();
            // (After a macro with no `;`, `static int n = 1;` is no declaration of its own
            // to the tokens' file-level reading: an island, parsed alone.)
            assert_eq!(islands(&t, Lang::C), island.then(|| vec![n_line]), "{hard}");
            let (read, items) = extract_reporting_hard_items(&t, Lang::C);
            let item = 0..hard.trim_end().len();
            assert_eq!(items, Some(std::slice::from_ref(&item).to_vec()), "{hard}");
            assert!(!read.had_parse_errors, "{hard}");
            let inits: Vec<(&str, &str)> = read.inits.iter().map(|i| (i.name.as_str(), &t[i.value.clone()])).collect();
            assert_eq!(inits, init.into_iter().chain([("n", "1")]).collect::<Vec<_>>(), "{hard}");
            assert!(read.functions.iter().any(|d| d.name == "main"));
            assert!(read.calls.iter().all(|c| c.name == "f"), "no call read out of the item: {:?}", read.calls.iter().map(|c| &c.name).collect::<Vec<_>>());
        }
        for hard in ["static void setup(CMocks* IOTHUB_MESSAGE_HANDLE h)\n{\n    f(h);\n}\n", "AZ_NODISCARD az_result az_span_find(az_span source, az_span target);\n"] {
            let t = format!("{hard}static int n = 1;\nint main(void)\n{{\n    return f(n);\n}}\n");
            assert_eq!(islands(&t, Lang::C), None, "{hard}");
        }

        // An island whose parse has an error out of a function body (here in a head): the
        // parser's recovery there depends on what it reads around it, and the file is
        // parsed whole, as without islands.
        let bad = "static void setup(int size count)\n{\n    f(count);\n}\n\nint main(void)\n{\n    return g(1);\n}\n";
        assert!(islands(bad, Lang::C).is_some());
        let (read, whole) = (extract_lang(bad, Lang::C), extract_parsing_heads(bad, Lang::C, &|_| false));
        assert!(read.had_parse_errors);
        assert_eq!(format!("{read:?}"), format!("{whole:?}"));
    }

    #[test]
    fn sizes_in_declarations_are_read_from_tokens() {
        // The SDKs' unit tests and samples: `static const size_t n = sizeof(a) / sizeof(a[0]);`.
        // A size holds no call: read from tokens with the parse's facts, and a file of such
        // declarations and plain heads is not parsed at all.
        let decls = "static const size_t n = sizeof(a) / sizeof(a[0]);\nstatic const int len = sizeof(\"x\") - 1;\nstatic size_t s = sizeof(struct tag) + sizeof(T *);\n";
        let t = format!("static const char a[] = \"abc\";\n{decls}int f(int k)\n{{\n    return g(k, n);\n}}\n");
        assert_eq!(cold_declaration_bytes(&t, Lang::C), t.len() - "int f(int k)\n{\n    return g(k, n);\n}\n".len() - 4, "every declaration but the newlines between them");
        assert!(reads_heads_only(&t, Lang::C));
        let f = extract_lang(&t, Lang::C);
        assert_eq!(f.variants_parsed, 0);
        let parsed = extract_parsing_every_declaration(&t);
        assert_eq!(f.inits.iter().map(|i| (i.name.as_str(), &t[i.value.clone()])).collect::<Vec<_>>(), parsed.inits.iter().map(|i| (i.name.as_str(), &t[i.value.clone()])).collect::<Vec<_>>());
        assert_eq!(f.inits.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["a", "n", "len", "s"]);
        assert_eq!(format!("{:?}", f.calls), format!("{:?}", parsed.calls));
        // A call inside the size is left to the parser.
        assert_eq!(cold_declaration_bytes("static const size_t n = sizeof(f(1));\n", Lang::C), 0);
    }

    #[test]
    fn a_table_with_conditionals_between_its_elements_is_read_from_tokens() {
        // netxduo's test control: a table of test entry points whose elements stand in
        // `#ifdef` branches. Read whole from its code tokens, it gives what its branch
        // configurations give together, and the file needs no configuration of its own.
        let table = "TEST_ENTRY tests[] =\n{\n#ifdef CTEST\n    {test_application_define, TIMEOUT_HIGH},\n#else\n    {a_test_define, TIMEOUT_LOW},\n#ifdef WITH_B\n    {b_test_define, TIMEOUT_LOW},\n#endif\n#endif\n    {TX_NULL, 0}\n};";
        let t = format!("typedef struct {{ void (*entry)(void *); int timeout; }} TEST_ENTRY;\nvoid a_test_define(void *);\n\n{table}\n\nint main(void)\n{{\n    return run(tests);\n}}\n");
        assert!(cold_declaration_bytes(&t, Lang::C) >= table.len());
        let (read, parsed) = (extract(&t), extract_parsing_every_declaration(&t));
        // (Nothing is left for the parser but `main`'s plain head: not parsed at all.)
        assert_eq!(read.variants_parsed, 0);
        assert_eq!(extract_parsing_heads(&t, Lang::C, &|_| false).variants_parsed, 1);
        assert!(parsed.variants_parsed > 1);
        for name in ["test_application_define", "a_test_define", "b_test_define"] {
            assert!(read.file_idents.iter().any(|i| i == name), "{name}");
            assert!(parsed.file_idents.iter().any(|i| i == name), "{name}");
        }
        let inits = |f: &FileFacts| f.inits.iter().map(|i| (i.name.clone(), i.range.clone(), i.value.clone())).collect::<Vec<_>>();
        assert_eq!(inits(&read), inits(&parsed));
        // A struct's conditional members stay the parser's (they change how it reads the
        // rest of a header).
        let s = "typedef struct POINT_STRUCT\n{\n    int x;\n#ifdef WITH_Z\n    int z;\n#endif\n} POINT;\n";
        assert_eq!(cold_declaration_bytes(s, Lang::C), 0);
    }

    #[test]
    fn errors_far_from_conditionals_do_not_multiply_parses() {
        // A unit test's mocking macros do not parse in any configuration (one invoked
        // alone at file level is read from tokens, not parsed; one in an initialiser is
        // parsed); the conditional in the function body is one tree-sitter reads, both
        // branches' calls included.
        // (A prototype with a macro before its type keeps the file parsed whole.)
        let t = "AZ_NODISCARD az_result on_done(int result);\nMOCKABLE_FUNCTION(, void, on_done, int, result);\n\nint provision(void)\n{\n#ifdef USE_X509\n    configure_x509();\n#else\n    configure_sas();\n#endif\n    return Prov_Device_LL_Register_Device(h, reg_cb, NULL, NULL, NULL);\n}\n";
        let f = extract(t);
        assert!(f.had_parse_errors);
        assert_eq!(f.variants_parsed, 1);
        for name in ["configure_x509", "configure_sas", "Prov_Device_LL_Register_Device"] {
            assert!(f.calls.iter().any(|c| c.name == name), "{name}: {:?}", f.calls.iter().map(|c| &c.name).collect::<Vec<_>>());
        }
        assert!(f.functions.iter().any(|d| d.name == "provision"));
        // An error next to a directive still gets the branch configurations.
        let tangled = "#ifdef A\nvoid f(int a) {\n#else\nvoid f(void) {\n#endif\n  g();\n}\n";
        assert!(extract(tangled).variants_parsed > 1);
    }

    #[test]
    fn the_edit_between_two_texts_is_their_differing_middle() {
        // Compared with a byte-at-a-time reading, around the 32-byte chunks the comparison
        // takes and with characters of several bytes at the edges.
        let base: String = (0..300).map(|i| if i % 37 == 0 { 'é' } else { (b'a' + (i % 26) as u8) as char }).collect();
        let naive = |old: &str, new: &str| {
            let (a, b) = (old.as_bytes(), new.as_bytes());
            let mut start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
                start -= 1;
            }
            let most = a.len().min(b.len()) - start;
            let mut tail = a.iter().rev().zip(b.iter().rev()).take(most).take_while(|(x, y)| x == y).count();
            while !new.is_char_boundary(b.len() - tail) || !old.is_char_boundary(a.len() - tail) {
                tail -= 1;
            }
            (start, a.len() - tail, b.len() - tail)
        };
        let mut cases = 0;
        for at in (0..base.len()).filter(|&i| base.is_char_boundary(i)) {
            for insert in ["", "x", "é", "abcdefghijklmnopqrstuvwxyzabcdefghij"] {
                for cut in [0usize, 1, 2, 31, 32, 33, 64] {
                    let end = (at + cut).min(base.len());
                    if !base.is_char_boundary(end) {
                        continue;
                    }
                    let new = format!("{}{}{}", &base[..at], insert, &base[end..]);
                    let e = text_edit(&base, &new);
                    assert_eq!((e.start_byte, e.old_end_byte, e.new_end_byte), naive(&base, &new), "at {at} cut {cut} insert {insert:?}");
                    cases += 1;
                }
            }
        }
        assert!(cases > 5000);
    }
}

