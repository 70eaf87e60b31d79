//! Digital Twin Model Identifier (DTMI) syntax.
//!
//! The linter needs more than a yes/no answer: a Model ID typed into C code
//! (rule AICS005) or a reference in a model file is usually *almost* right, so
//! [`DtmiError`] says which part is wrong and the `Display` text says how to
//! fix it.
//!
//! Facts encoded here (DTDL metamodel, `restriction:global:identifier` and
//! `restriction:Interface:identifier`):
//! - v2: `dtmi:` + `:`-separated segments + `;` + version `1..=999999999`.
//! - v3 / v4: the version is optional and may be `major.minor`, minor `1..=999999`.
//! - A segment starts with a letter, then letters, digits or `_`, and does not end with `_`.
//! - Any DTMI is at most 2048 characters; an Interface `@id` at most 128.
//! - `dtmi:dtdl:` and `dtmi:standard:` are reserved for the language itself.

use std::fmt;

use crate::model::DtdlVersion;

/// Longest DTMI any DTDL version accepts.
pub const MAX_LENGTH: usize = 2048;
/// Longest DTMI accepted as an Interface `@id` (so also as a device's Model ID).
pub const MAX_INTERFACE_ID_LENGTH: usize = 128;
/// Prefixes no user model may use for its own identifiers.
pub const RESERVED_PREFIXES: [&str; 2] = ["dtmi:dtdl:", "dtmi:standard:"];

const MAX_MAJOR: u32 = 999_999_999;
const MAX_MINOR: u32 = 999_999;

/// What a syntactically valid DTMI is made of, and where it may be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DtmiInfo {
    /// The path segments between `dtmi:` and `;` (`["com", "example", "Thermostat"]`).
    pub segments: Vec<String>,
    /// The major version, if the DTMI has one (v2 requires it).
    pub major: Option<u32>,
    /// The minor version (`;1.2`), only allowed from DTDL v3 on.
    pub minor: Option<u32>,
    /// True when DTDL v2 accepts it too (it has a version and no minor version).
    /// v3 and v4 accept every DTMI this module validates.
    pub valid_in_v2: bool,
    /// True when it is short enough (≤ 128 characters) to be an Interface `@id`.
    pub fits_interface_id: bool,
    /// The reserved prefix it starts with (`dtmi:dtdl:`, `dtmi:standard:`), if any:
    /// such identifiers name language elements, never a user's model.
    pub reserved_prefix: Option<&'static str>,
    /// The fragment after `#` (`"myFrag"` in `dtmi:foo:bar;1#myFrag`, `""` for a
    /// bare `#`), if any. Only [`parse`] accepts one: it names a part of an
    /// element, never an element of a user's model.
    pub fragment: Option<String>,
    /// A segment or the fragment starts with `_` (`dtmi:test:_x;1`): such
    /// identifiers are reserved for ones the parser generates. Only [`parse`]
    /// accepts them.
    pub reserved_label: bool,
}

impl DtmiInfo {
    /// The oldest DTDL version whose syntax accepts this DTMI.
    pub fn min_version(&self) -> DtdlVersion {
        if self.valid_in_v2 {
            DtdlVersion::V2
        } else {
            DtdlVersion::V3
        }
    }
}

/// Why a string is not a DTMI. `Display` gives a message that names the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DtmiError {
    /// The string is empty.
    Empty,
    /// It does not start with `dtmi:` (`found` is what it starts with instead).
    MissingScheme { found: String },
    /// `dtmi:` is followed by nothing, or two `:` are adjacent.
    EmptySegment { position: usize },
    /// A segment starts with a digit or `_`.
    SegmentStart { segment: String },
    /// A segment ends with `_`.
    SegmentEnd { segment: String },
    /// A segment contains a character other than a letter, digit or `_`.
    InvalidCharacter { segment: String, character: char },
    /// There is no `;version` and the version in question (v2) requires one.
    MissingVersion,
    /// The major version is empty, not a number, has a leading zero or is out of range.
    InvalidMajor { version: String },
    /// The minor version is empty, not a number, has a leading zero or is out of range.
    InvalidMinor { version: String },
    /// `;1.2` used where only DTDL v2 syntax is allowed.
    MinorNotAllowed,
    /// Longer than the limit (`max`): 2048 in general, 128 for an Interface `@id`.
    TooLong { length: usize, max: usize },
    /// Starts with `dtmi:dtdl:` or `dtmi:standard:`, which user models may not use.
    ReservedPrefix { prefix: &'static str },
    /// Has a `#fragment`, which names a part of an element, not a model or element.
    Fragment { fragment: String },
    /// The fragment after `#` is not a letter followed by letters, digits or `_`.
    InvalidFragment { fragment: String },
}

