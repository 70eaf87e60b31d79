//! What telemetry a device program sends: (component, name) pairs, each with the place
//! where the name's literal is written, read from message bodies (format strings, string
//! constants, macro concatenation) and JSON writers, through the program's own helpers
//! (one instance per call site, so `send_float(c, "temperature", t)` is read per caller)
//! and callbacks. A name that cannot be known statically is recorded as unknown.

use std::collections::BTreeSet;

use crate::fast::{HashMap, HashSet};

use crate::c::facts::{enclosing_function, Call};
use crate::c::sdk::{tables, Api, Role};
use crate::c::values::{json_members, Binding, FileInput, Loc, Resolver, SymbolIndex, Value, UNKNOWN};

/// The component a telemetry is sent under.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    Root,
    Named(String),
    /// Set from a value only known at run time: matches any component.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TelemetrySend {
    pub component: Component,
    pub name: String,
    /// The literal holding the name.
    pub site: Loc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSend {
    pub site: Loc,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct ProgramTelemetry {
    pub sends: Vec<TelemetrySend>,
    pub unknown: Vec<UnknownSend>,
}

type FnRef = (usize, usize);

/// Programs of this many files or more have their whole-text scans ([`raw_topic_writers`],
/// [`used_as_pointers`]) shared out over the pool: on fw10k's program of 10,000 files the
/// two took 25-30 ms of one thread, while the contents' reading, beside them, took 15-18.
const SCANNED_ON_THE_POOL: usize = 512;

/// `scan` of each file of `files`, in file order; on the pool for a large program.
fn per_file<T: Send>(files: &BTreeSet<usize>, scan: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    if files.len() < SCANNED_ON_THE_POOL {
        return files.iter().map(|&fi| scan(fi)).collect();
    }
    let files: Vec<usize> = files.iter().copied().collect();
    files.par_iter().with_min_len(64).map(|&fi| scan(fi)).collect()
}

const MAX_INSTANCES: usize = 64;
const CALLEE_DEPTH: usize = 3;

struct Ctx<'r> {
    files: &'r [FileInput],
    resolver: &'r Resolver<'r>,
    program: &'r SymbolIndex<'r>,
    /// Function name → definitions in the program.
    defs: &'r crate::contents::Definitions<'r>,
    /// Functions that report properties: the JSON they write is not telemetry.
    reporters: HashSet<FnRef>,
    /// Functions that write the raw-MQTT telemetry topic themselves: senders whose SDK call,
    /// if any, gave no body (see [`raw_topic_writers`]).
    raw_senders: HashSet<FnRef>,
}

fn calls_in(files: &[FileInput], f: FnRef) -> impl Iterator<Item = (&Call, &Api)> {
    let facts = &files[f.0].facts;
    facts
        .calls
        .iter()
        .filter(move |c| enclosing_function(facts, c.range().start) == Some(f.1))
        .flat_map(|c| tables().lookup(&c.name).map(move |a| (c, a)))
}

impl<'r> Ctx<'r> {
    /// Functions `f` reaches through calls and function pointers, `f` excluded, skipping
    /// property reporters.
    fn callees(&self, f: FnRef) -> Vec<FnRef> {
        let mut seen = HashSet::from_iter([f]);
        let mut frontier = vec![f];
        let mut out = Vec::new();
        for _ in 0..CALLEE_DEPTH {
            let mut next = Vec::new();
            for g in frontier {
                // In the order of the names (the order of what is found here is the order
                // the telemetry readings walk them).
                let mut idents: Vec<&str> = self.files[g.0].facts.functions[g.1].idents.iter().collect();
                idents.sort_unstable();
                for ident in idents {
                    for &h in self.defs.get(ident).into_iter().flatten() {
                        if !self.reporters.contains(&h) && seen.insert(h) {
                            out.push(h);
                            next.push(h);
                        }
                    }
                }
            }
            frontier = next;
        }
        out
    }
}

/// What the program of `program_files` sends; `defs`: its [`crate::contents::definitions`].
pub(crate) fn read<'r>(
    files: &'r [FileInput],
    program_files: &BTreeSet<usize>,
    resolver: &'r Resolver<'r>,
    program: &'r SymbolIndex<'r>,
    defs: &'r crate::contents::Definitions<'r>,
) -> ProgramTelemetry {
    // Functions whose JSON goes somewhere other than telemetry: reported properties and
    // DPS registration payloads (`{"modelId": ...}` written with the same JSON writer);
    // and those that send telemetry through the SDK. Read from each file's SDK calls
    // (few), not from every call of every function.
    let mut reporters: HashSet<FnRef> = HashSet::default();
    let mut sdk_senders: Vec<FnRef> = Vec::new();
    for &fi in program_files {
        for (i, _, a) in resolver.sdk_calls_in_functions(fi) {
            match a.role {
                Role::PropertiesReport | Role::DpsPayload => {
                    reporters.insert((fi, i));
                }
                Role::TelemetryMessage | Role::TelemetrySend => sdk_senders.push((fi, i)),
                _ => {}
            }
        }
    }
    let raw_senders = raw_topic_writers(files, program_files, defs.all());
    // A function that reports properties and also sends telemetry (a device task's main
    // loop) is a sender; what it sends is told apart by the buffers (see `read_instance`).
    let mut senders: Vec<FnRef> = sdk_senders.into_iter().chain(raw_senders.iter().copied()).collect();
    senders.sort();
    senders.dedup();
    let ctx = Ctx { files, resolver, program, defs, reporters, raw_senders };

    // Which helpers with parameters the program mentions other than by calling them: one
    // pass over the program's files for all of them, not one per helper.
    let with_params: HashSet<&str> =
        senders.iter().map(|f| &files[f.0].facts.functions[f.1]).filter(|func| !func.params.is_empty()).map(|func| func.name.as_str()).collect();
    let pointers = used_as_pointers(files, program_files, &with_params);

    let mut out = ProgramTelemetry::default();
    let mut seen: HashSet<TelemetrySend> = HashSet::default();
    for f in senders {
        let func = &files[f.0].facts.functions[f.1];
        if topic_wrapper(&ctx, f) && !ctx.program.callers(&func.name).is_empty() {
            read_wrapper_calls(&ctx, f, program_files, &mut out, &mut seen);
            continue;
        }
        let callers: Vec<(usize, &Call)> = if func.params.is_empty() {
            Vec::new()
        } else {
            ctx.program.callers(&func.name).iter().filter(|(cf, _)| program_files.contains(cf)).copied().take(MAX_INSTANCES).collect()
        };
        // A helper with parameters that nothing in this program calls or passes by pointer
        // (a shared file's function that only another sample uses) sends nothing here.
        if callers.is_empty() && (func.params.is_empty() || pointers.contains(func.name.as_str())) {
            read_instance(&ctx, f, None, &mut out, &mut seen);
        }
        for (cf, call) in callers {
            let binding = Binding::of_call(files, f.0, f.1, cf, call);
            let caller_fn = enclosing_function(&files[cf].facts, call.range().start).map(|i| (cf, i));
            read_instance(&ctx, f, Some((&binding, caller_fn)), &mut out, &mut seen);
        }
    }
    out
}

