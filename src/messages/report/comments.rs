//! The Swedish words of a mistake in the coordinators' comments file (`kommentarer.toml`), with
//! its line and what to write instead.
//!
//! Pure: the mistake is data (`report::comments`); this only says it.

/// What is wrong in the comments file, for the coordinators: `rad 4: "hundsok" är inget av
/// periodens löften; skriv ett av: medborgarkontakter, …`.
pub(crate) fn comment_error(e: &crate::report::comments::CommentError) -> String {
    use crate::report::comments::Problem;
    let what = match &e.problem {
        // The parser's and the system's own words are English: they go to the command line and the
        // log (CommentError's Display), not to the coordinators.
        Problem::Unreadable(_) => "filen kan inte läsas; be den som sköter servern kontrollera filens behörigheter".into(),
        Problem::Syntax(_) => "raden följer inte filens format: skriv löftes-id = \"kommentar\", med texten inom citattecken (tre citattecken \"\"\" före och efter en text på flera rader)".into(),
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

#[cfg(test)]
mod tests {
    use crate::report::comments::{CommentError, Problem};

    #[test]
    fn the_parsers_and_the_systems_english_stays_out_of_the_coordinators_sentence() {
        let syntax = CommentError {
            line: Some(3),
            problem: Problem::Syntax("invalid basic string, expected `\"`".into()),
        };
        let said = super::comment_error(&syntax);
        assert_eq!(
            said,
            "rad 3: raden följer inte filens format: skriv löftes-id = \"kommentar\", med texten inom \
             citattecken (tre citattecken \"\"\" före och efter en text på flera rader)"
        );
        // The English stays in the error's Display, for the command line and the log.
        assert!(syntax.to_string().contains("invalid basic string"), "{syntax}");
        let unreadable = CommentError {
            line: None,
            problem: Problem::Unreadable("Permission denied (os error 13)".into()),
        };
        let said = super::comment_error(&unreadable);
        assert!(!said.contains("Permission") && said.starts_with("filen kan inte läsas"), "{said}");
    }
}
