//! Webhook signatures: Twilio (`X-Twilio-Signature`), Meta Cloud API and 360dialog
//! (`X-Hub-Signature-256` / `x-360dialog-signature`). Every comparison is constant-time.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

type HmacSha1 = Hmac<Sha1>;
type HmacSha256 = Hmac<Sha256>;

/// Twilio's signature over a form-encoded webhook: the URL Twilio was configured with, then
/// every parameter sorted by name (a repeated name contributes each value, sorted) as name
/// immediately followed by value; HMAC-SHA1 keyed with the auth token; Base64.
pub fn twilio_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    B64.encode(twilio_mac(auth_token, url, params).finalize().into_bytes())
}

fn twilio_mac(auth_token: &str, url: &str, params: &[(String, String)]) -> HmacSha1 {
    // Any key length is accepted by HMAC; the error arm cannot happen.
    let mut mac = HmacSha1::new_from_slice(auth_token.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(url.as_bytes());
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    for (name, value) in sorted {
        mac.update(name.as_bytes());
        mac.update(value.as_bytes());
    }
    mac
}

/// Whether `header` is Twilio's signature of a form-encoded webhook to `url` (rebuilt from the
/// configured public base URL, never the Host header). Twilio's own validators accept the URL
/// with and without the scheme's default port, so both are tried.
pub fn twilio_form_is_valid(
    auth_token: &str,
    url: &str,
    params: &[(String, String)],
    header: &str,
) -> bool {
    let Ok(signature) = B64.decode(header.trim()) else {
        return false;
    };
    url_forms(url).iter().any(|u| {
        twilio_mac(auth_token, u, params)
            .verify_slice(&signature)
            .is_ok()
    })
}

/// Whether a Twilio webhook with a JSON body is genuine: the URL's `bodySHA256` parameter is
/// the SHA-256 of the raw body, and `header` signs the URL with no parameters appended.
pub fn twilio_json_is_valid(auth_token: &str, url: &str, body: &[u8], header: &str) -> bool {
    let Some(claimed) = query_param(url, "bodySHA256") else {
        return false;
    };
    let actual = hex(&Sha256::digest(body));
    constant_time_eq(claimed.as_bytes(), actual.as_bytes())
        && twilio_form_is_valid(auth_token, url, &[], header)
}

/// Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of the raw body keyed with the Meta
/// app secret. Verify the bytes as received: Meta escapes non-ASCII as `\uXXXX`, and a
/// re-serialization would not match.
pub fn meta_is_valid(app_secret: &str, body: &[u8], header: &str) -> bool {
    match header.trim().strip_prefix("sha256=") {
        Some(hex_sig) => hmac_sha256_hex_is_valid(app_secret, body, hex_sig),
        None => false,
    }
}

/// Whether a 360dialog partner signature (HMAC-SHA256 of the raw body, hex, with or without
/// a `sha256=` prefix) is genuine.
pub fn dialog360_is_valid(secret: &str, body: &[u8], header: &str) -> bool {
    let header = header.trim();
    hmac_sha256_hex_is_valid(
        secret,
        body,
        header.strip_prefix("sha256=").unwrap_or(header),
    )
}

/// Whether a shared secret sent in a header (360dialog's configured header, Z-API's client
/// token) equals the configured one, in constant time.
pub fn shared_secret_is_valid(expected: &str, presented: &str) -> bool {
    !expected.is_empty() && constant_time_eq(expected.as_bytes(), presented.trim().as_bytes())
}

fn hmac_sha256_hex_is_valid(secret: &str, body: &[u8], hex_sig: &str) -> bool {
    let Some(signature) = unhex(hex_sig) else {
        return false;
    };
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(body);
    mac.verify_slice(&signature).is_ok()
}

/// The URL as given and with its default port added or removed.
fn url_forms(url: &str) -> Vec<String> {
    let mut forms = vec![url.to_string()];
    let Some((scheme, rest)) = url.split_once("://") else {
        return forms;
    };
    let default = match scheme.to_ascii_lowercase().as_str() {
        "https" => "443",
        "http" => "80",
        _ => return forms,
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let other = match authority.rsplit_once(':') {
        Some((host, port)) if port == default => host.to_string(),
        Some(_) => return forms,
        None => format!("{authority}:{default}"),
    };
    forms.push(format!("{scheme}://{other}{tail}"));
    forms
}

fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}
