//! The follow-up's summary sentences (of a final follow-up and of a draft) and how it says it was
//! made. Pure.

use super::and_list;

/// The summary's first sentence: `Av 9 medborgarlöften är 6 uppfyllda, 2 delvis uppfyllda och 1
/// genomfört.` (the words of the verdicts in the table), and a second naming the pledges without a
/// number, if any.
pub(crate) fn summary(
    total: usize,
    (met, partly, not_met, not_measured): (usize, usize, usize, usize),
    done: &[String],
) -> String {
    if total == 0 {
        return "Inga medborgarlöften hör till perioden.".into();
    }
    let parts: Vec<String> = [
        (met, "uppfyllt", "uppfyllda"),
        (partly, "delvis uppfyllt", "delvis uppfyllda"),
        (not_met, "inte uppfyllt", "inte uppfyllda"),
        (done.len(), "genomfört", "genomförda"),
        (not_measured, "inte mätt", "inte mätta"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
    .collect();
    let mut s = if met + partly + done.len() + not_measured == 0 {
        format!("Inget av de {total} medborgarlöftena uppfylldes.")
    } else if met == total && total > 1 {
        format!("Alla {total} medborgarlöften är uppfyllda.")
    } else {
        format!(
            "Av {total} {} är {}.",
            if total == 1 { "medborgarlöfte" } else { "medborgarlöften" },
            and_list(&parts)
        )
    };
    match done {
        [] => {}
        [one] => s.push_str(&format!(
            " Löftet {one} saknar mätbart mål och redovisas som genomfört eftersom aktiviteter har redovisats."
        )),
        many => s.push_str(&format!(
            " Löftena {} saknar mätbart mål och redovisas som genomförda eftersom aktiviteter har redovisats.",
            and_list(many)
        )),
    }
    s
}

/// The summary of a draft: `Läget för de 9 medborgarlöftena: 5 redan uppfyllda, 2 efter takten och
/// 1 utan mätbart mål pågår.`
pub(crate) fn draft_summary(
    total: usize,
    met: usize,
    on_track: usize,
    behind: usize,
    lost: usize,
    (open, unmeasured, reaching, short): (usize, usize, usize, usize),
) -> String {
    let parts: Vec<String> = [
        (met, "är redan uppfyllt", "är redan uppfyllda"),
        (on_track, "går i takt", "går i takt"),
        (behind, "ligger efter takten", "ligger efter takten"),
        (lost, "kan inte längre uppfyllas", "kan inte längre uppfyllas"),
        (open, "utan mätbart mål pågår", "utan mätbart mål pågår"),
        (reaching, "når målet enligt den senaste mätningen", "når målet enligt den senaste mätningen"),
        (short, "når inte målet enligt den senaste mätningen", "når inte målet enligt den senaste mätningen"),
        (unmeasured, "har inget säkert mätvärde ännu", "har inget säkert mätvärde ännu"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
    .collect();
    format!("Läget för de {total} medborgarlöftena: {}.", and_list(&parts))
}

/// How the follow-up was made and how to read it.
pub(crate) fn method(indicators: bool) -> Vec<String> {
    let mut out = vec![
        "Uppföljningen är sammanställd ur de aktivitetsloggar som polisen och kommunen för under perioden. \
         Varje aktivitet räknas mot de löften den hör till, enligt löftets mål. Alla siffror kan spåras \
         till fil, blad och rad i bilagan."
            .into(),
        "Bedömning: Uppfyllt – målet är nått. Delvis uppfyllt – minst hälften av målet är nått. Ej \
         uppfyllt – mindre än hälften, eller (löfte utan mätbart mål) inga redovisade aktiviteter. \
         Genomfört – löfte utan mätbart mål där aktiviteter har redovisats."
            .into(),
    ];
    if indicators {
        out.push(
            "Ett löfte som mäts med en indikator (t.ex. en trygghetsmätning) bedöms efter periodens \
             senaste mätvärde. Delvis uppfyllt – minst halva vägen från utgångsläget mot målet. Ej \
             mätt – inget säkert mätvärde: inget redovisat, olika värden för samma mätning eller en \
             rad som inte kunde läsas."
                .into(),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_says_where_pledges_stand_and_indicators_without_pace_words() {
        assert_eq!(
            draft_summary(6, 1, 2, 1, 0, (1, 0, 0, 1)),
            "Läget för de 6 medborgarlöftena: 1 är redan uppfyllt, 2 går i takt, 1 ligger efter takten, \
             1 utan mätbart mål pågår och 1 når inte målet enligt den senaste mätningen."
        );
        assert_eq!(
            draft_summary(2, 0, 0, 0, 0, (0, 1, 1, 0)),
            "Läget för de 2 medborgarlöftena: 1 når målet enligt den senaste mätningen och 1 har inget \
             säkert mätvärde ännu."
        );
    }
}
