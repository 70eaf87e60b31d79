//! The preprocessor, as far as the analysis needs it: `#define`s (values of Model IDs and
//! payloads live there), `#include`s (which headers a program sees), and conditional
//! branches. tree-sitter-c parses `#ifdef` inside an `if / else if` chain or an argument
//! list badly (ERROR nodes, calls read as declarators), so a file whose parse looks
//! tangled is also parsed once per branch configuration: variant k takes branch k of every
//! conditional (the last one when a group has fewer), with directive lines and the lines of
//! the other branches blanked out. Blanking keeps every byte offset, so ranges stay exact.

use std::ops::Range;

use smallvec::SmallVec;

use super::facts::Ident;

/// A `#define`, with the byte range of its body in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Define {
    pub name: Ident,
    /// `Some` for function-like macros.
    pub params: Option<Vec<Ident>>,
    pub body: Range<usize>,
    pub name_range: Range<usize>,
}

#[derive(Debug, Default)]
pub struct Directives {
    pub defines: Vec<Define>,
    /// Included file names as written (`"board_config.h"` and `<x.h>` alike).
    pub includes: Vec<String>,
    /// Conditional groups: for each, the line ranges (byte ranges) of its branches, and the
    /// byte ranges of its directive lines.
    groups: Vec<Group>,
    /// The directive lines ([`directive_lines`]), for readers of the code between them.
    pub lines: Vec<Range<usize>>,
    /// Whether the `__cplusplus` groups were decided by the file's language.
    decided: bool,
}

#[derive(Debug, Default)]
struct Group {
    /// (byte range of the branch's body, is this branch `#if 0`-dead)
    /// (Most groups are an `#ifdef` with or without its `#else`: their branches and
    /// directive lines are kept in the group, not in two allocations of their own each,
    /// which were a sixth of the allocations of a `check` of fw10k.)
    branches: SmallVec<[(Range<usize>, bool); 2]>,
    directives: SmallVec<[Range<usize>; 3]>,
    /// A test of `__cplusplus` alone: `Some(true)` when the first branch is the C++ one
    /// (`#ifdef __cplusplus`, `#if defined(__cplusplus)`), `Some(false)` when it is the C
    /// one (`#ifndef __cplusplus`, `#if !defined(__cplusplus)`). A C file is compiled as C
    /// and a C++ file as C++, so such a group has one live branch: the `extern "C" {`
    /// wrappers of every C header and source, and a C++ test's `#ifdef __cplusplus
    /// #include <limits> #else ...`, need no branch configurations.
    cplusplus: Option<bool>,
}

/// Whether a conditional directive tests `__cplusplus` alone, and for which branch.
fn cplusplus_test(kw: &str, cond: &str) -> Option<bool> {
    // The condition without its white space, on the stack: the forms tested are ASCII and
    // at most 21 bytes long, so a longer condition or one with another character is none
    // of them (a string built for every `#if` of a file was 1% of a `check` of fw10k).
    let mut buf = [0u8; 24];
    let mut n = 0;
    for ch in without_comment(cond).chars().filter(|c| !c.is_whitespace()) {
        if !ch.is_ascii() || n == buf.len() {
            return None;
        }
        buf[n] = ch as u8;
        n += 1;
    }
    match (kw, &buf[..n]) {
        ("ifdef", b"__cplusplus") | ("if", b"defined(__cplusplus)" | b"defined__cplusplus" | b"__cplusplus") => Some(true),
        ("ifndef", b"__cplusplus") | ("if", b"!defined(__cplusplus)" | b"!defined__cplusplus" | b"!__cplusplus") => Some(false),
        _ => None,
    }
}

/// Whether the physical line ending with the `\n` at `nl` continues on the next one.
fn continues(b: &[u8], line_start: usize, nl: usize) -> bool {
    let mut j = nl;
    if j > line_start && b[j - 1] == b'\r' {
        j -= 1;
    }
    j > line_start && b[j - 1] == b'\\'
}

/// The logical lines (physical lines joined by backslash continuations, each range up to
/// its closing `\n`) that are directives: `#` first after blanks. Only the `#`s of the
/// text are visited (memchr), not every line: most of a C file has no directive.
pub fn directive_lines(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    // Room for a line per `#` (most are directives): grown by doubling, the list was
    // reallocated three times for each file of fw10k.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'#', b).count());
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'#', &b[from..]) {
        let hash = from + k;
        // (Most `#`s start their line: no search back for its start.)
        let line_start = if hash == 0 || b[hash - 1] == b'\n' { hash } else { memchr::memrchr(b'\n', &b[..hash]).map_or(0, |n| n + 1) };
        // `#` first after blanks, on a line that does not continue the one before. (That
        // line's start bounds the test for its `\`, but the byte before it is a `\n`, which
        // ends the test as the bound would: not searched for.)
        let is_directive = b[line_start..hash].iter().all(|&c| c == b' ' || c == b'\t') && (line_start == 0 || !continues(b, 0, line_start - 1));
        let mut end = hash;
        loop {
            match memchr::memchr(b'\n', &b[end..]) {
                Some(n) if is_directive && continues(b, end, end + n) => end += n + 1,
                Some(n) => {
                    end += n;
                    break;
                }
                None => {
                    end = b.len();
                    break;
                }
            }
        }
        if is_directive {
            out.push(line_start..end);
        }
        from = (end + 1).min(b.len());
        if end >= b.len() {
            break;
        }
    }
    out
}

/// If the logical line is a directive, its keyword and the byte offset after it.
fn directive<'t>(text: &'t str, line: &Range<usize>) -> Option<(&'t str, usize)> {
    let s = &text[line.clone()];
    let t = trim_start(s);
    let rest = t.strip_prefix('#')?;
    let rest_trim = trim_start(rest);
    let kw_len = rest_trim.bytes().take_while(|c| c.is_ascii_alphabetic()).count();
    let kw = &rest_trim[..kw_len];
    let after = line.start + (s.len() - rest_trim.len()) + kw_len;
    Some((kw, after))
}

