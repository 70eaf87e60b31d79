//! Fixes: the text edits that make a finding go away, when the fix is mechanical (rename a
//! key, add the call that announces the Model ID, put `modelId` into a payload). Plain data
//! like the rest of the core: the language server turns a fix into a code action, `check
//! --fix` writes it to disk. The code a fix writes for each SDK is data
//! (`[[fix]]` in grammars/c/sdk.toml); this module finds where it goes.
//!
//! A Model ID a fix writes is the program's own (the one it already sends to DPS or the hub,
//! the config's `model-id`, or the `@id` of the one device model in the workspace). When
//! none is known the edit carries a placeholder, which an editor selects for the user to
//! type over and which `check --fix` does not apply.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::c::facts::Call;
use crate::c::sdk::{tables, FixTemplate};
use crate::c::values::{FileInput, Loc, Resolver};
use crate::device::DeviceProgram;
use crate::dtmi;
use crate::finding::{CheckContext, Finding, Place};

/// One replacement: `at` (a place or span, whose byte range is replaced) gets `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit<At> {
    pub at: At,
    pub new_text: String,
    /// Byte ranges of `new_text` that the user has to fill in (a Model ID no source names):
    /// one placeholder, written at each range. Empty when the edit is complete.
    pub placeholders: Vec<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix<At> {
    /// What the fix does, for a code action's title and `check --fix`'s report.
    pub title: String,
    pub edits: Vec<Edit<At>>,
}

impl<At> Fix<At> {
    /// Some edit has a placeholder: an editor can offer it as a snippet, `check --fix`
    /// cannot apply it.
    pub fn needs_input(&self) -> bool {
        self.edits.iter().any(|e| !e.placeholders.is_empty())
    }

    pub fn map<B>(self, mut f: impl FnMut(At) -> Option<B>) -> Option<Fix<B>> {
        let edits = self
            .edits
            .into_iter()
            .map(|e| Some(Edit { at: f(e.at)?, new_text: e.new_text, placeholders: e.placeholders }))
            .collect::<Option<Vec<_>>>()?;
        Some(Fix { title: self.title, edits })
    }
}

/// Marks a placeholder in text under construction; `Edit::new` turns them into ranges.
const PH_START: char = '\u{1}';
const PH_END: char = '\u{2}';

impl<At> Edit<At> {
    /// An edit from text in which placeholders are marked (see `ModelIdChoice`).
    fn new(at: At, marked: &str) -> Edit<At> {
        let mut new_text = String::with_capacity(marked.len());
        let mut placeholders = Vec::new();
        let mut open = None;
        for c in marked.chars() {
            match c {
                PH_START => open = Some(new_text.len()),
                PH_END => {
                    if let Some(s) = open.take() {
                        placeholders.push(s..new_text.len());
                    }
                }
                c => new_text.push(c),
            }
        }
        Edit { at, new_text, placeholders }
    }

    /// The new text in LSP snippet syntax: each placeholder as `${1:...}`, `$`, `}` and `\`
    /// escaped elsewhere.
    pub fn snippet(&self) -> String {
        let esc = |s: &str| s.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}");
        let mut out = String::new();
        let mut pos = 0;
        for r in &self.placeholders {
            out.push_str(&esc(&self.new_text[pos..r.start]));
            out.push_str("${1:");
            out.push_str(&esc(&self.new_text[r.clone()]));
            out.push('}');
            pos = r.end;
        }
        out.push_str(&esc(&self.new_text[pos..]));
        out
    }
}

/// Apply replacements (byte range, new text) to a text. `None` when two overlap.
pub fn apply_edits(text: &str, edits: &[(Range<usize>, &str)]) -> Option<String> {
    let mut sorted: Vec<&(Range<usize>, &str)> = edits.iter().collect();
    sorted.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for (r, new) in sorted {
        if r.start < pos || r.end > text.len() || r.start > r.end {
            return None;
        }
        out.push_str(text.get(pos..r.start)?);
        out.push_str(new);
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    Some(out)
}

/// What the rules' fix builders read: the program's files and values.
pub(crate) struct FixInput<'a> {
    pub files: &'a [FileInput],
    pub resolver: &'a Resolver<'a>,
    pub dp: &'a DeviceProgram,
    pub ctx: &'a CheckContext<'a>,
    /// The program's files (its headers included).
    pub program: &'a BTreeSet<usize>,
}

/// A rule's fix builder: fixes attached to its findings of one program.
type FixBuilder = fn(&mut [Finding], &FixInput);

/// The rules with fix builders, and each rule's builder.
const FIXERS: &[(&str, FixBuilder)] =
    &[(crate::rules::aics001::RULE.code, crate::rules::aics001::fixes), (crate::rules::aics003::RULE.code, crate::rules::aics003::fixes)];