/// Functions that use the raw-MQTT telemetry topic (`[telemetry] raw_topic` of
/// `grammars/c/sdk.toml`): a string literal of their body holds it, or they name what holds
/// it: a macro (`#define TOPIC "devices/" ID "/messages/events/"`), a constant
/// (`const char FMT[] = "devices/%s/messages/events/"`), or a buffer or variable the program
/// writes it into (`snprintf(topic, n, FMT, id)` in `begin()`, published from `send()`).
/// A device's own MQTT client publishing telemetry; like the contents' raw topics,
/// recognised by the string.
fn raw_topic_writers<'r>(files: &'r [FileInput], program_files: &BTreeSet<usize>, all_fns: &[FnRef]) -> HashSet<FnRef> {
    let needle = tables().telemetry.raw_topic.as_str();
    if needle.is_empty() {
        return HashSet::default();
    }
    let slice = |fi: usize, r: &std::ops::Range<usize>| files[fi].text.get(r.clone()).unwrap_or_default();
    // What holds the topic, by name; two rounds reach `FMT` → `topic` (a macro or a
    // constant, then the buffer formatted from it).
    let mut holders: HashSet<&str> = HashSet::default();
    let mut writers: HashSet<FnRef> = HashSet::default();
    let mentions = |fi: usize, r: &std::ops::Range<usize>, holders: &HashSet<&str>| {
        let text = slice(fi, r);
        // The first round has no holders yet: no tokens to look at.
        text.contains(needle) || (!holders.is_empty() && crate::c::lexer::lex(text, 0).iter().any(|t| holders.contains(t.text(text, 0))))
    };
    for _ in 0..2 {
        // A file whose text holds neither the topic nor a holder's name has nothing to find:
        // one search of each file instead of one per macro, initialiser, assignment and
        // call (fw10k's program: 645,000 assignments, 22 ms).
        let words: Vec<&str> = std::iter::once(needle).chain(holders.iter().copied()).collect();
        let any = words_search(&words);
        // Per file, the names it writes the topic into and its functions that write it into
        // their own (the holders this round reads are the last round's: files apart).
        // The first round looks for the topic alone: not in the files whose reading found
        // none (`FileFacts::raw_topic`).
        let holding: BTreeSet<usize>;
        let scanned = if holders.is_empty() {
            holding = program_files.iter().copied().filter(|&fi| files[fi].facts.raw_topic != Some(false)).collect();
            &holding
        } else {
            program_files
        };
        let per: Vec<(Vec<&'r str>, Vec<FnRef>)> = per_file(scanned, |fi| {
            let (mut found, mut writes): (Vec<&'r str>, Vec<FnRef>) = (Vec::new(), Vec::new());
            if any.as_ref().is_some_and(|a| !a.is_match(&*files[fi].text)) {
                return (found, writes);
            }
            let facts = &files[fi].facts;
            found.extend(facts.defines.iter().filter(|d| mentions(fi, &d.body, &holders)).map(|d| d.name.as_str()));
            // A variable or buffer that gets the topic: the writing function's own (a
            // parameter or a local it declares), or one every function shares (a global,
            // a class member).
            let mut written = |name: &'r str, at: usize| match enclosing_function(facts, at) {
                Some(i) if declared_in(files, (fi, i), name) => writes.push((fi, i)),
                _ => found.push(name),
            };
            for i in facts.inits.iter().filter(|i| mentions(fi, &i.value, &holders)) {
                written(i.name.as_str(), i.range.start);
            }
            for (name, value, start) in facts.var_assignments(&files[fi].text) {
                if mentions(fi, &value, &holders) {
                    written(name, start);
                }
            }
            for c in &facts.calls {
                let Some(api) = tables().lookup(&c.name).find(|a| a.role == Role::Format) else { continue };
                let (Some(dest), Some(fmt)) = (api.dest_arg.and_then(|i| c.args.get(i)), api.arg.and_then(|i| c.args.get(i))) else { continue };
                if mentions(fi, &fmt, &holders) {
                    // The buffer's name as written (`telemetry_topic_`, `this->topic`).
                    let text = slice(fi, &dest);
                    if let Some(t) = crate::c::lexer::lex(text, 0).iter().rev().find(|t| t.kind == crate::c::lexer::TokKind::Ident) {
                        written(t.text(text, 0), c.range().start);
                    }
                }
            }
            (found, writes)
        });
        let before = holders.len();
        for (found, writes) in per {
            holders.extend(found);
            writers.extend(writes);
        }
        if holders.len() == before {
            break;
        }
    }
    // The functions with a literal holding the topic, from the literals that hold it (few):
    // a pass over each file's literals for each of its functions made a large program's
    // files cost their functions times their literals.
    let mut literal: HashSet<FnRef> = HashSet::default();
    for &fi in program_files {
        let facts = &files[fi].facts;
        for s in facts.strings.iter().filter(|s| s.value.contains(needle)) {
            literal.extend(facts.functions.iter().enumerate().filter(|(_, f)| f.body.contains(&s.range.start)).map(|(i, _)| (fi, i)));
        }
    }
    all_fns
        .iter()
        .copied()
        .filter(|&(fi, i)| {
            writers.contains(&(fi, i))
                || literal.contains(&(fi, i))
                || (!holders.is_empty() && files[fi].facts.functions[i].idents.iter().any(|id| holders.contains(id)))
        })
        .collect()
}

