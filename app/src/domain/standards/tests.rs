use super::*;

#[test]
fn a_subject_access_timescale_may_not_outrun_the_law() {
    let t = |amount, unit| Timescale::new(amount, unit);
    assert!(within_months(t(1, Unit::CalendarMonths), 1));
    assert!(within_months(t(20, Unit::WorkingDays), 1));
    assert!(!within_months(t(21, Unit::WorkingDays), 1));
    assert!(!within_months(t(30, Unit::CalendarDays), 1));
    assert!(within_months(t(2, Unit::CalendarMonths), 2));
    assert!(!within_months(t(3, Unit::CalendarMonths), 2));
}
