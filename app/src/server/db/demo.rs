//! Fictional demonstration data: one estate with a block of flats (tenants and shared owners
//! side by side) and a street of houses, twenty homes in all, residents, an advocate, a
//! colleague in every staff role, an operative, and a contractor firm with one colleague.
//! Loaded only into an empty database, in one transaction.

use super::Db;
use crate::db_run;
use crate::domain::housing::{Role, TenancyKind, Tenure};
use crate::domain::profile::PolicyProfile;
use crate::error::AppError;
use crate::server::password::PasswordHash;
use chrono::{DateTime, NaiveDate, Utc};

/// Every demo account signs in with this password (printed by `make run`).
pub const DEMO_PASSWORD: &str = "doorstep-demo";

/// Who to sign in as, to see each side of Doorstep.
pub struct DemoSignIn {
    pub email: &'static str,
    pub who: &'static str,
    pub role: Role,
}

pub const DEMO_SIGN_INS: &[DemoSignIn] = &[
    DemoSignIn {
        email: "amira.hassan@example.org",
        who: "Amira Hassan, tenant, 1 Alder Court",
        role: Role::Resident,
    },
    DemoSignIn {
        email: "daniel.okafor@example.org",
        who: "Daniel Okafor, joint tenant, 2 Alder Court",
        role: Role::Resident,
    },
    DemoSignIn {
        email: "margaret.lewis@example.org",
        who: "Margaret Lewis, tenant with access needs, 3 Alder Court",
        role: Role::Resident,
    },
    DemoSignIn {
        email: "tom.bennett@example.org",
        who: "Tom Bennett, shared owner, 9 Alder Court",
        role: Role::Resident,
    },
    DemoSignIn {
        email: "helen.carter@example.org",
        who: "Helen Carter, leaseholder, 5 Willow Row",
        role: Role::Resident,
    },
    DemoSignIn {
        email: "priya.shah@advice.example.org",
        who: "Priya Shah, advocate (Northgate Advice Centre)",
        role: Role::Advocate,
    },
    DemoSignIn {
        email: "chris.morgan@staff.example.org",
        who: "Chris Morgan, customer services",
        role: Role::CustomerServices,
    },
    DemoSignIn {
        email: "sunita.patel@staff.example.org",
        who: "Sunita Patel, repairs planner",
        role: Role::RepairsPlanner,
    },
    DemoSignIn {
        email: "owen.davies@staff.example.org",
        who: "Owen Davies, complaints handler",
        role: Role::ComplaintsHandler,
    },
    DemoSignIn {
        email: "fiona.reid@staff.example.org",
        who: "Fiona Reid, manager",
        role: Role::Manager,
    },
    DemoSignIn {
        email: "alex.kim@staff.example.org",
        who: "Alex Kim, administrator",
        role: Role::Administrator,
    },
    DemoSignIn {
        email: "sam.price@staff.example.org",
        who: "Sam Price, operative (two visits today)",
        role: Role::Operative,
    },
    DemoSignIn {
        email: "jo.kemp@ashdown.example.com",
        who: "Jo Kemp, contractor (Ashdown Building Services, one visit today)",
        role: Role::Contractor,
    },
];

/// The demo's contractor firm: (name, phone, email).
pub const DEMO_FIRM: (&str, &str, &str) = (
    "Ashdown Building Services",
    "0115 496 0321",
    "jobs@ashdown.example.com",
);

