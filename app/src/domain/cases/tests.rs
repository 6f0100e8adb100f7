use super::*;
use crate::domain::calendar::WorkingDayCalendar;
use crate::domain::housing::Nation;
use crate::domain::london::{from_local, to_local};
use crate::domain::profile::{PolicyProfile, RawProfile};
use chrono::NaiveDate;

pub(super) fn profile(text: &str) -> PolicyProfile {
    toml::from_str::<RawProfile>(text)
        .expect("parses")
        .validate()
        .expect("valid")
}

pub(super) fn england() -> PolicyProfile {
    profile(include_str!("../../../../config/profiles/northfield.toml"))
}

pub(super) fn scotland() -> PolicyProfile {
    profile(include_str!("../../../../config/profiles/glenbrae.toml"))
}

pub(super) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    from_local(
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("date"),
    )
}

pub(super) fn local(t: DateTime<Utc>) -> String {
    to_local(t).format("%Y-%m-%d %H:%M").to_string()
}

const A: i64 = 1;
const B: i64 = 2;
const C: i64 = 3;

/// Runs steps from a fresh complaint, panicking on a refused one.
fn after(regime: &ComplaintRegime, steps: &[Step]) -> Complaint {
    let mut c = Complaint::received(regime);
    for step in steps {
        c = c
            .apply(regime, step)
            .unwrap_or_else(|e| panic!("{step:?} refused: {e}"))
            .0;
    }
    c
}

#[test]
fn an_english_complaint_goes_through_both_stages() {
    let p = england();
    let r = &p.complaints;
    let c = Complaint::received(r);
    assert_eq!(c.status, Status::Received);
    assert_eq!(
        Complaint::clocks_on_receipt(r).start,
        vec![(
            ClockKind::Acknowledge1,
            r.stages[0].acknowledge.expect("ack")
        )]
    );
    let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack");
    assert_eq!(c.status, Status::Open);
    assert_eq!(plan.meet, vec![ClockKind::Acknowledge1]);
    assert_eq!(plan.start, vec![(ClockKind::Respond1, r.stages[0].respond)]);
    let (c, _) = c.apply(r, &Step::Assign { to: A }).expect("assign");
    let (c, plan) = c.apply(r, &Step::Respond { by: A }).expect("respond");
    assert_eq!(c.status, Status::Responded);
    assert_eq!(plan.meet, vec![ClockKind::Respond1]);
    let (c, plan) = c.apply(r, &Step::Escalate).expect("escalate");
    assert_eq!(
        (c.status, c.stage, c.owner),
        (Status::EscalationRequested, 2, None)
    );
    assert_eq!(
        plan.start,
        vec![(
            ClockKind::Acknowledge2,
            r.stages[1].acknowledge.expect("ack")
        )]
    );
    let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack 2");
    assert_eq!(plan.start, vec![(ClockKind::Respond2, r.stages[1].respond)]);
    let (c, _) = c.apply(r, &Step::Assign { to: B }).expect("assign 2");
    let (c, plan) = c.apply(r, &Step::Respond { by: B }).expect("final");
    assert_eq!(c.status, Status::Closed);
    assert_eq!(plan.meet, vec![ClockKind::Respond2]);
    assert_eq!(c.apply(r, &Step::Escalate), Err(StepError::Closed));
}

#[test]
fn a_scottish_complaint_starts_in_hand_with_its_response_clock_running() {
    let p = scotland();
    let r = &p.complaints;
    let c = Complaint::received(r);
    assert_eq!(c.status, Status::Open);
    assert_eq!(
        Complaint::clocks_on_receipt(r).start,
        vec![(ClockKind::Respond1, r.stages[0].respond)]
    );
    assert_eq!(
        c.apply(r, &Step::Acknowledge),
        Err(StepError::AlreadyAcknowledged)
    );
    let c = after(r, &[Step::Assign { to: A }, Step::Respond { by: A }]);
    let (c, plan) = c.apply(r, &Step::Escalate).expect("escalate");
    assert_eq!(c.status, Status::EscalationRequested);
    // Stage 2: acknowledged in 3 and decided in 20, both from the escalation.
    assert_eq!(
        plan.start,
        vec![
            (
                ClockKind::Acknowledge2,
                r.stages[1].acknowledge.expect("ack")
            ),
            (ClockKind::Respond2, r.stages[1].respond)
        ]
    );
    let (c, plan) = c.apply(r, &Step::Acknowledge).expect("ack 2");
    assert!(plan.start.is_empty());
    assert_eq!(plan.meet, vec![ClockKind::Acknowledge2]);
    // Extending stage 2 is allowed (with a reason and date) while it is open.
    assert!(c.may(r, &Step::Extend));
}

