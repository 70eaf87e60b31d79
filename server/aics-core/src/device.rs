//! What one device program does with respect to certification, read from its C facts:
//! DPS registrations and their payloads, IoT Hub connections and their Model ID
//! announcements. The rules are small functions over this.

use std::collections::BTreeSet;

use crate::c::facts::{AssignTarget, Call};
use crate::c::sdk::{tables, Api, Role};
use crate::c::values::{json_members, FileInput, Loc, Resolver, Value, UNKNOWN};

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
    Loc { file, range: call.name_range.clone() }
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
            "the payload uses the legacy key `{}` (old IoT Central); certification reads `modelId`",
            legacy.key
        ));
    }
    if text.contains(UNKNOWN) {
        return PayloadVerdict::Unknown(format!(
            "part of the payload is built at run time ({})",
            v.unknown_reason.clone().unwrap_or_default()
        ));
    }
    PayloadVerdict::Missing(format!("the payload `{}` has no `modelId` key", shorten(&text)))
}

fn shorten(s: &str) -> String {
    let s = s.replace('\n', " ");
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
        let calls = || {
            program_files
                .iter()
                .flat_map(move |&fi| files[fi].facts.calls.iter().map(move |c| (fi, c)))
                .flat_map(|(fi, c)| t.lookup(&c.name).map(move |api| (fi, c, api)))
        };
        let arg_values = |fi: usize, c: &Call, idx: Option<usize>| -> Option<Vec<Value>> {
            idx.and_then(|i| c.args.get(i)).map(|r| resolver.resolve(fi, r))
        };

        // JSON writers that write `modelId`: the value is the call's value argument, or the
        // next string the same function writes.
        for (fi, c, api) in calls().filter(|(_, _, a)| a.role == Role::JsonProperty) {
            let Some(names) = arg_values(fi, c, api.arg) else { continue };
            if !names.iter().any(|n| n.is_known() && n.text() == MODEL_ID_KEY) {
                continue;
            }
            let values = match api.value_arg {
                Some(_) => arg_values(fi, c, api.value_arg),
                None => next_json_string(files, fi, c, resolver),
            };
            match values {
                Some(vs) => dp.json_writer_model_id.extend(vs.iter().map(|v| {
                    let text = v.text();
                    model_id_value(v, Some(0), Some(&text))
                })),
                None => dp.json_writer_model_id.push(ModelIdValue {
                    text: None,
                    loc: None,
                    via: vec![],
                    unknown_reason: Some("the value written after the `modelId` key is not visible".into()),
                }),
            }
        }

        for (fi, c, api) in calls() {
            match api.role {
                Role::DpsRegister => {
                    dp.registrations.push(DpsRegistration { site: loc(fi, c), sdk: api.sdk.clone(), api: c.name.clone() })
                }
                Role::DpsPayload => {
                    let verdict = match arg_values(fi, c, api.arg) {
                        None => PayloadVerdict::Unknown(format!("`{}` is called without its payload argument", c.name)),
                        Some(values) => {
                            let v = judge_alternatives(&values);
                            match v {
                                PayloadVerdict::Unknown(_) if !dp.json_writer_model_id.is_empty() => {
                                    PayloadVerdict::CarriesModelId(dp.json_writer_model_id.clone())
                                }
                                other => other,
                            }
                        }
                    };
                    dp.payloads.push(DpsPayload { site: loc(fi, c), sdk: api.sdk.clone(), api: c.name.clone(), verdict });
                }
                Role::HubCreate => {
                    let options_null = arg_values(fi, c, api.options_arg).is_some_and(|vs| vs.iter().all(|v| v.null));
                    let transports = api
                        .protocol_arg
                        .and_then(|i| c.args.get(i))
                        .map(|r| terminal_idents(files, resolver, fi, r))
                        .unwrap_or_default();
                    dp.hub_connections.push(HubConnection {
                        site: loc(fi, c),
                        sdk: api.sdk.clone(),
                        api: c.name.clone(),
                        options_null,
                        transports,
                    });
                }
                Role::HubSetOption => {
                    let Some(opts) = arg_values(fi, c, api.option_arg) else { continue };
                    if !opts.iter().any(|o| o.is_known() && o.text() == "model_id") {
                        continue;
                    }
                    let values = arg_values(fi, c, api.arg).unwrap_or_default();
                    dp.announce(fi, c, api, &values);
                }
                Role::HubModelId => {
                    let values = arg_values(fi, c, api.arg).unwrap_or_default();
                    dp.announce(fi, c, api, &values);
                }
                _ => {}
            }
        }

        // Model ID fields of options structs (`options.model_id = ...`).
        for &fi in program_files {
            for a in &files[fi].facts.assigns {
                let AssignTarget::Field(name) = &a.target else { continue };
                let Some(sdk) = t.model_id_fields.iter().find(|(_, fields)| fields.contains(name)).map(|(s, _)| s) else {
                    continue;
                };
                let values = resolver.resolve(fi, &a.value);
                dp.announcements.push(ModelIdAnnouncement {
                    site: Loc { file: fi, range: a.range.clone() },
                    sdk: sdk.clone(),
                    values: values.iter().map(|v| model_id_value(v, Some(0), Some(&v.text()))).collect(),
                });
            }
        }

        // Raw MQTT: topics and hand-built bodies, by the strings the program writes.
        let raw = &t.raw_mqtt;
        for &fi in program_files {
            for s in &files[fi].facts.strings {
                let site = Loc { file: fi, range: s.range.clone() };
                if s.value.contains(&raw.dps_register_topic) {
                    dp.raw_dps.topics.push(site.clone());
                }
                if s.value.contains("\"registrationId\"") {
                    let verdict = judge_payload(&Value {
                        pieces: vec![crate::c::values::Piece { text: s.value.clone(), loc: Some(site.clone()), known: true }],
                        ..Value::default()
                    });
                    dp.raw_dps.bodies.push((site.clone(), verdict));
                }
                if s.value.contains(&raw.hub_username) && !s.value.contains("registrations") {
                    dp.hub_connections.push(HubConnection {
                        site: site.clone(),
                        sdk: "mqtt".into(),
                        api: "MQTT username".into(),
                        options_null: false,
                        transports: vec![],
                    });
                }
                if let Some(p) = s.value.find(&raw.model_id_param) {
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
        self.announcements.push(ModelIdAnnouncement {
            site: loc(fi, c),
            sdk: api.sdk.clone(),
            values: values.iter().map(|v| model_id_value(v, Some(0), Some(&v.text()))).collect(),
        });
    }
}

/// The next `json.string` call after `c` in the same function: the value written for the
/// property `c` named.
fn next_json_string(files: &[FileInput], fi: usize, c: &Call, resolver: &Resolver) -> Option<Vec<Value>> {
    let facts = &files[fi].facts;
    let func = crate::c::facts::enclosing_function(facts, c.range.start);
    facts
        .calls
        .iter()
        .filter(|n| n.range.start > c.range.end && crate::c::facts::enclosing_function(facts, n.range.start) == func)
        .filter_map(|n| tables().lookup(&n.name).find(|a| a.role == Role::JsonString).map(|a| (n, a)))
        .min_by_key(|(n, _)| n.range.start)
        .and_then(|(n, a)| a.arg.and_then(|i| n.args.get(i)))
        .map(|r| resolver.resolve(fi, r))
}

/// Identifiers an expression ends up as through macros and variable assignments
/// (`protocol` → `MQTT_Protocol`).
fn terminal_idents(files: &[FileInput], resolver: &Resolver, fi: usize, range: &std::ops::Range<usize>) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![(fi, range.clone(), 0)];
    while let Some((f, r, depth)) = stack.pop() {
        let text = &files[f].text;
        let name = text[r.clone()].trim().trim_start_matches('&').trim();
        if depth > 6 || name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            continue;
        }
        let mut expanded = false;
        for (g, facts) in files.iter().enumerate().map(|(g, fi)| (g, &fi.facts)) {
            for d in facts.defines.iter().filter(|d| d.name == name && d.params.is_none()) {
                let body = files[g].text[d.body.clone()].trim();
                let start = d.body.start + files[g].text[d.body.clone()].find(body).unwrap_or(0);
                stack.push((g, start..start + body.len(), depth + 1));
                expanded = true;
            }
            for a in &facts.assigns {
                if a.target == AssignTarget::Var(name.to_string()) {
                    stack.push((g, a.value.clone(), depth + 1));
                    expanded = true;
                }
            }
            for i in facts.inits.iter().filter(|i| i.name == name) {
                stack.push((g, i.value.clone(), depth + 1));
                expanded = true;
            }
        }
        if !expanded {
            out.insert(name.to_string());
        }
    }
    let _ = resolver;
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
