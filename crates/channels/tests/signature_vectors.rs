//! The providers' published signature vectors (`fixtures/webhook-vectors.md`, copied from the
//! team's shared fixtures), and what must be refused.

use frontdesk_channels::signature::{
    dialog360_is_valid, meta_is_valid, shared_secret_is_valid, twilio_form_is_valid,
    twilio_json_is_valid, twilio_signature,
};

const TOKEN: &str = "12345";
const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";

fn params(caller: &str) -> Vec<(String, String)> {
    [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", caller),
        ("Digits", "1234"),
        ("From", caller),
        ("To", "+18005551212"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

#[test]
fn twilio_form_vectors() {
    assert_eq!(
        twilio_signature(TOKEN, URL, &params("+12349013030")),
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    );
    assert_eq!(
        twilio_signature(TOKEN, URL, &params("+14158675309")),
        "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    );
    let with_port = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assert_eq!(
        twilio_signature(TOKEN, with_port, &params("+14158675309")),
        "kvajT1Ptam85bY51eRf/AJRuM3w="
    );

    assert!(twilio_form_is_valid(
        TOKEN,
        URL,
        &params("+12349013030"),
        "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
    ));
    // Signed with the port, checked against the URL without it, and the other way round.
    assert!(twilio_form_is_valid(
        TOKEN,
        URL,
        &params("+14158675309"),
        "kvajT1Ptam85bY51eRf/AJRuM3w="
    ));
    assert!(twilio_form_is_valid(
        TOKEN,
        with_port,
        &params("+14158675309"),
        "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    ));
}

#[test]
fn twilio_refuses_tampering() {
    let good = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    let mut tampered = params("+12349013030");
    tampered[2].1 = "9999".into();
    assert!(!twilio_form_is_valid(TOKEN, URL, &tampered, good));
    assert!(!twilio_form_is_valid(
        "54321",
        URL,
        &params("+12349013030"),
        good
    ));
    assert!(!twilio_form_is_valid(
        TOKEN,
        "https://evil.example/myapp.php?foo=1&bar=2",
        &params("+12349013030"),
        good
    ));
    assert!(!twilio_form_is_valid(
        TOKEN,
        URL,
        &params("+12349013030"),
        ""
    ));
    assert!(!twilio_form_is_valid(
        TOKEN,
        URL,
        &params("+12349013030"),
        "not base64!"
    ));
}

#[test]
fn twilio_json_body_vector() {
    let body = br#"{"property": "value", "boolean": true}"#;
    let url = format!(
        "{URL}&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
    );
    assert!(twilio_json_is_valid(
        TOKEN,
        &url,
        body,
        "a9nBmqA0ju/hNViExpshrM61xv4="
    ));
    // A different body no longer matches the hash the URL carries.
    assert!(!twilio_json_is_valid(
        TOKEN,
        &url,
        br#"{"property": "other"}"#,
        "a9nBmqA0ju/hNViExpshrM61xv4="
    ));
    assert!(!twilio_json_is_valid(
        TOKEN,
        URL,
        body,
        "a9nBmqA0ju/hNViExpshrM61xv4="
    ));
}

#[test]
fn meta_vectors() {
    let hello = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assert!(meta_is_valid(
        "It's a Secret to Everybody",
        b"Hello, World!",
        hello
    ));
    assert!(!meta_is_valid(
        "It's a Secret to Everybody",
        b"Hello, World?",
        hello
    ));
    assert!(
        !meta_is_valid("It's a Secret to Everybody", b"Hello, World!", &hello[7..]),
        "prefix required"
    );

    let escaped = br#"{"object":"whatsapp_business_account","entry":[{"id":"0","changes":[{"field":"messages","value":{"messages":[{"from":"16315551181","id":"wamid.TEST1","timestamp":"1504902988","type":"text","text":{"body":"\u00e4\u00f6\u00e5"}}]}}]}]}"#;
    assert_eq!(escaped.len(), 233);
    let sig = "sha256=b4aec2a0fd09477be11da6d4e73bd7035e3e9a3da7234ab73e744a469b981b41";
    assert!(meta_is_valid("test_app_secret", escaped, sig));
    // The same JSON with raw UTF-8 is different bytes: refused.
    let raw = String::from_utf8(escaped.to_vec())
        .unwrap()
        .replace(r"\u00e4\u00f6\u00e5", "äöå");
    assert!(!meta_is_valid("test_app_secret", raw.as_bytes(), sig));
}

#[test]
fn dialog360_and_shared_secrets() {
    let hex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    let secret = "It's a Secret to Everybody";
    assert!(dialog360_is_valid(secret, b"Hello, World!", hex));
    assert!(dialog360_is_valid(
        secret,
        b"Hello, World!",
        &format!("sha256={hex}")
    ));
    assert!(!dialog360_is_valid(secret, b"Hello, World!", "sha256=00"));
    assert!(shared_secret_is_valid("s3cr3t-token", "s3cr3t-token"));
    assert!(!shared_secret_is_valid("s3cr3t-token", "s3cr3t-tokem"));
    assert!(
        !shared_secret_is_valid("", ""),
        "an unset secret accepts nothing"
    );
}
