//! How a page walk moves from one page to the next ([`Paging`], decided by the generator for each
//! paginated operation), and the request of each page: a parameter set to a position, or the URL
//! a page names (a body field, or the `Link` header's `rel="next"`, RFC 8288 §3).

use crate::error::Error;

/// How a generated `_pages` method walks its operation's pages: `T` is the page's body, `I` the
/// type of one item. Written by the generator for each paginated operation.
#[doc(hidden)]
pub struct Paging<T, I> {
    /// Where the next page is.
    pub next: Next<T>,
    /// The page's items, taken out of it.
    pub items: fn(T) -> Vec<I>,
    /// How many items the page holds.
    pub count: fn(&T) -> usize,
    /// The page's "more pages follow" flag (`has_more`), when the API sends one: `Some(false)`
    /// ends the walk.
    pub more: Option<fn(&T) -> Option<bool>>,
}

/// Where the next page is, by the kind of pagination.
#[doc(hidden)]
pub enum Next<T> {
    /// A cursor the page gives (`from`), sent in `to` for the next page; the walk ends when the
    /// page gives none, an empty one, or the one it was asked with.
    Cursor {
        /// Where the request carries the cursor.
        to: Place,
        /// The page's cursor to the next page, as text.
        from: fn(&T) -> Option<String>,
    },
    /// The next page's URL, from the page's body: absolute, or relative to the page's own.
    Url {
        /// The page's URL of the next page.
        from: fn(&T) -> Option<String>,
    },
    /// The next page's URL, from the response's `Link` header with `rel="next"`.
    LinkHeader,
    /// A page number in `to`: the request's own, else `first`, then one more each page; the walk
    /// ends once `last` pages (counted from `first`) are read, when the page says how many there
    /// are.
    Number {
        /// Where the request carries the page number.
        to: Place,
        /// The first page's number (0 or 1), which the server answers a request naming none with.
        first: u64,
        /// The number of pages, when the page says it.
        last: Option<fn(&T) -> Option<u64>>,
    },
    /// An offset in `to` (the request's own, else 0), advanced by each page's item count; the
    /// walk ends when it reaches `total`, when the page says it.
    Offset {
        /// Where the request carries the offset.
        to: Place,
        /// The number of items in all, when the page says it.
        total: Option<fn(&T) -> Option<u64>>,
    },
}

/// Where a request carries a position.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The query parameter of this name.
    Query(&'static str),
    /// The property at this JSON pointer (RFC 6901) of the JSON request body.
    Body(&'static str),
}

/// How a position is written where it goes.
#[derive(Clone, Copy)]
pub(crate) enum Written {
    /// As text (a cursor).
    Text,
    /// As a number (a page number or an offset: a JSON number in a body).
    Number,
}

/// The value of `place` in `request`, as text: a query parameter's first value, or the body
/// property's (a string's text, a number's digits).
pub(crate) fn value_at(request: &reqwest::Request, place: Place) -> Option<String> {
    match place {
        Place::Query(name) => request
            .url()
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned()),
        Place::Body(pointer) => {
            let body = request.body()?.as_bytes()?;
            let json: serde_json::Value = serde_json::from_slice(body).ok()?;
            match json.pointer(pointer)? {
                serde_json::Value::String(text) => Some(text.clone()),
                serde_json::Value::Number(number) => Some(number.to_string()),
                _ => None,
            }
        }
    }
}

/// `request` with `place` set to `position` (replacing the value it had).
pub(crate) fn set_at(
    request: &mut reqwest::Request,
    place: Place,
    position: &str,
    written: Written,
) -> Result<(), Error> {
    match place {
        Place::Query(name) => {
            let url = request.url_mut();
            let kept: Vec<(String, String)> = (url.query_pairs())
                .filter(|(key, _)| key != name)
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect();
            url.query_pairs_mut()
                .clear()
                .extend_pairs(kept)
                .append_pair(name, position);
            Ok(())
        }
        Place::Body(pointer) => set_in_body(request, pointer, position, written),
    }
}

