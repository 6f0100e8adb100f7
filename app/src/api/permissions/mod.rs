//! "People who can act for you": a resident sees who may act for them and in what, withdraws a
//! permission at once, and invites a household member or an advocate by email; the invited
//! person accepts from the emailed link, setting up an advocate's account if they have none.

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use leptos::prelude::*;

pub use crate::wire::permissions::*;

#[cfg(feature = "ssr")]
pub(crate) fn permission_view(p: crate::server::db::permissions::Permission) -> PermissionView {
    let when = p.created_at.format(crate::format::DATE);
    PermissionView {
        id: p.id,
        name: p.advocate_name,
        email: p.advocate_email,
        relationship: p
            .relationship
            .as_deref()
            .map(|r| relationship_label(r).to_owned())
            .unwrap_or_default(),
        scope: scope_label(&p.scope).to_owned(),
        until: p.ends_on.map_or("No end date".to_owned(), |d| {
            format!("Until {}", d.format(crate::format::DATE))
        }),
        given: match p.given_by.as_str() {
            "paper" => format!("Recorded by us from a signed form on {when}"),
            "phone" => format!("Recorded by us from a phone call on {when}"),
            _ => format!("Given on Doorstep on {when}"),
        },
        note: p.evidence.filter(|n| !n.trim().is_empty()),
        evidence_file: p.evidence_filename.is_some(),
    }
}

mod invitation;
mod invite;
mod people;
pub use invitation::*;
pub use invite::*;
pub use people::*;
