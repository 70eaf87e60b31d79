//! DTMI syntax, as the rules need it: is a string a valid Digital Twin Model Identifier
//! for some DTDL version (v2 requires a version; v3 and v4 make it optional and allow
//! `;major.minor`).

/// `Ok(())` when `s` is a valid DTMI for at least one DTDL version; otherwise what is wrong,
/// in words that tell the user the fix.
pub fn validate(s: &str) -> Result<(), String> {
    let Some(rest) = s.strip_prefix("dtmi:") else {
        return Err("a DTMI starts with `dtmi:`".into());
    };
    let (path, version) = match rest.split_once(';') {
        Some((p, v)) => (p, Some(v)),
        None => (rest, None),
    };
    if path.is_empty() {
        return Err("the path after `dtmi:` is empty".into());
    }
    for seg in path.split(':') {
        if seg.is_empty() {
            return Err("it has an empty segment (`::` or a trailing `:`)".into());
        }
        if !seg.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(format!("segment `{seg}` must start with a letter"));
        }
        if seg.ends_with('_') {
            return Err(format!("segment `{seg}` must not end with `_`"));
        }
        if let Some(bad) = seg.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
            return Err(format!("segment `{seg}` contains `{}`; only letters, digits and `_` are allowed", bad.escape_default()));
        }
    }
    if let Some(v) = version {
        let (major, minor) = match v.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (v, None),
        };
        let number = |n: &str, max_digits: usize| {
            !n.is_empty() && n.len() <= max_digits && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0')
        };
        if !number(major, 9) {
            return Err(format!("version `{v}` must be a whole number from 1 to 999999999 (e.g. `;1`)"));
        }
        if let Some(m) = minor {
            if !number(m, 6) {
                return Err(format!("minor version in `{v}` must be a number from 1 to 999999"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate;

    #[test]
    fn valid_and_invalid() {
        for ok in ["dtmi:com:example:Thermostat;1", "dtmi:com:example:Thermostat", "dtmi:a_b:c1;2.5", "dtmi:x;999999999"] {
            assert_eq!(validate(ok), Ok(()), "{ok}");
        }
        for bad in [
            "dtmi:com:example:Thermostat;0",
            "dtmi:com-example:thermostat;1",
            "urn:thermostat:1",
            "dtmi:com:example:thermostat;1 ",
            "dtmi:_com:x;1",
            "dtmi:com_:x;1",
            "dtmi:com::x;1",
            "dtmi:;1",
            "dtmi:x;1.0",
            "dtmi:x;01",
        ] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }
}
