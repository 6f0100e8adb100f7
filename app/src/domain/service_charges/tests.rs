use super::*;

/// A small deterministic generator for the property tests (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> i64 {
        (self.next() % n) as i64
    }
}

#[test]
fn shares_are_exact_pennies_in_proportion() {
    assert_eq!(apportion(100, &[1, 1, 1]), Some(vec![34, 33, 33]));
    assert_eq!(apportion(200, &[1, 1, 1]), Some(vec![67, 67, 66]));
    assert_eq!(
        apportion(1000, &[5000, 3000, 2000]),
        Some(vec![500, 300, 200])
    );
    // 52.5, 68.0 and 49.5 m² of 170 m² sharing £100.00.
    assert_eq!(
        apportion(10_000, &[5250, 6800, 4950]),
        Some(vec![3088, 4000, 2912])
    );
    // Bedrooms, with a studio that pays nothing.
    assert_eq!(apportion(999, &[0, 1, 2]), Some(vec![0, 333, 666]));
    assert_eq!(apportion(0, &[1, 2]), Some(vec![0, 0]));
    assert_eq!(apportion(5, &[0, 0]), None);
    assert_eq!(apportion(5, &[]), None);
    assert_eq!(apportion(5, &[1, -1]), None);
    assert_eq!(apportion(-5, &[1, 1]), None);
}

#[test]
fn every_method_adds_up_exactly_over_random_buildings() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for round in 0..20_000 {
        let homes = 1 + rng.below(60) as usize;
        let weights: Vec<i64> = match round % 4 {
            0 => vec![1; homes],                                         // equal
            1 => (0..homes).map(|_| 3000 + rng.below(12_000)).collect(), // floor area, dm²
            2 => (0..homes).map(|_| rng.below(6)).collect(),             // bedrooms
            _ => (0..homes).map(|_| rng.below(10_001)).collect(),        // basis points
        };
        let total = match round % 3 {
            0 => rng.below(100),
            1 => rng.below(10_000_000),
            _ => rng.below(MAX_PENCE as u64 + 1),
        };
        let Some(shares) = apportion(total, &weights) else {
            assert!(weights.iter().all(|w| *w == 0), "{weights:?}");
            continue;
        };
        assert_eq!(
            shares.iter().sum::<i64>(),
            total,
            "{total} over {weights:?}"
        );
        let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
        for (share, w) in shares.iter().zip(&weights) {
            assert!(*share >= 0);
            // Within a penny of the exact share, and nothing for no weight.
            let exact = i128::from(total) * i128::from(*w);
            let floor = exact / sum;
            assert!(
                i128::from(*share) == floor || i128::from(*share) == floor + 1,
                "{share} against {exact}/{sum}"
            );
            if *w == 0 {
                assert_eq!(*share, 0);
            }
        }
        // Equal weights never differ by more than a penny.
        if round % 4 == 0 {
            let (min, max) = (shares.iter().min(), shares.iter().max());
            assert!(max.zip(min).is_some_and(|(a, b)| a - b <= 1));
        }
    }
}

