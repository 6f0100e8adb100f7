//! The choices a resident makes: channels, formats, adjustments, who visits, newsletters.

use super::*;

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