/// A resident with no account yet, to try "Set up your account" with.
pub struct DemoClaim {
    pub who: &'static str,
    pub reference: &'static str,
    pub postcode: &'static str,
    /// Day, month and year as typed into the form.
    pub born: (&'static str, &'static str, &'static str),
}

pub const DEMO_CLAIM: DemoClaim = DemoClaim {
    who: "Jamal Reid, tenant, Flat 4, Alder Court",
    reference: "TEN-100004",
    postcode: "NG9 4AB",
    born: ("9", "1", "1991"),
};

struct DemoHome {
    in_block: bool,
    line_1: String,
    tenure: Tenure,
    bedrooms: i64,
    reference: String,
    kind: TenancyKind,
    start: NaiveDate,
    people: Vec<DemoPerson>,
}

struct DemoPerson {
    given: &'static str,
    family: &'static str,
    born: NaiveDate,
    relationship: &'static str,
    needs: &'static [&'static str],
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn person(
    given: &'static str,
    family: &'static str,
    born: NaiveDate,
    relationship: &'static str,
) -> DemoPerson {
    DemoPerson {
        given,
        family,
        born,
        relationship,
        needs: &[],
    }
}

/// Twelve flats in Alder Court (eight rented, four shared ownership) and eight houses in
/// Willow Row (seven rented, one bought under right to buy and now leasehold).
fn homes() -> Vec<DemoHome> {
    let flat_people: [(&str, &str, NaiveDate); 12] = [
        ("Amira", "Hassan", date(1986, 3, 14)),
        ("Daniel", "Okafor", date(1979, 11, 2)),
        ("Margaret", "Lewis", date(1944, 6, 21)),
        ("Jamal", "Reid", date(1991, 1, 9)),
        ("Siobhan", "Kelly", date(1983, 8, 30)),
        ("Piotr", "Nowak", date(1975, 5, 17)),
        ("Aisha", "Begum", date(1996, 12, 3)),
        ("Leon", "Campbell", date(1968, 2, 27)),
        ("Tom", "Bennett", date(1990, 7, 12)),
        ("Chloe", "Wright", date(1993, 4, 5)),
        ("Ravi", "Kumar", date(1988, 9, 19)),
        ("Hannah", "Price", date(1985, 10, 28)),
    ];
    let mut homes = Vec::new();
    for (i, (given, family, born)) in flat_people.into_iter().enumerate() {
        let number = i + 1;
        let shared = number >= 9;
        let mut people = vec![person(
            given,
            family,
            born,
            if shared { "shared_owner" } else { "tenant" },
        )];
        if number == 2 {
            people[0].relationship = "joint_tenant";
            people.push(person("Grace", "Okafor", date(1981, 4, 8), "joint_tenant"));
            people.push(person(
                "Samuel",
                "Okafor",
                date(2008, 9, 1),
                "household_member",
            ));
        }
        if number == 3 {
            people[0].needs = &[
                "Allow time to answer the door",
                "Large print letters",
                "Phone calls in the afternoon only",
            ];
        }
        homes.push(DemoHome {
            in_block: true,
            line_1: format!("Flat {number}, Alder Court"),
            tenure: if shared {
                Tenure::SharedOwnership
            } else if number % 4 == 0 {
                Tenure::AffordableRent
            } else {
                Tenure::GeneralNeeds
            },
            bedrooms: if number % 3 == 0 { 2 } else { 1 },
            reference: if shared {
                format!("LSE-2{number:05}")
            } else {
                format!("TEN-1{number:05}")
            },
            kind: if shared {
                TenancyKind::SharedOwnershipLease
            } else if number == 7 {
                TenancyKind::Starter
            } else {
                TenancyKind::Assured
            },
            start: date(2012 + (number as i32 % 12), 1 + (number as u32 % 12), 1),
            people,
        });
    }
    let house_people: [(&str, &str, NaiveDate); 8] = [
        ("Gareth", "Hughes", date(1972, 3, 3)),
        ("Mei", "Chen", date(1989, 6, 6)),
        ("Oluwaseun", "Adeyemi", date(1980, 2, 14)),
        ("Bridget", "O'Neill", date(1958, 11, 11)),
        ("Helen", "Carter", date(1966, 8, 8)),
        ("Yusuf", "Ali", date(1994, 1, 23)),
        ("Emma", "Stewart", date(1987, 12, 12)),
        ("Kwame", "Mensah", date(1977, 7, 7)),
    ];
    for (i, (given, family, born)) in house_people.into_iter().enumerate() {
        let number = i + 1;
        let leasehold = number == 5;
        homes.push(DemoHome {
            in_block: false,
            line_1: format!("{number} Willow Row"),
            tenure: if leasehold {
                Tenure::Leasehold
            } else {
                Tenure::GeneralNeeds
            },
            bedrooms: 2 + (number as i64 % 2),
            reference: if leasehold {
                format!("LSE-3{number:05}")
            } else {
                format!("TEN-3{number:05}")
            },
            kind: if leasehold {
                TenancyKind::Leasehold
            } else {
                TenancyKind::Assured
            },
            start: date(2005 + number as i32, 4, 1),
            people: vec![person(
                given,
                family,
                born,
                if leasehold { "leaseholder" } else { "tenant" },
            )],
        });
    }
    homes
}

/// People who are not residents: the advocate and the staff.
const OTHERS: &[(&str, &str, &str)] = &[
    ("Priya", "Shah", "priya.shah@advice.example.org"),
    ("Chris", "Morgan", "chris.morgan@staff.example.org"),
    ("Sunita", "Patel", "sunita.patel@staff.example.org"),
    ("Owen", "Davies", "owen.davies@staff.example.org"),
    ("Fiona", "Reid", "fiona.reid@staff.example.org"),
    ("Alex", "Kim", "alex.kim@staff.example.org"),
    ("Sam", "Price", "sam.price@staff.example.org"),
    ("Jo", "Kemp", "jo.kemp@ashdown.example.com"),
];

pub async fn is_empty(db: &Db) -> Result<bool, AppError> {
    let count: i64 = db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from landlords")
            .fetch_one(pool)
            .await
    })?;
    Ok(count == 0)
}

