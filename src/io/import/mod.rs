//! Importers: other formats → a café.
