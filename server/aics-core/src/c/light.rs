//! The cheap path for files that cannot matter by themselves: a byte-level prefilter
//! (one Aho-Corasick pass over the SDK function names of `grammars/c/sdk.toml`, `dtmi:`,
//! the raw-MQTT markers, the Model ID fields and constants, and the entry-point names)
//! decides whether a file is worth a tree-sitter parse. A file without any of them still
//! takes part in the program: its functions link an entry point to the IoT code it
//! reaches, its `#define`s, initialisers and assignments may hold the values the IoT code
//! uses, and its calls may pass them on. Those facts are read here from tokens alone, in
//! one linear pass, and the file's facts have the same shape as a parsed file's.
//!
//! When the tokens do not read as plain C (braces that do not balance outside directive
//! lines, as in a conditional that opens a block in each branch), the caller parses the
//! file after all: the cheap path never guesses where the parser would know.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use smallvec::SmallVec;

use super::facts::{self, Assign, AssignTarget, Call, FileFacts, FunctionDef, Ident, Init, Lang};
use super::lexer::{self, TokKind, Token};
use super::preprocess;
use super::sdk::tables;

struct Needles {
    /// The needles' first bytes (at most [`HEAD`] of each): few enough for a vectorised
    /// search over the whole text. Each place one is found is checked against the needles
    /// that begin with that byte ([`Needles::by_first`]).
    heads: AhoCorasick,
    /// Per first byte, the needles (indices into `pats`) that begin with it.
    by_first: Vec<Vec<usize>>,
    /// The needles, sorted.
    pats: Vec<String>,
    /// Per pattern: must the match stand alone as an identifier?
    ident: Vec<bool>,
    /// Per pattern: an entry-point name, which counts only where a parenthesis follows
    /// (`int main(void)`): "main" in a comment of a library file does not make it matter.
    entry: Vec<bool>,
    /// Per pattern: only a value wrapper (`STRING_c_str`, `_T`), which makes a file matter
    /// but not one function body of a file that matters (see [`cold_bodies`]).
    wrapper: Vec<bool>,
    /// Some pattern holds a `"` (then a match may cross a string literal's quotes).
    quoted: bool,
    /// The needles shorter than [`SHORT`] (`_T`), each searched by itself: one two-byte
    /// head made the head search compare two bytes instead of four, and C is full of
    /// `_T` (`NX_TCP_...`): most places it stopped at were that head's.
    short: Vec<(memchr::memmem::Finder<'static>, usize)>,
}

/// Needles shorter than this are searched for one by one (see [`Needles::short`]).
const SHORT: usize = 3;

/// How many first bytes of each needle the search looks for: the SDKs' names share a few
/// prefixes (`IoTHub`, `az_iot`, `nx_azure`, ...), so the heads are a few dozen strings,
/// which the search finds with vector instructions instead of a byte-at-a-time automaton.
const HEAD: usize = 4;

fn needles() -> &'static Needles {
    static N: OnceLock<Needles> = OnceLock::new();
    N.get_or_init(|| {
        let t = tables();
        let mut pats: Vec<(String, bool)> = Vec::new();
        pats.extend(t.function_names().map(|n| (n.to_string(), true)));
        pats.extend(t.entry_points.names.iter().map(|n| (n.clone(), true)));
        pats.extend(t.all_model_id_fields().map(|n| (n.to_string(), true)));
        pats.extend(t.constants.keys().map(|n| (n.clone(), true)));
        pats.extend(t.transports.mqtt.iter().chain(&t.transports.other).map(|n| (n.clone(), true)));
        pats.extend(t.values.wrappers.iter().map(|n| (n.clone(), true)));
        pats.extend(t.legacy_model_id_keys.names.iter().map(|n| (n.clone(), false)));
        pats.extend(t.telemetry.component_keys.iter().map(|n| (n.clone(), false)));
        for m in [&t.raw_mqtt.dps_register_topic, &t.raw_mqtt.model_id_param].into_iter().chain(&t.raw_mqtt.hub_usernames) {
            pats.push((m.clone(), false));
        }
        pats.push(("dtmi:".to_string(), false));
        pats.push(("modelId".to_string(), false));
        pats.sort();
        pats.dedup();
        let entry_only = |p: &str| t.entry_points.names.iter().any(|e| e == p) && pats.iter().filter(|(q, _)| q == p).count() == 1;
        let entry: Vec<bool> = pats.iter().map(|(p, _)| entry_only(p)).collect();
        let wrapper_only = |p: &str| {
            t.values.wrappers.iter().any(|w| w == p)
                && !t.function_names().any(|n| n == p)
                && !t.entry_points.names.iter().any(|n| n == p)
                && !t.all_model_id_fields().any(|n| n == p)
                && !t.constants.contains_key(p)
        };
        let wrapper: Vec<bool> = pats.iter().map(|(p, _)| wrapper_only(p)).collect();
        let mut heads: Vec<&[u8]> = pats.iter().filter(|(p, _)| p.len() >= SHORT).map(|(p, _)| &p.as_bytes()[..p.len().min(HEAD)]).collect();
        heads.sort_unstable();
        heads.dedup();
        let heads = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(heads)
            .expect("prefilter needles build");
        let mut by_first = vec![Vec::new(); 256];
        let mut short = Vec::new();
        for (i, (p, _)) in pats.iter().enumerate() {
            if p.len() < SHORT {
                short.push((memchr::memmem::Finder::new(p.as_bytes()).into_owned(), i));
            } else {
                by_first[p.as_bytes()[0] as usize].push(i);
            }
        }
        let quoted = pats.iter().any(|(p, _)| p.contains('"'));
        Needles {
            heads,
            by_first,
            ident: pats.iter().map(|(_, i)| *i).collect(),
            pats: pats.into_iter().map(|(p, _)| p).collect(),
            entry,
            wrapper,
            quoted,
            short,
        }
    })
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Whether `text` mentions anything the rules look for (an SDK call, an entry point
/// defined or called, a DTMI, a raw-MQTT marker...). `false` means the file can take the cheap path.
pub fn may_matter(text: &str) -> bool {
    matters(text, false)
}

/// [`may_matter`] for one part of a file that matters, a function body or a file-level
/// declaration: a value wrapper alone (`STRING_c_str(h)`, `static const az_span s =
/// AZ_SPAN_LITERAL_FROM_STR("x");`) does not make it matter, its call reads from tokens as
/// any other call does.
pub(crate) fn part_may_matter(text: &str) -> bool {
    matters(text, true)
}

/// Whether the inside of a string literal (between its quotes) makes nothing matter: no
/// pattern holds a quote, so a match in a text that overlaps the inside lies within it,
/// and whether it counts reads nothing beyond the quotes; so the text (or a function body)
/// holding the literal matters exactly when the rest of it does, whatever the inside is,
/// when no match in the inside counts.
pub(crate) fn nothing_matters_inside(inside: &str) -> bool {
    !needles().quoted && !matters(&format!("\"{inside}\""), false)
}

fn matters(text: &str, skip_wrappers: bool) -> bool {
    let n = needles();
    let b = text.as_bytes();
    // Does needle `k` found at `start` count?
    let counts = |k: usize, start: usize| {
        let end = start + n.pats[k].len();
        if !b[start..].starts_with(n.pats[k].as_bytes()) || (skip_wrappers && n.wrapper[k]) {
            return false;
        }
        let whole = (start == 0 || !is_ident_byte(b[start - 1])) && b.get(end).is_none_or(|&c| !is_ident_byte(c));
        !n.ident[k] || (whole && (!n.entry[k] || paren_follows(b, end)))
    };
    // Where a needle's head is found, every needle beginning there is checked; then the
    // search goes on one byte further (heads may overlap).
    let mut at = 0;
    while at < b.len() {
        let Some(m) = n.heads.find(aho_corasick::Input::new(b).span(at..b.len())) else { break };
        let start = m.start();
        if n.by_first[b[start] as usize].iter().any(|&k| counts(k, start)) {
            return true;
        }
        at = start + 1;
    }
    n.short.iter().any(|(finder, k)| !(skip_wrappers && n.wrapper[*k]) && finder.find_iter(b).any(|start| counts(*k, start)))
}

/// Whether the next byte after `at` other than white space is `(`.
fn paren_follows(b: &[u8], at: usize) -> bool {
    b[at..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'(')
}

/// The facts of a file by the prefilter's decision: parsed when it may matter, read from
/// tokens otherwise (or parsed after all when the tokens are not plain enough).
pub fn extract_auto(text: &str) -> FileFacts {
    extract_auto_with(text, false)
}

/// [`extract_auto`], a file read from tokens alone ([`extract_light`]) keeping its
/// assignments to plain variables in [`FileFacts::var_assigns`] (a few bytes each),
/// not in `assigns`: for a one-shot analysis, whose readers of them go through the shared
/// index or read both lists.
pub fn extract_auto_compact(text: &str) -> FileFacts {
    extract_auto_with(text, true)
}

fn extract_auto_with(text: &str, compact: bool) -> FileFacts {
    let mut f = if may_matter(text) {
        if super::is_unit_test(text) {
            return FileFacts::of_unit_test();
        }
        facts::extract(text)
    } else {
        let mut f = extract_light_compact(text, compact).or_else(|| extract_light_variants(text)).unwrap_or_else(|| facts::extract(text));
        f.passed_over = compact;
        f
    };
    f.shrink_to_fit();
    f
}

/// Facts from tokens alone of a file whose braces balance in each of its branch
/// configurations but not across them (`#ifdef A if (a) { #else if (b) { #endif`): the
/// facts of each configuration read by [`extract_light`], together, as the parser reads
/// such a file one configuration at a time. `None` when a configuration does not balance
/// either, or when the configurations do not hold every line of code (a dead `#if 0`
/// branch, a group of more branches than are read): the caller parses the file.
pub fn extract_light_variants(text: &str) -> Option<FileFacts> {
    const CAP: usize = 4;
    let mut directives = preprocess::scan(text);
    directives.decide_cplusplus(false);
    if !directives.has_open_conditionals() {
        return None;
    }
    // Configuration k takes branch k of every group; where that leaves a branch out (an
    // inner group's `#else` under an outer group's first branch: netxduo's tests choose
    // their entry's head by `#ifdef CTEST` inside a group around the whole test), the
    // configurations follow the nesting, the whole text one island.
    let nested = if directives.variants_cover_all(CAP) { None } else { Some(directives.nested_variants(std::slice::from_ref(&(0..text.len())), CAP)?) };
    // (Taken: the configurations are read from the groups and lines alone.)
    let mut out = FileFacts { includes: std::mem::take(&mut directives.includes), defines: std::mem::take(&mut directives.defines), variants_parsed: 0, ..FileFacts::default() };
    let (mut functions, mut calls, mut assigns, mut inits) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in 0..directives.configuration_count(nested.as_deref(), CAP) {
        let f = extract_light(&directives.configuration(text, nested.as_deref(), k))?;
        functions.extend(f.functions);
        calls.extend(f.calls);
        assigns.extend(f.assigns);
        inits.extend(f.inits);
    }
    // Each configuration's facts once: a function by its name, a call by its name and
    // arguments (a configuration may pass others), an assignment or initialiser by its place.
    let mut seen = crate::fast::HashSet::default();
    out.functions = functions.into_iter().filter(|f| seen.insert((f.name_range.start, Vec::new()))).collect();
    seen.clear();
    out.calls = calls.into_iter().filter(|c| seen.insert((c.name_range().start, c.args.iter().map(|a| (a.start, a.end)).collect()))).collect();
    seen.clear();
    out.assigns = assigns.into_iter().filter(|a| seen.insert((a.start(), Vec::new()))).collect();
    seen.clear();
    out.inits = inits.into_iter().filter(|i| seen.insert((i.range.start, Vec::new()))).collect();
    out.functions.sort_by_key(|f| f.body.start);
    out.sort_in_file_order();
    let all = lexer::lex_skimming_numbers(text, 0);
    for f in &mut out.functions {
        f.idents = facts::Names::default();
    }
    facts::attribute_idents(text, &all, &mut out, facts::Lang::C);
    Some(out)
}

/// C's words of types and storage (a `matches!`, not a list: asked of every name before a
/// `(`, where a list's string compares showed in profiles).
fn is_type_word(s: &str) -> bool {
    matches!(
        s,
        "void" | "char" | "short" | "int" | "long" | "float" | "double" | "signed" | "unsigned" | "const" | "volatile" | "struct" | "union"
            | "enum" | "static" | "extern" | "inline" | "register" | "auto" | "typedef" | "_Bool" | "bool" | "restrict"
    )
}

/// The tokens of `all` outside the directive lines `lines` (both sorted): a run of `all`
/// where they are one ([`lexer::outside`]).
pub(crate) fn code_tokens<'t>(all: &'t [Token], lines: &[Range<usize>]) -> std::borrow::Cow<'t, [Token]> {
    lexer::outside(all, lines)
}

/// The token path's working buffers, kept per thread between files (fresh ones for each
/// file of a large tree showed in profiles as allocation and page faults).
#[derive(Default)]
struct Scratch {
    all: Vec<Token>,
    code: Vec<Token>,
    close: Vec<usize>,
    /// The tokens the pass for calls and `=` looks at (see `extract_light_with`).
    asked: Vec<u32>,
    /// The brackets open while they are matched.
    opens: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Box<Scratch>>> = const { std::cell::Cell::new(None) };
}

/// Buffers larger than this (in elements) are not kept per thread: one huge file should
/// not hold its memory for the rest of a language server's life. (The token path's
/// buffers here, and the identifiers' attribution's lists, `facts::IdentLists`.)
pub(crate) const SCRATCH_KEPT: usize = 1 << 18;

/// Facts from tokens alone; `None` when the braces do not balance outside directives.
pub fn extract_light(text: &str) -> Option<FileFacts> {
    extract_light_compact(text, false)
}

/// [`extract_light`]; with `compact`, the assignments to plain variables kept in
/// [`FileFacts::var_assigns`] (see [`extract_auto_compact`]), their names only: each
/// name's entries are read again from the text when first asked for
/// ([`facts::VarAssigns::read`], [`read_var_assigns`]).
fn extract_light_compact(text: &str, compact: bool) -> Option<FileFacts> {
    extract_light_keeping(text, if compact { Vars::Names } else { Vars::Assigns })
}

/// Where the token reading keeps the assignments to plain variables.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Vars {
    /// Among `assigns`, as every other reading does.
    Assigns,
    /// In `var_assigns`, each name once, the entries not read ([`facts::VarAssigns::read`]).
    Names,
    /// In `var_assigns` with their entries.
    Entries,
}

/// The assignments to plain variables of a file [`extract_auto_compact`] read from tokens
/// and kept by name only ([`Vars::Names`]), with their entries: the same reading of the
/// same text (`text` as that reading was given it, before its dead branches were blanked),
/// so the same names in the same order. Empty for a text that reading would not read so.
pub(crate) fn read_var_assigns(text: &str) -> facts::VarAssigns {
    let live = preprocess::without_dead_branches(text);
    extract_light_keeping(&live, Vars::Entries).and_then(|f| f.var_assigns).map(|v| *v).unwrap_or_default()
}

fn extract_light_keeping(text: &str, vars: Vars) -> Option<FileFacts> {
    let mut scratch = SCRATCH.take().unwrap_or_default();
    let facts = extract_light_with(text, &mut scratch, vars);
    if scratch.all.capacity() <= SCRATCH_KEPT && scratch.code.capacity() <= SCRATCH_KEPT && scratch.close.capacity() <= SCRATCH_KEPT && scratch.asked.capacity() <= SCRATCH_KEPT && scratch.opens.capacity() <= SCRATCH_KEPT {
        SCRATCH.set(Some(scratch));
    }
    facts
}

