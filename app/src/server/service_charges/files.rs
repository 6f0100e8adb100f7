//! A statement as a CSV file and as a page to print.

use super::*;

/// The home's statement as CSV: one row a line, with the comparison when there is one.
pub async fn statement_csv(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<(String, String)>, AppError> {
    let Some((view, _)) = route_reader(state, session, reference, for_person).await? else {
        return Ok(None);
    };
    let plain = |m: &str| m.replace(['£', ','], "");
    let compared = view.compared_with.is_some();
    let mut header = vec![
        "heading".to_owned(),
        "what it pays for".to_owned(),
        "total cost".to_owned(),
        "your share".to_owned(),
    ];
    if let Some(label) = &view.compared_with {
        header.push(format!("your share: {label}"));
    }
    let mut csv = crate::server::spreadsheet::Csv::new(header);
    for line in &view.lines {
        let mut cells = vec![
            line.heading.clone(),
            line.explanation.clone(),
            plain(&line.total),
            plain(&line.share),
        ];
        if compared {
            cells.push(line.other.as_deref().map(plain).unwrap_or_default());
        }
        csv.row(cells);
    }
    let mut total = vec![
        "Total".to_owned(),
        String::new(),
        plain(&view.building_total),
        plain(&view.total_share),
    ];
    if compared {
        total.push(view.other_total.as_deref().map(plain).unwrap_or_default());
    }
    csv.row(total);
    let csv = csv.finish()?;
    let kind = if view.is_account {
        "account"
    } else {
        "estimate"
    };
    let filename = format!(
        "service-charge-{kind}-{}-{}.csv",
        view.year.replace(' ', "-").to_lowercase(),
        view.reference
    );
    Ok(Some((filename, csv)))
}

/// The home's statement as a page to print or save, with nothing but the statement.
pub async fn statement_print(
    state: &AppState,
    session: &Session,
    reference: &str,
    for_person: Option<i64>,
) -> Result<Option<String>, AppError> {
    use crate::server::cases::escape;
    let Some((view, reader)) = route_reader(state, session, reference, for_person).await? else {
        return Ok(None);
    };
    let landlord = &state.site.profile.landlord;
    let title = format!("{} - {} - {}", view.kind_label, view.place, view.year);
    // The site's stylesheet (the page's policy allows no inline style or script).
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <link rel=\"stylesheet\" href=\"/pkg/doorstep.css\"></head><body><main class=\"print-page\">",
        escape(&title)
    );
    html.push_str(&format!(
        "<p>{}</p><h1 class=\"heading-l\">{}</h1><p><strong>{}</strong>, {}.</p>\
         <p class=\"hint no-print\">Use your browser's Print command to print this page or save it as a PDF.</p>",
        escape(&landlord.name),
        escape(&view.kind_label),
        escape(&view.place),
        escape(&view.year)
    ));
    if let Some(at) = &reader.residence {
        html.push_str(&format!("<p>For {}.</p>", escape(&at.address)));
    }
    html.push_str(&format!("<p>{}</p>", escape(&view.how_shared)));
    html.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Your share, line by line\"><table class=\"table\"><caption>Your share, line by line</caption><thead><tr><th scope=\"col\">Cost</th><th scope=\"col\">What it pays for</th><th scope=\"col\" class=\"number\">Total cost</th><th scope=\"col\" class=\"number\">Your share</th>");
    if let Some(label) = &view.compared_with {
        html.push_str(&format!(
            "<th scope=\"col\" class=\"number\">{}</th>",
            escape(label)
        ));
    }
    html.push_str("</tr></thead><tbody>");
    // One row: the heading, then the cells, then the comparison when there is one.
    let compared = view.compared_with.is_some();
    let row = |heading: &str, cells: [&str; 3], other: Option<&str>| {
        let mut tr = format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"number\">{}</td><td class=\"number\">{}</td>",
            escape(heading),
            escape(cells[0]),
            escape(cells[1]),
            escape(cells[2])
        );
        if compared {
            tr.push_str(&format!(
                "<td class=\"number\">{}</td>",
                escape(other.unwrap_or(""))
            ));
        }
        tr + "</tr>"
    };
    for line in &view.lines {
        html.push_str(&row(
            &line.heading,
            [&line.explanation, &line.total, &line.share],
            line.other.as_deref(),
        ));
    }
    html.push_str("</tbody><tfoot>");
    html.push_str(&row(
        "Total",
        ["", &view.building_total, &view.total_share],
        view.other_total.as_deref(),
    ));
    html.push_str("</tfoot></table></div>");
    if let Some((title, words)) = &view.balance {
        html.push_str(&format!(
            "<h2 class=\"heading-m\">{}</h2><p>{}</p>",
            escape(title),
            escape(words)
        ));
    }
    html.push_str(&format!(
        "<p>Questions about your service charges: phone {} or email {}. Reference {}.</p></main></body></html>",
        escape(&landlord.phone),
        escape(&landlord.email),
        escape(&view.reference)
    ));
    Ok(Some(html))
}