/// One search for all of `words` in a program's texts: a DFA, a step a byte (the default
/// automaton's prefilter had nothing to skip for many words that start alike: measured
/// when `used_as_pointers` searched for fw10k's 499 `iot_N_send`, ~4 instructions a byte
/// of every file, on one thread; that search is gone, its facts find the files); the default
/// automaton for words of more than [`DFA_WORD_BYTES`] bytes in all (a DFA's states
/// grow with them: fw10k's 6 KB of names make one of well under a megabyte).
fn words_search(words: &[&str]) -> Option<aho_corasick::AhoCorasick> {
    if words.iter().map(|w| w.len()).sum::<usize>() <= DFA_WORD_BYTES {
        if let Ok(dfa) = aho_corasick::AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::DFA)).build(words) {
            return Some(dfa);
        }
    }
    aho_corasick::AhoCorasick::new(words).ok()
}

/// The most bytes of words [`words_search`] builds a DFA for.
const DFA_WORD_BYTES: usize = 64 * 1024;

/// Whether `name` is a parameter of `f` or declared in its body (`char topic[96];`,
/// `String topic = ...`, `const char* t;`): a local, not the global of that name.
fn declared_in(files: &[FileInput], f: FnRef, name: &str) -> bool {
    let func = &files[f.0].facts.functions[f.1];
    if func.params.iter().any(|p| p == name) {
        return true;
    }
    let text = &files[f.0].text;
    let toks = crate::c::lexer::lex(&text[func.body.clone()], func.body.start);
    let t = |k: usize| toks.get(k).map(|t| t.text(text, 0)).unwrap_or_default();
    (1..toks.len()).any(|k| {
        t(k) == name
            && matches!(t(k + 1), "[" | "=" | ";" | "," | "{" | "(")
            && (t(k - 1) == "*" || t(k - 1) == "&" || (toks[k - 1].kind == crate::c::lexer::TokKind::Ident && !matches!(t(k - 1), "return" | "case" | "goto" | "sizeof" | "else" | "do" | "throw" | "delete" | "new")))
    })
}