impl fmt::Display for DtmiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DtmiError::Empty => write!(f, "the DTMI is empty; expected something like 'dtmi:com:example:Device;1'"),
            DtmiError::MissingScheme { found } if found.eq_ignore_ascii_case("dtmi:") => {
                write!(f, "the DTMI must start with lower-case 'dtmi:', not '{found}'")
            }
            DtmiError::MissingScheme { found } => {
                write!(f, "a DTMI must start with 'dtmi:' (it starts with '{found}'); expected something like 'dtmi:com:example:Device;1'")
            }
            DtmiError::EmptySegment { position } => {
                write!(f, "segment {position} is empty: remove the extra ':' (segments are separated by a single ':')")
            }
            DtmiError::SegmentStart { segment } => {
                write!(f, "segment '{segment}' must start with a letter")
            }
            DtmiError::SegmentEnd { segment } => {
                write!(f, "segment '{segment}' must not end with '_'")
            }
            DtmiError::InvalidCharacter { segment, character } if character.is_whitespace() => {
                write!(f, "segment '{segment}' contains whitespace; remove it")
            }
            DtmiError::InvalidCharacter { segment, character } => {
                write!(f, "segment '{segment}' contains '{character}'; only letters, digits and '_' are allowed")
            }
            DtmiError::MissingVersion => {
                write!(f, "the DTMI has no version: add ';1' (DTDL v2 requires a version)")
            }
            DtmiError::InvalidMajor { version } => {
                write!(f, "version '{version}' is invalid: the version must be 1..999999999, without leading zeros")
            }
            DtmiError::InvalidMinor { version } => {
                write!(f, "minor version '{version}' is invalid: it must be 1..999999, without leading zeros")
            }
            DtmiError::MinorNotAllowed => {
                write!(f, "DTDL v2 does not allow a minor version: use a single number after ';'")
            }
            DtmiError::TooLong { length, max } => {
                write!(f, "the DTMI is {length} characters long; at most {max} are allowed")
            }
            DtmiError::ReservedPrefix { prefix } => {
                write!(f, "'{prefix}' is reserved for the DTDL language; use your own namespace (e.g. 'dtmi:com:yourcompany:')")
            }
            DtmiError::Fragment { fragment } => {
                write!(f, "the fragment '#{fragment}' names a part of an element, not a model: remove it")
            }
            DtmiError::InvalidFragment { fragment } => {
                write!(f, "the fragment '#{fragment}' must start with a letter and contain only letters, digits and '_', not ending with '_'")
            }
        }
    }
}

impl std::error::Error for DtmiError {}

/// Validates `s` as a DTMI for *some* DTDL version (v3/v4 syntax, the most
/// permissive), up to 2048 characters, as the identifier of a model or an
/// element: no `#fragment`, no segment starting with `_` (see [`parse`] for
/// the general syntax). See [`DtmiInfo::valid_in_v2`] for v2.
pub fn validate(s: &str) -> Result<DtmiInfo, DtmiError> {
    let info = parse(s)?;
    if let Some(fragment) = info.fragment {
        return Err(DtmiError::Fragment { fragment });
    }
    if let Some(segment) = info.segments.iter().find(|g| g.starts_with('_')) {
        return Err(DtmiError::SegmentStart { segment: segment.clone() });
    }
    Ok(info)
}

/// The general DTMI syntax (the official parser's `Dtmi`), up to 2048
/// characters: besides what [`validate`] accepts, a `#fragment` and segments
/// starting with `_` ([`DtmiInfo::reserved_label`]), which identify parts of
/// elements and generated identifiers rather than what a user writes as an
/// `@id`.
pub fn parse(s: &str) -> Result<DtmiInfo, DtmiError> {
    let info = syntax(s)?;
    let length = s.chars().count();
    if length > MAX_LENGTH {
        return Err(DtmiError::TooLong { length, max: MAX_LENGTH });
    }
    Ok(info)
}

/// Validates `s` under the rules of one DTDL version (v2 requires `;N`).
pub fn validate_for(s: &str, version: DtdlVersion) -> Result<DtmiInfo, DtmiError> {
    let info = validate(s)?;
    if version == DtdlVersion::V2 {
        if info.major.is_none() {
            return Err(DtmiError::MissingVersion);
        }
        if info.minor.is_some() {
            return Err(DtmiError::MinorNotAllowed);
        }
    }
    Ok(info)
}

