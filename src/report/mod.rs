//! The annual written follow-up: what it says (`doc`, `chart`) and how it is drawn (`html`, `pdf`).

pub mod chart;
pub mod doc;