/// Which of `names` the program mentions other than by calling or declaring them
/// (`name(`): a function pointer in an initialiser, an argument, an assignment.
fn used_as_pointers<'n>(files: &[FileInput], program_files: &BTreeSet<usize>, names: &HashSet<&'n str>) -> HashSet<&'n str> {
    use crate::c::lexer::{lex, TokKind};
    let out = HashSet::default();
    if names.is_empty() {
        return out;
    }
    // A name's length and first two bytes, asked before its hash: most of a large
    // program's names are none of the helpers' (fw10k: 150,000 names of 10,000 files
    // against 499 helpers, each hashed).
    let gate = crate::fast::NameGate::of(names.iter().copied());
    let wanted = |n: &str| gate.may_hold(n) && names.contains(n);
    // Each file's, then together (a file's names do not depend on another's).
    let scan = |fi: usize| {
        let mut mine: Vec<&'n str> = Vec::new();
        // The facts: most files spell none of the names, and their texts are not asked
        // for (a text may be one the face reads again when asked). A file whose names
        // hold one has it in its text (its names are its text's tokens): no search of
        // the text before its tokens (fw10k's search for its 499 helpers took 1.5-5.8 ms
        // to build, on one thread, and found each of the 500 files the names had found).
        if !files[fi].facts.names_any(wanted) {
            return mine;
        }
        let text = &files[fi].text;
        // Tokens, so that comments do not count.
        let toks = lex(text, 0);
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokKind::Ident {
                continue;
            }
            if let Some(&name) = names.get(t.text(text, 0)) {
                if toks.get(i + 1).map(|n| n.text(text, 0)) != Some("(") {
                    mine.push(name);
                }
            }
        }
        mine
    };
    // The files after all the names are found are not searched (the answer cannot grow: a
    // name is in it or not, whichever file found it), on the pool as one file at a time.
    let found = std::sync::Mutex::new(out);
    let all = std::sync::atomic::AtomicBool::new(false);
    per_file(program_files, |fi| {
        if all.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let mine = scan(fi);
        if !mine.is_empty() {
            let mut found = found.lock().unwrap_or_else(|e| e.into_inner());
            found.extend(mine);
            if found.len() == names.len() {
                all.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        }
    });
    found.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Is `offset` inside a block of `g` guarded by `if (p != NULL)`, `if (NULL != p)` or
/// `if (p)`, where the parameter `p` is NULL at every one of these call bindings?
fn null_guarded(ctx: &Ctx, g: FnRef, offset: usize, bindings: &[&Binding]) -> bool {
    use crate::c::lexer::lex;
    let file = &ctx.files[g.0];
    let body = file.facts.functions[g.1].body.clone();
    let text = &file.text;
    let toks = lex(&text[body.clone()], body.start);
    let t = |i: usize| toks.get(i).map_or("", |k| k.text(text, 0));
    for i in 0..toks.len() {
        if t(i) != "if" || t(i + 1) != "(" {
            continue;
        }
        // The condition's text (the lexer splits `!=`), and the `)` that closes it.
        let Some(close) = (i + 2..toks.len()).find(|&j| t(j) == ")") else { continue };
        let cond: String = (i + 2..close).map(t).collect();
        let param = if let Some(p) = cond.strip_suffix("!=NULL") {
            p
        } else if let Some(p) = cond.strip_prefix("NULL!=") {
            p
        } else {
            cond.as_str()
        };
        if param.is_empty() || !param.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        if t(close + 1) != "{" {
            continue;
        }
        let mut depth = 0;
        let mut end = None;
        for (j, k) in toks.iter().enumerate().skip(close + 1) {
            match k.text(text, 0) {
                "{" => depth += 1,
                "}" => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(toks[j].hi());
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        if !(toks[close + 1].lo() < offset && offset < end) {
            continue;
        }
        let all_null = bindings.iter().all(|b| {
            b.args.iter().find(|(p, _, _)| p.as_str() == param).is_some_and(|(_, cf, r)| {
                let values = ctx.resolver.resolve(*cf, r);
                !values.is_empty() && values.iter().all(|v| v.null)
            })
        });
        if all_null {
            return true;
        }
    }
    false
}

/// The project helpers `f` calls with an argument of one of its telemetry calls (the
/// client handle aside) — `ulCreateTelemetry(ucScratchBuffer, ...)` before
/// `SendTelemetry(&client, ucScratchBuffer, ...)` — and what they call.
fn body_builders(ctx: &Ctx, f: FnRef) -> Vec<FnRef> {
    let files = ctx.files;
    let text = &files[f.0].text;
    let mut shared: HashSet<String> = HashSet::default();
    for (c, _) in calls_in(files, f).filter(|(_, a)| matches!(a.role, Role::TelemetryMessage | Role::TelemetrySend)) {
        shared.extend(c.args.iter().skip(1).filter_map(|r| crate::c::values::last_ident(text, &r)));
    }
    let facts = &files[f.0].facts;
    let mut out: Vec<FnRef> = Vec::new();
    for call in facts.calls.iter().filter(|k| enclosing_function(facts, k.range().start) == Some(f.1)) {
        if !call.args.iter().any(|r| crate::c::values::last_ident(text, &r).is_some_and(|id| shared.contains(&id))) {
            continue;
        }
        for &g in ctx.defs.get(call.name.as_str()).into_iter().flatten() {
            if g != f && !out.contains(&g) && !ctx.reporters.contains(&g) {
                out.push(g);
                for h in ctx.callees(g) {
                    if h != f && !out.contains(&h) {
                        out.push(h);
                    }
                }
            }
        }
    }
    out
}

/// Does a telemetry call in `f` take its body or message from one of `f`'s parameters?
fn body_from_parameter(files: &[FileInput], f: FnRef) -> bool {
    let func = &files[f.0].facts.functions[f.1];
    let is_param = |r: std::ops::Range<usize>| {
        crate::c::values::last_ident(&files[f.0].text, &r).is_some_and(|id| func.params.iter().any(|p| *p == id))
    };
    let forwards_param = || forwards_parameter(files, f);
    calls_in(files, f).filter(|(_, a)| matches!(a.role, Role::TelemetryMessage | Role::TelemetrySend)).any(|(c, api)| {
        match api.arg {
            // The body argument.
            Some(i) => c.args.get(i).is_some_and(is_param),
            // A send of a message object (argument 1 after the client handle), or a topic
            // whose body the application publishes.
            None => c.args.get(1).is_some_and(is_param) || (api.role == Role::TelemetrySend && forwards_param()),
        }
    })
}

/// Topic-only SDKs and raw MQTT: the body goes to the application's own publish call
/// (`mqtt_publish(topic, payload)`, `client.publish(topic, body)`) — a parameter of `f`
/// handed to a project or library function. The client or connection handle usually comes
/// first (`publish(mqtt_client, topic, payload)`): a parameter passed there is not the body.
fn forwards_parameter(files: &[FileInput], f: FnRef) -> bool {
    let func = &files[f.0].facts.functions[f.1];
    let is_param = |r: std::ops::Range<usize>| {
        crate::c::values::last_ident(&files[f.0].text, &r).is_some_and(|id| func.params.iter().any(|p| *p == id))
    };
    let facts = &files[f.0].facts;
    facts
        .calls
        .iter()
        .filter(|c| enclosing_function(facts, c.range().start) == Some(f.1) && !tables().is_known(&c.name))
        .any(|c| c.args.iter().skip(1).any(is_param))
        || facts.assigns.iter().any(|a| {
            matches!(a.target, crate::c::facts::AssignTarget::Field(_))
                && enclosing_function(facts, a.start()) == Some(f.1)
                && is_param(a.value())
                && files[f.0].text[a.value()].trim().bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// Read one instance of a sending function: with the arguments of one call site bound
/// (and the caller's own JSON writing taken into account), or unbound.
fn read_instance(
    ctx: &Ctx,
    f: FnRef,
    bound: Option<(&Binding, Option<FnRef>)>,
    out: &mut ProgramTelemetry,
    seen: &mut HashSet<TelemetrySend>,
) {
    let binding = bound.map(|(b, _)| b);
    let caller = bound.and_then(|(_, c)| c);
    let files = ctx.files;
    if read_per_topic(ctx, f, binding, out, seen) {
        return;
    }
    let mut region = vec![f];
    if ctx.reporters.contains(&f) {
        // Also a property reporter: only the helpers called with the telemetry body (an
        // argument shared with the telemetry call, the client handle aside) write it.
        region.extend(body_builders(ctx, f));
    } else {
        region.extend(ctx.callees(f));
    }
    // The caller's own JSON writing belongs to this send only when the body (or message)
    // arrives through a parameter (`send_buffer(hub, scratch, len)`); a sender that
    // builds its own body is not also sending whatever its caller writes elsewhere.
    let mut caller_in_region = None;
    if let Some(c) = caller {
        let raw_body_param = ctx.raw_senders.contains(&f) && forwards_parameter(files, f);
        if !ctx.reporters.contains(&c) && (raw_body_param || body_from_parameter(files, f)) {
            region.push(c);
            caller_in_region = Some(c);
            // The helpers the caller calls to build that body (`write_payload(..., &payload)`
            // before `publish(NULL, payload)`): those sharing an argument with the call to
            // this sender, the client handle (first argument) aside.
            let cf = &files[c.0].facts;
            let shared: HashSet<String> = binding
                .map(|b| b.args.iter().skip(1).filter_map(|(_, af, r)| crate::c::values::last_ident(&files[*af].text, r)).collect())
                .unwrap_or_default();
            let shares = |k: &Call| k.args.iter().any(|r| crate::c::values::last_ident(&files[c.0].text, &r).is_some_and(|id| shared.contains(&id)));
            for call in cf.calls.iter().filter(|k| enclosing_function(cf, k.range().start) == Some(c.1) && shares(k)) {
                for &g in ctx.defs.get(call.name.as_str()).into_iter().flatten() {
                    if g != f && !region.contains(&g) && !ctx.reporters.contains(&g) {
                        region.push(g);
                    }
                }
            }
        }
    }
    // Functions handed to this instance as arguments (`send_telemetry(build_body, ...)`):
    // the callbacks that write its body.
    if let Some(b) = binding {
        for (_, cf, r) in &b.args {
            let name = files[*cf].text[r.clone()].trim().trim_start_matches('&');
            for &g in ctx.defs.get(name).into_iter().flatten() {
                if !region.contains(&g) && !ctx.reporters.contains(&g) {
                    region.push(g);
                    region.extend(ctx.callees(g).into_iter().filter(|h| !region.contains(h)).collect::<Vec<_>>());
                }
            }
        }
    }
    // A helper this sender calls (`PnP_CreateTelemetryMessageHandle(component, body)`) is
    // read with its parameters bound to that call, not to every caller of the helper: one
    // call's NULL component must not make another call's message a root message.
    let mut callee_bindings: HashMap<FnRef, Vec<Binding>> = HashMap::default();
    for owner in std::iter::once(f).chain(caller_in_region) {
        let facts_o = &files[owner.0].facts;
        for c in facts_o.calls.iter().filter(|c| enclosing_function(facts_o, c.range().start) == Some(owner.1)) {
            for &g in ctx.defs.get(c.name.as_str()).into_iter().flatten() {
                if g != f && g != owner && !files[g.0].facts.functions[g.1].params.is_empty() {
                    callee_bindings.entry(g).or_default().push(Binding::of_call(files, g.0, g.1, owner.0, c));
                }
            }
        }
    }
    let resolve = |fr: FnRef, r: &std::ops::Range<usize>| -> Vec<Value> {
        if fr == f {
            return ctx.resolver.resolve_bound(fr.0, r, binding);
        }
        match callee_bindings.get(&fr) {
            Some(bs) => bs.iter().flat_map(|b| ctx.resolver.resolve_bound(fr.0, r, Some(b))).collect(),
            None => ctx.resolver.resolve_bound(fr.0, r, None),
        }
    };

    // Components set on the message.
    let mut components: BTreeSet<Component> = BTreeSet::new();
    for &g in &region {
        for (c, api) in calls_in(files, g) {
            let value_range = match api.role {
                Role::TelemetryComponent => api.arg.and_then(|i| c.args.get(i)),
                Role::TelemetrySend if api.component_arg.is_some() => api.component_arg.and_then(|i| c.args.get(i)),
                Role::TelemetryProperty => {
                    let Some(key) = api.key_arg.and_then(|i| c.args.get(i)) else { continue };
                    let keys = resolve(g, &key);
                    if !keys.iter().any(|k| k.is_known() && tables().telemetry.component_keys.contains(&k.text())) {
                        continue;
                    }
                    api.arg.and_then(|i| c.args.get(i))
                }
                _ => continue,
            };
            let Some(r) = value_range else { continue };
            for v in resolve(g, &r) {
                components.insert(if v.null {
                    Component::Root
                } else if v.is_known() {
                    Component::Named(v.text())
                } else {
                    Component::Unknown
                });
            }
        }
    }
    if components.is_empty() {
        components.insert(Component::Root);
    }

    // Names: keys of the message bodies, and property names JSON writers write.
    let mut names: Vec<(String, Loc)> = Vec::new();
    let mut unknown: Vec<UnknownSend> = Vec::new();
    let mut opaque_bodies: Vec<UnknownSend> = Vec::new();
    let mut topic_only = ctx.raw_senders.contains(&f);
    for (c, api) in calls_in(files, f) {
        if !matches!(api.role, Role::TelemetryMessage | Role::TelemetrySend) {
            continue;
        }
        let Some(r) = api.arg.and_then(|i| c.args.get(i)) else {
            topic_only = true;
            continue;
        };
        for v in resolve(f, &r) {
            body_names(&v, Loc { file: f.0, range: c.name_range() }, &mut names, &mut unknown, &mut opaque_bodies);
        }
    }
    // The SDK only gave the topic (Embedded C SDK): the body is what this function formats
    // and hands to the application's own MQTT publish.
    if topic_only {
        // A raw-MQTT sender that publishes a body it was handed (`publish_telemetry(body)`):
        // the body is what the caller formats.
        let raw_caller = caller_in_region.filter(|_| ctx.raw_senders.contains(&f));
        for (g, b) in std::iter::once((f, binding)).chain(raw_caller.map(|c| (c, None))) {
            for (c, api) in calls_in(files, g).filter(|(_, a)| a.role == Role::Format) {
                for v in ctx.resolver.format_call_bound(g.0, c, api, b) {
                    let site = Loc { file: g.0, range: c.name_range() };
                    let mut ignored = Vec::new();
                    body_names(&v, site, &mut names, &mut unknown, &mut ignored);
                }
            }
        }
    }
    let mut writer_names = 0;
    for &g in &region {
        for (c, api) in calls_in(files, g) {
            if api.role != Role::JsonProperty {
                continue;
            }
            // `if (times != NULL) { ...append_property_name(&jw, start_time_name)... }` in a
            // shared writer that this send calls with `times` = NULL: never written here.
            let bindings: Vec<&Binding> = if g == f {
                binding.into_iter().collect()
            } else {
                callee_bindings.get(&g).map(|v| v.iter().collect()).unwrap_or_default()
            };
            if !bindings.is_empty() && null_guarded(ctx, g, c.range().start, &bindings) {
                continue;
            }
            let Some(r) = api.arg.and_then(|i| c.args.get(i)) else { continue };
            for v in resolve(g, &r) {
                writer_names += 1;
                match (v.is_known(), v.first_loc()) {
                    (true, Some(loc)) => names.push((v.text(), loc.clone())),
                    _ => unknown.push(UnknownSend {
                        site: Loc { file: g.0, range: c.name_range() },
                        reason: v.unknown_reason.clone().unwrap_or_else(|| "a property name built at run time".into()),
                    }),
                }
            }
        }
    }
    // A body the analysis cannot read matters only when nothing else says what it holds.
    if writer_names == 0 && names.is_empty() {
        unknown.extend(opaque_bodies);
    }
    record(out, seen, &components, names, unknown);
}

/// Each name sent under each of the components, and the unknowns, each once.
fn record(
    out: &mut ProgramTelemetry,
    seen: &mut HashSet<TelemetrySend>,
    components: &BTreeSet<Component>,
    names: Vec<(String, Loc)>,
    unknown: Vec<UnknownSend>,
) {
    for (name, site) in names {
        for comp in components {
            let s = TelemetrySend { component: comp.clone(), name: name.clone(), site: site.clone() };
            if seen.insert(s.clone()) {
                out.sends.push(s);
            }
        }
    }
    for u in unknown {
        if !out.unknown.contains(&u) {
            out.unknown.push(u);
        }
    }
}

/// A function that asks for several telemetry topics, each naming its component
/// (`az_iot_pnp_client_telemetry_get_publish_topic(&c, thermostat_1.component_name, ...)`,
/// then `..., AZ_SPAN_EMPTY, ...` for the root), sends one message per topic: the body of
/// each is what is written between that topic call and the next one. Returns false when
/// `f` is not such a function.
fn read_per_topic(ctx: &Ctx, f: FnRef, binding: Option<&Binding>, out: &mut ProgramTelemetry, seen: &mut HashSet<TelemetrySend>) -> bool {
    let files = ctx.files;
    let facts = &files[f.0].facts;
    let mut topics: Vec<(&Call, std::ops::Range<usize>)> = Vec::new();
    for (c, api) in calls_in(files, f) {
        if api.role != Role::TelemetrySend || api.arg.is_some() {
            continue;
        }
        if let Some(r) = api.component_arg.and_then(|i| c.args.get(i)) {
            topics.push((c, r));
        }
    }
    if topics.len() < 2 {
        return false;
    }
    topics.sort_by_key(|(c, _)| c.range().start);
    let body_end = facts.functions[f.1].body.end;
    for (i, (topic, comp_arg)) in topics.iter().enumerate() {
        let seg = topic.range().end..topics.get(i + 1).map_or(body_end, |(c, _)| c.range().start);
        let components: BTreeSet<Component> = ctx
            .resolver
            .resolve_bound(f.0, comp_arg, binding)
            .into_iter()
            .map(|v| if v.null { Component::Root } else if v.is_known() { Component::Named(v.text()) } else { Component::Unknown })
            .collect();
        let (names, unknown) = segment_names(ctx, f, binding, &seg);
        record(out, seen, &components, names, unknown);
    }
    true
}

/// The telemetry names written in `seg` of `f` (read with `binding`): JSON property calls
/// and printf formats there, and in the project helpers called there (with their
/// parameters bound to that call) and what those call.
fn segment_names(ctx: &Ctx, f: FnRef, binding: Option<&Binding>, seg: &std::ops::Range<usize>) -> (Vec<(String, Loc)>, Vec<UnknownSend>) {
    let files = ctx.files;
    let facts = &files[f.0].facts;
    // The body's writers: JSON property calls in the segment, and the helpers the
        // segment calls (with their parameters bound to that call) and what they call.
        let mut writers: Vec<(FnRef, Option<Binding>)> = vec![(f, binding.cloned())];
        for call in facts.calls.iter().filter(|k| enclosing_function(facts, k.range().start) == Some(f.1) && seg.contains(&k.range().start)) {
            for &g in ctx.defs.get(call.name.as_str()).into_iter().flatten() {
                if g == f || ctx.reporters.contains(&g) {
                    continue;
                }
                writers.push((g, Some(Binding::of_call(files, g.0, g.1, f.0, call))));
            }
        }
        // What those helpers call, each callee bound to the helper's call of it (a shared
        // `build_message(buf, name, ...)` called with `temperature` here and `workingSet`
        // elsewhere is read with this call's name only).
        let mut next = 1;
        for _ in 0..CALLEE_DEPTH {
            let upto = writers.len();
            for i in next..upto {
                let h = writers[i].0;
                let hf = &files[h.0].facts;
                for call in hf.calls.iter().filter(|k| enclosing_function(hf, k.range().start) == Some(h.1)) {
                    for &g in ctx.defs.get(call.name.as_str()).into_iter().flatten() {
                        if g == f || g == h || ctx.reporters.contains(&g) || writers.iter().any(|(w, _)| *w == g) {
                            continue;
                        }
                        writers.push((g, Some(Binding::of_call(files, g.0, g.1, h.0, call))));
                    }
                }
            }
            next = upto;
        }
        let mut names: Vec<(String, Loc)> = Vec::new();
        let mut unknown: Vec<UnknownSend> = Vec::new();
        for (g, b) in &writers {
            for (c, api) in calls_in(files, *g) {
                if *g == f && !seg.contains(&c.range().start) {
                    continue;
                }
                let Some(r) = api.arg.and_then(|i| c.args.get(i)) else { continue };
                let site = Loc { file: g.0, range: c.name_range() };
                match api.role {
                    Role::JsonProperty => {
                        for v in ctx.resolver.resolve_bound(g.0, &r, b.as_ref()) {
                            match (v.is_known(), v.first_loc()) {
                                (true, Some(loc)) => names.push((v.text(), loc.clone())),
                                _ => unknown.push(UnknownSend {
                                    site: site.clone(),
                                    reason: v.unknown_reason.clone().unwrap_or_else(|| "a property name built at run time".into()),
                                }),
                            }
                        }
                    }
                    Role::Format => {
                        for v in ctx.resolver.format_call_bound(g.0, c, api, b.as_ref()) {
                            let mut ignored = Vec::new();
                            body_names(&v, site.clone(), &mut names, &mut unknown, &mut ignored);
                        }
                    }
                    _ => {}
                }
            }
        }
    (names, unknown)
}

/// Project functions that only hand a telemetry topic back to their caller
/// (`pnp_telemetry_get_publish_topic(&client, NULL, component, topic, size, NULL)`, which
/// puts the component on the message properties): each call of one is a topic call of
/// its caller, and the body is what the caller writes between that call and the next.
fn topic_wrapper(ctx: &Ctx, f: FnRef) -> bool {
    let files = ctx.files;
    let func = &files[f.0].facts.functions[f.1];
    if func.params.is_empty() || body_from_parameter(files, f) {
        return false;
    }
    let sends: Vec<_> = calls_in(files, f).filter(|(_, a)| matches!(a.role, Role::TelemetryMessage | Role::TelemetrySend)).collect();
    // Topic-only, the topic buffer one of its own parameters, and no body written here.
    !sends.is_empty()
        && sends.iter().all(|(c, a)| {
            a.role == Role::TelemetrySend
                && a.arg.is_none()
                // the client handle (argument 0) aside: the topic buffer comes from the caller
                && c.args.iter().skip(1).any(|r| crate::c::values::last_ident(&files[f.0].text, &r).is_some_and(|id| func.params.iter().any(|p| *p == id)))
        })
        && !calls_in(files, f).any(|(_, a)| matches!(a.role, Role::JsonProperty | Role::Format))
}

/// The components one instance of `f` (its parameters bound to one call) sets on its
/// message: component calls and `$.sub` properties in `f` and what it calls.
fn instance_components(ctx: &Ctx, f: FnRef, binding: &Binding) -> BTreeSet<Component> {
    let files = ctx.files;
    let mut region = vec![f];
    region.extend(ctx.callees(f));
    let mut components = BTreeSet::new();
    for &g in &region {
        let b = if g == f { Some(binding) } else { None };
        for (c, api) in calls_in(files, g) {
            let value_range = match api.role {
                Role::TelemetryComponent => api.arg.and_then(|i| c.args.get(i)),
                Role::TelemetrySend if api.component_arg.is_some() => api.component_arg.and_then(|i| c.args.get(i)),
                Role::TelemetryProperty => {
                    let Some(key) = api.key_arg.and_then(|i| c.args.get(i)) else { continue };
                    let keys = ctx.resolver.resolve_bound(g.0, &key, b);
                    if !keys.iter().any(|k| k.is_known() && tables().telemetry.component_keys.contains(&k.text())) {
                        continue;
                    }
                    api.arg.and_then(|i| c.args.get(i))
                }
                _ => continue,
            };
            let Some(r) = value_range else { continue };
            for v in ctx.resolver.resolve_bound(g.0, &r, b) {
                components.insert(if v.null || v.is_empty_string() {
                    Component::Root
                } else if v.is_known() {
                    Component::Named(v.text())
                } else {
                    Component::Unknown
                });
            }
        }
    }
    if components.is_empty() {
        components.insert(Component::Root);
    }
    components
}

/// Read the callers of a topic wrapper: one message per wrapper call.
fn read_wrapper_calls(ctx: &Ctx, f: FnRef, program_files: &BTreeSet<usize>, out: &mut ProgramTelemetry, seen: &mut HashSet<TelemetrySend>) {
    let files = ctx.files;
    let name = files[f.0].facts.functions[f.1].name.as_str();
    let callers: Vec<(usize, &Call)> =
        ctx.program.callers(name).iter().filter(|(cf, _)| program_files.contains(cf)).copied().take(MAX_INSTANCES).collect();
    for &(cf, call) in &callers {
        let Some(gi) = enclosing_function(&files[cf].facts, call.range().start) else { continue };
        let g = (cf, gi);
        let binding = Binding::of_call(files, f.0, f.1, cf, call);
        let components = instance_components(ctx, f, &binding);
        // Up to the next topic call of the same caller (this wrapper or an SDK one).
        let body_end = files[cf].facts.functions[gi].body.end;
        let next = files[cf]
            .facts
            .calls
            .iter()
            .filter(|k| enclosing_function(&files[cf].facts, k.range().start) == Some(gi) && k.range().start > call.range().start)
            .filter(|k| k.name == name || tables().lookup(&k.name).any(|a| a.role == Role::TelemetrySend))
            .map(|k| k.range().start)
            .min()
            .unwrap_or(body_end);
        let seg = call.range().end..next;
        let (names, unknown) = segment_names(ctx, g, None, &seg);
        record(out, seen, &components, names, unknown);
    }
}

/// The top-level keys of a message body (several names in one format string are common;
/// members of nested objects are not telemetry names).
fn body_names(v: &Value, call_site: Loc, names: &mut Vec<(String, Loc)>, unknown: &mut Vec<UnknownSend>, opaque: &mut Vec<UnknownSend>) {
    if v.null {
        return;
    }
    let text = v.text();
    if text.chars().all(|c| c == UNKNOWN) {
        opaque.push(UnknownSend {
            site: call_site,
            reason: v.unknown_reason.clone().unwrap_or_else(|| "the message body is built at run time".into()),
        });
        return;
    }
    for (key, offset) in top_level_keys(&text) {
        if key.contains(UNKNOWN) {
            unknown.push(UnknownSend { site: v.loc_at(offset).cloned().unwrap_or(call_site.clone()), reason: "a telemetry name filled in at run time".into() });
        } else if let Some(loc) = v.loc_at(offset) {
            names.push((key, loc.clone()));
        }
    }
}

/// `"key":` members at the top level of a JSON text (depth 1, or 0 for a fragment without
/// braces), with the byte offset of each key.
pub fn top_level_keys(text: &str) -> Vec<(String, usize)> {
    json_members(text).into_iter().filter(|m| m.depth <= 1).map(|m| (m.key, m.key_offset)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_keys_skip_nested_members() {
        let keys: Vec<String> = top_level_keys(r#"{"temperature":21.5,"location":{"lat":1,"lon":2},"humidity":"x"}"#)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, vec!["temperature", "location", "humidity"]);
        assert_eq!(top_level_keys(r#""voltage":%.2f"#)[0].0, "voltage");
    }

    /// What a raw-MQTT device's program sends, read with `fillers` library files beside it.
    fn raw_device_with(fillers: usize) -> ProgramTelemetry {
        // The topic in a header's macro, formatted into a buffer by `begin`; `send_temp`
        // publishes a literal body to it; `send_reading` (parameters, called only through
        // a table) formats its body from its parameter.
        let mut texts: Vec<String> = vec![
            "#define TOPIC_FMT \"devices/%s/messages/events/\"\n".to_string(),
            r#"#include "topic.h"
char topic[64];
void begin(const char *id) { snprintf(topic, sizeof(topic), TOPIC_FMT, id); }
void send_temp(void) { char b[32]; snprintf(b, sizeof(b), "{\"temperature\":%d}", 21); mqtt_publish(topic, b); }
void send_reading(const char *name, int v) { char b[64]; snprintf(b, sizeof(b), "{\"%s\":%d}", name, v); mqtt_publish(topic, b); }
"#
            .to_string(),
            "void send_reading(const char *name, int v);\nvoid (*senders[])(const char *, int) = { send_reading };\n".to_string(),
        ];
        texts.extend((0..fillers).map(|k| format!("int lib_{k}(int x)\n{{\n    int y = x * {k};\n    return y + 1;\n}}\n")));
        let inputs: Vec<FileInput> =
            texts.iter().map(|t| FileInput { text: t.as_str().into(), facts: std::sync::Arc::new(crate::c::facts::extract(t)) }).collect();
        let program_files: BTreeSet<usize> = (0..inputs.len()).collect();
        let index = SymbolIndex::build(&inputs, 0..inputs.len());
        let resolver = Resolver::new(&inputs, &index, &index);
        let defs = crate::contents::definitions(&inputs, &program_files, &index);
        read(&inputs, &program_files, &resolver, &index, &defs)
    }

    /// A program of [`SCANNED_ON_THE_POOL`] files or more has its whole-text scans (the
    /// raw topic's holders and writers, the helpers used as pointers) shared out over the
    /// pool: it finds what the same device's files find one at a time.
    #[test]
    fn a_large_programs_scans_find_what_a_small_ones_do() {
        let small = raw_device_with(0);
        let names = |t: &ProgramTelemetry| t.sends.iter().map(|s| s.name.clone()).collect::<BTreeSet<_>>();
        // The raw topic reached through the macro and the buffer: `send_temp` sends.
        assert!(names(&small).contains("temperature"), "{small:?}");
        // The helper used through a pointer is read: its name is built at run time.
        assert!(!small.unknown.is_empty(), "{small:?}");
        let large = raw_device_with(SCANNED_ON_THE_POOL);
        assert_eq!(names(&large), names(&small));
        assert_eq!(large.unknown, small.unknown);
    }
}
