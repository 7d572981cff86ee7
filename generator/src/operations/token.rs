//! Operations that are token endpoints (RFC 6749 §4.3 password grant, §6 refresh): the ones a
//! generated client can log in and refresh with by itself, as a token session whose errors are
//! the operations' own typed ones. Found by shape, as specs seldom say it (the seed providers
//! declare no security scheme for them): a body of `username` and `password` (or of
//! `refresh_token`), no other parameter, and a success with an `access_token`.

use super::{Media, Operation, Success};
use crate::naming::Name;
use crate::types::{Field, Ty, TypeKind, TypeTable};

/// The token session a client offers: its login and, when the spec has one, its refresh.
#[derive(Debug, Clone)]
pub struct TokenSession {
    /// The password grant operation.
    pub login: TokenCall,
    /// The refresh operation.
    pub refresh: Option<TokenCall>,
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
    pub fills: Vec<(Name, Fill, bool)>,
    /// Every field of the body is filled (no `..Default::default()`).
    pub complete: bool,
    /// The success body's type (written back to JSON to read the token: its `Serialize` is
    /// needed, [`crate::types::usage`]).
    pub response: Ty,
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

/// The token session of `operations`, when one is a password grant endpoint.
pub fn token_session(operations: &[Operation], table: &TypeTable) -> Option<TokenSession> {
    let calls: Vec<TokenCall> = operations
        .iter()
        .filter_map(|operation| token_call(operation, table))
        .collect();
    let is = |call: &&TokenCall, fill| call.fills.iter().any(|(_, f, _)| *f == fill);
    let login = calls.iter().find(|call| is(call, Fill::Password))?.clone();
    let refresh = calls
        .iter()
        .find(|call| is(call, Fill::RefreshToken) && !is(call, Fill::Password))
        .cloned();
    Some(TokenSession { login, refresh })
}

/// `operation` as a token endpoint call, when it is one: no parameter, a struct body that has
/// `Default` with text fields to fill, a success with an `access_token`.
fn token_call(operation: &Operation, table: &TypeTable) -> Option<TokenCall> {
    let body = operation.body.as_ref()?;
    let form_or_json = matches!(body.media, Media::Form | Media::Json);
    if !operation.params.is_empty() || !form_or_json || !body.required {
        return None;
    }
    let Success::Single(Some(success)) = &operation.success else {
        return None;
    };
    let has_access_token = struct_fields(&success.ty, table)?
        .iter()
        .any(|field| field.wire == "access_token" && *table.resolve(&field.ty) == Ty::String);
    let id = body.ty.named()?;
    let def = table.get(id);
    if !has_access_token || !def.implements_default {
        return None;
    }
    let fields = struct_fields(&body.ty, table)?;
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
    let defaulted =
        |field: &Field| field.is_option() || field.default.is_some() || field.zero_default;
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
        fills,
        response: success.ty.clone(),
    })
}

fn struct_fields<'t>(ty: &Ty, table: &'t TypeTable) -> Option<&'t [Field]> {
    match &table.get(table.resolve(ty).named()?).kind {
        TypeKind::Struct(fields) => Some(fields),
        _ => None,
    }
}