/// `s.trim_start()`, ASCII white space skipped by its bytes (asked twice of every
/// directive line: the Unicode test per character showed in profiles).
fn trim_start(s: &str) -> &str {
    let n = s.bytes().take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')).count();
    match s.as_bytes().get(n) {
        // (Perhaps a Unicode space: the standard library's test.)
        Some(&c) if c >= 0x80 => s[n..].trim_start(),
        _ => &s[n..],
    }
}

fn ident_at(text: &str, mut i: usize, end: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    while i < end && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    let s = i;
    while i < end && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    (i > s).then_some(s..i)
}

pub fn scan(text: &str) -> Directives {
    scan_with(text, true)
}

/// [`scan`] but for the conditional groups: the directive lines, the defines and the
/// includes, all that the token path of a file that cannot matter reads of them
/// ([`super::light::extract_light`]; the group of each `#ifdef` was half of the scan's
/// time on the generated 10,000-file tree, a group in every function). The groups'
/// questions ([`Directives::has_open_conditionals`], ...) answer as for a file without any.
pub(crate) fn scan_without_groups(text: &str) -> Directives {
    scan_with(text, false)
}

/// The file names of the `#include` (and `#import`) lines of `text` that no conditional
/// group holds, in order: what the file includes in every configuration. A header's
/// include guard (its first group, `#ifndef X` then `#define X`) holds everything and is
/// no condition.
pub fn unconditional_includes(text: &str) -> impl Iterator<Item = &str> {
    let lines = if text.contains('#') { directive_lines(text) } else { Vec::new() };
    let mut depth = 0usize;
    // The first group's name, while it may be a guard (a `#define` of it comes next).
    let mut guard: Option<&str> = None;
    let mut first_group = true;
    lines.into_iter().filter_map(move |line| {
        let (kw, after) = directive(text, &line)?;
        let word = || text[after..line.end].split_whitespace().next().unwrap_or("");
        if guard.take().is_some_and(|g| !(kw == "define" && word() == g)) {
            // Not a guard after all: its group is a condition.
            depth += 1;
        }
        match kw {
            "if" | "ifdef" | "ifndef" => {
                if first_group && kw == "ifndef" {
                    guard = Some(word());
                } else {
                    depth += 1;
                }
                first_group = false;
                None
            }
            "endif" => {
                depth = depth.saturating_sub(1);
                None
            }
            "include" | "import" if depth == 0 => included_name(&text[after..line.end]),
            _ => None,
        }
    })
}

/// The file an include line names, from what follows its keyword (`"a.h"`, `<b/c.h>`).
fn included_name(rest: &str) -> Option<&str> {
    let name = rest.trim().trim_start_matches(['"', '<']);
    let end = name.find(['"', '>']).unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

fn scan_with(text: &str, groups: bool) -> Directives {
    let mut d = Directives::default();
    // Stack of open groups: (group, start of current branch body, current branch dead?).
    let mut stack: Vec<(Group, usize, bool)> = Vec::new();
    if !text.contains('#') {
        return d;
    }
    let lines = directive_lines(text);
    // Room for every group at once (one per `#if`, `#ifdef`, `#ifndef`): grown by doubling,
    // the list of a file with a group per function was reallocated for each file.
    if groups {
        d.groups.reserve(lines.iter().filter(|l| directive(text, l).is_some_and(|(kw, _)| matches!(kw, "if" | "ifdef" | "ifndef"))).count());
    }
    for line in lines.iter().cloned() {
        let Some((kw, after)) = directive(text, &line) else { continue };
        match kw {
            "define" => {
                let Some(name_range) = ident_at(text, after, line.end) else { continue };
                let name = Ident::from(&text[name_range.clone()]);
                let mut body_start = name_range.end;
                let mut params = None;
                if text.as_bytes().get(body_start) == Some(&b'(') {
                    let close = text[body_start..line.end].find(')').map(|p| body_start + p);
                    if let Some(close) = close {
                        params = Some(
                            text[body_start + 1..close]
                                .split(',')
                                .map(|p| Ident::from(p.trim()))
                                .filter(|p| !p.is_empty())
                                .collect(),
                        );
                        body_start = close + 1;
                    }
                }
                d.defines.push(Define { name, params, body: body_start..line.end, name_range });
            }
            "include" | "import" => {
                if let Some(name) = included_name(&text[after..line.end]) {
                    d.includes.push(name.to_string());
                }
            }
            _ if !groups => {}
            "if" | "ifdef" | "ifndef" => {
                let cond = text[after..line.end].trim();
                let dead = kw == "if" && is_false_literal(cond);
                let mut g = Group { cplusplus: cplusplus_test(kw, cond), ..Group::default() };
                g.directives.push(line.clone());
                stack.push((g, line.end, dead));
            }
            "elif" | "else" | "elifdef" | "elifndef" => {
                if let Some((g, start, dead)) = stack.last_mut() {
                    if kw != "else" {
                        g.cplusplus = None; // `#elif`: more than the language is tested
                    }
                    g.branches.push((*start..line.start, *dead));
                    g.directives.push(line.clone());
                    *start = line.end;
                    *dead = kw == "elif" && is_false_literal(text[after..line.end].trim());
                }
            }
            "endif" => {
                if let Some((mut g, start, dead)) = stack.pop() {
                    g.branches.push((start..line.start, dead));
                    g.directives.push(line.clone());
                    d.groups.push(g);
                }
            }
            _ => {}
        }
    }
    d.lines = lines;
    // Unterminated groups: close them at the end of the file.
    while let Some((mut g, start, dead)) = stack.pop() {
        g.branches.push((start..text.len(), dead));
        d.groups.push(g);
    }
    d
}

/// Spaces over `r`, newlines kept. (A select, not a branch: the compiler makes it a few
/// vector instructions per 32 bytes; the branch per byte was 6% of the extraction of a
/// unit test whose bodies, 550 KB, are blanked for the parser.)
fn blank_range(bytes: &mut [u8], r: &Range<usize>) {
    for b in &mut bytes[r.clone()] {
        *b = if *b == b'\n' { b'\n' } else { b' ' };
    }
}

/// `text` without the code of its dead branches (`#if 0`, `#elif 0`: what no compiler
/// reads, an editor greys out), each branch's lines blanked (same length, newlines kept,
/// the directive lines around them kept); borrowed when there is none. A device's code
/// switched off so is not what it sends: a telemetry send, a DPS call or a Model ID there
/// counts for nothing. (netxduo holds 2.4 MB of such code in 569 files, azure-iot-sdk-c
/// a 10,000-line group of an old unit test.)
pub fn without_dead_branches(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_have_dead_branch(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let d = scan(text);
    let dead: Vec<Range<usize>> = d.groups.iter().flat_map(|g| g.branches.iter().filter(|b| b.1).map(|b| b.0.clone())).collect();
    if dead.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(blanked(text.to_string(), &dead))
}

/// Whether some `#` is followed by `if` or `elif` and a `0` (white space and `(` between):
/// a dead branch may start there (the directive scan decides). Most files have none, and
/// are not scanned for it.
fn may_have_dead_branch(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'#', b).any(|h| {
        let mut i = h + 1;
        while b.get(i).is_some_and(|c| *c == b' ' || *c == b'\t') {
            i += 1;
        }
        let kw_end = if b[i..].starts_with(b"if") {
            i + 2
        } else if b[i..].starts_with(b"elif") {
            i + 4
        } else {
            return false;
        };
        let mut j = kw_end;
        while b.get(j).is_some_and(|c| matches!(c, b' ' | b'\t' | b'(')) {
            j += 1;
        }
        j > kw_end && b.get(j) == Some(&b'0')
    })
}

/// Bytes with some ranges blanked, as text again (blanking whole lines or ASCII-delimited
/// ranges cannot split a character; still, never produce invalid UTF-8).
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `text` with each of `ranges` replaced by spaces (newlines kept): same length, every
/// offset kept.
pub(crate) fn blanked<'r>(text: String, ranges: impl IntoIterator<Item = &'r Range<usize>>) -> String {
    let mut bytes = text.into_bytes();
    for r in ranges {
        blank_range(&mut bytes, r);
    }
    into_text(bytes)
}

