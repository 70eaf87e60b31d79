//! Whether a format call can write some words at all, told without resolving it.
//!
//! A device program's raw-MQTT check resolves every printf-family and copy call of the
//! program to see whether it writes a DPS registration body (`{"registrationId":...}`);
//! in an SDK checkout almost none does, and resolving them all was most of the program
//! stage (azure-iot-sdk-c: 8,923 calls, ~640,000 resolver steps, none a body).
//!
//! The text a resolved value holds comes only from string literals and the SDK tables'
//! named constants (every other part is unknown), so a call can write a word only if a
//! literal or constant holding it is among what resolving the call could read. That is
//! asked here of an over-approximation of the resolver that follows the same shapes
//! ([`Shape`]: adjacent literals, `NAME(args)`, `a[i]`, `x.f`, names) and the same
//! look-ups, but across the whole linted set rather than one program's files: a
//! parameter stands for the arguments of every call of a function of that name, a field
//! for every assignment to a field of that name, a function's result for every `return`
//! of a function of that name. What it answers "no" to, the resolver could not have
//! found a word in; "yes" only means the call is resolved as before. A word is looked
//! for whole in one literal or constant (`"registr" "ationId"` is not seen as it).
//!
//! Only a one-shot analysis (`check`) asks: its programs share one index of every file.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Mutex, RwLock};

use super::facts::{enclosing_function, split_args, Call, FunctionDef};
use super::lexer::{self, TokKind, Token};
use super::sdk::{tables, Api};
use super::values::{conversion, here, is_copy, last_ident, return_exprs, shape, FileInput, Fill, Shape, SymbolIndex};

thread_local! {
    /// The tokens of the expression [`WordGate::expand`] reads, one list per thread.
    static EXPR_TOKENS: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A larger list (a huge initialiser read as one expression) is not kept.
const EXPR_TOKENS_KEPT: usize = 1 << 12;

/// A node made of more parts than this (a name assigned in thousands of places across
/// the set: netxduo's `status`, 38,000) is taken to reach a word, unread: reading them all
/// cost more than resolving the few calls that reach it.
const FAN_OUT: usize = 1024;

/// What a value may be made of, as the resolver reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Node {
    /// An expression of a file (byte range), read by its [`Shape`].
    Expr(usize, usize, usize),
    /// The bodies of the object-like macros of this name.
    Macro(Box<str>),
    /// A function's own variable of this name (file, function): its initialisers,
    /// assignments and buffer fills there (the resolver reads a function's own locals
    /// also where the function is outside the program, read through its fallback).
    Local(Box<str>, usize, usize),
    /// A variable of this name that is not the reading function's own: all initialisers,
    /// assignments and buffer fills of the name.
    Global(Box<str>),
    /// The format calls in one function (file, function) that fill a buffer of this name.
    FillsIn(Box<str>, usize, usize),
    /// Parameter `pos` of the functions called `name`: the arguments of their calls.
    Param(Box<str>, usize),
    /// The values assigned anywhere to a field of this name.
    Field(Box<str>),
    /// The `return` expressions of the functions of this name.
    Returns(Box<str>),
    /// The bodies of the function-like macros of this name.
    MacroBodies(Box<str>),
    /// The elements of the brace initialisers of arrays of this name.
    Elements(Box<str>),
    /// The elements of the arrays passed as parameter `pos` to the functions called `name`.
    ParamElements(Box<str>, usize),
}

/// The words' reach, found as the calls are asked about and kept for one analysis (the
/// index and the files it is asked with must be the same at each question).
pub struct WordGate {
    words: Vec<String>,
    /// Nodes known to reach a word (`true`) or known not to (`false`). Read under a
    /// reader's lock for each look-up and written once at the end of each search: the
    /// programs on the pool ask at the same time (a search held the lock throughout and
    /// the other thread slept on it: on azure-iot-sdk-c 1,920 questions waited 16 ms in
    /// all, most of the programs stage's second thread). What it holds is true of the
    /// node whichever search found it, so a search reads the same answers in any order.
    known: RwLock<foldhash::HashMap<Node, bool>>,
    /// Questions asked, and answered "no".
    counts: Mutex<(usize, usize)>,
    /// Per question asked (file, the call's start, its API), the answer: the programs
    /// that share a file ask of its calls again (azure-iot-sdk-c: 1,976 questions, 579
    /// distinct), and a question's expressions are read in place, not kept as nodes.
    answers: RwLock<foldhash::HashMap<(usize, usize, usize), bool>>,
    /// Per function name, [`WordGate::returned_params`].
    returned: Mutex<foldhash::HashMap<Box<str>, u64>>,
    /// Nodes expanded by the searches (work, for tests).
    expanded: std::sync::atomic::AtomicUsize,
    /// Questions searched (not answered from `answers`; work, for tests).
    searched: std::sync::atomic::AtomicUsize,
}

