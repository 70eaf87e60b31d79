//! A small C tokenizer. Tree-sitter gives the structure; this reads what tree-sitter
//! cannot: macro bodies (raw text to tree-sitter-c), expressions to resolve, and call
//! shapes inside ERROR nodes. It never fails: unknown bytes become `Punct` tokens.

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Ident,
    /// A string literal, quotes and any prefix (L, u8, ...) included.
    Str,
    Char,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    /// Byte range into the lexed text (plus the base offset given to `lex`), 32 bits: the
    /// faces hand over no text of 4 GiB (half the memory of a file's tokens, which every
    /// reading of the file walks). As indices: [`Token::lo`], [`Token::hi`], [`Token::range`].
    pub start: u32,
    pub end: u32,
    /// A one-byte punctuator's byte (`{`, `;`, `=`), else 0: the readings ask it of nearly
    /// every token, and it is read here without a look at the text.
    pub byte: u8,
}

impl Token {
    /// Where the token starts, as an index.
    pub fn lo(&self) -> usize {
        self.start as usize
    }

    /// Where the token ends (exclusive), as an index.
    pub fn hi(&self) -> usize {
        self.end as usize
    }

    /// The token's byte range, as indices.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.lo()..self.hi()
    }

    pub fn text<'a>(&self, src: &'a str, base: usize) -> &'a str {
        &src[self.lo() - base..self.hi() - base]
    }

    /// Whether this is `.` or `->` (the one two-byte punctuator that starts with `-`),
    /// asked by its byte, not its text (offsets into `src` itself).
    pub fn is_member_access(&self, src: &str) -> bool {
        self.byte == b'.' || (self.byte == 0 && self.kind == TokKind::Punct && self.hi() - self.lo() == 2 && src.as_bytes()[self.lo()] == b'-')
    }

    /// Whether this is the punctuator `p` (offsets into `src` itself).
    pub fn is_punct(&self, src: &str, p: &str) -> bool {
        match p.as_bytes() {
            &[b] => self.byte == b,
            _ => self.kind == TokKind::Punct && self.text(src, 0) == p,
        }
    }
}

/// Tokenize `src`, skipping white space, comments and line continuations. Offsets in the
/// tokens are `base + index into src`, so tokens of a slice point into the whole file.
pub fn lex(src: &str, base: usize) -> Vec<Token> {
    lex_with(src, base, false)
}

/// [`lex`] without the numbers of brace lists that hold nothing else (`{0x30, 0x82, ...}`:
/// certificates, firmware images, test vectors): the braces stay, the numbers, commas and
/// comments between them are passed over. No fact is read from those numbers, and a file
/// of byte arrays is mostly them (netxduo's test vectors: 4 MB files, a million tokens).
pub fn lex_skimming_numbers(src: &str, base: usize) -> Vec<Token> {
    lex_with(src, base, true)
}

/// [`lex`] into `out` (cleared first), whose allocation is reused.
pub fn lex_reusing(src: &str, base: usize, out: &mut Vec<Token>) {
    out.clear();
    lex_into(src, base, false, out, None)
}

/// [`lex_skimming_numbers`] into `out` (cleared first), whose allocation is reused: the
/// token path reads thousands of files in a row on each thread.
pub fn lex_skimming_numbers_into(src: &str, base: usize, out: &mut Vec<Token>) {
    out.clear();
    lex_into(src, base, true, out, None)
}

/// The tokens of `text` with `blanked` (sorted, disjoint) replaced by white space, from
/// `tokens` and `comments` (of [`lex_with_comments`] on `text`): those outside the ranges,
/// when every range starts and ends outside every token and comment. The text before a
/// range is the same in both, so lexing reaches the range in the same state; from a place
/// outside any token or comment, white space leaves it there. `None` when a token or a
/// comment crosses a range's edge (the caller lexes the blanked text itself). Read in
/// place when they are one run of `tokens` ([`outside`]).
pub fn tokens_outside<'t>(tokens: &'t [Token], comments: &[std::ops::Range<usize>], blanked: &[std::ops::Range<usize>]) -> Option<Cow<'t, [Token]>> {
    // Whether offset `at` lies strictly inside one of `spans` (sorted by start).
    fn inside<T>(spans: &[T], at: usize, span: impl Fn(&T) -> (usize, usize)) -> bool {
        let k = spans.partition_point(|s| span(s).0 < at);
        k > 0 && span(&spans[k - 1]).1 > at
    }
    for r in blanked {
        for at in [r.start, r.end] {
            if inside(tokens, at, |t| (t.lo(), t.hi())) || inside(comments, at, |c| (c.start, c.end)) {
                return None;
            }
        }
    }
    Some(outside(tokens, blanked))
}

/// The tokens of `all` that start outside every one of `ranges` (both sorted, the ranges
/// disjoint): the run of `all` they are when they are one ([`outside_run`]), else a copy.
pub(crate) fn outside<'t>(all: &'t [Token], ranges: &[std::ops::Range<usize>]) -> Cow<'t, [Token]> {
    match outside_run(all, ranges) {
        Some(run) => Cow::Borrowed(&all[run]),
        None => {
            let mut out = Vec::new();
            starting_outside_into(all, ranges, &mut out);
            Cow::Owned(out)
        }
    }
}

/// Where in `all` the tokens that start outside every one of `ranges` (both sorted, the
/// ranges disjoint) are, when they are one run of it: a file's directive lines most
/// often all come before its code, or before and after it (a header's guard, the
/// `#ifdef __cplusplus` lines of `extern "C"`). Such a run is read in place (copied, a
/// `check` of the generated 10,000-file tree took 2-6% more CPU time in two sets of runs
/// by turns). `None` when a range stands between two of them.
pub(crate) fn outside_run(all: &[Token], ranges: &[std::ops::Range<usize>]) -> Option<std::ops::Range<usize>> {
    let mut run = None;
    let mut from = 0;
    for r in ranges {
        if from == all.len() {
            break;
        }
        let inside = from + all[from..].partition_point(|t| t.lo() < r.start);
        if inside > from {
            if run.is_some() {
                return None;
            }
            run = Some(from..inside);
        }
        from = inside + all[inside..].partition_point(|t| t.lo() < r.end);
    }
    if from < all.len() {
        if run.is_some() {
            return None;
        }
        run = Some(from..all.len());
    }
    Some(run.unwrap_or(0..0))
}

