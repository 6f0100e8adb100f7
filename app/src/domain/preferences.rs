//! How a resident wants to be contacted and what they need from us, and the one rule that
//! decides how a message reaches them. Pure: no I/O, so every case is a line of a table test.

use serde::{Deserialize, Serialize};

/// A way of reaching a resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Channel {
    Email,
    Text,
    Phone,
    Letter,
    WhatsApp,
    VideoCall,
    Visit,
}

/// The channels every landlord offers; a profile may add WhatsApp, video calls and visits.
pub const STANDARD_CHANNELS: [Channel; 4] = [
    Channel::Email,
    Channel::Text,
    Channel::Phone,
    Channel::Letter,
];

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Email,
        Channel::Text,
        Channel::Phone,
        Channel::Letter,
        Channel::WhatsApp,
        Channel::VideoCall,
        Channel::Visit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Text => "text",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::WhatsApp => "whatsapp",
            Channel::VideoCall => "video_call",
            Channel::Visit => "visit",
        }
    }

    pub fn parse(code: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Email => "Email",
            Channel::Text => "Text message",
            Channel::Phone => "Phone call",
            Channel::Letter => "Letter",
            Channel::WhatsApp => "WhatsApp",
            Channel::VideoCall => "Video call",
            Channel::Visit => "A visit",
        }
    }

    /// Doorstep sends these by itself; the others need a colleague.
    pub fn automatic(self) -> bool {
        matches!(self, Channel::Email | Channel::Text | Channel::Letter)
    }

    /// Spoken rather than written.
    pub fn spoken(self) -> bool {
        matches!(self, Channel::Phone | Channel::VideoCall | Channel::Visit)
    }
}

/// A format written or spoken information must come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Format {
    LargePrint,
    EasyRead,
    Braille,
    Audio,
    Translation,
    Bsl,
    Interpreter,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::LargePrint,
        Format::EasyRead,
        Format::Braille,
        Format::Audio,
        Format::Translation,
        Format::Bsl,
        Format::Interpreter,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::LargePrint => "large_print",
            Format::EasyRead => "easy_read",
            Format::Braille => "braille",
            Format::Audio => "audio",
            Format::Translation => "translation",
            Format::Bsl => "bsl",
            Format::Interpreter => "interpreter",
        }
    }

    pub fn parse(code: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::LargePrint => "Large print",
            Format::EasyRead => "Easy read",
            Format::Braille => "Braille",
            Format::Audio => "Audio",
            Format::Translation => "Written in another language",
            Format::Bsl => "British Sign Language (BSL) interpreter",
            Format::Interpreter => "A spoken language interpreter",
        }
    }

    /// A letter in this format has to be made by a colleague: Doorstep cannot print it.
    pub fn made_by_hand(self) -> bool {
        matches!(self, Format::Braille | Format::Audio | Format::Translation)
    }
}

/// Common reasonable adjustments; anything else is written in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Adjustment {
    WrittenOnly,
    TimeAtDoor,
    PhoneBeforeVisit,
    ExtraTime,
    SomeonePresent,
    PlainWords,
}