fn extract_light_with(text: &str, scratch: &mut Scratch, keep: Vars) -> Option<FileFacts> {
    // (Its groups are not read here: see `scan_without_groups`.)
    let mut directives = preprocess::scan_without_groups(text);
    let Scratch { all, code, close, asked, opens } = scratch;
    lexer::lex_skimming_numbers_into(text, 0, all);
    let all: &[Token] = all;
    let mut facts = FileFacts {
        // (Taken: the directives' lines are all this reading asks of them after this.)
        includes: std::mem::take(&mut directives.includes),
        defines: std::mem::take(&mut directives.defines),
        variants_parsed: 0,
        ..FileFacts::default()
    };
    // The code tokens: directive lines are the preprocessor's (a run of `all` where they
    // are one, see `lexer::outside_run`).
    let toks: &[Token] = match lexer::outside_run(all, &directives.lines) {
        Some(run) => &all[run],
        None => {
            lexer::starting_outside_into(all, &directives.lines, code);
            code
        }
    };
    let s = |i: usize| toks[i].text(text, 0);
    // One-byte punctuators compared as bytes (the loops below ask this of every token).
    let p1 = |i: usize| toks[i].byte;
    let is1 = |i: usize, p: u8| i < toks.len() && p1(i) == p;

    // Matching brackets; unbalanced braces send the file to the parser.
    close.clear();
    close.resize(toks.len(), usize::MAX);
    let close: &mut [usize] = close;
    // (Kept per thread: allocated for each file, and grown, it showed in profiles; on the
    // stack, a `SmallVec`'s test of where it lives at each push and pop did.)
    let stack = opens;
    stack.clear();
    // And the tokens the pass for calls and `=` below reads, in order: a name before a `(`,
    // and each `=` (that pass, a step per token of the file, was a fortieth of `check`'s
    // instructions on fw10k; this one looks at each token's byte anyway).
    asked.clear();
    for i in 0..toks.len() {
        match p1(i) {
            b'(' => {
                if i > 0 && toks[i - 1].kind == TokKind::Ident {
                    asked.push(i as u32 - 1);
                }
                stack.push(i as u32)
            }
            b'=' => asked.push(i as u32),
            b'[' | b'{' => stack.push(i as u32),
            c @ (b')' | b']' | b'}') => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                let open = stack.pop()? as usize;
                if p1(open) != want {
                    return None;
                }
                close[open] = i;
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        return None;
    }

    // Function definitions: at file level, `name ( params ) {`.
    let mut i = 0;
    let mut decl_start = 0;
    let mut bodies: SmallVec<[Range<usize>; 16]> = SmallVec::new(); // token index ranges of bodies
    while i < toks.len() {
        if is1(i, b';') || is1(i, b'}') {
            decl_start = i + 1;
            i += 1;
            continue;
        }
        if is1(i, b'{') {
            let end = close[i];
            // A function body: `... ident ( ... ) {` with no `=` in the declaration.
            let head = &toks[decl_start..i];
            let is_fn = i >= 3
                && is1(i - 1, b')')
                && head.iter().all(|t| t.byte != b'=')
                && {
                    let open = (decl_start..i - 1).rev().find(|&k| close[k] == i - 1);
                    open.is_some_and(|o| o > decl_start && toks[o - 1].kind == TokKind::Ident)
                };
            if is_fn {
                let open = (decl_start..i - 1).rev().find(|&k| close[k] == i - 1).unwrap_or(0);
                let name_tok = toks[open - 1];
                let name = name_tok.text(text, 0);
                if !facts::is_keyword(name) && !is_type_word(name) {
                    facts.functions.push(FunctionDef {
                        name: Ident::from(name),
                        name_range: name_tok.range(),
                        is_static: head.iter().any(|t| t.kind == TokKind::Ident && t.hi() - t.lo() == 6 && t.text(text, 0) == "static"),
                        params: params(text, &toks[open + 1..i - 1]),
                        body: toks[i].lo()..toks[end].hi(),
                        idents: facts::Names::default(),
                    });
                    bodies.push(i..end);
                }
            }
            // Skip the braces (a body, or a file-level initialiser / struct: read below).
            if is_fn {
                i = end + 1;
                decl_start = i;
                continue;
            }
        }
        i += 1;
    }

    // Calls inside bodies; assignments and initialisers everywhere. Whether a token is in
    // a body: the bodies starting before it (asked in token order, so counted forward
    // instead of searched for each call and `=`).
    let mut started = 0;
    let mut in_body = |k: usize| {
        while started < bodies.len() && bodies[started].start < k {
            started += 1;
        }
        started > 0 && bodies[started - 1].end > k
    };
    // The assignments to plain variables, unless among `assigns`.
    let mut vars: Option<facts::VarAssigns> = match keep {
        Vars::Assigns => None,
        Vars::Names => Some(facts::VarAssigns::names_only()),
        Vars::Entries => Some(facts::VarAssigns::default()),
    };
    for &k in asked.iter() {
        let k = k as usize;
        let t = toks[k];
        if t.kind == TokKind::Ident && is1(k + 1, b'(') && in_body(k) {
            let name = s(k);
            if !facts::is_keyword(name) && !is_type_word(name) {
                if let Some((args, end)) = facts::call_args(toks, k + 1) {
                    facts.calls.push(Call::new(Ident::from(name), t.range(), args, t.lo()..end));
                }
            }
        }
        if is1(k, b'=') && !is1(k + 1, b'=') && k > 0 {
            assignment(text, toks, close, k, in_body(k), &mut facts, vars.as_mut());
        }
    }
    facts.var_assigns = vars.filter(|v| !v.is_empty()).map(Box::new);
    facts.functions.sort_by_key(|f| f.body.start);
    facts::attribute_idents(text, all, &mut facts, facts::Lang::C);
    Some(facts)
}

/// The bodies of [`file_level`] (the tests of the shapes taken).
#[cfg(test)]
pub(crate) fn cold_bodies(text: &str, toks: &[Token], directive_lines: &[Range<usize>], lang: Lang) -> Vec<Range<usize>> {
    file_level(text, toks, directive_lines, lang).unwrap_or_default().bodies
}

/// First, the file-level function bodies of a file that matters which hold no directive
/// line: byte ranges from `{` to `}`. The parser is spared them (they are blanked in the
/// text it reads) and their calls, assignments and initialisers are read from tokens
/// ([`read_body`]), as the cheap path reads a whole file that does not matter. `toks` are
/// the tokens of `text`, directive lines included. A body is a file-level `{` after `)`
/// whose head has no `=` and whose parenthesis follows a name; when the file's braces do
/// not balance, none is taken.
///
/// A C body is read from tokens whether or not it holds an SDK call: over the four SDK
/// checkouts the tokens read what a parse of the body reads but where the parser misreads
/// (a statement macro without `;`, `_az_PUSH_IGNORE_DEPRECATIONS`, read as a declaration
/// with the SDK call after it; `REGISTER_UMOCK_ALIAS_TYPE(T, void*)` read with three
/// arguments; a nested designator `.a.b.f = v` read as a write of `a`), and such bodies
/// were 2.3 MB of azure-iot-sdk-c's 3.6 MB parsed. A C++ body is read so too, SDK calls
/// or not, where its shapes are plain ([`cpp_plain`]; [`read_body`] leaves the others to
/// the parser): over the 67 C++ files of the real-world corpus, device code calling the
/// SDKs, the tokens then read 0.45 of its 0.82 MB (0.22 with the bodies that matter
/// parsed), each file's facts a parse's, and on azure-iot-sdk-c the parser is spared 7 KB
/// of unit-test bodies that tree-sitter-cpp reads at under 7 MB/s.
///
/// In C++ the same file-level shape is taken (a member function defined in its class, or
/// in a namespace or `extern "C"` block, is not at file level and stays parsed); a head
/// that ends in `const`, `noexcept`, `override` or a trailing return type has no `)` before
/// its `{` and stays parsed too, and a `)` that closes `decltype(...)`, `noexcept(...)`
/// or `throw()` names no function.
///
/// Second, the file-level declarations: for each, the indices in `toks` of its first token
/// and of the `;` that ends it (a function definition is none; a declaration with braces,
/// `struct s {...};` or `T t = {...};`, is one), for [`read_item`]. `None` when the braces
/// do not balance.
pub(crate) fn file_level(text: &str, toks: &[Token], directive_lines: &[Range<usize>], lang: Lang) -> Option<FileLevel> {
    file_level_of(text, toks, directive_lines, lang, false)
}

/// [`file_level`] over `toks`; `None` when the braces do not balance. With `prefix`, the
/// tokens are the start of a file: what was read to the end of its last item is given,
/// an item cut off by the end left out.
fn file_level_of(text: &str, toks: &[Token], directive_lines: &[Range<usize>], lang: Lang, prefix: bool) -> Option<FileLevel> {
    let punct = |t: &Token, p: &str| t.is_punct(text, p);
    let in_directive = |at: usize| preprocess::overlaps(directive_lines, &(at..at + 1));
    let mut out = Vec::new();
    let mut with_directives = Vec::new();
    let mut macro_classes = Vec::new();
    let mut items = Vec::new();
    // The open body's head is a macro's name and arguments alone (`MOCK_CLASS(C, Base) {`).
    let mut macro_head = false;
    // The first token of the file-level item being read (a declaration, or a definition's head).
    let mut item_start: Option<usize> = None;
    let mut depth = 0usize;
    // At file level: the `(`s open, the last `(` closed, whether the head so far has `=`.
    let mut parens: Vec<usize> = Vec::new();
    let mut last_open: Option<usize> = None;
    let mut head_has_eq = false;
    let mut prev: Option<usize> = None; // the last code token at file level
    let mut body_open: Option<usize> = None;
    // Whether the braces open at file level are a function's body (not a declaration's).
    let mut in_definition = false;
    // Whether they are the body of a C++ function the tokens do not read (an operator's).
    let mut cpp_function = false;
    // The head so far names an operator (`bool operator==(A a, A b)`: its `=` is no initialiser).
    let mut head_has_operator = false;
    // The directive lines, passed in token order (a binary search per token was half of
    // this function's time).
    let mut line = 0;
    for (i, t) in toks.iter().enumerate() {
        while line < directive_lines.len() && directive_lines[line].end <= t.lo() {
            line += 1;
        }
        let directive = line < directive_lines.len() && directive_lines[line].start <= t.lo();
        if t.kind != TokKind::Punct {
            if depth == 0 && !directive {
                prev = Some(i);
                item_start.get_or_insert(i);
                head_has_operator |= t.hi() - t.lo() == "operator".len() && t.text(text, 0) == "operator";
            }
            continue;
        }
        if directive {
            continue;
        }
        // One-byte punctuators by their byte (every token of the file comes here; a string
        // match per token showed in profiles); any other punctuator is none of these.
        let p = t.byte;
        if depth > 0 {
            match p {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 && (in_definition || cpp_function) {
                        in_definition = false;
                        cpp_function = false;
                        item_start = None;
                    }
                    if depth == 0 {
                        if let Some(open) = body_open.take() {
                            let body: Range<usize> = toks[open].lo()..t.hi();
                            let directive_inside = preprocess::overlaps(directive_lines, &body);
                            // C++: `MOCK_CLASS(C, Base) { ... };` declares a class (a
                            // function body is not followed by `;`).
                            let class_like = lang == Lang::Cpp
                                && toks[i + 1..].iter().find(|n| !in_directive(n.lo())).is_some_and(|n| punct(n, ";"));
                            if !directive_inside && !class_like {
                                out.push(body);
                            } else if directive_inside && lang == Lang::C {
                                with_directives.push(body);
                            } else if class_like && macro_head && !directive_inside {
                                macro_classes.push(body);
                            }
                        }
                        head_has_eq = false;
                        head_has_operator = false;
                        parens.clear();
                        last_open = None;
                        prev = Some(i);
                    }
                }
                _ => {}
            }
            continue;
        }
        item_start.get_or_insert(i);
        match p {
            b'(' => parens.push(i),
            b')' => {
                last_open = parens.pop();
                // A C macro glued to the declaration after it ends its item as a `;` would.
                if let Some(a) = item_start.filter(|&a| lang == Lang::C && parens.is_empty() && last_open == Some(a + 1)) {
                    if glued_macro_call(text, &toks[a..=i]) && declaration_follows(text, toks, i + 1, directive_lines) {
                        items.push(a..i);
                        item_start = None;
                        head_has_eq = false;
                        head_has_operator = false;
                        last_open = None;
                    }
                }
            }
            b';' => {
                head_has_eq = false;
                head_has_operator = false;
                parens.clear();
                last_open = None;
                if let Some(a) = item_start.take() {
                    items.push(a..i);
                }
            }
            b'=' => head_has_eq = true,
            b'{' => {
                let after_paren = prev.is_some_and(|k| punct(&toks[k], ")"));
                let named = last_open.and_then(|o| o.checked_sub(1)).is_some_and(|n| {
                    let name = toks[n].text(text, 0);
                    let cpp_word = lang == Lang::Cpp && CPP_UNCERTAIN.contains(&name);
                    toks[n].kind == TokKind::Ident && !facts::is_keyword(name) && !is_type_word(name) && !cpp_word
                });
                in_definition = after_paren && named && !head_has_eq && parens.is_empty();
                // The name opens the item: no type, no qualifier before it.
                macro_head = lang == Lang::Cpp
                    && in_definition
                    && last_open.is_some_and(|o| o >= 1 && item_start == Some(o - 1) && is_macro_name(toks[o - 1].text(text, 0)));
                // A C++ function the tokens do not read (`bool operator==(A a, A b) {`) ends
                // at its `}` too: what follows is another item.
                cpp_function = lang == Lang::Cpp && after_paren && !named && (!head_has_eq || head_has_operator) && parens.is_empty();
                body_open = in_definition.then_some(i);
                depth = 1;
                continue;
            }
            b'}' => return None, // unbalanced: leave the file to the parser
            _ => {}
        }
        prev = Some(i);
    }
    if depth != 0 && !prefix {
        return None;
    }
    Some(FileLevel { bodies: out, bodies_with_directives: with_directives, macro_classes, items })
}

/// [`file_level`] of a file whose braces balance in each branch configuration but not
/// across them: conditional groups whose branches open or close blocks
/// (`#if UDP if (a) { #endif #if ETHERNET if (b) { #endif`, exclusive by intent). Before
/// the first such group every group's branches balance, so the braces of all branches
/// together nest as each configuration's do; after the last, the same holds counted from
/// the end. What lies between (the function holding those groups) is left to the parser;
/// the bodies and declarations before and after are read as in a balanced file. `None`
/// when no group opens or closes a block (the file does not balance in any configuration)
/// or when the braces after the last such group do not balance from the end.
pub(crate) fn file_level_around_groups(text: &str, toks: &[Token], directives: &preprocess::Directives, lang: Lang) -> Option<FileLevel> {
    let lines = &directives.lines;
    let brace = |t: &Token| -> i64 {
        match t.byte {
            b'{' => 1,
            b'}' => -1,
            _ => 0,
        }
    };
    // The span from the first to the last group with a branch that does not balance.
    let mut span: Option<Range<usize>> = None;
    for (group, branches) in directives.group_branches() {
        let changes = branches.into_iter().any(|b| {
            let lo = toks.partition_point(|t| t.lo() < b.start);
            let hi = toks.partition_point(|t| t.lo() < b.end);
            let net: i64 = toks[lo..hi].iter().filter(|t| brace(t) != 0 && !preprocess::overlaps(lines, &(t.lo()..t.lo() + 1))).map(brace).sum();
            net != 0
        });
        if changes {
            span = Some(match span {
                Some(s) => s.start.min(group.start)..s.end.max(group.end),
                None => group,
            });
        }
    }
    let span = span?;
    // Before the span: the items read to its start.
    let before = toks.partition_point(|t| t.lo() < span.start);
    let mut out = file_level_of(text, &toks[..before], lines, lang, true)?;
    // After it: from the first place past it at file level, found counting braces from the
    // end, where an item starts: after a `;`, or after a function body's `}` (its `{`
    // follows a `)`; a struct's `}` may be followed by its declarators).
    let after = toks.partition_point(|t| t.lo() < span.end);
    let (mut depth, mut parens) = (0i64, 0i64);
    let mut closes: Vec<usize> = Vec::new();
    let mut from = None;
    for i in (after..toks.len()).rev() {
        let t = &toks[i];
        if t.kind != TokKind::Punct || preprocess::overlaps(lines, &(t.lo()..t.lo() + 1)) {
            continue;
        }
        match t.byte {
            b')' => parens += 1,
            b'(' => parens -= 1,
            b'}' => {
                depth += 1;
                closes.push(i);
            }
            b'{' => {
                depth -= 1;
                let close = closes.pop()?;
                if depth == 0 && i > 0 && toks[..i].iter().rev().find(|p| !preprocess::overlaps(lines, &(p.lo()..p.lo() + 1))).is_some_and(|p| p.is_punct(text, ")")) {
                    from = Some(close + 1);
                }
            }
            b';' if depth == 0 && parens == 0 => from = Some(i + 1),
            _ => {}
        }
    }
    if let Some(from) = from {
        let rest = file_level_of(text, &toks[from..], lines, lang, false)?;
        out.bodies.extend(rest.bodies);
        out.bodies_with_directives.extend(rest.bodies_with_directives);
        out.macro_classes.extend(rest.macro_classes);
        out.items.extend(rest.items.into_iter().map(|r| r.start + from..r.end + from));
    }
    Some(out)
}

/// What [`file_level`] finds at file level.
#[derive(Default)]
pub(crate) struct FileLevel {
    /// The function bodies to read from tokens.
    pub bodies: Vec<Range<usize>>,
    /// The C function bodies with directive lines ([`branches_read_whole`] decides).
    pub bodies_with_directives: Vec<Range<usize>>,
    /// C++ classes declared by a macro, `MOCK_CLASS(C, Base) { ... };` (no directive line
    /// inside): [`read_macro_class`] decides.
    pub macro_classes: Vec<Range<usize>>,
    /// The declarations: token index ranges from the first token to the `;`.
    pub items: Vec<Range<usize>>,
}

/// Whether the tokens of `body` (a C function body with directive lines, or with
/// `statements` false a declaration's initialiser; `code`: the file's tokens outside
/// directive lines) read whole give what its branch configurations give together: every
/// directive line inside stands between statements or between the elements of an
/// initialiser list (after `;`, `{`, `}` or `,`, directly inside braces) and the lines of
/// each conditional group (`groups`, from [`preprocess::Directives::groups_within`]) are
/// within the same brackets, so that each branch holds whole statements and the same
/// blocks. `#ifdef DEBUG log(x); #endif` reads as the call it holds; `#ifdef A if (a) {
/// #else if (b) { #endif` and a call whose arguments differ by branch do not.
///
/// In a function body a directive line may also stand where a statement's head ends and
/// its statement follows (after `else`, after the `)` of an `if`, `while`, `for` or
/// `switch` head: netxduo's `} else #endif {` around an IPv6 branch), and within the
/// parentheses of an `if`, `while` or `switch` condition where none of them is a call's
/// (`if ((s != OK) #if V6 || !joined #endif )`): the branches' statements and terms are
/// whole there, and read together they hold the calls and assignments each
/// configuration reads (a condition's terms joined by `||` read as one condition).
pub(crate) fn branches_read_whole(text: &str, code: &[Token], body: &Range<usize>, lines: &[Range<usize>], groups: &[&[Range<usize>]], statements: bool) -> bool {
    let lo = code.partition_point(|t| t.lo() < body.start);
    let hi = code.partition_point(|t| t.lo() < body.end);
    let toks = &code[lo..hi];
    let inside: Vec<&Range<usize>> = {
        let k = lines.partition_point(|l| l.end <= body.start);
        lines[k..].iter().take_while(|l| l.start < body.end).collect()
    };
    /// An open bracket: `{`, `[`, or a `(` after a control keyword, of a call (after a
    /// name, `)` or `]`), or else (grouping, a cast).
    #[derive(Clone, Copy, PartialEq)]
    enum Open {
        Brace,
        Square,
        Control,
        Call,
        Group,
    }
    // At each directive line: where it stands (line start, the brackets open), and
    // whether it stands where the branches read whole.
    let mut at: Vec<(usize, Vec<Open>, bool)> = Vec::with_capacity(inside.len());
    let mut open: Vec<Open> = Vec::new(); // innermost last
    let mut prev: Option<&Token> = None;
    // What the last closing bracket closed.
    let mut closed: Option<Open> = None;
    let mut li = 0;
    for t in toks {
        while li < inside.len() && inside[li].start < t.lo() {
            let after = prev.map(|p| (p.kind, p.text(text, 0)));
            let punct = |p: &str| after == Some((TokKind::Punct, p));
            let whole = match open.last() {
                Some(Open::Brace) => {
                    matches!(after, Some((TokKind::Punct, ";" | "{" | "}" | ",")))
                        || (statements && (after == Some((TokKind::Ident, "else")) || (punct(")") && closed == Some(Open::Control))))
                }
                // Within a condition's parentheses, none of them a call's.
                Some(Open::Control | Open::Group) if statements => {
                    let above = open.iter().rev().take_while(|o| **o != Open::Brace);
                    let (mut plain, mut control) = (true, false);
                    for o in above {
                        plain &= matches!(o, Open::Control | Open::Group);
                        control = *o == Open::Control;
                    }
                    plain && control
                }
                _ => false,
            };
            at.push((inside[li].start, open.clone(), whole));
            li += 1;
        }
        if t.kind == TokKind::Punct {
            match t.text(text, 0) {
                "{" => open.push(Open::Brace),
                "[" => open.push(Open::Square),
                "(" => open.push(match prev.map(|p| (p.kind, p.text(text, 0))) {
                    Some((TokKind::Ident, "if" | "while" | "switch" | "for")) => Open::Control,
                    Some((TokKind::Ident, "return" | "sizeof" | "case")) => Open::Group,
                    Some((TokKind::Ident, _) | (TokKind::Punct, ")" | "]")) => Open::Call,
                    _ => Open::Group,
                }),
                "}" | ")" | "]" => closed = open.pop(),
                _ => {}
            }
        }
        prev = Some(t);
    }
    if li < inside.len() || at.iter().any(|a| !a.2) {
        return false;
    }
    groups.iter().all(|g| {
        let within: Vec<&Vec<Open>> = g.iter().filter_map(|l| at.iter().find(|a| a.0 == l.start).map(|a| &a.1)).collect();
        within.len() == g.len() && within.windows(2).all(|w| w[0] == w[1])
    })
}

/// The calls, assignments and initialisers of one function body (`body`: its braces'
/// byte range; `toks`: the file's tokens) read from tokens, for a body [`cold_bodies`]
/// kept from the parser, appended to `facts`.
///
/// In C a call is a name before `(` that is not a member (`x->f(...)` is a call through a
/// pointer, as the parser reads it). In C++ a member called (`hub.send(...)`, `p->f()`)
/// and a qualified name (`ns::f(...)`, `A<T>::f()`) are calls of that name, the call's
/// range starting where the parser's does (at the object, at the scope); the type of
/// `new T(...)` is no call. Where C++ tokens do not read with certainty (see
/// [`cpp_plain`]; a declaration with constructor arguments `T x(a)`, `T* p(a)`; an
/// assignment to a qualified name's field), nothing is added and `false` says so: the
/// body is then left to the parser. A C body always reads (`true`).
pub(crate) fn read_body(text: &str, toks: &[Token], body: &Range<usize>, lang: Lang, facts: &mut FileFacts) -> bool {
    read_body_with(text, toks, body, lang, false, facts)
}

/// The body of a C++ class declared by a macro at file level (`body`: its braces' byte
/// range), read as [`read_body`] reads a C++ function body, its access labels (`public:`)
/// read as nothing: appended to `facts`, `false` (nothing added) where its tokens do not
/// read with certainty. micromock's unit tests declare their mocks so,
/// `TYPED_MOCK_CLASS(CMocks, CGlobalMock) { public: MOCK_STATIC_METHOD_1(, int, f, int, a)
/// ... MOCK_METHOD_END(int, 0) };`: members that are macros without `;`, which
/// tree-sitter-cpp reads only by error recovery, a different reading in each file (a
/// function named after the macro, or none, with arguments such as `","`), at a third of
/// the parse time of azure-iot-sdk-c's C++ tests. The tokens read a function named after
/// the macro, as the parser reads the head when the body is spared it, and every call in
/// the body with its arguments as written.
pub(crate) fn read_macro_class(text: &str, toks: &[Token], body: &Range<usize>, facts: &mut FileFacts) -> bool {
    read_body_with(text, toks, body, Lang::Cpp, true, facts)
}

