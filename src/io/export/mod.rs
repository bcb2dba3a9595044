//! Exporters: a café → other formats.
