//! Joining lines that were one sentence before a PDF or a typist broke them.

/// Appends a line to a note: with a space, or without one after a hyphen ending a word.
pub fn join_line(note: &mut String, line: &str) {
    if note.is_empty() {
        note.push_str(line);
        return;
    }
    let mut chars = note.chars().rev();
    let hyphen_break = chars.next() == Some('-') && chars.next().is_some_and(char::is_alphabetic);
    if !hyphen_break {
        note.push(' ');
    }
    note.push_str(line);
}