/// Attach fixes to the findings of one device program.
pub(crate) fn attach(findings: &mut [Finding], input: &FixInput) {
    for (_, fixes) in FIXERS {
        fixes(findings, input);
    }
}

/// Whether [`attach`] looks for a fix for findings of the rule `code` (it then reads the
/// text around the finding's place; findings of other rules read no text around places).
pub(crate) fn may_fix(code: &str) -> bool {
    FIXERS.iter().any(|(c, _)| *c == code)
}

/// The call whose name is at `loc`.
pub(crate) fn call_at<'a>(input: &'a FixInput, loc: &Loc) -> Option<&'a Call> {
    input.files.get(loc.file)?.facts.calls.iter().find(|c| c.name_range() == loc.range)
}

/// The fix templates of a rule for a call name.
pub(crate) fn templates<'t>(rule: &'t str, call: &'t str) -> impl Iterator<Item = &'static FixTemplate> + 't {
    tables().fixes.iter().filter(move |f| f.rule == rule && f.calls.iter().any(|c| c == call))
}

// ---- The Model ID a fix writes -----------------------------------------------------------

/// The Model ID a fix writes: a known DTMI (and a macro that holds it, when one does), or
/// nothing known (a placeholder).
#[derive(Clone, Debug)]
pub(crate) struct ModelIdChoice {
    pub dtmi: Option<String>,
    /// Macros (`#define MODEL_ID "dtmi:..."`) that hold exactly this DTMI, with the file
    /// defining each.
    macros: Vec<(String, usize)>,
    /// File-level `char` arrays initialised to exactly this DTMI
    /// (`static const char g_ThermostatModelId[] = "dtmi:..."`), usable in their own file
    /// as an expression (not inside a string literal).
    arrays: Vec<(String, usize)>,
}

const PLACEHOLDER: &str = "dtmi:...";

impl ModelIdChoice {
    pub fn of(input: &FixInput) -> ModelIdChoice {
        let dp = input.dp;
        let values: Vec<&crate::device::ModelIdValue> = dp
            .dps_model_ids()
            .chain(dp.announcements.iter().flat_map(|a| a.values.iter()))
            .chain(dp.json_writer_model_id.iter())
            .filter(|v| v.text.as_deref().is_some_and(|t| dtmi::validate(t).is_ok()))
            .collect();
        let texts: BTreeSet<&str> = values.iter().filter_map(|v| v.text.as_deref()).collect();
        let dtmi = if texts.len() == 1 {
            texts.first().map(|s| s.to_string())
        } else if texts.is_empty() {
            input
                .ctx
                .assumed_model_id
                .filter(|m| dtmi::validate(m).is_ok())
                .map(str::to_string)
                .or_else(|| workspace_device_model(input.ctx))
        } else {
            None // two different Model IDs (AICS004): which one is meant is the user's call
        };
        // The program's files that may spell a DTMI: a file the prefilter passed over holds
        // no `dtmi:` at all, one of its needles (its text is not asked for, see
        // `FileFacts::passed_over`).
        let may_hold_dtmi = || input.program.iter().filter(|&&f| !input.files[f].facts.passed_over);
        // Macros holding exactly this DTMI (`#define MODEL_ID "dtmi:..."`); those the
        // program's values came through first.
        let mut macros = Vec::new();
        if let Some(d) = &dtmi {
            let quoted = format!("\"{d}\"");
            let via: BTreeSet<&String> = values.iter().flat_map(|v| v.via.iter()).collect();
            for &file in may_hold_dtmi() {
                let input_file = &input.files[file];
                for def in input_file.facts.defines.iter().filter(|def| def.params.is_none()) {
                    if input_file.text.get(def.body.clone()).unwrap_or_default().trim() == quoted {
                        macros.push((def.name.to_string(), file));
                    }
                }
            }
            macros.sort_by_key(|(name, file)| (!via.contains(name), *file));
            macros.dedup();
        }
        let mut arrays = Vec::new();
        if let Some(d) = &dtmi {
            let quoted = format!("\"{d}\"");
            for &file in may_hold_dtmi() {
                let f = &input.files[file];
                for init in &f.facts.inits {
                    let line_start = f.text[..init.range.start.min(f.text.len())].rfind('\n').map_or(0, |i| i + 1);
                    let decl = f.text.get(line_start..init.value.start).unwrap_or_default();
                    let is_array = decl.contains('[') && decl.contains("char");
                    let file_level = crate::c::facts::enclosing_function(&f.facts, init.range.start).is_none();
                    if is_array && file_level && f.text.get(init.value.clone()).unwrap_or_default().trim() == quoted {
                        arrays.push((init.name.to_string(), file));
                    }
                }
            }
        }
        ModelIdChoice { dtmi, macros, arrays }
    }

