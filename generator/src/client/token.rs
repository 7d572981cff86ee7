//! Operations that are token endpoints (RFC 6749 §4.3 password grant, §6 refresh): the ones a
//! generated client can log in and refresh with by itself, as a token session whose errors are
//! the operations' own typed ones. Found by shape, as specs seldom say it (the seed providers
//! declare no security scheme for them): a body of `username` and `password` (or of
//! `refresh_token`), no other parameter, and a success with an `access_token`.

use crate::naming::Name;
use crate::operations::{Media, Operation, Success};
use crate::types::{Field, Ty, TypeKind, TypeTable};

/// A session from a whole login body the user fills, for endpoints that need more than a
/// username and password (Canopy's tenant and client id): the login sends it with `grant_type`
/// set; the refresh is the same operation with the refresh token, or the refresh operation.
#[derive(Debug, Clone)]
pub struct TemplateSession {
    /// The login operation; its fills set `grant_type` only.
    pub login: TokenCall,
    /// How a token is refreshed.
    pub refresh: TemplateRefresh,
    /// The login body has a `password` (`password_session_with`); its fills set `grant_type`
    /// to `password`.
    pub password: Option<Vec<BodyFill>>,
    /// When a username and password are all the login body needs (its other fields have
    /// defaults), for `password_session`.
    pub credentials: Option<Credentials>,
    /// When a client id and secret are all the login body needs, with a `grant_type` (RFC 6749
    /// §4.4), for `client_credentials_session`.
    pub client_credentials: Option<Credentials>,
    /// The client has `with_session` (the spec has a bearer scheme) to take the session's
    /// tokens; without, the session only gives tokens ([`crate::module`] sets it).
    pub client_takes_it: bool,
}

/// A body field the session fills, what with, and whether the field is an `Option`.
pub type BodyFill = (Name, Fill, bool);

/// The credential fields of a login body (username and password, or `grant_type`, client id
/// and client secret).
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The fields.
    pub fields: Vec<BodyFill>,
    /// They are the body's only fields (no `..Default::default()`).
    pub complete: bool,
}

/// How a [`TemplateSession`] refreshes.
#[derive(Debug, Clone)]
pub enum TemplateRefresh {
    /// The login operation again, its body the login's with these fills (`grant_type`,
    /// `refresh_token`) and these optional fields (`username`, `password`) emptied.
    SameOperation(Vec<BodyFill>, Vec<Name>),
    /// The refresh operation.
    Operation(TokenCall),
    /// None: a new login when the token is due.
    None,
}

/// A call of a token endpoint operation.
#[derive(Debug, Clone)]
pub struct TokenCall {
    /// The operation's method.
    pub method: Name,
    /// The name of its body struct in `types`.
    pub body_type: String,
    /// The body's fields the session fills (each with whether it is an `Option`); the others
    /// keep their defaults.
    pub fills: Vec<BodyFill>,
    /// Every field of the body is filled (no `..Default::default()`).
    pub complete: bool,
    /// The method takes the body as an `Option` (the spec's request body is not required).
    pub body_optional: bool,
    /// The operation is deprecated: the session calls it all the same, allowing that.
    pub deprecated: bool,
    /// The success body's type (written back to JSON to read the token: its `Serialize` is
    /// needed, [`crate::types::usage`]).
    pub response: Ty,
    /// The operation's cargo features ([`Operation::features`]).
    pub features: Vec<String>,
}

/// What a body field is filled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// The session's username.
    Username,
    /// The session's password.
    Password,
    /// The refresh token.
    RefreshToken,
    /// `grant_type` set to this.
    GrantType(&'static str),
    /// The client id (RFC 6749 §2.3.1's `client_id`).
    ClientId,
    /// The client secret (§2.3.1's `client_secret`).
    ClientSecret,
}

impl Fill {
    /// Which wire name a field has for this fill.
    fn of(wire: &str) -> Option<Fill> {
        Some(match wire {
            "username" => Fill::Username,
            "password" => Fill::Password,
            "refresh_token" => Fill::RefreshToken,
            "grant_type" => Fill::GrantType(""),
            _ => return None,
        })
    }
}

/// The refresh operation of `operations`: a token endpoint taking a refresh token and no
/// password.
fn refresh_call(operations: &[Operation], table: &TypeTable) -> Option<TokenCall> {
    let is = |call: &TokenCall, fill| call.fills.iter().any(|(_, f, _)| *f == fill);
    operations
        .iter()
        .filter_map(|operation| token_call(operation, table))
        .find(|call| is(call, Fill::RefreshToken) && !is(call, Fill::Password))
}

