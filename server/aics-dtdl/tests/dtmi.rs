//! DTMI validation: v2 and v3/v4 syntax, length limits, and messages that
//! say what to change. Valid/invalid examples follow the conformance suite's
//! `Requirement-DtmiRegex*` and `Requirement-ClassInterfaceIdLong*` cases.

use aics_dtdl::dtmi::{validate, validate_for, validate_interface_id};
use aics_dtdl::{DtdlVersion, DtmiError};

#[test]
fn valid_in_every_version() {
    for s in ["dtmi:foo:bar;7", "dtmi:foo:bar;108675309", "dtmi:foo:bar;999999999", "dtmi:foo;1", "dtmi:com:example:Thermostat;1", "dtmi:a_b:c1;2"] {
        let info = validate(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert!(info.valid_in_v2, "{s}");
        for v in [DtdlVersion::V2, DtdlVersion::V3, DtdlVersion::V4] {
            assert!(validate_for(s, v).is_ok(), "{s} {v:?}");
        }
    }
    let info = validate("dtmi:com:example:Thermostat;1").unwrap();
    assert_eq!(info.segments, ["com", "example", "Thermostat"]);
    assert_eq!((info.major, info.minor), (Some(1), None));
}

#[test]
fn valid_from_v3_on() {
    for s in ["dtmi:foo:bar", "dtmi:foo:bar;3.14", "dtmi:foo:bar;3.141592"] {
        let info = validate(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert!(!info.valid_in_v2, "{s}");
        assert_eq!(info.min_version(), DtdlVersion::V3);
        assert!(validate_for(s, DtdlVersion::V2).is_err(), "{s}");
        assert!(validate_for(s, DtdlVersion::V4).is_ok(), "{s}");
    }
    assert_eq!(validate_for("dtmi:foo:bar", DtdlVersion::V2), Err(DtmiError::MissingVersion));
    assert_eq!(validate_for("dtmi:foo:bar;3.14", DtdlVersion::V2), Err(DtmiError::MinorNotAllowed));
}

#[test]
fn invalid_everywhere_with_a_message_naming_the_fix() {
    let cases = [
        ("", "the DTMI is empty; expected something like 'dtmi:com:example:Device;1'"),
        ("urn:foo:bar:1", "a DTMI must start with 'dtmi:' (it starts with 'urn:'); expected something like 'dtmi:com:example:Device;1'"),
        ("http://foo/bar/baz", "a DTMI must start with 'dtmi:' (it starts with 'http:'); expected something like 'dtmi:com:example:Device;1'"),
        ("DTMI:com:x;1", "the DTMI must start with lower-case 'dtmi:', not 'DTMI:'"),
        ("dtmi:;1", "segment 1 is empty: remove the extra ':' (segments are separated by a single ':')"),
        ("dtmi:foo::bar;1", "segment 2 is empty: remove the extra ':' (segments are separated by a single ':')"),
        ("dtmi:com-x:y;1", "segment 'com-x' contains '-'; only letters, digits and '_' are allowed"),
        ("dtmi:foo:bar.baz;1", "segment 'bar.baz' contains '.'; only letters, digits and '_' are allowed"),
        ("dtmi:com:my device;1", "segment 'my device' contains whitespace; remove it"),
        ("dtmi:test:1seg;1", "segment '1seg' must start with a letter"),
        ("dtmi:test:_invalidUserId;1", "segment '_invalidUserId' must start with a letter"),
        ("dtmi:test:invalidId_;1", "segment 'invalidId_' must not end with '_'"),
        ("dtmi:foo:bar;0", "version '0' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;01", "version '01' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;1234567890", "version '1234567890' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;1a", "version '1a' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;", "version '' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;0.1", "version '0' is invalid: the version must be 1..999999999, without leading zeros"),
        ("dtmi:foo:bar;3.0", "minor version '0' is invalid: it must be 1..999999, without leading zeros"),
        ("dtmi:foo:bar;6.02", "minor version '02' is invalid: it must be 1..999999, without leading zeros"),
        ("dtmi:foo:bar;3.1415926", "minor version '1415926' is invalid: it must be 1..999999, without leading zeros"),
    ];
    for (s, message) in cases {
        let error = validate(s).expect_err(s);
        assert_eq!(error.to_string(), message, "{s}");
    }
}

#[test]
fn length_limits() {
    // 128 characters is the longest Interface @id; 2048 the longest DTMI.
    let id = |len: usize| format!("dtmi:{};1", "a".repeat(len - "dtmi:;1".len()));
    assert!(validate_interface_id(&id(128)).is_ok());
    assert_eq!(validate_interface_id(&id(129)), Err(DtmiError::TooLong { length: 129, max: 128 }));
    assert!(!validate(&id(129)).unwrap().fits_interface_id);
    assert!(validate(&id(2048)).is_ok());
    assert_eq!(validate(&id(2049)), Err(DtmiError::TooLong { length: 2049, max: 2048 }));
    assert_eq!(
        validate(&id(2049)).unwrap_err().to_string(),
        "the DTMI is 2049 characters long; at most 2048 are allowed"
    );
}

#[test]
fn reserved_prefixes_are_not_model_ids() {
    assert_eq!(validate("dtmi:dtdl:example;1").unwrap().reserved_prefix, Some("dtmi:dtdl:"));
    assert_eq!(
        validate_interface_id("dtmi:standard:example;1"),
        Err(DtmiError::ReservedPrefix { prefix: "dtmi:standard:" })
    );
}

/// The general syntax (the official parser's `Dtmi`) also names parts of
/// elements (`#fragment`) and generated identifiers (`_` segments); neither is
/// an identifier a user may write, so [`validate`] still rejects them.
#[test]
fn general_syntax_accepts_fragments_and_reserved_labels_that_identifiers_may_not_use() {
    use aics_dtdl::dtmi::parse;
    let info = parse("dtmi:foo:bar;1.34#myFrag").unwrap();
    assert_eq!((info.major, info.minor, info.fragment.as_deref(), info.reserved_label), (Some(1), Some(34), Some("myFrag"), false));
    assert_eq!(parse("dtmi:foo:bar;1#").unwrap().fragment.as_deref(), Some(""));
    assert_eq!(parse("dtmi:foo:bar#myFrag").unwrap().major, None);
    assert!(parse("dtmi:test:_invalidUserId;1").unwrap().reserved_label);
    assert!(parse("dtmi:foo:bar;1#_x").unwrap().reserved_label);
    for bad in ["dtmi:foo;1#bar.baz", "dtmi:foo:bar;1#1seg", "dtmi:foo:bar;1#invalidId_", "dtmi:test:invalidId_;1", "dtmi:test:_;1", "dtmi:foo:bar;1.34#a#b"] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    assert_eq!(validate("dtmi:foo:bar;1#myFrag"), Err(DtmiError::Fragment { fragment: "myFrag".into() }));
    assert_eq!(validate("dtmi:test:_invalidUserId;1"), Err(DtmiError::SegmentStart { segment: "_invalidUserId".into() }));
    assert!(validate("dtmi:foo:bar;1#myFrag").unwrap_err().to_string().contains("remove it"));
}

/// The validator asks `is_valid_for` of every DTMI-like value; it must answer as
/// `validate_for` does, on the edges of the syntax and on random strings of its alphabet.
#[test]
fn the_quick_verdict_is_validate_for_s() {
    use aics_dtdl::dtmi::{is_valid_for, validate_for};
    use aics_dtdl::DtdlVersion;
    let mut cases: Vec<String> = [
        "dtmi:com:example:Thermostat;1", "dtmi:com:example:Thermostat", "dtmi:com:example:Thermostat;1.2", "dtmi:com:example:Thermostat;0",
        "dtmi:com:example:Thermostat;01", "dtmi:com:example:Thermostat;1#frag", "dtmi:com:_x;1", "dtmi:com:x_;1", "dtmi:com::x;1", "dtmi:;1", "dtmi:",
        "dtmi:com:9x;1", "dtmi:com:x-y;1", "dtmi:com:é;1", "DTMI:com:x;1", "dtmi:com:x;1;2", "dtmi:com:x;1.", "dtmi:com:x;.1", "dtmi:com:x;1000000000",
        "dtmi:com:x;999999999", "dtmi:com:x;1.999999", "dtmi:com:x;1.1000000", "", "dtmi", "http://example.com", "dtmi:dtdl:class:Telemetry;2",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    cases.push(format!("dtmi:{};1", "a".repeat(2100)));
    cases.push(format!("dtmi:{};1", "a".repeat(2000)));
    let alphabet: Vec<char> = "dtmi:;._#aZ09é".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..20_000 {
        let mut s = String::from(if seed.is_multiple_of(3) { "" } else { "dtmi:" });
        let len = (seed >> 8) % 16;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        cases.push(s);
    }
    let mut valid = 0;
    for s in &cases {
        for v in [DtdlVersion::V2, DtdlVersion::V3, DtdlVersion::V4] {
            let full = validate_for(s, v).is_ok();
            valid += usize::from(full);
            assert_eq!(is_valid_for(s, v), full, "{s:?} in {v:?}");
        }
    }
    assert!(valid > 1_000, "only {valid} valid cases: the random strings prove little");
}
