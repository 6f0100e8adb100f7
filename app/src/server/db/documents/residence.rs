//! Where a reader lives (home, tenancy, block, estate) and the documents for them.

use super::*;

/// Where a person lives now, for deciding what they are entitled to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Residence {
    pub person_id: i64,
    pub home_id: i64,
    pub tenancy_id: i64,
    pub block_id: Option<i64>,
    pub estate_id: i64,
    pub tenure: String,
    pub relationship: String,
    pub address: String,
    pub block_name: Option<String>,
    pub estate_name: String,
    /// When the person last told us they received the yearly fire safety instructions at
    /// this home (read with the residence: "Your documents" shows it on every visit).
    pub fire_safety_given_on: Option<chrono::NaiveDate>,
}

impl Residence {
    pub fn tenure(&self) -> Option<Tenure> {
        Tenure::parse(&self.tenure)
    }

    /// Named on the tenancy or lease, rather than living there as a household member.
    pub fn holds_tenancy(&self) -> bool {
        self.relationship != "household_member"
    }
}

pub async fn residence(db: &Db, person_id: i64) -> Result<Option<Residence>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Residence>(
            "select m.person_id, h.id as home_id, t.id as tenancy_id, h.block_id, h.estate_id, h.tenure,
                    m.relationship, h.address_line_1 as address, b.name as block_name,
                    e.name as estate_name,
                    (select max(g.given_on) from safety_information_given g
                     where g.person_id = m.person_id and g.home_id = h.id
                       and g.category = 'fire_safety_instructions') as fire_safety_given_on
             from household_members m
             join tenancies t on t.id = m.tenancy_id
             join homes h on h.id = t.home_id
             join estates e on e.id = h.estate_id
             left join blocks b on b.id = h.block_id
             where m.person_id = $1 and t.end_date is null
             order by t.start_date desc, t.id desc limit 1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// The current documents the resident living at `residence` is entitled to: their home's,
/// their tenancy's or lease's (named holders only), their block's and their estate's, for
/// their tenure; newest first.
pub async fn documents_for(db: &Db, at: &Residence) -> Result<Vec<DocumentRow>, AppError> {
    let sql = format!(
        "{DOCUMENT_SELECT}
         where d.status = 'current'
           and (d.home_id = $1 or d.tenancy_id = $2 or d.block_id = $3 or d.estate_id = $4)
         order by d.effective_on desc, d.id desc"
    );
    let rows: Vec<DocumentRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, DocumentRow>(&sql)
            .bind(at.home_id)
            // A household member is not shown the tenancy's own papers: no tenancy to match.
            .bind(at.holds_tenancy().then_some(at.tenancy_id))
            .bind(at.block_id)
            .bind(at.estate_id)
            .fetch_all(pool)
            .await
    })?;
    let Some(tenure) = at.tenure() else {
        return Err(crate::error::internal(format!(
            "unknown tenure {}",
            at.tenure
        )));
    };
    Ok(rows
        .into_iter()
        .filter(|d| Audience::parse(&d.audience).is_some_and(|a| a.includes(tenure)))
        .collect())
}
