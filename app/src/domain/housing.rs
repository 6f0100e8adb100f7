//! The words of social housing: nations, tenures, kinds of tenancy and lease, roles.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The nation a home is in: it decides the bank holidays and, with the landlord, the regime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nation {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

/// How a household holds its home. Shared owners and leaseholders report communal and
/// structural problems only; Awaab's Law covers renters only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    GeneralNeeds,
    AffordableRent,
    SharedOwnership,
    Leasehold,
}

/// The agreement itself, which the resident's reference belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenancyKind {
    Starter,
    Assured,
    SharedOwnershipLease,
    Leasehold,
}

/// What someone may do in Doorstep. Residents and advocates act for a household; staff roles
/// decide which parts of the workspace a colleague sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Resident,
    Advocate,
    CustomerServices,
    RepairsPlanner,
    ComplaintsHandler,
    Manager,
    Administrator,
    /// An in-house operative: works the visits a planner gives them, on their phone.
    Operative,
    /// A colleague of a contractor firm: sees and works only the jobs given to their firm.
    Contractor,
}

macro_rules! stored_as_text {
    ($ty:ty { $($variant:ident => $text:literal, $label:literal;)+ }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The value kept in the database.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),+ }
            }

            /// Plain English, for pages.
            pub fn label(self) -> &'static str {
                match self { $(<$ty>::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<$ty> {
                match text { $($text => Some(<$ty>::$variant),)+ _ => None }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        /// A stored value read back (rows decode straight into the enum); a value this release
        /// does not know is an error, never a guess.
        impl TryFrom<String> for $ty {
            type Error = String;

            fn try_from(text: String) -> Result<$ty, String> {
                <$ty>::parse(&text).ok_or_else(|| format!("unknown {} {text:?}", stringify!($ty)))
            }
        }
    };
}

pub(crate) use stored_as_text;

stored_as_text!(Nation {
    England => "england", "England";
    Wales => "wales", "Wales";
    Scotland => "scotland", "Scotland";
    NorthernIreland => "northern_ireland", "Northern Ireland";
});

stored_as_text!(Tenure {
    GeneralNeeds => "general_needs", "General needs tenancy";
    AffordableRent => "affordable_rent", "Affordable rent tenancy";
    SharedOwnership => "shared_ownership", "Shared ownership";
    Leasehold => "leasehold", "Leasehold";
});

stored_as_text!(TenancyKind {
    Starter => "starter", "Starter tenancy";
    Assured => "assured", "Assured tenancy";
    SharedOwnershipLease => "shared_ownership_lease", "Shared ownership lease";
    Leasehold => "leasehold", "Lease";
});

stored_as_text!(Role {
    Resident => "resident", "Resident";
    Advocate => "advocate", "Advocate";
    CustomerServices => "customer_services", "Customer services";
    RepairsPlanner => "repairs_planner", "Repairs planner";
    ComplaintsHandler => "complaints_handler", "Complaints handler";
    Manager => "manager", "Manager";
    Administrator => "administrator", "Administrator";
    Operative => "operative", "Operative";
    Contractor => "contractor", "Contractor";
});

impl Tenure {
    /// Renters pay rent to the landlord; owners (in part or whole) hold a lease.
    pub fn is_renter(self) -> bool {
        matches!(self, Tenure::GeneralNeeds | Tenure::AffordableRent)
    }
}

impl Role {
    /// A colleague in the office: sees the queues, residents' records and the staff pages.
    /// Operatives and contractors are not: they see their own visits and what each needs.
    pub fn is_staff(self) -> bool {
        !matches!(
            self,
            Role::Resident | Role::Advocate | Role::Operative | Role::Contractor
        )
    }

    /// Out doing visits: an in-house operative or a contractor.
    pub fn is_field(self) -> bool {
        matches!(self, Role::Operative | Role::Contractor)
    }

    /// An account an administrator invites and manages: a colleague or an operative. A
    /// contractor's account also needs its firm.
    pub fn is_colleague(self) -> bool {
        self.is_staff() || self.is_field()
    }
}

/// A UK postcode in its canonical form ("SW1A 1AA"): upper case, one space before the inward
/// code. Parsing accepts what people type (any case, with or without the space).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(typed: &str) -> Option<Postcode> {
        let compact: String = typed
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
            return None;
        }
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let inward_ok = {
            let b = inward.as_bytes();
            b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
        };
        let outward_ok = outward.as_bytes()[0].is_ascii_alphabetic()
            && outward.bytes().all(|b| b.is_ascii_alphanumeric())
            && outward.bytes().any(|b| b.is_ascii_digit());
        (inward_ok && outward_ok).then(|| Postcode(format!("{outward} {inward}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stored_value_parses_back_to_itself() {
        for n in Nation::ALL {
            assert_eq!(Nation::parse(n.as_str()), Some(*n));
        }
        for t in Tenure::ALL {
            assert_eq!(Tenure::parse(t.as_str()), Some(*t));
        }
        for k in TenancyKind::ALL {
            assert_eq!(TenancyKind::parse(k.as_str()), Some(*k));
        }
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(*r));
        }
        assert_eq!(Nation::parse("atlantis"), None);
    }

    #[test]
    fn only_rented_tenures_are_renters_and_only_colleagues_are_staff() {
        assert!(Tenure::GeneralNeeds.is_renter());
        assert!(!Tenure::SharedOwnership.is_renter());
        assert!(Role::Manager.is_staff());
        assert!(!Role::Advocate.is_staff());
    }

    #[test]
    fn postcodes_are_accepted_as_typed_and_stored_canonically() {
        assert_eq!(
            Postcode::parse("sw1a1aa").map(|p| p.to_string()),
            Some("SW1A 1AA".into())
        );
        assert_eq!(
            Postcode::parse(" M1  1AE ").map(|p| p.to_string()),
            Some("M1 1AE".into())
        );
        assert_eq!(
            Postcode::parse("EH1 2NG").map(|p| p.to_string()),
            Some("EH1 2NG".into())
        );
    }

    #[test]
    fn things_that_are_not_postcodes_are_refused() {
        for bad in [
            "", "SW1A", "12345", "SW1A 1A1", "ABCDE FG", "SW1A-1AA", "É1 1AA",
        ] {
            assert_eq!(Postcode::parse(bad), None, "{bad}");
        }
    }
}