/// `v.reserve(additional)`, but a larger buffer is a new allocation holding `v`'s elements,
/// never `realloc`'s copy: glibc's copies the whole old allocation, and a buffer reserved
/// ahead and filled only in part (the token path's, kept per thread: a file of byte arrays
/// reserves for a million tokens and writes a few hundred) has pages never written, which
/// that copy reads. Each such read maps the zero page, and writing there later (the memory
/// reused) replaces it with a TLB shootdown on every core: on netxduo 1,200 such faults,
/// about a tenth of the run's kernel time.
fn reserve_fresh(v: &mut Vec<Token>, additional: usize) {
    if v.capacity() - v.len() >= additional {
        return;
    }
    let mut fresh = Vec::with_capacity((v.len() + additional).max(v.capacity() * 2));
    fresh.extend_from_slice(v);
    *v = fresh;
}

/// The tokens of `all` that start outside every one of `ranges` (both sorted, the ranges
/// disjoint), into `out` (cleared first): the runs between the ranges copied whole, each
/// run's end found by a step forward per token (`extend` over a `filter` was three times
/// as long as lexing; a binary search for each end, every probe a branch the processor
/// cannot foresee, added 29% to the lexing time of the generated 10,000-file tree, whose
/// functions each hold a group: the steps forward add 9%).
pub(crate) fn starting_outside_into(all: &[Token], ranges: &[std::ops::Range<usize>], out: &mut Vec<Token>) {
    out.clear();
    reserve_fresh(out, all.len());
    let n = all.len();
    let mut from = 0;
    for r in ranges {
        let mut inside = from;
        while inside < n && all[inside].lo() < r.start {
            inside += 1;
        }
        out.extend_from_slice(&all[from..inside]);
        from = inside;
        while from < n && all[from].lo() < r.end {
            from += 1;
        }
        if from == n {
            return;
        }
    }
    out.extend_from_slice(&all[from..]);
}

/// Lists shorter than this (in bytes) are lexed as they are: looking ahead costs about
/// what their few tokens do.
const SKIM_FROM: usize = 16;

/// Where a brace list opened just before `i` ends when it holds only numbers (and commas,
/// white space, comments) over at least [`SKIM_FROM`] bytes: the index of its `}`.
fn numbers_only_until(b: &[u8], i: usize) -> Option<usize> {
    numbers_only_until_with(b, i, true)
}

/// [`numbers_only_until`], with the sixteen-byte steps or (`simd` false, for the tests) a
/// byte at a time.
fn numbers_only_until_with(b: &[u8], mut i: usize, simd: bool) -> Option<usize> {
    let start = i;
    let mut numbers = 0usize;
    #[cfg(not(target_arch = "x86_64"))]
    let _ = simd;
    loop {
        // After the first number, sixteen bytes a step to the next byte that is neither a
        // number's nor white space or `,` (a comment, the `}`).
        #[cfg(target_arch = "x86_64")]
        if simd && numbers > 0 {
            i = skim_list(b, i)?;
        }
        // White space and comments.
        loop {
            match b.get(i) {
                Some(&c) if is(c, WS) => i += 1,
                Some(b'/') if b.get(i + 1) == Some(&b'*') => i = comment_end().find(&b[i + 2..]).map(|k| i + 2 + k + 2)?,
                Some(b'/') if b.get(i + 1) == Some(&b'/') => i = memchr::memchr(b'\n', &b[i..]).map(|k| i + k)?,
                _ => break,
            }
        }
        match b.get(i)? {
            b'}' if numbers > 0 && i - start >= SKIM_FROM => return Some(i),
            c if c.is_ascii_digit() => {
                numbers += 1;
                while i < b.len() && is(b[i], LIST_NUM) {
                    i += 1;
                }
            }
            b',' if numbers > 0 => i += 1,
            _ => return None,
        }
    }
}

/// In a brace list of numbers after its first number, from `i` (where no number is begun):
/// where the run of numbers, white space and commas stops, sixteen bytes a step: at the
/// first other byte, or (within the last sixteen bytes of the text) where a number has
/// ended or none begun; the byte loop of [`numbers_only_until`] goes on from there. `None`
/// when an element there starts with something else than a digit (a name: the list is not
/// numbers only), as that loop would find.
#[cfg(target_arch = "x86_64")]
fn skim_list(b: &[u8], mut i: usize) -> Option<usize> {
    // Whether the byte before the sixteen is inside a number (its bit shifts in).
    let mut carry = 0u32;
    let mut resume = i;
    while i + 16 <= b.len() {
        // SAFETY: `i + 16 <= b.len()`: the sixteen bytes read are inside `b`.
        let (num, digit, sep) = unsafe { sse2::list_classes(b.as_ptr().add(i)) };
        let other = !(num | sep) & 0xFFFF;
        let stop = other.trailing_zeros().min(16);
        let valid = if stop == 16 { 0xFFFF } else { (1u32 << stop) - 1 };
        // Where a number starts: a number's byte after one that is not.
        let starts = num & !((num << 1) | carry) & valid;
        if starts & !digit != 0 {
            return None;
        }
        if stop < 16 {
            return Some(i + stop as usize);
        }
        carry = (num >> 15) & 1;
        if carry == 0 {
            resume = i + 16;
        } else if sep != 0 {
            // Inside a number at the end: go on from its start (after the last separator).
            resume = i + 16 - (sep << 16).leading_zeros() as usize;
        }
        i += 16;
    }
    Some(resume)
}