/// A macro's name by convention: capitals, digits and `_`, with a capital.
fn is_macro_name(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') && s.bytes().any(|b| b.is_ascii_uppercase())
}

fn read_body_with(text: &str, toks: &[Token], body: &Range<usize>, lang: Lang, labels: bool, facts: &mut FileFacts) -> bool {
    let cpp = lang == Lang::Cpp;
    let Bracketed { toks, close, eq_in_square, .. } = bracketed(toks, body);
    let s = |i: usize| toks[i].text(text, 0);
    // (A one-byte punctuator by its byte: asked of every token of every body read, a
    // string compare was 2% of a `check`.)
    let is = |i: usize, p: &str| i < toks.len() && toks[i].is_punct(text, p);
    // C++: `=` directly inside `[...]` is a lambda's capture initialiser (`[x = f()]`), no
    // assignment.
    if cpp && eq_in_square {
        return false;
    }
    if cpp && !cpp_plain(text, toks, &close, labels) {
        return false;
    }
    let marks = (facts.calls.len(), facts.assigns.len(), facts.inits.len());
    let mut ok = true;
    for k in 0..toks.len() {
        let t = toks[k];
        if t.kind == TokKind::Ident && is(k + 1, "(") {
            let name = s(k);
            if !cpp {
                if !(k > 0 && (is(k - 1, ".") || is(k - 1, "->"))) && !facts::is_keyword(name) && !is_type_word(name) {
                    if let Some((args, end)) = facts::call_args(toks, k + 1) {
                        facts.calls.push(Call::new(Ident::from(name), t.range(), args, t.lo()..end));
                    }
                }
            } else if !facts::is_keyword(name) && !is_type_word(name) && !CPP_NOT_CALLS.contains(&name) {
                match cpp_call(text, toks, &close, k) {
                    CppCall::Call(start) => {
                        if let Some((args, end)) = facts::call_args(toks, k + 1) {
                            facts.calls.push(Call::new(Ident::from(name), t.range(), args, toks[start].lo()..end));
                        }
                    }
                    CppCall::NotACall => {}
                    CppCall::Uncertain => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if is(k, "=") && !is(k + 1, "=") && k > 0 && !body_assignment(text, toks, &close, k, cpp, facts) {
            ok = false;
            break;
        }
    }
    if !ok {
        facts.calls.truncate(marks.0);
        facts.assigns.truncate(marks.1);
        facts.inits.truncate(marks.2);
    }
    ok
}

/// The initialisers of one file-level declaration of a C file (`item`: its byte range, from
/// its first token to its `;`; `toks`: the file's tokens) read from tokens, for a
/// declaration kept from the parser as a cold body is, appended to `facts`: `T x = v`,
/// `T *x = v` and the later declarators (initialisers), `.f = v` in an initialiser list,
/// and a value that is one call of plain arguments (`T x = F("a");`: the call too, as the
/// parser reads it at file level). A macro invoked alone at file level, and an enumeration's
/// definition ([`enum_definition`]), give nothing (see inside). Where the parser would read
/// more than that, nothing is added and `false` says so (the declaration is then left to
/// the parser): a name before `(` that no type precedes in a longer declaration, a `(`
/// after the first `=` (a call in an initialiser) but a cast's ([`is_cast`]), a size's
/// (`sizeof(x)`) or a whole value's call, and any other `=` (an enumerator's value in a
/// longer declaration).
pub(crate) fn read_item(text: &str, toks: &[Token], item: &Range<usize>, lang: Lang, facts: &mut FileFacts) -> bool {
    let Bracketed { toks, close, stray, .. } = bracketed(toks, item);
    if stray {
        return false;
    }
    let s = |i: usize| toks[i].text(text, 0);
    let is = |i: usize, p: &str| i < toks.len() && toks[i].is_punct(text, p);
    // More than two names before the declarator ends (`EXPORT T f(void);`, `A B x;`): a
    // macro the parser does not know, which it reads as an error.
    let plain_name = |i: usize| toks[i].kind == TokKind::Ident && plain_word(s(i));
    let head = toks.iter().position(|t| t.kind == TokKind::Punct && matches!(t.text(text, 0), "(" | "=" | "[" | "," | ";" | ":" | "{")).unwrap_or(toks.len());
    if (0..head).filter(|&i| plain_name(i)).count() > 2 {
        return false;
    }
    // A macro invoked at file level (`TEST_DEFINE_ENUM_TYPE(RESULT, RESULT_VALUES);`,
    // `MOCKABLE_FUNCTION(, int, f, int, a);`) holds nothing the rules read: a call outside
    // every function is in no program's flow, and one without an SDK name feeds no rule
    // (the parser reads some as calls, many, with types as arguments, as errors whose
    // recovery cost more than the rest of a unit test's file level).
    if lone_macro(text, toks) || glued_macro_call(text, toks) {
        return true;
    }
    if enum_definition(text, toks, &close) {
        return true;
    }
    let marks = (facts.assigns.len(), facts.inits.len(), facts.calls.len());
    let mut after_eq = false;
    let mut ok = true;
    // The last token of what a value's reading stepped over whole (a cast's `)`, whose type's
    // words are not names next to names; a size's `)`; a call's `)`).
    let mut cast_end = 0;
    for k in 0..toks.len() {
        let t = toks[k];
        if k <= cast_end && cast_end > 0 {
            continue;
        }
        // A value that is one call of plain arguments (`static const az_span s =
        // AZ_SPAN_LITERAL_FROM_STR("x");`), also an element of an initialiser list (`az_span
        // names[] = { AZ_SPAN_LITERAL_FROM_STR("a"), ... }`): the call the parser reads
        // there, at file level.
        if after_eq && k > 0 && (is(k - 1, "=") || is(k - 1, "{") || is(k - 1, ",")) && t.kind == TokKind::Ident && is(k + 1, "(") && plain_name(k) && !NOT_CALLS.contains(&s(k)) {
            let end = close[k + 1];
            if end != usize::MAX && (is(end + 1, ";") || is(end + 1, ",") || is(end + 1, "}")) && plain_args(text, &toks[k + 2..end], lang) {
                if let Some((args, end_byte)) = facts::call_args(toks, k + 1) {
                    facts.calls.push(Call::new(Ident::from(s(k)), t.range(), args, t.lo()..end_byte));
                    cast_end = end;
                    continue;
                }
            }
        }
        if after_eq && joins_macros(text, toks, k, lang) {
            ok = false;
            break;
        }
        if t.kind == TokKind::Ident && is(k + 1, "(") && !facts::is_keyword(s(k)) && !is_type_word(s(k)) {
            let declarator = k > 0 && (is(k - 1, "*") || (toks[k - 1].kind == TokKind::Ident && !facts::is_keyword(s(k - 1))) || is_type_word(s(k - 1)));
            if after_eq || !declarator {
                ok = false;
                break;
            }
        }
        if is(k, "(") && after_eq {
            // `sizeof(x)`, `sizeof(T *)`, `sizeof(a[0])`: no call inside (the parser reads a
            // size, no call), stepped over whole.
            if k > 0 && s(k - 1) == "sizeof" && close[k] != usize::MAX && !toks[k + 1..close[k]].iter().any(|t| t.kind == TokKind::Punct && matches!(t.text(text, 0), "(" | "{" | "=" | ",")) {
                cast_end = close[k];
                continue;
            }
            if !is_cast(text, toks, &close, k) {
                ok = false;
                break;
            }
            cast_end = close[k];
            continue;
        }
        if is(k, "=") && !is(k + 1, "=") && k > 0 {
            after_eq = true;
            let before = (facts.assigns.len(), facts.inits.len());
            let read = body_assignment(text, toks, &close, k, false, facts);
            let plain = facts.assigns[before.0..].iter().all(|a| a.base().is_none() && matches!(a.target, AssignTarget::Field(_)))
                && (facts.assigns.len() > before.0 || facts.inits.len() > before.1);
            if !read || !plain {
                ok = false;
                break;
            }
        }
    }
    if !ok {
        facts.assigns.truncate(marks.0);
        facts.inits.truncate(marks.1);
        facts.calls.truncate(marks.2);
    }
    ok
}

/// Whether a file-level declaration (`toks`: its tokens, to its `;`; `close`: their matched
/// brackets) only defines an enumeration, perhaps naming it or declaring variables of it
/// without a value: `enum tag { A = 0, B };`, `typedef enum { LEFT = 0, RIGHT = 1, } side;`.
/// The parser reads no fact there (an enumerator's value is neither an initialiser nor an
/// assignment), when no value holds a bracket (a call, `sizeof(x)`: left to it).
fn enum_definition(text: &str, toks: &[Token], close: &[usize]) -> bool {
    let s = |i: usize| toks[i].text(text, 0);
    let is = |i: usize, p: &str| i < toks.len() && toks[i].is_punct(text, p);
    let mut k = usize::from(toks.first().is_some_and(|t| t.kind == TokKind::Ident && s(0) == "typedef"));
    if !(k < toks.len() && toks[k].kind == TokKind::Ident && s(k) == "enum") {
        return false;
    }
    k += 1;
    if k < toks.len() && toks[k].kind == TokKind::Ident && !facts::is_keyword(s(k)) {
        k += 1;
    }
    if !is(k, "{") {
        return false;
    }
    let Some(&end) = close.get(k).filter(|&&c| c != usize::MAX) else { return false };
    if toks[k + 1..end].iter().any(|t| is_bracket(text, t)) {
        return false;
    }
    // After the `}`: names (a typedef's, or variables without a value), `*` and `,`, then `;`.
    let last = toks.len() - 1;
    is(last, ";") && toks[end + 1..last].iter().all(|t| (t.kind == TokKind::Ident && plain_word(t.text(text, 0))) || (t.kind == TokKind::Punct && matches!(t.text(text, 0), "*" | ",")))
}

/// Names the parser reads before `(` as operators of their own, not as calls.
const NOT_CALLS: &[&str] = &["offsetof", "_Alignof", "alignof", "__alignof__", "__alignof", "_alignof", "_Generic", "asm", "__asm__", "__asm", "__extension__", "__attribute__", "__declspec", "defined"];

/// Whether token `k` of `toks` stands next to a name or a string as a name, or next to a
/// name as a string (`A B`, `A B "x"`): macros joined, which the parser reads otherwise
/// than as one value, unless the run is a concatenated string to it
/// ([`in_concatenated_string`]).
fn joins_macros(text: &str, toks: &[Token], k: usize, lang: Lang) -> bool {
    let joined = k > 0 && ((toks[k].kind == TokKind::Ident && matches!(toks[k - 1].kind, TokKind::Ident | TokKind::Str)) || (toks[k].kind == TokKind::Str && toks[k - 1].kind == TokKind::Ident));
    joined && !(lang == Lang::C && in_concatenated_string(text, toks, k))
}

/// Whether token `k` stands in a run of strings and names that tree-sitter-c reads as one
/// concatenated string (`TEST_COMPONENT_NAME "*" TEST_METHOD_NAME`, `"?$rid=%" PRIu16`):
/// two or more, the first two not both names, every name a plain word. (tree-sitter-cpp
/// ends a string's value before a name: `"mqtts://" HOST` is `"mqtts://"` to it.)
fn in_concatenated_string(text: &str, toks: &[Token], k: usize) -> bool {
    let piece = |t: &Token| t.kind == TokKind::Str || (t.kind == TokKind::Ident && plain_word(t.text(text, 0)));
    let word_or_string = |t: &Token| matches!(t.kind, TokKind::Str | TokKind::Ident);
    if !piece(&toks[k]) {
        return false;
    }
    let mut start = k;
    while start > 0 && word_or_string(&toks[start - 1]) {
        start -= 1;
    }
    let mut end = k + 1;
    while end < toks.len() && word_or_string(&toks[end]) {
        end += 1;
    }
    let run = &toks[start..end];
    run.len() >= 2 && run.iter().all(piece) && !(run[0].kind == TokKind::Ident && run[1].kind == TokKind::Ident)
}

/// Whether `t` is a bracket, opening or closing.
fn is_bracket(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Punct && matches!(t.text(text, 0), "(" | ")" | "[" | "]" | "{" | "}")
}

/// Whether a call's arguments (`toks`: between its parentheses) are plain: names, numbers,
/// strings (adjacent ones joined), operators, no bracket, and no macros joined
/// ([`joins_macros`]).
fn plain_args(text: &str, toks: &[Token], lang: Lang) -> bool {
    toks.iter().enumerate().all(|(i, t)| {
        let joined = joins_macros(text, toks, i, lang);
        let bracket = is_bracket(text, t);
        let word = t.kind == TokKind::Ident && !plain_word(t.text(text, 0));
        !joined && !bracket && !word
    })
}

/// Whether the `(` at `open` in a value starts a cast (`(unsigned char *)"\x00"`, `(UCHAR *)
/// buf`): after an operator or a bracket (not after a name or `)`, as a call's would be),
/// holding only names and `*`, and followed by a value (not by `(`: `(T)(f)(x)` may call).
fn is_cast(text: &str, toks: &[Token], close: &[usize], open: usize) -> bool {
    let Some(&end) = close.get(open).filter(|&&c| c != usize::MAX) else { return false };
    let punct = |t: &Token| t.kind == TokKind::Punct;
    let after_operator = open > 0 && punct(&toks[open - 1]) && !matches!(toks[open - 1].text(text, 0), ")" | "]");
    let inside = &toks[open + 1..end];
    let type_only = inside.iter().any(|t| t.kind == TokKind::Ident)
        && inside.iter().all(|t| (t.kind == TokKind::Ident && !facts::is_keyword(t.text(text, 0))) || (punct(t) && t.text(text, 0) == "*"));
    let value_follows = toks.get(end + 1).is_some_and(|t| matches!(t.kind, TokKind::Str | TokKind::Number | TokKind::Ident | TokKind::Char));
    after_operator && type_only && value_follows
}

/// Whether a C++ file-level declaration (`toks`: its tokens, to its `;`) is written in
/// the C that [`read_item`] reads: none of the words of [`CPP_UNCERTAIN`] or of the C++
/// declarations a C reading would misread (`class`, `namespace`, `using`, `auto`, `new`,
/// a cast by name, ...), no scope `::`, no `<` or `>` (a template argument list), no
/// reference `&` before the `=`, no `[` opening a value after it (a lambda), no `{` after
/// a name but a tag's (a brace initialiser, `T x{1};`), and no `(` before the `=` but in
/// a macro invoked alone.
pub(crate) fn cpp_plain_declaration(text: &str, toks: &[Token]) -> bool {
    const CPP_DECLARATION_WORDS: &[&str] = &[
        "class", "namespace", "using", "auto", "new", "delete", "this", "friend", "virtual", "explicit", "mutable", "static_cast",
        "reinterpret_cast", "const_cast", "dynamic_cast", "throw", "try", "catch", "nullptr", "thread_local",
    ];
    // A `(` before the `=` may be a constructor's arguments (`static X509List
    // cert((const char*)ca_pem);`, an initialiser to the parser): only a macro invoked alone
    // is read.
    let lone = lone_macro(text, toks);
    let mut after_eq = false;
    for (i, t) in toks.iter().enumerate() {
        let s = t.text(text, 0);
        match t.kind {
            TokKind::Ident if CPP_UNCERTAIN.contains(&s) || CPP_DECLARATION_WORDS.contains(&s) => return false,
            TokKind::Punct if s == "(" && !after_eq && !lone => return false,
            TokKind::Punct => match s {
                "::" | "<" | ">" => return false,
                "&" if !after_eq => return false,
                // A lambda's capture (`= [](...) {...}`), not a later declarator's `y[]`.
                "[" if after_eq && i > 0 && toks[i - 1].kind == TokKind::Punct && !matches!(toks[i - 1].text(text, 0), ")" | "]") => return false,
                // (`struct {`, `struct tag {`: a C type's members, not a brace initialiser.)
                "{" if i > 0 && toks[i - 1].kind == TokKind::Ident && !opens_members(text, toks, i) => return false,
                "=" => after_eq = true,
                _ => {}
            },
            _ => {}
        }
    }
    true
}

/// The index of the bracket that `close` (from [`bracketed`]) says is closed at `c`.
fn opener(close: &[usize], c: usize) -> Option<usize> {
    (0..c).rev().find(|&o| close[o] == c)
}

/// `struct`, `union` or `enum`: a tag's keyword.
fn is_tag(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Ident && matches!(t.text(text, 0), "struct" | "union" | "enum")
}

/// Whether the `{` at `o` opens a type's members: `struct {`, `struct name {` (union, enum).
fn opens_members(text: &str, toks: &[Token], o: usize) -> bool {
    (o >= 1 && is_tag(text, &toks[o - 1])) || (o >= 2 && toks[o - 1].kind == TokKind::Ident && is_tag(text, &toks[o - 2]))
}

/// The tokens starting inside a byte range, their brackets matched.
struct Bracketed<'t> {
    toks: &'t [Token],
    /// For each opening bracket, the index of the one closing it (`usize::MAX`: none).
    close: CloseTable,
    /// A closing bracket without an opening one.
    stray: bool,
    /// An `=` directly inside `[...]`.
    eq_in_square: bool,
}

thread_local! {
    /// The last [`CloseTable`]'s memory, for the next: a body read from tokens asks for one
    /// (ten thousand bodies of azure-iot-sdk-c's unit tests, each an allocation and a free).
    static CLOSE: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A bracket table whose memory goes back to the thread's when dropped.
struct CloseTable(Vec<usize>);

impl CloseTable {
    fn new(len: usize) -> CloseTable {
        let mut v = CLOSE.take();
        v.clear();
        v.resize(len, usize::MAX);
        CloseTable(v)
    }
}

impl std::ops::Deref for CloseTable {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        &self.0
    }
}

impl Drop for CloseTable {
    fn drop(&mut self) {
        let v = std::mem::take(&mut self.0);
        // (One huge body does not keep its table for the rest of a language server's life.)
        if v.capacity() <= SCRATCH_KEPT {
            CLOSE.set(v);
        }
    }
}

/// The tokens of `toks` (sorted) that start inside `range`, with their brackets matched.
fn bracketed<'t>(toks: &'t [Token], range: &Range<usize>) -> Bracketed<'t> {
    let lo = toks.partition_point(|t| t.lo() < range.start);
    let hi = toks.partition_point(|t| t.lo() < range.end);
    let toks = &toks[lo..hi];
    let mut close = CloseTable::new(toks.len());
    let (mut stray, mut eq_in_square) = (false, false);
    let mut stack: SmallVec<[usize; 32]> = SmallVec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokKind::Punct {
            continue;
        }
        match t.byte {
            b'(' | b'[' | b'{' => stack.push(i),
            b')' | b']' | b'}' => match stack.pop() {
                Some(open) => close.0[open] = i,
                None => stray = true,
            },
            b'=' => eq_in_square |= stack.last().is_some_and(|&o| toks[o].byte == b'['),
            _ => {}
        }
    }
    Bracketed { toks, close, stray, eq_in_square }
}

/// Whether the tokens `toks` (from a name to a `;`) are one macro invoked at file level:
/// `NAME(...);`.
pub(crate) fn lone_macro(text: &str, toks: &[Token]) -> bool {
    let n = toks.len();
    let punct = |i: usize, p: &str| toks[i].is_punct(text, p);
    n >= 3 && toks[0].kind == TokKind::Ident && punct(1, "(") && punct(n - 1, ";") && closing(text, toks, 1) == Some(n - 2)
}

/// Whether the code at `toks` (its code tokens, in order) starts with a macro invoked
/// without `;` and glued to what follows (`END_NAMESPACE(X) bool flag;`): the parser's
/// reading of such a macro depends on what precedes it, so the declaration before it stays
/// parsed. Tokens are taken only to the one after the macro's `)`.
pub(crate) fn glued_macro<'t>(text: &str, toks: impl Iterator<Item = &'t Token>) -> bool {
    let mut toks = toks.enumerate();
    if toks.next().is_none_or(|(_, t)| t.kind != TokKind::Ident) {
        return false;
    }
    let Some(open) = toks.next().filter(|(_, t)| t.is_punct(text, "(")) else { return false };
    match closing_in(text, std::iter::once(open).chain(&mut toks)) {
        Some(_) => toks.next().is_none_or(|(_, t)| !(t.is_punct(text, ";") || t.is_punct(text, "{"))),
        None => true,
    }
}

