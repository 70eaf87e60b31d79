//! `grammars/c/sdk.toml` and `grammars/c/facts.scm` are the C front-end's knowledge as data:
//! this checks that they load, compile against tree-sitter-c, and are consistent, so that
//! adding an SDK API is an edit to the table plus a fixture.

use std::collections::HashMap;

use aics_core::c::facts::facts_query;
use aics_core::c::sdk::{tables, Role, SdkTables, SDK_TOML};

#[test]
fn facts_query_compiles_and_has_the_captures_the_front_end_reads() {
    let q = facts_query();
    for name in ["function", "function.name", "function.body", "call", "call.name", "call.args", "assign", "assign.field", "assign.var", "assign.value", "init", "init.declarator", "init.value"] {
        assert!(q.capture_names().contains(&name), "facts.scm lacks @{name}");
    }
}

#[test]
fn every_api_has_the_arguments_its_role_needs() {
    let t = tables();
    for api in &t.api {
        let ctx = format!("{} {:?} {:?}", api.sdk, api.role, api.names);
        assert!(!api.names.is_empty(), "{ctx}: no names");
        for n in &api.names {
            assert!(n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{ctx}: `{n}` is not a C identifier");
        }
        match api.role {
            Role::TelemetryProperty => assert!(api.arg.is_some() && api.key_arg.is_some(), "{ctx}: needs `arg` and `key_arg`"),
            Role::TelemetryMessage | Role::TelemetryComponent | Role::JsonInit => assert!(api.arg.is_some(), "{ctx}: needs `arg`"),
            Role::TelemetrySend | Role::PropertiesReport => {}
            Role::DpsPayload | Role::HubModelId | Role::JsonProperty | Role::JsonString => {
                assert!(api.arg.is_some(), "{ctx}: needs `arg`")
            }
            Role::HubSetOption => assert!(api.arg.is_some() && api.option_arg.is_some(), "{ctx}: needs `arg` and `option_arg`"),
            Role::Format => assert!(api.arg.is_some() && api.dest_arg.is_some(), "{ctx}: needs `arg` and `dest_arg`"),
            Role::DpsRegister | Role::HubCreate | Role::CommandReceive | Role::PropertiesReceive => {}
        }
        for idx in [api.arg, api.option_arg, api.protocol_arg, api.options_arg, api.value_arg, api.dest_arg, api.key_arg].into_iter().flatten() {
            assert!(idx < 12, "{ctx}: argument index {idx} is implausible");
        }
    }
}

#[test]
fn a_name_plays_one_role() {
    let mut roles: HashMap<&str, Role> = HashMap::new();
    for api in &tables().api {
        for n in &api.names {
            if let Some(prev) = roles.insert(n, api.role) {
                assert_eq!(prev, api.role, "`{n}` is listed with two roles");
                panic!("`{n}` is listed twice for {:?}", api.role);
            }
        }
    }
    // Every SDK the rules name has its register and payload calls.
    for sdk in ["azure-iot-sdk-c", "azure-sdk-for-c", "netxduo", "azure-iot-middleware-freertos"] {
        for role in [Role::DpsRegister, Role::DpsPayload, Role::HubCreate] {
            assert!(tables().api.iter().any(|a| a.sdk == sdk && a.role == role), "{sdk} has no {role:?} entry");
        }
    }
}

#[test]
fn tables_reject_unknown_keys() {
    let broken = SDK_TOML.replacen("role = \"dps.register\"", "role = \"dps.register\"\nargs = 1", 1);
    assert!(SdkTables::parse(&broken).is_err());
    let bad_role = SDK_TOML.replacen("role = \"dps.register\"", "role = \"dps.registr\"", 1);
    assert!(SdkTables::parse(&bad_role).is_err());
}

#[test]
fn content_tables_name_real_calls_and_topics() {
    let t = tables();
    let c = &t.contents;
    let ident = |n: &str| !n.is_empty() && n.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
    assert!(!c.compare.is_empty() && !c.lookup.is_empty());
    for n in c.compare.iter().chain(&c.lookup).chain(c.agents.keys()) {
        assert!(ident(n), "`{n}` is not a C identifier");
        assert!(!t.is_known(n), "`{n}` is also an [[api]] entry: the prefilter would parse every file using it");
    }
    // The ack builders are reporting calls too (so their JSON is not telemetry).
    for (n, &arg) in &c.ack_builders {
        assert!(t.lookup(n).any(|a| a.role == Role::PropertiesReport), "ack builder `{n}` is not a properties.report API");
        assert!(arg < 12, "`{n}`: argument {arg} is implausible");
    }
    assert_eq!(c.ack_keys, ["ac", "av"]);
    for topic in [&c.command_topic, &c.desired_topic, &c.reported_topic] {
        assert!(topic.starts_with("$iothub/"), "{topic}");
    }
    for sdk in ["azure-iot-sdk-c", "azure-sdk-for-c", "netxduo", "azure-iot-middleware-freertos"] {
        for role in [Role::CommandReceive, Role::PropertiesReceive] {
            assert!(t.api.iter().any(|a| a.sdk == sdk && a.role == role), "{sdk} has no {role:?} entry");
        }
    }
}

#[test]
fn the_quick_name_check_lets_every_table_name_through_and_turns_others_away() {
    let t = tables();
    for api in &t.api {
        for n in &api.names {
            assert!(t.may_name(n), "`{n}` turned away");
            assert!(t.is_known(n) && t.lookup(n).next().is_some(), "`{n}` not found");
        }
    }
    // A unit test's mocks and assertions, and names of one byte or none.
    for n in ["STRICT_EXPECTED_CALL", "ASSERT_ARE_EQUAL", "umock_c_reset_all_calls", "gballoc_malloc", "my_STRING_new", "x", ""] {
        assert!(!t.may_name(n), "`{n}` let through");
        assert!(!t.is_known(n) && t.lookup(n).next().is_none(), "`{n}` found");
    }
    // A name that begins like the SDK's is looked up, and found only when it is one.
    assert!(t.may_name("IoTHubDeviceClient_LL_NotAFunction") && !t.is_known("IoTHubDeviceClient_LL_NotAFunction"));
}