impl Adjustment {
    pub const ALL: [Adjustment; 6] = [
        Adjustment::WrittenOnly,
        Adjustment::TimeAtDoor,
        Adjustment::PhoneBeforeVisit,
        Adjustment::ExtraTime,
        Adjustment::SomeonePresent,
        Adjustment::PlainWords,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Adjustment::WrittenOnly => "written_only",
            Adjustment::TimeAtDoor => "time_at_door",
            Adjustment::PhoneBeforeVisit => "phone_before_visit",
            Adjustment::ExtraTime => "extra_time",
            Adjustment::SomeonePresent => "someone_present",
            Adjustment::PlainWords => "plain_words",
        }
    }

    pub fn parse(code: &str) -> Option<Adjustment> {
        Adjustment::ALL
            .into_iter()
            .find(|a| a.code() == code.trim())
    }

    /// As the resident reads it on the form.
    pub fn label(self) -> &'static str {
        match self {
            Adjustment::WrittenOnly => "Contact me in writing only (no phone calls)",
            Adjustment::TimeAtDoor => "Allow me time to answer the door",
            Adjustment::PhoneBeforeVisit => "Phone or text me before you visit",
            Adjustment::ExtraTime => "Give me extra time to reply",
            Adjustment::SomeonePresent => "I would like someone with me at visits",
            Adjustment::PlainWords => "Explain things simply, without jargon",
        }
    }

    /// As a colleague reads it in the needs banner.
    pub fn banner(self) -> &'static str {
        match self {
            Adjustment::WrittenOnly => "Written contact only",
            Adjustment::TimeAtDoor => "Allow time to answer the door",
            Adjustment::PhoneBeforeVisit => "Phone or text before visiting",
            Adjustment::ExtraTime => "Allow extra time to reply",
            Adjustment::SomeonePresent => "Wants someone with them at visits",
            Adjustment::PlainWords => "Explain simply, no jargon",
        }
    }
}

/// Who the resident would like to visit them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitStaff {
    #[default]
    NoPreference,
    Female,
    Male,
}

impl VisitStaff {
    pub const ALL: [VisitStaff; 3] = [
        VisitStaff::NoPreference,
        VisitStaff::Female,
        VisitStaff::Male,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VisitStaff::NoPreference => "no_preference",
            VisitStaff::Female => "female",
            VisitStaff::Male => "male",
        }
    }

    pub fn parse(code: &str) -> Option<VisitStaff> {
        VisitStaff::ALL
            .into_iter()
            .find(|v| v.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            VisitStaff::NoPreference => "No preference",
            VisitStaff::Female => "A woman",
            VisitStaff::Male => "A man",
        }
    }
}

/// Newsletters: tenants and homeowners get different ones; everyone may have the estate's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Newsletter {
    TenantsNews,
    HomeownersNews,
    EstateNews,
}

impl Newsletter {
    pub const ALL: [Newsletter; 3] = [
        Newsletter::TenantsNews,
        Newsletter::HomeownersNews,
        Newsletter::EstateNews,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Newsletter::TenantsNews => "tenants_news",
            Newsletter::HomeownersNews => "homeowners_news",
            Newsletter::EstateNews => "estate_news",
        }
    }

    pub fn parse(code: &str) -> Option<Newsletter> {
        Newsletter::ALL
            .into_iter()
            .find(|n| n.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Newsletter::TenantsNews => "Tenants' news",
            Newsletter::HomeownersNews => "Homeowners' news (shared owners and leaseholders)",
            Newsletter::EstateNews => "News about your local estate",
        }
    }

    /// The newsletters offered to a resident: the tenants' or the homeowners', and the
    /// estate's.
    pub fn offered(homeowner: bool) -> [Newsletter; 2] {
        if homeowner {
            [Newsletter::HomeownersNews, Newsletter::EstateNews]
        } else {
            [Newsletter::TenantsNews, Newsletter::EstateNews]
        }
    }
}

/// Everything a resident has told us about contacting them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Best first.
    pub channels: Vec<Channel>,
    pub never: Vec<Channel>,
    pub good_times: String,
    pub bad_times: String,
    /// Empty for English.
    pub language: String,
    pub formats: Vec<Format>,
    pub adjustments: Vec<Adjustment>,
    pub other_adjustments: String,
    pub visit_staff: VisitStaff,
    pub newsletters: Vec<Newsletter>,
}

/// The longest a free-text answer may be.
pub const MAX_TEXT: usize = 300;

