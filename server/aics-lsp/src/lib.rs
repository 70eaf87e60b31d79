//! The aics-lint language server: open documents on ropes, the workspace scanned in the
//! background, the shared analysis core re-run on every change (latest version wins), and
//! its diagnostics published with their troubleshooting links. Hover, navigation and
//! quick fixes read the same analysis. Only this crate knows LSP; it never writes a file,
//! never touches the network and never runs anything: file access comes in through
//! [`WorkspaceFiles`], which the binary implements.
#![deny(clippy::print_stdout)]

mod backend;
mod document;
mod features;
mod files;
mod guard;
mod position;

pub use backend::Backend;
pub use files::WorkspaceFiles;
pub use guard::guard;

use std::sync::Arc;

use tower_lsp_server::{ClientSocket, LspService, Server};

/// The service, for tests that drive it over an in-memory duplex.
pub fn service(files: Arc<dyn WorkspaceFiles>) -> (LspService<Backend>, ClientSocket) {
    LspService::build(|client| Backend::new(client, files))
        .custom_method(guard::MALFORMED_METHOD, Backend::malformed_message)
        .finish()
}

/// Serve LSP on stdin/stdout until the client says `exit`.
pub async fn serve_stdio(files: Arc<dyn WorkspaceFiles>) {
    let (service, socket) = service(files);
    Server::new(guard(tokio::io::stdin()), tokio::io::stdout(), socket).serve(service).await;
}
