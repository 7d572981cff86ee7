//! Code a user runs around every request a client sends (progenitor's pre/post hooks), without
//! a middleware dependency: adding a header, signing, logging, metrics.

/// Runs around every request of a client it is added to (`Client::with_hook`). Both methods
/// do nothing unless implemented; hooks run in the order they were added.
pub trait Hook: Send + Sync + 'static {
    /// Called with each request just before it is sent, after the client has set its URL,
    /// parameters, credentials and body: it may change the request (add a header).
    fn before_send(&self, request: &mut reqwest::Request) {
        let _ = request;
    }

    /// Called with the status and headers of each response as they arrive, before its body is
    /// read.
    fn after_receive(&self, status: u16, headers: &reqwest::header::HeaderMap) {
        let _ = (status, headers);
    }
}
