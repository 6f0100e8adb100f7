//! Server functions, one file per area. Each is a public endpoint: it checks the session and
//! permission, parses input into domain types, calls the store and maps errors. Forms post to
//! them as plain HTML forms, so every journey works without JavaScript.

pub mod account;
pub mod admin;
pub mod cases;
pub mod cases_staff;
pub mod contact;
pub mod dashboard;
pub mod documents;
pub mod documents_staff;
pub mod letters;
pub mod performance;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod repairs_staff;
pub mod session;
pub mod subject_access;
pub mod visits;
pub mod workspace;
pub mod your_account;
pub mod your_data;

#[cfg(test)]
mod tests {
    use server_fn::ServerFn;

    /// Forms post to `Type::PATH`, the server function's own address: the same address the
    /// router serves, which the compiler checks against the function's name.
    #[test]
    fn form_actions_are_the_server_functions_own_addresses() {
        assert_eq!(super::repairs::SendReport::PATH, "/api/repairs/send");
        assert_eq!(
            super::repairs_staff::StaffAction::PATH,
            "/api/staff/repair-action"
        );
        assert_eq!(super::account::ClaimAccount::PATH, "/api/account/claim");
    }
}