    /// A macro holding the Model ID that code in `file` can use: defined there, or in a
    /// header it includes by name.
    fn macro_for(&self, input: &FixInput, file: usize) -> Option<&str> {
        let includes = &input.files[file].facts.includes;
        self.macros
            .iter()
            .find(|(_, def_file)| {
                *def_file == file
                    || input.file_name(*def_file).is_some_and(|n| includes.iter().any(|i| i.rsplit('/').next() == Some(n)))
            })
            .map(|(m, _)| m.as_str())
    }

    /// The Model ID as a C expression in `file`: a macro, a string literal, or a string
    /// literal with a placeholder.
    pub fn c_expr(&self, input: &FixInput, file: usize) -> String {
        if let Some(m) = self.macro_for(input, file) {
            return m.to_string();
        }
        if let Some((name, _)) = self.arrays.iter().find(|(_, f)| *f == file) {
            return name.clone();
        }
        match &self.dtmi {
            Some(d) => format!("\"{d}\""),
            None => format!("\"{PH_START}{PLACEHOLDER}{PH_END}\""),
        }
    }

    /// The Model ID written inside a C string literal, for `file`: the DTMI (or the
    /// placeholder), or the literal closed around a macro holding it (`" MODEL_ID "`).
    pub fn in_c_string(&self, input: &FixInput, file: usize) -> String {
        if let Some(m) = self.macro_for(input, file) {
            return format!("\" {m} \"");
        }
        match &self.dtmi {
            Some(d) => d.clone(),
            None => format!("{PH_START}{PLACEHOLDER}{PH_END}"),
        }
    }

    /// `"modelId":"<dtmi>"` written inside a C string literal (quotes escaped), for `file`.
    pub fn json_member_in_c_string(&self, input: &FixInput, file: usize) -> String {
        format!("\\\"modelId\\\":\\\"{}\\\"", self.in_c_string(input, file))
    }
}

impl FixInput<'_> {
    fn file_name(&self, file: usize) -> Option<&str> {
        self.ctx.c_paths.get(file)?.file_name()?.to_str()
    }
}

/// The `@id` of the one workspace Interface that no other workspace Interface uses (as a
/// Component schema or by `extends`): the device model, when there is exactly one.
fn workspace_device_model(ctx: &CheckContext) -> Option<String> {
    let docs: Vec<_> = ctx.models.documents().collect();
    let used: BTreeSet<&str> = docs.iter().flat_map(|d| d.references.iter().map(|r| r.dtmi.as_str())).collect();
    let roots: BTreeSet<&str> = docs
        .iter()
        .flat_map(|d| d.roots.iter().filter_map(|&i| d.interfaces[i].id.as_deref()))
        .filter(|id| !used.contains(id) && dtmi::validate(id).is_ok())
        .collect();
    (roots.len() == 1).then(|| roots.first().map(|s| s.to_string())).flatten()
}

// ---- Reading C statements -------------------------------------------------------------------

/// The file's bytes with comments, string and character literals and preprocessor lines
/// blanked to spaces (newlines kept): what is left is code, at the same offsets.
pub(crate) fn code_mask(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut m = b.to_vec();
    let mut i = 0;
    let mut line_start = true;
    let blank = |m: &mut Vec<u8>, r: Range<usize>| {
        for x in &mut m[r] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    };
    while i < b.len() {
        let c = b[i];
        if line_start && c == b'#' {
            // A preprocessor line, with its continuations.
            let mut j = i;
            while j < b.len() && !(b[j] == b'\n' && (j == 0 || b[j - 1] != b'\\')) {
                j += 1;
            }
            blank(&mut m, i..j);
            i = j;
            continue;
        }
        if !c.is_ascii_whitespace() {
            line_start = false;
        }
        if c == b'\n' {
            line_start = true;
        }
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let j = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k);
                blank(&mut m, i..j);
                i = j;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let j = memchr::memmem::find(&b[i + 2..], b"*/").map_or(b.len(), |k| i + 2 + k + 2);
                blank(&mut m, i..j);
                i = j;
            }
            b'"' | b'\'' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != c && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let j = (j + 1).min(b.len());
                blank(&mut m, i..j);
                // Keep the quotes so that a literal still separates tokens.
                m[i] = b'"';
                i = j;
            }
            _ => i += 1,
        }
    }
    m
}

/// The code each fix reads, by (file, function): read once for all the findings in a
/// function (a unit test has hundreds), and the function's code, not the whole file's
/// ([`CText::around`]).
#[derive(Default)]
pub(crate) struct CodeTexts<'a>(std::collections::HashMap<(usize, Option<usize>), CText<'a>>);

