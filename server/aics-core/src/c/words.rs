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
use std::sync::Mutex;

use super::facts::{enclosing_function, split_args, Call, FunctionDef};
use super::lexer::{self, TokKind, Token};
use super::sdk::{tables, Api};
use super::values::{conversion, is_copy, last_ident, return_exprs, shape, FileInput, Fill, Shape, Site, SymbolIndex};

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
    /// Nodes known to reach a word (`true`) or known not to (`false`).
    known: Mutex<foldhash::HashMap<Node, bool>>,
    /// Questions asked, and answered "no".
    counts: Mutex<(usize, usize)>,
    /// Per function name, [`WordGate::returned_params`].
    returned: Mutex<foldhash::HashMap<Box<str>, u64>>,
}

impl WordGate {
    pub fn new(words: Vec<String>) -> WordGate {
        WordGate { words, known: Mutex::default(), counts: Mutex::default(), returned: Mutex::default() }
    }

    /// (calls asked about, calls that cannot write a word).
    pub fn counts(&self) -> (usize, usize) {
        *self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the format call `call` (of `api`, in file `file`) may write any of the
    /// words: what its format and the arguments after it (the parts the resolver reads)
    /// may hold. `whole` is the index of every file and call site of `files`.
    pub fn may_write(&self, files: &[FileInput], whole: &SymbolIndex<'_>, file: usize, call: &Call, api: &Api) -> bool {
        let start: Vec<Node> = format_reads(&files[file].text, call, api).into_iter().map(|r| Node::Expr(file, r.start, r.end)).collect();
        let may = self.reaches(files, whole, start);
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.0 += 1;
        counts.1 += usize::from(!may);
        may
    }

    /// Whether anything `start` may be made of holds a word. Everything reachable from
    /// `start` that is not known yet is visited once, and then known: a node reaches a
    /// word when it holds one or reaches a node that does. Each node is so expanded at
    /// most once per analysis, whatever the order of the questions.
    fn reaches(&self, files: &[FileInput], whole: &SymbolIndex<'_>, start: Vec<Node>) -> bool {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        let mut ids: foldhash::HashMap<Node, usize> = foldhash::HashMap::default();
        let mut nodes: Vec<Node> = Vec::new();
        // Per visited node: holds (or reaches a known) word.
        let mut word: Vec<bool> = Vec::new();
        // (node, a node made of it)
        let mut edges: Vec<(usize, usize)> = Vec::new();
        let mut queue = VecDeque::new();
        // The question's own expressions reach a word.
        let mut asked = false;
        // Nodes to place, with the node (`None`: the question) they are part of. An
        // expression is read in place, its parts counted as its parent's: most are read
        // from one place only, and keeping each as a node was most of the search's work.
        let mut pending: Vec<(Option<usize>, Node)> = start.into_iter().map(|n| (None, n)).collect();
        let mut parts = Vec::new();
        loop {
            while let Some((parent, n)) = pending.pop() {
                let mut mark = |word: &mut Vec<bool>| match parent {
                    None => asked = true,
                    Some(p) => word[p] = true,
                };
                if let Node::Expr(..) = n {
                    if self.expand(files, whole, &n, &mut parts) {
                        mark(&mut word);
                    }
                    pending.extend(parts.drain(..).map(|m| (parent, m)));
                    continue;
                }
                match known.get(&n) {
                    Some(true) => mark(&mut word),
                    Some(false) => {}
                    None => {
                        let id = match ids.get(&n) {
                            Some(&id) => id,
                            None => {
                                let id = nodes.len();
                                ids.insert(n.clone(), id);
                                nodes.push(n);
                                word.push(false);
                                queue.push_back(id);
                                id
                            }
                        };
                        match parent {
                            Some(p) => edges.push((id, p)),
                            None => edges.push((id, usize::MAX)),
                        }
                    }
                }
            }
            if asked {
                return true;
            }
            let Some(id) = queue.pop_front() else { break };
            let n = nodes[id].clone();
            if self.expand(files, whole, &n, &mut parts) || parts.len() > FAN_OUT {
                word[id] = true;
                parts.clear();
                continue;
            }
            pending.extend(parts.drain(..).map(|m| (Some(id), m)));
        }
        // Back from the nodes that hold a word to all that reach them.
        edges.sort_unstable();
        let mut back: Vec<usize> = (0..nodes.len()).filter(|&i| word[i]).collect();
        let mut found = false;
        while let Some(to) = back.pop() {
            let from = edges.partition_point(|&(t, _)| t < to);
            for &(_, by) in edges[from..].iter().take_while(|&&(t, _)| t == to) {
                if by == usize::MAX {
                    found = true;
                } else if !word[by] {
                    word[by] = true;
                    back.push(by);
                }
            }
        }
        for (n, w) in nodes.into_iter().zip(word) {
            known.insert(n, w);
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
                let toks = lexer::lex(slice, *start);
                let param = |name: &str| func.and_then(|(_, f)| f.params.iter().position(|p| p == name).map(|pos| (f.name.as_str(), pos)));
                match shape(text, &toks) {
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
                }
            }
            Node::Macro(name) => {
                for (df, d) in whole.defines_get(name).into_iter().flatten().filter(|(_, d)| d.params.is_none()) {
                    next.push(expr(*df, &d.body));
                }
                false
            }
            Node::Local(name, file, func) => {
                let inits = here(whole.inits_get(name), *file, *func);
                let assigns = here(whole.var_assigns_get(name), *file, *func);
                next.extend(inits.chain(assigns).map(|s| expr(s.file, &s.range)));
                next.push(Node::FillsIn(name.clone(), *file, *func));
                false
            }
            Node::Global(name) => {
                // All of them: the resolver prefers the file-level entries among those of
                // the program reading (or of the nearest files), which the set's list does
                // not tell.
                for s in whole.inits_get(name).into_iter().flatten().chain(whole.var_assigns_get(name).into_iter().flatten()) {
                    next.push(expr(s.file, &s.range));
                }
                for fill in whole.fills_get(name).into_iter().flatten() {
                    next.extend(fill_reads(files, fill));
                }
                false
            }
            Node::FillsIn(name, file, func) => {
                for fill in whole.fills_get(name).into_iter().flatten().filter(|f| f.site.file == *file && f.site.func == Some(*func)) {
                    next.extend(fill_reads(files, fill));
                }
                false
            }
            Node::Param(func, pos) => {
                // The resolver reads the callers of its program (in the program's files).
                for (cf, call) in whole.calls_get(func).into_iter().flatten() {
                    next.extend(call.args.get(*pos).map(|r| expr(*cf, r)));
                }
                false
            }
            Node::Field(field) => {
                for (s, _) in whole.field_assigns_get(field).into_iter().flatten() {
                    next.push(expr(s.file, &s.range));
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
                    let text: &str = &files[s.file].text;
                    let toks = lexer::lex(&text[s.range.clone()], s.range.start);
                    if toks.first().map(|t| t.text(text, 0)) != Some("{") {
                        continue;
                    }
                    if let Some((elements, _)) = split_args(text, &toks, 0) {
                        next.extend(elements.iter().map(|r| expr(s.file, r)));
                    }
                }
                false
            }
            Node::ParamElements(func, pos) => {
                for (cf, call) in whole.calls_get(func).into_iter().flatten() {
                    if let Some(arr) = call.args.get(*pos).and_then(|r| last_ident(&files[*cf].text, r)) {
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
                            here(whole.inits_get(s), file, i).next().is_some() || here(whole.var_assigns_get(s), file, i).next().is_some()
                        });
                        match func {
                            Some((i, _)) if local => next.push(Node::Local(s.into(), file, i)),
                            _ => {
                                if whole.inits_get(s).is_some() || whole.var_assigns_get(s).is_some() || whole.fills_get(s).is_some() {
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
        return vec![call.args[first].clone()];
    }
    printf_reads(text, &call.args, first)
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

/// The entries of `list` (in file order, as the index keeps them) in function `func` of
/// `file`.
fn here(list: Option<&Vec<Site>>, file: usize, func: usize) -> impl Iterator<Item = &Site> {
    let list = list.map_or(&[][..], Vec::as_slice);
    let from = list.partition_point(|s| s.file < file);
    list[from..].iter().take_while(move |s| s.file == file).filter(move |s| s.func == Some(func))
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use super::*;
    use crate::c::sdk::Role;

    fn inputs(files: &[(&str, &str)]) -> Vec<FileInput> {
        files.iter().map(|(p, t)| FileInput { text: Arc::from(*t), facts: Arc::new(crate::c::extract_file(Path::new(p), t)) }).collect()
    }

    /// Per format call of the files (file, the call's first line of text): whether the gate
    /// lets it be resolved.
    fn asked(files: &[FileInput]) -> Vec<(String, bool)> {
        let whole = SymbolIndex::build_shared(files);
        let gate = WordGate::new(vec!["registrationId".into(), "payload".into()]);
        let mut out = Vec::new();
        for (fi, f) in files.iter().enumerate() {
            for c in &f.facts.calls {
                for api in tables().lookup(&c.name).filter(|a| a.role == Role::Format) {
                    let shown = f.text[c.range.clone()].lines().next().unwrap_or_default().trim().to_string();
                    out.push((shown, gate.may_write(files, &whole, fi, c, api)));
                }
            }
        }
        out
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