impl WordGate {
    pub fn new(words: Vec<String>) -> WordGate {
        WordGate { words, known: RwLock::default(), counts: Mutex::default(), answers: RwLock::default(), returned: Mutex::default(), expanded: Default::default(), searched: Default::default() }
    }

    /// How many nodes the searches expanded (expressions read in place not counted).
    #[cfg(test)]
    fn expanded(&self) -> usize {
        self.expanded.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// (calls asked about, calls that cannot write a word).
    pub fn counts(&self) -> (usize, usize) {
        *self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the format call `call` (of `api`, in file `file`) may write any of the
    /// words: what its format and the arguments after it (the parts the resolver reads)
    /// may hold. `whole` is the index of every file and call site of `files`.
    pub fn may_write(&self, files: &[FileInput], whole: &SymbolIndex<'_>, file: usize, call: &Call, api: &Api) -> bool {
        let question = (file, call.range().start, api as *const Api as usize);
        let known = self.answers.read().unwrap_or_else(|e| e.into_inner()).get(&question).copied();
        let may = known.unwrap_or_else(|| {
            self.searched.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let start: Vec<Node> = format_reads(&files[file].text, call, api).into_iter().map(|r| Node::Expr(file, r.start, r.end)).collect();
            let may = self.reaches(files, whole, start);
            self.answers.write().unwrap_or_else(|e| e.into_inner()).insert(question, may);
            may
        });
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.0 += 1;
        counts.1 += usize::from(!may);
        may
    }

    /// Whether anything `start` may be made of holds a word. What is reachable from `start`
    /// and not known yet is visited breadth first until a word is found: the nodes on the
    /// way to it are then known to reach one. A search that finds none has visited all it
    /// could reach, and every node it visited is known not to. A node is so expanded at
    /// most once per analysis (but by two searches at the same time, on two threads)
    /// unless a search stops at a word before finishing it: one
    /// question of azure-sdk-for-c's test runner went through 2,205 nodes (7 ms, in the
    /// programs stage's longest program) after the first word it met.
    fn reaches(&self, files: &[FileInput], whole: &SymbolIndex<'_>, start: Vec<Node>) -> bool {
        let known_now = |n: &Node| self.known.read().unwrap_or_else(|e| e.into_inner()).get(n).copied();
        let mut ids: foldhash::HashMap<Node, usize> = foldhash::HashMap::default();
        let mut nodes: Vec<Node> = Vec::new();
        // Per visited node: reaches a word (found so far).
        let mut word: Vec<bool> = Vec::new();
        // Per visited node, the nodes made of it (`QUESTION`: the question itself).
        let mut users: Vec<Vec<usize>> = Vec::new();
        const QUESTION: usize = usize::MAX;
        // Mark `from` as reaching a word, and all that are made of it: whether the
        // question is among them.
        let lift = |from: usize, word: &mut Vec<bool>, users: &Vec<Vec<usize>>| {
            let mut stack = vec![from];
            let mut question = false;
            while let Some(x) = stack.pop() {
                if x == QUESTION {
                    question = true;
                } else if !word[x] {
                    word[x] = true;
                    stack.extend(users[x].iter().copied());
                }
            }
            question
        };
        let mut queue = VecDeque::new();
        let mut found = false;
        // Nodes to place, with the node (`None`: the question) they are part of. An
        // expression is read in place, its parts counted as its parent's: most are read
        // from one place only, and keeping each as a node was most of the search's work.
        let mut pending: Vec<(Option<usize>, Node)> = start.into_iter().map(|n| (None, n)).collect();
        let mut parts = Vec::new();
        while !found {
            while let Some((parent, n)) = pending.pop() {
                let holds = if let Node::Expr(..) = n {
                    let holds = self.expand(files, whole, &n, &mut parts);
                    pending.extend(parts.drain(..).map(|m| (parent, m)));
                    holds
                } else {
                    match known_now(&n) {
                        Some(holds) => holds,
                        None => {
                            let id = match ids.get(&n) {
                                Some(&id) => id,
                                None => {
                                    let id = nodes.len();
                                    ids.insert(n.clone(), id);
                                    nodes.push(n);
                                    word.push(false);
                                    users.push(Vec::new());
                                    queue.push_back(id);
                                    id
                                }
                            };
                            users[id].push(parent.unwrap_or(QUESTION));
                            word[id]
                        }
                    }
                };
                if holds && lift(parent.unwrap_or(QUESTION), &mut word, &users) {
                    found = true;
                    break;
                }
            }
            if found {
                break;
            }
            let Some(id) = queue.pop_front() else { break };
            let n = nodes[id].clone();
            self.expanded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if self.expand(files, whole, &n, &mut parts) || parts.len() > FAN_OUT {
                parts.clear();
                found = lift(id, &mut word, &users);
                continue;
            }
            pending.extend(parts.drain(..).map(|m| (Some(id), m)));
        }
        // Found: what is known to reach the word (the rest may not be finished). Not
        // found: every node visited, none reaching one.
        let mut known = self.known.write().unwrap_or_else(|e| e.into_inner());
        for (n, w) in nodes.into_iter().zip(word) {
            if w || !found {
                known.insert(n, w);
            }
        }
        found
    }

    /// Whether node `n` holds a word itself; what it may be made of goes to `next`.
    fn expand(&self, files: &[FileInput], whole: &SymbolIndex<'_>, n: &Node, next: &mut Vec<Node>) -> bool {
        let expr = |file: usize, r: &Range<usize>| Node::Expr(file, r.start, r.end);
        match n {
            Node::Expr(file, start, end) => {
                let text: &str = &files[*file].text;
                let Some(slice) = text.get(*start..*end) else { return false };
                let facts = &files[*file].facts;
                let func = enclosing_function(facts, *start).map(|f| (f, &facts.functions[f]));
                // (Into this thread's buffer: a fresh list for each of the 9,500 expressions
                // a `check` of azure-iot-sdk-c reads. Taken, not borrowed: a search this
                // one starts gets a buffer of its own.)
                let mut buf = EXPR_TOKENS.take();
                lexer::lex_reusing(slice, *start, &mut buf);
                let param = |name: &str| func.and_then(|(_, f)| f.params.iter().position(|p| p == name).map(|pos| (f.name.as_str(), pos)));
                let found = match shape(text, &buf) {
                    Shape::Empty | Shape::Other(_) | Shape::Call { args: None, .. } => false,
                    Shape::Adjacent(toks) => toks.iter().any(|t| self.token(whole, text, t, *file, func, next)),
                    Shape::Single(t) => self.token(whole, text, &t, *file, func, next),
                    Shape::Call { name, args: Some(args), .. } => {
                        let t = tables();
                        if t.formats_returning(name) {
                            next.extend(printf_reads(text, &args, 0).iter().map(|r| expr(*file, r)));
                        } else if let Some(i) = t.wrapper_arg(name) {
                            next.extend(args.get(i).map(|r| expr(*file, r)));
                        } else {
                            if whole.defines_get(name).is_some_and(|d| d.iter().any(|(_, d)| d.params.is_some())) {
                                // A macro's parameters are the arguments here.
                                next.push(Node::MacroBodies(name.into()));
                                next.extend(args.iter().map(|r| expr(*file, r)));
                            }
                            if whole.functions_get(name).is_some() {
                                // A function's returns, its parameters bound to the
                                // arguments here: those its body uses.
                                next.push(Node::Returns(name.into()));
                                let read = self.returned_params(files, whole, name);
                                for (_, r) in args.iter().enumerate().filter(|(i, _)| *i >= 64 || read & (1 << i) != 0) {
                                    next.push(expr(*file, r));
                                    // An array passed in: the callee may read an element.
                                    if let Some(array) = last_ident(text, r) {
                                        next.push(Node::Elements(array.into()));
                                    }
                                }
                            }
                        }
                        false
                    }
                    Shape::Indexed(name) => {
                        next.push(match param(name) {
                            Some((f, pos)) => Node::ParamElements(f.into(), pos),
                            None => Node::Elements(name.into()),
                        });
                        false
                    }
                    Shape::Field { field, .. } => {
                        next.push(Node::Field(field.into()));
                        false
                    }
                };
                if buf.capacity() <= EXPR_TOKENS_KEPT {
                    EXPR_TOKENS.set(buf);
                }
                found
            }
            Node::Macro(name) => {
                for (df, d) in whole.defines_get(name).into_iter().flatten().filter(|(_, d)| d.params.is_none()) {
                    next.push(expr(*df, &d.body));
                }
                false
            }
            Node::Local(name, file, func) => {
                let inits = here(whole.inits_get(name), *file, *func).copied();
                let assigns = whole.var_assigns_here(name, *file, *func);
                next.extend(inits.chain(assigns).map(|s| expr(s.file(), &s.range())));
                next.push(Node::FillsIn(name.clone(), *file, *func));
                false
            }
            Node::Global(name) => {
                // All of them: the resolver prefers the file-level entries among those of
                // the program reading (or of the nearest files), which the set's list does
                // not tell.
                // (Past `FAN_OUT` parts the node is taken to reach a word, unread: the rest
                // are not gathered. netxduo's `status` has 38,000, azure-iot-sdk-c's
                // `result` 9,600.)
                for s in whole.inits_get(name).into_iter().flatten().chain(whole.var_assigns_get(name).into_iter().flatten()) {
                    if next.len() > FAN_OUT {
                        return false;
                    }
                    next.push(expr(s.file(), &s.range()));
                }
                for fill in whole.fills_get(name).into_iter().flatten() {
                    if next.len() > FAN_OUT {
                        return false;
                    }
                    next.extend(fill_reads(files, fill));
                }
                false
            }
            Node::FillsIn(name, file, func) => {
                for fill in whole.fills_get(name).into_iter().flatten().filter(|f| f.site.file() == *file && f.site.func() == Some(*func)) {
                    next.extend(fill_reads(files, fill));
                }
                false
            }
            Node::Param(func, pos) => {
                // The resolver reads the callers of its program (in the program's files).
                for (cf, call) in whole.calls_get(func).into_iter().flatten() {
                    next.extend(call.args.get(*pos).map(|r| expr(*cf, &r)));
                }
                false
            }
            Node::Field(field) => {
                for (s, _) in whole.field_assigns_get(field).into_iter().flatten() {
                    next.push(expr(s.file(), &s.range()));
                }
                false
            }
            Node::Returns(func) => {
                for &(ff, fidx) in whole.functions_get(func).into_iter().flatten() {
                    next.extend(return_exprs(&files[ff].text, &files[ff].facts.functions[fidx].body).iter().map(|r| expr(ff, r)));
                }
                false
            }
            Node::MacroBodies(name) => {
                for (df, d) in whole.defines_get(name).into_iter().flatten() {
                    let Some(params) = &d.params else { continue };
                    let text: &str = &files[*df].text;
                    let body = lexer::lex(&text[d.body.clone()], d.body.start);
                    // A body of anything but literals and names computes its value (unknown).
                    if body.iter().any(|t| !matches!(t.kind, TokKind::Str | TokKind::Ident)) {
                        continue;
                    }
                    for t in body.iter().filter(|t| !params.iter().any(|p| p == t.text(text, 0))) {
                        if self.token(whole, text, t, *df, None, next) {
                            return true;
                        }
                    }
                }
                false
            }
            Node::Elements(name) => {
                for s in whole.inits_get(name).into_iter().flatten() {
                    // Only a value whose first token may be `{` is lexed: a name initialised
                    // in thousands of places (`int result = ...`) lexed each value to see
                    // its first token (azure-iot-sdk-c: 0.9 ms of one question). A file
                    // whose reading found no such value is not looked at: its texts at
                    // those places were most of this node's time, each a cache miss.
                    if files[s.file()].facts.braced_inits == Some(false) {
                        continue;
                    }
                    let text: &str = &files[s.file()].text;
                    if !crate::c::facts::may_open_brace(&text[s.range()]) {
                        continue;
                    }
                    let toks = lexer::lex(&text[s.range()], s.range().start);
                    if toks.first().map(|t| t.text(text, 0)) != Some("{") {
                        continue;
                    }
                    if let Some((elements, _)) = split_args(&toks, 0) {
                        next.extend(elements.iter().map(|r| expr(s.file(), r)));
                    }
                }
                false
            }
            Node::ParamElements(func, pos) => {
                for (cf, call) in whole.calls_get(func).into_iter().flatten() {
                    if let Some(arr) = call.args.get(*pos).and_then(|r| last_ident(&files[*cf].text, &r)) {
                        next.push(Node::Elements(arr.into()));
                    }
                }
                false
            }
        }
    }

    /// One string literal or identifier of file `file` read alone, in function `func` of
    /// it (if any): whether it is a literal holding a word; an identifier's sources go to
    /// `next`.
    fn token(&self, whole: &SymbolIndex<'_>, text: &str, t: &Token, file: usize, func: Option<(usize, &FunctionDef)>, next: &mut Vec<Node>) -> bool {
        let s = t.text(text, 0);
        match t.kind {
            TokKind::Str => self.holds_word(s),
            TokKind::Ident => {
                let tables = tables();
                if tables.is_null(s) {
                    return false;
                }
                if let Some(v) = tables.constants.get(s) {
                    return self.words.iter().any(|w| v.contains(w.as_str()));
                }
                match func.and_then(|(i, f)| f.params.iter().position(|p| p == s).map(|pos| (i, f, pos))) {
                    // A parameter: the arguments, or what this function appends to it.
                    Some((i, f, pos)) => {
                        next.push(Node::Param(f.name.as_str().into(), pos));
                        next.push(Node::FillsIn(s.into(), file, i));
                    }
                    None => {
                        // As the resolver reads a name: its macros, then the function's own
                        // variable, else any variable or buffer of the name.
                        if whole.defines_get(s).is_some_and(|d| d.iter().any(|(_, d)| d.params.is_none())) {
                            next.push(Node::Macro(s.into()));
                        }
                        let local = func.is_some_and(|(i, _)| {
                            here(whole.inits_get(s), file, i).next().is_some() || !whole.var_assigns_here(s, file, i).is_empty()
                        });
                        match func {
                            Some((i, _)) if local => next.push(Node::Local(s.into(), file, i)),
                            _ => {
                                if whole.inits_get(s).is_some() || whole.has_var_assigns(s) || whole.fills_get(s).is_some() {
                                    next.push(Node::Global(s.into()));
                                }
                            }
                        }
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// Which parameters (bit per position; positions from 64 on always count) the functions
    /// called `name` use in their bodies: what of a call's arguments their returns may read
    /// (through the parameter, or a local set from it), when the call is not among the
    /// calls the facts list (one written in a macro's body), which [`Node::Param`] reads.
    fn returned_params(&self, files: &[FileInput], whole: &SymbolIndex<'_>, name: &str) -> u64 {
        let mut masks = self.returned.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&m) = masks.get(name) {
            return m;
        }
        let mut mask = 0u64;
        for &(ff, fidx) in whole.functions_get(name).into_iter().flatten() {
            let f = &files[ff].facts.functions[fidx];
            for (pos, p) in f.params.iter().enumerate().take(64) {
                if f.idents.contains(p) {
                    mask |= 1 << pos;
                }
            }
        }
        masks.insert(name.into(), mask);
        mask
    }

    /// A string literal's token holds one of the words (escapes read).
    fn holds_word(&self, token: &str) -> bool {
        let has = |s: &str| self.words.iter().any(|w| s.contains(w.as_str()));
        if token.contains('\\') {
            has(&lexer::unescape_string(token))
        } else {
            has(token)
        }
    }
}

/// What the resolver reads of a buffer fill (`format`), as expressions.
fn fill_reads(files: &[FileInput], fill: &Fill<'_>) -> impl Iterator<Item = Node> {
    let file = fill.file;
    format_reads(&files[file].text, fill.call, fill.api).into_iter().map(move |r| Node::Expr(file, r.start, r.end))
}

/// What the resolver's `format` reads of a format call: a copy's source; a printf-family
/// call's format and the arguments after it (see [`printf_reads`]). Nothing without its
/// format (the resolver writes nothing known then).
fn format_reads(text: &str, call: &Call, api: &Api) -> Vec<Range<usize>> {
    let Some(first) = api.arg.filter(|&i| i < call.args.len()) else { return Vec::new() };
    if is_copy(&call.name) {
        return call.args.get(first).into_iter().collect();
    }
    printf_reads(text, &call.args.to_vec(), first)
}

/// What the resolver's `printf` reads of a call's arguments `args` with its format at
/// `first`: the format, and of the arguments after it those of its `%s` conversions when
/// the format is written there as literals (each literal a piece, as the resolver reads
/// them), else all of them.
fn printf_reads(text: &str, args: &[Range<usize>], first: usize) -> Vec<Range<usize>> {
    let Some(fmt) = args.get(first) else { return Vec::new() };
    let toks = lexer::lex(&text[fmt.clone()], fmt.start);
    let pieces = match shape(text, &toks) {
        Shape::Single(t) if t.kind == TokKind::Str => vec![t],
        Shape::Adjacent(ts) if ts.iter().all(|t| t.kind == TokKind::Str) => ts.to_vec(),
        _ => return args[first..].to_vec(),
    };
    let mut out = vec![fmt.clone()];
    let mut next_arg = first + 1;
    for piece in pieces {
        let piece = lexer::unescape_string(piece.text(text, 0));
        let mut rest: &str = &piece;
        while let Some(p) = rest.find('%') {
            let spec = conversion(&rest[p..]);
            rest = &rest[p + spec.len()..];
            if spec == "%%" {
                continue;
            }
            next_arg += spec.matches('*').count();
            if spec.ends_with('s') {
                out.extend(args.get(next_arg).cloned());
            }
            next_arg += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::c::sdk::Role;

    fn inputs(files: &[(&str, &str)]) -> Vec<FileInput> {
        files.iter().map(|(p, t)| FileInput { text: (*t).into(), facts: Arc::new(crate::c::extract_file(Path::new(p), t)) }).collect()
    }

    /// Per format call of the files (file, the call's first line of text): whether the gate
    /// lets it be resolved.
    fn asked(files: &[FileInput]) -> Vec<(String, bool)> {
        asked_of(files, &WordGate::new(vec!["registrationId".into(), "payload".into()]))
    }

    fn asked_of(files: &[FileInput], gate: &WordGate) -> Vec<(String, bool)> {
        let whole = SymbolIndex::build_shared(files);
        let mut out = Vec::new();
        for (fi, f) in files.iter().enumerate() {
            for c in &f.facts.calls {
                for api in tables().lookup(&c.name).filter(|a| a.role == Role::Format) {
                    let shown = f.text[c.range()].lines().next().unwrap_or_default().trim().to_string();
                    out.push((shown, gate.may_write(files, &whole, fi, c, api)));
                }
            }
        }
        out
    }

    #[test]
    fn a_name_assigned_in_more_places_than_the_fan_out_is_taken_to_reach_a_word() {
        // `status` assigned a literal in `n` places, none a word; a format call reads it.
        let with = |n: usize| {
            let mut text = String::from("#include <stdio.h>\nconst char *status;\n");
            for i in 0..n {
                text += &format!("void set{i}(void) {{ status = \"s{i}\"; }}\n");
            }
            text += "void fill(char *b) { sprintf(b, \"%s\", status); }\n";
            let files = inputs(&[("app/status.c", &text)]);
            asked(&files).into_iter().map(|a| a.1).collect::<Vec<_>>()
        };
        assert_eq!(with(FAN_OUT), [false], "1,024 assignments are read, none a word");
        assert_eq!(with(FAN_OUT + 1), [true], "past the fan-out the name is not read");
    }

    #[test]
    fn a_question_asked_again_by_another_program_is_answered_without_a_search() {
        // Two programs share `send.c`: each asks of its two format calls (one that may
        // write the word, one that may not). The answers are the first program's.
        let files = inputs(&[
            ("send.c", "#include <stdio.h>\nstatic const char *key = \"registrationId\";\nvoid body(char *b) { sprintf(b, \"{\\\"%s\\\":1}\", key); }\nvoid other(char *b) { sprintf(b, \"%d\", 4); }\n"),
        ]);
        let gate = WordGate::new(vec!["registrationId".into()]);
        let first = asked_of(&files, &gate);
        assert_eq!(first.iter().map(|a| a.1).collect::<Vec<_>>(), [true, false], "{first:?}");
        let searched = gate.searched.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(searched, 2);
        let second = asked_of(&files, &gate);
        assert_eq!(second, first);
        assert_eq!(gate.searched.load(std::sync::atomic::Ordering::Relaxed), searched, "the second program's questions were searched again");
        // Each question is counted, as asked.
        assert_eq!(gate.counts(), (4, 2));
    }

    #[test]
    fn a_search_stops_at_the_first_word_and_what_it_left_unfinished_is_searched_again() {
        // `fill`'s format reads its parameter: the arguments of both its calls, `key` one
        // step from the word, `d0` the head of a chain of 40 assignments that ends in "x".
        let mut text = String::from("#include <stdio.h>\n");
        for i in 0..=40 {
            text += &format!("const char *d{i};\n");
        }
        text += "static const char *key = \"registrationId\";\nvoid init(void)\n{\n";
        for i in 0..40 {
            text += &format!("    d{i} = d{};\n", i + 1);
        }
        text += "    d40 = \"x\";\n}\n";
        text += "void fill(char *body, size_t n, const char *v) { snprintf(body, n, \"{\\\"%s\\\":1}\", v); }\n";
        text += "void a(char *b) { fill(b, 8, key); }\nvoid b(char *b) { fill(b, 8, d0); }\n";
        // Asked second: the chain alone, which holds no word.
        text += "void c(char *body) { snprintf(body, 8, \"%s\", d0); }\n";
        let files = inputs(&[("app/fill.c", &text)]);
        let gate = WordGate::new(vec!["registrationId".into()]);
        let asked = asked_of(&files, &gate);
        assert_eq!(asked.len(), 2, "{asked:?}");
        assert!(asked[0].1, "fill's format may write the key: {asked:?}");
        // The first search stopped at `key`; the chain's nodes it had not finished were
        // not taken as known, and the second question went down the whole chain.
        assert!(!asked[1].1, "the chain holds no word: {asked:?}");
        let both = gate.expanded();

        // Asked alone, the first question does not go down the chain.
        let question_c = "void c(char *body) { snprintf(body, 8, \"%s\", d0); }\n";
        let files = inputs(&[("app/fill.c", &text.replace(question_c, ""))]);
        let gate = WordGate::new(vec!["registrationId".into()]);
        assert_eq!(asked_of(&files, &gate).iter().map(|a| a.1).collect::<Vec<_>>(), [true]);
        let first = gate.expanded();
        assert!(first < 10, "stopped at the first word: {first} nodes");
        // The chain alone (and `fill`, called by no one): every link.
        let files = inputs(&[("app/fill.c", &text.replace("void a(char *b) { fill(b, 8, key); }\nvoid b(char *b) { fill(b, 8, d0); }\n", ""))]);
        let gate = WordGate::new(vec!["registrationId".into()]);
        assert_eq!(asked_of(&files, &gate).iter().map(|a| a.1).collect::<Vec<_>>(), [false, false]);
        let chain = gate.expanded();
        assert!(chain > 40, "the chain has 40 links: {chain} nodes");
        assert!(both <= first + chain, "each node once but for what the first search left: {both} > {first} + {chain}");
    }

    #[test]
    fn questions_asked_on_several_threads_at_once_get_the_answers_asked_one_by_one() {
        // Two chains of 30 assignments, one ending in the word and one not, a question at
        // every link of each, and first a question on `m`, one step from the word and also
        // assigned the heads of both chains: its search stops at the word with the chains
        // unfinished. The searches of several threads meet on the same nodes (one thread's
        // unfinished search beside another's finished one).
        let mut text = String::from("#include <stdio.h>\nconst char *m;\nconst char *key = \"registrationId\";\n");
        text += "void ask_m(char *body) { m = key; m = w0; m = x0; snprintf(body, 8, \"%s\", m); }\n";
        for c in ["w", "x"] {
            for i in 0..=30 {
                text += &format!("const char *{c}{i};\n");
            }
        }
        text += "void init(void)\n{\n";
        for c in ["w", "x"] {
            for i in 0..30 {
                text += &format!("    {c}{i} = {c}{};\n", i + 1);
            }
        }
        text += "    w30 = \"registrationId\";\n    x30 = \"x\";\n}\n";
        for i in 0..=30 {
            for c in ["w", "x"] {
                text += &format!("void ask_{c}{i}(char *body) {{ snprintf(body, 8, \"%s\", {c}{i}); }}\n");
            }
        }
        let files = inputs(&[("app/chains.c", &text)]);
        let one_by_one = asked(&files);
        assert_eq!(one_by_one.len(), 63);
        assert!(one_by_one.iter().all(|(q, may)| *may == (q.contains('w') || q.contains(", m)"))), "{one_by_one:?}");
        let whole = SymbolIndex::build_shared(&files);
        let questions: Vec<(usize, &Call, &Api)> = files[0]
            .facts
            .calls
            .iter()
            .flat_map(|c| tables().lookup(&c.name).filter(|a| a.role == Role::Format).map(move |a| (0, c, a)))
            .collect();
        for round in 0..20u64 {
            let gate = WordGate::new(vec!["registrationId".into(), "payload".into()]);
            let answers: Vec<Vec<bool>> = std::thread::scope(|s| {
                let threads: Vec<_> = (0..4u64)
                    .map(|t| {
                        let (gate, whole, files, questions) = (&gate, &whole, &files, &questions);
                        s.spawn(move || {
                            // Each thread in its own order: forwards, backwards, or from a middle.
                            let n = questions.len();
                            let mut out = vec![false; n];
                            for k in 0..n {
                                let i = match t {
                                    0 => k,
                                    1 => n - 1 - k,
                                    _ => (k + (round * 13 + t * 7) as usize) % n,
                                };
                                let (f, c, api) = questions[i];
                                out[i] = gate.may_write(files, whole, f, c, api);
                            }
                            out
                        })
                    })
                    .collect();
                threads.into_iter().map(|t| t.join().unwrap()).collect()
            });
            for a in answers {
                assert_eq!(a, one_by_one.iter().map(|q| q.1).collect::<Vec<_>>(), "round {round}");
            }
        }
    }

    #[test]
    fn a_body_built_through_macros_returns_fields_and_parameters_is_reached() {
        let files = inputs(&[
            (
                "dps/body.c",
                r#"#include <stdio.h>
#define MODEL_ID "dtmi:com:example:Thermostat;1"
#define BODY_FMT "{\"registrationId\":\"%s\",\"payload\":{\"modelId\":\"%s\"}}"
typedef struct { const char *body_format; const char *model_id; } dps_config;
static const char *body_format(void) { return BODY_FMT; }
void config_init(dps_config *cfg) { cfg->body_format = body_format(); cfg->model_id = MODEL_ID; }
int write_body(char *out, size_t size, const char *fmt, const char *id, const char *model)
{
    return snprintf(out, size, fmt, id, model);
}
"#,
            ),
            (
                "dps/main.c",
                r#"#include <stdio.h>
#include <string.h>
static int log_status(int status, const char *where)
{
    char line[64];
    const char *state = status == 0 ? "ok" : "failed";
    return snprintf(line, sizeof line, "%s: %s (%d)", where, state, status);
}
int main(void)
{
    dps_config cfg;
    char body[256];
    char topic[128];
    config_init(&cfg);
    strcpy(topic, "$dps/registrations/PUT/iotdps-register/?$rid=1");
    log_status(write_body(body, sizeof body, cfg.body_format, "dev1", cfg.model_id), "body");
    return 0;
}
"#,
            ),
        ]);
        let asked = asked(&files);
        let may = |start: &str| asked.iter().find(|(c, _)| c.starts_with(start)).unwrap_or_else(|| panic!("{start}: {asked:?}")).1;
        // The format arrives through a parameter, from a field an init helper sets to what
        // a function returns, which is a macro: that call is resolved.
        assert!(may("snprintf(out"), "{asked:?}");
        // The log line and the topic copy hold no word, nor does anything they read.
        assert!(!may("snprintf(line"), "{asked:?}");
        assert!(!may("strcpy(topic"), "{asked:?}");
    }

    #[test]
    fn an_argument_of_a_call_in_a_macro_body_is_reached_through_the_callee_s_locals() {
        // The call in the macro's body is no call site the facts list: its argument comes
        // in through the parameter, which the callee copies to a local it returns.
        let files = inputs(&[(
            "app/main.c",
            r#"#include <stdio.h>
static const char *pick(const char *key)
{
    const char *chosen = key;
    return chosen;
}
#define REGISTRATION_KEY pick("registrationId")
int main(void)
{
    char body[64];
    snprintf(body, sizeof body, "{\"%s\":\"dev1\"}", REGISTRATION_KEY);
    snprintf(body, sizeof body, "%s", pick("temperature"));
    return 0;
}
"#,
        )]);
        let asked = asked(&files);
        assert_eq!(asked.iter().map(|(_, may)| *may).collect::<Vec<_>>(), [true, false], "{asked:?}");
    }

    #[test]
    fn an_element_of_an_array_passed_in_a_macro_body_is_reached() {
        let files = inputs(&[(
            "app/main.c",
            r#"#include <stdio.h>
static const char *keys[] = { "registrationId", "deviceId" };
static const char *first(const char **list) { return list[0]; }
#define FIRST_KEY first(keys)
int main(void)
{
    char body[64];
    snprintf(body, sizeof body, "{\"%s\":\"dev1\"}", FIRST_KEY);
    return 0;
}
"#,
        )]);
        let asked = asked(&files);
        assert_eq!(asked.iter().map(|(_, may)| *may).collect::<Vec<_>>(), [true], "{asked:?}");
    }

    /// The one-shot reading's note that a file has no initialiser that may be a brace
    /// list (`FileFacts::braced_inits`) passes over only files whose elements the search
    /// would not read: an array initialised after a comment is found with the notes as
    /// without them, and the same questions get the same answers.
    #[test]
    fn the_elements_of_an_array_are_found_with_the_one_shot_reading_s_notes() {
        let sources = [
            ("app/keys.c", "const char *keys[] = /* the body's keys */ { \"registrationId\", \"deviceId\" };\n"),
            ("app/other.c", "int keys = 3;\nint count = 4;\n"),
            (
                "app/main.c",
                "#include <stdio.h>\nextern const char *keys[];\nstatic const char *first(const char **list) { return list[0]; }\nint main(void)\n{\n    char body[64];\n    snprintf(body, sizeof body, \"{\\\"%s\\\":1}\", first(keys));\n    return 0;\n}\n",
            ),
        ];
        let noted: Vec<FileInput> = sources.iter().map(|(p, t)| FileInput { text: (*t).into(), facts: Arc::new(crate::c::extract_file_compact(Path::new(p), t)) }).collect();
        assert_eq!((noted[0].facts.braced_inits, noted[1].facts.braced_inits), (Some(true), Some(false)));
        let (plain, noted) = (asked(&inputs(&sources)), asked(&noted));
        assert_eq!(noted, plain);
        assert_eq!(noted.iter().map(|a| a.1).collect::<Vec<_>>(), [true], "{noted:?}");
    }

    #[test]
    fn a_local_is_its_function_s_own_wherever_the_function_is() {
        // `helper_tag` may be read through the resolver's fallback (its file outside the
        // program): its `tag` is still its own (`Resolver::here_entries`), not the
        // program's variable of that name in `provisioning.c`; the caller's own `tag` is
        // its own too. Neither call can write `registrationId`.
        let files = inputs(&[
            (
                "app/provisioning.c",
                r#"void announce(void)
{
    const char *tag = "registrationId";
    send_tag(tag);
}
"#,
            ),
            (
                "lib/helper.c",
                r#"const char *helper_tag(void)
{
    const char *tag = "temperature";
    return tag;
}
"#,
            ),
            (
                "app/format.c",
                r#"#include <stdio.h>
void format_tag(char *out, size_t size)
{
    const char *tag = "humidity";
    snprintf(out, size, "%s", helper_tag());
    snprintf(out, size, "%s", tag);
}
"#,
            ),
        ]);
        let asked = asked(&files);
        assert_eq!(asked.iter().map(|(_, may)| *may).collect::<Vec<_>>(), [false, false], "{asked:?}");
    }

    #[test]
    fn a_word_in_an_argument_of_a_function_the_set_does_not_define_is_not_reached() {
        // The resolver reads nothing returned by a function it cannot see; its arguments
        // do not make the value.
        let files = inputs(&[(
            "app/main.c",
            r#"#include <stdio.h>
int main(void)
{
    char line[64];
    const char *why = reject_message("amqp:decode-error", "cannot read the payload");
    const char *tag = "registrationId";
    snprintf(line, sizeof line, "%s", why);
    snprintf(line, sizeof line, "{\"%s\":\"dev1\"}", tag);
    return 0;
}
"#,
        )]);
        let asked = asked(&files);
        assert_eq!(asked.iter().map(|(_, may)| *may).collect::<Vec<_>>(), [false, true], "{asked:?}");
    }
}
