//! What one device program does with respect to certification, read from its C facts:
//! DPS registrations and their payloads, IoT Hub connections and their Model ID
//! announcements. The rules are small functions over this.

use std::collections::BTreeSet;

use crate::c::facts::{enclosing_function, AssignTarget, Call};
use crate::c::sdk::{tables, Api, Role};
use crate::c::values::{json_members, last_ident, FileInput, Loc, Resolver, Value, UNKNOWN};

/// A Model ID as the program writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelIdValue {
    /// `None` when only known at run time.
    pub text: Option<String>,
    /// Where the literal holding it is written.
    pub loc: Option<Loc>,
    /// Macros / constants it came through (`MODEL_ID`): two uses of the same macro agree
    /// by construction whatever each board defines.
    pub via: Vec<String>,
    /// Why it is unknown, when it is.
    pub unknown_reason: Option<String>,
}

#[derive(Clone, Debug)]
pub struct DpsRegistration {
    pub site: Loc,
    pub sdk: String,
    pub api: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayloadVerdict {
    CarriesModelId(Vec<ModelIdValue>),
    /// NULL, empty, or JSON without `modelId`; the reason says which.
    Missing(String),
    /// Could not be known statically; the reason says what was not known.
    Unknown(String),
}

#[derive(Clone, Debug)]
pub struct DpsPayload {
    pub site: Loc,
    pub sdk: String,
    pub api: String,
    pub verdict: PayloadVerdict,
}

#[derive(Clone, Debug)]
pub struct HubConnection {
    pub site: Loc,
    pub sdk: String,
    pub api: String,
    /// The options argument is NULL, so no Model ID can be in it.
    pub options_null: bool,
    /// Transport identifiers the create call may use (`MQTT_Protocol`, `AMQP_Protocol`).
    pub transports: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct ModelIdAnnouncement {
    pub site: Loc,
    pub sdk: String,
    pub values: Vec<ModelIdValue>,
}

/// Raw MQTT use of DPS: the register topic and the hand-built bodies.
#[derive(Clone, Debug, Default)]
pub struct RawDps {
    pub topics: Vec<Loc>,
    pub bodies: Vec<(Loc, PayloadVerdict)>,
}

#[derive(Clone, Debug, Default)]
pub struct DeviceProgram {
    pub registrations: Vec<DpsRegistration>,
    pub payloads: Vec<DpsPayload>,
    pub raw_dps: RawDps,
    pub hub_connections: Vec<HubConnection>,
    pub announcements: Vec<ModelIdAnnouncement>,
    /// The program writes a `modelId` property with a JSON writer (a payload built that way).
    pub json_writer_model_id: Vec<ModelIdValue>,
}

pub const MODEL_ID_KEY: &str = "modelId";

fn loc(file: usize, call: &Call) -> Loc {
    Loc { file, range: call.name_range() }
}

pub fn model_id_value(v: &Value, offset_in_text: Option<usize>, text: Option<&str>) -> ModelIdValue {
    let known = text.filter(|t| !t.contains(UNKNOWN)).map(str::to_string);
    ModelIdValue {
        loc: offset_in_text.and_then(|o| v.loc_at(o)).or_else(|| v.first_loc()).cloned(),
        via: v.via.clone(),
        unknown_reason: if known.is_none() { v.unknown_reason.clone().or(Some("part of it is built at run time".into())) } else { None },
        text: known,
    }
}

/// Judge one possible payload value.
fn judge_payload(v: &Value) -> PayloadVerdict {
    if v.null {
        return PayloadVerdict::Missing("the payload is NULL / empty".into());
    }
    if v.is_empty_string() {
        return PayloadVerdict::Missing("the payload is an empty string".into());
    }
    let text = v.text();
    if text.chars().all(|c| c == UNKNOWN) {
        return PayloadVerdict::Unknown(v.unknown_reason.clone().unwrap_or_else(|| "built at run time".into()));
    }
    let members = json_members(&text);
    let ids: Vec<ModelIdValue> = members
        .iter()
        .filter(|m| m.key == MODEL_ID_KEY)
        .map(|m| match &m.value {
            Some((val, off)) => model_id_value(v, Some(*off), Some(val)),
            None => model_id_value(v, None, None),
        })
        .collect();
    if !ids.is_empty() {
        return PayloadVerdict::CarriesModelId(ids);
    }
    if let Some(legacy) = members.iter().find(|m| tables().legacy_model_id_keys.names.contains(&m.key)) {
        return PayloadVerdict::Missing(format!(
            "the payload uses the legacy key `{}` of old IoT Central devices instead of `modelId`",
            legacy.key
        ));
    }
    if text.contains(UNKNOWN) && !unknowns_only_in_string_values(&text) {
        return PayloadVerdict::Unknown(format!(
            "part of the payload is built at run time ({})",
            v.unknown_reason.clone().unwrap_or_default()
        ));
    }
    PayloadVerdict::Missing(format!("the payload `{}` has no `modelId` key", shorten(&text)))
}

/// Whether `text` is a hand-built DPS registration body: it holds the quoted key
/// `"registrationId"` (`[raw_mqtt] dps_body_key`), or a `payload` member whose object holds
/// the Model ID (`{payload:{"modelId":...}}`, the key's quotes optional as some firmware
/// writes it). A `payload` key alone is too common to mean DPS.
fn is_dps_body(text: &str) -> bool {
    let raw = &tables().raw_mqtt;
    // Every string literal of a program comes through here: look for the bare key first.
    if text.contains(raw.dps_body_key.as_str()) && text.contains(&format!("\"{}\"", raw.dps_body_key)) {
        return true;
    }
    let key = raw.dps_payload_key.as_str();
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].trim_end_matches('"').trim_end();
        let after = text[at + key.len()..].trim_start_matches('"').trim_start();
        let Some(value) = after.strip_prefix(':') else { return false };
        (before.ends_with('{') || before.ends_with(',')) && value.trim_start().starts_with('{') && value.contains(&format!("\"{MODEL_ID_KEY}\""))
    })
}

