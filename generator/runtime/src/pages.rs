//! Every page of a paginated operation: [`Pages`], a lazy stream of its typed pages (and, in
//! `items`, [`Items`](crate::Items), of the items they hold).

use crate::call::Outcome;
use crate::error::Error;
use crate::headers::Response;
use crate::paging::{link_next, request_at, value_at, Next, Paging, Place};
use crate::response::Received;
use crate::sender::Sender;
use futures_core::Stream;
use std::collections::HashSet;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

type PageFuture<T, E, H> = Pin<Box<dyn Future<Output = Outcome<T, E, H>> + Send>>;

/// Every page of a paginated operation, as a stream of `Result<Response<T, H>, Error<E, H>>`:
/// each page's body `T` with its status and typed headers, as the operation's own method returns
/// it. `I` is the type of one item ([`Pages::items`]).
///
/// A generated `<operation>_pages` method returns it, built from the same parameters as the
/// operation's own method: the first page is the request those parameters make, and each next
/// one is the same request moved to the position the previous page names (a cursor, a page
/// number, an offset), or a `GET` of the URL it names (in its body or its `Link` header, relative
/// to the page's own URL), with the same headers. Nothing is sent until the stream is polled
/// ([`Pages::next_page`], or any `Stream` combinator); one page is requested at a time, with the
/// client's credentials, token session and hooks, like any call.
///
/// The walk ends after the last page, as the API says it: no next cursor or URL (or an empty
/// one), `has_more` false, the last page number or the total reached; for page numbers and
/// offsets, also an empty page (unless `has_more` says more follow): a page shorter than asked
/// for does not end a walk, as servers cap page sizes, so a walk with no total and no `has_more`
/// ends on the empty page after the last. A walk by cursor or URL goes on past an empty page
/// that names a next one. It also ends when a page names a position already asked at (a server
/// that cycles through cursors would be asked forever), after [`Pages::max_pages`], and after an
/// error, which is its last item. A next URL is followed only on the client's own origin: one
/// pointing elsewhere is an [`Error::InvalidRequest`], so that credentials never leave for
/// another server.
///
/// To stop and go on later (or after an error), save [`Pages::next_position`] and start again
/// with [`Pages::resume_from`].
#[must_use = "a page stream sends nothing until it is polled"]
pub struct Pages<T, I, E = Infallible, H = ()> {
    /// The first page's request and its sender; the error that stops it being sent.
    template: Result<(reqwest::Request, Sender), Option<Error>>,
    /// Query credentials (API keys) to send again on a next URL that lacks them.
    credential_query: Vec<(String, String)>,
    decode: fn(Received) -> Outcome<T, E, H>,
    pub(crate) paging: Paging<T, I>,
    /// Where the next page is: `None` for the first page (its request as built).
    next: Option<String>,
    /// Where the last page read was asked at (`None`: the first page).
    pub(crate) current: Option<String>,
    /// The cursors or URLs asked at so far.
    seen: HashSet<String>,
    /// The walk is over: its last page was read, or it failed ([`Pages::failed`]).
    done: bool,
    /// The walk ended with an error: `next` is the page that failed.
    failed: bool,
    pages: usize,
    max_pages: Option<usize>,
    /// The page being requested.
    in_flight: Option<InFlight<T, E, H>>,
}

/// A page being requested: its response, the position it was asked at and its URL.
struct InFlight<T, E, H> {
    future: PageFuture<T, E, H>,
    asked: Option<String>,
    url: reqwest::Url,
}

