//! The emails Doorstep sends, in plain words. Each ends with the landlord's phone number, so a
//! person who did not expect the message knows whom to ask.

use crate::domain::profile::Landlord;

pub struct Email {
    pub subject: String,
    pub body: String,
}

fn email(landlord: &Landlord, subject: &str, paragraphs: &[String]) -> Email {
    let mut body = paragraphs.join("\n\n");
    body.push_str(&format!(
        "\n\nIf you need help, phone {} on {}.\n\n{}\n",
        landlord.name, landlord.phone, landlord.name
    ));
    Email {
        subject: subject.to_owned(),
        body,
    }
}

pub fn confirm_account(landlord: &Landlord, name: &str, link: &str) -> Email {
    email(
        landlord,
        "Confirm your Doorstep account",
        &[
            format!("Dear {name},"),
            "To finish setting up your account, open this link within 24 hours:".into(),
            link.into(),
            "If you did not ask for an account, you can ignore this email.".into(),
        ],
    )
}

pub fn already_have_account(landlord: &Landlord, name: &str, base: &str) -> Email {
    email(
        landlord,
        "You already have a Doorstep account",
        &[
            format!("Dear {name},"),
            "Someone, probably you, tried to set up a Doorstep account for you, but you already have one.".into(),
            format!("Sign in at {base}/sign-in"),
            format!("If you have forgotten your password, reset it at {base}/reset-password"),
        ],
    )
}

pub fn email_already_used(landlord: &Landlord, base: &str) -> Email {
    email(
        landlord,
        "Someone tried to use this email address on Doorstep",
        &[
            "Someone tried to set up a Doorstep account with this email address, which already belongs to an account.".into(),
            format!("If it was you, sign in at {base}/sign-in or reset your password at {base}/reset-password"),
            "If it was not you, you do not need to do anything.".into(),
        ],
    )
}

pub fn claim_replaced(landlord: &Landlord, base: &str) -> Email {
    email(
        landlord,
        "Your Doorstep account was set up again with another email address",
        &[
            "You, or someone else, started setting up a Doorstep account with this email address. Since then someone has started again with a different email address, so the link we sent you no longer works.".into(),
            format!("If that was you, use the newest email. If it was not you, phone us straight away. You can start again at {base}/claim-account"),
        ],
    )
}

pub fn reset_password(landlord: &Landlord, name: &str, link: &str) -> Email {
    email(
        landlord,
        "Reset your Doorstep password",
        &[
            format!("Dear {name},"),
            "To choose a new password, open this link within 60 minutes. It works once.".into(),
            link.into(),
            "If you did not ask to reset your password, you can ignore this email: your password has not changed.".into(),
        ],
    )
}

pub fn password_changed(landlord: &Landlord, name: &str, base: &str) -> Email {
    email(
        landlord,
        "Your Doorstep password has changed",
        &[
            format!("Dear {name},"),
            "Your password has just been changed, and you have been signed out everywhere else.".into(),
            format!("If you did not do this, reset your password now at {base}/reset-password and phone us."),
        ],
    )
}

pub fn sign_in_attempts(landlord: &Landlord, name: &str, base: &str) -> Email {
    email(
        landlord,
        "Several failed attempts to sign in to your Doorstep account",
        &[
            format!("Dear {name},"),
            "There have been several attempts to sign in to your account with the wrong password. For a while, new attempts have to wait.".into(),
            "If it was you, you can wait and try again, or reset your password:".into(),
            format!("{base}/reset-password"),
            "If it was not you, your account is still safe; you may want to choose a longer password.".into(),
        ],
    )
}

pub fn staff_invitation(landlord: &Landlord, name: &str, role: &str, link: &str) -> Email {
    email(
        landlord,
        "Your Doorstep staff account",
        &[
            format!("Dear {name},"),
            format!("An administrator has set up a Doorstep account for you as {role}."),
            "Choose your password with this link within 7 days:".into(),
            link.into(),
        ],
    )
}