/// `operation` as a token endpoint call, when it is one: no parameter, a struct body that has
/// `Default` with text fields to fill, a success with an `access_token`.
fn token_call(operation: &Operation, table: &TypeTable) -> Option<TokenCall> {
    let fields = token_body(operation, table)?;
    let body = operation.body.as_ref()?;
    let Success::Single(Some(success)) = &operation.success else {
        return None;
    };
    let def = table.get(body.ty.named()?);
    if !body.required || !def.implements_default {
        return None;
    }
    let mut fills = Vec::new();
    for field in fields {
        let Some(fill) = Fill::of(&field.wire) else {
            continue;
        };
        // Only text: an enum or number field would need a value the spec names.
        if *table.resolve(&field.ty) != Ty::String {
            return None;
        }
        fills.push((field.name.clone(), fill, field.is_option()));
    }
    // A required field the session does not fill would go out as `Default` makes it (Knetik's
    // `client_id`): not a call the session can make alone.
    let filled = |field: &Field| fills.iter().any(|(name, _, _)| *name == field.name);
    if !fields.iter().all(|field| filled(field) || defaulted(field)) {
        return None;
    }
    let has = |fill: Fill| fills.iter().any(|(_, f, _)| *f == fill);
    let grant = match (has(Fill::Password), has(Fill::RefreshToken)) {
        (true, _) if has(Fill::Username) => "password",
        (false, true) => "refresh_token",
        _ => return None,
    };
    for (_, fill, _) in &mut fills {
        if let Fill::GrantType(value) = fill {
            *value = grant;
        }
    }
    // A login does not send a refresh token; a refresh sends no credentials.
    fills.retain(|(_, fill, _)| match grant {
        "password" => *fill != Fill::RefreshToken,
        _ => !matches!(fill, Fill::Username | Fill::Password),
    });
    Some(TokenCall {
        method: operation.method_name.clone(),
        body_type: def.name.clone(),
        complete: fills.len() == fields.len(),
        body_optional: false,
        deprecated: operation.deprecated,
        fills,
        response: success.ty.clone(),
        features: operation.features.clone(),
    })
}

fn struct_fields<'t>(ty: &Ty, table: &'t TypeTable) -> Option<&'t [Field]> {
    match &table.get(table.resolve(ty).named()?).kind {
        TypeKind::Struct(fields) => Some(fields),
        _ => None,
    }
}

/// The template session of `operations`: the first token endpoint whose body has a `password`
/// or client credentials (filled by the user, with whatever else it needs), refreshed as
/// [`TemplateRefresh`] says.
pub fn template_session(operations: &[Operation], table: &TypeTable) -> Option<TemplateSession> {
    let (operation, fields, client_credentials) = operations.iter().find_map(|operation| {
        let fields = token_body(operation, table)?;
        let client = client_credentials(operation, fields, table);
        let password = fields.iter().any(|f| f.wire == "password");
        (password || client.is_some()).then_some((operation, fields, client))
    })?;
    let text = |wire: &str| {
        let field = fields.iter().find(|f| f.wire == wire)?;
        (*table.resolve(&field.ty) == Ty::String).then(|| (field.name.clone(), field.is_option()))
    };
    let body = operation.body.as_ref()?;
    let grant =
        |value| text("grant_type").map(|(name, optional)| (name, Fill::GrantType(value), optional));
    // The grant type is set by each session's constructor: the login sends the body as it is.
    let login = TokenCall {
        method: operation.method_name.clone(),
        body_type: table.get(body.ty.named()?).name.clone(),
        fills: Vec::new(),
        complete: false,
        body_optional: !body.required,
        deprecated: operation.deprecated,
        response: match &operation.success {
            Success::Single(Some(success)) => success.ty.clone(),
            _ => return None,
        },
        features: operation.features.clone(),
    };
    // A `grant_type` the session cannot set (an enum) would keep saying `password`.
    let grant_settable = grant("").is_some() || !fields.iter().any(|f| f.wire == "grant_type");
    let refresh = match text("refresh_token").filter(|_| grant_settable) {
        Some((name, optional)) => {
            let mut fills: Vec<_> = grant("refresh_token").into_iter().collect();
            fills.push((name, Fill::RefreshToken, optional));
            let emptied = ["username", "password"]
                .into_iter()
                .filter_map(text)
                .filter(|(_, optional)| *optional)
                .map(|(name, _)| name)
                .collect();
            TemplateRefresh::SameOperation(fills, emptied)
        }
        None => match refresh_call(operations, table) {
            Some(call) => TemplateRefresh::Operation(call),
            None => TemplateRefresh::None,
        },
    };
    let password = fields.iter().any(|f| f.wire == "password");
    // The username and password alone make the body when the operation is a call the session
    // can make with them (`token_call`'s rule).
    let credentials = token_call(operation, table).map(|call| {
        let only: Vec<_> = (call.fills.into_iter())
            .filter(|(_, fill, _)| matches!(fill, Fill::Username | Fill::Password))
            .collect();
        let complete = only.len() == fields.len();
        Credentials {
            fields: only,
            complete,
        }
    });
    let credentials = credentials.filter(|credentials| credentials.fields.len() == 2);
    Some(TemplateSession {
        login,
        refresh,
        password: password.then(|| grant("password").into_iter().collect()),
        credentials: credentials.filter(|_| password && grant_settable),
        client_credentials,
        client_takes_it: false,
    })
}