fn lex_with(src: &str, base: usize, skim: bool) -> Vec<Token> {
    let mut out = Vec::new();
    lex_into(src, base, skim, &mut out, None);
    out
}

/// [`lex`], and the byte ranges of the comments passed over (in order).
pub fn lex_with_comments(src: &str, base: usize) -> (Vec<Token>, Vec<std::ops::Range<usize>>) {
    let (mut out, mut comments) = (Vec::new(), Vec::new());
    lex_into(src, base, false, &mut out, Some(&mut comments));
    (out, comments)
}

/// The tokens and comments of `src` (`skim`: numbers of brace lists passed over, as
/// [`lex_skimming_numbers`] does), read with the sixty-four-byte windows of [`block`] or
/// (`windows` false) a token at a time: for the tests that compare the two on real code.
#[doc(hidden)]
pub fn lex_compared(src: &str, base: usize, skim: bool, windows: bool) -> (Vec<Token>, Vec<std::ops::Range<usize>>) {
    let (mut out, mut comments) = (Vec::new(), Vec::new());
    lex_into_with(src, base, skim, &mut out, Some(&mut comments), windows);
    (out, comments)
}

/// Byte classes of the lexer's loops, one table look-up per byte.
const WS: u8 = 1;
/// Starts an identifier: a letter, `_`, or a byte of a multi-byte character.
const ID_START: u8 = 2;
/// Continues an identifier: those, and digits.
const ID_CONT: u8 = 4;
/// Continues a number: letters, digits, `.` and `_`.
const NUM_CONT: u8 = 8;
/// Continues a number of a brace list passed over: letters, digits and `.`.
const LIST_NUM: u8 = 16;
/// A digit.
const DIGIT: u8 = 32;
/// Ends a window of [`block`]: `"`, `'`, `/` and `\`.
const STOP: u8 = 64;
/// Starts a two-byte punctuator read as one: `-`, `#`, `:`.
const PAIR: u8 = 128;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut k = 0;
        if b.is_ascii_whitespace() {
            k |= WS;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            k |= ID_START | ID_CONT;
        }
        if b.is_ascii_digit() {
            k |= ID_CONT;
        }
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' {
            k |= NUM_CONT;
        }
        if b.is_ascii_alphanumeric() || b == b'.' {
            k |= LIST_NUM;
        }
        if b.is_ascii_digit() {
            k |= DIGIT;
        }
        if matches!(b, b'"' | b'\'' | b'/' | b'\\') {
            k |= STOP;
        }
        if matches!(b, b'-' | b'#' | b':') {
            k |= PAIR;
        }
        t[c] = k;
        c += 1;
    }
    t
};

#[inline]
fn is(b: u8, class: u8) -> bool {
    CLASS[b as usize] & class != 0
}

/// The runs [`run_end`] passes over.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Run {
    /// White space ([`WS`]).
    Space,
    /// The rest of an identifier ([`ID_CONT`]).
    Ident,
}

/// Where the run of `run`'s bytes from `i` ends: sixteen bytes a step where the machine
/// has SSE2 (every x86-64), then a byte a step. Identifiers and indentation are most of a
/// C file's bytes, and the byte loop's exit (a different place each token) was most of
/// the lexer's time.
#[inline]
fn run_end(b: &[u8], mut i: usize, run: Run) -> usize {
    let class = match run {
        Run::Space => WS,
        Run::Ident => ID_CONT,
    };
    // A run that ends at once (one space between tokens, a one-letter name) is most of
    // them: one byte looked at before sixteen are.
    if i < b.len() && !is(b[i], class) {
        return i;
    }
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= b.len() {
        // SAFETY: `i + 16 <= b.len()`: the sixteen bytes read are inside `b`.
        let m = unsafe { sse2::members(b.as_ptr().add(i), run) };
        if m != 0xFFFF {
            return i + (!m).trailing_zeros() as usize;
        }
        i += 16;
    }
    while i < b.len() && is(b[i], class) {
        i += 1;
    }
    i
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::Run;
    use std::arch::x86_64::*;

    /// Which bytes of `v` are in `lo..=hi` (unsigned): shifted so that `lo` is the smallest
    /// signed byte, one signed comparison.
    #[inline]
    unsafe fn within(v: __m128i, lo: u8, hi: u8) -> __m128i {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(shifted, _mm_set1_epi8((0x80u8.wrapping_add(hi - lo + 1)) as i8))
    }

    /// Which bytes of `v` are white space (`WS`): ' ', and '\t' '\n' '\x0C' '\r': 9 to 13
    /// but 11 ('\x0B', not white space to `is_ascii_whitespace`).
    #[inline]
    unsafe fn spaces(v: __m128i) -> __m128i {
        let controls = _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x0B)), within(v, 0x09, 0x0D));
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8)), controls)
    }

    /// Which bytes of `v` are ASCII letters (either case: `| 0x20` folds them).
    #[inline]
    unsafe fn letters(v: __m128i) -> __m128i {
        within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z')
    }

    /// Of the sixteen bytes at `p`, a bit (low bit first) for each in `run`'s class: the
    /// same bytes as `CLASS` gives (`classes_of_sixteen_bytes_at_once_are_the_table_s`).
    ///
    /// # Safety
    /// Sixteen bytes from `p` are readable.
    #[inline]
    pub(super) unsafe fn members(p: *const u8, run: Run) -> u32 {
        // SSE2 is part of x86-64: no feature to detect.
        let v = _mm_loadu_si128(p as *const __m128i);
        let hits = match run {
            Run::Space => spaces(v),
            // Letters, digits, `_`, and every byte from 0x80 (of a multi-byte character;
            // the sign bit, below).
            Run::Ident => {
                let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
                _mm_or_si128(_mm_or_si128(letters(v), within(v, b'0', b'9')), _mm_or_si128(under, v))
            }
        };
        _mm_movemask_epi8(hits) as u32
    }

    /// Of the sixteen bytes at `p`, the bits (low bit first) of white space (`WS`), of
    /// the bytes of an identifier (`ID_CONT`) and of those of a number (`NUM_CONT`).
    ///
    /// # Safety
    /// Sixteen bytes from `p` are readable.
    #[inline]
    pub(super) unsafe fn token_classes(p: *const u8) -> (u32, u32, u32) {
        let v = _mm_loadu_si128(p as *const __m128i);
        let ascii = _mm_or_si128(_mm_or_si128(letters(v), within(v, b'0', b'9')), _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8)));
        let bits = |m: __m128i| _mm_movemask_epi8(m) as u32;
        (bits(spaces(v)), bits(_mm_or_si128(ascii, v)), bits(_mm_or_si128(ascii, _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8)))))
    }

    /// Of the sixteen bytes at `p`, the bits (low bit first) of those that continue a
    /// number of a brace list passed over (`LIST_NUM`: letters, digits, `.`), of the
    /// digits, and of white space and `,`.
    ///
    /// # Safety
    /// Sixteen bytes from `p` are readable.
    #[inline]
    pub(super) unsafe fn list_classes(p: *const u8) -> (u32, u32, u32) {
        let v = _mm_loadu_si128(p as *const __m128i);
        let digits = within(v, b'0', b'9');
        let num = _mm_or_si128(_mm_or_si128(digits, letters(v)), _mm_cmpeq_epi8(v, _mm_set1_epi8(b'.' as i8)));
        let sep = _mm_or_si128(spaces(v), _mm_cmpeq_epi8(v, _mm_set1_epi8(b',' as i8)));
        let bits = |m: __m128i| _mm_movemask_epi8(m) as u32;
        (bits(num), bits(digits), bits(sep))
    }
}

