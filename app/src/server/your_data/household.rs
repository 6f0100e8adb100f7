//! The record's first sections: the resident, their account, home, needs and vulnerabilities.

use super::*;

pub(super) async fn about_you(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let account = r.account;
    let person = r.person;
    let name = r.name;
    let mut sections = Vec::new();
    sections.push(section(
        "About you",
        "Your details as our records hold them.",
        vec![item(
            "Your details",
            facts(vec![
                ("Name", name.clone()),
                (
                    "Date of birth",
                    person.date_of_birth.map(date).unwrap_or_default(),
                ),
                ("Phone", person.phone.clone().unwrap_or_default()),
                (
                    "Email on our records",
                    person.email.clone().unwrap_or_default(),
                ),
                ("First recorded", when(person.created_at)),
            ]),
        )],
    ));
    sections.push(section(
        "Your Doorstep account",
        "How you sign in. Your password is stored only as a one-way hash, which nobody can read back.",
        account
            .map(|account| {
                item(
                    "Account",
                    facts(vec![
                        ("Sign-in email", account.email.clone()),
                        ("Name on the account", account.display_name.clone()),
                        ("Account type", account.role.label().to_owned()),
                    ]),
                )
            })
            .into_iter()
            .collect(),
    ));
    Ok(sections)
}

pub(super) async fn home(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let state = r.state;
    let db = r.db;
    let person_id = r.person_id;
    let mut sections = Vec::new();
    let homes = store::tenancies(db, person_id)
        .await?
        .into_iter()
        .map(|t| {
            let address = [
                Some(t.address_line_1.clone()),
                t.address_line_2.clone(),
                Some(t.town.clone()),
                Some(t.postcode.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            item(
                address,
                facts(vec![
                    ("Tenancy or lease reference", t.reference.clone()),
                    (
                        "Kind",
                        TenancyKind::parse(&t.kind).map_or(t.kind.clone(), |k| {
                            state.site.profile.landlord.tenancy_name(k)
                        }),
                    ),
                    (
                        "Rent or ownership",
                        Tenure::parse(&t.tenure).map_or(t.tenure.clone(), |k| k.label().to_owned()),
                    ),
                    ("Named as", words(&t.relationship)),
                    ("From", date(t.start_date)),
                    ("Until", t.end_date.map(date).unwrap_or_default()),
                ]),
            )
        })
        .collect();
    sections.push(section(
        "Your homes",
        "The tenancies and leases you are named on.",
        homes,
    ));
    Ok(sections)
}

pub(super) async fn needs(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let mut sections = Vec::new();
    let mut needs: Vec<DataItem> = store::needs(db, person_id)
        .await?
        .into_iter()
        .map(|n| item(n.description, facts(vec![("Recorded", when(n.created_at))])))
        .collect();
    needs.extend(
        crate::server::db::preferences::history(db, person_id)
            .await?
            .into_iter()
            .map(|v| {
                let change = crate::server::preferences::change_of(v);
                DataItem {
                    title: format!("Contact preferences saved {}", change.when),
                    facts: facts(vec![("Saved by", change.by.unwrap_or_default())]),
                    history: change
                        .lines
                        .into_iter()
                        .map(|l| Fact::new("Preference", l))
                        .collect(),
                }
            }),
    );
    sections.push(section(
        "How we contact you, and what you need from us",
        "Your needs and every version of your contact preferences, newest first.",
        needs,
    ));
    Ok(sections)
}

pub(super) async fn vulnerabilities(r: &Reading<'_>) -> Result<Vec<DataSection>, AppError> {
    let db = r.db;
    let person_id = r.person_id;
    let mut sections = Vec::new();
    let vulnerabilities = store::vulnerabilities(db, person_id)
        .await?
        .into_iter()
        .map(|v| {
            item(
                v.description,
                facts(vec![
                    ("How you agreed", words(&v.consent)),
                    ("Recorded", when(v.created_at)),
                    ("Review or remove on", date(v.ends_on)),
                    ("Removed", v.removed_at.map(when).unwrap_or_default()),
                ]),
            )
        })
        .collect();
    sections.push(section(
        "Vulnerabilities recorded with your agreement",
        "Only colleagues whose work needs them can see these.",
        vulnerabilities,
    ));
    Ok(sections)
}
