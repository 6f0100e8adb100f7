//! Server-side parts of cases shared by the resident's, the advocate's and the staff's server
//! functions: the case being written (kept in the session until it is sent), opening a case
//! with its deadlines from the profile, telling people about changes, and the demo cases.

pub mod report;
pub mod view;
pub mod workflow;

use super::db::cases::{self as store, CaseRow, NewCase, NewClock, NewEvent};
use super::forms::SessionSlot;
use super::state::AppState;
use crate::domain::cases::{CaseKind, Channel, ClockKind, Complaint, MadeBy};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tower_sessions::Session;

/// The case being written, kept in the session until it is sent.
pub const DRAFT: SessionSlot<Draft> = SessionSlot::new("case_draft");

/// A case being written. Nothing is stored until it is sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Sending twice creates one case.
    pub token: String,
    pub kind: Option<CaseKind>,
    /// The resident an advocate is acting for.
    pub for_person: Option<i64>,
    pub answers: BTreeMap<String, String>,
    /// The repair or case this is about ("make a complaint about this").
    pub related: Option<String>,
}

/// Everything needed to open a case, however it arrived.
pub struct Opening<'a> {
    pub token: String,
    pub kind: CaseKind,
    pub person_id: i64,
    pub made_by: MadeBy,
    pub made_by_account_id: Option<i64>,
    pub channel: Channel,
    pub answers: &'a BTreeMap<String, String>,
    pub related: Option<String>,
    pub received_at: DateTime<Utc>,
}

/// The deadlines a new case starts with, from the profile: a complaint's first stage, an
/// enquiry's reply standard, a compliment's acknowledgement if the landlord sets one.
fn opening_clocks(state: &AppState, kind: CaseKind, received_at: DateTime<Utc>) -> Vec<NewClock> {
    let schedule = state.site.schedule();
    let profile = &state.site.profile;
    let clock = |kind: ClockKind, timescale| NewClock {
        kind: kind.into(),
        started_at: received_at,
        due_at: schedule.deadline(received_at, timescale),
    };
    match kind {
        CaseKind::Complaint => Complaint::clocks_on_receipt(&profile.complaints)
            .start
            .into_iter()
            .map(|(k, t)| clock(k, t))
            .collect(),
        CaseKind::Enquiry => {
            let standard = &profile.enquiry_standard;
            standard
                .acknowledge
                .map(|t| clock(ClockKind::Acknowledge, t))
                .into_iter()
                .chain(standard.respond.map(|t| clock(ClockKind::Reply, t)))
                .collect()
        }
        CaseKind::Compliment => profile
            .compliment_standard
            .as_ref()
            .and_then(|s| s.acknowledge.or(s.respond))
            .map(|t| clock(ClockKind::Acknowledge, t))
            .into_iter()
            .collect(),
    }
}

/// The status a new case starts in.
pub fn opening_status(state: &AppState, kind: CaseKind) -> crate::domain::cases::Status {
    use crate::domain::cases::Status;
    let profile = &state.site.profile;
    match kind {
        CaseKind::Complaint => Complaint::received(&profile.complaints).status,
        CaseKind::Enquiry if profile.enquiry_standard.acknowledge.is_none() => Status::Open,
        CaseKind::Enquiry | CaseKind::Compliment => Status::Received,
    }
}

