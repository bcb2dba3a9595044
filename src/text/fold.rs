//! Folding text for searching as people type: case and accents do not count ("evenement" finds
//! "Évènements", "cooperation" finds "coopération", "oeuvre" finds "œuvre"). French first, and the
//! Latin letters partners' names bring (ñ, ß, ø…). Combining accents (a letter typed as "e" +
//! U+0301) fold like precomposed ones.

/// `text` folded, with for each folded char the index (in chars) of the original char it came
/// from, so that a match in the folded text can be shown on the original.
pub fn fold_with_map(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut folded = Vec::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if is_combining_mark(c) {
            continue;
        }
        for f in fold_char(c) {
            folded.push(f);
            map.push(i);
        }
    }
    (folded, map)
}

/// `text` folded (see the module's documentation).
pub fn fold(text: &str) -> String {
    fold_with_map(text).0.into_iter().collect()
}

/// Accents typed as a separate character after their letter.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// One char, lowercased and without its accent; ligatures become two letters.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let base: &'static str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        // Typographic apostrophes and quotes match the ones on the keyboard.
        '’' | '‘' | 'ʼ' => "'",
        '\u{00A0}' | '\u{202F}' => " ",
        _ => "",
    };
    let mut lower = None;
    if base.is_empty() {
        lower = Some(c.to_lowercase());
    }
    base.chars().chain(lower.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_do_not_count() {
        assert_eq!(fold("Évènements"), "evenements");
        assert_eq!(fold("COOPÉRATION"), "cooperation");
        assert_eq!(fold("Œuvre d’élus"), "oeuvre d'elus");
        // "é" typed as "e" and a combining acute accent.
        assert_eq!(fold("cafe\u{301}"), "cafe");
    }

    #[test]
    fn the_map_points_back_at_the_original_chars() {
        let (folded, map) = fold_with_map("Œil é");
        assert_eq!(folded.iter().collect::<String>(), "oeil e");
        assert_eq!(map, [0, 0, 1, 2, 3, 4]);
    }
}
