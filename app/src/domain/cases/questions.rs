//! Who made a case and how it reached us, and the journeys' questions for each kind of case.

use super::*;

/// Who made a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MadeBy {
    Resident,
    HouseholdMember,
    Advocate,
    Staff,
    /// Someone without an account, or not signed in: a "Contact us" message.
    Visitor,
}

stored_as_text!(MadeBy {
    Resident => "resident", "The resident";
    HouseholdMember => "household_member", "A household member";
    Advocate => "advocate", "An advocate";
    Staff => "staff", "A colleague";
    Visitor => "visitor", "Someone not signed in";
});

/// How a case reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Portal,
    Phone,
    Letter,
    Email,
    InPerson,
    Text,
}

stored_as_text!(Channel {
    Portal => "portal", "Doorstep";
    Phone => "phone", "Phone call";
    Letter => "letter", "Letter";
    Email => "email", "Email";
    InPerson => "in_person", "In person";
    Text => "text", "Text message";
});

impl Channel {
    /// How a request to see data may reach a colleague who records it (not online, and not by
    /// text message, which cannot carry one).
    pub const FOR_DATA_REQUESTS: [Channel; 4] = [
        Channel::Phone,
        Channel::Letter,
        Channel::Email,
        Channel::InPerson,
    ];
}

/// A stage response's overall decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Upheld,
    PartlyUpheld,
    NotUpheld,
}

stored_as_text!(Decision {
    Upheld => "upheld", "Upheld";
    PartlyUpheld => "partly_upheld", "Partly upheld";
    NotUpheld => "not_upheld", "Not upheld";
});

/// One question of the resident's journey: the field it fills, its words and limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub field: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub required: bool,
    pub long: bool,
    /// What the error says when it is left empty.
    pub missing: &'static str,
    /// The answers to choose from (value, words), for a question answered with radios.
    pub choices: &'static [(&'static str, &'static str)],
}

pub(super) const COMPLAINT_QUESTIONS: &[Question] = &[
    Question {
        field: "what",
        label: "What happened?",
        hint:
            "Tell us what went wrong, in your own words. You do not need to use the word complaint.",
        required: true,
        long: true,
        missing: "Tell us what happened",
        choices: &[],
    },
    Question {
        field: "when",
        label: "When did it happen?",
        hint: "For example: since March, or on 3 November. If it is still happening, say so.",
        required: true,
        long: false,
        missing: "Tell us when it happened",
        choices: &[],
    },
    Question {
        field: "outcome",
        label: "What would you like us to do to put things right?",
        hint: "For example: finish the repair, an apology, or a change to how we do things.",
        required: true,
        long: true,
        missing: "Tell us what you would like us to do",
        choices: &[],
    },
    Question {
        field: "adjustments",
        label: "Do you need anything from us to take part? (optional)",
        hint:
            "For example: written contact only, an interpreter, large print, or more time to reply.",
        required: false,
        long: true,
        missing: "",
        choices: &[],
    },
    Question {
        field: "related",
        label: "Is it about a repair or something else you have told us about? (optional)",
        hint: "Give its reference, like RP-7K4QXP or EQ-3M9TXA. You will find it in your repairs or your complaints and questions.",
        required: false,
        long: false,
        missing: "",
        choices: &[],
    },
];

pub(super) const COMPLIMENT_QUESTIONS: &[Question] = &[
    Question {
        field: "who",
        label: "Who would you like to thank?",
        hint: "The name of the colleague or team, if you know it. For example: Sam from the repairs team.",
        required: true,
        long: false,
        missing: "Tell us who you would like to thank",
        choices: &[],
    },
    Question {
        field: "what",
        label: "What did they do?",
        hint: "We will pass your words on to them and their manager.",
        required: true,
        long: true,
        missing: "Tell us what they did",
        choices: &[],
    },
];

pub(super) const ENQUIRY_QUESTIONS: &[Question] = &[Question {
    field: "what",
    label: "What would you like to ask?",
    hint: "Give as much detail as you can, so we can answer in one go.",
    required: true,
    long: true,
    missing: "Write your question",
    choices: &[],
}];

const fn text(
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    long: bool,
    missing: &'static str,
) -> Question {
    Question {
        field,
        label,
        hint,
        required: !missing.is_empty(),
        long,
        missing,
        choices: &[],
    }
}