/// [`Directives::compiled_text`] from its blanks ([`Directives::compiled_blanks`]), for a
/// caller that keeps them.
pub(crate) fn compiled_text_from(text: &str, blanks: &[Range<usize>]) -> Option<String> {
    (!blanks.is_empty()).then(|| blanked(text.to_string(), blanks))
}

/// A directive's condition up to a trailing comment.
fn without_comment(cond: &str) -> &str {
    // Up to the first `/` that starts `//` or `/*` (two substring searchers built for each
    // condition were most of this).
    let b = cond.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'/', &b[from..]) {
        let at = from + k;
        if matches!(b.get(at + 1), Some(b'/' | b'*')) {
            return &cond[..at];
        }
        from = at + 1;
    }
    cond
}

fn is_false_literal(cond: &str) -> bool {
    let c = without_comment(cond).trim();
    c == "0" || c == "(0)"
}

impl Directives {
    pub fn has_conditionals(&self) -> bool {
        !self.groups.is_empty()
    }

    /// Take the groups that test only `__cplusplus` as decided by the file's language:
    /// only their C branch is live in a C file, only their C++ branch in a C++ file, in
    /// the text [`Directives::compiled_text`] gives and in every variant.
    pub fn decide_cplusplus(&mut self, cpp: bool) {
        self.decided = true;
        for g in &mut self.groups {
            if let Some(cpp_first) = g.cplusplus {
                for (i, b) in g.branches.iter_mut().enumerate() {
                    // Dead: the C++ branch in C, the C branch in C++.
                    b.1 |= ((i == 0) == cpp_first) != cpp;
                }
            }
        }
    }

    /// Conditionals other than those decided by the language.
    pub fn has_open_conditionals(&self) -> bool {
        self.groups.iter().any(|g| !self.decided(g))
    }

    /// The directive lines of every conditional group (`#if` .. `#endif`, decided or not), sorted.
    pub fn conditional_lines(&self) -> Vec<Range<usize>> {
        let mut v: Vec<Range<usize>> = self.groups.iter().flat_map(|g| g.directives.iter().cloned()).collect();
        v.sort_unstable_by_key(|r| r.start);
        v
    }

    /// Each conditional group's directive lines, in order.
    pub fn group_lines(&self) -> Vec<&[Range<usize>]> {
        self.groups.iter().map(|g| g.directives.as_slice()).collect()
    }

    /// The directive lines of the conditional groups with a line inside `range`, one list
    /// per group; `None` when such a group also has a line outside `range`, tests only
    /// `__cplusplus` or has more than `cap` branches: then the range's tokens read whole
    /// are not what its branch configurations read together. (An `#if 0` branch is read
    /// with the others: the parse of the whole text, which adds the calls no configuration
    /// saw, reads its code too.)
    pub fn groups_within(&self, range: &Range<usize>, cap: usize) -> Option<Vec<&[Range<usize>]>> {
        let inside = |r: &Range<usize>| range.start <= r.start && r.end <= range.end;
        let mut out = Vec::new();
        for g in &self.groups {
            if !g.directives.iter().any(inside) {
                continue;
            }
            if !g.directives.iter().all(inside) || g.cplusplus.is_some() || g.branches.len() > cap {
                return None;
            }
            out.push(g.directives.as_slice());
        }
        Some(out)
    }

