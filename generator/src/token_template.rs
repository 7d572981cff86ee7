//! [`TemplateSession`] → `Client::password_session_with` and the grant it runs: the login body
//! the user filled, sent by the spec's own token operation. Decides nothing.

use crate::client::token_call;
use crate::naming::ident;
use crate::operations::token::{
    BodyFill, Credentials, Fill, TemplateRefresh, TemplateSession, TokenCall,
};
use crate::types::emit::doc_attrs;
use proc_macro2::TokenStream;
use quote::quote;

/// The method and the grant's items.
pub fn template_session(
    session: &TemplateSession,
    runtime: &TokenStream,
) -> (TokenStream, TokenStream) {
    let login = &session.login;
    let body_type = ident(&login.body_type);
    let doc = doc_attrs(&[
        format!(
            " A token session that logs in with [`Client::{}`], sending `login`",
            login.method.bare()
        ),
        " (with `grant_type` set to `password` when it has one): for token endpoints that need"
            .to_owned(),
        " more than a username and password (a tenant, a client id). A refused login is a"
            .to_owned(),
        " `SessionError` whose `request_error()` is the login's typed `Error`.".to_owned(),
    ]);
    let with_credentials = session
        .credentials
        .as_ref()
        .map(|credentials| password_session(session, credentials, runtime));
    let method = quote! {
        #doc
        pub fn password_session_with(&self, login: types::#body_type) -> #runtime::Session {
            #runtime::Session::new(TemplateSessionGrant { client: self.clone(), login })
        }

        #with_credentials
    };
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
    let grant = crate::client::grant_impl(name, (login_call, refresh), allows, runtime);
    let items = quote! {
        /// The login and refresh of [`Client::password_session_with`].
        #[derive(Clone)]
        struct TemplateSessionGrant {
            client: Client,
            login: types::#body_type,
        }

        #grant
    };
    (method, items)
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
    let sets = fills.iter().map(|(field, fill, optional)| {
        let field = field.ident();
        let value = match fill {
            Fill::RefreshToken => quote!(refresh_token.to_owned()),
            Fill::GrantType(grant) => quote!(#grant.to_owned()),
            // The user's login body holds the credentials.
            Fill::Username | Fill::Password => return quote!(),
        };
        match optional {
            true => quote!(body.#field = Some(#value);),
            false => quote!(body.#field = #value;),
        }
    });
    let clears = emptied.iter().map(|field| {
        let field = field.ident();
        quote!(body.#field = None;)
    });
    let argument = match call.body_optional {
        true => quote!(Some(&body)),
        false => quote!(&body),
    };
    let binding = match fills.is_empty() && emptied.is_empty() {
        true => quote!(let body = self.login.clone();),
        false => quote!(let mut body = self.login.clone();),
    };
    let failed = format!("the {what} was refused");
    quote! {
        #binding
        #(#sets)*
        #(#clears)*
        let response = self.client.#method(#argument).await.map_err(|error| {
            #runtime::SessionError::new(#failed, Some(Box::new(error)))
        })?;
        #runtime::token_from_body(response.body())
    }
}

/// `Client::password_session(username, password)`: `password_session_with` of a body of them.
fn password_session(
    session: &TemplateSession,
    credentials: &Credentials,
    runtime: &TokenStream,
) -> TokenStream {
    let login = &session.login;
    let body_type = ident(&login.body_type);
    let refresh = match &session.refresh {
        TemplateRefresh::Operation(call) => format!(
            " and refreshes it with [`Client::{}`] (§6) when it expires.",
            call.method.bare()
        ),
        TemplateRefresh::SameOperation(..) => {
            " and refreshes it through it (§6) when it expires.".to_owned()
        }
        TemplateRefresh::None => " and again when it expires.".to_owned(),
    };
    let doc = doc_attrs(&[
        format!(
            " A token session that logs in with [`Client::{}`]",
            login.method.bare()
        ),
        " (RFC 6749 §4.3's password grant) when a token is needed".to_owned(),
        refresh,
        String::new(),
        " Give it to `with_session` of a client whose operations need the token, or ask it for"
            .to_owned(),
        " tokens. A refused login is a `SessionError` whose `request_error()` is the login's"
            .to_owned(),
        " typed `Error`.".to_owned(),
    ]);
    let values = credentials.fields.iter().map(|(field, fill, optional)| {
        let field_name = field.ident();
        let value = match fill {
            Fill::Username => quote!(username.into()),
            _ => quote!(password.into()),
        };
        match optional {
            true => quote!(#field_name: Some(#value),),
            false => quote!(#field_name: #value,),
        }
    });
    let rest = (!credentials.complete).then(|| quote!(..Default::default()));
    quote! {
        #doc
        pub fn password_session(
            &self,
            username: impl Into<String>,
            password: impl Into<String>,
        ) -> #runtime::Session {
            self.password_session_with(types::#body_type { #(#values)* #rest })
        }
    }
}
