//! The one place that answers "may this caller do this to this object". Every server function
//! that reads or changes anything asks here first. A resident asking for another resident's
//! object gets "not found", exactly as if it did not exist; a staff page asked for by anyone
//! else is "not found" too, so the answers give nothing away.

use super::db::accounts::Account;
use super::request::session;
use crate::domain::housing::Role;
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
    if may(&caller, action) {
        Ok(caller)
    } else {
        tracing::info!(account = caller.id, ?action, "refused");
        Err(AppError::NotFound)
    }
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
}
