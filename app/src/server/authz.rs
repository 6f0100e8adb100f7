//! The one place that answers "may this caller do this to this object". Every server function
//! that reads or changes anything asks here first. A resident asking for another resident's
//! object gets "not found", exactly as if it did not exist; a staff page asked for by anyone
//! else is "not found" too, so the answers give nothing away.

use super::db::accounts::Account;
use super::request::session;
use crate::domain::housing::Role;
use crate::domain::repairs::RepairRelation;
use crate::error::AppError;

/// Something a caller wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See a person's home, tenancy and household: that person, or staff.
    ViewHousehold { person_id: i64 },
    /// Manage their own account (every signed-in account).
    ManageOwnAccount,
    /// Create staff accounts, change roles, disable accounts.
    ManageStaff,
    /// Read the audit trail.
    ViewAuditTrail,
    /// Report a repair through Doorstep: a resident for their own home, or an advocate for a
    /// resident whose current permission covers repairs (checked against the store).
    ReportRepair,
    /// Record a repair a resident reported by phone, letter, email, text or in person, through
    /// the same questions: the colleagues who manage repairs.
    RecordRepair,
    /// See a repair: a resident who lives in its home, reported it or follows it, an advocate
    /// whose current permission covers repairs for such a resident (`related`), or any
    /// colleague.
    ViewRepair { related: bool },
    /// Change a repair (priority, visits, outcomes, notes): repairs planners, customer
    /// services, managers and administrators.
    ManageRepairs,
    /// Book, move or cancel a job's visit: its reporter or someone living in its home (or an
    /// advocate acting for one of them), or a colleague who manages repairs. Not a follower of
    /// a communal job, whose appointment it is not.
    ManageRepairVisits { relation: Option<RepairRelation> },
    /// Say whether a job is fixed, and rate it: the resident who reported it or lives in its
    /// home, theirs alone to say.
    AnswerForRepair { relation: Option<RepairRelation> },
    /// See who reported a job and its photos: its parties (or an advocate acting for one) and
    /// every colleague. A follower sees its progress only.
    SeeRepairDetails { relation: Option<RepairRelation> },
    /// See the repairs queue: every colleague.
    ViewRepairQueue,
    /// See one's own visits (the operative's day) and, for each, what the visit needs: the
    /// address, access, the resident's needs, hazards and photos. Operatives and contractors,
    /// whose visits the store finds (an operative's by name, a contractor's by firm).
    WorkVisits,
    /// The missed-appointment and contractors' figures: managers and administrators.
    ViewVisitFigures,
    /// See a visit and what it needs: whoever it is given to (`assigned`), or any colleague
    /// in the office.
    SeeVisit { assigned: bool },
    /// Say "on my way", "arrived" and what happened on a visit: whoever the visit is given to
    /// (`assigned`: the operative named on it, or a colleague of the firm the job is given
    /// to), or a colleague who manages repairs. Nobody else, whatever their role.
    RecordVisit { assigned: bool },
    /// Make a complaint, compliment or enquiry: a resident for themselves, an advocate for a
    /// resident whose current permission covers complaints (checked against the store).
    MakeCase,
    /// See a case: the resident it concerns or who made it, an advocate with a current
    /// permission (`related`), or any colleague.
    ViewCase { related: bool },
    /// See the cases queue: every colleague.
    ViewCaseQueue,
    /// Handle cases (acknowledge, assign, respond, extend, decline, record one from a call or
    /// letter): complaints handlers, customer services, managers and administrators.
    ManageCases,
    /// The complaints reports and evidence packs: complaints handlers, managers and
    /// administrators.
    ViewComplaintReports,
    /// The managers' daily dashboard, across every team: managers and administrators.
    ViewDashboard,
    /// Read their documents and service charges: a resident for their own home, an advocate
    /// for a resident whose current permission covers documents (checked against the store).
    ReadDocuments,
    /// See every document, version and statement, and the yearly safety information list:
    /// every colleague.
    ViewAllDocuments,
    /// Upload, replace and withdraw documents and record safety information given: customer
    /// services, managers and administrators.
    ManageDocuments,
    /// Import and publish service-charge statements: managers and administrators.
    ManageServiceCharges,
    /// Set their own contact preferences and needs: a resident.
    ManageOwnPreferences,
    /// Read a resident's page and needs banner, record preferences given by phone or letter,
    /// and make contact when Doorstep could not: every colleague.
    RecordNeeds,
    /// Read and record vulnerabilities (with the resident's consent): the colleagues whose work
    /// with residents needs them (customer services, repairs planners, complaints handlers,
    /// managers), not administrators.
    ViewVulnerabilities,
    /// See everything held about them, download it, and ask to see the information held (a
    /// subject access request): a resident.
    SeeOwnData,
    /// Handle requests to see the information held (record, confirm identity, extend, send,
    /// close): the colleagues who handle cases (customer services, complaints handlers,
    /// managers and administrators).
    HandleSubjectAccess,
    /// Record a permission to act for a resident given on paper or by phone (with its
    /// evidence), read that evidence, and withdraw a permission when the resident asks: the
    /// colleagues who handle cases.
    RecordPermissions,
    /// The letters print queue: print each letter and mark it posted. Customer services,
    /// managers and administrators.
    PrintLetters,
}

