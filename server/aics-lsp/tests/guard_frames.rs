//! The input guard over hostile framing: lengths that overflow, that are larger than any
//! message, headers that never end. The guard must keep passing later good frames (or end
//! cleanly when the input ends), answer the bad ones, and never panic.

use std::time::Duration;

use tokio::io::AsyncReadExt;

/// What the server would read, and what the guard answered on the output.
async fn through_guard(input: Vec<u8>) -> (String, String) {
    let (out_w, mut out_r) = tokio::io::duplex(1 << 20);
    let g = aics_lsp::guard(std::io::Cursor::new(input), out_w);
    let mut server_side = g.input;
    let mut got = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), server_side.read_to_end(&mut got)).await.expect("the guard ends with its input").unwrap();
    drop(g.output);
    let mut answered = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), out_r.read_to_end(&mut answered)).await.expect("the writer ends").unwrap();
    (String::from_utf8_lossy(&got).into_owned(), String::from_utf8_lossy(&answered).into_owned())
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[tokio::test]
async fn a_content_length_near_usize_max_does_not_panic() {
    for len in [u64::MAX.to_string(), (u64::MAX - 3).to_string(), "18446744073709551600".to_string()] {
        let mut input = format!("Content-Length: {len}\r\n\r\n{{}}").into_bytes();
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
        // The frame is answered as unreadable and the one after it passes, without a
        // panic in the guard task.
        let (passed, answered) = through_guard(input).await;
        assert!(passed.contains("malformedMessage"), "{len}: {passed}");
        assert!(passed.contains(r#""method":"after""#), "{len}: {passed}");
        assert!(answered.contains("-32700"), "{len}: {answered}");
    }
}

#[tokio::test]
async fn good_frames_after_garbage_still_pass() {
    let mut input = b"Content-Length: x\r\n\r\n".to_vec();
    input.extend(b"Content-Length: 3\r\n\r\n{{{");
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
    let (passed, answered) = through_guard(input).await;
    assert!(passed.contains(r#""method":"after""#), "{passed}");
    assert_eq!(answered.matches("-32700").count(), 2, "{answered}");
}

#[tokio::test]
async fn a_header_that_never_ends() {
    let mut input = vec![b'A'; 20_000];
    input.extend(b"\r\n");
    input.extend(frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
    let (passed, _) = through_guard(input).await;
    assert!(passed.contains(r#""method":"after""#), "{passed}");
}
