//! [`Paging`]: how an operation's pages are walked, said by the roles of its parameters and
//! response fields (which parameter carries the cursor, which field gives the next one, which
//! holds the items, ...). Users write one for `Config::paginate`; the vendor extensions and the
//! inference are read into one too, and [`super::resolve`] checks it against the operation.

/// How one operation's pages are walked, named by the roles of its parameters and its success
/// body's fields, for `Config::paginate`.
///
/// A parameter is named as the spec writes it (`cursor`, `page[after]`): a query parameter of
/// the operation, or else a property of its JSON request body (`page.after` for a nested one). A
/// field is a path into the success body: property names joined by dots (`meta.next_cursor`),
/// or a JSON pointer (`/meta/next.cursor`, RFC 6901) when a name holds a dot.
///
/// ```
/// use oapigen::{Config, Paging};
/// let mut config = Config::new();
/// config
///     // `?cursor=` set from the body's `meta.next_cursor`, items in `data`.
///     .paginate("listEvents", Paging::cursor("cursor", "meta.next_cursor").items("data"))
///     // Stripe: `?starting_after=` set from the last item's `id`, while `has_more`.
///     .paginate("GetCustomers", Paging::cursor_from_last_item("starting_after", "id").items("data").has_more("has_more"))
///     // GitHub: the `Link` header's `rel="next"` URL; the body is the array of items.
///     .paginate("repos/list-for-org", Paging::link_header())
///     .no_pagination("GET /search");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub(crate) scheme: Roles,
    /// The field holding the page's items (`None`: the one array field, or the body itself).
    pub(crate) items: Option<Vec<String>>,
    /// The boolean field that says whether more pages follow.
    pub(crate) more: Option<Vec<String>>,
    /// A setting given to a kind of pagination that takes none (`.total` of a cursor).
    pub(crate) misplaced: Option<&'static str>,
}

/// The roles of each kind of pagination (see [`Paging`]'s constructors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Roles {
    Cursor {
        param: String,
        next: Vec<String>,
    },
    CursorFromLastItem {
        param: String,
        item_field: Vec<String>,
    },
    NextUrl {
        field: Vec<String>,
    },
    LinkHeader,
    PageNumber {
        param: String,
        last: Option<Vec<String>>,
    },
    Offset {
        param: String,
        total: Option<Vec<String>>,
    },
}

impl Paging {
    fn of(scheme: Roles) -> Self {
        Paging {
            scheme,
            items: None,
            more: None,
            misplaced: None,
        }
    }

    /// A cursor: the parameter `param` carries it, and the success body's field `next_cursor`
    /// gives the next page's (absent, `null` or empty on the last page).
    pub fn cursor(param: &str, next_cursor: &str) -> Self {
        Self::of(Roles::Cursor {
            param: param.to_owned(),
            next: field_path(next_cursor),
        })
    }

    /// A cursor taken from the last item of a page (Stripe's `starting_after`): the parameter
    /// `param` carries it, set from `item_field` of the page's last item (`id`).
    pub fn cursor_from_last_item(param: &str, item_field: &str) -> Self {
        Self::of(Roles::CursorFromLastItem {
            param: param.to_owned(),
            item_field: field_path(item_field),
        })
    }

    /// The next page's URL (absolute, or relative to the page's), in the success body's field
    /// `field` (`next`, `links.next`, `@odata.nextLink`).
    pub fn next_url(field: &str) -> Self {
        Self::of(Roles::NextUrl {
            field: field_path(field),
        })
    }

    /// The next page's URL in the response's `Link` header, `rel="next"` (RFC 8288).
    pub fn link_header() -> Self {
        Self::of(Roles::LinkHeader)
    }

    /// A page number in the parameter `param`: the request's own, else the parameter's default,
    /// else 1, then one more each page.
    pub fn page_number(param: &str) -> Self {
        Self::of(Roles::PageNumber {
            param: param.to_owned(),
            last: None,
        })
    }

    /// An offset in the parameter `param`: the request's own, else 0, advanced by each page's
    /// item count.
    pub fn offset(param: &str) -> Self {
        Self::of(Roles::Offset {
            param: param.to_owned(),
            total: None,
        })
    }

    /// The success body's field holding the page's items; `""` for a body that is the array
    /// itself. Without it, the body's one array field (or the body, when it is an array).
    pub fn items(mut self, field: &str) -> Self {
        self.items = Some(field_path(field));
        self
    }

    /// The success body's boolean field saying whether more pages follow (`has_more`).
    pub fn has_more(mut self, field: &str) -> Self {
        self.more = Some(field_path(field));
        self
    }

    /// For a page number, the field giving the number of pages; for an offset, the number of
    /// items in all. The walk ends when it is reached.
    pub fn total(mut self, field: &str) -> Self {
        match &mut self.scheme {
            Roles::PageNumber { last, .. } => *last = Some(field_path(field)),
            Roles::Offset { total, .. } => *total = Some(field_path(field)),
            _ => self.misplaced = Some("total"),
        }
        self
    }
}

/// A field path as a user writes it: a JSON pointer, or names joined by dots; `""` and `$` are
/// the body itself (no step).
pub(crate) fn field_path(text: &str) -> Vec<String> {
    let text = text.trim();
    let text = text
        .strip_prefix("$.")
        .or(text.strip_prefix('$'))
        .unwrap_or(text);
    if text.is_empty() {
        return Vec::new();
    }
    if text.starts_with('/') {
        return crate::pointer::tokens_of(&format!("#{text}"));
    }
    text.split('.').map(str::to_owned).collect()
}

/// A field path as notes show it: names joined by dots.
pub(crate) fn dotted(path: &[String]) -> String {
    match path.is_empty() {
        true => "the body".to_owned(),
        false => format!("`{}`", path.join(".")),
    }
}