/// Validates `s` as an Interface `@id` for some DTDL version: a DTMI of at most
/// 128 characters outside the reserved prefixes. A device's Model ID is an
/// Interface `@id`, so this is the check behind AICS005.
pub fn validate_interface_id(s: &str) -> Result<DtmiInfo, DtmiError> {
    let info = validate(s)?;
    if let Some(prefix) = info.reserved_prefix {
        return Err(DtmiError::ReservedPrefix { prefix });
    }
    let length = s.chars().count();
    if length > MAX_INTERFACE_ID_LENGTH {
        return Err(DtmiError::TooLong { length, max: MAX_INTERFACE_ID_LENGTH });
    }
    Ok(info)
}

/// Whether [`validate_for`] accepts `s`, found without building its [`DtmiInfo`] (the
/// validator asks this of every DTMI-like value it reads: the segments' copies were most of
/// the cost).
pub fn is_valid_for(s: &str, version: DtdlVersion) -> bool {
    let Ok(parts) = checked(s) else { return false };
    parts.fragment.is_none()
        && !parts.path.split(':').any(|g| g.starts_with('_'))
        && s.chars().count() <= MAX_LENGTH
        && (version != DtdlVersion::V2 || (parts.major.is_some() && parts.minor.is_none()))
}

/// What the general DTMI syntax reads of a valid `s`, borrowed.
struct Parts<'s> {
    fragment: Option<&'s str>,
    /// The segments, `:` between them.
    path: &'s str,
    major: Option<u32>,
    minor: Option<u32>,
}

fn syntax(s: &str) -> Result<DtmiInfo, DtmiError> {
    let Parts { fragment, path, major, minor } = checked(s)?;
    let segments: Vec<String> = path.split(':').map(str::to_string).collect();
    let chars = s.chars().count();
    let reserved_label = segments.iter().any(|g| g.starts_with('_')) || fragment.is_some_and(|f| f.starts_with('_'));
    Ok(DtmiInfo {
        segments,
        major,
        minor,
        valid_in_v2: major.is_some() && minor.is_none(),
        fits_interface_id: chars <= MAX_INTERFACE_ID_LENGTH,
        reserved_prefix: RESERVED_PREFIXES.iter().copied().find(|p| s.starts_with(p)),
        reserved_label,
        fragment: fragment.map(str::to_string),
    })
}

/// The general DTMI syntax's checks, in order (the first error found is the one reported).
fn checked(s: &str) -> Result<Parts<'_>, DtmiError> {
    if s.is_empty() {
        return Err(DtmiError::Empty);
    }
    let Some(rest) = s.strip_prefix("dtmi:") else {
        let found: String = match s.find(':') {
            Some(i) if i < 16 => s[..=i].to_string(),
            _ => s.chars().take(8).collect(),
        };
        return Err(DtmiError::MissingScheme { found });
    };
    let (rest, fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if let Some(f) = fragment {
        if !f.is_empty() && check_segment(f, 0).is_err() {
            return Err(DtmiError::InvalidFragment { fragment: f.to_string() });
        }
    }
    let (path, version) = match rest.find(';') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    for (i, segment) in path.split(':').enumerate() {
        check_segment(segment, i + 1)?;
    }
    let (major, minor) = match version {
        None => (None, None),
        Some(v) => {
            let (major, minor) = match v.find('.') {
                Some(i) => (&v[..i], Some(&v[i + 1..])),
                None => (v, None),
            };
            let major = number(major, MAX_MAJOR, 9)
                .ok_or_else(|| DtmiError::InvalidMajor { version: major.to_string() })?;
            let minor = match minor {
                None => None,
                Some(m) => Some(
                    number(m, MAX_MINOR, 6)
                        .ok_or_else(|| DtmiError::InvalidMinor { version: m.to_string() })?,
                ),
            };
            (Some(major), minor)
        }
    };
    Ok(Parts { fragment, path, major, minor })
}

fn check_segment(segment: &str, position: usize) -> Result<(), DtmiError> {
    let owned = || segment.to_string();
    let Some(first) = segment.chars().next() else {
        return Err(DtmiError::EmptySegment { position });
    };
    if let Some(bad) = segment.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
        return Err(DtmiError::InvalidCharacter { segment: owned(), character: bad });
    }
    // A letter, or (reserved, see [`DtmiInfo::reserved_label`]) underscores
    // followed by a letter or digit.
    let after_underscores = segment.trim_start_matches('_').chars().next();
    let starts_ok = first.is_ascii_alphabetic() || (first == '_' && after_underscores.is_some_and(|c| c.is_ascii_alphanumeric()));
    if !starts_ok {
        return Err(DtmiError::SegmentStart { segment: owned() });
    }
    if segment.ends_with('_') {
        return Err(DtmiError::SegmentEnd { segment: owned() });
    }
    Ok(())
}

/// `[1-9][0-9]{0,max_digits-1}` as a number.
fn number(s: &str, max: u32, max_digits: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_digits || s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|n| (1..=max).contains(n))
}