/// Opens the case once per token and tells the resident (and the advocate who made it).
/// Returns the reference and whether this call created it.
pub async fn open_case(
    state: &AppState,
    opening: Opening<'_>,
    now: DateTime<Utc>,
) -> Result<(String, bool), AppError> {
    let place = super::db::repairs::place_for_person(&state.db, opening.person_id).await?;
    let answer = |field: &str| {
        opening
            .answers
            .get(field)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let details = answer("what").unwrap_or_default();
    let kind = opening.kind;
    let title = match (kind, opening.made_by) {
        (_, MadeBy::Staff) => format!(
            "{} recorded from a {}",
            kind.label(),
            opening.channel.label().to_lowercase()
        ),
        (CaseKind::Complaint, _) => "Complaint made".to_owned(),
        (CaseKind::Compliment, _) => "Compliment sent".to_owned(),
        (CaseKind::Enquiry, _) => "Question sent".to_owned(),
    };
    let on_behalf = (opening.made_by == MadeBy::Advocate).then_some(opening.person_id);
    let new = NewCase {
        submission_token: opening.token.clone(),
        kind: kind.as_str(),
        person_id: opening.person_id,
        home_id: place.as_ref().map(|p| p.home_id),
        tenure: place.as_ref().map(|p| p.tenure.clone()),
        made_by: opening.made_by.as_str(),
        made_by_account_id: opening.made_by_account_id,
        channel: opening.channel.as_str(),
        status: opening_status(state, kind).as_str(),
        summary: crate::domain::cases::summary_of(kind, &details),
        details,
        happened_when: answer("when"),
        outcome_wanted: answer("outcome"),
        adjustments: answer("adjustments"),
        thanks_to: answer("who"),
        related_reference: opening.related.clone(),
        received_at: opening.received_at,
        clocks: opening_clocks(state, kind, opening.received_at),
        events: vec![NewEvent::shown("opened", title)
            .by(opening.made_by_account_id)
            .for_person(on_behalf)],
    };
    let prefix = kind.prefix();
    let (reference, created) =
        store::create_case(&state.db, &new, now, || super::tokens::reference(prefix)).await?;
    if created {
        if let Some(row) = store::case_by_reference(&state.db, &reference).await? {
            let due = new.clocks.first().map(|c| crate::format::when(c.due_at));
            let what = match (kind, due) {
                (CaseKind::Complaint, Some(due)) => format!(
                    "We have received your complaint. We will {} by {due}.",
                    if new.status == "received" {
                        "acknowledge it"
                    } else {
                        "reply"
                    }
                ),
                (CaseKind::Enquiry, Some(due)) => {
                    format!("We have received your question. We will reply by {due}.")
                }
                (CaseKind::Compliment, _) => {
                    "Thank you for your compliment. We will pass it on.".to_owned()
                }
                (_, None) => "We have received it.".to_owned(),
            };
            notify(
                state,
                &row,
                crate::domain::preferences::MessageKind::Acknowledged,
                &what,
            )
            .await?;
        }
    }
    Ok((reference, created))
}

/// Tells the resident about a case (by the channel they allow, and in their messages on the
/// portal) and, when an advocate made it, emails the advocate too.
pub async fn notify(
    state: &AppState,
    row: &CaseRow,
    kind: crate::domain::preferences::MessageKind,
    what: &str,
) -> Result<(), AppError> {
    let landlord = &state.site.profile.landlord;
    let path = format!("/cases/{}", row.reference);
    let label = row.kind.label();
    let notice = super::notify::Notice {
        kind,
        subject: format!("{label} {}: an update", row.reference),
        what: format!(
            "There is news about {} {} ({}):\n\n{what}",
            label.to_lowercase(),
            row.reference,
            row.summary
        ),
        reference: Some(row.reference.clone()),
        path: Some(path.clone()),
    };
    super::notify::tell(state, row.person_id, &notice, Utc::now()).await?;
    if row.made_by == MadeBy::Advocate.as_str() {
        if let (Some(email), Some(name)) = (&row.made_by_email, &row.made_by_name) {
            let message = super::emails::case_update(
                landlord,
                name,
                &row.reference,
                label,
                &row.summary,
                what,
                &state.link(&path),
            );
            state.outbox.queue(&state.db, email, message).await?;
        }
    }
    Ok(())
}

/// Demo cases: a complaint Priya Shah made for Margaret Lewis,
/// a question from Amira Hassan and a compliment from Daniel Okafor; Priya's permission to act
/// for Margaret; colleagues' teams, with Fiona Reid as everyone's manager. Loaded by
/// `seed-demo`; does nothing when there are cases already.
pub async fn seed_demo_cases(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use super::db::accounts::account_by_email;
    use super::db::repairs::person_on_tenancy;
    if store::colleagues(&state.db)
        .await?
        .iter()
        .any(|c| c.team.is_some())
    {
        return Ok(0);
    }
    let manager = account_by_email(&state.db, "fiona.reid@staff.example.org").await?;
    let manager_id = manager.as_ref().map(|m| m.id);
    for colleague in store::colleagues(&state.db).await? {
        let team = match colleague.role.as_str() {
            "customer_services" => "Customer services",
            "repairs_planner" => "Repairs",
            "complaints_handler" => "Complaints and resolution",
            "manager" => "Housing management",
            _ => "Digital and data",
        };
        let manager = manager_id.filter(|m| *m != colleague.id);
        store::set_team(&state.db, colleague.id, team, manager, now).await?;
    }
    let advocate = account_by_email(&state.db, "priya.shah@advice.example.org").await?;
    let margaret = person_on_tenancy(&state.db, "TEN-100003").await?;
    let amira = person_on_tenancy(&state.db, "TEN-100001").await?;
    let daniel = person_on_tenancy(&state.db, "TEN-100002").await?;
    let mut made = 0;
    if let (Some(advocate), Some(margaret)) = (&advocate, margaret) {
        let ends = crate::domain::london::to_local(now).date() + chrono::Duration::days(365);
        store::grant_permission(
            &state.db,
            advocate.id,
            margaret,
            "complaints",
            Some(ends),
            Some("Signed consent form, kept on file"),
            None,
            now,
        )
        .await?;
        let answers = BTreeMap::from([
            ("what".to_owned(), "Mrs Lewis reported mould in her bedroom in the summer. Two visits were missed without warning and nobody called her back.".to_owned()),
            ("when".to_owned(), "Since July, and the last missed visit was two weeks ago".to_owned()),
            ("outcome".to_owned(), "Treat the mould, fix the cause, and an apology for the missed visits".to_owned()),
            ("adjustments".to_owned(), "Written contact only, in large print. Please copy in her advocate.".to_owned()),
        ]);
        open_case(
            state,
            Opening {
                token: super::tokens::submission_token(),
                kind: CaseKind::Complaint,
                person_id: margaret,
                made_by: MadeBy::Advocate,
                made_by_account_id: Some(advocate.id),
                channel: Channel::Portal,
                answers: &answers,
                related: None,
                received_at: now,
            },
            now,
        )
        .await?;
        made += 1;
    }
    let others = [
        (amira, CaseKind::Enquiry, vec![("what", "Can I have a second key fob for the main door of Alder Court? My mother visits every day.")]),
        (daniel, CaseKind::Compliment, vec![("who", "Sunita in the repairs team"), ("what", "Sunita rearranged our boiler repair around my shifts and kept us posted all week.")]),
    ];
    for (person, kind, words) in others {
        let Some(person) = person else { continue };
        let account = super::db::accounts::account_for_person(&state.db, person).await?;
        let answers: BTreeMap<String, String> = words
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        open_case(
            state,
            Opening {
                token: super::tokens::submission_token(),
                kind,
                person_id: person,
                made_by: MadeBy::Resident,
                made_by_account_id: account.map(|a| a.id),
                channel: Channel::Portal,
                answers: &answers,
                related: None,
                received_at: now,
            },
            now,
        )
        .await?;
        made += 1;
    }
    Ok(made)
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn paragraphs(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>", escape(l)))
        .collect()
}

/// The evidence pack: a complaint's whole record (internal notes included) as one printable
/// HTML document, for the ombudsman. `None` when the caller may not have it or it does not
/// exist. The download is recorded in the audit trail.
pub async fn evidence_pack(
    state: &AppState,
    session: &Session,
    reference: &str,
) -> Result<Option<(String, String)>, AppError> {
    use super::authz::{may, Action};
    use crate::format::when;
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ViewComplaintReports) {
        return Ok(None);
    }
    let Some((CaseKind::Complaint, reference)) = CaseKind::of_reference(reference) else {
        return Ok(None);
    };
    let Some(row) = store::case_by_reference(&state.db, &reference).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let view = crate::server::cases::view::view(state, &row, true, now).await?;
    let mut needs = crate::server::preferences::needs_banner(state, &account, row.person_id)
        .await?
        .lines;
    if let Some(a) = row.adjustments.clone().filter(|a| !a.trim().is_empty()) {
        needs.push(format!("Asked for on this case: {a}"));
    }
    let landlord = &state.site.profile.landlord;
    let mut html = String::new();
    let title = format!("Complaint {} - evidence pack", row.reference);
    html.push_str(&format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}}\
         th{{text-align:left;vertical-align:top;padding-right:1em}}td,th{{border-bottom:1px solid #ccc;padding:.3em}}\
         table{{border-collapse:collapse;width:100%}}.internal{{color:#6c2b00}}</style></head><body>",
        escape(&title)
    ));
    html.push_str(&format!(
        "<h1>{}</h1><p>{} - produced {} by {}</p>",
        escape(&title),
        escape(&landlord.name),
        escape(&when(now)),
        escape(&account.display_name)
    ));
    let rows: Vec<(&str, String)> = vec![
        ("Reference", view.reference.clone()),
        ("Summary", view.summary.clone()),
        ("Resident", view.person.clone()),
        ("Made by", view.made_by.clone()),
        ("How it reached us", view.channel.clone()),
        ("Received", view.received.clone()),
        ("Status", view.status.clone()),
        ("Stage", view.stage_name.clone().unwrap_or_default()),
        (
            "Handled by",
            view.owner.clone().unwrap_or_else(|| "Nobody".into()),
        ),
        (
            "Declined because",
            view.decline_reason
                .clone()
                .unwrap_or_else(|| "Not declined".into()),
        ),
        ("Needs and adjustments", needs.join("; ")),
    ];
    html.push_str("<h2>The complaint</h2><table>");
    for (k, v) in rows {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(k),
            escape(&v)
        ));
    }
    for (k, v) in &view.answers {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(k),
            paragraphs(v)
        ));
    }
    html.push_str("</table>");
    if let Some(u) = &view.understanding {
        html.push_str(&format!(
            "<h2>The complaint as we understood it</h2>{}",
            paragraphs(u)
        ));
    }
    html.push_str("<h2>Deadlines</h2><table><tr><th scope=\"col\">Deadline</th><th scope=\"col\">Due</th><th scope=\"col\">Where it stands</th></tr>");
    for d in &view.deadlines {
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.label),
            escape(&d.due),
            escape(d.state.label())
        ));
    }
    html.push_str("</table>");
    for r in &view.responses {
        html.push_str(&format!(
            "<h2>{}</h2><p>Sent {} by {}</p>",
            escape(&r.title),
            escape(&r.when),
            escape(&r.by)
        ));
        if let Some(d) = &r.decision {
            html.push_str(&format!("<p><strong>Decision: {}</strong></p>", escape(d)));
        }
        html.push_str(&paragraphs(&r.points));
        if let Some(x) = &r.reasons {
            html.push_str(&format!("<h3>Reasons</h3>{}", paragraphs(x)));
        }
        if let Some(x) = &r.remedy {
            html.push_str(&format!("<h3>Remedy</h3>{}", paragraphs(x)));
        }
    }
    html.push_str("<h2>Actions promised</h2><ul>");
    for a in &view.actions {
        html.push_str(&format!(
            "<li>{} - by {} - {}</li>",
            escape(&a.description),
            escape(&a.due),
            escape(a.done.as_deref().map_or("not done", |d| d))
        ));
    }
    if view.actions.is_empty() {
        html.push_str("<li>None</li>");
    }
    html.push_str("</ul><h2>Every message and event, oldest first</h2><table><tr><th scope=\"col\">When</th><th scope=\"col\">What</th><th scope=\"col\">Who</th></tr>");
    for t in view.timeline.iter().rev() {
        html.push_str(&format!(
            "<tr{}><td>{}</td><td><strong>{}{}</strong>{}</td><td>{}</td></tr>",
            if t.internal {
                " class=\"internal\""
            } else {
                ""
            },
            escape(&t.when),
            escape(&t.title),
            if t.internal { " (internal note)" } else { "" },
            t.body.as_deref().map(paragraphs).unwrap_or_default(),
            escape(t.by.as_deref().unwrap_or("")),
        ));
    }
    html.push_str("</table></body></html>\n");
    super::db::accounts::record_audit(
        &state.db,
        super::db::accounts::AuditEvent::by(Some(account.id), "evidence_pack_downloaded")
            .on("case", &row.reference)
            .for_person(Some(row.person_id)),
        now,
    )
    .await?;
    Ok(Some((format!("evidence-{}.html", row.reference), html)))
}