/// Sets the property at `pointer` of the JSON body, creating the objects on its way.
fn set_in_body(
    request: &mut reqwest::Request,
    pointer: &str,
    position: &str,
    written: Written,
) -> Result<(), Error> {
    let unfit = || {
        Error::InvalidRequest(format!("the next page's position goes in the request body at `{pointer}`, which is not a JSON object there"))
    };
    let body = request.body().and_then(reqwest::Body::as_bytes);
    let mut json: serde_json::Value = match body {
        Some(bytes) => serde_json::from_slice(bytes).map_err(|_| unfit())?,
        None => serde_json::Value::Object(serde_json::Map::new()),
    };
    let value = match written {
        Written::Number => position
            .parse::<u64>()
            .map(serde_json::Value::from)
            .unwrap_or_else(|_| serde_json::Value::String(position.to_owned())),
        Written::Text => serde_json::Value::String(position.to_owned()),
    };
    let mut node = &mut json;
    let tokens: Vec<String> = (pointer.split('/').skip(1))
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, path)) = tokens.split_last() else {
        return Err(unfit());
    };
    for token in path {
        let object = node.as_object_mut().ok_or_else(unfit)?;
        node = object
            .entry(token.clone())
            .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
    }
    node.as_object_mut()
        .ok_or_else(unfit)?
        .insert(last.clone(), value);
    let bytes = serde_json::to_vec(&json).map_err(|_| unfit())?;
    if request.body().is_none() {
        let json_type = reqwest::header::HeaderValue::from_static("application/json");
        (request.headers_mut()).insert(reqwest::header::CONTENT_TYPE, json_type);
    }
    *request.body_mut() = Some(bytes.into());
    Ok(())
}

/// The target of the first `rel="next"` link of the response's `Link` headers (RFC 8288 §3: a
/// `rel` may list several relation types, separated by spaces, matched without case).
pub(crate) fn link_next(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(links)
        .find(|(_, rels)| {
            rels.split_ascii_whitespace()
                .any(|rel| rel.eq_ignore_ascii_case("next"))
        })
        .map(|(target, _)| target.to_owned())
}

/// The links of one `Link` field value: each `<target>` with its `rel` parameter. Commas inside
/// `<...>` and inside quoted strings do not separate links.
fn links(value: &str) -> Vec<(&str, String)> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let target = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        // The parameters run to the next comma outside quotes.
        let (mut quoted, mut end) = (false, rest.len());
        for (at, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => {
                    end = at;
                    break;
                }
                _ => {}
            }
        }
        let rel = rest[..end].split(';').find_map(|param| {
            let (name, value) = param.split_once('=')?;
            (name.trim().eq_ignore_ascii_case("rel"))
                .then(|| value.trim().trim_matches('"').to_owned())
        });
        found.push((target.trim(), rel.unwrap_or_default()));
        rest = &rest[end..];
    }
    found
}

/// The request of the page at `position` (`None`: the first page, `template` as built): the
/// template with the position set where `next` says, or a `GET` of the next page's URL, without
/// the template's body, with the query credentials it lacks.
pub(crate) fn request_at<T>(
    template: &reqwest::Request,
    position: Option<&str>,
    next: &Next<T>,
    credential_query: &[(String, String)],
) -> Result<reqwest::Request, Error> {
    let unsent = || {
        Error::InvalidRequest(
            "the request's body cannot be sent again for the next page".to_owned(),
        )
    };
    let Some(position) = position else {
        return template.try_clone().ok_or_else(unsent);
    };
    let number = || {
        position.parse::<u64>().map_err(|_| {
            Error::InvalidRequest(format!(
                "`{position}` is not a page number or an offset to resume from"
            ))
        })
    };
    match next {
        Next::Cursor { to, .. } => {
            let mut request = template.try_clone().ok_or_else(unsent)?;
            set_at(&mut request, *to, position, Written::Text)?;
            Ok(request)
        }
        Next::Number { to, .. } | Next::Offset { to, .. } => {
            let mut request = template.try_clone().ok_or_else(unsent)?;
            set_at(&mut request, *to, &number()?.to_string(), Written::Number)?;
            Ok(request)
        }
        Next::Url { .. } | Next::LinkHeader => {
            let mut url = next_url(template.url(), position, template.url())?;
            let present: Vec<String> = url.query_pairs().map(|(k, _)| k.into_owned()).collect();
            let missing: Vec<_> = (credential_query.iter())
                .filter(|(name, _)| !present.contains(name))
                .collect();
            if !missing.is_empty() {
                url.query_pairs_mut().extend_pairs(missing);
            }
            // A next link is fetched, whatever asked for the first page (AutoRest's next links).
            let mut request = reqwest::Request::new(reqwest::Method::GET, url);
            *request.headers_mut() = template.headers().clone();
            request.headers_mut().remove(reqwest::header::CONTENT_TYPE);
            request
                .headers_mut()
                .remove(reqwest::header::CONTENT_LENGTH);
            *request.timeout_mut() = template.timeout().copied();
            Ok(request)
        }
    }
}