/// The values an SDK set-option call `c` (in file `fi`) passes for the options that
/// `is_model_id` accepts, read per call of the function it is in when the option's name is
/// made of that function's parameters: the name and the value each caller passes go
/// together. `None` (read the call alone) when the name uses no parameter, or the
/// function has no caller in the program or more than [`MAX_OPTION_CALLERS`].
fn option_pairs(
    files: &[FileInput],
    program_files: &BTreeSet<usize>,
    resolver: &Resolver,
    fi: usize,
    c: &Call,
    api: &Api,
    is_model_id: &dyn Fn(&Value) -> bool,
) -> Option<Vec<Value>> {
    use crate::c::lexer::{lex, TokKind};
    use crate::c::values::Binding;
    let (name_arg, value_arg) = (c.args.get(api.option_arg?)?, c.args.get(api.arg?)?);
    let func = enclosing_function(&files[fi].facts, c.range().start)?;
    let f = &files[fi].facts.functions[func];
    let text = &files[fi].text;
    let uses_param = |r: &std::ops::Range<usize>| lex(&text[r.clone()], r.start).iter().any(|t| t.kind == TokKind::Ident && f.params.iter().any(|p| p == t.text(text, 0)));
    if !uses_param(&name_arg) {
        return None;
    }
    let callers: Vec<&(usize, &Call)> = resolver.callers(&f.name).iter().filter(|(cf, _)| program_files.contains(cf)).collect();
    if callers.is_empty() || callers.len() > MAX_OPTION_CALLERS {
        return None;
    }
    let bound_value = uses_param(&value_arg);
    let mut values = Vec::new();
    let mut any = false;
    for &&(cf, call) in &callers {
        let binding = Binding::of_call(files, fi, func, cf, call);
        if !resolver.resolve_bound(fi, &name_arg, Some(&binding)).iter().any(is_model_id) {
            continue;
        }
        any = true;
        if bound_value {
            values.extend(resolver.resolve_bound(fi, &value_arg, Some(&binding)));
        }
    }
    if any && !bound_value {
        values = resolver.resolve(fi, &value_arg);
    }
    Some(values)
}