#[test]
fn illegal_steps_are_refused_under_both_regimes() {
    for p in [england(), scotland()] {
        let r = &p.complaints;
        let fresh = Complaint::received(r);
        assert_eq!(
            fresh.apply(r, &Step::Escalate),
            Err(StepError::CannotEscalate)
        );
        assert_eq!(
            after(r, &[Step::Assign { to: A }])
                .apply(r, &Step::Respond { by: A })
                .map(|c| c.0.status)
                .ok()
                .is_some(),
            fresh.status == Status::Open,
            "responding before acknowledging is refused only where there is an acknowledgement"
        );
        let open = if fresh.status == Status::Received {
            after(r, &[Step::Acknowledge])
        } else {
            fresh.clone()
        };
        assert_eq!(
            open.apply(r, &Step::Respond { by: A }),
            Err(StepError::NoHandler)
        );
        let responded = after(
            r,
            &if fresh.status == Status::Received {
                vec![
                    Step::Acknowledge,
                    Step::Assign { to: A },
                    Step::Respond { by: A },
                ]
            } else {
                vec![Step::Assign { to: A }, Step::Respond { by: A }]
            },
        );
        assert_eq!(
            responded.apply(r, &Step::Respond { by: A }),
            Err(StepError::NothingToRespondTo)
        );
        assert_eq!(
            responded.apply(r, &Step::Decline { reason: 0 }),
            Err(StepError::CannotDecline)
        );
        assert_eq!(
            responded.apply(r, &Step::Extend),
            Err(StepError::NothingToExtend)
        );
        assert_eq!(
            responded.apply(r, &Step::Assign { to: B }),
            Err(StepError::NothingToRespondTo)
        );
        let escalated = responded.apply(r, &Step::Escalate).expect("escalate").0;
        assert_eq!(
            escalated.apply(r, &Step::Escalate),
            Err(StepError::CannotEscalate)
        );
        assert_eq!(
            escalated.apply(r, &Step::Decline { reason: 0 }),
            Err(StepError::CannotDecline)
        );
        assert_eq!(
            escalated.apply(r, &Step::Respond { by: B }),
            Err(StepError::NotAcknowledged)
        );
        let stage_two = escalated.apply(r, &Step::Acknowledge).expect("ack").0;
        assert_eq!(
            stage_two.apply(r, &Step::Acknowledge),
            Err(StepError::AlreadyAcknowledged)
        );
    }
}

#[test]
fn stage_two_needs_someone_not_involved_at_stage_one() {
    for p in [england(), scotland()] {
        let r = &p.complaints;
        let mut steps = vec![Step::Assign { to: A }, Step::Assign { to: C }];
        if Complaint::received(r).status == Status::Received {
            steps.insert(0, Step::Acknowledge);
        }
        // C answers stage 1 after A had it: both were involved.
        steps.extend([Step::Respond { by: C }, Step::Escalate]);
        let c = after(r, &steps);
        assert_eq!(c.stage_one_handlers, vec![A, C]);
        let c = if c.status == Status::EscalationRequested {
            c.apply(r, &Step::Acknowledge).expect("ack").0
        } else {
            c
        };
        assert_eq!(
            c.apply(r, &Step::Assign { to: A }),
            Err(StepError::SameHandler)
        );
        assert_eq!(
            c.apply(r, &Step::Assign { to: C }),
            Err(StepError::SameHandler)
        );
        let c = c.apply(r, &Step::Assign { to: B }).expect("B").0;
        assert_eq!(
            c.apply(r, &Step::Respond { by: A }),
            Err(StepError::SameHandler)
        );
        assert_eq!(
            c.apply(r, &Step::Respond { by: B })
                .expect("B answers")
                .0
                .status,
            Status::Closed
        );
        // A landlord that does not insist may let the same colleague answer.
        let mut relaxed = r.clone();
        relaxed.different_handler_at_stage_2 = false;
        assert!(c.may(&relaxed, &Step::Respond { by: A }));
    }
}

#[test]
fn declines_need_one_of_the_regimes_reasons_and_come_before_the_response() {
    for p in [england(), scotland()] {
        let r = &p.complaints;
        let fresh = Complaint::received(r);
        let n = r.exclusions.len();
        assert!(n >= 2);
        assert_eq!(
            fresh.apply(r, &Step::Decline { reason: n }),
            Err(StepError::UnknownReason)
        );
        let (declined, plan) = fresh
            .apply(r, &Step::Decline { reason: n - 1 })
            .expect("decline");
        assert_eq!(declined.status, Status::Declined);
        assert!(plan.meet.contains(&ClockKind::Respond1));
        assert_eq!(declined.apply(r, &Step::Escalate), Err(StepError::Closed));
        assert_eq!(
            declined.apply(r, &Step::Acknowledge),
            Err(StepError::Closed)
        );
    }
}

