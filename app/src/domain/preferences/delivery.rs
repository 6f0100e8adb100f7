//! What each message is, and the channel it goes by: the resident's first allowed choice.

use super::*;

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
