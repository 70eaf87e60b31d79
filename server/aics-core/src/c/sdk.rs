//! The SDK tables of `grammars/c/sdk.toml`, embedded at build time and loaded once.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

pub const SDK_TOML: &str = include_str!("../../../../grammars/c/sdk.toml");

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Role {
    #[serde(rename = "dps.register")]
    DpsRegister,
    #[serde(rename = "dps.payload")]
    DpsPayload,
    #[serde(rename = "hub.create")]
    HubCreate,
    #[serde(rename = "hub.set_option")]
    HubSetOption,
    #[serde(rename = "hub.model_id")]
    HubModelId,
    #[serde(rename = "json.property")]
    JsonProperty,
    #[serde(rename = "json.string")]
    JsonString,
    #[serde(rename = "json.init")]
    JsonInit,
    #[serde(rename = "format")]
    Format,
    #[serde(rename = "telemetry.message")]
    TelemetryMessage,
    #[serde(rename = "telemetry.send")]
    TelemetrySend,
    #[serde(rename = "telemetry.component")]
    TelemetryComponent,
    #[serde(rename = "telemetry.property")]
    TelemetryProperty,
    #[serde(rename = "properties.report")]
    PropertiesReport,
    #[serde(rename = "command.receive")]
    CommandReceive,
    #[serde(rename = "properties.receive")]
    PropertiesReceive,
}