impl<T, I, E, H> Pages<T, I, E, H>
where
    T: Send + 'static,
    E: Send + 'static,
    H: Send + 'static,
{
    pub(crate) fn new(
        request: crate::request::Request,
        decode: fn(Received) -> Outcome<T, E, H>,
        paging: Paging<T, I>,
    ) -> Self {
        let credential_names = request.credential_query.clone();
        let credential_query = (request.query.iter())
            .filter(|(name, _)| credential_names.contains(name))
            .cloned()
            .collect();
        let template = request.build().map_err(Some);
        // The position the request as built is at, when it names one: a server echoing it is
        // repeating itself.
        let own = template
            .as_ref()
            .ok()
            .and_then(|(request, _)| match &paging.next {
                Next::Cursor { to, .. } => value_at(request, *to),
                Next::Url { .. } | Next::LinkHeader => Some(request.url().to_string()),
                Next::Number { .. } | Next::Offset { .. } => None,
            });
        Pages {
            template,
            credential_query,
            decode,
            paging,
            next: None,
            current: None,
            seen: own.into_iter().collect(),
            done: false,
            failed: false,
            pages: 0,
            max_pages: None,
            in_flight: None,
        }
    }

    /// Stops after `pages` pages (none: after the first error or the last page).
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// Starts at `position`, one [`Pages::next_position`] gave (`""`: the first page), instead
    /// of the first page.
    pub fn resume_from(mut self, position: impl Into<String>) -> Self {
        let position = position.into();
        self.next = (!position.is_empty()).then_some(position);
        self
    }

    /// Where the next page to read is, as text to give [`Pages::resume_from`] later: a cursor, a
    /// URL, a page number or an offset; `""` for the first page (the request as built). After an
    /// error, the page that failed, to try again. `None` once the last page is read.
    pub fn next_position(&self) -> Option<&str> {
        match (self.done && !self.failed, &self.next) {
            (true, _) => None,
            (false, Some(next)) => Some(next),
            (false, None) => Some(""),
        }
    }

    /// The next page; `None` once the walk is over.
    pub async fn next_page(&mut self) -> Option<Outcome<T, E, H>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, one at a time.
    pub fn items(self) -> crate::Items<T, I, E, H> {
        crate::Items::new(self)
    }

    /// The request of the next page, and what sends it.
    fn next_request(&mut self) -> Result<(reqwest::Request, Sender), Error> {
        let (template, sender) = match &mut self.template {
            Ok(template) => template,
            Err(error) => {
                let reason = "the request could not be built".to_owned();
                return Err(error.take().unwrap_or(Error::InvalidRequest(reason)));
            }
        };
        let position = self.next.as_deref();
        let mut request = request_at(
            template,
            position,
            &self.paging.next,
            &self.credential_query,
        )?;
        // Each page is a call of its own: a key the client made is made anew.
        if let Some(name) = &sender.own_key {
            let key = crate::request::new_idempotency_key();
            let name = reqwest::header::HeaderName::try_from(name.as_str());
            let value = reqwest::header::HeaderValue::try_from(key);
            if let (Ok(name), Ok(value)) = (name, value) {
                request.headers_mut().insert(name, value);
            }
        }
        Ok((request, sender.clone()))
    }

    /// Reads where the page after `response` is, or ends the walk.
    fn advance(&mut self, response: &Response<T, H>, asked: Option<String>, url: &reqwest::Url) {
        let body = response.body();
        let count = (self.paging.count)(body);
        let more = self.paging.more.and_then(|more| more(body));
        let next = match &self.paging.next {
            Next::Cursor { from, .. } => from(body),
            // Relative to this page's URL (RFC 3986 §5).
            Next::Url { from } => from(body).map(|next| joined(url, next)),
            Next::LinkHeader => link_next(response.headers()).map(|next| joined(url, next)),
            Next::Number { to, first, last } => {
                let current = self.current_number(*to, asked.as_deref()).unwrap_or(*first);
                // Pages in all, counted from the first page's number (0 or 1).
                let read = current.saturating_sub(*first) + 1;
                let last = last.and_then(|last| last(body));
                let at_end = matches!(last, Some(last) if read >= last);
                (!at_end).then(|| (current + 1).to_string())
            }
            Next::Offset { to, total } => {
                let current = self.current_number(*to, asked.as_deref()).unwrap_or(0);
                let reached = current + count as u64;
                let total = total.and_then(|total| total(body));
                let at_end = matches!(total, Some(total) if reached >= total);
                (!at_end).then(|| reached.to_string())
            }
        };
        let next = next.filter(|next| !next.is_empty());
        // An empty page ends a walk by numbers or offsets; one by cursor or URL goes on while the
        // page names a next one (Google's lists may send an empty page with a `nextPageToken`,
        // AIP-158).
        let by_position = matches!(self.paging.next, Next::Number { .. } | Next::Offset { .. });
        let empty = count == 0 && by_position && more != Some(true);
        // A position asked at before would be asked forever.
        if let Some(asked) = &asked {
            self.seen.insert(asked.clone());
        }
        let repeated = !by_position && next.as_ref().is_some_and(|next| self.seen.contains(next));
        let ended = more == Some(false) || empty || repeated;
        self.current = asked;
        self.next = next.filter(|_| !ended);
        self.done = self.next.is_none();
    }

    /// The page number or offset the request was sent with.
    fn current_number(&self, place: Place, asked: Option<&str>) -> Option<u64> {
        let template = self.template.as_ref().ok().map(|(request, _)| request);
        let text = asked
            .map(str::to_owned)
            .or_else(|| value_at(template?, place))?;
        text.parse().ok()
    }
}

/// `next` resolved against `url`; as written when it is no URL (refused when asked for).
fn joined(url: &reqwest::Url, next: String) -> String {
    match url.join(&next) {
        Ok(next) => next.into(),
        Err(_) => next,
    }
}

impl<T, I, E, H> Stream for Pages<T, I, E, H>
where
    T: Send + 'static,
    E: Send + 'static,
    H: Send + 'static,
{
    type Item = Outcome<T, E, H>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            if this.done || this.max_pages.is_some_and(|max| this.pages >= max) {
                return Poll::Ready(None);
            }
            match this.next_request() {
                Ok((request, sender)) => {
                    let decode = this.decode;
                    let url = request.url().clone();
                    let future: PageFuture<T, E, H> = Box::pin(async move {
                        let received = sender.receive(request, &[]).await.map_err(Error::widen)?;
                        decode(received)
                    });
                    let asked = this.next.clone();
                    this.in_flight = Some(InFlight { future, asked, url });
                }
                Err(error) => {
                    (this.done, this.failed) = (true, true);
                    return Poll::Ready(Some(Err(error.widen())));
                }
            }
        }
        let Some(page) = &mut this.in_flight else {
            return Poll::Ready(None);
        };
        let outcome = std::task::ready!(page.future.as_mut().poll(cx));
        let Some(page) = this.in_flight.take() else {
            return Poll::Ready(None);
        };
        this.pages += 1;
        match &outcome {
            Ok(response) => this.advance(response, page.asked, &page.url),
            // `next` stays the page that failed, to resume from.
            Err(_) => (this.done, this.failed) = (true, true),
        }
        Poll::Ready(Some(outcome))
    }
}

impl<T, I, E, H> std::fmt::Debug for Pages<T, I, E, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The position may be a URL holding a credential: only whether there is one.
        f.debug_struct("Pages")
            .field("pages", &self.pages)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
