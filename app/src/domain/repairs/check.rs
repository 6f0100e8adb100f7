//! Checking the repairs configuration against the profile, and walking the diagnosis tree.

use super::*;

pub(super) fn text(value: &Option<String>, field: &str, errors: &mut Vec<ProfileError>) -> String {
    crate::domain::profile::required(value, field, errors)
}

impl RawRepairSetup {
    /// Checks the whole tree against the profile's priorities and returns every problem.
    pub fn validate(self, priorities: &[RepairPriority]) -> Result<RepairSetup, Vec<ProfileError>> {
        let mut errors = Vec::new();
        let start = text(&self.start, "start", &mut errors);

        let mut emergencies = Vec::new();
        let mut codes = BTreeSet::new();
        for (i, e) in self.emergencies.unwrap_or_default().iter().enumerate() {
            let field = format!("emergencies[{i}]");
            let code = text(&e.code, &format!("{field}.code"), &mut errors);
            if !codes.insert(code.clone()) {
                errors.push(problem(&format!("{field}.code"), "is used twice"));
            }
            let gas = e.gas.unwrap_or(false);
            let hazard = configured_hazard(
                e.hazard.as_deref(),
                e.hazard_kind.as_deref(),
                !gas,
                &field,
                &mut errors,
            );
            emergencies.push(Emergency {
                code,
                label: text(&e.label, &format!("{field}.label"), &mut errors),
                gas,
                hazard,
            });
        }
        if !emergencies.iter().any(|e| e.gas) {
            errors.push(problem(
                "emergencies",
                "must include the gas emergency (gas = true)",
            ));
        }

        let mut trades = Vec::new();
        for (i, t) in self.trades.unwrap_or_default().iter().enumerate() {
            let field = format!("trades[{i}]");
            let code = text(&t.code, &format!("{field}.code"), &mut errors);
            if trades.iter().any(|x: &Trade| x.code == code) {
                errors.push(problem(&format!("{field}.code"), "is used twice"));
            }
            trades.push(Trade {
                code,
                name: text(&t.name, &format!("{field}.name"), &mut errors),
                capacity: [
                    t.morning.unwrap_or(0),
                    t.afternoon.unwrap_or(0),
                    t.all_day.unwrap_or(0),
                ],
            });
        }
        if trades.is_empty() {
            errors.push(problem("trades", "must list at least one trade"));
        }

        let mut questions = BTreeMap::new();
        for (i, q) in self.questions.unwrap_or_default().into_iter().enumerate() {
            let field = format!("questions[{i}]");
            let id = text(&q.id, &format!("{field}.id"), &mut errors);
            let options: Vec<AnswerOption> = q
                .options
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(|(j, o)| AnswerOption {
                    label: text(
                        &o.label,
                        &format!("{field}.options[{j}].label"),
                        &mut errors,
                    ),
                    hint: o.hint.clone(),
                    next: text(&o.next, &format!("{field}.options[{j}].next"), &mut errors),
                })
                .collect();
            if options.is_empty() {
                errors.push(problem(
                    &format!("{field}.options"),
                    "must offer at least one answer",
                ));
            }
            let question = Question {
                text: text(&q.text, &format!("{field}.text"), &mut errors),
                hint: q.hint,
                communal: q.communal.unwrap_or(false),
                options,
                id: id.clone(),
            };
            if questions.insert(id, question).is_some() {
                errors.push(problem(&format!("{field}.id"), "is used twice"));
            }
        }

        let mut outcomes = BTreeMap::new();
        for (i, o) in self.outcomes.unwrap_or_default().into_iter().enumerate() {
            let field = format!("outcomes[{i}]");
            let id = text(&o.id, &format!("{field}.id"), &mut errors);
            let priority = text(&o.priority, &format!("{field}.priority"), &mut errors);
            if !priority.is_empty() && !priorities.iter().any(|p| p.code == priority) {
                errors.push(problem(
                    &format!("{field}.priority"),
                    &format!("\"{priority}\" is not a repair priority of the profile"),
                ));
            }
            let trade = text(&o.trade, &format!("{field}.trade"), &mut errors);
            if !trade.is_empty() && !trades.iter().any(|t| t.code == trade) {
                errors.push(problem(
                    &format!("{field}.trade"),
                    &format!("\"{trade}\" is not one of the trades"),
                ));
            }
            let scope_text = text(&o.scope, &format!("{field}.scope"), &mut errors);
            let scope = Scope::parse(&scope_text).unwrap_or(Scope::Home);
            if !scope_text.is_empty() && Scope::parse(&scope_text).is_none() {
                errors.push(problem(
                    &format!("{field}.scope"),
                    "must be home, structure or communal",
                ));
            }
            let emergency = priorities.iter().any(|p| p.code == priority && p.emergency);
            let hazard = configured_hazard(
                o.hazard.as_deref(),
                o.hazard_kind.as_deref(),
                emergency,
                &field,
                &mut errors,
            );
            let resident_responsible = o.resident_responsible.unwrap_or(false);
            if resident_responsible && o.advice.is_none() {
                errors.push(problem(
                    &format!("{field}.advice"),
                    "is needed when the resident is responsible: tell them what to do",
                ));
            }
            let outcome = Outcome {
                id: id.clone(),
                summary: text(&o.summary, &format!("{field}.summary"), &mut errors),
                priority,
                trade,
                scope,
                resident_responsible,
                advice: o.advice,
                hazard,
            };
            if questions.contains_key(&id) {
                errors.push(problem(&format!("{field}.id"), "is also a question's id"));
            }
            if outcomes.insert(id, outcome).is_some() {
                errors.push(problem(&format!("{field}.id"), "is used twice"));
            }
        }

        // Every answer leads somewhere, and following answers never comes back round.
        for (id, q) in &questions {
            for (j, o) in q.options.iter().enumerate() {
                if !o.next.is_empty()
                    && !questions.contains_key(&o.next)
                    && !outcomes.contains_key(&o.next)
                {
                    errors.push(problem(
                        &format!("question {id}.options[{j}].next"),
                        &format!("\"{}\" is neither a question nor an outcome", o.next),
                    ));
                }
            }
        }
        if !start.is_empty() && !questions.contains_key(&start) {
            errors.push(problem("start", &format!("\"{start}\" is not a question")));
        }
        if let Some(cycle) = find_cycle(&questions) {
            errors.push(problem(
                &format!("question {cycle}"),
                "can be reached again by following its own answers",
            ));
        }
        // Nothing is written that cannot be reached.
        let mut reached = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(id) = stack.pop() {
            if !reached.insert(id.clone()) {
                continue;
            }
            if let Some(q) = questions.get(&id) {
                stack.extend(q.options.iter().map(|o| o.next.clone()));
            }
        }
        if errors.is_empty() {
            for id in questions.keys().chain(outcomes.keys()) {
                if !reached.contains(id) {
                    errors.push(problem(id, "cannot be reached from the start"));
                }
            }
        }

        if errors.is_empty() {
            Ok(RepairSetup {
                start,
                emergencies,
                trades,
                questions,
                outcomes,
            })
        } else {
            Err(errors)
        }
    }
}

