//! Each kind of contact's clocks and complexity under both example profiles.

use super::tests::{at, england, local, scotland};
use super::*;
use crate::domain::calendar::WorkingDayCalendar;
use crate::domain::profile::PolicyProfile;

/// Each kind of contact's clocks from a profile, as (kind, local due time).
fn contact_due(
    p: &PolicyProfile,
    kind: CaseKind,
    channel: Channel,
    received: DateTime<Utc>,
) -> Vec<(ClockKind, String)> {
    let calendar = WorkingDayCalendar::new(p.nation);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &p.office_hours,
    };
    contact_clocks(p, &schedule, kind, channel, received)
        .into_iter()
        .map(|(k, due)| (k, local(due)))
        .collect()
}

#[test]
fn each_landlord_offers_only_the_kinds_it_publishes() {
    use CaseKind::*;
    assert_eq!(
        CaseKind::offered_to_residents(&scotland()),
        [
            Complaint,
            Compliment,
            Enquiry,
            Callback,
            HomeVisit,
            OfficeAppointment,
            Comment
        ]
    );
    assert_eq!(
        CaseKind::offered_to_residents(&england()),
        [Complaint, Compliment, Enquiry]
    );
    assert!(Message.offered(&england()) && Message.offered(&scotland()));
    assert!(!HomeVisit.offered(&england()));
}

#[test]
fn a_call_back_request_is_answered_next_working_day_and_by_text_the_same_day() {
    let p = scotland();
    // Friday 4 December 2026, 10:00: Glenbrae closes at 16:00 on Fridays.
    let friday = at(2026, 12, 4, 10, 0);
    assert_eq!(
        contact_due(&p, CaseKind::Callback, Channel::Portal, friday),
        [(ClockKind::Reply, "2026-12-07 17:00".to_owned())]
    );
    assert_eq!(
        contact_due(&p, CaseKind::Callback, Channel::Text, friday),
        [(ClockKind::Reply, "2026-12-04 16:00".to_owned())]
    );
    // A text on Saturday cannot be answered that day: the next working day, and never later.
    assert_eq!(
        contact_due(
            &p,
            CaseKind::Callback,
            Channel::Text,
            at(2026, 12, 5, 11, 0)
        ),
        [(ClockKind::Reply, "2026-12-07 17:00".to_owned())]
    );
}

#[test]
fn a_home_visit_is_acknowledged_next_working_day_and_made_within_five_across_the_holidays() {
    let p = scotland();
    // Wednesday 23 December 2026: Christmas Day (Friday), Boxing Day's substitute (Monday 28),
    // New Year's Day (Friday 1) and 2 January's substitute (Monday 4 January 2027) are not
    // working days in Scotland.
    assert_eq!(
        contact_due(
            &p,
            CaseKind::HomeVisit,
            Channel::Phone,
            at(2026, 12, 23, 15, 30)
        ),
        [
            (ClockKind::Acknowledge, "2026-12-24 17:00".to_owned()),
            (ClockKind::Reply, "2027-01-05 17:00".to_owned()),
        ]
    );
}

#[test]
fn comments_office_appointments_and_messages_follow_their_standards() {
    let p = scotland();
    let monday = at(2026, 12, 7, 9, 0);
    assert_eq!(
        contact_due(&p, CaseKind::Comment, Channel::Portal, monday),
        [(ClockKind::Acknowledge, "2026-12-14 17:00".to_owned())]
    );
    assert_eq!(
        contact_due(&p, CaseKind::OfficeAppointment, Channel::Portal, monday),
        [(ClockKind::Reply, "2026-12-14 17:00".to_owned())]
    );
    // Glenbrae answers messages as letters and emails: 3 working days.
    assert_eq!(
        contact_due(&p, CaseKind::Message, Channel::Portal, monday),
        [(ClockKind::Reply, "2026-12-10 17:00".to_owned())]
    );
    // Northfield as emails: 3 working days, closing at 17:30.
    assert_eq!(
        contact_due(&england(), CaseKind::Message, Channel::Portal, monday),
        [(ClockKind::Reply, "2026-12-10 17:30".to_owned())]
    );
}

#[test]
fn a_complex_question_takes_the_published_complex_time_or_becomes_a_longer_query() {
    let received = at(2026, 12, 7, 9, 0);
    let p = scotland();
    let calendar = WorkingDayCalendar::new(p.nation);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &p.office_hours,
    };
    // Glenbrae: enquiries 5 working days, complex ones 10, from receipt.
    let c = complexity(&p, &schedule, CaseKind::Enquiry, received).expect("complex");
    assert_eq!(c.timescale.to_string(), "10 working days");
    assert_eq!(c.reply_due.map(local).as_deref(), Some("2026-12-21 17:00"));
    assert_eq!(c.update_due, None);
    // Comments and call-backs publish no complex time.
    assert_eq!(
        complexity(&p, &schedule, CaseKind::Callback, received),
        None
    );

    // Northfield: a longer query, with an update no more than 10 working days from the first
    // contact (Christmas Day, Boxing Day's substitute on Monday 28 and New Year's Day between).
    let p = england();
    let calendar = WorkingDayCalendar::new(p.nation);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &p.office_hours,
    };
    let c = complexity(&p, &schedule, CaseKind::Enquiry, at(2026, 12, 17, 11, 0)).expect("complex");
    assert_eq!(c.reply_due, None);
    assert_eq!(c.update_due.map(local).as_deref(), Some("2027-01-05 17:30"));
    // A compliment is never complex.
    assert_eq!(
        complexity(&p, &schedule, CaseKind::Compliment, received),
        None
    );
}

#[test]
fn the_update_promise_starts_with_the_contact_when_its_standard_has_one() {
    let mut p = england();
    p.message_standard = p
        .contact_standards
        .iter()
        .find(|s| s.kind == "longer_query")
        .cloned()
        .expect("published");
    p.message_standard.respond = Some(Timescale::new(
        3,
        crate::domain::timescale::Unit::WorkingDays,
    ));
    assert_eq!(
        contact_due(&p, CaseKind::Message, Channel::Email, at(2026, 12, 7, 9, 0)),
        [
            (ClockKind::Reply, "2026-12-10 17:30".to_owned()),
            (ClockKind::Update, "2026-12-21 17:30".to_owned()),
        ]
    );
}

#[test]
fn an_update_is_promised_again_and_again_only_where_a_standard_says_so() {
    use crate::domain::timescale::{Timescale, Unit};
    let every_ten = Some(Timescale::new(10, Unit::WorkingDays));
    // England: a longer query (a complex question or message) gets an update every 10 working
    // days; an ordinary one, and a compliment, none.
    let p = england();
    assert_eq!(update_every(&p, CaseKind::Enquiry, true), every_ten);
    assert_eq!(update_every(&p, CaseKind::Message, true), every_ten);
    assert_eq!(update_every(&p, CaseKind::Enquiry, false), None);
    assert_eq!(update_every(&p, CaseKind::Compliment, true), None);
    // Scotland publishes its own complex times and no update promise.
    let p = scotland();
    assert_eq!(update_every(&p, CaseKind::Enquiry, true), None);
    assert_eq!(update_every(&p, CaseKind::HomeVisit, false), None);
}
