//! What a café harvest computes from the notes: for now, tidying a pile of text fragments into a
//! first draft map. Pure: it uses the model, text, layout and edit layers, never files or egui.

pub mod tidy;