impl<'a> CodeTexts<'a> {
    /// The code around offset `at` (a call's name) of file `file` of `input`.
    pub(crate) fn around(&mut self, input: &FixInput<'a>, file: usize, at: usize) -> &CText<'a> {
        let f = &input.files[file];
        let func = crate::c::facts::enclosing_function(&f.facts, at);
        self.0.entry((file, func)).or_insert_with(|| CText::around(&f.text, &f.facts, func))
    }
}

/// C text around a call, read from its code mask: a whole file's, or the lines of the
/// function the call is in ([`CText::around`]). Its methods take and give offsets into the
/// whole file.
pub(crate) struct CText<'a> {
    pub text: &'a str,
    pub mask: Vec<u8>,
    /// Where `text` starts in the file.
    base: usize,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

impl<'a> CText<'a> {
    pub fn new(text: &'a str) -> CText<'a> {
        CText { text, mask: code_mask(text), base: 0 }
    }

    /// The code of function `func` of `facts` (`crate::c::facts::enclosing_function` of a
    /// call): the lines from its body's `{` to its `}` (a fix reads nothing of the file
    /// outside the statement, `if` and block around a call; a unit test of 600 KB has its
    /// findings' calls in a few of its hundreds of functions, and the mask of the whole
    /// file, made in each program that has a finding there, was 1% of a `check`). The whole
    /// file when no function holds the call (`None`).
    pub fn around(text: &'a str, facts: &crate::c::facts::FileFacts, func: Option<usize>) -> CText<'a> {
        let Some(body) = func.map(|i| &facts.functions[i].body) else {
            return CText::new(text);
        };
        let start = text[..body.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[body.end..].find('\n').map_or(text.len(), |i| body.end + i + 1);
        CText { text: &text[start..end], mask: code_mask(&text[start..end]), base: start }
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.mask.len() && self.mask[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    }

    fn skip_ws_back(&self, mut i: usize) -> usize {
        while i > 0 && self.mask[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        i
    }

    /// The identifier starting at `i`.
    fn word(&self, i: usize) -> &str {
        let end = (i..self.mask.len()).find(|&j| !is_ident(self.mask[j])).unwrap_or(self.mask.len());
        &self.text[i..end]
    }

    /// The identifier ending at `end`.
    fn word_before(&self, end: usize) -> &str {
        let start = (0..end).rev().find(|&j| !is_ident(self.mask[j])).map_or(0, |j| j + 1);
        &self.text[start..end]
    }

    /// The bracket matching the one at `open` (`(` or `{`).
    fn matching(&self, open: usize) -> Option<usize> {
        let (o, c) = match self.mask.get(open)? {
            b'(' => (b'(', b')'),
            b'{' => (b'{', b'}'),
            b'[' => (b'[', b']'),
            _ => return None,
        };
        let mut depth = 0i32;
        for (j, &x) in self.mask.iter().enumerate().skip(open) {
            if x == o {
                depth += 1;
            } else if x == c {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
        }
        None
    }

    /// The first code byte of the statement holding `pos`: after the `;`, `{` or `}` before it.
    fn statement_start(&self, pos: usize) -> usize {
        let mut depth = 0i32;
        let mut i = pos;
        while i > 0 {
            i -= 1;
            match self.mask[i] {
                b')' | b']' => depth += 1,
                b'(' | b'[' => depth -= 1,
                b';' | b'{' | b'}' if depth <= 0 => return self.skip_ws(i + 1),
                _ => {}
            }
        }
        self.skip_ws(0)
    }

    /// The `;` ending the expression statement that starts at `start`.
    fn expression_end(&self, start: usize) -> Option<usize> {
        let mut depth = 0i32;
        for (j, &x) in self.mask.iter().enumerate().skip(start) {
            match x {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth < 0 {
                        return None;
                    }
                }
                b';' if depth == 0 => return Some(j),
                _ => {}
            }
        }
        None
    }

    fn line_start(&self, pos: usize) -> usize {
        self.text[..pos].rfind('\n').map_or(0, |i| i + 1)
    }

    fn indent(&self, pos: usize) -> &str {
        let s = self.line_start(pos);
        let n = self.text[s..].bytes().take_while(|c| *c == b' ' || *c == b'\t').count();
        &self.text[s..s + n]
    }

    /// The start of the line after `pos`, when nothing but comments and blanks follows
    /// `pos` on its line.
    fn after_line(&self, pos: usize) -> Option<usize> {
        let end = self.text[pos..].find('\n').map_or(self.text.len(), |i| pos + i);
        if self.mask[pos..end].iter().any(|c| !c.is_ascii_whitespace()) {
            return None;
        }
        Some((end + 1).min(self.text.len()))
    }

    /// Only blanks before `pos` on its line.
    fn starts_line(&self, pos: usize) -> bool {
        self.text[self.line_start(pos)..pos].bytes().all(|c| c == b' ' || c == b'\t')
    }

    /// An `if` at `at`: (condition parentheses, braced body, what follows: the `{` of an
    /// `else` block, or `else if`).
    fn if_parts(&self, at: usize) -> Option<IfParts> {
        if self.word(at) != "if" {
            return None;
        }
        let open = self.skip_ws(at + 2);
        let close = self.matching(open)?;
        let body_open = self.skip_ws(close + 1);
        if self.mask.get(body_open) != Some(&b'{') {
            return None;
        }
        let body_close = self.matching(body_open)?;
        let next = self.skip_ws(body_close + 1);
        let (else_block, else_if) = if self.word(next) == "else" {
            let after = self.skip_ws(next + 4);
            match self.mask.get(after) {
                Some(b'{') => (Some(after), false),
                _ => (None, self.word(after) == "if"),
            }
        } else {
            (None, false)
        };
        Some(IfParts { cond: open..close + 1, body: body_open..body_close + 1, else_block, else_if })
    }

    /// The body leaves the surrounding code (`return`, `goto`, `break`, `continue`, `exit`).
    fn exits(&self, body: &Range<usize>) -> bool {
        let mut i = body.start;
        while i < body.end {
            if is_ident(self.mask[i]) && (i == 0 || !is_ident(self.mask[i - 1])) {
                let w = self.word(i);
                if matches!(w, "return" | "goto" | "break" | "continue" | "exit" | "abort") {
                    return true;
                }
                i += w.len().max(1);
            } else {
                i += 1;
            }
        }
        false
    }

    /// The variable a call's result is assigned to (`h = Create(...)`, `T h = Create(...)`,
    /// `if ((h = Create(...)) == NULL)`).
    pub fn assigned_to(&self, call_start: usize) -> Option<String> {
        let call_start = call_start.checked_sub(self.base).filter(|&c| c <= self.text.len())?;
        let start = self.statement_start(call_start);
        let before = self.text[start..call_start].trim_end();
        let before = before.strip_suffix('=')?;
        if before.ends_with(['=', '!', '<', '>']) {
            return None;
        }
        let before = before.trim_end();
        let name: String = before.chars().rev().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '>' | '-')).collect();
        let name: String = name.chars().rev().collect();
        (!name.is_empty() && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')).then_some(name)
    }

    /// Where code goes that runs right after the statement holding the call at
    /// `call_start` succeeded: after the statement; inside the branch of an `if` testing it
    /// (or the variable it sets) that runs on success (the `else` block, or the body of a
    /// `!= NULL` test); after an `if` whose body leaves on failure; or in a new `else`
    /// block after a failure body that does not leave. `None` when the statement's shape is
    /// none of these (an `else if` chain goes on after the failure body, an unbraced body).
    pub fn after_success(&self, call_start: usize, result: Option<&str>) -> Option<Placement> {
        let call_start = call_start.checked_sub(self.base).filter(|&c| c < self.text.len())?;
        let mut p = self.after_success_here(call_start, result)?;
        p.at += self.base;
        Some(p)
    }

    /// [`CText::after_success`] in offsets of `self.text`.
    fn after_success_here(&self, call_start: usize, result: Option<&str>) -> Option<Placement> {
        let start = self.statement_start(call_start);
        let first = self.word(start);
        let (guard, fallback) = if first == "if" || (first == "else" && self.word(self.skip_ws(start + 4)) == "if") {
            let at = if first == "if" { start } else { self.skip_ws(start + 4) };
            let parts = self.if_parts(at)?;
            if !parts.cond.contains(&call_start) {
                return None;
            }
            (parts, None)
        } else if is_ident(self.mask[start]) && !is_keyword(first) {
            let end = self.expression_end(start)?;
            if end < call_start {
                return None;
            }
            let next = self.skip_ws(end + 1);
            let fallback = Some(Placement { at: self.after_line(end + 1)?, indent: self.indent(start).to_string(), new_else: None });
            match self.if_parts(next) {
                Some(p) if result.is_some_and(|r| self.tests(&p.cond, r)) => (p, fallback),
                _ => return fallback,
            }
        } else {
            return None;
        };
        let close_indent = self.indent(guard.body.end - 1).to_string();
        let inner = |open: usize, close: usize| -> String {
            let first = self.skip_ws(open + 1);
            if first < close && self.line_start(first) > open {
                self.indent(first).to_string()
            } else {
                format!("{}    ", self.indent(close))
            }
        };
        // `if (h != NULL) { ... }`: the body is where the client exists.
        let c = &self.text[guard.cond.clone()];
        if c.contains("!= NULL") || c.contains("!= nullptr") || c.contains("NULL !=") {
            let at = self.after_line(guard.body.start + 1)?;
            return Some(Placement { at, indent: inner(guard.body.start, guard.body.end - 1), new_else: None });
        }
        if let Some(open) = guard.else_block {
            let close = self.matching(open)?;
            return Some(Placement { at: self.after_line(open + 1)?, indent: inner(open, close), new_else: None });
        }
        if guard.else_if {
            return fallback;
        }
        if self.exits(&guard.body) {
            return Some(Placement { at: self.after_line(guard.body.end)?, indent: close_indent, new_else: None });
        }
        let indent = inner(guard.body.start, guard.body.end - 1);
        Some(Placement { at: guard.body.end, indent, new_else: Some(close_indent) })
    }

    /// A condition that reads `var` (`h == NULL`, `!h`, `NULL == h`).
    fn tests(&self, cond: &Range<usize>, var: &str) -> bool {
        let c = &self.text[cond.clone()];
        let mut from = 0;
        while let Some(i) = c[from..].find(var) {
            let s = from + i;
            let e = s + var.len();
            let ok_before = s == 0 || !is_ident(c.as_bytes()[s - 1]);
            let ok_after = e >= c.len() || !is_ident(c.as_bytes()[e]);
            if ok_before && ok_after {
                return true;
            }
            from = e;
        }
        false
    }

    /// Where code goes that must run before the statement holding the call at
    /// `call_start`: (offset of its line, indentation). Only when the statement starts its
    /// line and is a plain statement, an `if` testing the call, or a `return`; the first
    /// statement of a `do { } while` loop moves before the `do`.
    pub fn before_statement(&self, call_start: usize) -> Option<(usize, String)> {
        let call_start = call_start.checked_sub(self.base).filter(|&c| c < self.text.len())?;
        self.before_statement_here(call_start).map(|(at, indent)| (at + self.base, indent))
    }

    /// [`CText::before_statement`] in offsets of `self.text`.
    fn before_statement_here(&self, call_start: usize) -> Option<(usize, String)> {
        let start = self.statement_start(call_start);
        let first = self.word(start);
        match first {
            "if" => {
                if !self.if_parts(start)?.cond.contains(&call_start) {
                    return None;
                }
            }
            "return" => {}
            w if !w.is_empty() && !is_keyword(w) => {}
            _ => return None,
        }
        let mut at = start;
        // `do { call(); } while (...)`: before the loop.
        let prev = self.skip_ws_back(at);
        if prev > 0 && self.mask[prev - 1] == b'{' {
            let before_brace = self.skip_ws_back(prev - 1);
            if self.word_before(before_brace) == "do" {
                at = before_brace - 2;
            }
        }
        if !self.starts_line(at) {
            return None;
        }
        Some((self.line_start(at), self.indent(at).to_string()))
    }
}

/// Where a fix's statements go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Placement {
    pub at: usize,
    /// The indentation of the statements.
    pub indent: String,
    /// Wrap them in a new `else` block, indented so, right after an `if` body (`at`).
    pub new_else: Option<String>,
}

impl Placement {
    /// The text to insert for `code` (lines already indented with `indent`).
    pub fn text(&self, code: &str) -> String {
        match &self.new_else {
            None => code.to_string(),
            Some(outer) => format!("\n{outer}else\n{outer}{{\n{code}{outer}}}"),
        }
    }
}

struct IfParts {
    cond: Range<usize>,
    body: Range<usize>,
    else_block: Option<usize>,
    else_if: bool,
}

fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "if" | "else" | "while" | "for" | "do" | "switch" | "case" | "default" | "return" | "goto" | "break" | "continue" | "typedef" | "struct" | "enum" | "union"
    )
}

/// Lines of template code, each indented, with `{name}` holes filled.
pub(crate) fn fill(t: &FixTemplate, indent: &str, holes: &[(&str, &str)]) -> Option<String> {
    let mut out = String::new();
    for line in &t.code {
        let mut l = line.clone();
        for (k, v) in holes {
            l = l.replace(&format!("{{{k}}}"), v);
        }
        if l.contains('{') && l.contains('}') && holes_left(&l) {
            return None; // a hole this call cannot fill
        }
        out.push_str(indent);
        out.push_str(&l);
        out.push('\n');
    }
    Some(out)
}

fn holes_left(l: &str) -> bool {
    let mut rest = l;
    while let Some(i) = rest.find('{') {
        let tail = &rest[i + 1..];
        if let Some(j) = tail.find('}') {
            if j > 0 && tail[..j].bytes().all(|c| c.is_ascii_lowercase() || c == b'_') {
                return true;
            }
        }
        rest = tail;
    }
    false
}

/// A fix inserting `code` at `offset` of a file.
pub(crate) fn insertion(file: usize, offset: usize, code: &str) -> Edit<Place> {
    Edit::new(Place::C(Loc { file, range: offset..offset }), code)
}

/// A fix replacing a range of a file.
pub(crate) fn replacement(file: usize, range: Range<usize>, code: &str) -> Edit<Place> {
    Edit::new(Place::C(Loc { file, range }), code)
}

/// The fix of a DTDL finding whose problem suggests one closest valid term (`term`, the
/// message's "did you mean `double`?"): the misspelt JSON string at `range` (`"dobule"`)
/// replaced by it. Only a single word, and only a likely misspelling of it (a small edit
/// distance).
pub(crate) fn suggested_term(term: &str, text: &str, range: &Range<usize>, path: &std::path::Path) -> Option<Fix<Place>> {
    let word = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | ';' | '.' | '_' | '@'));
    if !word(term) {
        return None;
    }
    let src = text.get(range.clone())?;
    let (inner, at) = match src.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => (inner, range.start + 1..range.end - 1),
        None => (src, range.clone()),
    };
    let close = strsim::levenshtein(&inner.to_ascii_lowercase(), &term.to_ascii_lowercase()) <= (term.len() / 3).max(2);
    if !word(inner) || inner == term || !close {
        return None;
    }
    Some(Fix {
        title: format!("Replace `{inner}` with `{term}`"),
        edits: vec![Edit::new(Place::Model { path: path.to_path_buf(), range: at }, term)],
    })
}