/// The rule itself, with no I/O: easy to read and to test.
pub fn may(caller: &Account, action: Action) -> bool {
    match action {
        Action::ViewHousehold { person_id } => {
            caller.person_id == Some(person_id) && caller.role == Role::Resident
                || caller.role.is_staff()
        }
        Action::ManageOwnAccount => true,
        Action::ManageStaff | Action::ViewAuditTrail => caller.role == Role::Administrator,
        Action::ReportRepair => {
            caller.role == Role::Resident && caller.person_id.is_some()
                || caller.role == Role::Advocate
        }
        Action::ViewRepair { related } => {
            related && matches!(caller.role, Role::Resident | Role::Advocate)
                || caller.role.is_staff()
        }
        Action::ManageRepairs | Action::RecordRepair => matches!(
            caller.role,
            Role::RepairsPlanner | Role::CustomerServices | Role::Manager | Role::Administrator
        ),
        Action::ManageRepairVisits { relation } => {
            party(caller, relation) || may(caller, Action::ManageRepairs)
        }
        Action::AnswerForRepair { relation } => {
            caller.role == Role::Resident && relation.is_some_and(RepairRelation::is_party)
        }
        Action::SeeRepairDetails { relation } => party(caller, relation) || caller.role.is_staff(),
        Action::ViewRepairQueue | Action::ViewCaseQueue => caller.role.is_staff(),
        Action::WorkVisits => caller.role.is_field(),
        Action::SeeVisit { assigned } => {
            assigned && caller.role.is_field() || caller.role.is_staff()
        }
        Action::RecordVisit { assigned } => {
            assigned && caller.role.is_field() || may(caller, Action::ManageRepairs)
        }
        Action::MakeCase => {
            caller.role == Role::Resident && caller.person_id.is_some()
                || caller.role == Role::Advocate
        }
        Action::ViewCase { related } => {
            related && matches!(caller.role, Role::Resident | Role::Advocate)
                || caller.role.is_staff()
        }
        Action::ManageCases | Action::HandleSubjectAccess | Action::RecordPermissions => matches!(
            caller.role,
            Role::ComplaintsHandler | Role::CustomerServices | Role::Manager | Role::Administrator
        ),
        Action::ViewDashboard | Action::ViewVisitFigures => {
            matches!(caller.role, Role::Manager | Role::Administrator)
        }
        Action::ViewComplaintReports => matches!(
            caller.role,
            Role::ComplaintsHandler | Role::Manager | Role::Administrator
        ),
        Action::ReadDocuments => {
            caller.role == Role::Resident && caller.person_id.is_some()
                || caller.role == Role::Advocate
        }
        Action::ViewAllDocuments => caller.role.is_staff(),
        Action::ManageDocuments | Action::PrintLetters => matches!(
            caller.role,
            Role::CustomerServices | Role::Manager | Role::Administrator
        ),
        Action::ManageServiceCharges => {
            matches!(caller.role, Role::Manager | Role::Administrator)
        }
        Action::ManageOwnPreferences | Action::SeeOwnData => {
            caller.role == Role::Resident && caller.person_id.is_some()
        }
        Action::RecordNeeds => caller.role.is_staff(),
        Action::ViewVulnerabilities => matches!(
            caller.role,
            Role::CustomerServices | Role::RepairsPlanner | Role::ComplaintsHandler | Role::Manager
        ),
    }
}

