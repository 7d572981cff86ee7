//! [`Items`]: the items of every page of a paginated operation, one at a time.

use crate::error::Error;
use crate::pages::Pages;
use futures_core::Stream;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

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

impl<T, I, E, H> Items<T, I, E, H> {
    pub(crate) fn new(pages: Pages<T, I, E, H>) -> Self {
        Items {
            pages,
            buffer: Vec::new().into_iter(),
            max_items: None,
            yielded: 0,
        }
    }
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

    /// Where to resume so that no item not yet taken is lost ([`Pages::resume_from`]): the page
    /// whose items are being taken while some are left (read again from its start: `""` for the
    /// first page), else the next page ([`Pages::next_position`]).
    pub fn next_position(&self) -> Option<&str> {
        match self.buffer.len() {
            0 => self.pages.next_position(),
            _ => Some(self.pages.current.as_deref().unwrap_or("")),
        }
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