#[test]
fn a_bigger_weight_never_gets_a_smaller_share() {
    let mut rng = Rng(42);
    for _ in 0..5_000 {
        let weights: Vec<i64> = (0..1 + rng.below(30)).map(|_| rng.below(500)).collect();
        let total = rng.below(1_000_000);
        if let Some(shares) = apportion(total, &weights) {
            for i in 0..weights.len() {
                for j in 0..weights.len() {
                    if weights[i] > weights[j] {
                        assert!(shares[i] >= shares[j], "{weights:?} {shares:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn money_is_read_and_written_in_pounds_and_pence() {
    assert_eq!(parse_money("1250"), Ok(125_000));
    assert_eq!(parse_money("£1,234.5"), Ok(123_450));
    assert_eq!(parse_money(" 0.07 "), Ok(7));
    assert_eq!(parse_money("12,345,678.90"), Ok(1_234_567_890));
    for bad in [
        "", "abc", "1.234", "1,23", "12.", "£", "1.2.3", ",123", "1e5",
    ] {
        assert!(parse_money(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_money("-5"), Err("The amount must not be negative"));
    assert_eq!(parse_money("1000000000"), Err("The amount is too large"));
    assert_eq!(money(123_405), "£1,234.05");
    assert_eq!(money(5), "£0.05");
    assert_eq!(money(100_000_000), "£1,000,000.00");
    assert_eq!(money(-300), "-£3.00");
    assert_eq!(square_metres(5250), "52.5 m²");
    assert_eq!(percent(1250), "12.50%");
    assert_eq!(year_label(2026), "April 2026 to March 2027");
}

#[test]
fn csv_handles_quotes_commas_and_line_ends() {
    let text = "\u{feff}heading,amount,explanation\r\nCleaning,\"1,200.00\",\"Weekly, \"\"deep\"\" clean\nof the stairs\"\r\n\r\nLift maintenance,800,Servicing\n";
    let records = parse_csv(text).expect("parses");
    assert_eq!(records.len(), 3);
    assert_eq!(records[1].0, 2);
    assert_eq!(
        records[1].1,
        vec![
            "Cleaning",
            "1,200.00",
            "Weekly, \"deep\" clean\nof the stairs"
        ]
    );
    assert_eq!(
        records[2].0, 5,
        "row numbers count the line inside quotes and the blank line"
    );
    let unclosed = parse_csv("heading,amount\na,\"b\nc").expect_err("an unclosed quote");
    assert_eq!(unclosed.row, 2);
    assert!(
        unclosed.message.contains("never closed"),
        "{}",
        unclosed.message
    );
    // A quote mark inside a value that does not start with one is kept as written, as
    // spreadsheets read it.
    assert_eq!(
        parse_csv("a,5\" pipe\"").expect("read")[0].1,
        vec!["a", "5\" pipe\""]
    );
}

fn extra() -> Vec<String> {
    vec!["Window cleaning".to_owned()]
}

#[test]
fn a_good_file_gives_its_lines() {
    let text = "Heading,Amount,Explanation\ncleaning,1200,Cleaning the stairs every week\nWindow Cleaning,£300.50,Outside windows twice a year\nlift_maintenance,0,Covered by the warranty this year\n";
    let lines = read_lines(text, &extra()).expect("good");
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0].heading, "Cleaning");
    assert_eq!(lines[1].heading, "Window cleaning");
    assert_eq!(lines[1].amount_pence, 30_050);
    assert_eq!(lines[2].heading, "Lift maintenance");
    // Columns in another order.
    let lines = read_lines("explanation,heading,amount\nStairs,Cleaning,10\n", &[]).expect("good");
    assert_eq!(lines[0].amount_pence, 1000);
}

#[test]
fn a_bad_file_reports_every_problem_by_row_and_column() {
    let text = "heading,amount,explanation\nCleaning,1200,Stairs\nGardening,100,Hedges\nCleaning,ten,\nDoor entry,50\nReserve fund,-4,Saving for the roof\n";
    let problems = read_lines(text, &extra()).expect_err("bad");
    let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 6, "{said:#?}");
    assert!(said[0].starts_with("Row 3, column \"heading\": \"Gardening\" is not a cost heading"));
    assert_eq!(
        said[1],
        "Row 4, column \"heading\": Cleaning is already on row 2; put each heading once"
    );
    assert_eq!(
        said[2],
        "Row 4, column \"amount\": The amount must be in pounds and pence, like 1250.00"
    );
    assert_eq!(
        said[3],
        "Row 4, column \"explanation\": Explain in plain words what this line pays for"
    );
    assert_eq!(said[4], "Row 5: This row has 2 values; it needs 3");
    assert_eq!(
        said[5],
        "Row 6, column \"amount\": The amount must not be negative"
    );
    let missing = read_lines("heading,cost\nCleaning,1\n", &[]).expect_err("bad header");
    assert_eq!(missing.len(), 3, "{missing:?}");
    assert!(read_lines("", &[]).is_err());
    assert!(read_lines("heading,amount,explanation\n", &[]).is_err());
}

#[test]
fn statements_compare_by_heading_and_explain_the_balance() {
    let line = |p: i64, h: &str, share: i64| ShareLine {
        position: p,
        heading: h.to_owned(),
        explanation: format!("{h} explained"),
        total_pence: share * 10,
        share_pence: share,
    };
    let this = [line(1, "Cleaning", 1200), line(2, "Door entry", 300)];
    let last = [line(1, "Cleaning", 1000), line(2, "Lift maintenance", 500)];
    let rows = compare(&this, Some(&last));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].other_share_pence, Some(1000));
    assert_eq!(rows[1].other_share_pence, Some(0));
    assert_eq!(rows[2].heading, "Lift maintenance");
    assert_eq!(rows[2].share_pence, 0);
    assert_eq!(compare(&this, None)[0].other_share_pence, None);
    assert_eq!(change_words(1200, 1000), "£2.00 more");
    assert_eq!(change_words(1000, 1200), "£2.00 less");
    assert_eq!(Balance::of(10_000, 9_000), Balance::Surplus(1000));
    assert_eq!(Balance::of(10_000, 10_500), Balance::Deficit(500));
    assert!(Balance::of(10_000, 9_000).words().contains("credit £10.00"));
    assert!(Balance::of(1, 1).words().contains("nothing to pay"));
}

#[test]
fn methods_explain_the_share() {
    assert_eq!(
        Method::FloorArea.explain(5250, 64_000, 12, "Alder Court"),
        "The costs are shared by floor area: your home is 52.5 m² of the 640.0 m² of homes in Alder Court."
    );
    assert!(Method::Percentage
        .explain(1250, 10_000, 8, "X")
        .contains("12.50%"));
    assert!(Method::Percentage
        .explain(1250, 9_000, 8, "X")
        .contains("90.00%"));
    assert!(Method::Equal
        .explain(1, 20, 20, "Millbrook estate")
        .contains("20 homes"));
}
