//! Hand-written matchers for the metamodel's `sh:pattern`s (see
//! [`crate::metamodel::Pattern`]). Each is a direct transcription of the
//! pattern's grammar; none backtracks.

use crate::metamodel::Pattern;

pub(crate) fn matches(pattern: Pattern, s: &str) -> bool {
    match pattern {
        Pattern::DtmiV2 => crate::dtmi::validate_for(s, crate::DtdlVersion::V2).is_ok(),
        Pattern::DtmiV3 => crate::dtmi::validate_for(s, crate::DtdlVersion::V3).is_ok(),
        Pattern::Name => is_name(s),
        Pattern::Date => date(s.as_bytes()),
        Pattern::Time => time(s.as_bytes()),
        Pattern::DateTime => match s.split_once('T') {
            Some((d, t)) => date(d.as_bytes()) && time(t.as_bytes()),
            None => false,
        },
        Pattern::Duration => duration(s),
        Pattern::Digits => !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()),
        Pattern::Decimal => decimal(s),
        Pattern::Base64 => base64(s),
        Pattern::Uuid => uuid(s),
        Pattern::MqttTopicLevel => !s.is_empty() && s.bytes().all(topic_char),
        Pattern::MqttTopic => mqtt_topic(s),
    }
}

/// `^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$`
pub(crate) fn is_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphabetic() && l.is_ascii_alphanumeric() && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        }
        _ => false,
    }
}

fn digits(b: &[u8], n: usize) -> bool {
    b.len() == n && b.iter().all(u8::is_ascii_digit)
}

fn date(b: &[u8]) -> bool {
    b.len() == 10 && digits(&b[0..4], 4) && b[4] == b'-' && digits(&b[5..7], 2) && b[7] == b'-' && digits(&b[8..10], 2)
}

/// `[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})`
fn time(b: &[u8]) -> bool {
    if b.len() < 9 || !(digits(&b[0..2], 2) && b[2] == b':' && digits(&b[3..5], 2) && b[5] == b':' && digits(&b[6..8], 2)) {
        return false;
    }
    let mut i = 8;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let zone = &b[i..];
    zone == b"Z"
        || (zone.len() == 6
            && matches!(zone[0], b'+' | b'-')
            && digits(&zone[1..3], 2)
            && zone[3] == b':'
            && digits(&zone[4..6], 2))
}

/// ISO 8601 duration as the metamodel's pattern reads it: `P` then optional
/// Y, M (or W), D, then optionally `T` with H, M, S; at least one part after
/// `P` and after `T`; a fraction only on the last part (S may always have one).
fn duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else { return false };
    if rest.is_empty() {
        return false;
    }
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return false;
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    let parse = |part: &str, is_last_segment: bool| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let b = part.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return None;
            }
            let mut fraction = false;
            if i < b.len() && b[i] == b'.' {
                i += 1;
                let f = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i == f {
                    return None;
                }
                fraction = true;
            }
            let unit = *b.get(i)?;
            i += 1;
            if fraction && !(unit == b'S' || (is_last_segment && i == b.len())) {
                return None;
            }
            out.push(unit);
        }
        Some(out)
    };
    let Some(d_units) = parse(date_part, time_part.is_none()) else { return false };
    let order = |units: &[u8], allowed: &[&[u8]]| allowed.iter().any(|seq| is_subsequence(units, seq));
    if !order(&d_units, &[b"YMD", b"WD"]) {
        return false;
    }
    if let Some(t) = time_part {
        let Some(t_units) = parse(t, true) else { return false };
        if t_units.is_empty() || !order(&t_units, &[b"HMS"]) {
            return false;
        }
    }
    true
}

fn is_subsequence(units: &[u8], seq: &[u8]) -> bool {
    let mut j = 0;
    for u in units {
        while j < seq.len() && seq[j] != *u {
            j += 1;
        }
        if j == seq.len() {
            return false;
        }
        j += 1;
    }
    true
}

fn decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int_ok = int == "0" || (!int.is_empty() && !int.starts_with('0') && int.bytes().all(|b| b.is_ascii_digit()));
    int_ok && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
}

fn base64(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.len().is_multiple_of(4) {
        return false;
    }
    let body = |c: &u8| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/';
    let pad = b.iter().rev().take_while(|c| **c == b'=').count();
    pad <= 2 && b[..b.len() - pad].iter().all(body)
}

fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

/// `[!$-*,-.0-z|~]`
fn topic_char(c: u8) -> bool {
    matches!(c, b'!' | b'$'..=b'*' | b','..=b'.' | b'0'..=b'z' | b'|' | b'~')
}

fn mqtt_topic(s: &str) -> bool {
    let placeholder = |seg: &str| {
        seg.strip_prefix('{').and_then(|r| r.strip_suffix('}')).is_some_and(|inner| {
            let name = match inner.split_once(':') {
                Some((ns, n)) => (!ns.is_empty() && ns.bytes().all(|b| b.is_ascii_alphabetic())).then_some(n),
                None => Some(inner),
            };
            name.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphabetic()))
        })
    };
    s.split('/').enumerate().all(|(i, seg)| {
        placeholder(seg)
            || (!seg.is_empty()
                && seg.bytes().all(topic_char)
                && (i > 0 || matches!(seg.as_bytes()[0], b'!' | b'%'..=b'*' | b','..=b'.' | b'0'..=b'z' | b'|' | b'~')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        for ok in ["P1Y", "PT1H", "P1Y2M3DT4H5M6.5S", "P2W", "P1.5Y", "PT0.5S", "P1D"] {
            assert!(duration(ok), "{ok}");
        }
        for bad in ["P", "PT", "1Y", "P1H", "P1.5YT1H", "P1M1Y", "P1W1Y", "P1YT"] {
            assert!(!duration(bad), "{bad}");
        }
    }

    #[test]
    fn times() {
        assert!(time(b"12:00:00Z"));
        assert!(time(b"12:00:00.123+01:00"));
        assert!(!time(b"12:00:00"));
        assert!(matches(Pattern::DateTime, "2020-01-01T12:00:00Z"));
    }
}
