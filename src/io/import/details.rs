//! The café's details beyond its title and subtitle — date, place, facilitators, organisers and
//! synonyms — by the one name every interchange format writes them under (Freeplane root
//! attributes, OPML head elements with a leading `_`, Markdown front matter), so that exports
//! and importers agree in one place.

use super::marks::{read_synonyms, synonyms_value};
use crate::model::Cafe;

pub const DATE: &str = "date";
pub const PLACE: &str = "place";
pub const FACILITATORS: &str = "facilitators";
pub const ORGANISERS: &str = "organisers";
pub const SYNONYMS: &str = "synonyms";

/// The details of `cafe` as (name, value) pairs, the empty ones left out, in a fixed order.
pub fn of(cafe: &Cafe) -> Vec<(&'static str, String)> {
    let info = &cafe.info;
    [
        (DATE, info.date.clone()),
        (PLACE, info.place.clone()),
        (FACILITATORS, info.facilitators.clone()),
        (ORGANISERS, info.organisers.clone()),
        (SYNONYMS, synonyms_value(&cafe.synonyms)),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .collect()
}

/// Sets the detail called `name` from its value as [`of`] writes it; false for any other name.
pub fn set(cafe: &mut Cafe, name: &str, value: &str) -> bool {
    let info = &mut cafe.info;
    let field = match name {
        DATE => &mut info.date,
        PLACE => &mut info.place,
        FACILITATORS => &mut info.facilitators,
        ORGANISERS => &mut info.organisers,
        SYNONYMS => {
            cafe.synonyms = read_synonyms(value);
            return true;
        }
        _ => return false,
    };
    value.trim().clone_into(field);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CafeInfo;

    #[test]
    fn details_read_back_by_name() {
        let mut cafe = Cafe::new(CafeInfo {
            date: "12 mars 2026".into(),
            organisers: "Mairie; Cités Unies".into(),
            ..CafeInfo::default()
        });
        cafe.synonyms = vec![
            vec!["élus".into(), "conseillers".into()],
            vec!["a,b".into(), "c;d".into()],
        ];
        let mut back = Cafe::new(CafeInfo::default());
        for (name, value) in of(&cafe) {
            assert!(set(&mut back, name, &value), "{name}");
        }
        assert_eq!(back.info, cafe.info);
        assert_eq!(back.synonyms, cafe.synonyms);
        assert!(!set(&mut back, "colour", "x"));
    }
}