    /// Each conditional group's branches (the byte ranges between its directive lines,
    /// nested groups' lines included) with the span of the group (its first directive
    /// line's start to its last one's end).
    pub(crate) fn group_branches(&self) -> impl Iterator<Item = (Range<usize>, impl Iterator<Item = &Range<usize>>)> {
        self.groups.iter().map(|g| {
            let start = g.directives.first().map_or(0, |d| d.start);
            let end = g.directives.last().map_or(0, |d| d.end).max(g.branches.last().map_or(0, |b| b.0.end));
            (start..end, g.branches.iter().map(|b| &b.0))
        })
    }

    /// The start offsets of the directive lines of the groups not decided, sorted.
    pub fn open_directive_starts(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.groups.iter().filter(|g| !self.decided(g)).flat_map(|g| g.directives.iter().map(|r| r.start)).collect();
        v.sort_unstable();
        v
    }

    fn decided(&self, g: &Group) -> bool {
        self.decided && g.cplusplus.is_some()
    }

    /// After [`Directives::decide_cplusplus`]: the text as the compiler sees it, with the
    /// dead branches of the `__cplusplus` groups and those groups' directive lines blanked
    /// (same length, every offset kept), or `None` when the file has no such group.
    pub fn compiled_text(&self, text: &str) -> Option<String> {
        compiled_text_from(text, &self.compiled_blanks())
    }

    /// The ranges [`Directives::compiled_text`] blanks (whole lines), sorted.
    pub fn compiled_blanks(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self
            .groups
            .iter()
            .filter(|g| self.decided(g))
            .flat_map(|g| g.branches.iter().filter(|b| b.1).map(|b| b.0.clone()).chain(g.directives.iter().cloned()))
            .collect();
        out.sort_unstable_by_key(|r| r.start);
        out
    }

    /// Whether the first `cap` branch configurations hold every line of code of the open
    /// groups: no group has more branches than that, none is `#if 0`-dead, and each branch
    /// of a group inside another's branch is taken by a configuration that takes that
    /// branch too. (Configuration `k` takes branch `k` of every group: an inner group's
    /// `#else` under an outer group's first branch is in none when the outer group has a
    /// second: `#ifndef OFF ... #ifdef A a(); #else b(); #endif ... #else ... #endif`.)
    pub fn variants_cover_all(&self, cap: usize) -> bool {
        if !self.groups.iter().filter(|g| !self.decided(g)).all(|g| g.branches.len() <= cap && g.branches.iter().all(|b| !b.1)) {
            return false;
        }
        let n = self.variant_count(cap);
        for (gi, g) in self.groups.iter().enumerate() {
            if self.decided(g) || g.branches.len() < 2 {
                continue;
            }
            let Some(at) = g.directives.first().map(|d| d.start) else { continue };
            // The branches of the groups around this one.
            let around: Vec<(&Group, usize)> = self
                .groups
                .iter()
                .enumerate()
                .filter(|(pi, _)| *pi != gi)
                .filter_map(|(_, p)| p.branches.iter().position(|b| b.0.start <= at && at < b.0.end).map(|b| (p, b)))
                .collect();
            // (Inside a branch its language leaves out, the group is no code.)
            if around.iter().any(|(p, b)| p.branches[*b].1) {
                continue;
            }
            for j in 0..g.branches.len() {
                if !(0..n).any(|k| chosen_branch(g, k) == Some(j) && around.iter().all(|(p, b)| chosen_branch(p, k) == Some(*b))) {
                    return false;
                }
            }
        }
        true
    }