/// `next` (absolute, or relative to `current`) as a URL on `origin`'s origin: a page walk never
/// sends the client's credentials to another server.
pub(crate) fn next_url(
    current: &reqwest::Url,
    next: &str,
    origin: &reqwest::Url,
) -> Result<reqwest::Url, Error> {
    let url = current.join(next).map_err(|error| {
        Error::InvalidRequest(format!("the next page's URL is not a URL ({error})"))
    })?;
    if url.origin() != origin.origin() {
        return Err(Error::InvalidRequest(format!(
            "the next page's URL is on {}, not on the client's origin {}: not followed",
            url.origin().ascii_serialization(),
            origin.origin().ascii_serialization()
        )));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> reqwest::header::HeaderMap {
        let mut map = reqwest::header::HeaderMap::new();
        for value in values {
            map.append(reqwest::header::LINK, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_next_link_is_found_among_several_whatever_their_order_and_case() {
        let github = r#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#;
        assert_eq!(
            link_next(&headers(&[github])).as_deref(),
            Some("https://api.github.com/x?page=2")
        );
        let reordered = r#"<https://a/x?page=1>; rel="prev first", <https://a/x?a=1,2&page=3>; title="a, b"; REL=Next"#;
        assert_eq!(
            link_next(&headers(&[reordered])).as_deref(),
            Some("https://a/x?a=1,2&page=3")
        );
        let two_fields = [
            "<https://a/1>; rel=prev",
            "<https://a/3>; rel=\"next last\"",
        ];
        assert_eq!(
            link_next(&headers(&two_fields)).as_deref(),
            Some("https://a/3")
        );
        assert_eq!(link_next(&headers(&["<https://a/1>; rel=\"prev\""])), None);
        assert_eq!(link_next(&headers(&["garbage, <unclosed"])), None);
    }

    #[test]
    fn a_next_url_on_another_origin_is_refused() {
        let base: reqwest::Url = "http://127.0.0.1:8080/v1/items".parse().unwrap();
        let same = next_url(&base, "/v1/items?page=2", &base).unwrap();
        assert_eq!(same.as_str(), "http://127.0.0.1:8080/v1/items?page=2");
        for other in [
            "http://127.0.0.1:9090/v1/items",
            "https://127.0.0.1:8080/v1",
            "http://evil.example/v1",
        ] {
            let error = next_url(&base, other, &base).unwrap_err().to_string();
            assert!(error.contains("not on the client's origin"), "{error}");
        }
    }

    #[test]
    fn a_position_replaces_the_query_parameter_and_keeps_the_others() {
        let client = reqwest::Client::new();
        let mut request = client
            .get("http://a/x?limit=5&cursor=old&tag=a%20b")
            .build()
            .unwrap();
        set_at(&mut request, Place::Query("cursor"), "n/e&w", Written::Text).unwrap();
        assert_eq!(
            request.url().query(),
            Some("limit=5&tag=a+b&cursor=n%2Fe%26w")
        );
        assert_eq!(
            value_at(&request, Place::Query("cursor")).as_deref(),
            Some("n/e&w")
        );
    }

    #[test]
    fn a_position_in_the_body_is_set_as_text_or_number() {
        let client = reqwest::Client::new();
        let mut request = client
            .post("http://a/search")
            .body(r#"{"q":"x","page":{"after":"a"}}"#)
            .build()
            .unwrap();
        set_at(&mut request, Place::Body("/page/after"), "b", Written::Text).unwrap();
        set_at(&mut request, Place::Body("/offset"), "20", Written::Number).unwrap();
        let body: serde_json::Value =
            serde_json::from_slice(request.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"q": "x", "page": {"after": "b"}, "offset": 20})
        );
        assert_eq!(
            value_at(&request, Place::Body("/offset")).as_deref(),
            Some("20")
        );
    }
}
