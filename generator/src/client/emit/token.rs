//! [`TemplateSession`] → `Client::password_session_with` and the grant it runs: the login body
//! the user filled, sent by the spec's own token operation. Decides nothing.

use crate::client::token::{
    BodyFill, Credentials, Fill, TemplateRefresh, TemplateSession, TokenCall,
};
use crate::naming::ident;
use crate::types::emit::doc_attrs;
use proc_macro2::TokenStream;
use quote::quote;

/// The methods and the grant's items, each behind the features of the operations the session
/// calls: its login's, and its refresh's when another operation refreshes.
pub fn template_session(
    session: &TemplateSession,
    runtime: &TokenStream,
) -> (TokenStream, TokenStream) {
    let refresh_features = match &session.refresh {
        TemplateRefresh::Operation(call) => call.features.as_slice(),
        _ => &[],
    };
    let cfg = crate::emit::cfg_attr(&[&session.login.features, refresh_features]);
    let password = (session.password.as_ref())
        .map(|grant| password_session_with(session, grant, runtime, &cfg));
    let with_credentials = (session.credentials.as_ref())
        .map(|credentials| password_session(session, credentials, runtime, &cfg));
    let client_credentials = (session.client_credentials.as_ref())
        .map(|credentials| client_credentials_session(session, credentials, runtime, &cfg));
    let methods = quote! {
        #password
        #with_credentials
        #client_credentials
    };
    (methods, grant_items(session, runtime, &cfg))
}

/// `Client::password_session_with(login)`: a session whose login body is the user's, with the
/// fields of `grant` set (`grant_type`).
fn password_session_with(
    session: &TemplateSession,
    grant: &[BodyFill],
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let login = &session.login;
    let body_type = ident(&login.body_type);
    let grant_type = match grant.is_empty() {
        false => " (with `grant_type` set to `password`): for token endpoints that need",
        true => " as given (with its `grant_type`, if any): for token endpoints that need",
    };
    let doc = doc_attrs(&[
        format!(
            " A token session that logs in with [`Client::{}`], sending `login`",
            login.method.bare()
        ),
        grant_type.to_owned(),
        " more than a username and password (a tenant, a client id). A refused login is a"
            .to_owned(),
        " `SessionError` whose `request_error()` is the login's typed `Error`.".to_owned(),
    ]);
    let (binding, sets) = match grant.is_empty() {
        true => (quote!(login), quote!()),
        false => (quote!(mut login), set_fills(grant, quote!(login))),
    };
    quote! {
        #doc
        #cfg
        pub fn password_session_with(&self, #binding: types::#body_type) -> #runtime::Session {
            #sets
            #runtime::Session::new(TemplateSessionGrant { client: self.token_client(), login })
        }
    }
}