/// `NAME(a, b, ...)` without `;`: a macro's name invoked with two or more arguments, each a
/// word or a number, as the SDKs' enum helpers are (`MU_DEFINE_ENUM_STRINGS(E, E_VALUES)`),
/// when written glued to what follows. Before a declaration tree-sitter-c reads it as a
/// call statement missing its `;`, and the declaration after it as it reads one alone; with
/// one argument (`NAME(word)`) it reads a type instead (`macro_type_specifier`), which
/// changes the declaration: that shape is not taken.
fn glued_macro_call(text: &str, toks: &[Token]) -> bool {
    let n = toks.len();
    if n < 6 || toks[0].kind != TokKind::Ident || !is_macro_name(toks[0].text(text, 0)) || !toks[1].is_punct(text, "(") || !toks[n - 1].is_punct(text, ")") {
        return false;
    }
    let inside = &toks[2..n - 1];
    let word = |t: &Token| matches!(t.kind, TokKind::Ident | TokKind::Number);
    inside.iter().enumerate().all(|(k, t)| if k % 2 == 0 { word(t) } else { t.is_punct(text, ",") }) && inside.len() % 2 == 1 && inside.len() >= 3
}

/// Whether the code from token `from` on is a declaration (or more glued macros before one):
/// a word first, then a `;` at the outer level before any function body (`) {`).
fn declaration_follows(text: &str, toks: &[Token], from: usize, directive_lines: &[Range<usize>]) -> bool {
    let code = toks[from..].iter().filter(|t| !preprocess::overlaps(directive_lines, &(t.lo()..t.lo() + 1)));
    let mut depth = 0usize;
    let mut prev: Option<&Token> = None;
    for t in code {
        if prev.is_none() && t.kind != TokKind::Ident {
            return false;
        }
        if t.kind == TokKind::Punct {
            match t.text(text, 0) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth = depth.saturating_sub(1),
                "{" => {
                    if depth == 0 && prev.is_some_and(|p| p.is_punct(text, ")")) {
                        return false;
                    }
                    depth += 1;
                }
                "}" => {
                    if depth == 0 {
                        return false;
                    }
                    depth -= 1;
                }
                ";" if depth == 0 => return true,
                _ => {}
            }
        }
        prev = Some(t);
    }
    false
}

/// The index of the bracket closing the one at `open`.
fn closing(text: &str, toks: &[Token], open: usize) -> Option<usize> {
    closing_in(text, toks.iter().enumerate().skip(open))
}

/// The index (as `toks` numbers them) of the bracket closing the first one `toks` gives,
/// taking no token after it.
fn closing_in<'t>(text: &str, toks: impl Iterator<Item = (usize, &'t Token)>) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks {
        if t.kind != TokKind::Punct {
            continue;
        }
        match t.text(text, 0) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// C++ words after which a body's tokens are not read with certainty.
const CPP_UNCERTAIN: &[&str] = &[
    "operator", "template", "typename", "constexpr", "consteval", "constinit", "decltype", "noexcept", "typeid",
    "requires", "concept", "co_await", "co_yield", "co_return", "alignas", "asm", "__asm", "__asm__",
];

/// C++ words before `(` that the parser reads as no call (`catch (...)`, `throw (e)`), and
/// the types tree-sitter knows as primitive (`uint8_t(x)` is a cast).
const CPP_NOT_CALLS: &[&str] = &[
    "catch", "throw", "new", "delete", "this", "size_t", "ssize_t", "ptrdiff_t", "intptr_t", "uintptr_t", "charptr_t",
    "nullptr_t", "max_align_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "char8_t", "char16_t", "char32_t",
];

/// C++ words that may start an expression statement (`return f(x)`, `else g()`): a name
/// after one of them is not a declared name.
const CPP_EXPR_WORDS: &[&str] = &["return", "case", "else", "do", "throw", "delete"];

/// Whether a C++ body's tokens hold none of the shapes whose facts tokens cannot tell:
/// the words of [`CPP_UNCERTAIN`]; a template argument list (`f<T>(x)`, `vector<int> v`;
/// only a scope `A<T>::` is read); a name before `{` (`T x{1}`, a local class; not a
/// local type of data alone, [`local_data_type`]); an
/// attribute `[[...]]` or a structured binding `auto [a, b]`; a destructor called by
/// name (`p->~T()`); placement `new (...)`, `delete (...)`; a string literal next to a
/// name (`"x" DLM`); an access label (`public:`) unless `labels` (a macro class's body,
/// where it is read as nothing).
fn cpp_plain(text: &str, toks: &[Token], close: &[usize], labels: bool) -> bool {
    let s = |i: usize| toks[i].text(text, 0);
    let punct = |i: usize, p: &str| i < toks.len() && toks[i].is_punct(text, p);
    for i in 0..toks.len() {
        let t = toks[i];
        if t.kind == TokKind::Ident {
            let w = s(i);
            if CPP_UNCERTAIN.contains(&w) {
                return false;
            }
            if punct(i + 1, "{") && !matches!(w, "else" | "do" | "try") && !local_data_type(text, toks, close, i) {
                return false;
            }
            if !labels && matches!(w, "public" | "private" | "protected") && punct(i + 1, ":") {
                return false; // a class's members, not statements
            }
            if matches!(w, "new" | "delete") && punct(i + 1, "(") {
                return false;
            }
            if punct(i + 1, "<") && !punct(i + 2, "<") && !punct(i + 2, "=") {
                if let Some(gt) = template_close(text, toks, close, i + 1) {
                    if !punct(gt + 1, "::") {
                        return false;
                    }
                }
            }
            continue;
        }
        // A string next to a name: a macro joined to a literal (`"x" DLM`, `"%" PRIu32`),
        // which tree-sitter-cpp reads otherwise than as one argument.
        if t.kind == TokKind::Str && toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Ident) {
            return false;
        }
        if t.kind == TokKind::Str && i > 0 && toks[i - 1].kind == TokKind::Ident && !matches!(s(i - 1), "return" | "case" | "else" | "throw") {
            return false;
        }
        if t.kind != TokKind::Punct {
            continue;
        }
        match s(i) {
            "[" if punct(i + 1, "[") => return false,
            "[" if i > 0 && (punct(i - 1, "&") || (toks[i - 1].kind == TokKind::Ident && s(i - 1) == "auto")) => return false,
            "~" if i > 0 && (punct(i - 1, ".") || punct(i - 1, "->") || punct(i - 1, "::")) => return false,
            _ => {}
        }
    }
    true
}

/// Whether the `{` after the word at `i` opens a local type of data alone: `struct P {`,
/// `union {`, `enum E {` with no parenthesis inside (no member function, no function
/// pointer), as C writes one (`struct P { int y; int m; } cases[] = {{2011, 2}};`, the
/// test vectors of azure-iot-sdk-c's C++ unit tests). The tokens read it as they read C;
/// a parse of such a body was the most costly part of those files (error recovery in the
/// assertion macros around it).
fn local_data_type(text: &str, toks: &[Token], close: &[usize], i: usize) -> bool {
    let word = |k: usize| toks[k].kind == TokKind::Ident && matches!(toks[k].text(text, 0), "struct" | "union" | "enum");
    // (`enum class E {`: the word before `E` is `class`, so it stays with the parser.)
    let tagged = word(i) || (i > 0 && word(i - 1));
    tagged && close.get(i + 1).is_some_and(|&c| c != usize::MAX && !toks[i + 2..c].iter().any(|t| t.is_punct(text, "(")))
}

/// The `>` closing a template argument list opened by the `<` at `lt`, when the tokens
/// can be one: `<` and `>` nest, bracketed groups are skipped whole, and the list ends
/// at no `;`, `{`, `}` or closing bracket. Liberal on purpose (`a < b && c > d` reads as
/// one): the caller then leaves the body to the parser, which is always safe.
fn template_close(text: &str, toks: &[Token], close: &[usize], lt: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = lt;
    while i < toks.len() {
        if toks[i].kind == TokKind::Punct {
            match toks[i].text(text, 0) {
                "<" => depth += 1,
                ">" => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                "(" | "[" => {
                    if close[i] == usize::MAX {
                        return None;
                    }
                    i = close[i];
                }
                ";" | "{" | "}" | ")" | "]" => return None,
                _ => {}
            }
        }
        i += 1;
    }
    None
}

enum CppCall {
    /// A call whose range starts at this token (the object, the scope, or the name).
    Call(usize),
    /// `new T(...)`: the type constructed.
    NotACall,
    Uncertain,
}

/// The C++ name at `k`, before `(`: where the parser's call starts, or why there is none.
fn cpp_call(text: &str, toks: &[Token], close: &[usize], k: usize) -> CppCall {
    let s = |i: usize| toks[i].text(text, 0);
    let punct = |i: usize, p: &str| toks[i].is_punct(text, p);
    let Some(start) = chain_start(text, toks, close, k) else { return CppCall::Uncertain };
    let Some(p) = start.checked_sub(1) else { return CppCall::Call(start) };
    if toks[p].kind == TokKind::Ident {
        let w = s(p);
        if w == "new" {
            return CppCall::NotACall;
        }
        if facts::is_keyword(w) || CPP_EXPR_WORDS.contains(&w) {
            return CppCall::Call(start);
        }
        return CppCall::Uncertain; // `T x(a)`: a declaration with constructor arguments
    }
    if punct(p, ">") {
        return CppCall::Uncertain;
    }
    if (punct(p, "*") || punct(p, "&")) && p >= 1 {
        // `T* p(a)` / `T& r(a)` at the start of a statement declares; `a * f(x)` multiplies.
        let type_before = (toks[p - 1].kind == TokKind::Ident && !facts::is_keyword(s(p - 1))) || punct(p - 1, ">");
        let statement_start = p < 2 || matches!(s(p - 2), ";" | "{" | "}") || toks[p - 2].kind == TokKind::Ident;
        if type_before && statement_start {
            return CppCall::Uncertain;
        }
    }
    CppCall::Call(start)
}

/// The first token of the postfix expression whose last name is at `k`: back over
/// `.`/`->` to the object (a name, a call, a subscript, a parenthesised expression) and
/// over `::` to the scope (`ns::`, `A<T>::`, a leading `::`). `None` when the object is
/// something else (a literal, a template call).
fn chain_start(text: &str, toks: &[Token], close: &[usize], k: usize) -> Option<usize> {
    let s = |i: usize| toks[i].text(text, 0);
    let punct = |i: usize, p: &str| toks[i].is_punct(text, p);
    let name = |i: usize| toks[i].kind == TokKind::Ident && !facts::is_keyword(s(i));
    let mut b = k;
    loop {
        if b == 0 {
            return Some(b);
        }
        if punct(b - 1, "::") {
            if b >= 2 && name(b - 2) {
                b -= 2;
                continue;
            }
            if b >= 2 && punct(b - 2, ">") {
                // `A<T>::`: back to the `<` and its name.
                let mut depth = 0usize;
                let mut j = b - 2;
                loop {
                    if punct(j, ">") {
                        depth += 1;
                    } else if punct(j, "<") {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    } else if toks[j].kind == TokKind::Punct && matches!(s(j), ";" | "{" | "}") {
                        return None;
                    }
                    j = j.checked_sub(1)?;
                }
                if j >= 1 && name(j - 1) {
                    b = j - 1;
                    continue;
                }
                return None;
            }
            return Some(b - 1); // `::f`: the global scope
        }
        if punct(b - 1, ".") || punct(b - 1, "->") {
            // The object ends just before the operator.
            let mut e = b.checked_sub(2)?;
            loop {
                if name(e) {
                    b = e;
                    break;
                }
                if punct(e, "]") {
                    let o = opener(close, e)?;
                    e = o.checked_sub(1)?;
                    continue; // a subscript follows its operand
                }
                if punct(e, ")") {
                    let o = opener(close, e)?;
                    if o >= 1 && name(o - 1) {
                        b = o - 1; // a call: its name (and what leads to it) starts the object
                        break;
                    }
                    if o >= 1 && (punct(o - 1, ")") || punct(o - 1, "]") || punct(o - 1, ">")) {
                        return None;
                    }
                    return Some(o); // a parenthesised expression
                }
                return None;
            }
            continue;
        }
        return Some(b);
    }
}

/// The value assigned by the `=` at token `k`: up to `;` or `,` at its level, or the
/// enclosing closer (bracketed groups skipped whole). `None` when nothing follows.
fn assigned_value(toks: &[Token], close: &[usize], k: usize) -> Option<Range<usize>> {
    let vstart = k + 1;
    let mut v = vstart;
    // (Punctuators by their byte: a string compare per token of every value was 2% of a
    // `check` of the generated 10,000-file tree.)
    while v < toks.len() {
        match toks[v].byte {
            b'(' | b'[' | b'{' if close[v] != usize::MAX => {
                v = close[v] + 1;
                continue;
            }
            b if ends_value(b) => break,
            _ => {}
        }
        v += 1;
    }
    (v > vstart && v <= toks.len()).then(|| toks[vstart].lo()..toks[v - 1].hi())
}

/// Whether [`assigned_value`] finds a value for the `=` at token `k`, without reading it
/// to its end: a token follows that does not end one.
fn value_follows(toks: &[Token], k: usize) -> bool {
    toks.get(k + 1).is_some_and(|t| !ends_value(t.byte))
}

/// A punctuator that ends an assigned value at its level (by its byte).
fn ends_value(b: u8) -> bool {
    matches!(b, b';' | b',' | b')' | b']' | b'}')
}

const QUALIFIERS: &[&str] = &["const", "volatile", "restrict", "__restrict"];

/// The `=` at token `k` of a function body, read as the parser reads it: `x = v` and
/// `x op= v` (an assignment to a name), `a.f = v` / `p->f = v` (to a field; the object's
/// last name is the base), `.f = v` in an initialiser list, `T x = v`, `T *x = v` and the
/// later declarators of `T a = 1, b = 2` (initialisers). A target the parser does not name
/// (`*p = v`, `a[i] = v`, `*p->f = v`) gives nothing.
fn body_assignment(text: &str, toks: &[Token], close: &[usize], k: usize, cpp: bool, facts: &mut FileFacts) -> bool {
    let s = |i: usize| toks[i].text(text, 0);
    let punct = |i: usize, p: &str| toks[i].is_punct(text, p);
    let prev = k - 1;
    let lhs_end = if matches!(toks[prev].byte, b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^') {
        prev
    } else if matches!(toks[prev].byte, b'<' | b'>') {
        // `<<=`, `>>=`; a lone `<=`/`>=` compares.
        if prev >= 1 && punct(prev - 1, s(prev)) {
            prev - 1
        } else {
            return true;
        }
    } else if matches!(toks[prev].byte, b'=' | b'!') {
        return true;
    } else {
        k
    };
    let compound = lhs_end != k;
    if lhs_end == 0 {
        return true;
    }
    let Some(value) = assigned_value(toks, close, k) else { return true };
    let last = lhs_end - 1;
    // A field: `.f = v` in an initialiser list, or `object.f` / `object->f`.
    if toks[last].kind == TokKind::Ident && last >= 1 && (punct(last - 1, ".") || punct(last - 1, "->")) {
        let field = Ident::from(s(last));
        if last >= 2 && punct(last - 1, ".") && (punct(last - 2, "{") || punct(last - 2, ",")) {
            facts.assigns.push(Assign::new(AssignTarget::Field(field), None, value.clone(), toks[last - 1].lo()..value.end));
            return true;
        }
        // The object: back over its operands (a name, a subscript, a call, a parenthesised
        // expression) and the `.`/`->` between them.
        let mut b = last - 1;
        while b > 0 {
            let p = b - 1;
            if toks[p].kind == TokKind::Ident && !facts::is_keyword(s(p)) {
                b = p;
            } else if punct(p, "]") {
                let Some(o) = opener(close, p) else { return true };
                b = o;
                continue; // a subscript follows its operand
            } else if punct(p, ")") {
                let Some(o) = opener(close, p) else { return true };
                b = o;
                if o > 0 && toks[o - 1].kind == TokKind::Ident && !facts::is_keyword(s(o - 1)) {
                    continue; // a call: its name is the operand
                }
            } else {
                break;
            }
            if b > 0 && (punct(b - 1, ".") || punct(b - 1, "->")) {
                b -= 1;
            } else {
                break;
            }
        }
        if b == last - 1 || (b > 0 && (punct(b - 1, "*") || punct(b - 1, "&"))) {
            return true; // no object, or `*p->f`: not a field the parser names
        }
        if cpp && b > 0 && punct(b - 1, "::") {
            return false; // `ns::obj.f = v`: the parser's range starts at the scope
        }
        let base = toks[b..last - 1].iter().rev().find(|t| t.kind == TokKind::Ident).map(|t| Ident::from(t.text(text, 0)));
        facts.assigns.push(Assign::new(AssignTarget::Field(field), base, value.clone(), toks[b].lo()..value.end));
        return true;
    }
    // A name, perhaps subscripted (only a declaration names an array's target).
    let mut n = last;
    let subscripted = punct(n, "]");
    if subscripted {
        let Some(open) = opener(close, n) else { return true };
        if open == 0 {
            return true;
        }
        n = open - 1;
        while n > 0 && punct(n, "]") {
            let Some(o) = opener(close, n) else { return true };
            if o == 0 {
                return true;
            }
            n = o - 1;
        }
    }
    if toks[n].kind != TokKind::Ident || is_type_word(s(n)) || facts::is_keyword(s(n)) {
        return true;
    }
    // Back over the declarator's pointers and qualifiers (`* const p`).
    let mut first_star = None;
    let mut j = n;
    loop {
        let mut q = j;
        while q > 0 && toks[q - 1].kind == TokKind::Ident && QUALIFIERS.contains(&s(q - 1)) {
            q -= 1;
        }
        // (C++: `T& r = v`, `T&& r = v` declare a reference as `*` a pointer.)
        if q > 0 && (punct(q - 1, "*") || (cpp && punct(q - 1, "&"))) {
            j = q - 1;
            first_star = Some(j);
        } else {
            break;
        }
    }
    // Qualifiers before the first `*` belong to the type.
    let chain_start = first_star.unwrap_or(n);
    let before = chain_start.checked_sub(1);
    if cpp && before.is_some_and(|b| punct(b, "::")) {
        return true; // `ns::x = v`: the parser names no target
    }
    let is_type = |i: usize| toks[i].kind == TokKind::Ident && !facts::is_keyword(s(i)) && !(cpp && CPP_EXPR_WORDS.contains(&s(i)));
    let declared = !compound
        && match before {
            Some(b) if is_type(b) => true,
            Some(b) if punct(b, ",") => declaration_statement(text, toks, close, b),
            // `struct { ... } name = ...`: the type is the body before the name.
            Some(b) if punct(b, "}") => opener(close, b).is_some_and(|o| opens_members(text, toks, o)),
            _ => false,
        };
    let name = Ident::from(s(n));
    if declared {
        facts.inits.push(Init { name, value: value.clone(), range: toks[chain_start].lo()..value.end });
    } else if first_star.is_none() && !subscripted {
        facts.assigns.push(Assign::new(AssignTarget::Var(name), None, value.clone(), toks[n].lo()..value.end));
    }
    true
}