fn lex_into(src: &str, base: usize, skim: bool, out: &mut Vec<Token>, comments: Option<&mut Vec<std::ops::Range<usize>>>) {
    lex_into_with(src, base, skim, out, comments, true)
}

/// [`lex_into`], with the sixty-four-byte windows of [`block`] or (`blocks` false, for the
/// tests) a token at a time.
fn lex_into_with(src: &str, base: usize, skim: bool, out: &mut Vec<Token>, mut comments: Option<&mut Vec<std::ops::Range<usize>>>, blocks: bool) {
    #[cfg(not(target_arch = "x86_64"))]
    let _ = blocks;
    // Offsets are 32 bits (as tree-sitter's): a text of 4 GiB or more is read to there.
    let mut n = src.len().min((u32::MAX as usize).saturating_sub(base));
    while !src.is_char_boundary(n) {
        n -= 1;
    }
    let b = &src.as_bytes()[..n];
    // About one token per five bytes of C: grown once or twice instead of a dozen times.
    reserve_fresh(out, src.len() / 5 + 8);
    let mut i = 0;
    while i < b.len() {
        // Sixty-four bytes at a time where they are plain code (see `block`); what it
        // stops at (a string, a comment, ...) is read a token at a time below.
        #[cfg(target_arch = "x86_64")]
        if blocks && i + 64 <= b.len() {
            let next = block(b, i, base, skim, out);
            if next > i {
                i = next;
                continue;
            }
        }
        let c = b[i];
        // One look-up of the byte's class, then the kinds by how often C has them: white
        // space, names, punctuators (the tests in a row of earlier versions, each a branch
        // per token, were a fifth of the lexer's instructions on dense code).
        let class = CLASS[c as usize];
        if class & WS != 0 {
            i = run_end(b, i + 1, Run::Space);
            continue;
        }
        let start = i;
        let kind;
        let mut byte = 0;
        if class & ID_START != 0 {
            i = run_end(b, i + 1, Run::Ident);
            kind = match b.get(i) {
                // String prefixes: L"..", u8"..", u"..", U"..", and C++ raw strings R"d(..)d".
                Some(b'"') if matches!(&src[start..i], "R" | "LR" | "u8R" | "uR" | "UR") => {
                    i = skip_raw(b, i);
                    TokKind::Str
                }
                Some(&q @ (b'"' | b'\'')) if matches!(&src[start..i], "L" | "u8" | "u" | "U") => {
                    i = skip_quoted(b, i, q);
                    if q == b'"' { TokKind::Str } else { TokKind::Char }
                }
                _ => TokKind::Ident,
            };
        } else if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            // C++14 digit separators (`1'000`) stay inside the number.
            while i < b.len() && (is(b[i], NUM_CONT) || (b[i] == b'\'' && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric))) {
                i += 1;
            }
            kind = TokKind::Number;
        } else {
            match (c, b.get(i + 1)) {
                (b'"' | b'\'', _) => {
                    i = skip_quoted(b, i, c);
                    kind = if c == b'"' { TokKind::Str } else { TokKind::Char };
                }
                (b'/', Some(b'/')) => {
                    i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
                    if let Some(c) = comments.as_deref_mut() {
                        c.push(base + start..base + i);
                    }
                    continue;
                }
                (b'/', Some(b'*')) => {
                    i = comment_end().find(&b[i + 2..]).map_or(b.len(), |k| i + 2 + k + 2);
                    if let Some(c) = comments.as_deref_mut() {
                        c.push(base + start..base + i);
                    }
                    continue;
                }
                // A line continuation is white space.
                (b'\\', Some(b'\n' | b'\r')) => {
                    i = run_end(b, i + 1, Run::Space);
                    continue;
                }
                // Two-byte punctuators read as one: `->`, `##`, C++ `::`. (A punctuator is
                // ASCII: every byte from 0x80 starts a name.)
                (b'-', Some(b'>')) | (b'#', Some(b'#')) | (b':', Some(b':')) => {
                    i += 2;
                    kind = TokKind::Punct;
                }
                _ => {
                    i += 1;
                    kind = TokKind::Punct;
                    byte = c;
                    if skim && c == b'{' {
                        out.push(Token { kind, start: (base + start) as u32, end: (base + i) as u32, byte });
                        if let Some(close) = numbers_only_until(b, i) {
                            i = close;
                        }
                        continue;
                    }
                }
            }
        }
        out.push(Token { kind, start: (base + start) as u32, end: (base + i) as u32, byte });
    }
}