fn email_for(given: &str, family: &str) -> String {
    format!(
        "{}.{}@example.org",
        given.to_lowercase(),
        family.to_lowercase().replace('\'', "")
    )
}

/// Loads the demo data for the active profile's landlord. Returns false (and writes nothing)
/// when the database already has data.
pub async fn load(
    db: &Db,
    profile: &PolicyProfile,
    profile_file: &str,
    password_hash: &PasswordHash,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if !is_empty(db).await? {
        return Ok(false);
    }
    let homes = homes();
    let nation = profile.nation.as_str();
    let signs_in = |email: &str| DEMO_SIGN_INS.iter().find(|s| s.email == email);
    let result: Result<(), sqlx::Error> = db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        let landlord_id: i64 = sqlx::query_scalar(
            "insert into landlords (code, name, profile_file, created_at, updated_at)
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(&profile.landlord.code)
        .bind(&profile.landlord.name)
        .bind(profile_file)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let estate_id: i64 = sqlx::query_scalar(
            "insert into estates (landlord_id, name, created_at, updated_at)
             values ($1, 'Millbrook estate', $2, $2) returning id",
        )
        .bind(landlord_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let block_id: i64 = sqlx::query_scalar(
            "insert into blocks (estate_id, name, address_line_1, town, postcode, created_at, updated_at)
             values ($1, 'Alder Court', 'Millbrook Road', 'Northgate', 'NG9 4AB', $2, $2) returning id",
        )
        .bind(estate_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for area in [
            "Main entrance and door entry",
            "Stairs and landings",
            "Lift",
            "Bin store",
            "Car park",
        ] {
            sqlx::query(
                "insert into communal_areas (block_id, name, created_at, updated_at) values ($1, $2, $3, $3)",
            )
            .bind(block_id)
            .bind(area)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for home in &homes {
            let (line_2, postcode) = if home.in_block {
                (Some("Millbrook Road"), "NG9 4AB")
            } else {
                (None, "NG9 4CD")
            };
            let home_id: i64 = sqlx::query_scalar(
                "insert into homes (estate_id, block_id, address_line_1, address_line_2, town, postcode,
                                    nation, tenure, bedrooms, created_at, updated_at)
                 values ($1, $2, $3, $4, 'Northgate', $5, $6, $7, $8, $9, $9) returning id",
            )
            .bind(estate_id)
            .bind(home.in_block.then_some(block_id))
            .bind(&home.line_1)
            .bind(line_2)
            .bind(postcode)
            .bind(nation)
            .bind(home.tenure.as_str())
            .bind(home.bedrooms)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let tenancy_id: i64 = sqlx::query_scalar(
                "insert into tenancies (home_id, reference, kind, start_date, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $5) returning id",
            )
            .bind(home_id)
            .bind(&home.reference)
            .bind(home.kind.as_str())
            .bind(home.start)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for p in &home.people {
                let email = email_for(p.given, p.family);
                let person_id: i64 = sqlx::query_scalar(
                    "insert into people (given_name, family_name, date_of_birth, email, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $5) returning id",
                )
                .bind(p.given)
                .bind(p.family)
                .bind(p.born)
                .bind(&email)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "insert into household_members (tenancy_id, person_id, relationship, created_at, updated_at)
                     values ($1, $2, $3, $4, $4)",
                )
                .bind(tenancy_id)
                .bind(person_id)
                .bind(p.relationship)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for need in p.needs {
                    sqlx::query(
                        "insert into person_needs (person_id, description, created_at, updated_at)
                         values ($1, $2, $3, $3)",
                    )
                    .bind(person_id)
                    .bind(*need)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                if let Some(sign_in) = signs_in(&email) {
                    sqlx::query(
                        "insert into accounts (person_id, email, display_name, password_hash, role, confirmed_at, created_at, updated_at)
                         values ($1, $2, $3, $4, $5, $6, $6, $6)",
                    )
                    .bind(person_id)
                    .bind(sign_in.email)
                    .bind(format!("{} {}", p.given, p.family))
                    .bind(password_hash.as_str())
                    .bind(sign_in.role.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        let (firm, firm_phone, firm_email) = DEMO_FIRM;
        let firm_id: i64 = sqlx::query_scalar(
            "insert into contractor_firms (name, phone, email, created_at, updated_at)
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(firm)
        .bind(firm_phone)
        .bind(firm_email)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (given, family, email) in OTHERS {
            let person_id: i64 = sqlx::query_scalar(
                "insert into people (given_name, family_name, email, created_at, updated_at)
                 values ($1, $2, $3, $4, $4) returning id",
            )
            .bind(*given)
            .bind(*family)
            .bind(*email)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let role = signs_in(email)
                .map(|s| s.role)
                .unwrap_or(Role::CustomerServices);
            sqlx::query(
                "insert into accounts (person_id, email, display_name, password_hash, role, confirmed_at, created_at, updated_at, firm_id)
                 values ($1, $2, $3, $4, $5, $6, $6, $6, $7)",
            )
            .bind(person_id)
            .bind(*email)
            .bind(format!("{given} {family}"))
            .bind(password_hash.as_str())
            .bind(role.as_str())
            .bind(now)
            .bind((role == Role::Contractor).then_some(firm_id))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    });
    result?;
    super::people::fill_search_names(db).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_has_twenty_homes_with_both_tenures_in_the_block() {
        let homes = homes();
        assert_eq!(homes.len(), 20);
        let block: Vec<_> = homes.iter().filter(|h| h.in_block).collect();
        assert!(block.iter().any(|h| h.tenure == Tenure::SharedOwnership));
        assert!(block.iter().any(|h| h.tenure.is_renter()));
        assert!(homes.iter().any(|h| h
            .people
            .iter()
            .filter(|p| p.relationship == "joint_tenant")
            .count()
            == 2));
        assert!(homes
            .iter()
            .any(|h| h.people.iter().any(|p| !p.needs.is_empty())));
    }

    #[test]
    fn every_demo_sign_in_belongs_to_someone_in_the_demo() {
        let mut emails: Vec<String> = homes()
            .iter()
            .flat_map(|h| h.people.iter().map(|p| email_for(p.given, p.family)))
            .collect();
        emails.extend(OTHERS.iter().map(|(_, _, e)| e.to_string()));
        for s in DEMO_SIGN_INS {
            assert!(
                emails.iter().any(|e| e == s.email),
                "{} has no person",
                s.email
            );
        }
        for role in Role::ALL {
            assert!(
                DEMO_SIGN_INS.iter().any(|s| s.role == *role),
                "no demo {role}"
            );
        }
    }

    #[test]
    fn references_are_unique() {
        let mut refs: Vec<_> = homes().into_iter().map(|h| h.reference).collect();
        refs.sort();
        refs.dedup();
        assert_eq!(refs.len(), 20);
    }
}