/// Whether the statement holding token `at` (at its bracket level) is a declaration: it
/// starts with a type name followed by a name or `*` (`int a = 1, b = 2`), not with an
/// expression (`a = 1, b = 2`); back over the earlier declarators' initialiser lists
/// (`T a[] = {...}, b[] = {...}`) to the type, which may be a struct's members
/// (`struct { ... } a = ..., b = ...`).
fn declaration_statement(text: &str, toks: &[Token], close: &[usize], at: usize) -> bool {
    let s = |i: usize| toks[i].text(text, 0);
    let mut i = at;
    while i > 0 {
        let p = i - 1;
        if toks[p].kind == TokKind::Punct {
            match s(p) {
                "}" => match opener(close, p) {
                    // An earlier declarator's initialiser list (`T a[] = {...}, b[] = ...`).
                    Some(o) if o > 0 && toks[o - 1].kind == TokKind::Punct && s(o - 1) == "=" => {
                        i = o;
                        continue;
                    }
                    // The type's members (`struct { ... } a = ..., b = ...`).
                    Some(o) if opens_members(text, toks, o) => return true,
                    _ => break,
                },
                ";" | "{" | "(" | "[" => break,
                ")" | "]" => {
                    // Over a bracketed group to its opener.
                    match opener(close, p) {
                        Some(o) => {
                            i = o;
                            continue;
                        }
                        None => break,
                    }
                }
                _ => {}
            }
        }
        i = p;
    }
    i + 1 < toks.len()
        && toks[i].kind == TokKind::Ident
        && !facts::is_keyword(s(i))
        && (toks[i + 1].kind == TokKind::Ident || (toks[i + 1].kind == TokKind::Punct && s(i + 1) == "*"))
}

/// The function definitions of a C file whose code is read from tokens but for the heads
/// of its bodies (`bodies`: the cold bodies, `{` to `}`; `decls`: the cold declarations,
/// both byte ranges into `text`; `toks`: the tokens of `text`, directive lines included),
/// read from those heads, the calls the parser reads between them, and the islands of code
/// the parser is left to read alone: the hot functions (`hot`: the bodies the tokens do
/// not read), with their heads, and whatever else the tokens do not read, each a whole
/// top-level item or run of them. Without islands the file needs no parse. A head is read
/// when it is plain ([`plain_head`]), after a macro invoked alone ([`macro_before_head`]),
/// or in the shapes of the SDKs' unit test frameworks, each as the parser reads it:
/// `BEGIN_TEST_SUITE(s)` then `TEST_SUITE_INITIALIZE(init) {` is a function named by the
/// second macro (the first its type); `TEST_FUNCTION(t) {` after a body, and
/// `END_TEST_SUITE(s)` after the last, are nothing (no type: neither a function nor a call
/// to the parser). Another head starts an island that ends with its body. An island starts
/// where a top-level item does (after a body, a declaration or another island) and ends
/// where one does (at a body's `}`, or at a `;` or `}` outside brackets before a
/// declaration): a parse of the islands alone reads each as the parse of the whole file
/// does. A whole item the parser reads only by error recovery is read from tokens instead
/// ([`HardItems`]), the items around it in islands. `None` when code before a declaration
/// does not end an item, when an island or a head would still hold a shape the parser
/// reads with an error ([`hard_to_parse`]: one not a whole item of its own, a prototype
/// with a macro before its type), when a conditional
/// group has directive lines both in an island and outside it (`directive_groups`, each a
/// group's lines), or when a conditional directive holds a call (`#if FOO(1)`: the parser
/// reads it as one).
///
/// A C++ file (`lang`) is read so too, with tree-sitter-cpp's readings of the test
/// frameworks' shapes, which are not tree-sitter-c's: `NAME(word, ...) {` is a function
/// named `NAME` (a constructor's declarator: `TEST_FUNCTION(t) {`, the mock frameworks'
/// `TYPED_MOCK_CLASS(CMocks, CGlobalMock) {`), `BEGIN_TEST_SUITE(s)` before
/// `TEST_SUITE_INITIALIZE(init) {` a call and a function named `TEST_SUITE_INITIALIZE`,
/// `END_TEST_SUITE(s)` after the last body a call. Whole definitions whose bodies the
/// file-level reading does not take for bodies (a C++ operator's, among others) and
/// namespaces go to the parser in islands; a macro before a head, a head after a macro
/// invoked alone, or a prototype with a macro before its type leave the file to it.
/// (azure-iot-sdk-c's twelve C++ unit tests, parsed whole, were over a quarter of the
/// reading of its files.)
#[allow(clippy::too_many_arguments)]
pub(crate) fn plain_heads(
    text: &str,
    toks: &[Token],
    lines: &[Range<usize>],
    directive_groups: &[&[Range<usize>]],
    bodies: &[Range<usize>],
    hot: &[Range<usize>],
    decls: &[Range<usize>],
    lang: Lang,
) -> Option<PlainHeads> {
    if conditionals_hold_calls(text, directive_groups.iter().flat_map(|g| g.iter())) {
        return None;
    }
    let cpp = lang == Lang::Cpp;
    // tree-sitter-cpp's reading of a test framework's head `NAME(word) {`: a function
    // named by the macro (a constructor's declarator: the word is a parameter's type).
    let macro_function = |name: &Token, body: &Range<usize>| FunctionDef {
        name: Ident::from(name.text(text, 0)),
        name_range: name.range(),
        is_static: false,
        params: Vec::new(),
        body: body.clone(),
        idents: facts::Names::default(),
    };
    // (range, a body, a hot body)
    let mut cold: Vec<(Range<usize>, bool, bool)> =
        bodies.iter().map(|b| (b.clone(), true, false)).chain(hot.iter().map(|b| (b.clone(), true, true))).chain(decls.iter().map(|d| (d.clone(), false, false))).collect();
    cold.sort_by_key(|c| c.0.start);
    let mut out = Vec::new();
    let mut calls = Vec::new();
    let mut islands: Vec<Range<usize>> = Vec::new();
    let mut hard = HardItems::default();
    let mut pending: Vec<Token> = Vec::new();
    let mut k = 0;
    let mut li = 0;
    // Whether the last cold range was a body (`}` ends it).
    let mut last_was_body = false;
    let mut next = 0;
    while next < toks.len() {
        let t = &toks[next];
        next += 1;
        while li < lines.len() && lines[li].end <= t.lo() {
            li += 1;
        }
        if li < lines.len() && lines[li].start <= t.lo() {
            continue;
        }
        while k < cold.len() && cold[k].0.end <= t.lo() {
            k += 1;
        }
        // Past a cold range's first token, with nothing pending, its tokens read nothing:
        // on to the first token after it (the bodies are most of a file's tokens).
        if k < cold.len() && cold[k].0.start < t.lo() && pending.is_empty() {
            next = toks.partition_point(|x| x.lo() < cold[k].0.end);
            continue;
        }
        if k < cold.len() && cold[k].0.start <= t.lo() {
            if !pending.is_empty() || t.lo() == cold[k].0.start && cold[k].1 {
                // The first token of a cold range: a body needs its head, a declaration
                // none before it (or an island of whole items).
                if t.lo() != cold[k].0.start {
                    return None;
                }
                if !cold[k].1 {
                    if hard_to_parse(text, &pending) && hard.peel(text, &mut pending, &mut islands).is_some() {
                        last_was_body = false;
                        if pending.is_empty() {
                            continue;
                        }
                    }
                    if !ends_items(&pending) || (hard_to_parse(text, &pending) && !(cpp && whole_definitions(text, &pending))) {
                        return None;
                    }
                    islands.push(pending[0].lo()..pending[pending.len() - 1].hi());
                    pending.clear();
                    last_was_body = false;
                    continue;
                }
                // (Items read from tokens alone before the head: to the parser, which does
                // not see them, the head still follows what came before them.)
                let mut after_body = last_was_body;
                if cpp {
                    // C++: plain heads, and the test framework's heads as tree-sitter-cpp
                    // reads them; anything else it reads with an error leaves the file to it.
                    // Whole definitions before the head whose bodies the file-level reading
                    // did not take for bodies (a C++ operator's, among others) go to the
                    // parser, an island of their own.
                    definitions_to_island(text, &mut pending, &mut islands);
                    let test_head = |p: &[Token]| !cold[k].2 && (macro_words_shape(text, p) || suite_initialize_head(text, p));
                    if hard_to_parse(text, &pending) && !test_head(&pending) {
                        // The items before the head that tree-sitter-cpp reads only by error
                        // recovery: read from tokens, as in C (the head then stands alone).
                        hard.peel(text, &mut pending, &mut islands);
                        if pending.is_empty() {
                            return None;
                        }
                    }
                    if test_head(&pending) {
                        if suite_initialize_head(text, &pending) {
                            // `BEGIN_TEST_SUITE(s)` a call (missing its `;`), the second
                            // macro a function named by it.
                            calls.push(macro_call(text, &pending[..4]));
                            pending.drain(..4);
                        }
                        out.push(macro_function(&pending[0], &cold[k].0));
                        pending.clear();
                        last_was_body = true;
                        continue;
                    }
                    if (hard_to_parse(text, &pending) && !(cold[k].2 && macro_words_shape(text, &pending))) || suite_initialize_head(text, &pending) || macro_before_head(text, &pending).is_some() {
                        return None;
                    }
                }
                let shell = |p: &[Token]| lone_macro_shape(text, p) || suite_initialize_head(text, p);
                let plain = |p: &[Token]| match macro_before_head(text, p) {
                    Some((_, rest)) => plain_head(text, rest, &cold[k].0, false).is_some(),
                    None => plain_head(text, p, &cold[k].0, true).is_some(),
                };
                // (Only where the head would otherwise leave the file to the parser.)
                if !cpp && hard_to_parse(text, &pending) && (cold[k].2 || !(shell(&pending) || plain(&pending))) {
                    if let Some(island) = hard.peel(text, &mut pending, &mut islands) {
                        after_body &= !island;
                        if pending.is_empty() {
                            return None;
                        }
                    }
                }
                last_was_body = true;
                if cold[k].2 {
                    // A hot body: the parser reads it with its head (in C++ also a test
                    // framework's, which it reads as a function).
                    if pending.is_empty() || (hard_to_parse(text, &pending) && !(cpp && macro_words_shape(text, &pending))) {
                        return None;
                    }
                    islands.push(pending[0].lo()..cold[k].0.end);
                    pending.clear();
                    continue;
                }
                if lone_macro_shape(text, &pending) {
                    // A test framework's `TEST_FUNCTION(name) {` after a body: no type, and
                    // the parser reads no function (nor call) there.
                    if after_body {
                        pending.clear();
                        continue;
                    }
                    return None;
                }
                if suite_initialize_head(text, &pending) {
                    // `BEGIN_TEST_SUITE(s)` then `TEST_SUITE_INITIALIZE(init) {`: the first
                    // macro is the second's type to the parser, a function named by the second.
                    let name = pending[4];
                    out.push(FunctionDef {
                        name: Ident::from(name.text(text, 0)),
                        name_range: name.range(),
                        is_static: false,
                        params: Vec::new(),
                        body: cold[k].0.clone(),
                        idents: facts::Names::default(),
                    });
                    pending.clear();
                    continue;
                }
                let (head, after_macro, call) = match macro_before_head(text, &pending) {
                    Some((call, rest)) => (rest, true, call),
                    None => (&pending[..], false, None),
                };
                // (Macros before the type only where no macro was invoked before the head:
                // how the parser reads the two together was not checked.)
                match plain_head(text, head, &cold[k].0, !after_macro && !cpp) {
                    Some(def) => {
                        calls.extend(call);
                        out.push(def);
                    }
                    // Any other head: the parser reads it (the body's inside stays skipped).
                    None if hard_to_parse(text, &pending) => return None,
                    None => islands.push(pending[0].lo()..cold[k].0.end),
                }
                pending.clear();
            } else if t.lo() == cold[k].0.start {
                last_was_body = false;
            }
            continue;
        }
        pending.push(*t);
    }
    // (As before a head: whole definitions after the last body to the parser.)
    if cpp && definitions_to_island(text, &mut pending, &mut islands) {
        last_was_body = true;
    }
    if cpp && last_was_body && lone_macro_shape(text, &pending) {
        // `END_TEST_SUITE(s)` after the last body: a call to tree-sitter-cpp.
        calls.push(macro_call(text, &pending));
        pending.clear();
    }
    if cpp && (hard_to_parse(text, &pending) || lone_macro_shape(text, &pending)) {
        return None;
    }
    // (`END_TEST_SUITE(s)` after the last body: nothing to tree-sitter-c.)
    if hard_to_parse(text, &pending) {
        if let Some(island) = hard.peel(text, &mut pending, &mut islands) {
            last_was_body &= !island;
        }
    }
    if !(pending.is_empty() || last_was_body && lone_macro_shape(text, &pending)) {
        // What follows the last cold range (to the end of the text when it ends no item).
        if hard_to_parse(text, &pending) {
            return None;
        }
        let end = if ends_items(&pending) { pending[pending.len() - 1].hi() } else { text.len() };
        islands.push(pending[0].lo()..end);
    }
    take_in_group_lines(toks, lines, directive_groups, decls, &mut islands);
    if groups_cross(directive_groups, &islands) {
        return None;
    }
    Some(PlainHeads { functions: out, calls, islands, hard: hard.ranges, hard_facts: hard.facts })
}

/// What [`plain_heads`] reads of a file: the functions of its plain heads, the calls the
/// parser reads between them, and the islands the parser reads alone (byte ranges, in
/// order).
pub(crate) struct PlainHeads {
    pub functions: Vec<FunctionDef>,
    pub calls: Vec<Call>,
    pub islands: Vec<Range<usize>>,
    /// The file-level items the parser reads only by error recovery, read from tokens
    /// ([`HardItems`]): byte ranges, in order.
    pub hard: Vec<Range<usize>>,
    /// What those items hold: their assignments and initialisers.
    pub hard_facts: FileFacts,
}

/// The file-level items of a file read from its heads that the parser reads only by error
/// recovery ([`hard_to_parse`]: a macro invoked without `;` or with an empty first
/// argument, as the mock frameworks' `MOCKABLE_FUNCTION(, T, f, ...)` and
/// `MOCK_FUNCTION_END(...)` lines, the serializer's `BEGIN_NAMESPACE(...)` and
/// `DECLARE_MODEL(...)`, `MU_DEFINE_ENUM_STRINGS(...)` before a head; strings joined by
/// macros `= PREFIX VERSION;`), and a macro invoked alone with its `;` among them (parsed
/// alone in an island, the parser would read a call there; in the file it reads none, as
/// [`read_item`] does). How the parser recovers from such an error depends on what it reads around it,
/// a different reading in each file (a prototype read as a call, an item merged with the
/// head after it), so such a file used to be parsed whole: azure-iot-sdk-c's unit tests
/// and serializer tests, a fifth of its reading. Each such item is read from tokens
/// instead, as the token path reads a file that does not matter: its assignments and
/// initialisers; a macro invoked alone, anything else in it reads as nothing (no call: at
/// file level a name before `(` is a declarator as often as a call). The rest of the file
/// is read as before, the items around them in islands of their own, and reads as a parse
/// of the file without those items reads it (tested over the SDK checkouts,
/// `tests/hard_items.rs`). A prototype with a macro before its type is not taken: its file
/// stays parsed whole (see [`HardItems::peel`]).
#[derive(Default)]
struct HardItems {
    ranges: Vec<Range<usize>>,
    facts: FileFacts,
}

impl HardItems {
    /// Splits the whole items at the start of `pending` (each ends with a `;` outside
    /// brackets, or is a macro invoked at an item's start with no `;` after it) into those
    /// the parser reads by error recovery, read from tokens, and runs of the others, each
    /// run an island; `pending` keeps what follows the last whole item (a head, or
    /// nothing). `None` (nothing changed) when no item is hard; else whether the last item
    /// went to an island (not read from tokens).
    fn peel(&mut self, text: &str, pending: &mut Vec<Token>, islands: &mut Vec<Range<usize>>) -> Option<bool> {
        let (items, rest) = whole_items(text, pending);
        if !items.iter().any(|it| hard_to_parse(text, &pending[it.clone()])) {
            return None;
        }
        // (A prototype with a macro before its type stays the parser's, and its file parsed
        // whole: without it, azure-sdk-for-c's `AZ_INLINE T f(void) {` heads around it are
        // still read otherwise by the parser than by their tokens.)
        if items.iter().any(|it| prototype_after_macro(text, &pending[it.clone()], 0)) {
            return None;
        }
        let mut run: Option<Range<usize>> = None;
        let flush = |run: &mut Option<Range<usize>>, islands: &mut Vec<Range<usize>>| {
            if let Some(r) = run.take() {
                islands.push(pending[r.start].lo()..pending[r.end - 1].hi());
            }
        };
        for it in items {
            let toks = &pending[it.clone()];
            // (A macro invoked alone with its `;` reads as nothing, as [`read_item`] reads
            // it; parsed alone in an island, the parser would read a call there.)
            if hard_to_parse(text, toks) || lone_macro(text, toks) {
                flush(&mut run, islands);
                self.ranges.push(toks[0].lo()..toks[toks.len() - 1].hi());
                if !lone_macro(text, toks) {
                    read_hard_item(text, toks, &mut self.facts);
                }
            } else {
                run = Some(run.map_or(it.clone(), |r| r.start..it.end));
            }
        }
        let last_island = run.is_some();
        flush(&mut run, islands);
        pending.drain(..rest);
        Some(last_island)
    }
}