/// The complaints report as CSV, for the signed-in colleague allowed to see it.
pub async fn complaints_csv(
    state: &AppState,
    session: &Session,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<(String, String)>, AppError> {
    use crate::domain::cases::figure;
    let Some((from, to)) =
        super::performance::report_download_period(state, session, from, to).await?
    else {
        return Ok(None);
    };
    let (lines, _) = report::report_figures(state, from, to).await?;
    let mut csv = String::from("from,to,homes_group,homes,stage_1_received,stage_1_per_1000_homes,stage_2_received,stage_2_per_1000_homes,stage_1_responded,stage_1_within_timescale,stage_1_within_timescale_percent,stage_2_responded,stage_2_within_timescale,stage_2_within_timescale_percent\n");
    for l in lines {
        csv.push_str(&format!(
            "{from},{to},\"{}\",{},{},{},{},{},{},{},{},{},{},{}\n",
            l.group.replace('"', "\"\""),
            l.homes,
            l.stage_1_received,
            figure(l.stage_1_per_1000),
            l.stage_2_received,
            figure(l.stage_2_per_1000),
            l.stage_1_responded,
            l.stage_1_in_time,
            figure(l.stage_1_in_time_percent),
            l.stage_2_responded,
            l.stage_2_in_time,
            figure(l.stage_2_in_time_percent),
        ));
    }
    Ok(Some((format!("complaints-{from}-to-{to}.csv"), csv)))
}
