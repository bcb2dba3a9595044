//! A new event from the café's plan: its title, its date and one table per question, as
//! File ▸ New asks for them.

use crate::model::{Cafe, CafeInfo};

/// The table questions in a typed or pasted plan: one per line, blank lines dropped, bullets
/// ("-", "•", "*"…), numbering ("1.", "2)", "3 -") and "Table 4 :" / "Question 5." prefixes
/// stripped, as they come from a word processor or an e-mail. In a numbered or bulleted plan, a
/// line without a marker after an unfinished item continues it (a PDF breaks long lines).
pub fn questions_from(text: &str) -> Vec<String> {
    let marked_plan = text.lines().any(|l| strip_marker(l).len() < l.trim().len());
    let mut out: Vec<String> = Vec::new();
    let mut last_marked = false;
    for line in text.lines() {
        let q = strip_marker(line);
        if q.is_empty() {
            continue;
        }
        let marked = q.len() < line.trim().len();
        let unfinished = out
            .last()
            .is_some_and(|l| !l.ends_with(['?', '.', '!', ':', '…']));
        match out.last_mut() {
            Some(item) if marked_plan && !marked && last_marked && unfinished => {
                crate::text::join_line(item, q);
            }
            _ => {
                out.push(q.to_owned());
                last_marked = marked;
            }
        }
    }
    out
}

const BULLETS: &[char] = &['-', '*', '+', '•', '◦', '▪', '‣', '·', '–', '—', '#', '>'];

fn strip_marker(line: &str) -> &str {
    let line = line.trim();
    let bare = line.trim_start_matches(BULLETS).trim_start();
    if bare.len() < line.len() {
        return bare;
    }
    // "Table 3 : …", "Question 2. …": the word is the same in French and English.
    let after_word = ["table", "question"]
        .iter()
        .find(|w| {
            line.get(..w.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(w))
        })
        .and_then(|w| line.get(w.len()..))
        .map(str::trim_start)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let numbered = after_word.unwrap_or(line);
    let digits = numbered.len()
        - numbered
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    if digits == 0 || digits > 3 {
        return line;
    }
    let rest = numbered.get(digits..).unwrap_or_default().trim_start();
    // "2024 en bilan ?" starts with a number but is not numbered.
    let Some(rest) = rest
        .strip_prefix(['.', ')', ':', '-', '–', '—'])
        .map(str::trim_start)
    else {
        return line;
    };
    // "3." or "Table 3 :" alone: a question someone meant to write later; keep what they wrote.
    if rest.is_empty() { line } else { rest }
}

/// A café for a new event: one table per question, each laid out as a new table is (its question
/// at the centre, nothing else yet). With no question, one table asks `placeholder`.
pub fn new_event(info: CafeInfo, questions: &[String], placeholder: &str) -> Cafe {
    let mut cafe = Cafe::new(info);
    if questions.is_empty() {
        let table = cafe.new_table(placeholder);
        cafe.tables.push(table);
    }
    for q in questions {
        let table = cafe.new_table(q.as_str());
        cafe.tables.push(table);
    }
    cafe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_plan_gives_one_clean_question_per_line() {
        let pasted = "Questions du café :\n\n\
            1. Comment accueillir les nouveaux habitants ?\n\
            2) Quels lieux partager ?\n\
            - Que faire ensemble l’été ?\n\
            • Qui manque autour de la table ?\n\
            Table 5 : Et demain ?\n\
            Question 6 - Comment se dire les choses ?\n\
            2024 en bilan ?\n";
        assert_eq!(
            questions_from(pasted),
            [
                "Questions du café :",
                "Comment accueillir les nouveaux habitants ?",
                "Quels lieux partager ?",
                "Que faire ensemble l’été ?",
                "Qui manque autour de la table ?",
                "Et demain ?",
                "Comment se dire les choses ?",
                "2024 en bilan ?",
            ]
        );
    }

    #[test]
    fn a_question_broken_over_lines_by_a_pdf_is_joined_back() {
        let seed = "3 tables rondes :\n\n\
            1. Comment faire perdurer les coopérations en temps de \n\
            crise/conflit (relations nord / sud) ?\n\n\
            2. Quels retours sur le territoire des actions de coopération décentralisée au \n\n\
            niveau des habitants / des entreprises?\n\n\
            3. Les possibles collaborations entre collectivités françaises pour la mise en \n\
            place de projets\n";
        assert_eq!(
            questions_from(seed),
            [
                "3 tables rondes :",
                "Comment faire perdurer les coopérations en temps de crise/conflit (relations nord / sud) ?",
                "Quels retours sur le territoire des actions de coopération décentralisée au niveau des habitants / des entreprises?",
                "Les possibles collaborations entre collectivités françaises pour la mise en place de projets",
            ]
        );
        assert_eq!(
            questions_from("Pourquoi\nComment"),
            ["Pourquoi", "Comment"],
            "a plain list is one question per line"
        );
    }

    #[test]
    fn odd_lines_are_kept_whole_rather_than_cut() {
        assert_eq!(questions_from("3."), ["3."]);
        assert_eq!(questions_from("Table 3"), ["Table 3"]);
        assert_eq!(questions_from("Tableaux ?"), ["Tableaux ?"]);
        assert_eq!(questions_from("  \n\t\n"), Vec::<String>::new());
        assert_eq!(questions_from("- \n•"), Vec::<String>::new());
    }

    #[test]
    fn each_question_becomes_a_table_and_none_gives_the_placeholder_table() {
        let info = CafeInfo {
            title: "Café des voisins".into(),
            date: "12 mars 2026".into(),
            ..Default::default()
        };
        let qs = questions_from("Pourquoi ?\nComment ?");
        let cafe = new_event(info.clone(), &qs, "Nouvelle question ?");
        assert_eq!(cafe.info, info);
        let asked: Vec<&str> = cafe
            .tables
            .iter()
            .map(|t| t.question_node().text.as_str())
            .collect();
        assert_eq!(asked, ["Pourquoi ?", "Comment ?"]);
        assert!(
            cafe.tables
                .iter()
                .all(|t| t.len() == 1 && t.validate().is_ok())
        );

        let empty = new_event(CafeInfo::default(), &[], "Nouvelle question ?");
        assert_eq!(empty.tables.len(), 1);
        assert_eq!(empty.tables[0].question_node().text, "Nouvelle question ?");
    }
}