/// The tokens of the sixty-four bytes from `i` (a token's start, or white space), pushed
/// as the byte loop of [`lex_into`] pushes them, up to the first that needs more than the
/// window's classes: one whose text runs past the window, a string or character literal
/// (with or without a prefix), a comment or `/`, a backslash, a number with a digit separator,
/// a brace list's `{` when skimming. Returns where it stopped: the next token's start (the
/// end of the window when white space runs to it), `i` itself when it read nothing. Each
/// byte's class is found once, sixteen at a time, and white space and a name or number
/// end at the next bit of a mask, not in a loop of their own per token: the generated
/// 10,000-file tree (dense code) lexed in 0.65-0.72 of the time, netxduo in 0.80,
/// azure-iot-sdk-c (comments and strings, which stop a window) in 0.93.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block(b: &[u8], i: usize, base: usize, skim: bool, out: &mut Vec<Token>) -> usize {
    debug_assert!(i + 64 <= b.len());
    let (mut ws, mut id, mut num) = (0u64, 0u64, 0u64);
    for k in 0..4 {
        // SAFETY: `i + 64 <= b.len()`: the sixteen bytes at `i + 16 * k` are inside `b`.
        let (w, d, n) = unsafe { sse2::token_classes(b.as_ptr().add(i + 16 * k)) };
        ws |= (w as u64) << (16 * k);
        id |= (d as u64) << (16 * k);
        num |= (n as u64) << (16 * k);
    }
    // Where the run of `mask`'s bytes from `pos` (< 64) ends: 64 when it reaches the end
    // of the window (and may go on past it).
    let ends = |mask: u64, pos: usize| pos + (!mask >> pos).trailing_zeros() as usize;
    let mut pos = 0;
    while pos < 64 {
        pos += (!ws >> pos).trailing_zeros() as usize;
        if pos >= 64 {
            return i + 64;
        }
        let at = i + pos;
        let c = b[at];
        // (The byte's class once: its tests below, each a look-up in it, were a chain of
        // compares per token.)
        let class = CLASS[c as usize];
        let (end, kind, byte) = if class & ID_START != 0 {
            let end = ends(id, pos);
            // Past the window, or a string's prefix (`L"`, `u8'`, `R"(`): the byte loop's.
            if end >= 64 || matches!(b[i + end], b'"' | b'\'') {
                return at;
            }
            (end, TokKind::Ident, 0)
        } else if class & DIGIT != 0 || (c == b'.' && b.get(at + 1).is_some_and(u8::is_ascii_digit)) {
            let end = ends(num, pos);
            // Past the window, or a digit separator (`1'000`).
            if end >= 64 || b[i + end] == b'\'' {
                return at;
            }
            (end, TokKind::Number, 0)
        } else if class & STOP != 0 || (skim && c == b'{') {
            return at;
        } else if class & PAIR != 0 && matches!((c, b.get(at + 1)), (b'-', Some(b'>')) | (b'#', Some(b'#')) | (b':', Some(b':'))) {
            (pos + 2, TokKind::Punct, 0)
        } else {
            (pos + 1, TokKind::Punct, c)
        };
        out.push(Token { kind, start: (base + at) as u32, end: (base + i + end) as u32, byte });
        pos = end;
    }
    // (A two-byte punctuator may end one byte past the window.)
    i + pos
}

/// The searcher for `*/`, built once (building one per comment showed in profiles).
fn comment_end() -> &'static memchr::memmem::Finder<'static> {
    static F: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new(b"*/"))
}

