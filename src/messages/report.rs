//! The Swedish words of the written follow-up (the report) and of its public summary.

/// The page number in a printed report's footer: `sida 3 av 12`.
pub fn page_number(page: usize, pages: usize) -> String {
    format!("sida {page} av {pages}")
}