/// The grant the sessions run (`TemplateSessionGrant`: the login body, and the client that
/// sends it), its `Grant` impl, and `Client::token_client`; each behind `cfg`.
fn grant_items(session: &TemplateSession, runtime: &TokenStream, cfg: &TokenStream) -> TokenStream {
    let login = &session.login;
    let body_type = ident(&login.body_type);
    let login_call = call_with(login, &login.fills, &[], runtime, "login");
    let refresh = match &session.refresh {
        TemplateRefresh::SameOperation(fills, emptied) => {
            let call = call_with(login, fills, emptied, runtime, "refresh");
            quote!(Some(Box::pin(async move { #call })))
        }
        TemplateRefresh::Operation(call) => {
            let call = token_call(call, runtime, quote!(refresh));
            quote!(Some(Box::pin(async move { #call })))
        }
        TemplateRefresh::None => quote! {
            let _ = refresh_token;
            None
        },
    };
    // A deprecated token operation is still the only way to a token.
    let refresh_deprecated = match &session.refresh {
        TemplateRefresh::SameOperation(..) => login.deprecated,
        TemplateRefresh::Operation(call) => call.deprecated,
        TemplateRefresh::None => false,
    };
    let allows = (login.deprecated, refresh_deprecated);
    let name = quote!(TemplateSessionGrant);
    let grant = crate::client::emit::grant_impl(name, (login_call, refresh), allows, runtime, cfg);
    quote! {
        /// The login and refresh of the client's token sessions: the login body as the session's
        /// constructor made it.
        #cfg
        #[derive(Clone)]
        struct TemplateSessionGrant {
            client: Client,
            login: types::#body_type,
        }

        #grant

        #cfg
        impl Client {
            /// This client for a session's token requests: with a timeout when it has none, as
            /// every caller waiting for a token waits on them.
            fn token_client(&self) -> Client {
                let core = self.core.clone().with_default_timeout(#runtime::DEFAULT_TOKEN_TIMEOUT);
                Client { core }
            }
        }
    }
}

/// What a field is filled with: the refresh token, the grant type, or the session
/// constructor's argument of that name.
fn fill_value(fill: Fill) -> TokenStream {
    match fill {
        Fill::Username => quote!(username.into()),
        Fill::Password => quote!(password.into()),
        Fill::ClientId => quote!(client_id.into()),
        Fill::ClientSecret => quote!(client_secret.into()),
        Fill::RefreshToken => quote!(refresh_token.to_owned()),
        Fill::GrantType(grant) => quote!(#grant.to_owned()),
    }
}

/// The body of a token call's future: the request body, the call, the token read from the
/// response.
fn token_call(call: &TokenCall, runtime: &TokenStream, what: TokenStream) -> TokenStream {
    let method = call.method.ident();
    let body_type = ident(&call.body_type);
    let rest = (!call.complete).then(|| quote!(..Default::default()));
    let fills = struct_fields(&call.fills);
    let failed = format!("the {what} failed");
    quote! {
        let body = types::#body_type { #fills #rest };
        let response = self.client.#method(&body).await.map_err(|error| {
            #runtime::SessionError::new(#failed, Some(Box::new(error))).hiding_credentials_of(&body)
        })?;
        #runtime::token_from_body(response.body())
    }
}

/// `field: value,` of each fill, wrapped in `Some` for an optional field.
fn struct_fields(fills: &[BodyFill]) -> TokenStream {
    let fields = fills.iter().map(|(field, fill, optional)| {
        let field = field.ident();
        let value = fill_value(*fill);
        match optional {
            true => quote!(#field: Some(#value),),
            false => quote!(#field: #value,),
        }
    });
    quote!(#(#fields)*)
}

/// `body.field = value;` for each of `fills` the session makes (the credentials are the
/// user's, already in the body).
fn set_fills(fills: &[BodyFill], body: TokenStream) -> TokenStream {
    let sets = fills.iter().map(|(field, fill, optional)| {
        let field = field.ident();
        if matches!(
            fill,
            Fill::Username | Fill::Password | Fill::ClientId | Fill::ClientSecret
        ) {
            return quote!();
        }
        let value = fill_value(*fill);
        match optional {
            true => quote!(#body.#field = Some(#value);),
            false => quote!(#body.#field = #value;),
        }
    });
    quote!(#(#sets)*)
}

/// The login body with `fills` set and `emptied` cleared, sent by `call`'s operation.
fn call_with(
    call: &TokenCall,
    fills: &[BodyFill],
    emptied: &[crate::naming::Name],
    runtime: &TokenStream,
    what: &str,
) -> TokenStream {
    let method = call.method.ident();
    let sets = set_fills(fills, quote!(body));
    let clears = emptied.iter().map(|field| {
        let field = field.ident();
        quote!(body.#field = None;)
    });
    // The login body as the user gave it needs no copy; a changed one does.
    let binding = match fills.is_empty() && emptied.is_empty() {
        true => quote!(let body = &self.login;),
        false => quote!(let mut body = self.login.clone(); #sets #(#clears)* let body = &body;),
    };
    let argument = match call.body_optional {
        true => quote!(Some(body)),
        false => quote!(body),
    };
    let failed = format!("the {what} failed");
    quote! {
        #binding
        let response = self.client.#method(#argument).await.map_err(|error| {
            #runtime::SessionError::new(#failed, Some(Box::new(error))).hiding_credentials_of(body)
        })?;
        #runtime::token_from_body(response.body())
    }
}

/// `Client::password_session(username, password)`: `password_session_with` of a body of them.
fn password_session(
    session: &TemplateSession,
    credentials: &Credentials,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let login = &session.login;
    let doc = session_doc(
        session,
        " (RFC 6749 §4.3's password grant) when a token is needed",
    );
    let body = login_body(&login.body_type, credentials);
    quote! {
        #doc
        #cfg
        pub fn password_session(
            &self,
            username: impl Into<String>,
            password: impl Into<String>,
        ) -> #runtime::Session {
            self.password_session_with(#body)
        }
    }
}

/// `Client::client_credentials_session(client_id, client_secret)`: a session whose login body is
/// the two with `grant_type` set to `client_credentials`.
fn client_credentials_session(
    session: &TemplateSession,
    credentials: &Credentials,
    runtime: &TokenStream,
    cfg: &TokenStream,
) -> TokenStream {
    let login = &session.login;
    let grant = " (RFC 6749 §4.4's client credentials grant, in the body) when a token is needed";
    let doc = session_doc(session, grant);
    let body = login_body(&login.body_type, credentials);
    quote! {
        #doc
        #cfg
        pub fn client_credentials_session(
            &self,
            client_id: impl Into<String>,
            client_secret: impl Into<String>,
        ) -> #runtime::Session {
            #runtime::Session::new(TemplateSessionGrant { client: self.token_client(), login: #body })
        }
    }
}

/// The doc of a session constructor logging in with `grant` (the middle of its first sentence).
fn session_doc(session: &TemplateSession, grant: &str) -> TokenStream {
    doc_attrs(&[
        format!(
            " A token session that logs in with [`Client::{}`]",
            session.login.method.bare()
        ),
        grant.to_owned(),
        refresh_doc(&session.refresh),
        String::new(),
        match session.client_takes_it {
            true => " Give it to `with_session` of a client whose operations need the token, or ask it",
            false => " Ask it for tokens (`access_token()`; the spec gives its operations no bearer",
        }
        .to_owned(),
        match session.client_takes_it {
            true => " for tokens. A refused login is a `SessionError` whose `request_error()` is the",
            false => " scheme to send them with). A refused login is a `SessionError` whose `request_error()` is the",
        }
        .to_owned(),
        " login's typed `Error`.".to_owned(),
    ])
}

/// How a session refreshes, the end of its doc's first sentence.
fn refresh_doc(refresh: &TemplateRefresh) -> String {
    match refresh {
        TemplateRefresh::Operation(call) => format!(
            " and refreshes it with [`Client::{}`] (§6) when it expires.",
            call.method.bare()
        ),
        TemplateRefresh::SameOperation(..) => {
            " and refreshes it through it (§6) when it expires.".to_owned()
        }
        TemplateRefresh::None => " and again when it expires.".to_owned(),
    }
}

/// `types::Body { field: value, .., ..Default::default() }` of the credentials, each from the
/// constructor's argument of its name (`username`, `client_secret`, ...).
fn login_body(body_type: &str, credentials: &Credentials) -> TokenStream {
    let body_type = ident(body_type);
    let fields = struct_fields(&credentials.fields);
    let rest = (!credentials.complete).then(|| quote!(..Default::default()));
    quote!(types::#body_type { #fields #rest })
}