fn skip_quoted(b: &[u8], mut i: usize, q: u8) -> usize {
    i += 1;
    while i < b.len() && b[i] != q && b[i] != b'\n' {
        if b[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    (i + 1).min(b.len())
}

/// A C++ raw string from its opening quote: `"delim(` ... `)delim"`, verbatim, across
/// lines. Unterminated: to the end of the text.
fn skip_raw(b: &[u8], q: usize) -> usize {
    let mut i = q + 1;
    while i < b.len() && i - q <= 17 && b[i] != b'(' && !matches!(b[i], b'"' | b'\\' | b' ' | b')' | b'\n') {
        i += 1;
    }
    if b.get(i) != Some(&b'(') {
        // Not a raw string after all: read it as an ordinary one.
        return skip_quoted(b, q, b'"');
    }
    let delim = &b[q + 1..i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == b')' && b[j + 1..].starts_with(delim) && b.get(j + 1 + delim.len()) == Some(&b'"') {
            return j + delim.len() + 2;
        }
        j += 1;
    }
    b.len()
}

/// [`unescape_string`] as a compact string: a value of up to 24 bytes without escapes is
/// held inline, with no allocation of its own.
pub fn unescape_compact(lit: &str) -> compact_str::CompactString {
    match plain_string_body(lit) {
        Some(body) => compact_str::CompactString::from(body),
        None => compact_str::CompactString::from(unescape_string(lit)),
    }
}

/// The body of a string literal that is not raw and holds no escape: its value as written.
fn plain_string_body(lit: &str) -> Option<&str> {
    let prefix = &lit[..lit.find('"').unwrap_or(0)];
    let body = quoted_body(lit);
    (!prefix.ends_with('R') && !body.contains('\\')).then_some(body)
}

/// What lies between a string literal's quotes (its prefix and quotes left out; an
/// unterminated one's to its end).
fn quoted_body(lit: &str) -> &str {
    let body = lit.trim_start_matches(|c: char| c != '"');
    let body = body.strip_prefix('"').unwrap_or(body);
    body.strip_suffix('"').unwrap_or(body)
}

/// The value of a C string literal token (prefix and quotes removed, escapes decoded; a C++
/// raw string's body verbatim).
pub fn unescape_string(lit: &str) -> String {
    let prefix = &lit[..lit.find('"').unwrap_or(0)];
    if prefix.ends_with('R') {
        let body = &lit[prefix.len() + 1..];
        if let Some(open) = body.find('(') {
            let delim = &body[..open];
            let rest = &body[open + 1..];
            let end = rest.rfind(&format!("){delim}\"")).unwrap_or(rest.len());
            return rest[..end].to_string();
        }
    }
    let body = quoted_body(lit);
    // Without a backslash the value is the text (every string literal of every file is read
    // here: a copy, not a character at a time).
    if !body.contains('\\') {
        return body.to_string();
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('x') => {
                let mut v = 0u32;
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(16)) {
                    v = v * 16 + d;
                    chars.next();
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            Some('\n') => {}
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokKind, &str)> {
        lex(src, 0).iter().map(|t| (t.kind, t.text(src, 0))).collect()
    }

    /// The runs between the ranges are the tokens a test of each token keeps: ranges at the
    /// start and end, empty, touching, holding no token, inside a token, past the end. Read
    /// in place exactly when they are one run of the tokens (before and after the code,
    /// as a header's guard; all of them; none), copied when a range stands between two.
    #[test]
    fn tokens_starting_outside_ranges_are_those_a_filter_keeps() {
        let src = "#include <a.h>\nint x = 1;\n#define F(a) a\nint f(void) { return F(x); }\n#if A\n#endif\n";
        let all = lex(src, 0);
        let filter = |ranges: &[std::ops::Range<usize>]| -> Vec<Token> { all.iter().copied().filter(|t| !ranges.iter().any(|r| r.start <= t.lo() && t.lo() < r.end)).collect() };
        let lines: Vec<std::ops::Range<usize>> = {
            let mut at = 0;
            src.split_inclusive('\n').map(|l| { let r = at..at + l.len(); at += l.len(); r }).collect()
        };
        let cases: Vec<Vec<std::ops::Range<usize>>> = vec![
            vec![],
            vec![lines[0].clone(), lines[2].clone(), lines[4].clone(), lines[5].clone()],
            vec![lines[0].clone()],
            vec![lines[5].clone()],
            vec![0..0, 3..3, lines[1].start..lines[1].start + 5],
            vec![1..2, 5..9, 40..41, src.len()..src.len() + 10],
            vec![0..src.len()],
            vec![lines[3].start + 2..lines[3].end - 3],
            vec![lines[0].clone(), lines[4].clone(), lines[5].clone()],
            vec![lines[0].clone(), lines[2].clone()],
            vec![lines[1].start..lines[3].end],
        ];
        for ranges in cases {
            let mut out = vec![Token { kind: TokKind::Ident, start: 0, end: 1, byte: 0 }];
            starting_outside_into(&all, &ranges, &mut out);
            let kept = filter(&ranges);
            assert_eq!(out, kept, "{ranges:?}");
            assert_eq!(&*outside(&all, &ranges), &kept[..], "{ranges:?}");
            // One run: the kept tokens' places in `all` follow one another.
            let places: Vec<usize> = kept.iter().map(|k| all.iter().position(|t| t == k).unwrap()).collect();
            let one_run = places.windows(2).all(|w| w[1] == w[0] + 1);
            assert_eq!(outside_run(&all, &ranges).is_some(), one_run, "{ranges:?}");
            assert_eq!(matches!(outside(&all, &ranges), Cow::Borrowed(_)), one_run, "{ranges:?}");
        }
    }

    #[test]
    fn lexes_strings_comments_and_punctuation() {
        let src = r#"x->y = L"a\"b" /* c */ "d" // e
  ## 1.5f"#;
        assert_eq!(
            kinds(src),
            vec![
                (TokKind::Ident, "x"),
                (TokKind::Punct, "->"),
                (TokKind::Ident, "y"),
                (TokKind::Punct, "="),
                (TokKind::Str, r#"L"a\"b""#),
                (TokKind::Str, r#""d""#),
                (TokKind::Punct, "##"),
                (TokKind::Number, "1.5f"),
            ]
        );
    }

    /// Each kind by the byte that starts it: a one-byte punctuator carries its byte, a
    /// two-byte one none; `/` alone, `.` before a digit, a line continuation (white space),
    /// names of non-ASCII letters and a char literal after a prefix.
    #[test]
    fn each_kind_by_its_first_byte() {
        let src = "a/b .5 .x \\\n c::d #x##y é_1 u'q' -1->z";
        let toks = lex(src, 0);
        let got: Vec<(TokKind, &str, u8)> = toks.iter().map(|t| (t.kind, t.text(src, 0), t.byte)).collect();
        use TokKind::*;
        assert_eq!(
            got,
            vec![
                (Ident, "a", 0), (Punct, "/", b'/'), (Ident, "b", 0), (Number, ".5", 0), (Punct, ".", b'.'), (Ident, "x", 0),
                (Ident, "c", 0), (Punct, "::", 0), (Ident, "d", 0), (Punct, "#", b'#'), (Ident, "x", 0), (Punct, "##", 0), (Ident, "y", 0),
                (Ident, "é_1", 0), (Char, "u'q'", 0), (Punct, "-", b'-'), (Number, "1", 0), (Punct, "->", 0), (Ident, "z", 0),
            ]
        );
    }

    #[test]
    fn offsets_are_based() {
        let t = lex("ab cd", 100);
        assert_eq!((t[1].start, t[1].end), (103, 105));
    }

    #[test]
    fn offsets_stop_at_four_gib() {
        // Offsets are 32 bits: what lies past 4 GiB is not read (here through the base
        // offset of a slice near the end), and a character is not cut there.
        let src = "int a; int é2 = b;";
        let base = u32::MAX as usize - 13;
        let toks = lex(src, base);
        let texts: Vec<&str> = toks.iter().map(|t| t.text(src, base)).collect();
        assert_eq!(texts, ["int", "a", ";", "int", "é"]);
        assert!(toks.iter().all(|t| t.hi() <= u32::MAX as usize && t.range() == (t.start as usize..t.end as usize)));
        // 4 GiB inside `é`: read to the character before it.
        let base = u32::MAX as usize - 12;
        let texts: Vec<String> = lex(src, base).iter().map(|t| t.text(src, base).to_string()).collect();
        assert_eq!(texts, ["int", "a", ";", "int"]);
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape_string(r#""{\"modelId\":\"%s\"}""#), r#"{"modelId":"%s"}"#);
        assert_eq!(unescape_string(r#"u8"a\x41\n""#), "aA\n");
        // Without a backslash: the text between the quotes, prefix and unterminated alike.
        let plain = [("\"dtmi:com:example:Thermostat;1\"", "dtmi:com:example:Thermostat;1"), ("L\"wide\"", "wide"), ("\"\"", ""), ("\"é😀 %d\"", "é😀 %d"), ("\"unterminated", "unterminated")];
        for (lit, value) in plain {
            assert_eq!(unescape_string(lit), value, "{lit}");
        }
    }

    #[test]
    fn compact_values_are_the_strings_values() {
        // Escaped, raw, prefixed, unterminated, empty, non-ASCII, and on both sides of the
        // 24 bytes a compact string holds inline.
        let lits = [
            r#""{\"modelId\":\"%s\"}""#,
            r#"u8"a\x41\n""#,
            "R\"x({\"temperature\":%d})x\"",
            "R\"abc(never",
            "LR\"(a\\b)\"",
            "L\"wide\"",
            "\"\"",
            "\"unterminated",
            "\"é😀 %d\"",
            "\"dtmi:com:example:Thermostat;1\"",
            "\"123456789012345678901234\"",
            "\"1234567890123456789012345\"",
            "\"a\\\\b\"",
        ];
        for lit in lits {
            assert_eq!(unescape_compact(lit).as_str(), unescape_string(lit), "{lit}");
        }
        for src in lits.iter().map(|l| l.to_string() + ";") {
            for t in lex(&src, 0).iter().filter(|t| t.kind == TokKind::Str) {
                assert_eq!(unescape_compact(t.text(&src, 0)).as_str(), unescape_string(t.text(&src, 0)), "{src}");
            }
        }
    }

    #[test]
    fn lexes_cpp_raw_strings_scopes_and_separators() {
        let src = "auto t = R\"x({\"temperature\":%d})x\"; a::b = 1'000;";
        let k = kinds(src);
        assert_eq!(k[3], (TokKind::Str, "R\"x({\"temperature\":%d})x\""));
        assert_eq!(unescape_string(k[3].1), "{\"temperature\":%d}");
        assert_eq!(k[6], (TokKind::Punct, "::"));
        assert_eq!(k[9], (TokKind::Number, "1'000"));
        // Unterminated raw strings and lone `R"` never fail.
        assert!(!lex("R\"abc(never closed", 0).is_empty());
        assert_eq!(unescape_string("R\"abc(never"), "never");
        assert_eq!(kinds("R\"no paren\"")[0].0, TokKind::Str);
    }

    #[test]
    fn skims_long_lists_of_numbers_only() {
        let bytes: Vec<String> = (0..100).map(|i| format!("0x{i:02X}")).collect();
        let src = format!("static const unsigned char cert[] = {{ {} /* end */ }};\nint n = {{1, 2}};", bytes.join(", "));
        let skim = kinds_of(&lex_skimming_numbers(&src, 0), &src);
        let full = kinds_of(&lex(&src, 0), &src);
        assert!(full.len() > 200);
        let open = skim.iter().position(|t| t.1 == "{").unwrap();
        assert_eq!(skim[open + 1].1, "}");
        // A short list, and anything that is not only numbers, stays whole.
        assert!(skim.ends_with(&[(TokKind::Punct, "{"), (TokKind::Number, "1"), (TokKind::Punct, ","), (TokKind::Number, "2"), (TokKind::Punct, "}"), (TokKind::Punct, ";")]));
        let mixed = format!("T t[] = {{ {}, NAME }};", bytes.join(", "));
        assert_eq!(lex_skimming_numbers(&mixed, 0), lex(&mixed, 0));
        let unclosed = format!("T t[] = {{ {}", bytes.join(", "));
        assert_eq!(lex_skimming_numbers(&unclosed, 0), lex(&unclosed, 0));
    }

    fn kinds_of<'a>(toks: &[Token], src: &'a str) -> Vec<(TokKind, &'a str)> {
        toks.iter().map(|t| (t.kind, t.text(src, 0))).collect()
    }

    #[test]
    fn classes_of_sixteen_bytes_at_once_are_the_table_s() {
        // Every byte value at every place of a window, among identifier bytes and among
        // spaces: where each run ends is where the byte loop ends it.
        for (run, fill, class) in [(Run::Ident, b'a', ID_CONT), (Run::Space, b' ', WS)] {
            for at in 0..40 {
                for x in 0..=255u8 {
                    let mut b = vec![fill; 40];
                    b[at] = x;
                    let mut want = 0;
                    while want < b.len() && is(b[want], class) {
                        want += 1;
                    }
                    assert_eq!(run_end(&b, 0, run), want, "{run:?}, byte {x:#04x} at {at}");
                }
            }
        }
        // Mixed text, from each place in it.
        let text = "  \t\r\n\x0Bid_ent9é x\x0C\x0C  y_0123456789abcdefZ__\u{80}";
        for from in 0..text.len() {
            for (run, class) in [(Run::Ident, ID_CONT), (Run::Space, WS)] {
                let b = text.as_bytes();
                let mut want = from;
                while want < b.len() && is(b[want], class) {
                    want += 1;
                }
                assert_eq!(run_end(b, from, run), want, "{run:?} from {from}");
            }
        }
    }

    /// Numbers below the `n` asked for, from a linear congruential sequence started at
    /// `seed`: the same texts every run.
    fn sequence(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n as u64) as usize
        }
    }

    #[test]
    fn lists_of_numbers_skimmed_sixteen_bytes_a_step_end_where_bytewise() {
        // Lists of every length up to a few hundred bytes, of numbers in the shapes of
        // certificates and test vectors, with a name, a comment, a stray byte or the end of
        // the text at each place, each read both ways.
        let pieces: [&[u8]; 16] =
            [b"0x30", b", ", b",", b" ", b"\n    ", b"1.5f", b"255U", b"0xABCDEFul", b"/* c */", b"// l\n", b"name", b"_x", b"-1", b"\t", b"123456789012345678901234", b",\x0B"];
        let mut next = sequence(1);
        let mut checked = 0;
        for len in 1..300 {
            for _ in 0..40 {
                let mut b = b"{ 0x01".to_vec();
                while b.len() < len {
                    // Mostly numbers and separators; now and then anything else.
                    let k = if next(8) == 0 { next(pieces.len()) } else { next(6).min(4) };
                    b.extend_from_slice(pieces[k]);
                }
                if next(3) > 0 {
                    b.extend_from_slice(b" }");
                }
                b.extend_from_slice(b";\n");
                let bytewise = numbers_only_until_with(&b, 1, false);
                assert_eq!(numbers_only_until(&b, 1), bytewise, "{:?}", String::from_utf8_lossy(&b));
                checked += usize::from(bytewise.is_some());
            }
        }
        assert!(checked > 1000, "only {checked} lists skimmed");
    }

    #[test]
    fn tokens_read_sixty_four_bytes_at_a_time_are_those_read_one_at_a_time() {
        // Texts of every length up to a few hundred bytes (each token at every place of a
        // window, and across its end) of plain code and of everything the windows leave to
        // the byte loop, each lexed both ways, with and without skimming.
        let pieces: [&str; 40] = [
            "name", "_x9", "m09957", "é", " ", "  ", "\n    ", "\t", "\r\n", "\x0B", "\x0C", "(", ")", ";", ",", "{", "}", "->", "-", ">", "::", ":::", "##", "###",
            "#", "0x1F", "1.5e3", ".5", "1'000", "a.b", "\"s\\\"q\"", "L\"w\"", "u8'c'", "R\"d(raw)\" )d\"", "'c'", "// line\n", "/* block */", "/", "\\\n", "\\",
        ];
        let mut next = sequence(7);
        let mut windows = 0;
        for len in 0..400 {
            for _ in 0..12 {
                let mut text = String::new();
                while text.len() < len {
                    // Mostly plain code (names, spaces, punctuators), now and then the rest.
                    let k = if next(6) == 0 { next(pieces.len()) } else { next(20) };
                    text.push_str(pieces[k]);
                }
                for skim in [false, true] {
                    let bytewise = lex_compared(&text, 3, skim, false);
                    assert_eq!(lex_compared(&text, 3, skim, true), bytewise, "{text:?} (skim: {skim})");
                }
                windows += usize::from(text.len() >= 64);
            }
        }
        assert!(windows > 3000);
        // The windows' own reading: a window of plain code read whole, and where it stops.
        let mut out = Vec::new();
        let plain = "int f(int a) { return a->b + g(1, 2.5) :: x; }                    ";
        assert_eq!(block(plain.as_bytes(), 0, 0, false, &mut out), 64);
        assert_eq!(out, lex(&plain[..64], 0));
        out.clear();
        let quoted = "x = y; call(\"a string\", 1); and more code after it, past the window";
        assert_eq!(block(quoted.as_bytes(), 0, 0, false, &mut out), quoted.find('"').unwrap());
    }

    #[test]
    fn survives_garbage() {
        let src = "\"unterminated\n é @ \\";
        let toks = lex(src, 0);
        assert!(!toks.is_empty());
    }

    #[test]
    fn tokens_outside_blanked_lines_are_those_of_the_blanked_text() {
        let text = "#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void) { return g(1); } // done\n#ifdef __cplusplus\n}\n#endif\n";
        let line = |n: usize| {
            let start = text.split_inclusive('\n').take(n).map(str::len).sum::<usize>();
            start..start + text.split_inclusive('\n').nth(n).unwrap().len() - 1
        };
        let blanked = [line(0), line(1), line(2), line(4), line(5), line(6)];
        let mut bytes = text.as_bytes().to_vec();
        for r in &blanked {
            for b in &mut bytes[r.clone()] {
                *b = b' ';
            }
        }
        let compiled = String::from_utf8(bytes).unwrap();
        let (tokens, comments) = lex_with_comments(text, 0);
        assert_eq!(comments.len(), 1);
        assert_eq!(tokens_outside(&tokens, &comments, &blanked).as_deref(), Some(&lex(&compiled, 0)[..]));
        // A comment or a token across a range's edge: the blanked text is lexed instead.
        let open = "int a; /* from here\n#ifdef __cplusplus\n*/ int b;\n#endif\n";
        let (tokens, comments) = lex_with_comments(open, 0);
        let r = open.find('#').unwrap()..open.find("*/").unwrap() - 1;
        assert_eq!(tokens_outside(&tokens, &comments, &[r]), None);
        let raw = "auto s = R\"(x\n#ifdef __cplusplus\n)\";\n";
        let (tokens, comments) = lex_with_comments(raw, 0);
        let r = raw.find('#').unwrap()..raw.find(")\"").unwrap() - 1;
        assert_eq!(tokens_outside(&tokens, &comments, &[r]), None);
    }
}
