//! Who made a case and how it reached us, and the journeys' questions for each kind of case.

use super::*;

/// Who made a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MadeBy {
    Resident,
    HouseholdMember,
    Advocate,
    Staff,
}

stored_as_text!(MadeBy {
    Resident => "resident", "The resident";
    HouseholdMember => "household_member", "A household member";
    Advocate => "advocate", "An advocate";
    Staff => "staff", "A colleague";
});

/// How a case reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Portal,
    Phone,
    Letter,
    Email,
    InPerson,
}

stored_as_text!(Channel {
    Portal => "portal", "Doorstep";
    Phone => "phone", "Phone call";
    Letter => "letter", "Letter";
    Email => "email", "Email";
    InPerson => "in_person", "In person";
});

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
    },
    Question {
        field: "when",
        label: "When did it happen?",
        hint: "For example: since March, or on 3 November. If it is still happening, say so.",
        required: true,
        long: false,
        missing: "Tell us when it happened",
    },
    Question {
        field: "outcome",
        label: "What would you like us to do to put things right?",
        hint: "For example: finish the repair, an apology, or a change to how we do things.",
        required: true,
        long: true,
        missing: "Tell us what you would like us to do",
    },
    Question {
        field: "adjustments",
        label: "Do you need anything from us to take part? (optional)",
        hint:
            "For example: written contact only, an interpreter, large print, or more time to reply.",
        required: false,
        long: true,
        missing: "",
    },
    Question {
        field: "related",
        label: "Is it about a repair or something else you have told us about? (optional)",
        hint: "Give its reference, like RP-7K4QXP or EQ-3M9TXA. You will find it in your repairs or your complaints and questions.",
        required: false,
        long: false,
        missing: "",
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
    },
    Question {
        field: "what",
        label: "What did they do?",
        hint: "We will pass your words on to them and their manager.",
        required: true,
        long: true,
        missing: "Tell us what they did",
    },
];

pub(super) const ENQUIRY_QUESTIONS: &[Question] = &[Question {
    field: "what",
    label: "What would you like to ask?",
    hint: "Give as much detail as you can, so we can answer in one go.",
    required: true,
    long: true,
    missing: "Write your question",
}];

impl CaseKind {
    /// The questions of this kind's journey, in order, one to a page.
    pub fn questions(self) -> &'static [Question] {
        match self {
            CaseKind::Complaint => COMPLAINT_QUESTIONS,
            CaseKind::Compliment => COMPLIMENT_QUESTIONS,
            CaseKind::Enquiry => ENQUIRY_QUESTIONS,
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
        let limit = if self.long { TEXT_LIMIT } else { SHORT_LIMIT };
        if value.is_empty() && self.required {
            return Err(self.missing.to_owned());
        }
        if value.chars().count() > limit {
            return Err(format!("Your answer must be {limit} characters or fewer"));
        }
        Ok(value)
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
