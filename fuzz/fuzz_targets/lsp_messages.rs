//! LSP message handling: the input guard re-framing fuzzed bytes, and the language
//! server behind it (the real service over an in-memory duplex) answering whatever the
//! guard lets through. The server must neither panic nor stop reading because of input;
//! a run ends when the input ends (the guard closes the stream) or after a short timeout.
#![no_main]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use aics_core::config::{Config, ConfigError};
use aics_core::SourceFile;
use libfuzzer_sys::fuzz_target;
use tokio::io::AsyncReadExt;

/// A workspace with no files on disk: the fuzzer drives documents through the protocol.
struct NoFiles;

impl aics_lsp::WorkspaceFiles for NoFiles {
    fn scan(&self, _: &Path, _: &Config) -> Vec<SourceFile> {
        Vec::new()
    }
    fn read(&self, _: &Path) -> Option<SourceFile> {
        None
    }
    fn config(&self, _: &Path) -> Option<Result<Config, ConfigError>> {
        None
    }
}

fuzz_target!(|data: &[u8]| {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let input = std::io::Cursor::new(data.to_vec());
    rt.block_on(async move {
        let (service, socket) = aics_lsp::service(Arc::new(NoFiles));
        let (out_w, mut out_r) = tokio::io::duplex(1 << 16);
        // Drain what the server writes so it never blocks on a full pipe.
        let drain = tokio::spawn(async move {
            let mut sink = vec![0u8; 1 << 16];
            while let Ok(n) = out_r.read(&mut sink).await {
                if n == 0 {
                    break;
                }
            }
        });
        let serve = tower_lsp_server::Server::new(aics_lsp::guard(input), out_w, socket).serve(service);
        let _ = tokio::time::timeout(Duration::from_secs(2), serve).await;
        drain.abort();
    });
});
