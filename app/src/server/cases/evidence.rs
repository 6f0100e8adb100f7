//! A complaint's evidence pack for the ombudsman (one HTML file) and the complaints report as
//! CSV.

use super::*;

pub(super) fn paragraphs(text: &str) -> String {
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
    use crate::format::when;
    use crate::server::authz::{may, Action};
    let Some(account) = crate::server::auth::session_account(state, session).await? else {
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
    let mut needs = crate::server::preferences::needs_banner_for(state, &account, row.person_id)
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
    crate::server::db::accounts::record_audit(
        &state.db,
        crate::server::db::accounts::AuditEvent::by(Some(account.id), "evidence_pack_downloaded")
            .on("case", &row.reference)
            .for_person(row.person_id),
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
        crate::server::performance::report_download_period(state, session, from, to).await?
    else {
        return Ok(None);
    };
    let (lines, _) = report::report_figures(state, from, to).await?;
    let mut csv = crate::server::spreadsheet::Csv::new([
        "from",
        "to",
        "homes_group",
        "homes",
        "stage_1_received",
        "stage_1_per_1000_homes",
        "stage_2_received",
        "stage_2_per_1000_homes",
        "stage_1_responded",
        "stage_1_within_timescale",
        "stage_1_within_timescale_percent",
        "stage_2_responded",
        "stage_2_within_timescale",
        "stage_2_within_timescale_percent",
    ]);
    for l in lines {
        csv.row([
            from.to_string(),
            to.to_string(),
            l.group.clone(),
            l.homes.to_string(),
            l.stage_1_received.to_string(),
            figure(l.stage_1_per_1000),
            l.stage_2_received.to_string(),
            figure(l.stage_2_per_1000),
            l.stage_1_responded.to_string(),
            l.stage_1_in_time.to_string(),
            figure(l.stage_1_in_time_percent),
            l.stage_2_responded.to_string(),
            l.stage_2_in_time.to_string(),
            figure(l.stage_2_in_time_percent),
        ]);
    }
    let csv = csv.finish()?;
    Ok(Some((format!("complaints-{from}-to-{to}.csv"), csv)))
}
