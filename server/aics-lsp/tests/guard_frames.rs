//! The input guard over hostile framing: lengths that overflow, that are larger than any
//! message, headers that never end. The guard must keep passing later good frames (or end
//! cleanly when the input ends) and never panic.

use std::time::Duration;

use tokio::io::AsyncReadExt;

async fn through_guard(input: Vec<u8>) -> Vec<u8> {
    let mut out = aics_lsp::guard(std::io::Cursor::new(input));
    let mut got = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), out.read_to_end(&mut got)).await.expect("the guard ends with its input").unwrap();
    got
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[tokio::test]
async fn a_content_length_near_usize_max_does_not_panic() {
    for len in [u64::MAX.to_string(), (u64::MAX - 3).to_string(), "18446744073709551600".to_string()] {
        let mut input = format!("Content-Length: {len}\r\n\r\n{{}}").into_bytes();
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
        // The frame is reported as malformed (the server logs it) and the stream ends
        // with the input, without a panic in the guard task.
        let got = through_guard(input).await;
        // Before the fix the guard task panicked on the overflow and passed nothing on.
        let text = String::from_utf8_lossy(&got);
        assert!(text.contains("malformedMessage"), "{len}: {text}");
    }
}

#[tokio::test]
async fn good_frames_after_garbage_still_pass() {
    let mut input = b"Content-Length: x\r\n\r\n".to_vec();
    input.extend(b"Content-Length: 3\r\n\r\n{{{");
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
    let got = through_guard(input).await;
    assert!(String::from_utf8_lossy(&got).contains(r#""method":"after""#));
}