/// `name` occurs in `text` as a whole word.
pub(crate) fn mentions(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(i, _)| {
        let b = text.as_bytes();
        (i == 0 || !is_ident(b[i - 1])) && b.get(i + name.len()).is_none_or(|c| !is_ident(*c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_templates_name_known_calls_conditions_and_holes() {
        let t = tables();
        assert!(t.fixes.len() >= 10);
        for f in &t.fixes {
            assert!(crate::rules::find(&f.rule).is_some(), "{}: unknown rule", f.title);
            for c in &f.calls {
                assert!(t.lookup(c).next().is_some(), "[[fix]] names `{c}`, which no [[api]] lists");
            }
            assert!(
                matches!(f.when.as_deref(), None | Some("options-null" | "options" | "payload-empty" | "model-id-empty")),
                "{}: unknown `when` {:?}",
                f.title,
                f.when
            );
            for line in &f.code {
                let mut rest = line.as_str();
                while let Some(i) = rest.find('{') {
                    let tail = &rest[i + 1..];
                    let j = tail.find('}').unwrap_or(0);
                    let hole = &tail[..j];
                    if !hole.is_empty() && hole.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                        assert!(matches!(hole, "client" | "result" | "options" | "model_id" | "payload"), "{}: unknown hole {{{hole}}}", f.title);
                    }
                    rest = tail;
                }
            }
        }
    }

    #[test]
    fn edits_apply_in_order_and_refuse_overlaps() {
        let t = "abcdef";
        assert_eq!(apply_edits(t, &[(4..4, "X"), (0..1, "A")]).as_deref(), Some("AbcdXef"));
        assert_eq!(apply_edits(t, &[(0..3, "A"), (2..4, "B")]), None);
    }

    #[test]
    fn placeholders_become_snippet_tab_stops() {
        let e: Edit<()> = Edit::new((), &format!("f(\"{PH_START}dtmi:...{PH_END}\", sizeof(\"{PH_START}dtmi:...{PH_END}\") - 1); /* {{}} $x */"));
        assert_eq!(e.new_text, "f(\"dtmi:...\", sizeof(\"dtmi:...\") - 1); /* {} $x */");
        assert_eq!(e.placeholders.len(), 2);
        assert_eq!(e.snippet(), "f(\"${1:dtmi:...}\", sizeof(\"${1:dtmi:...}\") - 1); /* {\\} \\$x */");
    }

    #[test]
    fn a_single_suggested_term_replaces_the_misspelt_string() {
        let text = r#"{ "@type": "Telemetry", "name": "t", "schema": "dobule" }"#;
        let at = text.find("\"dobule\"").unwrap();
        let range = at..at + 8;
        let p = std::path::Path::new("m.json");
        let fix = suggested_term("double", text, &range, p).unwrap();
        assert_eq!(fix.title, "Replace `dobule` with `double`");
        let Place::Model { range: r, .. } = &fix.edits[0].at else { panic!() };
        assert_eq!(&text[r.clone()], "dobule");
        assert_eq!(fix.edits[0].new_text, "double");
        // Not a misspelling of it, not a single word, or the same word: no fix.
        assert!(suggested_term("integer", text, &range, p).is_none());
        assert!(suggested_term("double float", text, &range, p).is_none());
        assert!(suggested_term("dobule", text, &range, p).is_none());
    }

    #[test]
    fn code_mask_blanks_comments_strings_and_directives() {
        let t = "#define A \"x;\"\nint f(void) { /* ; */ g(\";{\"); // }\n}\n";
        let m = String::from_utf8(code_mask(t)).unwrap();
        assert_eq!(m.len(), t.len());
        assert!(!m[..15].contains(';'));
        assert_eq!(m.matches(';').count(), 1);
        assert_eq!(m.matches('}').count(), 1);
    }

    #[test]
    fn the_code_around_a_call_reads_as_the_whole_file_does() {
        // Every call of the real programs under tests/realworld, read from the mask of
        // its function's lines and from the whole file's: the same places.
        let files = crate::test_files::under("tests/realworld", |p| crate::test_files::ext_in(p, &["c"]));
        assert!(files.len() > 50, "tests/realworld holds {} C files", files.len());
        // And shapes they lack: a body on one line, a statement on its brace's line.
        let shapes = [
            "int main(void) { if ((h = Create(c, p)) == NULL) { return 1; } go(h); }\n",
            "void f(void) { h = Create(c, p);\n    if (h == NULL) { log(); }\n} /* after */ int x;\n",
            "void g(void)\n{ do { Send(c, m); } while (again());\n}",
        ];
        let (mut calls, mut placed) = (0, 0);
        let texts = files.iter().map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()));
        for (path, text) in texts.chain(shapes.iter().map(|s| ("shape".to_string(), s.to_string()))) {
            let facts = crate::c::facts::extract(&text);
            let whole = CText::new(&text);
            for c in &facts.calls {
                let at = c.name_range().start;
                let part = CText::around(&text, &facts, crate::c::facts::enclosing_function(&facts, at));
                let result = whole.assigned_to(at);
                assert_eq!(part.assigned_to(at), result, "{path}: {}", c.name);
                let after = whole.after_success(at, result.as_deref());
                let before = whole.before_statement(at);
                placed += usize::from(after.is_some()) + usize::from(before.is_some());
                assert_eq!(part.after_success(at, result.as_deref()), after, "{path}: {}", c.name);
                assert_eq!(part.before_statement(at), before, "{path}: {}", c.name);
                calls += 1;
            }
        }
        assert!(calls > 1000 && placed > 1000, "{calls} calls, {placed} placements");
    }

    #[test]
    fn success_point_of_a_create_call() {
        let t = "int main(void)\n{\n    if (a() != 0)\n    {\n        x();\n    }\n    else if ((h = Create(c, MQTT_Protocol)) == NULL)\n    {\n        fail();\n    }\n    else\n    {\n        work(h);\n    }\n}\n";
        let ct = CText::new(t);
        let call = t.find("Create").unwrap();
        assert_eq!(ct.assigned_to(call).as_deref(), Some("h"));
        let p = ct.after_success(call, Some("h")).unwrap();
        assert_eq!(&t[p.at..p.at + 17], "        work(h);\n");
        assert_eq!(p.indent, "        ");

        let t = "void f(void)\n{\n    h = Create(c, p);\n    if (h == NULL)\n    {\n        return;\n    }\n    go(h);\n}\n";
        let ct = CText::new(t);
        let p = ct.after_success(t.find("Create").unwrap(), Some("h")).unwrap();
        assert!(t[p.at..].starts_with("    go(h);"));

        // A failure branch that does not leave: the code goes into a new `else` block.
        let t = "void f(void)\n{\n    if ((h = Create(c)) == NULL)\n    {\n        log();\n    }\n    return h;\n}\n";
        let ct = CText::new(t);
        let p = ct.after_success(t.find("Create").unwrap(), Some("h")).unwrap();
        assert_eq!(&t[..p.at], "void f(void)\n{\n    if ((h = Create(c)) == NULL)\n    {\n        log();\n    }");
        assert_eq!(p.text("        go(h);\n"), "\n    else\n    {\n        go(h);\n    }");
        // A success test: its body.
        let t = "void f(void)\n{\n    h = Create(c);\n    if (h != NULL)\n    {\n        work(h);\n    }\n}\n";
        let ct = CText::new(t);
        let p = ct.after_success(t.find("Create").unwrap(), Some("h")).unwrap();
        assert!(t[p.at..].starts_with("        work(h);"));

        // An `else if` chain has no place for a statement.
        let t = "void f(void)\n{\n    if ((h = Create(c)) == NULL)\n    {\n        e();\n    }\n    else if (x)\n    {\n    }\n}\n";
        let ct = CText::new(t);
        assert!(ct.after_success(t.find("Create").unwrap(), Some("h")).is_none());
    }

    #[test]
    fn before_a_statement_and_before_a_do_loop() {
        let t = "void f(void)\n{\n    do\n    {\n        r = Register(&c, 1);\n    } while (r == PENDING);\n}\n";
        let ct = CText::new(t);
        let (at, indent) = ct.before_statement(t.find("Register").unwrap()).unwrap();
        assert!(t[at..].starts_with("    do\n"));
        assert_eq!(indent, "    ");
        let t = "void f(void)\n{\n    if (x) y();\n    else if (Register(h) != OK)\n    {\n    }\n}\n";
        let ct = CText::new(t);
        assert!(ct.before_statement(t.find("Register").unwrap()).is_none());
    }
}

