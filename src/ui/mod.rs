//! The egui application (being written).