/// The whole file-level items at the start of `toks` (index ranges): each ends with a `;`
/// outside brackets, or is a macro invoked at an item's start (`NAME(...)`) that no `;` or
/// `{` follows; and where what follows them starts.
fn whole_items(text: &str, toks: &[Token]) -> (Vec<Range<usize>>, usize) {
    let name = |t: &Token| t.kind == TokKind::Ident && !facts::is_keyword(t.text(text, 0));
    let mut items = Vec::new();
    let (mut start, mut i, mut depth) = (0, 0, 0usize);
    while i < toks.len() {
        let t = &toks[i];
        if depth == 0 && i == start && name(t) && toks.get(i + 1).is_some_and(|o| o.byte == b'(') {
            if let Some(close) = closing(text, toks, i + 1) {
                if toks.get(close + 1).is_some_and(|n| n.byte != b';' && n.byte != b'{') {
                    items.push(start..close + 1);
                    start = close + 1;
                    i = start;
                    continue;
                }
            }
        }
        match t.byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b';' if depth == 0 => {
                items.push(start..i + 1);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (items, start)
}

/// A hard item's assignments and initialisers (`toks`: its tokens), as the token path
/// reads them at file level.
fn read_hard_item(text: &str, toks: &[Token], facts: &mut FileFacts) {
    let Bracketed { toks, close, stray, .. } = bracketed(toks, &(toks[0].lo()..toks[toks.len() - 1].hi()));
    if stray {
        return;
    }
    for k in 1..toks.len() {
        if toks[k].byte == b'=' && toks[k].kind == TokKind::Punct && toks.get(k + 1).is_none_or(|n| n.byte != b'=') {
            assignment(text, toks, &close, k, false, facts, None);
        }
    }
}

/// Whether code at file level (`toks`) has a shape the parser reads with an error out of
/// a function body: an item that starts with a macro invoked without a `;` after it
/// (`NAME(...)`: the unit tests' `MOCKABLE_FUNCTION(...)` lines, `BEGIN_NAMESPACE(...)`,
/// `MU_DEFINE_ENUM_STRINGS(...)` before a head that is not plain) or with an empty first
/// argument (`MOCKABLE_FUNCTION(, T, f, ...);`), two names in a row in an initialiser
/// (`= PREFIX VERSION;`, strings joined by macros) or after a `*` (`T *MACRO name`), a
/// prototype with a macro before its type (`AZ_NODISCARD az_result f(...);`). How the
/// parser recovers from such an error depends on what it reads around it: an island of
/// them would be parsed for nothing (see `facts::errors_in_bodies`). Such whole items are
/// read from tokens ([`HardItems`]); anywhere else the file is parsed whole.
fn hard_to_parse(text: &str, toks: &[Token]) -> bool {
    let name = |t: &Token| t.kind == TokKind::Ident && !facts::is_keyword(t.text(text, 0));
    let mut depth = 0usize;
    let mut at_start = true;
    let mut in_value = false;
    for (i, t) in toks.iter().enumerate() {
        if depth == 0 && at_start && name(t) && toks.get(i + 1).is_some_and(|o| o.byte == b'(') {
            let unended = closing(text, toks, i + 1).is_none_or(|close| toks.get(close + 1).is_none_or(|n| n.byte != b';'));
            // `NAME(, T, f, ...)`: the mock frameworks' signatures, an empty first argument
            // that neither a call nor a declarator can have.
            if unended || toks.get(i + 2).is_some_and(|a| a.byte == b',') {
                return true;
            }
        }
        if i >= 1 && name(t) && name(&toks[i - 1]) && (in_value || (i >= 2 && toks[i - 2].byte == b'*')) {
            return true;
        }
        if depth == 0 && at_start && prototype_after_macro(text, toks, i) {
            return true;
        }
        match t.byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'=' if depth == 0 => in_value = true,
            _ => {}
        }
        at_start = depth == 0 && (t.byte == b';' || t.byte == b'}');
        if at_start {
            in_value = false;
        }
    }
    false
}

/// Whether a prototype with a macro before its type (`AZ_NODISCARD az_result f(...);`)
/// starts at `toks[i]`.
fn prototype_after_macro(text: &str, toks: &[Token], i: usize) -> bool {
    let name = |t: &Token| t.kind == TokKind::Ident && !facts::is_keyword(t.text(text, 0));
    toks.get(i..i + 4).is_some_and(|w| name(&w[0]) && name(&w[1]) && name(&w[2]) && w[3].byte == b'(')
        && closing(text, toks, i + 3).is_some_and(|close| toks.get(close + 1).is_some_and(|n| n.byte == b';'))
}

/// Whether `toks` (code between two top-level items) are whole items: brackets balanced,
/// the last token a `;` or `}` outside them.
fn ends_items(toks: &[Token]) -> bool {
    let mut depth = 0i32;
    for t in toks {
        match t.byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && toks.last().is_some_and(|t| matches!(t.byte, b';' | b'}'))
}

/// Each island (sorted, disjoint byte ranges, each from its first code token) grown back
/// over the directive lines before it that open or continue a conditional group with
/// another line in it, with nothing between them and the island but comments, white space,
/// other such lines and declarations read from tokens (`decls`, sorted; blanked for the
/// parser in the island as out of it): a head chosen by nested groups (`#ifndef __LINUX__`
/// then `void tx_application_define(void *m)` `#else` `#ifdef CTEST` ... `#endif` `#endif`
/// `{`) is read with the lines before it that open its groups, so that the parse of the
/// islands reads each group whole. (Lines of a group with no line in the island stay out:
/// an island's head between `#ifdef A` and an `#else` after its body.)
fn take_in_group_lines(toks: &[Token], lines: &[Range<usize>], groups: &[&[Range<usize>]], decls: &[Range<usize>], islands: &mut [Range<usize>]) {
    if groups.is_empty() || islands.is_empty() {
        return;
    }
    let mut group_of: Vec<(usize, usize)> = groups.iter().enumerate().flat_map(|(g, ls)| ls.iter().map(move |l| (l.start, g))).collect();
    group_of.sort_unstable();
    let group_at = |l: &Range<usize>| group_of.binary_search_by_key(&l.start, |x| x.0).ok().map(|k| group_of[k].1);
    // Whether no token starts in `from..to`.
    let bare = |from: usize, to: usize| toks.partition_point(|t| t.lo() < from) == toks.partition_point(|t| t.lo() < to);
    for island in islands.iter_mut() {
        let mut at = island.start;
        loop {
            // The directive line or the declaration that ends last before `at`.
            let k = lines.partition_point(|l| l.end <= at);
            let line = k.checked_sub(1).map(|k| &lines[k]);
            let d = decls.partition_point(|r| r.end <= at);
            let decl = d.checked_sub(1).map(|d| &decls[d]);
            match (line, decl) {
                (Some(l), d) if d.is_none_or(|d| d.end <= l.start) && bare(l.end, at) => {
                    let holds = |g: usize| groups[g].iter().any(|r| island.start <= r.start && r.end <= island.end);
                    if !group_at(l).is_some_and(holds) {
                        break;
                    }
                    at = l.start;
                    island.start = at;
                }
                (_, Some(d)) if bare(d.end, at) => at = d.start,
                _ => break,
            }
        }
    }
}

/// Whether a conditional group (`groups`: each group's directive lines) has a line in one
/// of `islands` (sorted, disjoint byte ranges) and another outside it.
fn groups_cross(groups: &[&[Range<usize>]], islands: &[Range<usize>]) -> bool {
    let island_of = |r: &Range<usize>| {
        let k = islands.partition_point(|x| x.end <= r.start);
        (k < islands.len() && islands[k].start < r.end).then_some(k)
    };
    groups.iter().any(|g| {
        let mut of = g.iter().map(island_of);
        let first = of.next();
        of.any(|w| w != first.flatten()) || first.flatten().is_some_and(|k| g.iter().any(|r| !(islands[k].start <= r.start && r.end <= islands[k].end)))
    })
}

/// `BEGIN_TEST_SUITE(s)` then `TEST_SUITE_INITIALIZE(init)`: two macros invoked alone
/// before a body, the first the second's type to the parser.
fn suite_initialize_head(text: &str, toks: &[Token]) -> bool {
    toks.len() == 8 && lone_macro_shape(text, &toks[..4]) && lone_macro_shape(text, &toks[4..])
}

/// Moves the whole definitions at the start of `pending` ([`definitions_prefix`]), when
/// something follows them, to an island of their own; whether it did.
fn definitions_to_island(text: &str, pending: &mut Vec<Token>, islands: &mut Vec<Range<usize>>) -> bool {
    let n = definitions_prefix(text, pending);
    if n == 0 || n == pending.len() {
        return false;
    }
    islands.push(pending[0].lo()..pending[n - 1].hi());
    pending.drain(..n);
    true
}

/// A macro invoked alone, `NAME ( word )`, as tree-sitter-cpp reads it without its `;`
/// (`BEGIN_TEST_SUITE(s)`, `END_TEST_SUITE(s)`): a call of one argument.
fn macro_call(text: &str, toks: &[Token]) -> Call {
    Call::new(Ident::from(toks[0].text(text, 0)), toks[0].range(), facts::Args::of(&[toks[2].range()]), toks[0].lo()..toks[3].hi())
}

/// Whether `toks` (whole items) are function definitions only, each a head and its body
/// (C++ operators, whose heads the file-level reading does not take for heads).
fn whole_definitions(text: &str, toks: &[Token]) -> bool {
    !toks.is_empty() && definitions_prefix(text, toks) == toks.len()
}

/// How many of `toks` are whole function definitions or namespaces at their start (each a
/// head ending with `)` and its body, or `namespace NAME { ... }` or an anonymous
/// `namespace { ... }`, and the `;` after it).
fn definitions_prefix(text: &str, toks: &[Token]) -> usize {
    let mut depth = 0usize;
    let mut head = false;
    let mut whole = 0;
    let mut item_start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.byte {
            b'{' => {
                // (`namespace NAME {`, or an anonymous one's `namespace {`.)
                let namespace = depth == 0 && (i == item_start + 2 || i == item_start + 1) && toks[item_start].text(text, 0) == "namespace";
                if depth == 0 && !head && !namespace {
                    return whole;
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    head = false;
                    whole = i + 1;
                    item_start = i + 1;
                }
            }
            b';' if depth == 0 && i == item_start && i > 0 && toks[i - 1].byte == b'}' => {
                whole = i + 1;
                item_start = i + 1;
            }
            b';' if depth == 0 => return whole,
            _ if depth == 0 => head = t.is_punct(text, ")"),
            _ => {}
        }
    }
    whole
}

/// `NAME ( word, ... )`: a macro invoked alone with names for arguments, as the mock
/// frameworks' class heads (`TYPED_MOCK_CLASS(CMocks, CGlobalMock) {`) and the test
/// frameworks' heads are.
fn macro_words_shape(text: &str, toks: &[Token]) -> bool {
    let plain_name = |t: &Token| t.kind == TokKind::Ident && plain_word(t.text(text, 0));
    let n = toks.len();
    n >= 4 && n.is_multiple_of(2) && plain_name(&toks[0]) && toks[1].is_punct(text, "(") && toks[n - 1].is_punct(text, ")")
        && toks[2..n - 1].iter().enumerate().all(|(i, t)| if i % 2 == 0 { plain_name(t) } else { t.is_punct(text, ",") })
}

/// `NAME ( word )`: a macro invoked alone, as a test framework's heads are, which the
/// parser may read as a type (`NAME()` it reads as a call).
fn lone_macro_shape(text: &str, toks: &[Token]) -> bool {
    let plain_name = |t: &Token| t.kind == TokKind::Ident && plain_word(t.text(text, 0));
    matches!(toks, [n, o, w, c] if plain_name(n) && o.is_punct(text, "(") && plain_name(w) && c.is_punct(text, ")"))
}

/// A macro invoked alone before a head, without a `;` (`MU_DEFINE_ENUM_STRINGS(E, E_VALUES)`
/// then `static void f(E e)`): the call the parser reads it as (in an error at file level;
/// none for `NAME(word)`, which it reads as a type, as `BEGIN_TEST_SUITE(s)`), and the
/// head's tokens after it; `None` when the head does not start with `name (...)` followed
/// by more.
fn macro_before_head<'t>(text: &str, head: &'t [Token]) -> Option<(Option<Call>, &'t [Token])> {
    let name = head.first().filter(|t| t.kind == TokKind::Ident)?;
    let s = name.text(text, 0);
    if !plain_word(s) || !head.get(1)?.is_punct(text, "(") {
        return None;
    }
    let close = closing(text, head, 1)?;
    let rest = &head[close + 1..];
    if rest.is_empty() {
        return None;
    }
    if lone_macro_shape(text, &head[..=close]) {
        return Some((None, rest));
    }
    let (args, end) = facts::call_args(head, 1)?;
    Some((Some(Call::new(Ident::from(s), name.range(), args, name.lo()..end)), rest))
}

/// Whether a conditional directive line (`conditional`, byte ranges into `text`) holds a
/// call after its name (`#if FOO(1)`; `defined(X)` is none): tree-sitter-c reads it as one.
pub(crate) fn conditionals_hold_calls<'r>(text: &str, conditional: impl IntoIterator<Item = &'r Range<usize>>) -> bool {
    conditional.into_iter().any(|line| {
        let lt = lexer::lex(&text[line.clone()], line.start);
        // (After `#` and the directive's name: `#if (X)` is no call.)
        lt.get(2..).unwrap_or_default().windows(2).any(|w| w[0].kind == TokKind::Ident && w[1].is_punct(text, "(") && w[0].text(text, 0) != "defined")
    })
}

/// The definition a head reads as when it is plain: `mods* TYPE (mods | *)* name ( params )`
/// with one type (a name, a run of C's own type words, or `struct tag`), the storage
/// class and qualifiers of C, and plain parameters ([`plain_params`]); with `macros`, also
/// after the macro words before the type that [`macro_before_type`] allows. `None`
/// otherwise (other names before the type, no type at all, attributes, ...), where the
/// parser may read the head otherwise than as one function named `name`.
fn plain_head(text: &str, head: &[Token], body: &Range<usize>, macros: bool) -> Option<FunctionDef> {
    let n = head.len();
    if n < 4 || !head[n - 1].is_punct(text, ")") {
        return None;
    }
    let open = head.iter().position(|t| t.is_punct(text, "("))?;
    // The parameters' parenthesis closes last (only function pointers open others), and
    // no brace, `;` or `=` stands among them.
    if closing(text, head, open) != Some(n - 1) || head[open..].iter().any(|t| ["{", "}", ";", "="].iter().any(|p| t.is_punct(text, p))) {
        return None;
    }
    if open < 2 {
        return None;
    }
    let name = head[open - 1];
    let name_text = name.text(text, 0);
    if name.kind != TokKind::Ident || !plain_word(name_text) {
        return None;
    }
    let specs = &head[..open - 1];
    if plain_declaration_head(text, specs, true).is_none() && !(macros && macro_before_type(text, specs)) {
        return None;
    }
    Some(FunctionDef {
        name: Ident::from(name_text),
        name_range: name.range(),
        is_static: specs.iter().any(|t| t.text(text, 0) == "static"),
        params: plain_params(text, &head[open + 1..n - 1])?,
        body: body.clone(),
        idents: facts::Names::default(),
    })
}

/// Whether `specs` (a head's tokens before its name) are a plain head's after macro words
/// the parser does not know, where it still reads one function of that name and those
/// parameters: one macro before the type, storage words before or after it
/// (`AZ_NODISCARD az_result`, `static AZ_NODISCARD bool`, `AZ_NODISCARD static az_span`:
/// the macro read as the type, the type as an error), the type a name or one of C's type
/// words alone (not `unsigned int`, not `struct tag`); or two macros and no storage word
/// (`AZ_NODISCARD AZ_INLINE uint8_t*`: the two read as a declaration of their own, missing
/// its `;`, and the rest as a plain head; a `static` before them would go with them).
fn macro_before_type(text: &str, specs: &[Token]) -> bool {
    let word = |t: &Token| t.text(text, 0);
    let plain = |t: &Token| t.kind == TokKind::Ident && plain_word(word(t));
    let is_storage = |t: &Token| matches!(word(t), "static" | "extern" | "inline");
    if specs.len() >= 3 && plain(&specs[0]) && plain(&specs[1]) && !specs.iter().any(is_storage) {
        return plain_declaration_head(text, &specs[2..], false).is_some();
    }
    let before = specs.iter().take_while(|t| is_storage(t)).count();
    if !specs.get(before).is_some_and(plain) {
        return false;
    }
    let after = specs[before + 1..].iter().take_while(|t| is_storage(t)).count();
    let Some(ty) = specs.get(before + 1 + after) else { return false };
    let lone_c_type = C_TYPE_WORDS.contains(&word(ty))
        && !matches!(word(ty), "signed" | "unsigned" | "short" | "long")
        && specs.get(before + 2 + after).is_none_or(|n| !C_TYPE_WORDS.contains(&word(n)));
    if !(plain(ty) || lone_c_type) {
        return false;
    }
    let rest: Vec<Token> = specs[..before].iter().chain(&specs[before + 1..]).copied().collect();
    plain_declaration_head(text, &rest, true).is_some()
}

/// Whether `s` may name a function or a type in a head: no keyword, no type word
/// ([`is_type_word`] holds C's own, [`C_TYPE_WORDS`], too).
fn plain_word(s: &str) -> bool {
    !facts::is_keyword(s) && !is_type_word(s)
}

/// C's own type words (a run of them is one type).
const C_TYPE_WORDS: &[&str] = &["void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool", "bool"];

/// Whether `specs` (the tokens before a parameter's name) are a plain parameter's type:
/// as [`plain_declaration_head`]'s, or a run of only `signed`, `unsigned`, `short` and
/// `long` (with qualifiers) right before the name (`long n`, `unsigned const u`), which
/// tree-sitter-c reads as the type and the name in a parameter list: there the name taken
/// for the type would leave a parameter without a declarator, and the parser prefers the
/// reading with one. (azure-iot-sdk-c's serializer tests take `long` parameters: four
/// functions of 3.5 KB each were parsed in islands for them.)
fn plain_parameter_type(text: &str, specs: &[Token]) -> Option<bool> {
    let word = |t: &Token| (t.kind == TokKind::Ident).then(|| t.text(text, 0));
    let sized = |t: &Token| matches!(word(t), Some("signed" | "unsigned" | "short" | "long"));
    let qualifier = |t: &Token| matches!(word(t), Some("const" | "volatile"));
    if specs.iter().any(sized) && specs.iter().all(|t| sized(t) || qualifier(t)) {
        return Some(true);
    }
    plain_declaration_head(text, specs, false)
}

/// Whether `specs` (the tokens before a declarator's name) hold one type, qualifiers and
/// `*`s only: `Some(true)`; `None` when not. With `storage`, `static`, `extern` and
/// `inline` may come first. A run of only `signed`, `unsigned`, `short` and `long` right
/// before the name is not plain (the parser may take the name for the type; in a
/// parameter it does not, see [`plain_parameter_type`]).
fn plain_declaration_head(text: &str, specs: &[Token], storage: bool) -> Option<bool> {
    let mut types = 0;
    let mut i = 0;
    let mut last_sized_only = false;
    while i < specs.len() {
        let t = &specs[i];
        let s = t.text(text, 0);
        if t.is_punct(text, "*") {
            if types == 0 {
                return None;
            }
            last_sized_only = false;
            i += 1;
            continue;
        }
        if t.kind != TokKind::Ident {
            return None;
        }
        match s {
            "const" | "volatile" => {}
            "static" | "extern" | "inline" if storage && types == 0 => {}
            "struct" | "union" | "enum" => {
                let tag = specs.get(i + 1).filter(|t| t.kind == TokKind::Ident)?;
                if facts::is_keyword(tag.text(text, 0)) || is_type_word(tag.text(text, 0)) {
                    return None;
                }
                types += 1;
                last_sized_only = false;
                i += 2;
                continue;
            }
            _ if C_TYPE_WORDS.contains(&s) => {
                // One run of type words: the type.
                let run_start = i;
                while i < specs.len() && specs[i].kind == TokKind::Ident && C_TYPE_WORDS.contains(&specs[i].text(text, 0)) {
                    i += 1;
                }
                types += 1;
                last_sized_only = specs[run_start..i].iter().all(|t| matches!(t.text(text, 0), "signed" | "unsigned" | "short" | "long"));
                continue;
            }
            _ if facts::is_keyword(s) || is_type_word(s) => return None,
            _ => {
                types += 1;
                last_sized_only = false;
            }
        }
        i += 1;
    }
    if types != 1 || last_sized_only {
        return None;
    }
    Some(true)
}

/// The names of plain parameters (`params`: the tokens between a head's parentheses, their
/// own parentheses balanced): none, `void`, or each `TYPE (mods | *)* name ([...])*` as in
/// [`plain_declaration_head`] or a function pointer `TYPE (mods | *)* (*name)(...)`, and
/// `...` last; `None` otherwise (an unnamed parameter, a macro).
fn plain_params(text: &str, params: &[Token]) -> Option<Vec<Ident>> {
    if params.is_empty() || (params.len() == 1 && params[0].text(text, 0) == "void") {
        return Some(Vec::new());
    }
    let mut out: SmallVec<[Ident; 8]> = SmallVec::new();
    // Split at the commas outside parentheses.
    let mut parts: Vec<&[Token]> = Vec::new();
    let (mut depth, mut from) = (0usize, 0usize);
    for (i, t) in params.iter().enumerate() {
        if t.is_punct(text, "(") {
            depth += 1;
        } else if t.is_punct(text, ")") {
            depth = depth.checked_sub(1)?;
        } else if depth == 0 && t.is_punct(text, ",") {
            parts.push(&params[from..i]);
            from = i + 1;
        }
    }
    parts.push(&params[from..]);
    for (k, p) in parts.iter().enumerate() {
        if p.len() == 3 && p.iter().all(|t| t.is_punct(text, ".")) && k == parts.len() - 1 {
            continue;
        }
        if let Some(o) = p.iter().position(|t| t.is_punct(text, "(")) {
            // `TYPE (*name)(...)`: the type plain, then `(`, `*`, the name, `)`, and the
            // pointed-to function's parameters in one pair of parentheses.
            let [star, name, close, open2, .., close2] = &p[o + 1..] else { return None };
            let inner_balanced = p[o + 5..p.len() - 1].iter().all(|t| !t.is_punct(text, "{") && !t.is_punct(text, "}"));
            if !star.is_punct(text, "*") || name.kind != TokKind::Ident || !close.is_punct(text, ")") || !open2.is_punct(text, "(") || !close2.is_punct(text, ")") || !inner_balanced {
                return None;
            }
            let s = name.text(text, 0);
            if !plain_word(s) || !plain_declaration_head(text, &p[..o], false)? {
                return None;
            }
            out.push(Ident::from(s));
            continue;
        }
        // Brackets after the name: `[N]`, `[]`.
        let mut end = p.len();
        while end > 0 && p[end - 1].is_punct(text, "]") {
            let open = p[..end].iter().rposition(|t| t.is_punct(text, "["))?;
            if p[open + 1..end - 1].iter().any(|t| !matches!(t.kind, TokKind::Ident | TokKind::Number)) {
                return None;
            }
            end = open;
        }
        let p = &p[..end];
        let name = p.last().filter(|t| t.kind == TokKind::Ident)?;
        let s = name.text(text, 0);
        if !plain_word(s) || p[..p.len() - 1].iter().any(|t| t.is_punct(text, "[") || t.is_punct(text, "]")) {
            return None;
        }
        if !plain_parameter_type(text, &p[..p.len() - 1])? {
            return None;
        }
        out.push(Ident::from(s));
    }
    Some(exactly(out))
}