    /// Branch configurations that follow the nesting of the groups whose directive lines
    /// are all inside `islands` (sorted, disjoint byte ranges: the code the parser reads of
    /// a file read from its heads, the rest blanked), and that together hold every line of
    /// those groups' branches: each configuration gives, per group, the branch it keeps
    /// (`Some`) or `None` for a group outside the islands (its branches all kept: what it
    /// holds of the islands is whole items, the same in every configuration). A group's
    /// branches need as many configurations as the groups inside them do, one at least, and
    /// the group the sum of its branches' (`#ifndef __LINUX__ f #else #ifdef CTEST g #else h
    /// #endif #endif`: three), groups side by side as many as the one that needs most;
    /// configuration `k` takes in each group the branch whose share holds `k` (the last when
    /// the group needs fewer). Where configuration `k` of [`Directives::variant`] takes
    /// branch `k` of every group, an inner group's `#else` under an outer group's first
    /// branch is in none of them. An `#if 0` group of one branch is kept whole in every
    /// configuration (a whole parse reads it in its tangled parse). `None` when another
    /// group inside the islands not decided by the language has a dead branch (`#if 0 a
    /// #else b #endif`; one outside them is not parsed in any configuration), when no other
    /// group is inside the islands, or when they need more than `cap` configurations.
    pub fn nested_variants(&self, islands: &[Range<usize>], cap: usize) -> Option<Vec<Vec<Option<usize>>>> {
        let inside = |r: &Range<usize>| {
            let k = islands.partition_point(|i| i.end <= r.start);
            k < islands.len() && islands[k].start <= r.start && r.end <= islands[k].end
        };
        // An `#if 0` group of one branch is kept in every configuration, as the tokens read
        // the code out of the islands (and the tangled parse of the whole text reads it):
        // it needs no configuration of its own, and is given none, as a group outside.
        let dead_alone = |g: &Group| !self.decided(g) && g.branches.len() == 1 && g.branches[0].1;
        // The groups inside the islands, inner ones first (a group is stored at its `#endif`).
        let within: Vec<usize> = (0..self.groups.len())
            .filter(|&g| !self.groups[g].directives.is_empty() && self.groups[g].directives.iter().all(inside) && !dead_alone(&self.groups[g]))
            .collect();
        if within.is_empty() || within.len() > 64 {
            return None;
        }
        if within.iter().map(|&g| &self.groups[g]).any(|g| !self.decided(g) && g.branches.iter().any(|b| b.1)) {
            return None;
        }
        let start = |g: usize| self.groups[g].directives[0].start;
        // Each group's place: the innermost group (of those inside) with a branch holding it.
        let parent: Vec<Option<(usize, usize)>> = within
            .iter()
            .map(|&g| {
                let at = start(g);
                within
                    .iter()
                    .enumerate()
                    .filter(|&(_, &p)| p != g)
                    .filter_map(|(pi, &p)| self.groups[p].branches.iter().position(|b| b.0.start <= at && at < b.0.end).map(|b| (pi, b)))
                    .max_by_key(|&(pi, _)| start(within[pi]))
            })
            .collect();
        // How many configurations each group's branches need (inner groups first).
        let mut need: Vec<Vec<usize>> = within.iter().map(|&g| vec![1; self.groups[g].branches.len()]).collect();
        for (i, &g) in within.iter().enumerate() {
            for (b, branch) in self.groups[g].branches.iter().enumerate() {
                if branch.1 {
                    need[i][b] = 0;
                }
            }
            let total: usize = need[i].iter().sum();
            if let Some((p, b)) = parent[i] {
                need[p][b] = need[p][b].max(total);
            }
        }
        let total = |i: usize| need[i].iter().sum::<usize>();
        let n = (0..within.len()).filter(|&i| parent[i].is_none()).map(total).max().unwrap_or(1).max(1);
        if n > cap {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        for k in 0..n {
            let mut choice: Vec<Option<usize>> = vec![None; self.groups.len()];
            // What of `k` each group of the islands leaves to the groups in the branch it
            // takes (outer groups first).
            let mut rest: Vec<usize> = vec![0; within.len()];
            for i in (0..within.len()).rev() {
                let kk = match parent[i] {
                    None => k,
                    Some((p, b)) if choice[within[p]] == Some(b) => rest[p],
                    // (In a branch not taken: blanked with it.)
                    Some(_) => 0,
                };
                let kk = kk.min(total(i).saturating_sub(1));
                let mut from = 0;
                let mut taken = None;
                for (b, &share) in need[i].iter().enumerate() {
                    if share > 0 && kk < from + share {
                        taken = Some((b, kk - from));
                        break;
                    }
                    from += share;
                }
                // (Every branch dead, as a decided group's: all blanked.)
                let (b, left) = taken.unwrap_or((usize::MAX, 0));
                choice[within[i]] = Some(b);
                rest[i] = left;
            }
            out.push(choice);
        }
        Some(out)
    }

    /// The text of a configuration of [`Directives::nested_variants`]: as
    /// [`Directives::variant`]'s, each group keeping the branch `choice` gives it. A group
    /// given none (outside the islands) keeps every branch, an `#if 0` one too, as the
    /// tokens read the code out of the islands (and the tangled parse of the whole text),
    /// but a branch its language leaves out (`#ifdef __cplusplus` in C).
    pub fn nested_variant(&self, text: &str, choice: &[Option<usize>]) -> String {
        self.text_keeping(text, |gi, g, i| choice[gi].map_or(!(self.decided(g) && g.branches[i].1), |c| c == i))
    }

    /// How many configurations a reading takes: those of `nested` (of
    /// [`Directives::nested_variants`]) when given, else [`Directives::variant_count`]'s.
    pub fn configuration_count(&self, nested: Option<&[Vec<Option<usize>>]>, cap: usize) -> usize {
        nested.map_or_else(|| self.variant_count(cap), <[_]>::len)
    }

    /// The text of configuration `k` of those [`Directives::configuration_count`] counts:
    /// [`Directives::nested_variant`]'s of `nested` when given, else [`Directives::variant`]'s.
    pub fn configuration(&self, text: &str, nested: Option<&[Vec<Option<usize>>]>, k: usize) -> String {
        match nested {
            Some(n) => self.nested_variant(text, &n[k]),
            None => self.variant(text, k),
        }
    }

    /// How many branch configurations are worth parsing (at most `cap`).
    pub fn variant_count(&self, cap: usize) -> usize {
        self.groups.iter().filter(|g| !self.decided(g)).map(|g| g.branches.len()).max().unwrap_or(1).clamp(1, cap)
    }

    /// The text of branch configuration `k`: same length as `text`, directive lines and
    /// unselected branches replaced by spaces (newlines kept).
    pub fn variant(&self, text: &str, k: usize) -> String {
        self.text_keeping(text, |_, g, i| chosen_branch(g, k) == Some(i))
    }

    /// `text` with every directive line of the groups and each branch `keep` does not keep
    /// (`keep(group index, group, branch)`) replaced by spaces, newlines kept.
    fn text_keeping(&self, text: &str, keep: impl Fn(usize, &Group, usize) -> bool) -> String {
        let mut bytes = text.as_bytes().to_vec();
        for (gi, g) in self.groups.iter().enumerate() {
            for (i, (r, _)) in g.branches.iter().enumerate() {
                if !keep(gi, g, i) {
                    blank_range(&mut bytes, r);
                }
            }
            for r in &g.directives {
                blank_range(&mut bytes, r);
            }
        }
        // Blanking ASCII bytes inside a multi-byte character can't happen: directive lines
        // and branch bodies start and end at line boundaries. Still, never produce invalid
        // UTF-8.
        into_text(bytes)
    }
}

/// The branch of `g` that configuration `k` takes: its `k`-th live branch, or its last.
fn chosen_branch(g: &Group, k: usize) -> Option<usize> {
    let mut live = (0..g.branches.len()).filter(|&i| !g.branches[i].1);
    let count = live.clone().count();
    live.nth(k.min(count.saturating_sub(1)))
}

/// Whether any of the sorted, disjoint ranges `lines` (directive lines) overlaps `r`.
pub fn overlaps(lines: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = lines.partition_point(|l| l.end <= r.start);
    k < lines.len() && lines[k].start < r.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_branches_are_blanked_and_live_ones_kept() {
        let t = "int a;\n#if 0\nint dead(void) { send(\"x\"); }\n#else\nint live;\n#endif\n# if (0) /* off */\nint z;\n#elif 0\nint y;\n#elif LIVE\nint w;\n#endif\n#if 01\nint v;\n#endif\n";
        let out = without_dead_branches(t);
        assert_eq!(out.len(), t.len(), "offsets kept");
        assert_eq!(out.lines().count(), t.lines().count(), "lines kept");
        for gone in ["dead", "send", "int z;", "int y;"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
        for kept in ["int a;", "#if 0", "#else", "int live;", "#elif LIVE", "int w;", "int v;", "#endif"] {
            assert!(out.contains(kept), "{kept}: {out}");
        }
        // Nothing to blank: the text itself, not a copy.
        for none in ["int a;\n#ifdef X\nint b;\n#endif\n", "const char* s = \"#if 0\";\n", "#if 10\nint b;\n#endif\n"] {
            assert!(matches!(without_dead_branches(none), std::borrow::Cow::Borrowed(_)), "{none}");
        }
    }

    /// A condition's comment is cut at the first `//` or `/*`, and a `__cplusplus` test is
    /// read whatever white space it holds, as the string-building readings did.
    #[test]
    fn conditions_without_comments_and_cplusplus_tests() {
        let old_without = |c: &str| -> String { c.split("//").next().unwrap_or("").split("/*").next().unwrap_or("").to_string() };
        let old_test = |kw: &str, cond: &str| -> Option<bool> {
            let c: String = old_without(cond).chars().filter(|c| !c.is_whitespace()).collect();
            match (kw, c.as_str()) {
                ("ifdef", "__cplusplus") | ("if", "defined(__cplusplus)" | "defined__cplusplus" | "__cplusplus") => Some(true),
                ("ifndef", "__cplusplus") | ("if", "!defined(__cplusplus)" | "!defined__cplusplus" | "!__cplusplus") => Some(false),
                _ => None,
            }
        };
        let conds = [
            "", " 0", "(0) // off", "A /* x // y */", "A // x /* y", "a //* b", "a /*/ b", "x / y", "x/", "/", "//", "/*",
            "__cplusplus", " __cplusplus  // C++", "defined ( __cplusplus )", "defined __cplusplus", "! defined(__cplusplus)",
            "!__cplusplus /* c */", "__cplus plus", "__cplusplus\u{a0}", "defined(__cplusplus) && X", "\u{e9}__cplusplus",
            "!defined(__cplusplus)  ", "defined(__cplusplus) || defined(__cplusplus__x)",
        ];
        for cond in conds {
            assert_eq!(without_comment(cond), old_without(cond), "{cond:?}");
            for kw in ["if", "ifdef", "ifndef", "elif"] {
                assert_eq!(cplusplus_test(kw, cond), old_test(kw, cond), "{kw} {cond:?}");
            }
        }
        assert_eq!(cplusplus_test("ifdef", " __cplusplus // C++"), Some(true));
        assert_eq!(cplusplus_test("if", "! defined ( __cplusplus )"), Some(false));
    }

    #[test]
    fn defines_with_continuations_and_params() {
        let t = "#define MODEL_ID \"dtmi:a:b;1\"\n#  define PAYLOAD \"{\" \\\n  MODEL_ID \"}\"\n#define F(a, b) a##b\n#include \"board_config.h\"\n#include <stdio.h>\n";
        let d = scan(t);
        assert_eq!(d.defines.len(), 3);
        assert_eq!(d.defines[0].name, "MODEL_ID");
        assert_eq!(&t[d.defines[0].body.clone()], " \"dtmi:a:b;1\"");
        assert!(t[d.defines[1].body.clone()].contains("MODEL_ID"));
        assert_eq!(d.defines[2].params, Some(vec!["a".into(), "b".into()]));
        assert_eq!(d.includes, vec!["board_config.h", "stdio.h"]);
    }

    #[test]
    fn variants_pick_each_branch_and_keep_offsets() {
        let t = "if (a) {\n}\n#ifdef FULL\nelse if (b) {\n#else\nelse if (c) {\n#endif\n  reg();\n}\n#if 0\ndead();\n#endif\n";
        let d = scan(t);
        assert_eq!(d.variant_count(4), 2);
        let v0 = d.variant(t, 0);
        let v1 = d.variant(t, 1);
        assert_eq!(v0.len(), t.len());
        assert!(v0.contains("else if (b)") && !v0.contains("else if (c)"));
        assert!(v1.contains("else if (c)") && !v1.contains("else if (b)"));
        assert!(!v0.contains("dead") && !v1.contains("dead"));
        assert_eq!(v0.find("reg()"), t.find("reg()"));
    }

    #[test]
    fn cplusplus_groups_are_decided_for_c() {
        let t = "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#if !defined(__cplusplus)\nint c_only;\n#else\nint cpp_only;\n#endif\n#ifdef __cplusplus\n}\n#endif\n#ifdef FAST\nint fast;\n#endif\n";
        let mut d = scan(t);
        assert_eq!(d.variant_count(4), 2);
        assert!(d.compiled_text(t).is_none(), "nothing is decided before the language is known");
        d.decide_cplusplus(false);
        let c = d.compiled_text(t).expect("decided groups");
        assert_eq!(c.len(), t.len());
        assert!(!c.contains("extern") && !c.contains('}') && !c.contains("cpp_only") && !c.contains("__cplusplus"));
        assert!(c.contains("int c_only;") && c.contains("#ifdef FAST") && c.contains("int f(void);"));
        assert_eq!(c.find("int f(void);"), t.find("int f(void);"));
        assert!(d.has_open_conditionals(), "FAST is still open");
        assert_eq!(d.variant_count(4), 1);
        assert!(d.variant(t, 0).contains("int c_only;") && !d.variant(t, 1).contains("cpp_only"));
        // `#elif` tests more than the language.
        let mut e = scan("#ifdef __cplusplus\nint a;\n#elif defined(X)\nint b;\n#endif\n");
        e.decide_cplusplus(false);
        assert!(e.compiled_text("").is_none() && e.has_open_conditionals());
    }

    #[test]
    fn cplusplus_groups_are_decided_for_cpp() {
        let t = "#ifdef __cplusplus\n#include <limits>\n#else\n#include <climits>\n#endif\n#ifndef __cplusplus\nint c_only;\n#endif\nclass A {};\n#ifdef FAST\nint fast;\n#endif\n";
        let mut d = scan(t);
        assert_eq!(d.variant_count(4), 2);
        d.decide_cplusplus(true);
        let cpp = d.compiled_text(t).expect("decided groups");
        assert_eq!(cpp.len(), t.len());
        assert!(cpp.contains("#include <limits>") && !cpp.contains("climits") && !cpp.contains("c_only") && !cpp.contains("__cplusplus"));
        assert_eq!(cpp.find("class A"), t.find("class A"));
        assert!(d.has_open_conditionals(), "FAST is still open");
        assert_eq!(d.variant_count(4), 1, "no configuration for the language alone");
    }

    #[test]
    fn white_space_is_trimmed_as_the_standard_library_trims_it() {
        for t in ["", "  # define A", "\t\x0b\x0c\r\n#if", "\u{a0}#x", " \u{3000} y", "#", "é", "\r"] {
            assert_eq!(trim_start(t), t.trim_start(), "{t:?}");
        }
        // A directive's keyword after a non-breaking space or a form feed, as before.
        for (t, kw, after) in [("#\u{a0}define X", "define", 9), ("\x0c#include <a.h>", "include", 9), ("  #  if A", "if", 7)] {
            assert_eq!(directive(t, &(0..t.len())), Some((kw, after)), "{t:?}");
        }
    }

    #[test]
    fn directive_lines_are_logical_lines() {
        let t = "#define A 1\n  # define STR(x) \\\n    #x\nint a = 1; // # not a directive\n#define B \\\r\n  2\r\nint s = 3 + \\\n#4;\n#endif";
        let lines: Vec<&str> = directive_lines(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, vec!["#define A 1", "  # define STR(x) \\\n    #x", "#define B \\\r\n  2\r", "#endif"]);
        let d = scan(t);
        assert_eq!(d.defines.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), vec!["A", "STR", "B"]);
        assert!(directive_lines("int x;\n").is_empty() && directive_lines("").is_empty() && directive_lines("#").len() == 1);
    }

    /// The scan without groups finds the directive lines, defines and includes the whole
    /// scan finds, on every C file of the real-world suite and the fixtures (both hold
    /// files with a group in a function and around the file), and no group.
    #[test]
    fn a_scan_without_groups_finds_the_rest_as_the_whole_scan() {
        let c = |p: &std::path::Path| crate::test_files::ext_in(p, &["c", "h", "cpp", "ino"]);
        let mut paths = crate::test_files::under("tests/realworld", c);
        paths.extend(crate::test_files::under("tests/fixtures", c));
        assert!(paths.len() > 50, "the suites' C files: {}", paths.len());
        let (mut with_groups, mut inside_functions) = (0, 0);
        for p in &paths {
            let text = String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
            let (whole, light) = (scan(&text), scan_without_groups(&text));
            assert_eq!(light.lines, whole.lines, "{}", p.display());
            assert_eq!(light.includes, whole.includes, "{}", p.display());
            assert_eq!(light.defines, whole.defines, "{}", p.display());
            assert!(light.groups.is_empty() && !light.has_open_conditionals(), "{}", p.display());
            with_groups += usize::from(!whole.groups.is_empty());
            inside_functions += usize::from(whole.groups.iter().any(|g| g.branches.iter().any(|(b, _)| text[b.clone()].contains("return"))));
        }
        assert!(with_groups > 20 && inside_functions > 5, "files with groups: {with_groups}, with a group in a function: {inside_functions}");
        let t = "#include <a.h>\n#define N 3\nint f(void)\n{\n#ifdef FAST\n  return N;\n#else\n  return 1;\n#endif\n}\n";
        let (whole, light) = (scan(t), scan_without_groups(t));
        assert_eq!((whole.groups.len(), light.groups.len()), (1, 0));
        assert_eq!(light.lines.len(), 5);
        assert_eq!((light.includes, light.defines.len()), (vec!["a.h".to_string()], 1));
    }

    #[test]
    fn variants_cover_every_line_unless_dead_or_too_many() {
        let two = scan("#ifdef A\nint a;\n#else\nint b;\n#endif\n#ifdef C\nint c;\n#endif\n");
        assert!(two.variants_cover_all(4));
        assert!(!scan("#if 0\nint a;\n#endif\n").variants_cover_all(4), "a dead branch is in no configuration");
        let five = scan("#if A\n1\n#elif B\n2\n#elif C\n3\n#elif D\n4\n#else\n5\n#endif\n");
        assert!(!five.variants_cover_all(4) && five.variants_cover_all(5));
        // Nested: configuration 1 takes the outer `#else`, so the inner `#else` under the
        // outer first branch is in no configuration.
        let nested = "#ifndef OFF\n#ifdef A\na();\n#else\nb();\n#endif\n#else\nc();\n#endif\n";
        let n = scan(nested);
        assert!(!n.variants_cover_all(4));
        assert!((0..n.variant_count(4)).all(|k| !n.variant(nested, k).contains("b();")));
        // An inner group without `#else`, or one under the outer second branch taken with
        // its own second branch, is covered.
        assert!(scan("#ifdef A\n#ifdef B\nx();\n#endif\n#else\ny();\n#endif\n").variants_cover_all(4));
        assert!(!scan("#ifdef A\nx();\n#else\n#ifdef B\ny();\n#else\nz();\n#endif\n#endif\n").variants_cover_all(4));
        assert!(scan("#ifdef A\nx();\n#else\nw();\n#endif\n#ifdef B\ny();\n#else\nz();\n#endif\n").variants_cover_all(4));
    }

    /// netxduo's test heads: an outer group around the file, a head chosen by nested groups
    /// in its first branch, another by one group in its second. The configurations of the
    /// islands' groups follow the nesting: three, each line of the heads in one of them,
    /// every configuration one head per place, the outer group's branches kept.
    #[test]
    fn nested_variants_follow_the_nesting() {
        let t = "#if !defined(OFF)\nint a;\n#ifndef __LINUX__\nvoid tx_application_define(void *m)\n#else\n#ifdef CTEST\nvoid test_application_define(void *m)\n#else\nvoid x_define(void *m)\n#endif\n#endif\n{ f(); }\n#else\n#ifdef CTEST\nvoid test_application_define(void *m)\n#else\nvoid x_define(void *m)\n#endif\n{ g(); }\n#endif\n";
        let d = scan(t);
        assert!(!d.variants_cover_all(4), "configuration k takes branch k of every group: CTEST under the outer first branch is in none");
        // The islands: the two heads with their bodies and the groups' lines before them.
        let first = t.find("#ifndef __LINUX__").unwrap()..t.find("{ f(); }").unwrap() + 8;
        let second = t.rfind("#ifdef CTEST").unwrap()..t.find("{ g(); }").unwrap() + 8;
        let islands = [first.clone(), second.clone()];
        let configs = d.nested_variants(&islands, 4).expect("three configurations");
        assert_eq!(configs.len(), 3);
        let texts: Vec<String> = configs.iter().map(|c| d.nested_variant(t, c)).collect();
        let heads = |v: &str, r: &Range<usize>| ["tx_application_define", "test_application_define", "x_define"].iter().filter(|h| v[r.clone()].contains(*h)).map(|h| h.to_string()).collect::<Vec<_>>();
        assert_eq!(texts.iter().map(|v| heads(v, &first)).collect::<Vec<_>>(), [vec!["tx_application_define"], vec!["test_application_define"], vec!["x_define"]]);
        assert_eq!(texts.iter().map(|v| heads(v, &second)).collect::<Vec<_>>(), [vec!["test_application_define"], vec!["x_define"], vec!["x_define"]]);
        for v in &texts {
            assert_eq!(v.len(), t.len());
            assert!(v.contains("int a;") && v.contains("{ f(); }") && v.contains("{ g(); }"), "the outer group keeps both branches");
            assert!(!v.contains('#'), "every directive line is blanked");
        }
        // More than the cap, or no group inside the islands: none.
        assert!(d.nested_variants(&islands, 2).is_none());
        let before = 0..1;
        assert!(d.nested_variants(std::slice::from_ref(&before), 4).is_none());
        // An `#if 0` group of one branch, outside the islands or in one, is kept in every
        // configuration (as the tokens, and the tangled parse, read it) and needs none of its own.
        let dead = format!("{t}#if 0\nint z;\n#endif\n");
        let d_dead = scan(&dead);
        let c = d_dead.nested_variants(&islands, 4).expect("the dead group is outside the islands");
        assert_eq!(c.len(), 3);
        assert!(c.iter().all(|c| d_dead.nested_variant(&dead, c).contains("int z;")), "kept, as the tokens read it");
        let inside = t.replace("{ f(); }", "{\n#if 0\nz();\n#endif\nf(); }");
        let first_inside = inside.find("#ifndef __LINUX__").unwrap()..inside.find("f(); }").unwrap() + 6;
        let second_inside = inside.rfind("#ifdef CTEST").unwrap()..inside.find("{ g(); }").unwrap() + 8;
        let both = [first_inside.clone(), second_inside];
        let d_inside = scan(&inside);
        let c = d_inside.nested_variants(&both, 4).expect("the dead group needs no configuration");
        assert_eq!(c.len(), 3);
        assert!(c.iter().all(|c| d_inside.nested_variant(&inside, c).contains("z();")));
        // A dead branch beside a live one in an island: none.
        let beside = inside.replace("#if 0\nz();\n#endif", "#if 0\nz();\n#else\ny();\n#endif");
        let first_beside = beside.find("#ifndef __LINUX__").unwrap()..beside.find("f(); }").unwrap() + 6;
        assert!(scan(&beside).nested_variants(std::slice::from_ref(&first_beside), 4).is_none());
        // A group with a line outside the islands is outside them: its branches all kept.
        let half = first.start + 1..first.end;
        let c = d.nested_variants(std::slice::from_ref(&half), 4).expect("the CTEST group alone");
        assert_eq!(c.len(), 2);
    }
}