pub fn confirm_new_email(landlord: &Landlord, name: &str, link: &str) -> Email {
    email(
        landlord,
        "Confirm your new email address for Doorstep",
        &[
            format!("Dear {name},"),
            "To start using this email address for your Doorstep account, open this link within 24 hours:".into(),
            link.into(),
            "If you did not ask for this, you can ignore this email.".into(),
        ],
    )
}

pub fn email_changed(landlord: &Landlord, name: &str, new_email: &str) -> Email {
    email(
        landlord,
        "The email address for your Doorstep account has changed",
        &[
            format!("Dear {name},"),
            format!("Your Doorstep account now uses {new_email}. We will not email this address about it again."),
            "If you did not do this, phone us straight away.".into(),
        ],
    )
}

/// A change to a repair the person reported or follows.
pub fn repair_update(
    landlord: &Landlord,
    name: &str,
    reference: &str,
    summary: &str,
    what: &str,
    link: &str,
) -> Email {
    email(
        landlord,
        &format!("Your repair {reference}: {what}"),
        &[
            format!("Dear {name},"),
            format!("There is news about your repair {reference} ({summary}):"),
            what.to_owned(),
            format!("See where it stands, and book or change a visit, at {link}"),
        ],
    )
}

/// News about a complaint, compliment or question the person made or is the subject of.
pub fn case_update(
    landlord: &Landlord,
    name: &str,
    reference: &str,
    kind: &str,
    summary: &str,
    what: &str,
    link: &str,
) -> Email {
    email(
        landlord,
        &format!("{kind} {reference}: an update"),
        &[
            format!("Dear {name},"),
            format!(
                "There is news about {} {reference} ({summary}):",
                kind.to_lowercase()
            ),
            what.to_owned(),
            format!("Read it, and reply to us, at {link}"),
        ],
    )
}

/// News about a message from someone not signed in: what there is to say, and how to answer
/// (they cannot read the case online).
pub fn message_update(
    landlord: &Landlord,
    name: &str,
    reference: &str,
    what: &str,
    link: &str,
) -> Email {
    email(
        landlord,
        &format!("Your message {reference}"),
        &[
            format!("Dear {name},"),
            format!("About your message {reference}:"),
            what.to_owned(),
            format!(
                "To answer, send us a message at {link} or phone {}, and give the reference {reference}.",
                landlord.phone
            ),
        ],
    )
}

/// Work given to a colleague or to their team: what it is and where to open it.
pub fn work_given(
    landlord: &Landlord,
    name: &str,
    to_whom: &str,
    reference: &str,
    what: &str,
    link: &str,
) -> Email {
    email(
        landlord,
        &format!("{reference} is now {to_whom}"),
        &[
            format!("Dear {name},"),
            format!("{reference} ({what}) is now {to_whom}."),
            format!("Open it at {link}"),
        ],
    )
}

/// A resident's thanks, passed on to the colleague or their manager.
pub fn compliment(landlord: &Landlord, name: &str, colleague: &str, words: &str) -> Email {
    email(
        landlord,
        &format!("A compliment for {colleague}"),
        &[
            format!("Dear {name},"),
            format!("A resident has thanked {colleague}. In their words:"),
            words.to_owned(),
        ],
    )
}

/// To someone a colleague recorded as able to act for a resident (from a signed form or a
/// call). `start`: how to begin, with the link (choose a password, or sign in).
pub fn permission_recorded(
    landlord: &Landlord,
    name: &str,
    resident: &str,
    scope: &str,
    until: &str,
    start: &[String],
) -> Email {
    let mut paragraphs = vec![
        format!("Dear {name},"),
        format!(
            "{resident} has given you permission to act for them with {}, in: {scope}, until {until}.",
            landlord.name
        ),
    ];
    paragraphs.extend(start.iter().cloned());
    email(
        landlord,
        &format!("You can now act for {resident}"),
        &paragraphs,
    )
}