/// Parameter names of `( params )` tokens. (Punctuators by their byte and no list per
/// parameter: with a string compare per token and two lists per head this was 2,000
/// instructions a function, 3% of a `check` of the generated 10,000-file tree.)
fn params(text: &str, toks: &[Token]) -> Vec<Ident> {
    let mut out: SmallVec<[Ident; 8]> = SmallVec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        match t.byte {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                param(text, &toks[start..i], &mut out);
                start = i + 1;
            }
            _ => {}
        }
    }
    param(text, &toks[start..], &mut out);
    exactly(out)
}

/// Parameter names gathered on the stack, in one allocation of their number (a vector
/// grown by pushing was reallocated again when the facts were shrunk: two allocations for
/// each function of fw10k's 76,000). (Not `collect`, which makes room for at least four.)
fn exactly(mut names: SmallVec<[Ident; 8]>) -> Vec<Ident> {
    let mut exact = Vec::with_capacity(names.len());
    exact.extend(names.drain(..));
    exact
}

/// The name of one parameter's tokens `p`, appended to `out`: none for `void` or an
/// unnamed parameter (one name and no `*`).
fn param(text: &str, p: &[Token], out: &mut SmallVec<[Ident; 8]>) {
    let idents = p.iter().filter(|t| t.kind == TokKind::Ident).count();
    if idents < 2 && !p.iter().any(|t| t.byte == b'*') {
        return;
    }
    // `void (*cb)(int)`: the name is inside the first parentheses.
    let name = match p.iter().position(|t| t.byte == b'(') {
        Some(o) => p[o..].iter().find(|t| t.kind == TokKind::Ident),
        None => {
            let before_bracket = p.iter().position(|t| t.byte == b'[').unwrap_or(p.len());
            p[..before_bracket].iter().rev().find(|t| t.kind == TokKind::Ident)
        }
    };
    if let Some(n) = name.map(|t| t.text(text, 0)).filter(|n| !is_type_word(n)) {
        out.push(Ident::from(n));
    }
}

