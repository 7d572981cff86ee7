//! Every page of a paginated operation: [`Pages`], a lazy stream of its typed pages, and
//! [`Items`], of the items they hold.

use crate::call::Outcome;
use crate::error::Error;
use crate::headers::Response;
use crate::paging::{link_next, next_url, set_at, value_at, Next, Paging, Place, Written};
use crate::request::Sender;
use crate::response::Received;
use futures_core::Stream;
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
/// number, an offset, or the URL of the next page). Nothing is sent until the stream is polled
/// ([`Pages::next_page`], or any `Stream` combinator); one page is requested at a time, with the
/// client's credentials, token session and hooks, like any call.
///
/// The walk ends after the last page, as the API says it: no next cursor or URL (or an empty
/// one), `has_more` false, the last page number or the total reached; for page numbers and
/// offsets, also an empty page (unless `has_more` says more follow) or, when the API gives no
/// total and no `has_more`, a page shorter than the requested size. A walk by cursor or URL goes
/// on past an empty page that names a next one. It also ends when a page names the position it
/// was asked for again (a server that repeats a cursor would otherwise be asked forever), after
/// [`Pages::max_pages`], and after an error, which is its last item. A
/// next URL is followed only on the client's own origin: one pointing elsewhere is an
/// [`Error::InvalidRequest`], so that credentials never leave for another server.
///
/// To stop and go on later, save [`Pages::next_position`] and start again with
/// [`Pages::resume_from`].
#[must_use = "a page stream sends nothing until it is polled"]
pub struct Pages<T, I, E = Infallible, H = ()> {
    /// The first page's request and its sender; the error that stops it being sent.
    template: Result<(reqwest::Request, Sender), Option<Error>>,
    /// The client's origin: the only one a next URL may point to.
    origin: Option<reqwest::Url>,
    /// Query credentials (API keys) to send again on a next URL that lacks them.
    credential_query: Vec<(String, String)>,
    decode: fn(Received) -> Outcome<T, E, H>,
    paging: Paging<T, I>,
    /// Where the next page is: `None` before the first page (its request as built).
    next: Option<String>,
    /// The walk is over.
    done: bool,
    pages: usize,
    max_pages: Option<usize>,
    /// The page being requested, and the position it was asked at.
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
        let origin = template
            .as_ref()
            .ok()
            .map(|(request, _)| request.url().clone());
        Pages {
            template,
            origin,
            credential_query,
            decode,
            paging,
            next: None,
            done: false,
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

    /// Starts at `position` (one [`Pages::next_position`] gave) instead of the first page.
    pub fn resume_from(mut self, position: impl Into<String>) -> Self {
        self.next = Some(position.into());
        self
    }

    /// Where the page after those read so far is: a cursor, a URL, a page number or an offset,
    /// as text, to give [`Pages::resume_from`] later. `None` before the first page and after the
    /// last.
    pub fn next_position(&self) -> Option<&str> {
        match self.done {
            true => None,
            false => self.next.as_deref(),
        }
    }

    /// The next page; `None` once the walk is over.
    pub async fn next_page(&mut self) -> Option<Outcome<T, E, H>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, one at a time.
    pub fn items(self) -> Items<T, I, E, H> {
        Items {
            pages: self,
            buffer: Vec::new().into_iter(),
            max_items: None,
            yielded: 0,
        }
    }

    /// The request of the next page, and the position it is asked at.
    fn next_request(&mut self) -> Result<(reqwest::Request, Sender), Error> {
        let (template, sender) = match &mut self.template {
            Ok(template) => template,
            Err(error) => {
                let reason = "the request could not be built".to_owned();
                return Err(error.take().unwrap_or(Error::InvalidRequest(reason)));
            }
        };
        let mut request = template.try_clone().ok_or_else(|| {
            Error::InvalidRequest(
                "the request's body cannot be sent again for the next page".to_owned(),
            )
        })?;
        if let Some(position) = &self.next {
            match &self.paging.next {
                Next::Cursor { to, .. } => set_at(&mut request, *to, position, Written::Text)?,
                Next::Number { to, .. } | Next::Offset { to, .. } => {
                    set_at(&mut request, *to, position, Written::Number)?;
                }
                Next::Url { .. } | Next::LinkHeader => {
                    let origin = self.origin.as_ref().unwrap_or(template.url());
                    let mut url = next_url(template.url(), position, origin)?;
                    let present: Vec<String> =
                        url.query_pairs().map(|(k, _)| k.into_owned()).collect();
                    let missing =
                        (self.credential_query.iter()).filter(|(name, _)| !present.contains(name));
                    let missing: Vec<_> = missing.collect();
                    if !missing.is_empty() {
                        url.query_pairs_mut().extend_pairs(missing);
                    }
                    *request.url_mut() = url;
                }
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
            Next::Url { from } => from(body),
            Next::LinkHeader => link_next(response.headers()),
            Next::Number {
                to,
                first,
                last,
                size,
            } => {
                let current = self.current_number(*to, asked.as_deref()).unwrap_or(*first);
                // Pages in all, counted from the first page's number (0 or 1).
                let read = current.saturating_sub(*first) + 1;
                let last = last.and_then(|last| last(body));
                let last_page = last.is_some_and(|last| read >= last);
                // A page shorter than asked for ends a walk that has no other signal: servers
                // cap page sizes (GitHub's `per_page` at 100), which would end it too early.
                let short = last.is_none() && more.is_none() && self.short_page(*size, count);
                (!last_page && !short).then(|| (current + 1).to_string())
            }
            Next::Offset { to, total, size } => {
                let current = self.current_number(*to, asked.as_deref()).unwrap_or(0);
                let reached = current + count as u64;
                let total = total.and_then(|total| total(body));
                let at_end = total.is_some_and(|total| reached >= total);
                let short = total.is_none() && more.is_none() && self.short_page(*size, count);
                (!at_end && !short).then(|| reached.to_string())
            }
        };
        let next = next.filter(|next| !next.is_empty());
        // The same position again would be asked forever.
        let repeated = match (&self.paging.next, &next) {
            (Next::Url { .. } | Next::LinkHeader, Some(next)) => {
                url.join(next).is_ok_and(|next| next == *url)
            }
            (_, Some(next)) => asked.as_deref() == Some(next.as_str()),
            (_, None) => false,
        };
        // An empty page ends a walk by numbers or offsets; one by cursor or URL goes on while the
        // page names a next one (Google's lists may send an empty page with a `nextPageToken`,
        // AIP-158).
        let by_position = matches!(self.paging.next, Next::Number { .. } | Next::Offset { .. });
        let empty = count == 0 && by_position && more != Some(true);
        let ended = more == Some(false) || empty || repeated;
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

    /// The page holds fewer items than the request's page size.
    fn short_page(&self, size: Option<Place>, count: usize) -> bool {
        let template = self.template.as_ref().ok().map(|(request, _)| request);
        let size = size.and_then(|size| value_at(template?, size));
        size.and_then(|size| size.parse::<usize>().ok())
            .is_some_and(|size| count < size)
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
                    this.done = true;
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
            Err(_) => this.done = true,
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

/// The items of every page of a paginated operation, as a stream of `Result<I, Error<E, H>>`
/// ([`Pages::items`]): each page's items in order, the next page requested only once the
/// previous one's items are all taken. An error ends it, as its last item.
#[must_use = "an item stream sends nothing until it is polled"]
pub struct Items<T, I, E = Infallible, H = ()> {
    pages: Pages<T, I, E, H>,
    buffer: std::vec::IntoIter<I>,
    max_items: Option<usize>,
    yielded: usize,
}

impl<T, I, E, H> Items<T, I, E, H>
where
    T: Send + 'static,
    I: Unpin,
    E: Send + 'static,
    H: Send + 'static,
{
    /// Stops after `items` items.
    pub fn max_items(mut self, items: usize) -> Self {
        self.max_items = Some(items);
        self
    }

    /// The next item; `None` once the walk is over.
    pub async fn next_item(&mut self) -> Option<Result<I, Error<E, H>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item of every page, read to the end (or to [`Items::max_items`]).
    pub async fn all(mut self) -> Result<Vec<I>, Error<E, H>> {
        let mut all = Vec::new();
        while let Some(item) = self.next_item().await {
            all.push(item?);
        }
        Ok(all)
    }

    /// Where the page after those whose items were taken is ([`Pages::next_position`]).
    pub fn next_position(&self) -> Option<&str> {
        self.pages.next_position()
    }
}

impl<T, I, E, H> Stream for Items<T, I, E, H>
where
    T: Send + 'static,
    I: Unpin,
    E: Send + 'static,
    H: Send + 'static,
{
    type Item = Result<I, Error<E, H>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.max_items.is_some_and(|max| this.yielded >= max) {
                return Poll::Ready(None);
            }
            if let Some(item) = this.buffer.next() {
                this.yielded += 1;
                return Poll::Ready(Some(Ok(item)));
            }
            match std::task::ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(response)) => {
                    this.buffer = (this.pages.paging.items)(response.into_inner()).into_iter();
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

impl<T, I, E, H> std::fmt::Debug for Items<T, I, E, H> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("yielded", &self.yielded)
            .finish_non_exhaustive()
    }
}
