use super::*;
use crate::domain::timescale::Timescale;

const SETUP: &str = include_str!("../../../../config/repairs.toml");

fn priorities() -> Vec<RepairPriority> {
    ["emergency", "urgent", "routine"]
        .iter()
        .map(|code| RepairPriority {
            code: (*code).to_owned(),
            name: (*code).to_owned(),
            target: Timescale::parse("5 working days").expect("timescale"),
            emergency: *code == "emergency",
            residents_may_book: *code != "emergency",
        })
        .collect()
}

fn setup() -> RepairSetup {
    let raw: RawRepairSetup = toml::from_str(SETUP).expect("parses");
    raw.validate(&priorities())
        .expect("the shipped tree is valid")
}

fn with(edit: impl Fn(&str) -> String) -> Vec<String> {
    let raw: RawRepairSetup = toml::from_str(&edit(SETUP)).expect("parses");
    match raw.validate(&priorities()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| e.to_string()).collect(),
    }
}

fn path_to(setup: &RepairSetup, outcome: &str) -> Vec<usize> {
    setup.path_to(outcome).expect("reachable")
}

fn outcome_of(setup: &RepairSetup, answers: &[usize]) -> Outcome {
    match setup.walk(answers).expect("valid answers") {
        Step::Done(o) => o.clone(),
        Step::Ask(q) => panic!("still asking {}", q.id),
    }
}