/// The `=` at token `k`: a designated initialiser `.f = v`, a field assignment
/// `x.f = v` / `x->f = v`, an initialiser `T x = v` or an assignment `x = v` (into `vars`
/// when given).
fn assignment(text: &str, toks: &[Token], close: &[usize], k: usize, in_body: bool, facts: &mut FileFacts, vars: Option<&mut facts::VarAssigns>) {
    let s = |i: usize| toks[i].text(text, 0);
    // (One-byte punctuators by their byte: asked at every `=` of a file.)
    if matches!(toks[k - 1].byte, b'=' | b'!' | b'<' | b'>') {
        return; // a comparison
    }
    let compound = matches!(toks[k - 1].byte, b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^');
    let lhs_end = if compound { k - 1 } else { k };
    if lhs_end == 0 {
        return;
    }
    // The target. (Punctuators by their byte, `->` by its first: asked at every `=`.)
    let last = lhs_end - 1;
    if toks[last].kind == TokKind::Ident && last >= 1 && toks[last - 1].is_member_access(text) {
        let Some(value) = assigned_value(toks, close, k) else { return };
        let field = Ident::from(s(last));
        let range_start;
        let base = if last >= 2 && s(last - 1) == "." && toks[last - 2].kind == TokKind::Punct && matches!(s(last - 2), "{" | ",") {
            // `{ .field = v }`
            range_start = toks[last - 1].lo();
            None
        } else {
            // The object expression: back over identifiers, `.`/`->` and `[..]`.
            let mut b = last - 1;
            while b > 0 {
                let p = b - 1;
                let ok = toks[p].kind == TokKind::Ident
                    || (toks[p].kind == TokKind::Punct && matches!(s(p), "." | "->" | "]" | "*" | "&"))
                    || (toks[p].kind == TokKind::Punct && s(p) == "[");
                if !ok {
                    break;
                }
                b = p;
            }
            range_start = toks[b].lo();
            toks[b..last - 1].iter().rev().find(|t| t.kind == TokKind::Ident).map(|t| Ident::from(t.text(text, 0)))
        };
        facts.assigns.push(Assign::new(AssignTarget::Field(field), base, value.clone(), range_start..value.end));
        return;
    }
    // `name = v` or `name[...] = v`: skip back over array brackets to the name.
    let mut n = last;
    if toks[n].byte == b']' {
        let Some(open) = opener(close, n) else { return };
        if open == 0 {
            return;
        }
        n = open - 1;
    }
    if toks[n].kind != TokKind::Ident || is_type_word(s(n)) {
        return;
    }
    // A declaration when a type (an identifier, `*`) precedes the name.
    let prev = n.checked_sub(1);
    let declared = prev.is_some_and(|p| toks[p].kind == TokKind::Ident || toks[p].byte == b'*');
    // An assignment to a variable (a compound one, or a plain one in a body that declares
    // nothing), else an initialiser.
    let var = compound || (in_body && !declared);
    if var && vars.as_ref().is_some_and(|v| v.is_names_only()) {
        // Its name, when `assigned_value` finds a value (something before the first `;`,
        // `,` or closer after the `=`): read so for each `=` of a file the prefilter
        // passed over (fw10k: 645,747, which nothing asks for), finding each value's end
        // and encoding it were a thirtieth of `check`'s instructions.
        if let Some(vars) = vars.filter(|_| value_follows(toks, k)) {
            vars.push_name(s(n));
        }
        return;
    }
    let Some(value) = assigned_value(toks, close, k) else { return };
    let range = toks[n].lo()..value.end;
    match (var, vars) {
        (true, Some(vars)) => vars.push(s(n), value, range),
        (true, None) => facts.assigns.push(Assign::new(AssignTarget::Var(Ident::from(s(n))), None, value, range)),
        (false, _) => facts.inits.push(Init { name: Ident::from(s(n)), value, range }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_whose_braces_balance_per_configuration_is_read_per_configuration() {
        // netxduo's tests: each branch opens the block (`if (a) {` / `if (b) {`) that one
        // `}` closes. Nothing the rules look for: read from tokens, one configuration at a
        // time, as the parser reads it, without a parse.
        let t = "static int count;\nstatic void helper(int v) { count += v; }\n\
                 void test_entry(int a, int b)\n{\n#ifdef CHECK_A\n    if (a > 0) {\n#else\n    if (b > 0) {\n#endif\n        helper(a);\n        count = 2;\n    }\n    helper(b);\n}\n";
        assert!(!may_matter(t));
        assert!(extract_light(t).is_none(), "the braces do not balance across the branches");
        let read = extract_light_variants(t).expect("each configuration balances");
        let parsed = facts::extract(t);
        assert_eq!(parsed.variants_parsed, 2);
        let fns = |f: &FileFacts| f.functions.iter().map(|d| (d.name.clone(), d.params.clone(), d.body.clone(), d.idents.iter().map(str::to_string).collect::<Vec<_>>())).collect::<Vec<_>>();
        assert_eq!(fns(&read), fns(&parsed));
        let calls = |f: &FileFacts| f.calls.iter().map(|c| (c.name.clone(), c.name_range(), c.args.clone())).collect::<Vec<_>>();
        assert_eq!(calls(&read), calls(&parsed));
        assert_eq!(read.assigns.len(), 2);
        assert_eq!((read.strings.len(), read.variants_parsed), (0, 0));
        // Code no configuration holds (`#if 0`) is left to the parse.
        let dead = t.replace("#ifdef CHECK_A", "#if 0");
        assert!(extract_light_variants(&dead).is_none());
    }

    #[test]
    fn a_file_of_plain_heads_and_cold_code_is_not_parsed() {
        let heads_only = |t: &str| facts::reads_heads_only(t, Lang::C);
        let body = " {\n    IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);\n}\n";
        // Plain heads: one type (a name, C's type words, `struct tag`), qualifiers, `*`s,
        // named parameters, brackets, `...` last; prototypes and tables read from tokens
        // around them; `#if` lines without calls.
        let plain = format!(
            "#include \"iothub.h\"\n#if defined(X) && X > 1\nstatic int n = 1;\n#endif\nvoid helper(int a);\n\
             static const char *const f(const char *p, size_t n, int a[4], VOID (*cb)(NX_T *t, UINT (*inner)(void)), ...){body}\
             struct s *g(struct s x){body}unsigned char *h(unsigned int n, char const *const q){body}\
             EXECUTE_COMMAND_RESULT k(M* m, long n, unsigned const u, short s, long long t){body}int main(void){body}"
        );
        assert!(heads_only(&plain));
        let f = facts::extract(&plain);
        assert_eq!(f.variants_parsed, 0);
        let read: Vec<(&str, Vec<Ident>, bool)> = f.functions.iter().map(|d| (d.name.as_str(), d.params.clone(), d.is_static)).collect();
        let parsed = facts::extract_parsing_heads(&plain, Lang::C, &|_| false);
        assert_eq!(parsed.variants_parsed, 1);
        let want: Vec<(&str, Vec<Ident>, bool)> = parsed.functions.iter().map(|d| (d.name.as_str(), d.params.clone(), d.is_static)).collect();
        assert_eq!(read, want);
        assert_eq!(read.iter().map(|r| r.0).collect::<Vec<_>>(), ["f", "g", "h", "k", "main"]);
        assert_eq!(read[0].1, ["p", "n", "a", "cb"]);
        // A parameter typed by C's size words alone is named by the word after them.
        assert_eq!(read[3].1, ["m", "n", "u", "s", "t"]);
        assert!(read[0].2 && !read[1].2);
        assert_eq!(f.calls.len(), 5);
        // Heads the parser may read otherwise: each keeps the file parsed.
        for head in [
            "main()",                               // no type: a call to the parser
            "static A B T f(void)",                 // two macros after `static`: it goes with them
            "A B C T f(void)",                      // three macros
            "EXPORT unsigned int f(void)",          // a macro before a run of C's type words
            "EXPORT struct s f(void)",              // a macro before a tag
            "BEGIN_TEST_SUITE(s, t)\nTEST_FUNCTION(t)", // a call glued to a head without a type
            "TEST_FUNCTION(t)",                     // no type, first: how the parser reads it depends
            "unsigned long f(void)",                // the name may be read as the type
            "void f(int (cb)(void))",               // a parenthesised name
            "void f(int (*cb))",                    // a pointer in parentheses, no function
            "void f(const T)",                      // an unnamed parameter, or a name?
            "void f(T *)",                          // an unnamed parameter
            "int f(a, b) int a; int b;",            // K&R
            "__attribute__((noreturn)) void f(void)",
        ] {
            let t = format!("#include \"iothub.h\"\n{head}{body}");
            assert!(!heads_only(&t), "{head}");
        }
        // A macro invoked before it with no `;` (`M(E, V)`, which the parser reads only by
        // error recovery) is read from tokens as nothing, and the head after it as a parse
        // without the macro reads it (tests/hard_items.rs).
        let after = format!("#include \"iothub.h\"\nM(E, V)\nAZ_NODISCARD int f(void){body}");
        assert!(heads_only(&after));
        let item = after.find("M(").unwrap()..after.find("V)").unwrap() + 2;
        assert_eq!(facts::extract_reporting_hard_items(&after, Lang::C).1, Some(std::slice::from_ref(&item).to_vec()));
        // The unit test frameworks' shapes, read as the parser reads them (the SDKs' own
        // tests in tests/data/plain-heads are compared with their parse).
        let suite = format!("#include \"umock_c.h\"\nMU_DEFINE_ENUM_STRINGS(E, E_VALUES)\nstatic void on_error(E e){body}\
                             BEGIN_TEST_SUITE(s)\nTEST_SUITE_INITIALIZE(init){body}TEST_FUNCTION(t1){body}TEST_FUNCTION(t2){body}END_TEST_SUITE(s)\n");
        assert!(heads_only(&suite));
        let (read, parsed) = (facts::extract(&suite), facts::extract_parsing_heads(&suite, Lang::C, &|_| false));
        let names = |f: &FileFacts| f.functions.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
        let calls = |f: &FileFacts| f.calls.iter().map(|c| (c.name.clone(), c.name_range(), c.args.clone())).collect::<Vec<_>>();
        assert_eq!(names(&read), ["on_error", "TEST_SUITE_INITIALIZE"]);
        assert_eq!((names(&read), calls(&read)), (names(&parsed), calls(&parsed)));
        assert_eq!(read.calls[0].name, "MU_DEFINE_ENUM_STRINGS");
        // A call in a conditional directive is the parser's.
        assert!(!heads_only(&format!("#if FOO(1)\nint x;\n#endif\nint main(void){body}")));
        assert!(heads_only(&format!("#if (X > 1)\nint x;\n#elif defined(Y)\nint y;\n#endif\nint main(void){body}")));
        // A declaration the tokens do not read keeps the file parsed.
        assert!(!heads_only(&format!("static int n = f(g(1));\nint main(void){body}")));
        assert!(!heads_only(&format!("static int n = 1 + f(1);\nint main(void){body}")));
    }

    #[test]
    fn c_s_own_type_words_are_type_words() {
        // `plain_word` checks `is_type_word` alone.
        for w in C_TYPE_WORDS {
            assert!(is_type_word(w) && !plain_word(w), "{w}");
        }
    }

    #[test]
    fn macros_before_a_head_s_type_and_calls_as_values_are_read_as_the_parser_reads_them() {
        // azure-sdk-for-c: `AZ_NODISCARD az_result f(...) {`, `AZ_NODISCARD AZ_INLINE T f`,
        // `AZ_NODISCARD static T f`, and `static const az_span s = AZ_SPAN_LITERAL_FROM_STR("x");`
        // between them. The parser reads one function per head (the macro as the type, the
        // type as an error; two macros as a declaration of their own) and the value as one
        // call at file level: the file needs no parse, with the parse's facts.
        let body = " {\n    return g(a);\n}\n";
        let t = format!(
            "#include \"az_span.h\"\nstatic const az_span prefix = AZ_SPAN_LITERAL_FROM_STR(\"$iothub/\" \"methods\");\n\
             static az_span const none = AZ_SPAN_LITERAL_FROM_STR();\n\
             AZ_NODISCARD az_result f(az_span const* a, int32_t b){body}static AZ_NODISCARD bool h(uint8_t a){body}\
             AZ_NODISCARD static az_span k(az_json_reader* a){body}AZ_NODISCARD AZ_INLINE uint8_t* p(az_span a){body}\
             EXPORT int q(int a){body}static A B r(int a){body}"
        );
        assert!(facts::reads_heads_only(&t, Lang::C));
        let (read, parsed) = (facts::extract(&t), facts::extract_parsing_heads(&t, Lang::C, &|_| false));
        assert_eq!((read.variants_parsed, parsed.variants_parsed), (0, 1));
        let functions = |f: &FileFacts| f.functions.iter().map(|d| (d.name.clone(), d.params.clone(), d.is_static, d.body.clone())).collect::<Vec<_>>();
        assert_eq!(functions(&read), functions(&parsed));
        assert_eq!(read.functions.iter().map(|d| (d.name.as_str(), d.is_static)).collect::<Vec<_>>(), [("f", false), ("h", true), ("k", true), ("p", false), ("q", false), ("r", true)]);
        assert_eq!(format!("{:?}", read.calls), format!("{:?}", parsed.calls));
        assert_eq!(format!("{:?}", read.inits), format!("{:?}", parsed.inits));
        // The value's call, its strings joined as one argument.
        let prefix = &read.calls[0];
        assert_eq!((prefix.name.as_str(), prefix.args.iter().map(|a| &t[a.clone()]).collect::<Vec<_>>()), ("AZ_SPAN_LITERAL_FROM_STR", vec!["\"$iothub/\" \"methods\""]));
        // `offsetof(T, f)` is no call to the parser, nor a call of more than plain
        // arguments (two macros joined before a string are none): left to it.
        for d in ["const size_t off = offsetof(T, f);\n", "static az_span s = AZ_SPAN_FROM_STR(PREFIX NAME \"x\");\n", "static az_span s = F(G(1));\n"] {
            assert_eq!(facts::cold_declaration_bytes(d, Lang::C), 0, "{d}");
        }
        // A concatenated string is a plain argument (`":443" AZ_IOT_HUB_CLIENT_WEB_SOCKET_PATH`).
        let d = "static az_span const mqtt_url_suffix = AZ_SPAN_LITERAL_FROM_STR(\":443\" WEB_SOCKET_PATH);\n";
        assert_eq!(facts::cold_declaration_bytes(d, Lang::C), d.len() - 1);
        let (read, parsed) = (facts::extract(d), facts::extract_parsing_every_declaration(d));
        assert_eq!(format!("{:?}", read.calls), format!("{:?}", parsed.calls));
        assert_eq!(format!("{:?}", read.inits), format!("{:?}", parsed.inits));
    }

    #[test]
    fn prefilter_needs_whole_identifiers() {
        assert!(may_matter("int main(void) { return 0; }"));
        assert!(!may_matter("int domain_main_loop(void) { return 0; }"));
        assert!(may_matter("const char* id = \"dtmi:com:x;1\";"));
        assert!(may_matter("x = Prov_Device_LL_Register_Device(a, b, c, d, e);"));
        assert!(!may_matter("uint32_t crc_update(const uint8_t* buf, size_t len) { return 0u; }"));
    }

    #[test]
    fn a_needle_that_begins_with_a_shorter_one_is_found() {
        // `AMQP_Protocol` is a needle too, and a prefix of this one at the same place: the
        // search once reported only the shorter, which is no whole identifier here.
        assert!(may_matter("int e2e(void) { return run_all(AMQP_Protocol_over_WebSocketsTls); }"));
        assert!(may_matter("h = IoTHubDeviceClient_LL_CreateFromConnectionString(cs, transport);"));
        assert!(!may_matter("int e2e(void) { return run_all(AMQP_Protocol_Test); }"));
        // Heads found inside longer words are passed over.
        assert!(!may_matter("static int remaining_loops; /* the domain of each setup_mode */"));
    }

    #[test]
    fn a_two_byte_wrapper_is_found_alone_and_only_as_a_whole_word() {
        // `_T` is searched by itself (see `Needles::short`): a whole identifier counts
        // wherever it is, `NX_TCP_...` and `_TIMER` do not.
        assert!(may_matter("const TCHAR* n = _T(\"temperature\");"));
        assert!(may_matter("static const TCHAR* names[] = { _T (\"a\"), 0 };\nint x;"));
        assert!(!may_matter("UINT nx_tcp(void) { return NX_TCP_CLIENT + _TIMER + my_T; }"));
        // Not in a function body of a file that matters: a wrapper alone does not make
        // that body matter.
        assert!(!part_may_matter("{ return _T(\"x\"); }"));
        assert!(part_may_matter("{ return IoTHubDeviceClient_LL_CreateFromConnectionString(_T(\"x\"), MQTT_Protocol); }"));
    }

    #[test]
    fn an_entry_point_name_matters_only_before_a_parenthesis() {
        assert!(may_matter("int main (void) { return 0; }"));
        assert!(may_matter("void setup()\n{\n}\nvoid loop()\n{\n}\n"));
        assert!(may_matter("int\nmain\n(int argc, char** argv)\n{ return 0; }"));
        // The main loop of a library, a variable named `setup`: the cheap path.
        assert!(!may_matter("/* Called from the main loop. */\nvoid drv_poll(int setup) { if (setup) drv_tick(); }\n"));
        assert!(!may_matter("static int loop;\nvoid drv_step(void) { loop++; }\n"));
    }

    #[test]
    fn light_facts_read_functions_calls_and_values() {
        let t = r#"
#include "helpers.h"
#define NAME "temperature"
static const char label[] = "humidity";
const char* g_last;
static void helper(const char* name, int (*cb)(int)) { g_last = name; cfg->topic = NAME; }
int start_all(void)
{
    struct opts o = { .name = "pressure", .level = 2 };
#ifdef FAST
    helper(label, NULL);
#else
    helper("slow", NULL);
#endif
    return o.level == 2;
}
"#;
        let f = extract_light(t).expect("plain C");
        let names: Vec<_> = f.functions.iter().map(|f| (f.name.as_str(), f.is_static, f.params.clone())).collect();
        assert_eq!(names, vec![("helper", true, vec![Ident::from("name"), Ident::from("cb")]), ("start_all", false, vec![])]);
        assert_eq!(f.calls.iter().filter(|c| c.name == "helper").count(), 2);
        assert!(f.calls.iter().all(|c| c.args.len() == 2));
        assert!(f.inits.iter().any(|i| i.name == "label" && &t[i.value.clone()] == "\"humidity\""));
        assert!(f.assigns.iter().any(|a| a.target == AssignTarget::Var("g_last".into())));
        assert!(f.assigns.iter().any(|a| a.target == AssignTarget::Field("topic".into()) && a.base() == Some("cfg")));
        assert!(f.assigns.iter().any(|a| a.target == AssignTarget::Field("name".into()) && &t[a.value()] == "\"pressure\""));
        assert!(f.functions[1].idents.contains("helper"));
        assert_eq!(f.defines.len(), 1);
        // The parser agrees on the shape.
        let full = facts::extract(t);
        let full_names: Vec<_> = full.functions.iter().map(|f| (f.name.as_str(), f.is_static, f.params.clone())).collect();
        assert_eq!(names, full_names);
        assert_eq!(f.functions.iter().map(|f| f.body.clone()).collect::<Vec<_>>(), full.functions.iter().map(|f| f.body.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn cold_bodies_are_file_level_functions_without_directives() {
        let t = r#"
static const int limits[] = { 1, 2 };
static void log_line(const char* s) { printf("%s\n", s); }
static int connect_hub(void)
{
    return IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, model_id);
}
static void blink(int n)
{
#ifdef LED
    led_toggle(n);
#endif
}
int main(void) { log_line("start"); return connect_hub(); }
"#;
        let dirs = preprocess::scan(t);
        let cold = |lang: Lang| -> Vec<&str> { cold_bodies(t, &lexer::lex(t, 0), &dirs.lines, lang).into_iter().map(|r| &t[r]).collect() };
        // In C every body but the one with directive lines, also the one with the SDK call.
        let hub = "{\n    return IoTHubDeviceClient_LL_SetOption(h, OPTION_MODEL_ID, model_id);\n}";
        assert_eq!(cold(Lang::C), vec![r#"{ printf("%s\n", s); }"#, hub, r#"{ log_line("start"); return connect_hub(); }"#]);
        // In C++ the same: a body with an SDK call is taken too (where its shapes are not
        // plain, `read_body` gives it back to the parser).
        assert_eq!(cold(Lang::Cpp), cold(Lang::C));
        // A value wrapper alone makes a file matter, not a body of a file that matters.
        let w = "static const char* name(STRING_HANDLE h) { return STRING_c_str(h); }\nint main(void) { return 0; }\n";
        assert!(may_matter("x = STRING_c_str(h);"));
        let cold: Vec<&str> = cold_bodies(w, &lexer::lex(w, 0), &[], Lang::Cpp).into_iter().map(|r| &w[r]).collect();
        assert_eq!(cold, vec!["{ return STRING_c_str(h); }", "{ return 0; }"]);
        // Braces that do not balance: nothing is taken from the parser.
        let broken = "void f(void) { g(); \nvoid h(void) { }";
        assert!(cold_bodies(broken, &lexer::lex(broken, 0), &[], Lang::C).is_empty());
    }

    #[test]
    fn file_level_declarations_read_from_tokens_or_left_to_the_parser() {
        let t = r#"
#include "x.h"
static const char* conn = "HostName=h";
static const CFG cfg = { .port = 8883, .host = "h" };
typedef struct POINT_TAG { int x; int y; } POINT;
static void thread_entry(ULONG input);
MU_DEFINE_ENUM_STRINGS(RESULT, RESULT_VALUES);
static int table[] = { f(g(1)) };
static const char* key = PREFIX NAME "key";
EXPORT_API int g(void);
AZ_NODISCARD az_options az_options_default(void);
enum { A = F(1), B };
int main(void) { return 0; }
"#;
        let dirs = preprocess::scan(t);
        let toks = lexer::lex(t, 0);
        let items = file_level(t, &toks, &dirs.lines, Lang::C).unwrap_or_default().items;
        let mut facts = FileFacts::default();
        let read: Vec<(&str, bool)> = items
            .iter()
            .map(|it| {
                let r = toks[it.start].lo()..toks[it.end].hi();
                (&t[r.clone()], read_item(t, &toks, &r, Lang::C, &mut facts))
            })
            .collect();
        let taken: Vec<&str> = read.iter().filter(|x| x.1).map(|x| x.0).collect();
        assert_eq!(
            taken,
            vec![
                r#"static const char* conn = "HostName=h";"#,
                r#"static const CFG cfg = { .port = 8883, .host = "h" };"#,
                "typedef struct POINT_TAG { int x; int y; } POINT;",
                "static void thread_entry(ULONG input);",
                "MU_DEFINE_ENUM_STRINGS(RESULT, RESULT_VALUES);",
                "EXPORT_API int g(void);",
            ]
        );
        // Left to the parser: a call in an initialiser but a whole value or list element
        // of plain arguments, two macros joined before a string, more names before the declarator
        // than a type and a name (the parser reads `az_options_default(void)` as a call),
        // an enumerator's value that calls.
        assert_eq!(read.len(), 10, "{read:?}");
        let inits: Vec<(&str, &str)> = facts.inits.iter().map(|i| (i.name.as_str(), &t[i.value.clone()])).collect();
        assert_eq!(inits, vec![("conn", r#""HostName=h""#), ("cfg", r#"{ .port = 8883, .host = "h" }"#)]);
        let fields: Vec<String> = facts.assigns.iter().map(|a| format!("{:?} {}", a.target, &t[a.value()])).collect();
        assert_eq!(fields, vec!["Field(\"port\") 8883", "Field(\"host\") \"h\""]);
        // The extraction has those facts as a parse of every declaration has them.
        let (x, y) = (facts::extract(t), facts::extract_parsing_every_declaration(t));
        let inits = |f: &FileFacts| f.inits.iter().map(|i| (i.name.clone(), i.value.clone(), i.range.clone())).collect::<Vec<_>>();
        assert_eq!(inits(&x), inits(&y));
        assert_eq!(x.assigns.len(), y.assigns.len());
        // The parser alone reads the macro invoked at file level as a call.
        assert_eq!(x.calls.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["f", "g", "az_options_default", "F"]);
        assert_eq!(y.calls.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), vec!["MU_DEFINE_ENUM_STRINGS", "f", "g", "az_options_default", "F"]);
        // A K&R definition's parameter declarations are its head, not declarations.
        let kr = "int f(a)\nint a;\n{ return a; }\nint b = 2;\n";
        assert_eq!(facts::cold_declaration_bytes(kr, Lang::C), 0);
        assert_eq!(facts::cold_declaration_bytes("int a;\nint f(void) { return a; }\nint b = 2;\n", Lang::C), "int a;int b = 2;".len());
    }

    /// The directives, code tokens and file level of C text `t`, and whether each body with
    /// directive lines reads whole ([`branches_read_whole`]).
    fn bodies_read_whole(t: &str) -> (preprocess::Directives, Vec<Token>, FileLevel, Vec<bool>) {
        let d = preprocess::scan(t);
        let toks = lexer::lex(t, 0);
        let fl = file_level(t, &toks, &d.lines, Lang::C).unwrap_or_default();
        let code: Vec<Token> = toks.iter().copied().filter(|x| !d.lines.iter().any(|l| l.start <= x.lo() && x.lo() < l.end)).collect();
        let whole = fl.bodies_with_directives.iter().map(|b| d.groups_within(b, 4).is_some_and(|g| branches_read_whole(t, &code, b, &d.lines, &g, true))).collect();
        (d, code, fl, whole)
    }

    #[test]
    fn bodies_with_directives_between_statements_are_read_whole() {
        let t = r#"
int send(void)
{
#ifdef DEBUG
    log_line("send");
#endif
    return IoTHubDeviceClient_LL_SendEventAsync(h, m, NULL, NULL);
}
int table(void)
{
    static const METHOD methods[] = {
        &sha256,
#ifndef NO_X509
        &x509,
#endif
        NULL,
    };
    return use(methods);
}
int pick(int a)
{
#if defined(A)
    if (a) {
#endif
        go(a);
#if defined(A)
    }
#endif
    return 0;
}
int args(int a)
{
    return f(a,
#ifdef B
        1);
#else
        2);
#endif
}
int dead(void)
{
#if 0
    never();
#endif
    return 0;
}
"#;
        let (_, _, fl, whole) = bodies_read_whole(t);
        assert!(fl.bodies.is_empty());
        // The first two read whole (the second's branches hold elements of an initialiser
        // list); the third's branch opens a block another closes, the fourth's split a
        // call's arguments; the fifth reads whole, its `#if 0` branch too (as the parse of
        // the whole text does: `never` is a call of both readings below).
        assert_eq!(whole, vec![true, true, false, false, true]);
        // Its facts: both branches' calls, as the branch configurations give them.
        let (x, y) = (facts::extract(t), facts::extract_parsing_every_body(t));
        let calls = |f: &FileFacts| {
            let mut v = f.calls.iter().map(|c| (c.name.clone(), c.range().start, c.range().end, c.args.iter().map(|a| (a.start, a.end)).collect::<Vec<_>>())).collect::<Vec<_>>();
            v.sort();
            v
        };
        assert_eq!(calls(&x), calls(&y));
        let inits = |f: &FileFacts| f.inits.iter().map(|i| (i.name.clone(), i.value.start, i.value.end)).collect::<Vec<_>>();
        assert_eq!(inits(&x), inits(&y));
        assert_eq!(inits(&x).len(), 1);
        assert!(x.calls.iter().any(|c| c.name == "log_line") && x.calls.iter().any(|c| c.name == "never"));
        assert!(facts::cold_body_bytes(t, Lang::C) > 0);
    }

    /// netxduo's IPv6 branches: a directive after `else` or after an `if` head, or among
    /// the terms of a condition, leaves each branch whole statements and terms; within a
    /// call's arguments, in an assignment's value, or with branches in other parentheses
    /// than each other, it does not.
    #[test]
    fn directives_between_a_statements_head_and_its_statement_are_read_whole() {
        let t = r#"int split_else(int a)
{
#if V6
    if (a == 6)
    {
        join6(a);
    }
    else
#endif
    {
        join4(a);
    }
    return 0;
}
int split_head(int a)
{
#ifndef IN_ISR
    if ((state()) || (a == 1))
#else
    if (state())
#endif
    {
        defer(a);
    }
    return 0;
}
int split_condition(int s, int a)
{
    if ((s != 0) ||
        (a != 1)
#if V6
        || (!joined6(a))
#endif
        )
    {
        return drop(a);
    }
    return 0;
}
int split_call_in_condition(int a)
{
    if (check(a,
#ifdef B
        1))
#else
        2))
#endif
    {
        return 1;
    }
    return 0;
}
int split_value(int a)
{
    int v = (a
#ifdef B
        | 4
#endif
        );
    return v;
}
int split_parentheses(int a)
{
#ifdef B
    if (a && (
#else
    if ((
#endif
        ready(a)))
    {
        go(a);
    }
    return 0;
}
"#;
        let (d, code, fl, whole) = bodies_read_whole(t);
        assert_eq!(whole, vec![true, true, true, false, false, false]);
        // Not in a declaration's initialiser: only between its elements.
        let first = &fl.bodies_with_directives[0];
        let groups = d.groups_within(first, 4).expect("plain groups");
        assert!(!branches_read_whole(t, &code, first, &d.lines, &groups, false));
        // Read whole, the bodies give what their branch configurations give together.
        let (x, y) = (facts::extract(t), facts::extract_parsing_every_body(t));
        let calls = |f: &FileFacts| {
            let mut v = f.calls.iter().map(|c| (c.name.clone(), c.range().start, c.range().end, c.args.iter().map(|a| (a.start, a.end)).collect::<Vec<_>>())).collect::<Vec<_>>();
            v.sort();
            v
        };
        assert_eq!(calls(&x), calls(&y));
        for name in ["join6", "join4", "state", "defer", "joined6", "drop"] {
            assert!(x.calls.iter().any(|c| c.name == name), "{name}");
        }
        let fns = |f: &FileFacts| f.functions.iter().map(|g| (g.name.clone(), g.body.clone(), g.idents.iter().map(str::to_string).collect::<Vec<_>>())).collect::<Vec<_>>();
        assert_eq!(fns(&x), fns(&y));
        let cold = facts::cold_body_bytes(t, Lang::C);
        let len = |name: &str| x.functions.iter().find(|g| g.name == name).map(|g| g.body.len()).unwrap();
        assert_eq!(cold, len("split_else") + len("split_head") + len("split_condition"));
    }

    #[test]
    fn unbalanced_branches_go_to_the_parser() {
        let t = "#ifdef A\nvoid f(int a) {\n#else\nvoid f(void) {\n#endif\n  g();\n}\n";
        assert!(extract_light(t).is_none());
    }

    /// netxduo's PTP client: one function opens a block in each of two groups meant to be
    /// exclusive (`#if UDP if (a) { #endif #if ETHERNET if (b) { #endif`), so the braces
    /// balance in each configuration but not across them. The bodies before and after that
    /// function are read from tokens all the same, and the facts are a parse of every body's.
    #[test]
    fn bodies_around_groups_that_open_blocks_are_read_from_tokens() {
        let t = "static int before(int a)\n{\n    return helper(a, 1);\n}\n\nstatic int table[] = { 1, 2 };\n\n\
                 void tangled(void)\n{\n    for (;;)\n    {\n#if UDP\n        if (udp_receive(&p) == 0)\n        {\n#endif\n\
                 #if ETHERNET\n        if (eth_head())\n        {\n#endif\n            process(p);\n        }\n    }\n}\n\n\
                 static void between(void)\n{\n    log_line(\"between\");\n}\n\n\
                 int after(int b)\n{\n    b = compute(b);\n    return send_it(b);\n}\n";
        let d = preprocess::scan(t);
        let toks = lexer::lex(t, 0);
        assert!(file_level(t, &toks, &d.lines, Lang::C).is_none(), "the whole file does not balance");
        let around = file_level_around_groups(t, &toks, &d, Lang::C).expect("the groups that open blocks are found");
        let bodies: Vec<&str> = around.bodies.iter().map(|b| t[b.clone()].split_whitespace().nth(1).unwrap_or("")).collect();
        // `before` precedes the groups; `after` follows a function body's `}` counted from
        // the end. `between` follows the tangled function's `}`, whose `{` is not counted
        // from the end (it could close a struct), so it stays parsed with that function.
        assert_eq!(bodies, vec!["return", "b"], "{:?}", around.bodies.iter().map(|b| &t[b.clone()]).collect::<Vec<_>>());
        let items: Vec<String> = around.items.iter().map(|r| t[toks[r.start].lo()..toks[r.end].hi()].to_string()).collect();
        assert_eq!(items, vec!["static int table[] = { 1, 2 };"]);
        // The extraction reads those from tokens and parses the rest: the same facts as a
        // parse of every body (which reads a call once per branch configuration).
        assert!(facts::cold_body_bytes(t, Lang::C) > 0);
        let (x, y) = (facts::extract(t), facts::extract_parsing_every_body(t));
        let calls = |f: &FileFacts| f.calls.iter().map(|c| (c.name.clone(), c.args.iter().map(|a| (a.start, a.end)).collect::<Vec<_>>())).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(calls(&x), calls(&y));
        assert_eq!(x.functions.iter().map(|f| (f.name.clone(), f.body.clone())).collect::<Vec<_>>(), y.functions.iter().map(|f| (f.name.clone(), f.body.clone())).collect::<Vec<_>>());
        let assigns = |f: &FileFacts| f.assigns.iter().map(|a| (format!("{:?}", a.target), a.value().start, a.value().end)).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(assigns(&x), assigns(&y));
        assert!(calls(&x).iter().any(|c| c.0 == "send_it") && calls(&x).iter().any(|c| c.0 == "udp_receive"));
        // A file that balances in no configuration is left to the parser.
        let broken = "void f(void)\n{\n    g();\n\nvoid h(void)\n{\n}\n";
        let bd = preprocess::scan(broken);
        assert!(file_level_around_groups(broken, &lexer::lex(broken, 0), &bd, Lang::C).is_none());
    }

    /// A macro of two or more plain arguments glued to the declaration after it
    /// (`MU_DEFINE_ENUM_STRINGS(E, E_VALUES)` then `typedef struct ...;`, as the SDK's sources
    /// write them) ends its own file-level item: read as nothing, as a macro with its `;` is,
    /// and the file is read from its heads. tree-sitter-c reads such a macro as a call
    /// statement missing its `;` and the declaration after it as usual: the facts are the
    /// parse's but for that call at file level (which the parse alone has, as for a macro
    /// with its `;`). With one argument, or before a function's head, nothing changes.
    #[test]
    fn a_macro_glued_to_a_declaration_is_an_item_of_its_own() {
        let heads_only = |t: &str| facts::reads_heads_only(t, Lang::C);
        let body = "\n{\n    return g(a);\n}\n";
        let t = format!(
            "MU_DEFINE_ENUM_STRINGS_WITHOUT_INVALID(RES, RES_VALUES)\nMU_DEFINE_ENUM(MODE, MODE_VALUES)\n\n\
             typedef struct X_TAG\n{{\n    int a;\n    char* b;\n}} X;\n\nstatic int n = 2;\n\nstatic int f(int a){body}"
        );
        let d = preprocess::scan(&t);
        let toks = lexer::lex(&t, 0);
        let items: Vec<&str> = file_level(&t, &toks, &d.lines, Lang::C).unwrap().items.iter().map(|r| &t[toks[r.start].lo()..toks[r.end].hi()]).collect();
        assert_eq!(items[..2], ["MU_DEFINE_ENUM_STRINGS_WITHOUT_INVALID(RES, RES_VALUES)", "MU_DEFINE_ENUM(MODE, MODE_VALUES)"]);
        assert!(items[2].starts_with("typedef struct X_TAG"));
        assert!(heads_only(&t), "the file is read without a parse");
        // The parse's facts, but for the macros' calls at file level.
        let (read, parsed) = (facts::extract(&t), facts::extract_parsing_every_declaration(&t));
        let mut parsed_calls: Vec<String> = parsed.calls.iter().map(|c| c.name.to_string()).collect();
        assert_eq!(parsed_calls, ["MU_DEFINE_ENUM_STRINGS_WITHOUT_INVALID", "MU_DEFINE_ENUM", "g"]);
        parsed_calls.retain(|c| !c.starts_with("MU_"));
        assert_eq!(read.calls.iter().map(|c| c.name.to_string()).collect::<Vec<_>>(), parsed_calls);
        assert_eq!(read.inits.iter().map(|i| (i.name.to_string(), i.value.clone())).collect::<Vec<_>>(), parsed.inits.iter().map(|i| (i.name.to_string(), i.value.clone())).collect::<Vec<_>>());
        assert_eq!(read.functions.iter().map(|f| (f.name.to_string(), f.body.clone())).collect::<Vec<_>>(), parsed.functions.iter().map(|f| (f.name.to_string(), f.body.clone())).collect::<Vec<_>>());
        // One word (`NAME(word)`: a type to the parser) keeps the file parsed.
        assert!(!heads_only(&format!("BEGIN_NAMESPACE(basic)\n\ntypedef struct X_TAG\n{{\n    int a;\n}} X;\n\nstatic int f(int a){body}")));
        // Before a head, the macro is the head's as before: the call the parser reads, kept.
        let before_head = format!("MU_DEFINE_ENUM(MODE, MODE_VALUES)\nstatic int f(int a){body}");
        assert!(facts::extract(&before_head).calls.iter().any(|c| c.name == "MU_DEFINE_ENUM"));
    }
}
