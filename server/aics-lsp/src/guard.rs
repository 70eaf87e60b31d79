//! A guard in front of the protocol reader. tower-lsp-server answers a malformed message
//! with a parse error, but its framed reader then ends the stream and with it the server.
//! An editor that sends one bad message must not lose its language server: this task
//! re-frames the input, and a frame whose body is not JSON (or that lacks its
//! Content-Length) is replaced by a notification the server logs and otherwise ignores.

use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, DuplexStream};

pub const MALFORMED_METHOD: &str = "$/aicsLint/malformedMessage";

/// The largest message body the guard waits for (a whole workspace's text in one
/// didOpen stays far below it).
const MAX_MESSAGE: usize = 1 << 30;

/// Spawn the guard over `input`; read the protocol from the returned stream instead.
pub fn guard<R: AsyncRead + Unpin + Send + 'static>(mut input: R) -> DuplexStream {
    let (mut to_server, from_guard) = tokio::io::duplex(1 << 16);
    tokio::spawn(async move {
        let mut buf: Vec<u8> = Vec::new();
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            // Emit every complete frame in the buffer.
            while let Some((frame, used)) = next_frame(&buf) {
                buf.drain(..used);
                if to_server.write_all(&frame).await.is_err() {
                    return;
                }
            }
            match input.read(&mut chunk).await {
                Ok(0) | Err(_) => return, // end of input: the server sees EOF too
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    });
    from_guard
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn malformed(why: &str) -> Vec<u8> {
    frame(&serde_json::to_vec(&json!({ "jsonrpc": "2.0", "method": MALFORMED_METHOD, "params": { "error": why } })).unwrap_or_default())
}

/// The next frame to pass on and how many input bytes it used; `None` until a whole frame
/// has arrived.
fn next_frame(buf: &[u8]) -> Option<(Vec<u8>, usize)> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let length = head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case("content-length").then(|| v.trim().parse::<usize>().ok()).flatten()
    });
    let body_start = head_end + 4;
    let Some(length) = length else {
        return Some((malformed("a message without a valid Content-Length header"), body_start));
    };
    // A length no message has (or one that overflows, `Content-Length: 18446744073709551615`, seen
    // while seeding the fuzzer) is not waited for: the guard would buffer input forever.
    let Some(body_end) = body_start.checked_add(length).filter(|_| length <= MAX_MESSAGE) else {
        return Some((malformed("a message whose Content-Length is larger than any message"), body_start));
    };
    if buf.len() < body_end {
        return None;
    }
    let body = &buf[body_start..body_end];
    let out = match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() || v.is_array() => frame(body),
        Ok(_) => malformed("a message body that is not a JSON object"),
        Err(e) => malformed(&format!("a message body that is not JSON ({e})")),
    };
    Some((out, body_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_pass_and_garbage_is_replaced() {
        let good = frame(br#"{"jsonrpc":"2.0","method":"x"}"#);
        let mut input = good.clone();
        input.extend_from_slice(b"Content-Length: 5\r\n\r\n{ oop");
        input.extend_from_slice(b"X-Nothing: 1\r\n\r\n");
        let (f1, n1) = next_frame(&input).unwrap();
        assert_eq!(f1, good);
        let (f2, n2) = next_frame(&input[n1..]).unwrap();
        assert!(String::from_utf8_lossy(&f2).contains(MALFORMED_METHOD));
        let (f3, _) = next_frame(&input[n1 + n2..]).unwrap();
        assert!(String::from_utf8_lossy(&f3).contains("Content-Length header"));
        assert!(next_frame(b"Content-Length: 10\r\n\r\n{}").is_none(), "waits for the whole body");
    }
}