/// A resident, or an advocate acting for one, who reported the job or lives in its home.
fn party(caller: &Account, relation: Option<RepairRelation>) -> bool {
    matches!(caller.role, Role::Resident | Role::Advocate)
        && relation.is_some_and(RepairRelation::is_party)
}

/// "Not found" unless `caller` may do `action`: for a caller already known, asked again for a
/// change after the read was allowed.
pub fn require(caller: &Account, action: Action) -> Result<(), AppError> {
    if may(caller, action) {
        Ok(())
    } else {
        tracing::info!(account = caller.id, ?action, "refused");
        Err(AppError::NotFound)
    }
}

/// The signed-in account, or "sign in first".
pub async fn signed_in() -> Result<Account, AppError> {
    let session = session()?;
    super::auth::current_account(&session)
        .await?
        .ok_or(AppError::SignInRequired)
}

/// The signed-in account if it may do `action`; "sign in first" when signed out, "not found"
/// when it may not.
pub async fn authorise(action: Action) -> Result<Account, AppError> {
    let caller = signed_in().await?;
    require(&caller, action)?;
    Ok(caller)
}

/// [`authorise`] for a plain route, which holds its session itself (the uploads, which ask
/// before they read a file).
pub async fn authorise_session(
    state: &super::state::AppState,
    session: &tower_sessions::Session,
    action: Action,
) -> Result<Account, AppError> {
    let caller = super::auth::session_account(state, session)
        .await?
        .ok_or(AppError::SignInRequired)?;
    require(&caller, action)?;
    Ok(caller)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::password::PasswordHash;

    fn account(role: Role, person_id: Option<i64>) -> Account {
        Account {
            id: 1,
            person_id,
            email: "a@example.org".into(),
            display_name: "A".into(),
            password_hash: PasswordHash::from_stored(String::new()),
            role,
            disabled: false,
            confirmed: true,
            session_epoch: 0,
            firm_id: None,
        }
    }

    #[test]
    fn a_resident_sees_only_their_own_household() {
        let resident = account(Role::Resident, Some(7));
        assert!(may(&resident, Action::ViewHousehold { person_id: 7 }));
        assert!(!may(&resident, Action::ViewHousehold { person_id: 8 }));
        let advocate = account(Role::Advocate, Some(9));
        assert!(!may(&advocate, Action::ViewHousehold { person_id: 7 }));
        assert!(may(
            &account(Role::CustomerServices, None),
            Action::ViewHousehold { person_id: 7 }
        ));
    }

    #[test]
    fn only_administrators_manage_staff_and_read_the_trail() {
        for role in Role::ALL {
            let caller = account(*role, None);
            assert_eq!(
                may(&caller, Action::ManageStaff),
                *role == Role::Administrator
            );
            assert_eq!(
                may(&caller, Action::ViewAuditTrail),
                *role == Role::Administrator
            );
        }
    }

    #[test]
    fn repairs_are_seen_by_related_residents_and_colleagues_and_changed_by_repairs_staff() {
        let resident = account(Role::Resident, Some(7));
        assert!(may(&resident, Action::ReportRepair));
        assert!(may(&resident, Action::ViewRepair { related: true }));
        assert!(!may(&resident, Action::ViewRepair { related: false }));
        assert!(!may(&resident, Action::ManageRepairs));
        assert!(!may(&resident, Action::ViewRepairQueue));
        assert!(!may(&resident, Action::RecordRepair));
        // An advocate reports for a resident whose permission covers repairs; which residents
        // those are is the store's answer (`repairs::view::reporter_for`).
        let advocate = account(Role::Advocate, Some(9));
        assert!(may(&advocate, Action::ReportRepair));
        assert!(!may(&advocate, Action::RecordRepair));
        assert!(may(&advocate, Action::ViewRepair { related: true }));
        assert!(!may(&advocate, Action::ViewRepair { related: false }));
        for role in [
            Role::RepairsPlanner,
            Role::CustomerServices,
            Role::Manager,
            Role::Administrator,
        ] {
            let colleague = account(role, None);
            assert!(may(&colleague, Action::ManageRepairs), "{role:?}");
            assert!(may(&colleague, Action::ViewRepair { related: false }));
            assert!(!may(&colleague, Action::ReportRepair));
            assert!(may(&colleague, Action::RecordRepair), "{role:?}");
        }
        let handler = account(Role::ComplaintsHandler, None);
        assert!(may(&handler, Action::ViewRepairQueue));
        assert!(!may(&handler, Action::ManageRepairs));
        assert!(!may(&handler, Action::RecordRepair));
    }

    #[test]
    fn visits_are_worked_by_whoever_they_are_given_to_and_the_office() {
        for role in Role::ALL {
            let caller = account(*role, None);
            let field = matches!(role, Role::Operative | Role::Contractor);
            assert_eq!(may(&caller, Action::WorkVisits), field, "{role:?}");
            let office = matches!(
                role,
                Role::RepairsPlanner | Role::CustomerServices | Role::Manager | Role::Administrator
            );
            assert_eq!(
                may(&caller, Action::RecordVisit { assigned: true }),
                field || office,
                "{role:?}"
            );
            assert_eq!(
                may(&caller, Action::RecordVisit { assigned: false }),
                office,
                "{role:?}"
            );
            assert_eq!(
                may(&caller, Action::SeeVisit { assigned: true }),
                field || role.is_staff(),
                "{role:?}"
            );
            assert_eq!(
                may(&caller, Action::SeeVisit { assigned: false }),
                role.is_staff(),
                "{role:?}"
            );
            assert_eq!(
                may(&caller, Action::ViewVisitFigures),
                matches!(role, Role::Manager | Role::Administrator),
                "{role:?}"
            );
            // Out in the field is not in the office: no queues, no residents' records.
            if field {
                assert!(!may(&caller, Action::ViewRepairQueue));
                assert!(!may(&caller, Action::ViewRepair { related: false }));
                assert!(!may(&caller, Action::ViewHousehold { person_id: 7 }));
                assert!(!may(&caller, Action::ViewAllDocuments));
                assert!(!may(&caller, Action::ManageRepairs));
                assert!(!may(&caller, Action::ViewVulnerabilities));
            }
        }
    }

    #[test]
    fn seeing_a_repair_is_not_changing_it_a_followers_rights_are_to_follow() {
        use RepairRelation::*;
        let resident = account(Role::Resident, Some(7));
        let advocate = account(Role::Advocate, Some(9));
        for caller in [&resident, &advocate] {
            for party in [Reporter, Household] {
                assert!(may(
                    caller,
                    Action::ManageRepairVisits {
                        relation: Some(party)
                    }
                ));
                assert!(may(
                    caller,
                    Action::SeeRepairDetails {
                        relation: Some(party)
                    }
                ));
            }
            for outsider in [Some(Follower), None] {
                assert!(!may(
                    caller,
                    Action::ManageRepairVisits { relation: outsider }
                ));
                assert!(!may(
                    caller,
                    Action::SeeRepairDetails { relation: outsider }
                ));
                assert!(!may(caller, Action::AnswerForRepair { relation: outsider }));
            }
        }
        assert!(may(
            &resident,
            Action::AnswerForRepair {
                relation: Some(Reporter)
            }
        ));
        assert!(may(
            &resident,
            Action::AnswerForRepair {
                relation: Some(Household)
            }
        ));
        assert!(!may(
            &advocate,
            Action::AnswerForRepair {
                relation: Some(Reporter)
            }
        ));
        for role in Role::ALL.iter().copied().filter(|r| r.is_staff()) {
            let colleague = account(role, None);
            assert!(may(&colleague, Action::ViewRepair { related: false }));
            assert!(may(&colleague, Action::SeeRepairDetails { relation: None }));
            assert!(!may(&colleague, Action::AnswerForRepair { relation: None }));
            // A complaints handler may see a repair, not cancel a resident's visit.
            assert_eq!(
                may(&colleague, Action::ManageRepairVisits { relation: None }),
                may(&colleague, Action::ManageRepairs),
                "{role:?}"
            );
        }
        let handler = account(Role::ComplaintsHandler, None);
        assert!(!may(
            &handler,
            Action::ManageRepairVisits { relation: None }
        ));
    }

    #[test]
    fn cases_rules_for_every_role() {
        let resident = account(Role::Resident, Some(7));
        let advocate = account(Role::Advocate, None);
        assert!(may(&resident, Action::MakeCase));
        assert!(may(&advocate, Action::MakeCase));
        assert!(!may(&account(Role::Resident, None), Action::MakeCase));
        assert!(!may(&resident, Action::ViewCase { related: false }));
        assert!(!may(&advocate, Action::ViewCase { related: false }));
        assert!(may(&advocate, Action::ViewCase { related: true }));
        assert!(!may(&resident, Action::ViewCaseQueue));
        assert!(!may(&advocate, Action::ManageCases));
        for role in Role::ALL.iter().copied().filter(|r| r.is_staff()) {
            let colleague = account(role, None);
            assert!(may(&colleague, Action::ViewCase { related: false }));
            assert!(may(&colleague, Action::ViewCaseQueue));
            assert!(!may(&colleague, Action::MakeCase));
            assert_eq!(
                may(&colleague, Action::ManageCases),
                role != Role::RepairsPlanner
            );
            assert_eq!(
                may(&colleague, Action::ViewComplaintReports),
                matches!(
                    role,
                    Role::ComplaintsHandler | Role::Manager | Role::Administrator
                )
            );
        }
    }

    #[test]
    fn preferences_and_vulnerabilities_rules_for_every_role() {
        let resident = account(Role::Resident, Some(1));
        let advocate = account(Role::Advocate, None);
        assert!(may(&resident, Action::ManageOwnPreferences));
        assert!(!may(
            &account(Role::Resident, None),
            Action::ManageOwnPreferences
        ));
        assert!(!may(&advocate, Action::ManageOwnPreferences));
        for (role, vulnerabilities) in [
            (Role::CustomerServices, true),
            (Role::RepairsPlanner, true),
            (Role::ComplaintsHandler, true),
            (Role::Manager, true),
            (Role::Administrator, false),
        ] {
            let colleague = account(role, None);
            assert!(may(&colleague, Action::RecordNeeds));
            assert_eq!(
                may(&colleague, Action::ViewVulnerabilities),
                vulnerabilities,
                "{role:?}"
            );
        }
        for outsider in [&resident, &advocate] {
            assert!(!may(outsider, Action::RecordNeeds));
            assert!(!may(outsider, Action::ViewVulnerabilities));
        }
    }

    #[test]
    fn own_data_is_a_residents_and_requests_and_paper_permissions_are_case_handlers() {
        assert!(may(&account(Role::Resident, Some(7)), Action::SeeOwnData));
        assert!(!may(&account(Role::Resident, None), Action::SeeOwnData));
        assert!(!may(&account(Role::Advocate, Some(9)), Action::SeeOwnData));
        for role in Role::ALL.iter().copied() {
            let caller = account(role, None);
            if role.is_staff() {
                assert!(!may(&caller, Action::SeeOwnData));
            }
            assert_eq!(
                may(&caller, Action::RecordPermissions),
                may(&caller, Action::HandleSubjectAccess)
            );
            assert_eq!(
                may(&caller, Action::HandleSubjectAccess),
                matches!(
                    role,
                    Role::CustomerServices
                        | Role::ComplaintsHandler
                        | Role::Manager
                        | Role::Administrator
                ),
                "{role:?}"
            );
        }
    }

    #[test]
    fn documents_rules_for_every_role() {
        assert!(may(
            &account(Role::Resident, Some(7)),
            Action::ReadDocuments
        ));
        assert!(!may(&account(Role::Resident, None), Action::ReadDocuments));
        assert!(may(&account(Role::Advocate, None), Action::ReadDocuments));
        for role in Role::ALL.iter().copied() {
            let caller = account(role, None);
            assert_eq!(may(&caller, Action::ViewAllDocuments), role.is_staff());
            assert_eq!(
                may(&caller, Action::ManageDocuments),
                matches!(
                    role,
                    Role::CustomerServices | Role::Manager | Role::Administrator
                ),
                "{role:?}"
            );
            assert_eq!(
                may(&caller, Action::PrintLetters),
                may(&caller, Action::ManageDocuments)
            );
            assert_eq!(
                may(&caller, Action::ManageServiceCharges),
                matches!(role, Role::Manager | Role::Administrator),
                "{role:?}"
            );
            if role.is_staff() {
                assert!(!may(&caller, Action::ReadDocuments));
            }
        }
    }
}
