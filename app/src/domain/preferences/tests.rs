use super::*;
use Channel::*;

fn prefs(channels: &[Channel], never: &[Channel], formats: &[Format]) -> Preferences {
    Preferences {
        channels: channels.to_vec(),
        never: never.to_vec(),
        formats: formats.to_vec(),
        ..Preferences::default()
    }
}

const ALL_REACH: Reach = Reach {
    email: true,
    mobile: true,
    address: true,
    no_texts: false,
};

fn sent(channel: Channel) -> Delivery {
    Delivery::Send {
        channel,
        large_print: false,
    }
}

#[test]
fn without_a_text_provider_text_is_passed_over_and_the_reason_says_so() {
    let off = Reach {
        no_texts: true,
        ..ALL_REACH
    };
    let p = prefs(&[Text, Letter], &[], &[]);
    assert_eq!(
        choose(&p, off, MessageKind::ResponseReady),
        sent(Letter),
        "the next channel they allow"
    );
    let only_text = prefs(&[Text], &[Email, Letter], &[]);
    let Delivery::Task { reason } = choose(&only_text, off, MessageKind::ResponseReady) else {
        panic!("a task")
    };
    assert!(reason.contains("text messages are not set up"), "{reason}");
}

#[test]
fn channel_selection_table() {
    use MessageKind::*;
    let no_mobile = Reach {
        mobile: false,
        ..ALL_REACH
    };
    let no_email = Reach {
        email: false,
        ..ALL_REACH
    };
    let nothing = Reach::default();
    // (preferences, what we hold, message, expected channel or None for a task)
    let table: Vec<(Preferences, Reach, MessageKind, Option<Channel>)> = vec![
        // No preferences: email first.
        (prefs(&[], &[], &[]), ALL_REACH, Acknowledged, Some(Email)),
        (prefs(&[], &[], &[]), no_email, Acknowledged, Some(Text)),
        (
            prefs(&[], &[], &[]),
            Reach {
                address: true,
                ..nothing
            },
            ResponseReady,
            Some(Letter),
        ),
        // Their order wins.
        (
            prefs(&[Text, Email], &[], &[]),
            ALL_REACH,
            AppointmentBooked,
            Some(Text),
        ),
        (
            prefs(&[Letter], &[], &[]),
            ALL_REACH,
            ResponseReady,
            Some(Letter),
        ),
        // A spoken first choice is passed over for the next they allow.
        (
            prefs(&[Phone, Letter], &[], &[]),
            ALL_REACH,
            DeadlineExtended,
            Some(Letter),
        ),
        (prefs(&[WhatsApp], &[], &[]), ALL_REACH, Update, Some(Email)),
        // Never means never, whatever else holds.
        (
            prefs(&[], &[Email], &[]),
            ALL_REACH,
            Acknowledged,
            Some(Text),
        ),
        (
            prefs(&[Email], &[Email], &[]),
            ALL_REACH,
            Acknowledged,
            Some(Text),
        ),
        (
            prefs(&[], &[Email, Text], &[]),
            ALL_REACH,
            DocumentPublished,
            Some(Letter),
        ),
        (prefs(&[Text], &[Text], &[]), no_email, Update, Some(Letter)),
        // A letter is too slow for "on the way".
        (
            prefs(&[Letter], &[], &[]),
            ALL_REACH,
            OperativeOnTheWay,
            Some(Email),
        ),
        (
            prefs(&[], &[Email], &[]),
            no_mobile,
            OperativeOnTheWay,
            None,
        ),
        // Braille, audio and translated letters are made by hand.
        (
            prefs(&[Letter], &[Email, Text], &[Format::Braille]),
            ALL_REACH,
            ResponseReady,
            None,
        ),
        (
            prefs(&[Letter], &[], &[Format::Audio]),
            ALL_REACH,
            ResponseReady,
            Some(Email),
        ),
        (
            prefs(&[Letter], &[], &[Format::LargePrint]),
            ALL_REACH,
            ResponseReady,
            Some(Letter),
        ),
        // Nothing held and nothing allowed.
        (prefs(&[], &[], &[]), nothing, Acknowledged, None),
        (
            prefs(&[], &[Email, Text, Letter], &[]),
            ALL_REACH,
            Acknowledged,
            None,
        ),
    ];
    for (i, (p, reach, kind, expected)) in table.into_iter().enumerate() {
        let got = choose(&p, reach, kind);
        match (expected, &got) {
            (Some(channel), Delivery::Send { channel: c, .. }) => {
                assert_eq!(*c, channel, "row {i}: {p:?} {kind:?}")
            }
            (None, Delivery::Task { .. }) => {}
            _ => panic!("row {i}: expected {expected:?}, got {got:?} for {p:?} {kind:?}"),
        }
        if let Delivery::Send { channel, .. } = got {
            assert!(!p.never.contains(&channel), "row {i}: a forbidden channel");
            assert!(channel.automatic(), "row {i}");
        }
    }
}