#[test]
fn an_emergency_must_say_whether_it_is_a_hazard_and_of_what_kind() {
    // Leaving it out is refused: nothing is left off the 24-hour clock by omission.
    let errors = with(|t| {
        t.replacen(
            "hazard = \"emergency\"\nhazard_kind = \"excess_cold\"\n",
            "",
            1,
        )
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("emergencies[1].hazard"), "{errors:?}");
    // So is an emergency outcome without one.
    let errors = with(|t| {
        t.replacen(
            "hazard = \"emergency\"\nhazard_kind = \"damp_and_mould\"\n",
            "",
            1,
        )
    });
    assert!(errors.iter().any(|e| e.contains(".hazard")), "{errors:?}");
    // "none" says it outright; a hazard without a kind is refused.
    assert!(with(|t| t.replacen(
        "hazard = \"emergency\"\nhazard_kind = \"excess_cold\"",
        "hazard = \"none\"",
        1
    ))
    .is_empty());
    let errors = with(|t| t.replacen("hazard_kind = \"excess_cold\"\n", "", 1));
    assert!(
        errors[0].starts_with("emergencies[1].hazard_kind"),
        "{errors:?}"
    );
    // Every emergency but gas is an emergency hazard in the shipped file.
    let setup = setup();
    for e in setup.emergencies.iter().filter(|e| !e.gas) {
        assert_eq!(
            e.hazard.as_ref().map(|h| h.0),
            Some(Hazard::Emergency),
            "{}",
            e.code
        );
    }
}

#[test]
fn the_shipped_tree_has_no_dead_ends_and_every_leaf_an_outcome() {
    let setup = setup();
    // Every path from the start ends in an outcome within a few questions.
    fn every_path(setup: &RepairSetup, answers: &mut Vec<usize>, leaves: &mut usize) {
        assert!(answers.len() < 10, "a path this long is a loop");
        match setup.walk(answers).expect("valid") {
            Step::Done(_) => *leaves += 1,
            Step::Ask(q) => {
                for i in 0..q.options.len() {
                    answers.push(i);
                    every_path(setup, answers, leaves);
                    answers.pop();
                }
            }
        }
    }
    let mut leaves = 0;
    every_path(&setup, &mut Vec::new(), &mut leaves);
    assert!(leaves >= setup.outcomes.len());
    assert!(setup.emergencies.iter().any(|e| e.gas));
}

#[test]
fn a_tenant_reporting_a_dripping_tap_gets_a_routine_plumber() {
    let setup = setup();
    let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
    assert_eq!(
        (tap.priority.as_str(), tap.trade.as_str()),
        ("routine", "plumber")
    );
    assert_eq!(who_fixes(&tap, Tenure::GeneralNeeds), WhoFixes::Landlord);
    // Kitchen, tap or sink, drips: three questions, three answers.
    assert_eq!(
        setup.transcript(&path_to(&setup, "tap_drip")),
        vec![
            ("Where is the problem?".to_owned(), "Kitchen".to_owned()),
            (
                "What in the kitchen has a problem?".to_owned(),
                "Tap or sink".to_owned()
            ),
            (
                "What is wrong with the tap or sink?".to_owned(),
                "It drips or will not turn off fully".to_owned()
            ),
        ]
    );
}

#[test]
fn a_tenant_is_told_what_is_their_own_job_with_advice() {
    let setup = setup();
    let bulb = outcome_of(&setup, &path_to(&setup, "bulb"));
    match who_fixes(&bulb, Tenure::AffordableRent) {
        WhoFixes::Tenant { advice } => assert!(advice.contains("yours to change")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_shared_owner_reports_structure_and_shared_areas_only() {
    let setup = setup();
    for tenure in [Tenure::SharedOwnership, Tenure::Leasehold] {
        let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
        assert_eq!(who_fixes(&tap, tenure), WhoFixes::Owner);
        let roof = outcome_of(&setup, &path_to(&setup, "roof"));
        assert_eq!(who_fixes(&roof, tenure), WhoFixes::Landlord);
        let lift = outcome_of(&setup, &path_to(&setup, "lift"));
        assert_eq!(who_fixes(&lift, tenure), WhoFixes::Landlord);
        // The owner's own bulb is theirs too, whatever a tenant would be told.
        let bulb = outcome_of(&setup, &path_to(&setup, "bulb"));
        assert_eq!(who_fixes(&bulb, tenure), WhoFixes::Owner);
    }
}

#[test]
fn damp_questions_end_in_a_hazard_and_awaab_clocks_only_for_renters() {
    let setup = setup();
    // Walls, damp or mould, larger area, a bedroom, someone vulnerable, ill now.
    let walls = setup.questions["where"]
        .options
        .iter()
        .position(|o| o.next == "walls")
        .expect("walls");
    let emergency = outcome_of(&setup, &[walls, 0, 1, 0, 0, 0]);
    let damp = "damp_and_mould".to_owned();
    assert_eq!(emergency.hazard, Some((Hazard::Emergency, damp.clone())));
    assert_eq!(emergency.priority, "emergency");
    let significant = outcome_of(&setup, &[walls, 0, 2, 5, 1, 1]);
    assert_eq!(
        significant.hazard,
        Some((Hazard::Significant, damp.clone()))
    );
    // Answering "water on electrics" first makes even a significant problem an emergency
    // hazard; the problem's own kind is kept.
    let wet = setup.emergency("water_on_electrics").expect("configured");
    assert_eq!(
        reported_hazard(Some(wet), &significant),
        Some((Hazard::Emergency, damp.clone()))
    );
    let tap = outcome_of(&setup, &path_to(&setup, "tap_drip"));
    assert_eq!(
        reported_hazard(Some(wet), &tap),
        Some((Hazard::Emergency, "electrical".to_owned()))
    );
    assert_eq!(reported_hazard(None, &tap), None);
    // Damp is structural: a shared owner still reports it, without the clocks.
    assert_eq!(
        who_fixes(&significant, Tenure::SharedOwnership),
        WhoFixes::Landlord
    );
}

#[test]
fn communal_questions_are_marked_and_unknown_answers_refused() {
    let setup = setup();
    let lift = path_to(&setup, "lift");
    assert!(setup.is_communal(&lift));
    assert!(!setup.is_communal(&path_to(&setup, "tap_drip")));
    assert_eq!(setup.walk(&[99]), Err(UnknownAnswer { at: 0 }));
    let mut past_the_end = path_to(&setup, "tap_drip");
    past_the_end.push(0);
    assert!(setup.walk(&past_the_end).is_err());
}

#[test]
fn a_broken_tree_is_refused_with_every_problem_named() {
    let dangling = with(|t| t.replace("next = \"tap_drip\"", "next = \"nowhere\""));
    assert!(
        dangling
            .iter()
            .any(|e| e.contains("\"nowhere\" is neither a question nor an outcome")),
        "{dangling:?}"
    );
    let looped = with(|t| t.replace("next = \"toilet_only\"", "next = \"bathroom\""));
    assert!(
        looped.iter().any(|e| e.contains("reached again")),
        "{looped:?}"
    );
    let unknown_priority =
        with(|t| t.replacen("priority = \"routine\"", "priority = \"whenever\"", 1));
    assert!(
        unknown_priority
            .iter()
            .any(|e| e.contains("\"whenever\" is not a repair priority")),
        "{unknown_priority:?}"
    );
    let unknown_trade = with(|t| t.replacen("trade = \"plumber\"", "trade = \"wizard\"", 1));
    assert!(unknown_trade
        .iter()
        .any(|e| e.contains("\"wizard\" is not one of the trades")));
    let no_gas = with(|t| t.replace("gas = true", "gas = false"));
    assert!(no_gas.iter().any(|e| e.contains("gas emergency")));
    let orphan = with(|t| {
        format!("{t}\n[[outcomes]]\nid = \"orphan\"\nsummary = \"x\"\npriority = \"routine\"\ntrade = \"general\"\nscope = \"home\"\n")
    });
    assert!(
        orphan
            .iter()
            .any(|e| e.contains("orphan: cannot be reached")),
        "{orphan:?}"
    );
    let no_advice = with(|t| {
        t.lines()
            .filter(|l| !l.starts_with("advice = \"Light bulbs"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        no_advice
            .iter()
            .any(|e| e.contains("is needed when the resident is responsible")),
        "{no_advice:?}"
    );
}

#[test]
fn visits_are_offered_on_working_days_up_to_the_target() {
    let friday = NaiveDate::from_ymd_opt(2026, 12, 18).expect("date");
    let target = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let holiday = |d: NaiveDate| !(d.month() == 12 && (d.day() == 25 || d.day() == 28));
    let days = visit_days(friday, target, holiday, 20);
    let shown: Vec<u32> = days.iter().map(|d| d.day()).collect();
    assert_eq!(shown, vec![21, 22, 23, 24, 29, 30, 31]);
    assert_eq!(visit_days(friday, target, holiday, 3).len(), 3);
    assert!(visit_days(friday, friday, holiday, 5).is_empty());
}

#[test]
fn a_visit_outcome_moves_the_job_on() {
    assert_eq!(VisitOutcome::Completed.status_after(), Status::Completed);
    assert_eq!(
        VisitOutcome::PartsOrdered.status_after(),
        Status::AwaitingParts
    );
    assert_eq!(VisitOutcome::NoAccess.status_after(), Status::Reported);
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(s));
    }
    for p in Period::ALL {
        assert_eq!(Period::parse(p.as_str()), Some(p));
    }
}

#[test]
fn when_we_were_told_is_a_uk_time_now_or_in_the_last_year() {
    use chrono::TimeZone;
    // 5 December 2026, 15:00 GMT (UK time is GMT in winter).
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 5, 15, 0, 0).unwrap();
    assert_eq!(
        when_told("2026-12-05", "09:30", now),
        Ok(chrono::Utc.with_ymd_and_hms(2026, 12, 5, 9, 30, 0).unwrap())
    );
    // A summer time is an hour ahead of UTC.
    assert_eq!(
        when_told("2026-07-01", "09:30", now),
        Ok(chrono::Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap())
    );
    // A minute's grace for the clock read as the form was filled in; no more.
    assert!(when_told("2026-12-05", "15:01", now).is_ok());
    assert_eq!(
        when_told("2026-12-05", "15:05", now),
        Err(vec![(
            "told_time",
            "When we were told must be now or in the past"
        )])
    );
    assert_eq!(
        when_told("2025-12-01", "10:00", now),
        Err(vec![("told_date", "The date must be within the last year")])
    );
    let both = when_told("5/12/2026", "9.30am", now).unwrap_err();
    assert_eq!(
        both.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
        ["told_date", "told_time"]
    );
}
