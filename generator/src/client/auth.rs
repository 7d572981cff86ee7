//! The client's doc, default base URL and credential setters, from the spec's `info`, `servers`
//! and security schemes (OpenAPI 3.0 §4.7.2, §4.7.5, §4.7.27).

use super::{AuthSetter, OAuth2Login};
use crate::docs::doc_lines;
use crate::naming::{snake_name, Name, Scope};
use crate::operations::convert::scheme_use;
use crate::operations::SchemeUse;
use openapiv3::{OpenAPI, ReferenceOr};

/// The client's doc: the API's title, version and description. The module itself has no inner
/// doc: a file with inner attributes cannot be `include!`d.
pub fn client_doc(api: &OpenAPI) -> Vec<String> {
    // Title and version on one line, whatever whitespace or control characters they hold.
    let one_line = |text: &str| {
        let text = crate::docs::without_control_characters(text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut doc = vec![format!(
        " Client for {} (version {}): one method per operation, each returning the runtime's `Call`, a future that sends the request when awaited.",
        one_line(&api.info.title),
        one_line(&api.info.version)
    )];
    if let Some(description) = &api.info.description {
        let lines = doc_lines(description);
        if !lines.is_empty() {
            doc.push(String::new());
            doc.extend(lines);
        }
    }
    doc
}

/// The spec's first server, with its variables at their defaults; `http://localhost` when the
/// spec names none (or only a relative one, which is resolved against it).
pub fn default_base_url(api: &OpenAPI) -> String {
    let Some(server) = api.servers.first() else {
        return "http://localhost".to_owned();
    };
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    if url.starts_with('/') {
        url = format!("http://localhost{url}");
    }
    url.trim_end_matches('/').to_owned()
}

/// The credential setters for the spec's security schemes (those the runtime can apply), in
/// order: Basic, Bearer, then one per API key scheme, whose method names go in `names`.
pub fn auth_setters(api: &OpenAPI, names: &mut Scope) -> Vec<AuthSetter> {
    let schemes: Vec<(String, SchemeUse)> = api
        .components
        .iter()
        .flat_map(|components| components.security_schemes.iter())
        .filter_map(|(name, scheme)| match scheme {
            ReferenceOr::Item(scheme) => {
                scheme_use(name, scheme).map(|scheme| (name.clone(), scheme))
            }
            ReferenceOr::Reference { .. } => None,
        })
        .collect();
    let names_of = |kind: SchemeUse| -> Vec<String> {
        schemes
            .iter()
            .filter(|(_, s)| *s == kind)
            .map(|(name, _)| name.clone())
            .collect()
    };
    let mut setters = Vec::new();
    let basic = names_of(SchemeUse::Basic);
    if !basic.is_empty() {
        setters.push(AuthSetter::Basic { schemes: basic });
    }
    let bearer = names_of(SchemeUse::Bearer);
    if !bearer.is_empty() {
        setters.push(AuthSetter::Bearer { schemes: bearer });
    }
    let api_keys: Vec<&String> = schemes
        .iter()
        .filter(|(_, s)| matches!(s, SchemeUse::ApiKey { .. }))
        .map(|(n, _)| n)
        .collect();
    setters.extend(oauth2_logins(api, names));
    for scheme in &api_keys {
        let method = if api_keys.len() == 1 {
            snake_name("with_api_key")
        } else {
            names.unique_name(Name::joined("with_", &snake_name(scheme), ""))
        };
        setters.push(AuthSetter::ApiKey {
            scheme: (*scheme).clone(),
            method,
        });
    }
    setters
}

/// A login setter per OAuth2 flow that a client can run by itself: password and client
/// credentials (the others need a browser).
fn oauth2_logins(api: &OpenAPI, names: &mut Scope) -> Vec<AuthSetter> {
    let mut found = Vec::new();
    let schemes = api
        .components
        .iter()
        .flat_map(|c| c.security_schemes.iter());
    for (scheme, item) in schemes {
        let ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { flows, .. }) = item else {
            continue;
        };
        if let Some(flow) = &flows.password {
            found.push((scheme, OAuth2Login::Password, flow.token_url.clone()));
        }
        if let Some(flow) = &flows.client_credentials {
            found.push((
                scheme,
                OAuth2Login::ClientCredentials,
                flow.token_url.clone(),
            ));
        }
        if let Some(flow) = &flows.authorization_code {
            found.push((scheme, OAuth2Login::RefreshToken, flow.token_url.clone()));
        }
    }
    let count = |flow| found.iter().filter(|(_, f, _)| *f == flow).count();
    let counts = [
        count(OAuth2Login::Password),
        count(OAuth2Login::ClientCredentials),
        count(OAuth2Login::RefreshToken),
    ];
    found
        .iter()
        .map(|(scheme, flow, token_url)| {
            let (word, several) = match flow {
                OAuth2Login::Password => ("password_login", counts[0] > 1),
                OAuth2Login::ClientCredentials => ("client_credentials_login", counts[1] > 1),
                OAuth2Login::RefreshToken => ("refresh_token", counts[2] > 1),
            };
            let method = match several {
                true => Name::joined("with_", &snake_name(&format!("{scheme}_{word}")), ""),
                false => snake_name(&format!("with_{word}")),
            };
            AuthSetter::OAuth2Login {
                scheme: (*scheme).clone(),
                flow: *flow,
                token_url: token_url.clone(),
                method: names.unique_name(method),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::module::analyse;

    #[test]
    fn the_client_gets_one_setter_per_kind_of_credential() {
        let module = analyse(
            "
openapi: 3.0.3
info: {title: Pets, version: '2', description: All the pets.}
servers: [{url: 'https://{region}.example.com/v1/', variables: {region: {default: eu}}}]
paths: {}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    oauth: {type: oauth2, flows: {}}
    jwt: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Key}
    other key: {type: apiKey, in: query, name: k}
    digest: {type: http, scheme: digest}
",
        );
        let client = &module.client;
        assert_eq!(client.base_url, "https://eu.example.com/v1");
        assert_eq!(
            client.doc,
            [
                " Client for Pets (version 2): one method per operation, each returning the runtime's `Call`, a future that sends the request when awaited.",
                "",
                " All the pets."
            ]
        );
        assert_eq!(
            client.auth_setters,
            [
                AuthSetter::Basic {
                    schemes: vec!["basic".into()]
                },
                AuthSetter::Bearer {
                    schemes: vec!["oauth".into(), "jwt".into()]
                },
                AuthSetter::ApiKey {
                    scheme: "key".into(),
                    method: snake_name("with_key")
                },
                AuthSetter::ApiKey {
                    scheme: "other key".into(),
                    method: snake_name("with_other_key")
                },
            ]
        );
    }
}
