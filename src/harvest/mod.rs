//! What a café harvest computes from the notes: tidying a pile of text fragments into a first
//! draft map (`tidy`), and finding the ideas that come back across tables (`threads`). Pure: it
//! uses the model, text, layout and edit layers, never files or egui.

pub mod threads;
pub mod tidy;