#[test]
fn extensions_stay_within_the_regimes_limit() {
    let p = england();
    let r = &p.complaints;
    let calendar = WorkingDayCalendar::new(Nation::England);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &p.office_hours,
    };
    // Acknowledged Monday 1 December 2025: stage 1 answer due Monday 15 December.
    let ack = at(2025, 12, 1, 10, 0);
    let due = schedule.deadline(ack, r.stages[0].respond);
    assert_eq!(local(due), "2025-12-15 17:30");
    // At most 10 further working days, Christmas Day and Boxing Day skipped: Wednesday 31
    // December.
    let latest = latest_extension(r, 1, due, &schedule).expect("limit");
    assert_eq!(local(latest), "2025-12-31 17:30");
    let words = |t: DateTime<Utc>| local(t);
    assert_eq!(
        check_extension(
            r,
            1,
            (due, due),
            latest,
            "Waiting for a surveyor's report",
            &schedule,
            words
        ),
        Ok(())
    );
    assert_eq!(
        check_extension(
            r,
            1,
            (due, due),
            latest + chrono::Duration::days(3),
            "Surveyor",
            &schedule,
            words
        ),
        Err(ExtensionError::BeyondLimit("2025-12-31 17:30".into()))
    );
    assert_eq!(
        check_extension(r, 1, (due, due), latest, " ", &schedule, words),
        Err(ExtensionError::NoReason)
    );
    assert_eq!(
        check_extension(r, 1, (due, due), due, "Reason", &schedule, words),
        Err(ExtensionError::NotLater)
    );
    // Stage 2 (due Wednesday 31 December) may go 20 working days further, past New Year's
    // Day: Thursday 29 January.
    let due2 = schedule.deadline(ack, r.stages[1].respond);
    assert_eq!(
        local(latest_extension(r, 2, due2, &schedule).expect("limit")),
        "2026-01-29 17:30"
    );
    // Scotland: St Andrew's Day (Sunday 30 November 2025) moves to Monday 1 December, so
    // a stage 1 decision on a complaint of Monday 24 November is due Tuesday 2 December;
    // it may be extended by 5 more working days; stage 2 has no fixed limit.
    let s = scotland();
    let calendar = WorkingDayCalendar::new(Nation::Scotland);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &s.office_hours,
    };
    let due = schedule.deadline(at(2025, 11, 24, 10, 0), s.complaints.stages[0].respond);
    assert_eq!(local(due), "2025-12-02 17:00");
    assert_eq!(
        local(latest_extension(&s.complaints, 1, due, &schedule).expect("limit")),
        "2025-12-09 17:00"
    );
    assert_eq!(latest_extension(&s.complaints, 2, due, &schedule), None);
    let far = due + chrono::Duration::days(60);
    assert_eq!(
        check_extension(
            &s.complaints,
            2,
            (due, due),
            far,
            "A complex investigation",
            &schedule,
            words
        ),
        Ok(())
    );
}

#[test]
fn deadlines_skip_bank_holidays_and_count_out_of_hours_receipt_from_its_own_day() {
    // England: a complaint emailed at 10pm on Thursday 24 December 2026 is first seen when
    // the office opens on Tuesday 29 December (Christmas, Boxing Day substitute on Monday
    // 28th), but its day of receipt is the 24th: acknowledgement in 5 working days
    // (29, 30, 31 December, New Year's Day skipped, 4 and 5 January) by Tuesday 5 January.
    let p = england();
    let calendar = WorkingDayCalendar::new(Nation::England);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &p.office_hours,
    };
    let sent = at(2026, 12, 24, 22, 0);
    assert_eq!(local(schedule.received(sent)), "2026-12-29 08:00");
    let ack = schedule.deadline(sent, p.complaints.stages[0].acknowledge.expect("ack"));
    assert_eq!(local(ack), "2027-01-05 17:30");
    // Scotland: 2 January is a bank holiday too. A complaint at 8pm on Wednesday 30
    // December 2026 counts from the 30th; five working days on (31 December, then 5 to 8
    // January: 1 and 4 January are holidays, 2 January falling on a Saturday and moving to
    // Monday 4th) is Friday 8 January.
    let s = scotland();
    let calendar = WorkingDayCalendar::new(Nation::Scotland);
    let schedule = Schedule {
        calendar: &calendar,
        hours: &s.office_hours,
    };
    let sent = at(2026, 12, 30, 20, 0);
    assert_eq!(local(schedule.received(sent)), "2026-12-31 09:00");
    let due = schedule.deadline(sent, s.complaints.stages[0].respond);
    assert_eq!(
        local(due),
        "2027-01-08 16:00",
        "the office closes at 4pm on Fridays"
    );
}