pub(super) fn find_cycle(questions: &BTreeMap<String, Question>) -> Option<String> {
    // Depth-first search with three colours.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    fn visit(
        id: &str,
        questions: &BTreeMap<String, Question>,
        marks: &mut BTreeMap<String, Mark>,
    ) -> Option<String> {
        match marks.get(id) {
            Some(Mark::Visiting) => return Some(id.to_owned()),
            Some(Mark::Done) => return None,
            None => {}
        }
        let q = questions.get(id)?;
        marks.insert(id.to_owned(), Mark::Visiting);
        for o in &q.options {
            if let Some(found) = visit(&o.next, questions, marks) {
                return Some(found);
            }
        }
        marks.insert(id.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    questions
        .keys()
        .find_map(|id| visit(id, questions, &mut marks))
}

/// Where a list of answers (option numbers, from the start) has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Ask(&'a Question),
    Done(&'a Outcome),
}

/// An answer that is not one of the question's options (a tampered or stale form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownAnswer {
    pub at: usize,
}

impl RepairSetup {
    pub fn trade(&self, code: &str) -> Option<&Trade> {
        self.trades.iter().find(|t| t.code == code)
    }

    /// How many visits of `trade` a day's `period` holds: none for a trade the setup does not
    /// name.
    pub fn visits_a_day(&self, trade: &str, period: Period) -> u32 {
        self.trade(trade).map_or(0, |t| t.capacity(period))
    }

    pub fn emergency(&self, code: &str) -> Option<&Emergency> {
        self.emergencies.iter().find(|e| e.code == code)
    }

    /// Follows `answers` from the start. An answer given after an outcome is reached, or one
    /// that is not an option, is refused.
    pub fn walk(&self, answers: &[usize]) -> Result<Step<'_>, UnknownAnswer> {
        let mut id = self.start.as_str();
        for (at, &choice) in answers.iter().enumerate() {
            let question = self.questions.get(id).ok_or(UnknownAnswer { at })?;
            let option = question.options.get(choice).ok_or(UnknownAnswer { at })?;
            id = &option.next;
        }
        if let Some(q) = self.questions.get(id) {
            Ok(Step::Ask(q))
        } else if let Some(o) = self.outcomes.get(id) {
            Ok(Step::Done(o))
        } else {
            Err(UnknownAnswer { at: answers.len() })
        }
    }

    /// The question and answer text of each answer given, for the check page and the job.
    pub fn transcript(&self, answers: &[usize]) -> Vec<(String, String)> {
        let mut id = self.start.as_str();
        let mut lines = Vec::new();
        for &choice in answers {
            let Some(question) = self.questions.get(id) else {
                break;
            };
            let Some(option) = question.options.get(choice) else {
                break;
            };
            lines.push((question.text.clone(), option.label.clone()));
            id = &option.next;
        }
        lines
    }

    /// The first list of answers that leads to `outcome` (for demo data and tests).
    pub fn path_to(&self, outcome: &str) -> Option<Vec<usize>> {
        fn search(setup: &RepairSetup, at: &str, goal: &str, path: &mut Vec<usize>) -> bool {
            if at == goal {
                return true;
            }
            let Some(q) = setup.questions.get(at) else {
                return false;
            };
            for (i, o) in q.options.iter().enumerate() {
                path.push(i);
                if search(setup, &o.next, goal, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        let mut path = Vec::new();
        search(self, &self.start, outcome, &mut path).then_some(path)
    }

    /// Whether the answers so far passed through a communal question.
    pub fn is_communal(&self, answers: &[usize]) -> bool {
        (0..=answers.len())
            .any(|n| matches!(self.walk(&answers[..n]), Ok(Step::Ask(q)) if q.communal))
    }
}