/// A list stored as comma-separated codes, read back leniently: an unknown code (say, a channel
/// a landlord no longer offers) is skipped, and each code counts once.
pub fn parse_list<T: PartialEq>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in text.split(',').filter_map(parse) {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

pub fn write_list<T: Copy>(items: &[T], code: impl Fn(T) -> &'static str) -> String {
    items.iter().map(|i| code(*i)).collect::<Vec<_>>().join(",")
}

impl Preferences {
    /// Problems a resident can fix, each with the field it belongs to.
    pub fn problems(&self, offered: &[Channel]) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if let Some(c) = self.channels.iter().find(|c| !offered.contains(c)) {
            problems.push((
                "channels",
                format!("{} is not a way we can contact you", c.label()),
            ));
        }
        if let Some(c) = self.channels.iter().find(|c| self.never.contains(c)) {
            problems.push((
                "never",
                format!(
                    "{} cannot be both a way to contact you and a way never to use",
                    c.label()
                ),
            ));
        }
        if self.adjustments.contains(&Adjustment::WrittenOnly) {
            if let Some(c) = self.channels.iter().find(|c| c.spoken()) {
                problems.push((
                    "adjustments",
                    format!(
                        "You asked for written contact only, so take {} out of the ways to contact you",
                        c.label().to_lowercase()
                    ),
                ));
            }
        }
        let texts = [
            ("good_times", &self.good_times),
            ("bad_times", &self.bad_times),
            ("language", &self.language),
            ("other_adjustments", &self.other_adjustments),
        ];
        for (field, text) in texts {
            if text.chars().count() > MAX_TEXT {
                problems.push((field, format!("Use {MAX_TEXT} characters or fewer")));
            }
        }
        if self.formats.contains(&Format::Translation) && self.language.trim().is_empty() {
            problems.push((
                "language",
                "Tell us which language to write to you in".to_owned(),
            ));
        }
        problems
    }

    /// Whether a colleague may phone: not if the resident asked for writing only or never to
    /// be phoned.
    pub fn may_phone(&self) -> bool {
        !self.adjustments.contains(&Adjustment::WrittenOnly)
            && !self.never.contains(&Channel::Phone)
    }

    /// The short lines a colleague sees at the top of every screen about this resident: contact
    /// rules first, then formats, adjustments and the rest. Empty when there is nothing to know.
    pub fn banner(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.adjustments.contains(&Adjustment::WrittenOnly) {
            lines.push(Adjustment::WrittenOnly.banner().to_owned());
        }
        if let Some(first) = self.channels.first() {
            lines.push(format!("Prefers: {}", first.label().to_lowercase()));
        }
        let never: Vec<String> = self
            .never
            .iter()
            .filter(|c| {
                !(**c == Channel::Phone && self.adjustments.contains(&Adjustment::WrittenOnly))
            })
            .map(|c| c.label().to_lowercase())
            .collect();
        if !never.is_empty() {
            lines.push(format!("Never: {}", never.join(", ")));
        }
        for f in &self.formats {
            lines.push(match f {
                Format::Translation if !self.language.trim().is_empty() => {
                    format!("Write in {}", self.language.trim())
                }
                Format::Interpreter if !self.language.trim().is_empty() => {
                    format!("{} interpreter", self.language.trim())
                }
                other => other.label().to_owned(),
            });
        }
        if !self.language.trim().is_empty()
            && !self
                .formats
                .iter()
                .any(|f| matches!(f, Format::Translation | Format::Interpreter))
        {
            lines.push(format!("Language: {}", self.language.trim()));
        }
        for a in &self.adjustments {
            if *a != Adjustment::WrittenOnly {
                lines.push(a.banner().to_owned());
            }
        }
        if !self.other_adjustments.trim().is_empty() {
            lines.push(self.other_adjustments.trim().to_owned());
        }
        match self.visit_staff {
            VisitStaff::Female => lines.push("Visits by a woman".to_owned()),
            VisitStaff::Male => lines.push("Visits by a man".to_owned()),
            VisitStaff::NoPreference => {}
        }
        if !self.good_times.trim().is_empty() {
            lines.push(format!("Best times: {}", self.good_times.trim()));
        }
        if !self.bad_times.trim().is_empty() {
            lines.push(format!("Avoid: {}", self.bad_times.trim()));
        }
        lines
    }
}