#[test]
fn every_combination_never_uses_a_forbidden_channel() {
    // Every subset of never-channels, every message kind, every reach: the chosen channel is
    // allowed and reachable, or there is a task.
    let automatic = [Email, Text, Letter, Phone];
    for mask in 0..16u8 {
        let never: Vec<Channel> = automatic
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect();
        for reach_mask in 0..8u8 {
            let reach = Reach {
                email: reach_mask & 1 != 0,
                mobile: reach_mask & 2 != 0,
                address: reach_mask & 4 != 0,
                no_texts: false,
            };
            for kind in MessageKind::ALL {
                let p = prefs(&[Phone, Letter, Text, Email], &never, &[]);
                match choose(&p, reach, kind) {
                    Delivery::Send { channel, .. } => {
                        assert!(!never.contains(&channel));
                        assert!(match channel {
                            Email => reach.email,
                            Text => reach.mobile,
                            Letter => reach.address && !kind.urgent(),
                            _ => false,
                        });
                    }
                    Delivery::Task { reason } => {
                        assert!(reason.starts_with("No way to send"), "{reason}")
                    }
                }
            }
        }
    }
}

#[test]
fn large_print_letters_and_the_task_says_why() {
    let p = prefs(&[Letter], &[], &[Format::LargePrint]);
    assert_eq!(
        choose(&p, ALL_REACH, MessageKind::ResponseReady),
        Delivery::Send {
            channel: Letter,
            large_print: true
        }
    );
    assert_eq!(
        choose(&p, ALL_REACH, MessageKind::OperativeOnTheWay),
        sent(Email)
    );
    let mut p = prefs(&[], &[Email, Text], &[Format::Braille]);
    p.adjustments = vec![Adjustment::WrittenOnly];
    let Delivery::Task { reason } = choose(&p, ALL_REACH, MessageKind::Acknowledged) else {
        panic!("a task")
    };
    assert_eq!(
        reason,
        "No way to send this automatically: never by email; never by text message; \
         letters must be in braille. Do not phone: contact in writing"
    );
}

#[test]
fn problems_name_their_fields() {
    let mut p = prefs(&[Phone, WhatsApp], &[Phone], &[Format::Translation]);
    p.adjustments = vec![Adjustment::WrittenOnly];
    p.good_times = "x".repeat(MAX_TEXT + 1);
    let fields: Vec<&str> = p
        .problems(&STANDARD_CHANNELS)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        fields,
        ["channels", "never", "adjustments", "good_times", "language"]
    );
    assert!(prefs(&[Email, Letter], &[Phone], &[])
        .problems(&STANDARD_CHANNELS)
        .is_empty());
}

#[test]
fn the_banner_puts_contact_rules_first() {
    let p = Preferences {
        channels: vec![Letter, Email],
        never: vec![Phone, Text],
        formats: vec![Format::LargePrint, Format::Interpreter],
        language: "Polish".into(),
        adjustments: vec![Adjustment::TimeAtDoor, Adjustment::WrittenOnly],
        visit_staff: VisitStaff::Female,
        good_times: "mornings".into(),
        ..Preferences::default()
    };
    assert_eq!(
        p.banner(),
        [
            "Written contact only",
            "Prefers: letter",
            "Never: text message",
            "Large print",
            "Polish interpreter",
            "Allow time to answer the door",
            "Visits by a woman",
            "Best times: mornings"
        ]
    );
    assert!(Preferences::default().banner().is_empty());
}

#[test]
fn stored_lists_read_back_leniently() {
    assert_eq!(
        parse_list("text,,email,fax,text", Channel::parse),
        [Text, Email]
    );
    assert_eq!(
        write_list(&[Letter, VideoCall], Channel::code),
        "letter,video_call"
    );
    assert_eq!(Newsletter::offered(true)[0], Newsletter::HomeownersNews);
}