#[test]
fn the_journeys_ask_their_questions_and_check_the_answers() {
    assert_eq!(
        CaseKind::Complaint
            .questions()
            .iter()
            .map(|q| q.field)
            .collect::<Vec<_>>(),
        ["what", "when", "outcome", "adjustments", "related"]
    );
    let what = CaseKind::Complaint.question("what").expect("what");
    assert_eq!(what.check("  "), Err("Tell us what happened".into()));
    assert_eq!(
        what.check(" The lift \r\nagain "),
        Ok("The lift \nagain".into())
    );
    assert!(what.check(&"x".repeat(TEXT_LIMIT + 1)).is_err());
    let adjustments = CaseKind::Complaint.question("adjustments").expect("adj");
    assert_eq!(adjustments.check(""), Ok(String::new()));
    let when = CaseKind::Complaint.question("when").expect("when");
    assert!(when.check(&"x".repeat(SHORT_LIMIT + 1)).is_err());
    assert_eq!(
        summary_of(CaseKind::Complaint, "\n  The lift is broken\nagain"),
        "The lift is broken"
    );
    assert_eq!(summary_of(CaseKind::Enquiry, ""), "Question");
    assert_eq!(
        CaseKind::of_reference(" cp-7k4qxp"),
        Some((CaseKind::Complaint, "CP-7K4QXP".into()))
    );
    assert_eq!(CaseKind::of_reference("RP-7K4QXP"), None);
}

#[test]
fn the_report_groups_tenures_and_works_out_rates_per_1000_homes_and_in_time() {
    let counts = |s1, s2, r1, t1, r2, t2| Counts {
        stage_1_received: s1,
        stage_2_received: s2,
        stage_1_responded: r1,
        stage_1_in_time: t1,
        stage_2_responded: r2,
        stage_2_in_time: t2,
    };
    let by_tenure = [
        (Some(Tenure::GeneralNeeds), counts(2, 1, 2, 1, 1, 0)),
        (Some(Tenure::AffordableRent), counts(1, 0, 1, 1, 0, 0)),
        (Some(Tenure::SharedOwnership), counts(1, 0, 1, 0, 0, 0)),
        (Some(Tenure::Leasehold), counts(1, 0, 0, 0, 0, 0)),
        (None, counts(1, 0, 0, 0, 0, 0)),
    ];
    let homes = [
        (Tenure::GeneralNeeds, 1500),
        (Tenure::AffordableRent, 500),
        (Tenure::SharedOwnership, 400),
        (Tenure::Leasehold, 100),
    ];
    let lines = complaints_report(&by_tenure, &homes);
    let all = &lines[0];
    // 6 received over 2,500 homes: 2.4 per 1,000; 1 escalation: 0.4.
    assert_eq!(
        (all.homes, all.stage_1_received, all.stage_2_received),
        (2500, 6, 1)
    );
    assert_eq!(figure(all.stage_1_per_1000), "2.4");
    assert_eq!(figure(all.stage_2_per_1000), "0.4");
    // 2 of 4 answered in time at stage 1 (50.0%); none of 1 at stage 2.
    assert_eq!((all.stage_1_responded, all.stage_1_in_time), (4, 2));
    assert_eq!(figure(all.stage_1_in_time_percent), "50.0");
    assert_eq!(figure(all.stage_2_in_time_percent), "0.0");
    let rented = &lines[1];
    // 3 over 2,000 rented homes: 1.5 per 1,000; 2 of 3 in time (66.7%).
    assert_eq!((rented.homes, rented.stage_1_received), (2000, 3));
    assert_eq!(figure(rented.stage_1_per_1000), "1.5");
    assert_eq!(figure(rented.stage_1_in_time_percent), "66.7");
    let shared = &lines[2];
    assert_eq!(
        (
            shared.homes,
            shared.stage_1_received,
            shared.stage_1_in_time
        ),
        (400, 1, 0)
    );
    assert_eq!(figure(shared.stage_1_per_1000), "2.5");
    assert_eq!(figure(shared.stage_2_in_time_percent), "-");
}
