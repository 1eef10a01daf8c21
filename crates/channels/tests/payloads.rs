//! Provider payloads as they arrive (Meta Cloud API notifications, Twilio forms) read into
//! one `InboundEvent` shape; malformed ones refused.

use frontdesk_channels::inbound::{Content, DeliveryStatus, InboundEvent};
use frontdesk_channels::{meta, twilio};

fn message(e: &InboundEvent) -> &frontdesk_channels::inbound::InboundMessage {
    match e {
        InboundEvent::Message(m) => m,
        other => panic!("not a message: {other:?}"),
    }
}

#[test]
fn meta_batch_with_every_kind_routed_by_number() {
    // Meta escapes non-ASCII characters, as here.
    let body = br#"{"object":"whatsapp_business_account","entry":[
      {"id":"WABA1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550001111","phone_number_id":"PN1"},
        "contacts":[{"profile":{"name":"Ana Souza"},"wa_id":"5511999990000"}],
        "messages":[
          {"from":"5511999990000","id":"wamid.1","timestamp":"1767000000","type":"text","text":{"body":"Oi, quero marcar"}},
          {"from":"5511999990000","id":"wamid.2","timestamp":"1767000001","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"confirm","title":"Confirmar"}}},
          {"from":"5511999990000","id":"wamid.3","timestamp":"1767000002","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"slot-2","title":"Ter 10:30","description":"Dra. Ana"}}},
          {"from":"5511999990000","id":"wamid.4","timestamp":"1767000003","type":"image","image":{"id":"MEDIA1","mime_type":"image/jpeg","sha256":"x","caption":"raio-x"}},
          {"from":"5511999990000","id":"wamid.5","timestamp":"1767000004","type":"location","location":{"latitude":-23.55,"longitude":-46.63,"name":"Casa","address":"Rua A, 1"}},
          {"from":"5511999990000","id":"wamid.6","timestamp":"1767000005","type":"contacts","contacts":[{"name":{"formatted_name":"Jo\u00e3o Souza","first_name":"Jo\u00e3o"},"phones":[{"phone":"+55 11 98888-0000","wa_id":"5511988880000","type":"CELL"}]}]},
          {"from":"5511999990000","id":"wamid.7","timestamp":"1767000006","type":"button","button":{"payload":"reschedule","text":"Remarcar"}},
          {"from":"5511999990000","id":"wamid.8","timestamp":"1767000007","type":"reaction","reaction":{"message_id":"wamid.0","emoji":"\ud83d\udc4d"}}
        ]}}]},
      {"id":"WABA2","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"905550001111","phone_number_id":"PN2"},
        "statuses":[
          {"id":"wamid.out1","status":"delivered","timestamp":"1767000100","recipient_id":"905321234567"},
          {"id":"wamid.out2","status":"failed","timestamp":"1767000101","recipient_id":"905321234567","errors":[{"code":131047,"title":"Re-engagement message"}]},
          {"id":"wamid.out3","status":"deleted","timestamp":"1767000102","recipient_id":"905321234567"}
        ]}}]},
      {"id":"WABA3","changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}
    ]}"#;
    let events = meta::parse(body).unwrap();
    assert_eq!(
        events.len(),
        10,
        "8 messages, 2 statuses (`deleted` skipped, account update ignored)"
    );
    assert!(events[..8].iter().all(|(n, _)| n == "PN1"));
    assert!(events[8..].iter().all(|(n, _)| n == "PN2"));

    let first = message(&events[0].1);
    assert_eq!(first.from, "+5511999990000");
    assert_eq!(first.profile_name.as_deref(), Some("Ana Souza"));
    assert_eq!(first.sent_at.unwrap().timestamp(), 1_767_000_000);
    assert_eq!(
        first.content,
        Content::Text {
            body: "Oi, quero marcar".into()
        }
    );
    assert_eq!(
        message(&events[1].1).content,
        Content::Button {
            payload: "confirm".into(),
            text: "Confirmar".into()
        }
    );
    assert_eq!(
        message(&events[2].1).content,
        Content::ListReply {
            id: "slot-2".into(),
            title: "Ter 10:30".into()
        }
    );
    assert_eq!(
        message(&events[3].1).content,
        Content::Media {
            kind: "image".into(),
            reference: "MEDIA1".into(),
            mime_type: Some("image/jpeg".into()),
            caption: Some("raio-x".into())
        }
    );
    assert!(
        matches!(message(&events[4].1).content, Content::Location { latitude, .. } if latitude == -23.55)
    );
    match &message(&events[5].1).content {
        Content::Contacts { contacts } => {
            assert_eq!(contacts[0].name, "João Souza");
            assert_eq!(contacts[0].phones, ["+55 11 98888-0000"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        message(&events[6].1).content,
        Content::Button {
            payload: "reschedule".into(),
            text: "Remarcar".into()
        }
    );
    assert_eq!(
        message(&events[7].1).content,
        Content::Unsupported {
            kind: "reaction".into()
        }
    );

    match (&events[8].1, &events[9].1) {
        (InboundEvent::Status(d), InboundEvent::Status(f)) => {
            assert_eq!(
                (d.status, d.recipient.as_deref()),
                (DeliveryStatus::Delivered, Some("+905321234567"))
            );
            assert_eq!(f.status, DeliveryStatus::Failed);
            assert_eq!(f.error.as_deref(), Some("Re-engagement message (131047)"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn meta_refuses_what_it_would_never_send() {
    assert!(meta::parse(b"not json").is_err());
    assert!(meta::parse(br#"{"object":"page","entry":[]}"#).is_err());
    let no_metadata = br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[]}}]}]}"#;
    assert!(meta::parse(no_metadata).is_err());
    let text_without_text = br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"PN1"},"messages":[{"from":"1","id":"w","type":"text"}]}}]}]}"#;
    let err = meta::parse(text_without_text).unwrap_err();
    assert!(
        err.to_string().contains("text message without its `text`"),
        "{err}"
    );
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn twilio_messages_and_statuses() {
    let text = twilio::parse_message(&form(&[
        ("MessageSid", "SM1"),
        ("From", "whatsapp:+905321234567"),
        ("To", "whatsapp:+14155238886"),
        ("Body", "Merhaba, yarın 15:00 uygun mu?"),
        ("NumMedia", "0"),
        ("ProfileName", "Ayşe"),
    ]))
    .unwrap();
    let m = message(&text);
    assert_eq!(
        (m.provider_message_id.as_str(), m.from.as_str()),
        ("SM1", "+905321234567")
    );
    assert_eq!(
        m.content,
        Content::Text {
            body: "Merhaba, yarın 15:00 uygun mu?".into()
        }
    );

    let media = twilio::parse_message(&form(&[
        ("MessageSid", "SM2"),
        ("From", "whatsapp:+905321234567"),
        ("Body", "röntgen"),
        ("NumMedia", "1"),
        (
            "MediaUrl0",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM2/Media/ME1",
        ),
        ("MediaContentType0", "image/png"),
    ]))
    .unwrap();
    assert!(
        matches!(&message(&media).content, Content::Media { kind, caption: Some(c), .. } if kind == "image" && c == "röntgen")
    );

    let button = twilio::parse_message(&form(&[
        ("MessageSid", "SM3"),
        ("From", "whatsapp:+905321234567"),
        ("Body", "Onayla"),
        ("ButtonPayload", "confirm"),
        ("ButtonText", "Onayla"),
    ]))
    .unwrap();
    assert_eq!(
        message(&button).content,
        Content::Button {
            payload: "confirm".into(),
            text: "Onayla".into()
        }
    );

    let place = twilio::parse_message(&form(&[
        ("MessageSid", "SM4"),
        ("From", "whatsapp:+905321234567"),
        ("Latitude", "41.0082"),
        ("Longitude", "28.9784"),
        ("Label", "Ev"),
    ]))
    .unwrap();
    assert!(
        matches!(message(&place).content, Content::Location { longitude, .. } if longitude == 28.9784)
    );

    assert!(
        twilio::parse_message(&form(&[("From", "whatsapp:+1")])).is_err(),
        "no MessageSid"
    );
    assert!(
        twilio::parse_message(&form(&[
            ("MessageSid", "SM5"),
            ("From", "x"),
            ("Latitude", "north"),
            ("Longitude", "1")
        ]))
        .is_err()
    );

    let failed = twilio::parse_status(&form(&[
        ("MessageSid", "SM9"),
        ("MessageStatus", "undelivered"),
        ("To", "whatsapp:+905321234567"),
        ("ErrorCode", "63016"),
        ("ErrorMessage", "Outside the 24-hour window"),
    ]))
    .unwrap()
    .unwrap();
    match failed {
        InboundEvent::Status(s) => {
            assert_eq!(s.status, DeliveryStatus::Failed);
            assert_eq!(
                s.error.as_deref(),
                Some("Outside the 24-hour window (63016)")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        twilio::parse_status(&form(&[("MessageSid", "SM9"), ("MessageStatus", "queued")]))
            .unwrap()
            .is_none()
    );
    assert!(
        DeliveryStatus::Sent < DeliveryStatus::Delivered
            && DeliveryStatus::Read < DeliveryStatus::Failed
    );
}
