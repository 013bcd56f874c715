//! The Swedish words of a mistake in the coordinators' comments file (`kommentarer.toml`), with
//! its line and what to write instead.
//!
//! Pure: the mistake is data (`report::comments`); this only says it.

/// What is wrong in the comments file, for the coordinators: `rad 4: "hundsok" är inget av
/// periodens löften; skriv ett av: medborgarkontakter, …`.
pub(crate) fn comment_error(e: &crate::report::comments::CommentError) -> String {
    use crate::report::comments::Problem;
    let what = match &e.problem {
        Problem::Unreadable(why) => format!("filen kan inte läsas ({why})"),
        Problem::Syntax(why) => format!("raden följer inte filens format, TOML ({why})"),
        Problem::NotATable { period } => {
            format!(
                "[{period}] ska stå ensamt på en rad, följt av en rad per löfte: löftes-id = \"kommentar\""
            )
        }
        Problem::UnknownPledge { period, pledge, nearest: Some(n), .. } => {
            format!("\"{pledge}\" är inget av löftena för {period}; menade du {n}?")
        }
        Problem::UnknownPledge { period, pledge, nearest: None, expected } => {
            format!("\"{pledge}\" är inget av löftena för {period}; skriv ett av: {}", expected.join(", "))
        }
        Problem::RepeatedHeading { heading, first } => format!(
            "rubriken [{heading}] finns redan på rad {first}; skriv alla kommentarer för {heading} under den"
        ),
        Problem::RepeatedPledge { pledge, first } => {
            format!("{pledge} har redan en kommentar på rad {first}; skriv en kommentar per löfte")
        }
        Problem::NotText { pledge, .. } => format!("kommentaren till {pledge} ska stå inom citattecken"),
    };
    match e.line {
        Some(line) => format!("rad {line}: {what}"),
        None => what,
    }
}