/// One API entry: a function of an SDK with the role it plays.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    pub sdk: String,
    pub role: Role,
    pub names: Vec<String>,
    pub arg: Option<usize>,
    pub option_arg: Option<usize>,
    pub protocol_arg: Option<usize>,
    pub options_arg: Option<usize>,
    pub value_arg: Option<usize>,
    pub dest_arg: Option<usize>,
    pub key_arg: Option<usize>,
    /// A hub create call that takes the Model ID as an argument (the preview
    /// `az_iot_pnp_client_init(&c, host, device_id, model_id, &options)`).
    pub model_id_arg: Option<usize>,
    /// A telemetry call that names the message's component as an argument (the preview
    /// `az_iot_pnp_client_telemetry_get_publish_topic(&c, component, ...)`; NULL or
    /// `AZ_SPAN_EMPTY` is the root).
    pub component_arg: Option<usize>,
    /// A copy that appends (`strcat`, `buf = az_span_copy(buf, part)`): several of them on
    /// one buffer write the concatenation of their sources.
    pub appends: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Telemetry {
    pub component_keys: Vec<String>,
    /// The raw-MQTT telemetry topic (`devices/{id}/messages/events/`), by the part every
    /// spelling of it contains. Empty: raw-MQTT telemetry is not looked for.
    #[serde(default)]
    pub raw_topic: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    pub null: Vec<String>,
    pub wrappers: Vec<String>,
    pub wrappers_arg1: Vec<String>,
    /// printf-style calls that return the text they format (format string = argument 0),
    /// such as azure-c-shared-utility's `STRING_construct_sprintf`.
    #[serde(default)]
    pub formats_returning: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transports {
    pub mqtt: Vec<String>,
    pub other: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMqtt {
    pub dps_register_topic: String,
    pub hub_usernames: Vec<String>,
    pub dps_body_key: String,
    pub dps_payload_key: String,
    pub model_id_param: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub names: Vec<String>,
}

/// What makes a file a unit test (`[unit_tests]`): a test framework's header included.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitTests {
    pub headers: Vec<String>,
}

impl UnitTests {
    /// Whether an include of `name` (as written between its quotes or brackets) is of a
    /// test framework's header: one of `headers`, or a path ending in `/` and one.
    pub fn is_test_header(&self, name: &str) -> bool {
        self.headers.iter().any(|h| name.strip_suffix(h.as_str()).is_some_and(|rest| rest.is_empty() || rest.ends_with('/')))
    }
}

/// The code a quick fix writes for a finding at a call of an SDK (`[[fix]]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixTemplate {
    /// The rule whose finding it fixes (`AICS001`, `AICS003`).
    pub rule: String,
    /// The calls the finding is reported at.
    pub calls: Vec<String>,
    /// When it applies: `options-null` (the options argument is NULL), `options` (an
    /// options object is passed by address), `payload-empty` (the payload argument is NULL
    /// or `""`, written there or as a macro's whole body), `model-id-empty` (the create
    /// call's Model ID argument is NULL or empty), or always.
    #[serde(default)]
    pub when: Option<String>,
    /// `before` the statement holding the call, or `after` it succeeded.
    pub place: FixPlace,
    /// Lines of code; holes: `{client}` (the call's first argument), `{result}` (the
    /// variable its result is assigned to), `{options}` (the options object),
    /// `{model_id}` (the Model ID as a C expression), `{payload}` (a JSON payload with the
    /// Model ID as a C string literal).
    pub code: Vec<String>,
    /// With `place = "argument"`: how many arguments, from the payload one, the code
    /// replaces (2: the payload and its length). Default 1.
    #[serde(default)]
    pub replaces_args: Option<usize>,
    /// What the options argument becomes (with `when = "options-null"`).
    #[serde(default)]
    pub options_arg: Option<String>,
    /// The fix's title.
    pub title: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixPlace {
    Before,
    After,
    /// In place of the call's payload argument (and `replaces_args - 1` after it).
    Argument,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkTables {
    pub api: Vec<Api>,
    pub model_id_fields: BTreeMap<String, Vec<String>>,
    pub constants: BTreeMap<String, String>,
    pub values: Values,
    pub transports: Transports,
    pub raw_mqtt: RawMqtt,
    pub entry_points: Names,
    pub unit_tests: UnitTests,
    pub legacy_model_id_keys: Names,
    pub telemetry: Telemetry,
    /// Commands and properties (AICS009-AICS011): see `crate::contents`.
    #[serde(default)]
    pub contents: crate::contents::ContentTables,
    /// The code quick fixes write (`[[fix]]`): see `crate::fix`.
    #[serde(default, rename = "fix")]
    pub fixes: Vec<FixTemplate>,
    /// Asked for every call of every file: hashed as the symbol index hashes names.
    #[serde(skip)]
    by_name: HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<super::values::NameHasher>>,
    /// The lengths and first two bytes of every name of `by_name` ([`SdkTables::may_name`]):
    /// most calls of a tree name no SDK function (a unit test's mocks and assertions:
    /// azure-iot-sdk-c's 93,000 calls hold 1,177 of the SDK's), and two bits tell them so
    /// where a hash of the whole name and a probe did.
    #[serde(skip)]
    gate: crate::fast::NameGate,
}

impl SdkTables {
    pub fn parse(text: &str) -> Result<SdkTables, String> {
        let mut t: SdkTables = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, api) in t.api.iter().enumerate() {
            for n in &api.names {
                t.by_name.entry(n.clone()).or_default().push(i);
            }
        }
        t.gate = crate::fast::NameGate::of(t.by_name.keys().map(String::as_str));
        Ok(t)
    }

    /// Whether `name` may be a function of the tables: `false` is certain, `true` means
    /// "look it up" (one of them has its length and first two bytes).
    #[inline]
    pub fn may_name(&self, name: &str) -> bool {
        self.gate.may_hold(name)
    }

    /// The API entries a function name plays (usually one).
    pub fn lookup(&self, name: &str) -> impl Iterator<Item = &Api> {
        self.may_name(name).then(|| self.by_name.get(name)).flatten().into_iter().flatten().map(|&i| &self.api[i])
    }

    pub fn is_known(&self, name: &str) -> bool {
        self.may_name(name) && self.by_name.contains_key(name)
    }

    pub fn is_null(&self, ident: &str) -> bool {
        self.values.null.iter().any(|n| n == ident)
    }

    pub fn formats_returning(&self, name: &str) -> bool {
        self.values.formats_returning.iter().any(|n| n == name)
    }

    pub fn wrapper_arg(&self, name: &str) -> Option<usize> {
        if self.values.wrappers.iter().any(|n| n == name) {
            Some(0)
        } else if self.values.wrappers_arg1.iter().any(|n| n == name) {
            Some(1)
        } else {
            None
        }
    }

    pub fn all_model_id_fields(&self) -> impl Iterator<Item = &str> {
        self.model_id_fields.values().flatten().map(String::as_str)
    }

    /// Every function name in the tables: the byte-level prefilter's needles.
    pub fn function_names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }
}

/// The embedded tables. A broken table is a bug caught by the tables test, so this panics
/// with the reason rather than limping on.
pub fn tables() -> &'static SdkTables {
    static T: OnceLock<SdkTables> = OnceLock::new();
    T.get_or_init(|| SdkTables::parse(SDK_TOML).expect("grammars/c/sdk.toml is invalid"))
}
