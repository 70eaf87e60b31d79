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

pub use backend::{limit_malloc_arenas, Backend};
pub use files::WorkspaceFiles;
pub use guard::{guard, Guarded};

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{ClientSocket, LspService, Server};

/// How long the server may take to wind down after `exit` before serving stops anyway.
const EXIT_GRACE: Duration = Duration::from_millis(200);

/// The service, for tests that drive it over an in-memory duplex.
pub fn service(files: Arc<dyn WorkspaceFiles>) -> (LspService<Backend>, ClientSocket) {
    LspService::build(|client| Backend::new(client, files))
        .custom_method(guard::MALFORMED_METHOD, Backend::malformed_message)
        .finish()
}

/// Serve LSP over `input`/`output` (through the guard) until the client says `exit` or the
/// input ends. After `exit` it returns within [`EXIT_GRACE`] whatever the server is still
/// doing; the caller ends the process (without waiting for blocking work).
pub async fn serve<R, W>(input: R, output: W, files: Arc<dyn WorkspaceFiles>) -> bool
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = service(files);
    let (guarded, outlet) = guard::guard_with(input, output, Some(service.inner().clone()));
    serve_guarded(service, socket, guarded, outlet).await
}

async fn serve_guarded(service: LspService<Backend>, socket: ClientSocket, guarded: Guarded, outlet: guard::Outlet) -> bool {
    service.inner().set_outlet(outlet);
    let Guarded { input, output, mut exited, writer, shutdown_requested } = guarded;
    let exit_seen = exited.clone();
    let server = Server::new(input, output, socket).serve(service);
    let exit = async move {
        if exited.wait_for(|e| *e).await.is_ok() {
            tokio::time::sleep(EXIT_GRACE).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        () = server => {}
        () = exit => {}
    }
    // What the server wrote before it ended (the answer to `shutdown`) reaches the client.
    let _ = tokio::time::timeout(EXIT_GRACE, writer).await;
    // Only an `exit` without a `shutdown` before it is an unclean end; input that simply
    // ends (the client gone, or nothing sent at all) is not.
    !*exit_seen.borrow() || shutdown_requested.load(std::sync::atomic::Ordering::SeqCst)
}

/// Serve LSP on stdin/stdout until the client says `exit`.
/// `false` when the client sent `exit` without asking for `shutdown` first.
pub async fn serve_stdio(files: Arc<dyn WorkspaceFiles>) -> bool {
    #[cfg(unix)]
    {
        // A thread of its own reads stdin and writes stdout directly: an edit to a small
        // document is analysed and answered without a hand-off between threads.
        let (service, socket) = service(files.clone());
        if let Ok((guarded, outlet)) = guard::guard_stdio(service.inner().clone()) {
            return serve_guarded(service, socket, guarded, outlet).await;
        }
    }
    serve(tokio::io::stdin(), tokio::io::stdout(), files).await
}