/// The client credentials login of a token endpoint body (RFC 6749 §4.4): text `grant_type`,
/// `client_id` and `client_secret`, every other field optional or defaulted.
fn client_credentials(
    operation: &Operation,
    fields: &[Field],
    table: &TypeTable,
) -> Option<Credentials> {
    let mut found = Vec::new();
    for field in fields {
        let fill = match field.wire.as_str() {
            "grant_type" => Fill::GrantType("client_credentials"),
            "client_id" => Fill::ClientId,
            "client_secret" => Fill::ClientSecret,
            _ if defaulted(field) => continue,
            _ => return None,
        };
        if *table.resolve(&field.ty) != Ty::String {
            return None;
        }
        found.push((field.name.clone(), fill, field.is_option()));
    }
    let complete = found.len() == fields.len();
    let has_default = || {
        let body = operation.body.as_ref();
        body.and_then(|body| body.ty.named())
            .is_some_and(|id| table.get(id).implements_default)
    };
    (found.len() == 3 && (complete || has_default())).then_some(Credentials {
        fields: found,
        complete,
    })
}

/// The body goes out right without this field set by the session: it is optional or has a
/// default.
fn defaulted(field: &Field) -> bool {
    field.is_option() || field.default.is_some() || field.zero_default
}

/// The body fields of a token endpoint operation: no parameter, a form or JSON struct body,
/// a success with an `access_token`.
fn token_body<'t>(operation: &Operation, table: &'t TypeTable) -> Option<&'t [Field]> {
    let body = operation.body.as_ref()?;
    if !operation.params.is_empty() || !matches!(body.media, Media::Form | Media::Json) {
        return None;
    }
    let Success::Single(Some(success)) = &operation.success else {
        return None;
    };
    let has_access_token = struct_fields(&success.ty, table)?
        .iter()
        .any(|field| field.wire == "access_token" && *table.resolve(&field.ty) == Ty::String);
    has_access_token.then_some(())?;
    struct_fields(&body.ty, table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module::analyse;

    /// A token body whose properties are `properties` (YAML flow mapping entries).
    fn spec(properties: &str) -> String {
        format!(
            "
openapi: 3.0.3
info: {{title: t, version: '1'}}
paths:
  /token:
    post:
      operationId: token
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties: {{{properties}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{type: object, properties: {{access_token: {{type: string}}}}}}
"
        )
    }

    #[test]
    fn a_text_grant_type_lets_the_session_refresh_through_the_login_operation() {
        let module = analyse(&spec(
            "grant_type: {type: string}, username: {type: string}, password: {type: string}, refresh_token: {type: string}",
        ));
        let session = module.client.template_session.expect("a session");
        assert!(matches!(
            session.refresh,
            TemplateRefresh::SameOperation(..)
        ));
        assert!(session.credentials.is_some());
    }

    /// The session cannot set an enum `grant_type`: a refresh through the same operation would
    /// send the password grant again, so there is none, and no `password_session` either.
    #[test]
    fn an_enum_grant_type_makes_no_refresh_through_the_login_operation() {
        let module = analyse(&spec(
            "grant_type: {type: string, enum: [password, refresh_token]}, username: {type: string}, password: {type: string}, refresh_token: {type: string}",
        ));
        let session = module.client.template_session.expect("a session");
        assert!(matches!(session.refresh, TemplateRefresh::None));
        assert!(session.credentials.is_none());
        assert_eq!(session.password.as_deref().map(<[_]>::len), Some(0));
    }

    #[test]
    fn a_client_id_and_secret_make_a_client_credentials_session() {
        let module = analyse(&spec(
            "grant_type: {type: string}, client_id: {type: string}, client_secret: {type: string}, scope: {type: string}",
        ));
        let session = module.client.template_session.expect("a session");
        let credentials = session.client_credentials.expect("client credentials");
        assert_eq!(credentials.fields.len(), 3);
        assert!(session.password.is_none());
    }
}