/// The callers of a set-option wrapper read one by one at most (with more, the call is
/// read alone: every value with every name).
const MAX_OPTION_CALLERS: usize = 64;

/// `{"registrationId":"<run time>","payload":{...}}`: every unknown part is a whole string
/// value, so no key can hide in it and the JSON's keys are all known.
fn unknowns_only_in_string_values(text: &str) -> bool {
    let marker = format!("\"{UNKNOWN}\"");
    text.replace(&marker, "\"\"").chars().all(|c| c != UNKNOWN)
}

fn shorten(s: &str) -> String {
    let s = s.replace('\n', " ").replace(UNKNOWN, "…");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Several possible values (one per board configuration) → one verdict: missing if any
/// configuration lacks it, unknown if none is known to carry it.
fn judge_alternatives(values: &[Value]) -> PayloadVerdict {
    let verdicts: Vec<PayloadVerdict> = values.iter().map(judge_payload).collect();
    if let Some(m) = verdicts.iter().find(|v| matches!(v, PayloadVerdict::Missing(_))) {
        return m.clone();
    }
    let ids: Vec<ModelIdValue> = verdicts
        .iter()
        .filter_map(|v| match v {
            PayloadVerdict::CarriesModelId(ids) => Some(ids.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if !ids.is_empty() && verdicts.iter().all(|v| matches!(v, PayloadVerdict::CarriesModelId(_))) {
        return PayloadVerdict::CarriesModelId(ids);
    }
    verdicts.into_iter().find(|v| matches!(v, PayloadVerdict::Unknown(_))).unwrap_or(PayloadVerdict::Unknown("no value".into()))
}

impl DeviceProgram {
    pub fn read(files: &[FileInput], program_files: &BTreeSet<usize>, resolver: &Resolver) -> DeviceProgram {
        let t = tables();
        let mut dp = DeviceProgram::default();
        // The program's SDK calls, looked up once (the loops below each walk them).
        let sdk_calls: Vec<(usize, &Call, &Api)> =
            program_files.iter().flat_map(|&fi| resolver.sdk_calls(fi).map(move |(c, api)| (fi, c, api))).collect();
        let calls = || sdk_calls.iter().copied();
        let arg_values = |fi: usize, c: &Call, idx: Option<usize>| -> Option<Vec<Value>> {
            idx.and_then(|i| c.args.get(i)).map(|r| resolver.resolve(fi, &r))
        };

        // JSON writers that write `modelId` anywhere in the program.
        for (fi, c, api) in calls().filter(|(_, _, a)| a.role == Role::JsonProperty) {
            if let Some(WrittenProperty::ModelId(values)) = written_property(files, resolver, fi, c, api) {
                dp.json_writer_model_id.extend(values);
            }
        }

        for (fi, c, api) in calls() {
            match api.role {
                Role::DpsRegister => {
                    dp.registrations.push(DpsRegistration { site: loc(fi, c), sdk: api.sdk.clone(), api: c.name.to_string() })
                }
                Role::DpsPayload => {
                    let verdict = match arg_values(fi, c, api.arg) {
                        None => PayloadVerdict::Unknown(format!("`{}` is called without its payload argument", c.name)),
                        Some(values) => match judge_alternatives(&values) {
                            PayloadVerdict::Unknown(why) => {
                                let arg = api.arg.and_then(|i| c.args.get(i)).unwrap_or_default();
                                writer_built_payload(files, program_files, resolver, fi, c, &arg)
                                    .or_else(|| {
                                        (!dp.json_writer_model_id.is_empty())
                                            .then(|| PayloadVerdict::CarriesModelId(dp.json_writer_model_id.clone()))
                                    })
                                    .unwrap_or(PayloadVerdict::Unknown(why))
                            }
                            other => other,
                        },
                    };
                    dp.payloads.push(DpsPayload { site: loc(fi, c), sdk: api.sdk.clone(), api: c.name.to_string(), verdict });
                }
                Role::HubCreate => {
                    if api.model_id_arg.is_some() {
                        let values = arg_values(fi, c, api.model_id_arg).unwrap_or_default();
                        dp.announce(fi, c, api, &values);
                    }
                    let options_null = arg_values(fi, c, api.options_arg).is_some_and(|vs| vs.iter().all(|v| v.null));
                    let transports = api
                        .protocol_arg
                        .and_then(|i| c.args.get(i))
                        .map(|r| terminal_idents(files, resolver, fi, &r))
                        .unwrap_or_default();
                    dp.hub_connections.push(HubConnection {
                        site: loc(fi, c),
                        sdk: api.sdk.clone(),
                        api: c.name.to_string(),
                        options_null,
                        transports,
                    });
                }
                Role::HubSetOption => {
                    let Some(opts) = arg_values(fi, c, api.option_arg) else { continue };
                    let is_model_id = |o: &Value| o.is_known() && o.text() == "model_id";
                    if !opts.iter().any(is_model_id) {
                        continue;
                    }
                    // The option is the Model ID for some of its values only: a wrapper
                    // (`set_option(const char *name, const void *value)`) called with
                    // several options. Each of its calls pairs a name with its value: only
                    // the values passed beside `OPTION_MODEL_ID` are Model IDs.
                    let values = match opts.iter().all(is_model_id) {
                        true => None,
                        false => option_pairs(files, program_files, resolver, fi, c, api, &is_model_id),
                    };
                    let values = values.unwrap_or_else(|| arg_values(fi, c, api.arg).unwrap_or_default());
                    dp.announce(fi, c, api, &values);
                }
                Role::HubModelId => {
                    let values = arg_values(fi, c, api.arg).unwrap_or_default();
                    dp.announce(fi, c, api, &values);
                }
                _ => {}
            }
        }

        // Model ID fields of options structs (`options.model_id = ...`), for the SDKs whose
        // hub client this program creates (a project's own `cfg.model_id` is not one).
        let hub_sdks: BTreeSet<&str> = dp.hub_connections.iter().map(|c| c.sdk.as_str()).collect();
        // The options objects handed to those create calls (`&xHubOptions`,
        // `&azure_iot->iot_hub_client_options`): a `model_id` written into another struct
        // (the application's own `config.model_id`) is not an announcement.
        let options_objects: BTreeSet<String> = calls()
            .filter(|(_, _, a)| a.role == Role::HubCreate)
            .filter_map(|(fi, c, a)| a.options_arg.and_then(|i| c.args.get(i)).and_then(|r| last_ident(&files[fi].text, &r)))
            .collect();
        // (None to look for without a hub client of an SDK that names such fields.)
        let writes = if hub_sdks.is_empty() { Vec::new() } else { model_id_field_writes(files, resolver) };
        for (fi, k) in writes {
            let a = &files[fi].facts.assigns[k];
            let AssignTarget::Field(name) = &a.target else { continue };
            let written_to_options = match a.base() {
                None => true,
                Some(base) => {
                    options_objects.contains(base)
                        || enclosing_function(&files[fi].facts, a.start())
                            .is_some_and(|func| files[fi].facts.functions[func].params.iter().any(|p| p == base))
                }
            };
            if !written_to_options {
                continue;
            }
            let Some(sdk) = t
                .model_id_fields
                .iter()
                .find(|(sdk, fields)| fields.iter().any(|f| *f == *name) && hub_sdks.contains(sdk.as_str()))
                .map(|(s, _)| s)
            else {
                continue;
            };
            let values: Vec<Value> = resolver.resolve(fi, &a.value()).into_iter().filter(|v| !v.null).collect();
            if values.is_empty() {
                continue;
            }
            dp.announcements.push(ModelIdAnnouncement {
                site: Loc { file: fi, range: a.range() },
                sdk: sdk.clone(),
                values: values.iter().map(|v| model_id_value(v, Some(0), Some(&v.text()))).collect(),
            });
        }

        // Raw MQTT: topics and hand-built bodies, by the strings the program writes. A body
        // filled by snprintf is judged with its arguments resolved; a body literal used
        // some other way is judged as a template (its `%s` unknown).
        let raw = &t.raw_mqtt;
        let mut judged_literals = std::collections::HashSet::new();
        for (fi, c, api) in calls().filter(|(_, _, a)| a.role == Role::Format) {
            if !resolver.may_write_dps_body(fi, c, api) {
                continue;
            }
            for v in resolver.format_call(fi, c, api) {
                let text = v.text();
                if !is_dps_body(&text) {
                    continue;
                }
                let Some(at) = v.first_loc().cloned() else { continue };
                judged_literals.insert(at.clone());
                dp.raw_dps.bodies.push((at, judge_payload(&v)));
            }
        }
        for &fi in program_files {
            let marks = marks_of(resolver, files, fi);
            for &(k, flags) in marks.strings.iter() {
                let s = &files[fi].facts.strings[k as usize];
                let site = Loc { file: fi, range: s.range.clone() };
                if flags & FileMarks::DPS_TOPIC != 0 {
                    dp.raw_dps.topics.push(site.clone());
                }
                if flags & FileMarks::DPS_BODY != 0 && !judged_literals.contains(&site) {
                    // A body written as one argument of several pieces (`"{payload:{\"modelId\":\""
                    // MODEL_ID "\"}}"`) is judged whole, the pieces joined; a literal used
                    // any other way is judged as a template.
                    let arg = files[fi].facts.calls.iter().flat_map(|c| c.args.iter()).filter(|a| a.start <= s.range.start && s.range.end <= a.end).min_by_key(|a| a.len());
                    let whole: Vec<Value> = arg.map(|a| resolver.resolve(fi, &a)).unwrap_or_default().into_iter().filter(|v| is_dps_body(&v.text())).collect();
                    let verdict = if whole.is_empty() { judge_payload(&Value::template(&s.value, site.clone())) } else { judge_alternatives(&whole) };
                    dp.raw_dps.bodies.push((site.clone(), verdict));
                }
                if flags & FileMarks::HUB_USERNAME != 0 {
                    dp.hub_connections.push(HubConnection {
                        site: site.clone(),
                        sdk: "mqtt".into(),
                        api: "MQTT username".into(),
                        options_null: false,
                        transports: vec![],
                    });
                }
                if let Some(p) = (flags & FileMarks::MODEL_ID_PARAM != 0).then(|| s.value.find(&raw.model_id_param)).flatten() {
                    let rest = &s.value[p + raw.model_id_param.len()..];
                    let raw_id: String = rest.chars().take_while(|c| !matches!(c, '&' | '"' | ' ')).collect();
                    dp.announcements.push(ModelIdAnnouncement {
                        site: site.clone(),
                        sdk: "mqtt".into(),
                        values: vec![ModelIdValue {
                            text: percent_decode(&raw_id),
                            loc: Some(site),
                            via: vec![],
                            unknown_reason: Some("filled into the MQTT username at run time".into()),
                        }],
                    });
                }
            }
        }
        dp
    }

    fn announce(&mut self, fi: usize, c: &Call, api: &Api, values: &[Value]) {
        // `NULL` / `AZ_SPAN_EMPTY` where the Model ID goes announces nothing.
        let values: Vec<Value> = values.iter().filter(|v| !v.null).cloned().collect();
        if values.is_empty() {
            return;
        }
        self.announcements.push(ModelIdAnnouncement {
            site: loc(fi, c),
            sdk: api.sdk.clone(),
            values: values.iter().map(|v| model_id_value(v, Some(0), Some(&v.text()))).collect(),
        });
    }
}

/// The program's assignments to a field some SDK names a Model ID field (`file`, index into
/// its assignments), in file order and in order within a file: found by those names in the
/// program's symbol index, not by a look at every assignment of every file (fw10k's one
/// program holds 645,000, and reading each one's target from memory took 5 ms of the
/// programs stage on two threads for none).
fn model_id_field_writes(files: &[FileInput], resolver: &Resolver) -> Vec<(usize, usize)> {
    let mut names: Vec<&str> = tables().all_model_id_fields().collect();
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        for (site, _) in resolver.program_field_assigns(name) {
            let (fi, value) = (site.file(), site.range());
            // The assignment: it starts before its value (the index's site is the value), the
            // nearest such with that value and target.
            let assigns = &files[fi].facts.assigns;
            let before = assigns.partition_point(|a| a.start() < value.start);
            let k = (0..before).rev().find(|&k| assigns[k].value() == value && matches!(&assigns[k].target, AssignTarget::Field(n) if n == name));
            out.extend(k.map(|k| (fi, k)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The marks of file `fi`: the ones the resolver keeps for this analysis, else found now.
fn marks_of<'r>(resolver: &'r Resolver, files: &[FileInput], fi: usize) -> std::borrow::Cow<'r, FileMarks> {
    match resolver.device_marks(fi) {
        Some(m) => std::borrow::Cow::Borrowed(m),
        None => std::borrow::Cow::Owned(FileMarks::of(&files[fi])),
    }
}

/// Whether string `v` holds any text a [`FileMarks`] mark looks for (the raw-MQTT table's
/// topic, keys, usernames and parameter), in one search built once: most of a tree's
/// strings hold none, and a search built for each text and mark (`str::contains`) was
/// about 2% of a `check`.
fn may_mark(v: &str) -> bool {
    static ANY: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let any = ANY.get_or_init(|| {
        let raw = &tables().raw_mqtt;
        let words: Vec<&str> = [&raw.dps_register_topic, &raw.dps_body_key, &raw.dps_payload_key, &raw.model_id_param]
            .into_iter()
            .chain(&raw.hub_usernames)
            .map(String::as_str)
            .collect();
        // An empty word is in every text: no gate then.
        if words.iter().any(|w| w.is_empty()) {
            return None;
        }
        aho_corasick::AhoCorasick::new(words).ok()
    });
    any.as_ref().is_none_or(|a| a.is_match(v))
}

/// What [`DeviceProgram::read`] looks at in one file's strings and assignments, read off
/// the file alone: found once per analysis and shared by the programs that link the file
/// (see [`Resolver::device_marks`]), not scanned again by each.
#[derive(Debug, Default, Clone)]
pub struct FileMarks {
    /// The strings (index into the facts' strings) that are any of the raw-MQTT marks,
    /// with which (`FileMarks::DPS_TOPIC`, ...), in order.
    strings: Box<[(u32, u8)]>,
}

impl FileMarks {
    /// Holds the DPS registration topic.
    const DPS_TOPIC: u8 = 1;
    /// Reads as a DPS registration body ([`is_dps_body`]).
    const DPS_BODY: u8 = 2;
    /// Holds a hub username and not `registrations`.
    const HUB_USERNAME: u8 = 4;
    /// Holds the username's Model ID parameter.
    const MODEL_ID_PARAM: u8 = 8;

    pub fn of(file: &FileInput) -> FileMarks {
        let t = tables();
        let raw = &t.raw_mqtt;
        let strings = file
            .facts
            .strings
            .iter()
            .enumerate()
            .filter_map(|(k, s)| {
                let v = s.value.as_str();
                if !may_mark(v) {
                    return None;
                }
                let mut flags = 0;
                if v.contains(&raw.dps_register_topic) {
                    flags |= Self::DPS_TOPIC;
                }
                if is_dps_body(v) {
                    flags |= Self::DPS_BODY;
                }
                if raw.hub_usernames.iter().any(|u| v.contains(u.as_str())) && !v.contains("registrations") {
                    flags |= Self::HUB_USERNAME;
                }
                if v.contains(&raw.model_id_param) {
                    flags |= Self::MODEL_ID_PARAM;
                }
                (flags != 0).then_some((k as u32, flags))
            })
            .collect();
        FileMarks { strings }
    }
}

/// What one JSON-writer property call writes.
enum WrittenProperty {
    ModelId(Vec<ModelIdValue>),
    Other(String),
    Unknown,
}

fn written_property(files: &[FileInput], resolver: &Resolver, fi: usize, c: &Call, api: &Api) -> Option<WrittenProperty> {
    let names = api.arg.and_then(|i| c.args.get(i)).map(|r| resolver.resolve(fi, &r))?;
    if names.iter().any(|n| n.is_known() && n.text() == MODEL_ID_KEY) {
        let values = match api.value_arg {
            Some(i) => c.args.get(i).map(|r| resolver.resolve(fi, &r)),
            None => next_json_string(files, fi, c, resolver),
        };
        let ids = match values {
            Some(vs) => vs
                .iter()
                .map(|v| {
                    let text = v.text();
                    model_id_value(v, Some(0), Some(&text))
                })
                .collect(),
            None => vec![ModelIdValue {
                text: None,
                loc: None,
                via: vec![],
                unknown_reason: Some("the value written after the `modelId` key is not visible".into()),
            }],
        };
        return Some(WrittenProperty::ModelId(ids));
    }
    Some(match names.iter().find(|n| n.is_known()) {
        Some(n) if names.iter().all(Value::is_known) => WrittenProperty::Other(n.text()),
        _ => WrittenProperty::Unknown,
    })
}

/// A payload variable filled by a JSON writer: in the function that sets the payload, or
/// in a project function that gets the variable (`build_payload(&payload)`). The verdict
/// follows from the property names that writer writes; `None` when no writer is found.
fn writer_built_payload(
    files: &[FileInput],
    program_files: &BTreeSet<usize>,
    resolver: &Resolver,
    fi: usize,
    payload_call: &Call,
    arg: &std::ops::Range<usize>,
) -> Option<PayloadVerdict> {
    use crate::c::facts::enclosing_function;
    use crate::c::values::last_ident;
    let var = last_ident(&files[fi].text, arg)?;
    let facts = &files[fi].facts;
    let here = enclosing_function(facts, payload_call.range().start)?;
    let mut builders = vec![(fi, here)];
    for c in facts.calls.iter().filter(|c| enclosing_function(facts, c.range().start) == Some(here)) {
        if !c.args.iter().any(|a| last_ident(&files[fi].text, &a).as_deref() == Some(var.as_str())) {
            continue;
        }
        for &pf in program_files {
            for (i, f) in files[pf].facts.functions.iter().enumerate() {
                if f.name == c.name {
                    builders.push((pf, i));
                }
            }
        }
    }
    let t = tables();
    let (mut ids, mut others, mut all_known) = (Vec::new(), Vec::new(), true);
    let mut builder_name = None;
    for (bf, bi) in builders {
        let bfacts = &files[bf].facts;
        for c in bfacts.calls.iter().filter(|c| enclosing_function(bfacts, c.range().start) == Some(bi)) {
            for api in t.lookup(&c.name).filter(|a| a.role == Role::JsonProperty) {
                builder_name.get_or_insert_with(|| bfacts.functions[bi].name.clone());
                match written_property(files, resolver, bf, c, api) {
                    Some(WrittenProperty::ModelId(v)) => ids.extend(v),
                    Some(WrittenProperty::Other(n)) => others.push(n),
                    _ => all_known = false,
                }
            }
        }
    }
    if !ids.is_empty() {
        return Some(PayloadVerdict::CarriesModelId(ids));
    }
    if !others.is_empty() && all_known {
        return Some(PayloadVerdict::Missing(format!(
            "the payload is written by a JSON writer in `{}` with `{}` but no `modelId`",
            builder_name.unwrap_or_default(),
            others.join("`, `")
        )));
    }
    None
}

/// The next `json.string` call after `c` in the same function: the value written for the
/// property `c` named.
fn next_json_string(files: &[FileInput], fi: usize, c: &Call, resolver: &Resolver) -> Option<Vec<Value>> {
    let facts = &files[fi].facts;
    let func = crate::c::facts::enclosing_function(facts, c.range().start);
    facts
        .calls
        .iter()
        .filter(|n| n.range().start > c.range().end && crate::c::facts::enclosing_function(facts, n.range().start) == func)
        .filter_map(|n| tables().lookup(&n.name).find(|a| a.role == Role::JsonString).map(|a| (n, a)))
        .min_by_key(|(n, _)| n.range().start)
        .and_then(|(n, a)| a.arg.and_then(|i| n.args.get(i)))
        .map(|r| resolver.resolve(fi, &r))
}

/// Identifiers an expression ends up as through macros and variable assignments
/// (`protocol` → `MQTT_Protocol`).
fn terminal_idents(files: &[FileInput], resolver: &Resolver, fi: usize, range: &std::ops::Range<usize>) -> Vec<String> {
    // The names' definitions come from the index of every linted file, looked up by name:
    // scanning every file's facts for each step made this the largest cost of whole SDK
    // checkouts (each hub-create call of each program, times every file).
    let mut out = BTreeSet::new();
    let mut stack = vec![(fi, range.clone(), 0)];
    while let Some((f, r, depth)) = stack.pop() {
        let text = &files[f].text;
        let name = text[r.clone()].trim().trim_start_matches('&').trim();
        if depth > 6 || name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let mut expanded = false;
        for (g, d) in resolver.global_defines_of(name).iter().filter(|(_, d)| d.params.is_none()) {
            let body = files[*g].text[d.body.clone()].trim();
            let start = d.body.start + files[*g].text[d.body.clone()].find(body).unwrap_or(0);
            stack.push((*g, start..start + body.len(), depth + 1));
            expanded = true;
        }
        for site in resolver.global_var_assigns_of(name).iter().chain(resolver.global_inits_of(name)) {
            stack.push((site.file(), site.range(), depth + 1));
            expanded = true;
        }
        if !expanded {
            out.insert(name.to_string());
        }
    }
    out.into_iter().collect()
}

impl DeviceProgram {
    /// Every Model ID the program sends to DPS, with the site that sends it.
    pub fn dps_model_ids_with_site(&self) -> impl Iterator<Item = (&ModelIdValue, &Loc)> {
        let sdk = self.payloads.iter().flat_map(|p| match &p.verdict {
            PayloadVerdict::CarriesModelId(ids) => ids.iter().map(|v| (v, &p.site)).collect::<Vec<_>>(),
            _ => Vec::new(),
        });
        let raw = self.raw_dps.bodies.iter().flat_map(|(at, verdict)| match verdict {
            PayloadVerdict::CarriesModelId(ids) => ids.iter().map(|v| (v, at)).collect::<Vec<_>>(),
            _ => Vec::new(),
        });
        sdk.chain(raw)
    }

    pub fn dps_model_ids(&self) -> impl Iterator<Item = &ModelIdValue> {
        self.dps_model_ids_with_site().map(|(v, _)| v)
    }
}

/// The MQTT username carries the Model ID URL-encoded (`dtmi%3Acom%3Aexample%3Ax%3B1`).
/// `None` when it is a printf conversion filled at run time (`%s`) or empty.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(v) => {
                    out.push(v);
                    i += 3;
                    continue;
                }
                None => return None,
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok().filter(|s| !s.is_empty())
}