/// What a message is about. Each names the case and the next date in its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MessageKind {
    Acknowledged,
    AppointmentBooked,
    OperativeOnTheWay,
    ResponseReady,
    DocumentPublished,
    DeadlineExtended,
    /// Any other change to a case or repair.
    Update,
}

impl MessageKind {
    pub const ALL: [MessageKind; 7] = [
        MessageKind::Acknowledged,
        MessageKind::AppointmentBooked,
        MessageKind::OperativeOnTheWay,
        MessageKind::ResponseReady,
        MessageKind::DocumentPublished,
        MessageKind::DeadlineExtended,
        MessageKind::Update,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MessageKind::Acknowledged => "acknowledged",
            MessageKind::AppointmentBooked => "appointment_booked",
            MessageKind::OperativeOnTheWay => "operative_on_the_way",
            MessageKind::ResponseReady => "response_ready",
            MessageKind::DocumentPublished => "document_published",
            MessageKind::DeadlineExtended => "deadline_extended",
            MessageKind::Update => "update",
        }
    }

    pub fn parse(code: &str) -> Option<MessageKind> {
        MessageKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Worth nothing if it arrives tomorrow: a letter would come after the event.
    pub fn urgent(self) -> bool {
        matches!(self, MessageKind::OperativeOnTheWay)
    }
}

/// What we hold that a channel needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub email: bool,
    pub mobile: bool,
    pub address: bool,
    /// No text message provider is set up, so no text can be sent to anyone.
    pub no_texts: bool,
}

/// How one message goes: by a channel Doorstep sends itself, or as a task for a colleague to
/// make contact another way (it is always in the resident's messages on the portal too).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Send { channel: Channel, large_print: bool },
    Task { reason: String },
}

/// The best channel the resident allows for this message. Their own order comes first, then
/// email, text and letter; a channel they said never to use is never used, and nor is one we
/// cannot send by (no email address, no mobile number, a letter that would arrive too late or
/// that must be made by hand in braille, audio or another language). Spoken channels need a
/// colleague, so they are passed over here. With nothing left, a colleague gets a task.
pub fn choose(preferences: &Preferences, reach: Reach, kind: MessageKind) -> Delivery {
    let mut order: Vec<Channel> = preferences.channels.clone();
    for c in [Channel::Email, Channel::Text, Channel::Letter] {
        if !order.contains(&c) {
            order.push(c);
        }
    }
    let by_hand = preferences.formats.iter().find(|f| f.made_by_hand());
    let mut why: Vec<String> = Vec::new();
    for channel in order {
        if !channel.automatic() {
            continue;
        }
        if preferences.never.contains(&channel) {
            why.push(format!("never by {}", channel.label().to_lowercase()));
            continue;
        }
        let usable = match channel {
            Channel::Email if !reach.email => {
                why.push("no email address".into());
                false
            }
            Channel::Text if !reach.mobile => {
                why.push("no mobile number".into());
                false
            }
            Channel::Text if reach.no_texts => {
                why.push("text messages are not set up".into());
                false
            }
            Channel::Letter if !reach.address => {
                why.push("no postal address".into());
                false
            }
            Channel::Letter if kind.urgent() => {
                why.push("a letter would arrive too late".into());
                false
            }
            Channel::Letter => match by_hand {
                Some(format) => {
                    why.push(format!(
                        "letters must be in {}",
                        format.label().to_lowercase()
                    ));
                    false
                }
                None => true,
            },
            _ => true,
        };
        if usable {
            return Delivery::Send {
                channel,
                large_print: channel == Channel::Letter
                    && preferences
                        .formats
                        .iter()
                        .any(|f| matches!(f, Format::LargePrint | Format::EasyRead)),
            };
        }
    }
    let mut reason = String::from("No way to send this automatically: ");
    reason.push_str(&why.join("; "));
    if !preferences.may_phone() {
        reason.push_str(". Do not phone: contact in writing");
    }
    Delivery::Task { reason }
}

#[cfg(test)]
mod tests {
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
}