pub(super) const CALLBACK_QUESTIONS: &[Question] = &[
    text(
        "what",
        "What would you like to talk about?",
        "A sentence or two is enough, so the right colleague calls you.",
        true,
        "Tell us what you would like to talk about",
    ),
    text(
        "phone",
        "Which number should we call?",
        "For example: 07700 900 982 or 01632 960 001.",
        false,
        "Enter the number we should call",
    ),
    text(
        "times",
        "When is a good time to call?",
        "For example: weekday mornings, or after 3pm on Tuesday.",
        false,
        "Tell us when is a good time to call",
    ),
];

pub(super) const HOME_VISIT_QUESTIONS: &[Question] = &[
    text(
        "what",
        "What would you like the visit to be about?",
        "For example: talking about your tenancy, your rent, or help you need at home.",
        true,
        "Tell us what the visit is about",
    ),
    Question {
        field: "preference",
        label: "Would you like a male or female colleague to visit?",
        hint: "We will send who you ask for.",
        required: true,
        long: false,
        missing: "Choose who you would like to visit",
        choices: &[
            ("none", "I do not mind"),
            ("female", "A female colleague"),
            ("male", "A male colleague"),
        ],
    },
    text(
        "times",
        "Are there days or times that suit you best? (optional)",
        "For example: not Mondays, or afternoons only.",
        false,
        "",
    ),
];

pub(super) const OFFICE_APPOINTMENT_QUESTIONS: &[Question] = &[
    text(
        "what",
        "What would you like to see us about?",
        "So the right colleague is there to meet you.",
        true,
        "Tell us what you would like to see us about",
    ),
    text(
        "times",
        "Are there days or times that suit you best? (optional)",
        "For example: Thursday afternoons.",
        false,
        "",
    ),
];

pub(super) const COMMENT_QUESTIONS: &[Question] = &[text(
    "what",
    "Your comment or suggestion",
    "Tell us what you think, or what we could do better. We read every one.",
    true,
    "Write your comment or suggestion",
)];

pub(super) const MESSAGE_QUESTIONS: &[Question] =
    &[text("what", "Your message", "", true, "Enter your message")];

impl CaseKind {
    /// The questions of this kind's journey, in order, one to a page.
    pub fn questions(self) -> &'static [Question] {
        match self {
            CaseKind::Complaint => COMPLAINT_QUESTIONS,
            CaseKind::Compliment => COMPLIMENT_QUESTIONS,
            CaseKind::Enquiry => ENQUIRY_QUESTIONS,
            CaseKind::Message => MESSAGE_QUESTIONS,
            CaseKind::Callback => CALLBACK_QUESTIONS,
            CaseKind::HomeVisit => HOME_VISIT_QUESTIONS,
            CaseKind::OfficeAppointment => OFFICE_APPOINTMENT_QUESTIONS,
            CaseKind::Comment => COMMENT_QUESTIONS,
        }
    }

    pub fn question(self, field: &str) -> Option<&'static Question> {
        self.questions().iter().find(|q| q.field == field)
    }
}

impl Question {
    /// Checks an answer, returning it tidied or the message to show.
    pub fn check(&self, value: &str) -> Result<String, String> {
        let value = value.trim().replace("\r\n", "\n");
        if !self.choices.is_empty() {
            return match self.choices.iter().find(|(v, _)| *v == value) {
                Some((v, _)) => Ok((*v).to_owned()),
                None if value.is_empty() && !self.required => Ok(String::new()),
                None => Err(self.missing.to_owned()),
            };
        }
        if self.field == "phone"
            && !value.is_empty()
            && !super::super::validation::looks_like_phone(&value)
        {
            return Err("Enter a phone number, like 01632 960 001 or 07700 900 982".to_owned());
        }
        let limit = if self.long { TEXT_LIMIT } else { SHORT_LIMIT };
        if value.is_empty() && self.required {
            return Err(self.missing.to_owned());
        }
        if value.chars().count() > limit {
            return Err(format!("Your answer must be {limit} characters or fewer"));
        }
        Ok(value)
    }

    /// The words for a stored answer: a choice's words, or the text itself.
    pub fn words_for<'a>(&self, value: &'a str) -> &'a str {
        self.choices
            .iter()
            .find(|(v, _)| *v == value)
            .map_or(value, |(_, words)| words)
    }

    pub fn limit(&self) -> usize {
        if self.long {
            TEXT_LIMIT
        } else {
            SHORT_LIMIT
        }
    }
}

/// A one-line title for a case from what the resident wrote: the first line, shortened.
pub fn summary_of(kind: CaseKind, text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut words = String::new();
    for c in first.chars() {
        if words.chars().count() >= 80 {
            words.push('…');
            break;
        }
        words.push(c);
    }
    if words.is_empty() {
        kind.label().to_owned()
    } else {
        words
    }
}
