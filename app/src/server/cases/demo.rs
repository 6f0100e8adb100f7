//! The demo's cases: complaints, compliments and questions at every stage.

use super::*;

/// Demo cases: a complaint Priya Shah made for Margaret Lewis,
/// a question from Amira Hassan and a compliment from Daniel Okafor; Priya's permission to act
/// for Margaret; colleagues' teams, with Fiona Reid as everyone's manager. Loaded by
/// `seed-demo`; does nothing when there are cases already.
pub async fn seed_demo_cases(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::server::db::accounts::account_by_email;
    use crate::server::db::repairs::person_on_tenancy;
    if store::colleagues(&state.db)
        .await?
        .iter()
        .any(|c| c.team.is_some())
    {
        return Ok(0);
    }
    let manager = account_by_email(&state.db, "fiona.reid@staff.example.org").await?;
    let manager_id = manager.as_ref().map(|m| m.id);
    use crate::server::db::teams;
    for colleague in store::colleagues(&state.db).await? {
        let name = match colleague.role.as_str() {
            "customer_services" => "Customer services",
            "repairs_planner" => "Repairs",
            "complaints_handler" => "Complaints and resolution",
            "manager" => "Housing management",
            _ => "Digital and data",
        };
        let team = match teams::create(&state.db, name, now).await? {
            Some(id) => id,
            None => teams::teams(&state.db)
                .await?
                .into_iter()
                .find(|t| t.name == name)
                .map(|t| t.id)
                .ok_or(AppError::NotFound)?,
        };
        teams::add_member(&state.db, team, colleague.id, now).await?;
        // Fiona Reid manages every team.
        if let Some(manager) = manager_id {
            teams::add_member(&state.db, team, manager, now).await?;
            teams::set_manager(&state.db, team, manager, true).await?;
        }
    }
    // New work goes where the profile routes it (unless routes were set already).
    teams::apply_profile_routes(&state.db, &state.site.profile.team_routes, now).await?;
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
        let opening = Opening::new(
            CaseKind::Complaint,
            Some(margaret),
            MadeBy::Advocate,
            Some(advocate.id),
            Channel::Portal,
            &answers,
            now,
        );
        open_case(state, opening, now).await?;
        made += 1;
    }
    let others = [
        (amira, CaseKind::Enquiry, Channel::Portal, vec![("what", "Can I have a second key fob for the main door of Alder Court? My mother visits every day.")]),
        (daniel, CaseKind::Compliment, Channel::Portal, vec![("who", "Sunita in the repairs team"), ("what", "Sunita rearranged our boiler repair around my shifts and kept us posted all week.")]),
        (daniel, CaseKind::Callback, Channel::Text, vec![("what", "I would like to talk about paying my rent fortnightly instead of monthly."), ("phone", "07700 900 123"), ("times", "After 4pm on weekdays")]),
        (amira, CaseKind::HomeVisit, Channel::Portal, vec![("what", "My mother is moving in with me and I would like to talk about adding her to the household and the adaptations she needs."), ("preference", "female"), ("times", "Mornings, not Mondays")]),
        (margaret, CaseKind::OfficeAppointment, Channel::Portal, vec![("what", "I would like help filling in my housing benefit form."), ("times", "Thursday afternoons")]),
        (amira, CaseKind::Comment, Channel::Portal, vec![("what", "Could the bins at Alder Court be emptied on a Monday instead of a Friday? They overflow over the weekend.")]),
    ];
    for (person, kind, channel, words) in others {
        let Some(person) = person else { continue };
        // Only what this landlord offers.
        if !kind.offered(&state.site.profile) {
            continue;
        }
        let account = crate::server::db::accounts::account_for_person(&state.db, person).await?;
        let answers: BTreeMap<String, String> = words
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let opening = Opening::new(
            kind,
            Some(person),
            MadeBy::Resident,
            account.map(|a| a.id),
            channel,
            &answers,
            now,
        );
        open_case(state, opening, now).await?;
        made += 1;
    }
    // The demo's repairs, made before its teams, go to the repairs team.
    teams::route_unowned(&state.db).await?;
    // Two "Contact us" messages from people who did not sign in.
    let visitors = [
        ("Sam Jones", Some("sam.jones@example.org"), None, "I am thinking of applying for one of your shared ownership homes at Birch Gardens. Is there a waiting list?"),
        ("Kerry Ahmed", None, Some("07700 900 456"), "I look after my neighbour at 3 Alder Court. The lift has been out for a week and she cannot get out. Who do I speak to?"),
    ];
    for (name, email, phone, message) in visitors {
        let answers = BTreeMap::from([("what".to_owned(), message.to_owned())]);
        let opening = Opening {
            contact: Some(crate::domain::contact::ContactMessage {
                name: name.to_owned(),
                email: email.map(str::to_owned),
                phone: phone.map(str::to_owned),
                message: message.to_owned(),
            }),
            ..Opening::new(
                CaseKind::Message,
                None,
                MadeBy::Visitor,
                None,
                Channel::Portal,
                &answers,
                now,
            )
        };
        open_case(state, opening, now).await?;
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
