//! Writes the sample activity logs for Kalix 2019 that a new user looks at first, and those of the
//! sample police area in `examples/polisomrade/`.
//!
//! ```text
//! cargo run --example sample_data -- OUTDIR [--area AREADIR]
//! ```
//!
//! writes
//! - `OUTDIR/polisen-aktivitetslogg-2019.xlsx` (the police log, realistic and messy) and
//! - `OUTDIR/kommunen-aktivitetslogg-2019.xlsx` (the municipality's log; `data/generate.sh`
//!   converts it to ODS with LibreOffice);
//!
//! and with `--area AREADIR` (`examples/polisomrade/generate.sh` passes that folder) also, in
//! `AREADIR/data/inbox/`,
//! - `polisen/polisen-aktivitetslogg-2019-2022.xlsx` (the police's log of the whole police area),
//! - `haparanda/haparanda-aktivitetslogg-2020-2022.xlsx` and
//!   `overkalix/overkalix-aktivitetslogg-2019.xlsx` (those municipalities' own logs).
//!
//! Kalix's own log in the area is the ODS above, copied by the area's `generate.sh`.
//!
//! The output is deterministic: a tiny LCG with a fixed seed stands in for a random generator, and
//! the document creation time is fixed. The program prints, per file (and in the police area's log
//! per municipality and year), what a correct reader should find.
//!
//! # The police file, sheet "Logg 2019"
//! - Row 1: a merged title cell (A1:I1), row 2: a note, row 3: blank, row 4: the header.
//! - Header (row 4): `Datum`, `Veckonr`, ` Aktivitet `, `Antal:`, `Plats`, `Samverkan`, `Taggar`,
//!   `Ansvarig`, `Kommentar`. `Veckonr` is the extra column nobody asked for, and it stands
//!   between two wanted ones, so columns must be found by header name, not position.
//! - Rows in date order over 2019, one a row per activity, then a `Summa` row.
//!
//! Messy parts, each on purpose and each once or twice:
//! 1. Two dates are date-time cells (`yyyy-mm-dd hh:mm`): Trafiksäkerhetsinsats 2019-08-29 21:00
//!    and Medborgarkontakt 2019-11-15 22:30. All other readable dates are date cells (`yyyy-mm-dd`).
//! 2. Two dates are typed as ISO text: `2019-03-05` and `2019-06-12 14:30` (both Medborgarkontakt).
//! 3. Three Antal values are typed as text `"2"` (Medborgarkontakt in weeks 7, 18 and 41).
//! 4. One row has the typo `Medborgarkontakr` (week 38, Antal 3): an unknown activity, to be
//!    reported with the suggestion `Medborgarkontakt`.
//! 5. One row has the unreadable date text `31/2` (a Medborgarkontakt in week 9, Antal 2): a row
//!    error.
//! 6. The last row is `Summa` with `=SUM(D5:D..)` over Antal and a cached result; like Excel's SUM it
//!    ignores the Antal values typed as text, and it counts every activity, not one pledge.
//! 7. Ansvarig holds made-up personal names (`K. Lindberg`, ...) and Kommentar is sometimes filled:
//!    neither may ever reach an email.
//! 8. A second sheet "Anteckningar" holds free notes with no header: it is to be skipped.
//!
//! What the police file holds (readable rows only; the program prints the figures):
//! - Medborgarkontakt on most weeks, Antal 1–5, about 170 for the year: behind the pace of 3 a week
//!   in spring, caught up in the autumn.
//! - Trafiksäkerhetsinsats ×5, two tagged `A-traktor`.
//! - Narkotikainsats ×2 with Samverkan `Socialtjänsten` and `Kalix kommun, fältassistenter`.
//! - Hundsök skola ×1 only: that pledge (at least 2) is not met.
//! - Inbrottsinsats ×2 and Skoterstöldsinsats ×1 (February/March).
//! - Grannsamverkan ×3 (Q1, Q2, Q4).
//! - Trygghetsvandring ×1 in Töre with Samverkan `Kalix kommun och grannsamverkan Töre`.
//!
//! # The municipality file, sheet "Kommunen 2019"
//! Header in row 1 with the exact names, no title. Grannsamverkan once per quarter, Kommunikation
//! (Veckobrev / Facebook in Plats) every month except July, Trygghetsvandring ×2 (one with
//! Samverkan `Polisen; Grannsamverkan Sangis`, one with `Polisen` only, which lacks neighbourhood
//! watch), Tidig insats ×5 (Samverkan like `Socialtjänsten, skolan`), Narkotikainsats ×1 with
//! Samverkan `Polisen och socialtjänsten`. One blank row in the middle (between June and August)
//! and a `Totalt` row with a SUM formula at the end.
//!
//! # The police area's log, sheet "Logg" (`--area`)
//! The police's log of Lokalpolisområde Östra Norrbotten for Kalix 2019, Överkalix 2019 and
//! Haparanda 2020–2022, laid out as Kalix's (title, note, blank row, header in row 4, `Veckonr`)
//! with a `Kommun` column right after `Datum`: header `Datum`, `Kommun`, `Veckonr`, ` Aktivitet `,
//! `Antal:`, `Plats`, `Samverkan`, `Taggar`, `Ansvarig`, `Kommentar`. Rows in date order (rows on
//! the same day in the order they were made, Kalix's first), then a `Summa` row over Antal.
//!
//! - Kalix: exactly the rows of the police file above (the same generator and seed), so Kalix's
//!   figures in the area are Kalix's alone, with the same messy parts 1–5 and 7 at other row
//!   numbers; the `Summa` row (6) sums the whole area's Antal (column E) and "Anteckningar" (8)
//!   holds the area's notes. Kommun is written `Kalix`, `Kalix kommun` and `kalix` in turn.
//! - Överkalix 2019, Kommun `Överkalix` and `överkalix kommun` in turn: Medborgarkontakt most
//!   weeks, Antal 1–2 (about 60: the pledge of 1 a week is met); Helgbemanning on 15 Saturdays, one
//!   weekend in three with two missed (qualitative); a visit to a public place (`Skolbesök`,
//!   `Besök ungdomsgård`, `Företagsbesök`, `Fotpatrullering`: aliases of one activity) each month
//!   but July (11 of 12 months); Narkotikainsats ×2; Riskkväll ×3, one (Halloween) without
//!   Samverkan, so 2 count; Trafiksäkerhetsinsats ×3 (of 4: not met); `Nätdroger` ×1.
//! - Haparanda 2020–2022, Kommun `Haparanda kommun`, `haparanda` and `Haparanda` in turn, one
//!   period a year: Fotpatrullering (some written `Fotpatrull`) most weeks: 39 in 2020 (no patrols
//!   in the pandemic spring: behind the pace of 1 a week), about 60 in 2021 and 2022. Riskkväll 1
//!   (of 2) in 2020, 2 in 2021, 3 in 2022 of which the one without Samverkan does not count.
//!   Narkotikainsats 2, 4, 4 (with the municipality's rows 3, 4, 5 of 4). Hundsök skola 2, 1, 2 (of
//!   2). Trafiksäkerhetsinsats 4, 5, 3 (of 4). Grannsamverkan and `Våld i nära relation` each year
//!   (qualitative), and in July 2022 one `Sociala medier` (kommunikation) post, the month the
//!   municipality's log has none.
//! - Two more Medborgarkontakt rows in 2019, row errors: Kommun `Kalx` (a typo, to be reported with
//!   the suggestion `Kalix`) and Kommun empty.
//! - A second sheet "Anteckningar" of free notes with no header, to be skipped (it lacks Kommun too).
//!
//! # Haparanda's own log
//! No Kommun column; one sheet a year, "2020", "2021", "2022", each with the header in row 1 under
//! other names for the same columns (`Datum för aktivitet`, `Typ av aktivitet`, `Antal tillfällen`,
//! `Plats/område`, `Samverkanspart`, `Taggar`, `Utförd av`, `Kommentar`: found by `[columns]`), one
//! blank row after the June rows and a `Totalt` row with a SUM formula at the end. Kommunikation
//! (`Veckobrev` / `Sociala medier`) each month but July and December 2020 and July 2022;
//! `PSS-möte` each term; Grannsamverkan; Trygghetsvandring once a year, in 2021 with Samverkan
//! `Grannsamverkan Nikkala` only (no police: the joint walk of 2021 is not done);
//! `Narkotikautbildning` (tags `lärare`, `elever`, `vårdnadshavare`); Narkotikainsats in 2020 and
//! 2022; `Våld i nära relationer` in 2021.
//!
//! # Överkalix's own log, sheet "Överkalix 2019"
//! Header in row 1 with the exact names. `Tillsammans mot nätdroger` and its aliases
//! (`Utbildning försändelseombud`, `Utbildning postombud`) ×3, `Föräldrakväll narkotika` and
//! `Aktivitetsdag narkotika` (one activity) ×2, all with Samverkan; one blank row between May and
//! September and a `Totalt` row at the end.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook, Worksheet, XlsxError,
};
use std::path::PathBuf;

/// A tiny linear congruential generator (Knuth's MMIX constants), seeded with a fixed value.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u32) as usize]
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// 0 = Monday .. 6 = Sunday, of a day counted by [`days_from_civil`] (1970-01-01 was a Thursday).
fn weekday(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

/// The Monday of ISO week 1 of `year`: the week that holds 4 January.
fn iso_monday1(year: i64) -> i64 {
    let jan4 = days_from_civil(year, 1, 4);
    jan4 - weekday(jan4)
}

/// A calendar day.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
struct Day {
    y: i64,
    m: u32,
    d: u32,
}

impl Day {
    fn new(y: i64, m: u32, d: u32) -> Day {
        Day { y, m, d }
    }

    /// The day of ISO week `week` of `year`, `dow` 1 = Monday .. 7 = Sunday.
    fn iso(year: i64, week: u32, dow: u32) -> Day {
        let (y, m, d) = civil_from_days(iso_monday1(year) + i64::from((week - 1) * 7 + (dow - 1)));
        Day { y, m, d }
    }

    /// ISO week number.
    fn iso_week(self) -> u32 {
        let z = days_from_civil(self.y, self.m, self.d);
        // The week's Thursday decides its year.
        let thursday = z - weekday(z) + 3;
        let (year, _, _) = civil_from_days(thursday);
        ((z - iso_monday1(year)) / 7 + 1) as u32
    }

    fn excel(self) -> Result<ExcelDateTime, XlsxError> {
        ExcelDateTime::from_ymd(self.y as u16, self.m as u8, self.d as u8)
    }
}

/// How the Datum cell is written.
#[derive(Clone, Debug)]
enum DateCell {
    /// A date cell formatted `yyyy-mm-dd`.
    Date,
    /// A date-time cell formatted `yyyy-mm-dd hh:mm`.
    DateTime(u16, u8),
    /// Text typed by hand (an ISO date, or something unreadable such as `31/2`).
    Text(&'static str),
}

/// How the Antal cell is written.
#[derive(Clone, Debug)]
enum Antal {
    Empty,
    Number(u32),
    /// A number typed as text.
    Text(u32),
}

impl Antal {
    fn value(&self) -> u32 {
        match self {
            Antal::Empty => 1,
            Antal::Number(n) | Antal::Text(n) => *n,
        }
    }
}

#[derive(Clone, Debug)]
struct Row {
    /// The day the activity happened (for `DateCell::Text("31/2")` the day it was meant to be,
    /// used for ordering only).
    day: Day,
    date_cell: DateCell,
    activity: &'static str,
    antal: Antal,
    place: &'static str,
    partners: &'static str,
    tags: &'static str,
    responsible: &'static str,
    comment: &'static str,
}

impl Row {
    fn new(day: Day, activity: &'static str, antal: Antal, place: &'static str) -> Row {
        Row {
            day,
            date_cell: DateCell::Date,
            activity,
            antal,
            place,
            partners: "",
            tags: "",
            responsible: "",
            comment: "",
        }
    }
    fn partners(mut self, s: &'static str) -> Row {
        self.partners = s;
        self
    }
    fn tags(mut self, s: &'static str) -> Row {
        self.tags = s;
        self
    }
    fn by(mut self, s: &'static str) -> Row {
        self.responsible = s;
        self
    }
    fn comment(mut self, s: &'static str) -> Row {
        self.comment = s;
        self
    }
    fn cell(mut self, c: DateCell) -> Row {
        self.date_cell = c;
        self
    }
    /// Whether a correct reader accepts this row as an activity.
    fn readable(&self) -> bool {
        !matches!(self.date_cell, DateCell::Text("31/2")) && self.activity != "Medborgarkontakr"
    }
}

const POLICE: &[&str] = &["K. Lindberg", "J. Eriksson", "M. Björk", "A. Stenlund", "P. Lundström"];

const CONTACT_PLACES: &[&str] = &[
    "Kalix centrum",
    "Torget",
    "Strandgatan",
    "Kalix resecentrum",
    "Töre",
    "Morjärv",
    "Sangis",
    "Nyborg",
    "Rolfs",
    "Båtskärsnäs",
    "Tallbacka",
    "Karlsborg",
    "Näsbyn",
    "Ytterbyn",
    "Risögrund",
];

const CONTACT_COMMENTS: &[&str] = &[
    "Samtal med ungdomar vid busshållplatsen",
    "Frågor om inbrott i området",
    "Många i rörelse, lördagshandel",
    "Pratade med företagare om snatterier",
    "Delade ut information om grannsamverkan",
    "Frågor om skoterkörning och trafik",
    "Fredagskväll, lugnt",
    "Pratade med föräldrar vid skolan",
];

/// The police's citizen contacts: most weeks, behind pace in spring, caught up in autumn.
fn police_contacts(rng: &mut Lcg) -> Vec<Row> {
    let mut rows = Vec::new();
    for week in 2..=51u32 {
        // Weeks with no logged contact: a holiday week in spring and the summer holidays.
        if matches!(week, 16 | 28 | 29 | 30) {
            continue;
        }
        // Tuesday .. Saturday: the days and times when many people are out.
        let mut dow = 2 + rng.below(5);
        let mut antal = match week {
            2..=22 => 1 + rng.below(3),  // spring: about 2 a week, behind the pace of 3
            23..=33 => 1 + rng.below(4), // summer
            _ => 3 + rng.below(3),       // autumn: 3–5 a week, plus extra rows below
        };
        let mut date_cell = DateCell::Date;
        let mut activity = "Medborgarkontakt";
        match week {
            9 => date_cell = DateCell::Text("31/2"),
            10 => {
                dow = 2;
                date_cell = DateCell::Text("2019-03-05");
            }
            24 => {
                dow = 3;
                date_cell = DateCell::Text("2019-06-12 14:30");
            }
            38 => activity = "Medborgarkontakr",
            46 => {
                dow = 5;
                date_cell = DateCell::DateTime(22, 30);
            }
            _ => {}
        }
        if week == 9 {
            antal = 2;
            dow = 4;
        }
        if week == 38 {
            antal = 3;
        }
        let antal = if matches!(week, 7 | 18 | 41) { Antal::Text(2) } else { Antal::Number(antal) };
        let comment = if rng.below(10) < 3 { rng.pick(CONTACT_COMMENTS) } else { "" };
        let mut row = Row::new(Day::iso(2019, week, dow), activity, antal, rng.pick(CONTACT_PLACES))
            .by(rng.pick(POLICE))
            .comment(comment)
            .cell(date_cell);
        if week == 46 {
            row.place = "Kalix centrum";
            row.comment = "Fredagskväll centrum, många ungdomar ute";
        }
        rows.push(row);

        // Autumn: a second round of contacts most weeks, to catch up with the pace.
        if week >= 34 && rng.below(10) < 8 {
            let dow2 = if dow >= 5 { 2 } else { 6 };
            rows.push(
                Row::new(
                    Day::iso(2019, week, dow2),
                    "Medborgarkontakt",
                    Antal::Number(2 + rng.below(3)),
                    rng.pick(CONTACT_PLACES),
                )
                .by(rng.pick(POLICE)),
            );
        }
    }
    rows
}

fn police_rows(rng: &mut Lcg) -> Vec<Row> {
    use Antal::{Empty, Number};
    let d = Day::new;
    let mut rows = police_contacts(rng);
    rows.extend([
        Row::new(d(2019, 1, 22), "Grannsamverkan", Empty, "Töre")
            .by("A. Stenlund")
            .comment("Informationsmöte i Töre bygdegård"),
        Row::new(d(2019, 2, 12), "Inbrottsinsats", Number(1), "Nyborg")
            .by("J. Eriksson")
            .tags("bostadsinbrott"),
        Row::new(d(2019, 2, 26), "Skoterstöldsinsats", Number(1), "Morjärv")
            .by("P. Lundström")
            .tags("skoter")
            .comment("Kontroll av skotrar och släp längs leden"),
        Row::new(d(2019, 3, 14), "Narkotikainsats", Number(1), "Kalix centrum")
            .partners("Socialtjänsten")
            .by("K. Lindberg"),
        Row::new(d(2019, 3, 19), "Inbrottsinsats", Number(1), "Rolfs")
            .by("J. Eriksson")
            .tags("bostadsinbrott"),
        Row::new(d(2019, 4, 10), "Grannsamverkan", Number(1), "Sangis")
            .by("A. Stenlund")
            .comment("Material och skyltar till nytt område"),
        Row::new(d(2019, 4, 24), "Trafiksäkerhetsinsats", Number(1), "E4 Kalix")
            .by("M. Björk")
            .tags("hastighet"),
        Row::new(d(2019, 5, 8), "Hundsök skola", Number(1), "Furuhedsskolan")
            .by("P. Lundström")
            .comment("Narkotikahund, inga fynd"),
        Row::new(d(2019, 5, 17), "Trafiksäkerhetsinsats", Number(1), "Strandgatan")
            .by("M. Björk")
            .tags("A-traktor"),
        Row::new(d(2019, 6, 20), "Trafiksäkerhetsinsats", Empty, "Töre")
            .by("K. Lindberg")
            .tags("nykterhet")
            .comment("Midsommarafton, nykterhetskontroller"),
        Row::new(d(2019, 8, 29), "Trafiksäkerhetsinsats", Number(1), "Kalix centrum")
            .cell(DateCell::DateTime(21, 0))
            .by("M. Björk")
            .tags("A-traktor; Kvällstid")
            .comment("A-traktorer i centrum kvällstid"),
        Row::new(d(2019, 9, 20), "Narkotikainsats", Number(1), "Kalix resecentrum")
            .partners("Kalix kommun, fältassistenter")
            .by("K. Lindberg"),
        Row::new(d(2019, 9, 26), "Trygghetsvandring", Number(1), "Töre")
            .partners("Kalix kommun och grannsamverkan Töre")
            .by("A. Stenlund")
            .comment("Belysning vid busshållplatsen påpekad"),
        Row::new(d(2019, 10, 3), "Grannsamverkan", Number(1), "Båtskärsnäs")
            .by("A. Stenlund")
            .comment("Utbildning för kontaktombud"),
        Row::new(d(2019, 10, 15), "Trafiksäkerhetsinsats", Number(1), "Morjärv")
            .by("P. Lundström")
            .tags("skolväg"),
    ]);
    // Stable sort: rows on the same day keep the order they were made in.
    rows.sort_by_key(|r| r.day);
    rows
}

fn municipality_rows() -> Vec<Row> {
    use Antal::{Empty, Number};
    let d = Day::new;
    let nilsson = "A. Nilsson";
    let ohman = "M. Öhman";
    vec![
        Row::new(d(2019, 1, 10), "Kommunikation", Number(1), "Veckobrev")
            .by(nilsson)
            .comment("Veckobrev v. 2: tips inför skotersäsongen"),
        Row::new(d(2019, 1, 24), "Tidig insats", Number(1), "Furuhedsskolan")
            .partners("Socialtjänsten, skolan")
            .tags("ANDTS")
            .by(ohman)
            .comment("Föräldramöte åk 7 om alkohol och tobak"),
        Row::new(d(2019, 2, 7), "Grannsamverkan", Number(1), "Sangis")
            .partners("Polisen")
            .by(nilsson)
            .comment("Informationsmöte, 23 deltagare"),
        Row::new(d(2019, 2, 14), "Kommunikation", Empty, "Facebook")
            .by(nilsson)
            .comment("Inlägg om grannsamverkan i Sangis"),
        Row::new(d(2019, 3, 13), "Kommunikation", Number(2), "Veckobrev")
            .partners("Polisen")
            .by(nilsson)
            .comment("Veckobrev v. 11 och v. 12 med polisens lägesbild"),
        Row::new(d(2019, 3, 21), "Tidig insats", Number(1), "Manhemsskolan")
            .partners("Socialtjänsten, skolan")
            .tags("ANDTS")
            .by(ohman),
        Row::new(d(2019, 4, 11), "Kommunikation", Number(1), "Facebook")
            .by(nilsson)
            .comment("Påminnelse: lås in båtmotorn"),
        Row::new(d(2019, 4, 25), "Trygghetsvandring", Number(1), "Sangis")
            .partners("Polisen; Grannsamverkan Sangis")
            .by(ohman)
            .comment("12 deltagare, belysning vid skolan påpekad"),
        Row::new(d(2019, 5, 9), "Tidig insats", Number(1), "Furuhedsskolan")
            .partners("Socialtjänsten, skolan")
            .tags("ANDTS")
            .by(ohman)
            .comment("Drogförebyggande temadag åk 9"),
        Row::new(d(2019, 5, 16), "Kommunikation", Number(1), "Veckobrev").by(nilsson),
        Row::new(d(2019, 5, 22), "Grannsamverkan", Number(1), "Töre")
            .partners("Polisen")
            .by(nilsson)
            .comment("Utbildning kontaktombud"),
        Row::new(d(2019, 6, 13), "Kommunikation", Number(1), "Facebook")
            .by(nilsson)
            .comment("Sommartips: lås cykeln och båten"),
        Row::new(d(2019, 8, 15), "Kommunikation", Number(1), "Veckobrev")
            .by(nilsson)
            .comment("Veckobrev v. 33: skolstart och trafik"),
        Row::new(d(2019, 8, 28), "Tidig insats", Number(1), "Kalix centrum")
            .partners("Socialtjänsten, fältassistenter")
            .tags("ANDTS")
            .by(ohman)
            .comment("Fältarbete vid skolstart"),
        Row::new(d(2019, 9, 12), "Grannsamverkan", Empty, "Nyborg")
            .by(nilsson)
            .comment("Nytt grannsamverkansområde"),
        Row::new(d(2019, 9, 19), "Kommunikation", Number(1), "Facebook").by(nilsson),
        Row::new(d(2019, 10, 17), "Trygghetsvandring", Number(1), "Kalix centrum")
            .partners("Polisen")
            .by(ohman)
            .comment("Kvällsvandring i centrum"),
        Row::new(d(2019, 10, 24), "Kommunikation", Number(1), "Veckobrev").by(nilsson),
        Row::new(d(2019, 11, 8), "Narkotikainsats", Number(1), "Kalix centrum")
            .partners("Polisen och socialtjänsten")
            .by(ohman),
        Row::new(d(2019, 11, 14), "Tidig insats", Number(1), "Manhemsskolan")
            .partners("Socialtjänsten, skolan")
            .tags("ANDTS")
            .by(ohman),
        Row::new(d(2019, 11, 20), "Grannsamverkan", Number(1), "Kalix centrum")
            .partners("Polisen")
            .by(nilsson)
            .comment("Material och skyltar till nya områden"),
        Row::new(d(2019, 11, 28), "Kommunikation", Number(1), "Facebook").by(nilsson),
        Row::new(d(2019, 12, 12), "Kommunikation", Number(1), "Veckobrev")
            .by(nilsson)
            .comment("Julbrev: tänk på brandsäkerhet och inbrott under helgerna"),
    ]
}

struct Formats {
    date: Format,
    datetime: Format,
    header: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            date: Format::new().set_num_format("yyyy-mm-dd"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            header: Format::new().set_bold(),
            bold: Format::new().set_bold(),
        }
    }
}

fn write_date(ws: &mut Worksheet, row: u32, col: u16, r: &Row, f: &Formats) -> Result<(), XlsxError> {
    match &r.date_cell {
        DateCell::Date => {
            ws.write_datetime_with_format(row, col, r.day.excel()?, &f.date)?;
        }
        DateCell::DateTime(h, m) => {
            ws.write_datetime_with_format(row, col, r.day.excel()?.and_hms(*h, *m, 0)?, &f.datetime)?;
        }
        DateCell::Text(t) => {
            ws.write_string(row, col, *t)?;
        }
    }
    Ok(())
}

fn write_antal(ws: &mut Worksheet, row: u32, col: u16, a: &Antal) -> Result<(), XlsxError> {
    match a {
        Antal::Empty => {}
        Antal::Number(n) => {
            ws.write_number(row, col, f64::from(*n))?;
        }
        Antal::Text(n) => {
            ws.write_string(row, col, n.to_string())?;
        }
    }
    Ok(())
}

fn write_opt(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<(), XlsxError> {
    if !s.is_empty() {
        ws.write_string(row, col, s)?;
    }
    Ok(())
}

fn fixed_properties() -> Result<DocProperties, XlsxError> {
    properties(2020, 1, 7)
}

/// The document properties, created on the given day at 08:00.
fn properties(y: u16, m: u8, d: u8) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(y, m, d)?.and_hms(8, 0, 0)?;
    Ok(DocProperties::new().set_author("Exempeldata (pledgewatch)").set_creation_datetime(&created))
}

fn police_workbook(rows: &[Row]) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);

    let mut ws = Worksheet::new();
    ws.set_name("Logg 2019")?;
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 8, "Aktivitetslogg medborgarlöften 2019 – LPO Östra Norrbotten", &title)?;
    ws.write_string(
        1,
        0,
        "En rad per aktivitet. Antal = antal tillfällen eller kontakter. Spara över samma fil varje vecka.",
    )?;
    let header = [
        "Datum",
        "Veckonr",
        " Aktivitet ",
        "Antal:",
        "Plats",
        "Samverkan",
        "Taggar",
        "Ansvarig",
        "Kommentar",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &f.header)?;
    }
    let widths = [17.0, 8.0, 22.0, 7.0, 18.0, 34.0, 22.0, 14.0, 44.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    let first = 4u32;
    let mut numeric_sum = 0u32;
    for (i, r) in rows.iter().enumerate() {
        let row = first + i as u32;
        write_date(&mut ws, row, 0, r, &f)?;
        if !matches!(r.date_cell, DateCell::Text("31/2")) {
            ws.write_number(row, 1, f64::from(r.day.iso_week()))?;
        }
        ws.write_string(row, 2, r.activity)?;
        write_antal(&mut ws, row, 3, &r.antal)?;
        if let Antal::Number(n) = r.antal {
            numeric_sum += n;
        }
        write_opt(&mut ws, row, 4, r.place)?;
        write_opt(&mut ws, row, 5, r.partners)?;
        write_opt(&mut ws, row, 6, r.tags)?;
        write_opt(&mut ws, row, 7, r.responsible)?;
        write_opt(&mut ws, row, 8, r.comment)?;
    }
    let last = first + rows.len() as u32 - 1;
    let sum_row = last + 1;
    ws.write_string_with_format(sum_row, 0, "Summa", &f.bold)?;
    // Spreadsheet rows are 1-based: data is in rows first+1 ..= last+1.
    let formula =
        Formula::new(format!("=SUM(D{}:D{})", first + 1, last + 1)).set_result(numeric_sum.to_string());
    ws.write_formula_with_format(sum_row, 3, formula, &f.bold)?;
    wb.push_worksheet(ws);

    let mut notes = Worksheet::new();
    notes.set_name("Anteckningar")?;
    let lines = [
        "Anteckningar 2019",
        "Medborgarkontakterna låg efter under våren på grund av vakanser; vi tar igen under hösten.",
        "Hundsök i skolmiljö: andra tillfället (Manhemsskolan i oktober) ställdes in, hundföraren sjuk.",
        "",
        "Trygghetsvandring i Töre gjordes med kommunen och grannsamverkan Töre, se loggen 26/9.",
        "Skicka loggen till kommunens trygghetssamordnare vid varje månadsskifte.",
    ];
    for (i, l) in lines.iter().enumerate() {
        write_opt(&mut notes, i as u32, 0, l)?;
    }
    notes.set_column_width(0, 100.0)?;
    wb.push_worksheet(notes);
    Ok(wb)
}

/// The header of a municipality's log, in the order [`municipality_sheet`] writes the columns.
const MUNICIPALITY_HEADER: [&str; 8] =
    ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"];

fn municipality_workbook(rows: &[Row]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    wb.push_worksheet(municipality_sheet("Kommunen 2019", &MUNICIPALITY_HEADER, rows)?);
    Ok(wb)
}

/// A sheet of a municipality's log: the header in row 1, the rows with one blank row where they
/// pass from June to July or later, and a `Totalt` row with a SUM formula at the end.
fn municipality_sheet(name: &str, header: &[&str; 8], rows: &[Row]) -> Result<Worksheet, XlsxError> {
    let f = Formats::new();
    let mut ws = Worksheet::new();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.header)?;
    }
    let widths = [12.0, 20.0, 7.0, 16.0, 32.0, 10.0, 12.0, 54.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = 1u32;
    let mut numeric_sum = 0u32;
    let mut prev: Option<Day> = None;
    for r in rows {
        // One blank row in the middle: between the spring and the autumn.
        if prev.is_some_and(|p| p.m <= 6) && r.day.m >= 7 {
            row += 1;
        }
        prev = Some(r.day);
        write_date(&mut ws, row, 0, r, &f)?;
        ws.write_string(row, 1, r.activity)?;
        write_antal(&mut ws, row, 2, &r.antal)?;
        if let Antal::Number(n) = r.antal {
            numeric_sum += n;
        }
        write_opt(&mut ws, row, 3, r.place)?;
        write_opt(&mut ws, row, 4, r.partners)?;
        write_opt(&mut ws, row, 5, r.tags)?;
        write_opt(&mut ws, row, 6, r.responsible)?;
        write_opt(&mut ws, row, 7, r.comment)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, "Totalt", &f.bold)?;
    let formula = Formula::new(format!("=SUM(C2:C{row})")).set_result(numeric_sum.to_string());
    ws.write_formula_with_format(row, 2, formula, &f.bold)?;
    Ok(ws)
}

/// Prints what a correct reader should find, so the sample data can be checked by eye.
fn summary(name: &str, rows: &[Row]) {
    println!("{name}:");
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.activity).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for k in kinds {
        let all: Vec<&Row> = rows.iter().filter(|r| r.activity == k).collect();
        let ok: Vec<&&Row> = all.iter().filter(|r| r.readable()).collect();
        let total: u32 = ok.iter().map(|r| r.antal.value()).sum();
        println!(
            "  {k:<22} rows {:>3} (readable {:>3}), readable Antal total {total:>4}",
            all.len(),
            ok.len()
        );
    }
}

// The police area (examples/polisomrade/): the police's log of three municipalities, and the logs
// of Haparanda and Överkalix. Kalix's own log is the shipped ODS, copied by the area's generate.sh.

/// A row of the police area's log: a row as in Kalix's log, the `Kommun` cell as written, and the
/// municipality (its id in examples/polisomrade/config.toml) a correct reader gives it (empty: none).
#[derive(Clone, Debug)]
struct AreaRow {
    kommun: &'static str,
    municipality: &'static str,
    row: Row,
}

impl AreaRow {
    /// Whether a correct reader counts this row, for its municipality.
    fn readable(&self) -> bool {
        !self.municipality.is_empty() && self.row.readable()
    }
}

/// The rows of one municipality, their `Kommun` cells written each of `spellings` in turn.
fn spelled(rows: Vec<Row>, municipality: &'static str, spellings: &[&'static str]) -> Vec<AreaRow> {
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| AreaRow { kommun: spellings[i % spellings.len()], municipality, row })
        .collect()
}

/// The police area's log: Kalix's police rows exactly as in Kalix's own log, Överkalix's of 2019,
/// Haparanda's of 2020–2022 and two rows whose Kommun names no municipality, in date order.
fn area_police_rows(kalix: &[Row], rng: &mut Lcg) -> Vec<AreaRow> {
    let mut rows = spelled(kalix.to_vec(), "kalix", &["Kalix", "Kalix kommun", "kalix"]);
    rows.extend(spelled(overkalix_police_rows(rng), "overkalix", &["Överkalix", "överkalix kommun"]));
    rows.extend(spelled(
        haparanda_police_rows(rng),
        "haparanda",
        &["Haparanda kommun", "haparanda", "Haparanda"],
    ));
    rows.extend([
        AreaRow {
            kommun: "Kalx",
            municipality: "",
            row: Row::new(Day::new(2019, 5, 21), "Medborgarkontakt", Antal::Number(2), "Kalix centrum")
                .by("J. Eriksson")
                .comment("Kvällstid vid busstationen"),
        },
        AreaRow {
            kommun: "",
            municipality: "",
            row: Row::new(Day::new(2019, 11, 5), "Medborgarkontakt", Antal::Number(1), "Töre").by("M. Björk"),
        },
    ]);
    // Stable sort: Kalix's rows keep the order of Kalix's own log.
    rows.sort_by_key(|r| r.row.day);
    rows
}

const OVERKALIX_POLICE: &[&str] = &["T. Keisu", "L. Marklund", "E. Sundqvist"];

const OVERKALIX_PLACES: &[&str] =
    &["Överkalix centrum", "Torget", "Brännaberget", "Svartbyn", "Lansjärv", "Tallvik", "Ungdomsgården"];

/// The police's rows for Överkalix, 2019.
fn overkalix_police_rows(rng: &mut Lcg) -> Vec<Row> {
    use Antal::{Empty, Number};
    let d = Day::new;
    let mut rows = Vec::new();
    for week in 1..=52u32 {
        // A citizen contact most weeks, one or two (the pledge: one a week on average).
        if !matches!(week, 28 | 29 | 30 | 52) {
            let day = Day::iso(2019, week, 2 + rng.below(5));
            let antal = if rng.below(4) == 0 { 2 } else { 1 };
            rows.push(
                Row::new(day, "Medborgarkontakt", Number(antal), rng.pick(OVERKALIX_PLACES))
                    .by(rng.pick(OVERKALIX_POLICE)),
            );
        }
        // Staffed weekends, one in three (two were not staffed).
        if week % 3 == 2 && !matches!(week, 29 | 41) {
            rows.push(
                Row::new(Day::iso(2019, week, 6), "Helgbemanning", Empty, "Överkalix")
                    .by(rng.pick(OVERKALIX_POLICE)),
            );
        }
    }
    // Visits to public places (fotpatrullering and its aliases): each month but July.
    let visits = [
        (d(2019, 1, 17), "Skolbesök", "Överkalix skola"),
        (d(2019, 2, 14), "Besök ungdomsgård", "Ungdomsgården"),
        (d(2019, 3, 7), "Fotpatrullering", "Överkalix centrum"),
        (d(2019, 4, 11), "Företagsbesök", "Handlarn"),
        (d(2019, 5, 23), "Skolbesök", "Lansjärvs skola"),
        (d(2019, 6, 13), "Fotpatrullering", "Torget"),
        (d(2019, 8, 22), "Besök ungdomsgård", "Ungdomsgården"),
        (d(2019, 9, 12), "Fotpatrullering", "Överkalix centrum"),
        (d(2019, 10, 17), "Företagsbesök", "Bensinstationen"),
        (d(2019, 11, 14), "Skolbesök", "Överkalix skola"),
        (d(2019, 12, 12), "Fotpatrullering", "Julmarknaden"),
    ];
    for (i, (day, what, place)) in visits.into_iter().enumerate() {
        rows.push(Row::new(day, what, Number(1), place).by(OVERKALIX_POLICE[i % OVERKALIX_POLICE.len()]));
    }
    rows.extend([
        Row::new(d(2019, 3, 12), "Nätdroger", Number(1), "Överkalix centrum")
            .partners("Tullen, ortens försändelseombud")
            .by("L. Marklund")
            .comment("Genomgång med ombuden"),
        Row::new(d(2019, 4, 16), "Narkotikainsats", Number(1), "Överkalix centrum")
            .partners("Socialtjänsten")
            .by("T. Keisu"),
        Row::new(d(2019, 4, 30), "Riskkväll", Number(1), "Brännaberget")
            .partners("Socialtjänsten, fältgruppen")
            .by("E. Sundqvist")
            .comment("Valborg"),
        Row::new(d(2019, 5, 29), "Trafiksäkerhetsinsats", Number(1), "Riksväg 392")
            .by("L. Marklund")
            .tags("hastighet"),
        Row::new(d(2019, 6, 14), "Riskkväll", Number(1), "Överkalix centrum")
            .partners("Överkalix kommun, fritidsgården")
            .by("T. Keisu")
            .comment("Skolavslutning"),
        Row::new(d(2019, 8, 21), "Trafiksäkerhetsinsats", Number(1), "Skolvägen")
            .by("E. Sundqvist")
            .tags("skolväg"),
        Row::new(d(2019, 10, 10), "Narkotikainsats", Number(1), "Lansjärv")
            .by("T. Keisu")
            .comment("Kontroller längs vägen"),
        // Done by the police alone: no partner, so it does not count for the pledge.
        Row::new(d(2019, 10, 31), "Riskkväll", Number(1), "Överkalix centrum")
            .by("L. Marklund")
            .comment("Halloween, lugnt"),
        Row::new(d(2019, 11, 20), "Trafiksäkerhetsinsats", Number(1), "Överkalix centrum")
            .by("L. Marklund")
            .tags("A-traktor"),
    ]);
    rows.sort_by_key(|r| r.day);
    rows
}

const HAPARANDA_POLICE: &[&str] = &["R. Niemi", "S. Alatalo", "H. Vaara", "K. Lindberg"];

const HAPARANDA_PLACES: &[&str] =
    &["COOP", "MAX", "IKEA", "Ungdomsgården", "Torget", "Språkskolan", "Resecentrum", "Centrum"];

/// The police's rows for Haparanda, 2020–2022.
fn haparanda_police_rows(rng: &mut Lcg) -> Vec<Row> {
    use Antal::Number;
    let d = Day::new;
    let mut rows = Vec::new();
    for year in 2020..=2022i64 {
        for week in 1..=52u32 {
            let off = match year {
                // No foot patrols in the spring of the pandemic, nor in the summer: behind the pace.
                2020 => matches!(week, 12..=20 | 28..=31),
                2021 => matches!(week, 28..=30),
                _ => matches!(week, 29 | 30),
            };
            let day = Day::iso(year, week, 2 + rng.below(5));
            if off || day.y != year {
                continue;
            }
            let antal = if year > 2020 && rng.below(4) == 0 { 2 } else { 1 };
            let what = if rng.below(6) == 0 { "Fotpatrull" } else { "Fotpatrullering" };
            rows.push(
                Row::new(day, what, Number(antal), rng.pick(HAPARANDA_PLACES)).by(rng.pick(HAPARANDA_POLICE)),
            );
        }
    }
    let riskkvall = |day, partners, comment| {
        Row::new(day, "Riskkväll", Number(1), "Centrum").partners(partners).by("S. Alatalo").comment(comment)
    };
    let narkotika = |day, partners| {
        Row::new(day, "Narkotikainsats", Number(1), "Haparanda").partners(partners).by("H. Vaara")
    };
    let hundsok = |day, place| Row::new(day, "Hundsök skola", Number(1), place).by("R. Niemi");
    let trafik = |day, place, tags| {
        Row::new(day, "Trafiksäkerhetsinsats", Number(1), place).tags(tags).by("K. Lindberg")
    };
    let grannsamverkan = |day, place| Row::new(day, "Grannsamverkan", Number(1), place).by("S. Alatalo");
    let vinr = |day| {
        Row::new(day, "Våld i nära relation", Number(1), "Centrum")
            .partners("Kvinnojouren, socialtjänsten")
            .by("H. Vaara")
            .comment("Orange day: information till allmänheten")
    };
    rows.extend([
        // 2020: one risk evening of two, three drug operations of four (one in the municipality's log).
        riskkvall(d(2020, 6, 12), "Haparanda kommun, fältgruppen", "Skolavslutning; Valborg ställdes in"),
        narkotika(d(2020, 3, 5), "Socialtjänsten"),
        narkotika(d(2020, 10, 15), "Tullen"),
        hundsok(d(2020, 2, 19), "Språkskolan"),
        hundsok(d(2020, 9, 30), "Tornedalsskolan"),
        trafik(d(2020, 4, 22), "E4 Haparanda", "hastighet"),
        trafik(d(2020, 5, 28), "Torget", "A-traktor"),
        trafik(d(2020, 8, 27), "Skolvägen", "skolväg"),
        trafik(d(2020, 10, 8), "Gränsen", "nykterhet"),
        grannsamverkan(d(2020, 10, 21), "Marielund"),
        vinr(d(2020, 11, 25)),
        // 2021: everything but the second school search with the dog.
        riskkvall(d(2021, 4, 30), "Haparanda kommun, fältgruppen", "Valborg"),
        riskkvall(d(2021, 6, 11), "Kommunens fältgrupp", "Skolavslutning"),
        narkotika(d(2021, 2, 11), "Socialtjänsten"),
        narkotika(d(2021, 5, 6), ""),
        narkotika(d(2021, 9, 9), "Tullen"),
        narkotika(d(2021, 11, 18), "Socialtjänsten"),
        hundsok(d(2021, 3, 17), "Tornedalsskolan").comment("Andra tillfället ställdes in"),
        trafik(d(2021, 3, 25), "E4 Haparanda", "hastighet"),
        trafik(d(2021, 4, 29), "Torget", "A-traktor"),
        trafik(d(2021, 6, 17), "Riksväg 99", "nykterhet"),
        trafik(d(2021, 8, 26), "Skolvägen", "skolväg"),
        trafik(d(2021, 10, 7), "Gränsen", ""),
        grannsamverkan(d(2021, 5, 19), "Nikkala"),
        vinr(d(2021, 11, 25)),
        // 2022: three traffic operations of four; the police's post fills the municipality's July.
        riskkvall(d(2022, 4, 30), "Haparanda kommun", "Valborg"),
        riskkvall(d(2022, 6, 10), "Fältgruppen, kommunen", "Skolavslutning"),
        // Done by the police alone: no partner, so it does not count for the pledge.
        riskkvall(d(2022, 10, 31), "", "Halloween"),
        narkotika(d(2022, 2, 17), "Socialtjänsten"),
        narkotika(d(2022, 4, 21), ""),
        narkotika(d(2022, 9, 15), "Tullen"),
        narkotika(d(2022, 11, 10), "Socialtjänsten"),
        hundsok(d(2022, 3, 16), "Språkskolan"),
        hundsok(d(2022, 10, 12), "Tornedalsskolan"),
        trafik(d(2022, 4, 27), "E4 Haparanda", "hastighet"),
        trafik(d(2022, 8, 25), "Skolvägen", "skolväg"),
        trafik(d(2022, 10, 6), "Gränsen", "nykterhet"),
        grannsamverkan(d(2022, 3, 23), "Marielund"),
        grannsamverkan(d(2022, 9, 28), "Nikkala"),
        vinr(d(2022, 11, 25)),
        Row::new(d(2022, 7, 8), "Sociala medier", Number(1), "Facebook")
            .partners("Haparanda kommun")
            .by("S. Alatalo")
            .comment("Sommarinlägg om stölder ur bilar"),
    ]);
    rows.sort_by_key(|r| r.day);
    rows
}

/// Haparanda kommun's own rows of `year`.
fn haparanda_rows(year: i64) -> Vec<Row> {
    use Antal::Number;
    let d = |m, day| Day::new(year, m, day);
    let samordnare = "A. Lahti";
    // Something communicated each month, but July and (2020) December.
    let months: &[u32] = match year {
        2020 => &[1, 2, 3, 4, 5, 6, 8, 9, 10, 11],
        2021 => &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        _ => &[1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12],
    };
    let mut rows: Vec<Row> = months
        .iter()
        .map(|&m| {
            let (what, place) =
                if m % 2 == 1 { ("Veckobrev", "haparanda.se") } else { ("Sociala medier", "Facebook") };
            Row::new(d(m, 6 + m), what, Number(1), place).by(samordnare)
        })
        .collect();
    let pss = |day| {
        Row::new(day, "PSS-möte", Number(1), "Stadshuset")
            .partners("Polisen, skolan, socialtjänsten")
            .by(samordnare)
    };
    let grannsamverkan =
        |day, place| Row::new(day, "Grannsamverkan", Number(1), place).partners("Polisen").by(samordnare);
    let utbildning = |day, tags| {
        Row::new(day, "Narkotikautbildning", Number(1), "Tornedalsskolan").tags(tags).by("J. Mäkitalo")
    };
    rows.extend(match year {
        2020 => vec![
            pss(d(2, 6)),
            pss(d(9, 10)),
            grannsamverkan(d(3, 11), "Marielund"),
            grannsamverkan(d(11, 11), "Centrum"),
            Row::new(d(9, 24), "Trygghetsvandring", Number(1), "Marielund")
                .partners("Polisen, grannsamverkan Marielund")
                .by(samordnare)
                .comment("Belysning i gångtunneln påpekad"),
            utbildning(d(10, 29), "vårdnadshavare").comment("Föräldrakväll"),
            Row::new(d(11, 19), "Narkotikainsats", Number(1), "Centrum")
                .partners("Polisen, socialtjänsten")
                .by("J. Mäkitalo"),
        ],
        2021 => vec![
            pss(d(2, 4)),
            pss(d(9, 9)),
            grannsamverkan(d(4, 14), "Nikkala"),
            // Walked without the police: it does not count for the joint walk.
            Row::new(d(10, 7), "Trygghetsvandring", Number(1), "Nikkala")
                .partners("Grannsamverkan Nikkala")
                .by(samordnare)
                .comment("Polisen fick förhinder"),
            utbildning(d(3, 18), "lärare"),
            utbildning(d(11, 11), "elever"),
            Row::new(d(3, 8), "Våld i nära relationer", Number(1), "Stadshuset")
                .partners("Kvinnojouren")
                .by(samordnare)
                .comment("Utbildning för kommunens personal"),
        ],
        _ => vec![
            pss(d(2, 3)),
            pss(d(9, 8)),
            grannsamverkan(d(5, 11), "Centrum"),
            grannsamverkan(d(10, 19), "Marielund"),
            Row::new(d(9, 22), "Trygghetsvandring", Number(1), "Centrum")
                .partners("Polisen, grannsamverkan")
                .by(samordnare),
            utbildning(d(3, 24), "lärare; vårdnadshavare"),
            utbildning(d(10, 27), "elever"),
            Row::new(d(11, 24), "Narkotikainsats", Number(1), "Centrum")
                .partners("Polisen")
                .by("J. Mäkitalo"),
        ],
    });
    rows.sort_by_key(|r| r.day);
    rows
}

/// Överkalix kommun's own rows, 2019.
fn overkalix_rows() -> Vec<Row> {
    use Antal::Number;
    let d = Day::new;
    let samordnare = "J. Lindbäck";
    vec![
        Row::new(d(2019, 2, 20), "Utbildning försändelseombud", Number(1), "Kommunhuset")
            .partners("Polisen, Tullen")
            .by(samordnare)
            .comment("Sex ombud från orten"),
        Row::new(d(2019, 3, 27), "Föräldrakväll narkotika", Number(1), "Överkalix skola")
            .partners("Polisen, Hälsocentralen")
            .by(samordnare),
        Row::new(d(2019, 5, 15), "Utbildning postombud", Number(1), "Lansjärv")
            .partners("Polisen")
            .by(samordnare),
        Row::new(d(2019, 9, 18), "Tillsammans mot nätdroger", Number(1), "Kommunhuset")
            .partners("Polisen, Tullen, speditörerna")
            .by(samordnare)
            .comment("Uppföljning med speditörerna"),
        Row::new(d(2019, 11, 6), "Aktivitetsdag narkotika", Number(1), "Överkalix skola")
            .partners("Polisen, skolan, Hälsocentralen")
            .tags("åk 7")
            .by(samordnare)
            .comment("Föräldrar och elever i årskurs 7"),
    ]
}

/// The header of Haparanda's log: other names for the same columns, found by `[columns]`.
const HAPARANDA_HEADER: [&str; 8] = [
    "Datum för aktivitet",
    "Typ av aktivitet",
    "Antal tillfällen",
    "Plats/område",
    "Samverkanspart",
    "Taggar",
    "Utförd av",
    "Kommentar",
];

fn area_police_workbook(rows: &[AreaRow]) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(2023, 1, 9)?);

    let mut ws = Worksheet::new();
    ws.set_name("Logg")?;
    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, 9, "Aktivitetslogg medborgarlöften 2019–2022 – LPO Östra Norrbotten", &title)?;
    ws.write_string(
        1,
        0,
        "En rad per aktivitet. Skriv kommunen i kolumnen Kommun. Antal = antal tillfällen eller kontakter.",
    )?;
    let header = [
        "Datum",
        "Kommun",
        "Veckonr",
        " Aktivitet ",
        "Antal:",
        "Plats",
        "Samverkan",
        "Taggar",
        "Ansvarig",
        "Kommentar",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &f.header)?;
    }
    let widths = [17.0, 16.0, 8.0, 22.0, 7.0, 18.0, 34.0, 22.0, 14.0, 44.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }

    let first = 4u32;
    let mut numeric_sum = 0u32;
    for (i, a) in rows.iter().enumerate() {
        let (row, r) = (first + i as u32, &a.row);
        write_date(&mut ws, row, 0, r, &f)?;
        write_opt(&mut ws, row, 1, a.kommun)?;
        if !matches!(r.date_cell, DateCell::Text("31/2")) {
            ws.write_number(row, 2, f64::from(r.day.iso_week()))?;
        }
        ws.write_string(row, 3, r.activity)?;
        write_antal(&mut ws, row, 4, &r.antal)?;
        if let Antal::Number(n) = r.antal {
            numeric_sum += n;
        }
        write_opt(&mut ws, row, 5, r.place)?;
        write_opt(&mut ws, row, 6, r.partners)?;
        write_opt(&mut ws, row, 7, r.tags)?;
        write_opt(&mut ws, row, 8, r.responsible)?;
        write_opt(&mut ws, row, 9, r.comment)?;
    }
    let last = first + rows.len() as u32 - 1;
    let sum_row = last + 1;
    ws.write_string_with_format(sum_row, 0, "Summa", &f.bold)?;
    let formula =
        Formula::new(format!("=SUM(E{}:E{})", first + 1, last + 1)).set_result(numeric_sum.to_string());
    ws.write_formula_with_format(sum_row, 4, formula, &f.bold)?;
    wb.push_worksheet(ws);

    let mut notes = Worksheet::new();
    notes.set_name("Anteckningar")?;
    let lines = [
        "Anteckningar 2019–2022",
        "Medborgarkontakterna i Kalix låg efter under våren 2019 på grund av vakanser; vi tog igen under hösten.",
        "Hundsök i skolmiljö i Kalix: andra tillfället (Manhemsskolan i oktober 2019) ställdes in, hundföraren sjuk.",
        "",
        "Från 2019 en gemensam logg för hela lokalpolisområdet: skriv kommunen i kolumnen Kommun.",
        "Haparanda 2020: fotpatrullering och Valborg ställdes in under pandemin.",
        "Skicka loggen till kommunernas trygghetssamordnare vid varje månadsskifte.",
    ];
    for (i, l) in lines.iter().enumerate() {
        write_opt(&mut notes, i as u32, 0, l)?;
    }
    notes.set_column_width(0, 100.0)?;
    wb.push_worksheet(notes);
    Ok(wb)
}

/// A municipality's own log: one sheet per `(name, rows)`.
fn own_workbook(header: &[&str; 8], sheets: &[(&str, Vec<Row>)]) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&properties(2023, 1, 9)?);
    for (name, rows) in sheets {
        wb.push_worksheet(municipality_sheet(name, header, rows)?);
    }
    Ok(wb)
}

/// Prints, per municipality and year, what a correct reader should find in the police area's log.
fn area_summary(rows: &[AreaRow]) {
    let mut keys: Vec<(&str, i64)> =
        rows.iter().filter(|a| !a.municipality.is_empty()).map(|a| (a.municipality, a.row.day.y)).collect();
    keys.sort_unstable();
    keys.dedup();
    for (m, y) in keys {
        let of: Vec<Row> =
            rows.iter().filter(|a| a.municipality == m && a.row.day.y == y).map(|a| a.row.clone()).collect();
        summary(&format!("polisen, {m} {y}"), &of);
    }
    let none: Vec<String> = rows
        .iter()
        .filter(|a| a.municipality.is_empty())
        .map(|a| format!("{} {:?} {}", a.row.activity, a.kommun, a.row.antal.value()))
        .collect();
    println!("polisen, not counted (Kommun empty or unknown): {}", none.join("; "));
    let counted = rows.iter().filter(|a| a.readable()).count();
    println!("polisen: {} rows, {counted} readable with a known Kommun", rows.len());
}

/// Writes the police area's logs into `area`'s `data/inbox/` (`area` is examples/polisomrade).
fn write_area(area: &std::path::Path, kalix_police: &[Row]) -> Result<(), Box<dyn std::error::Error>> {
    let inbox = area.join("data/inbox");
    let mut rng = Lcg(2020_0101);
    let police = area_police_rows(kalix_police, &mut rng);
    area_summary(&police);
    let haparanda: Vec<(String, Vec<Row>)> =
        (2020..=2022).map(|y| (y.to_string(), haparanda_rows(y))).collect();
    for (y, rows) in &haparanda {
        summary(&format!("haparanda {y}"), rows);
    }
    summary("overkalix 2019", &overkalix_rows());

    let files = [
        ("polisen/polisen-aktivitetslogg-2019-2022.xlsx", area_police_workbook(&police)?),
        (
            "haparanda/haparanda-aktivitetslogg-2020-2022.xlsx",
            own_workbook(
                &HAPARANDA_HEADER,
                &haparanda.iter().map(|(y, rows)| (y.as_str(), rows.clone())).collect::<Vec<_>>(),
            )?,
        ),
        (
            "overkalix/overkalix-aktivitetslogg-2019.xlsx",
            own_workbook(&MUNICIPALITY_HEADER, &[("Överkalix 2019", overkalix_rows())])?,
        ),
    ];
    for (name, mut wb) in files {
        let path = inbox.join(name);
        std::fs::create_dir_all(path.parent().ok_or("no folder")?)?;
        wb.save(&path)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: cargo run --example sample_data -- OUTDIR [--area AREADIR]";
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let (out, area) = match args.as_slice() {
        [out] => (PathBuf::from(out), None),
        [out, flag, area] if flag == "--area" => (PathBuf::from(out), Some(PathBuf::from(area))),
        _ => return Err(usage.into()),
    };
    std::fs::create_dir_all(&out)?;

    let mut rng = Lcg(2019_0101);
    let police = police_rows(&mut rng);
    let municipality = municipality_rows();

    // Medborgarkontakt pace: cumulative readable contacts against 3 a week.
    let mut cum = 0u32;
    print!("Medborgarkontakt cumulative at month ends (pace 3/week):");
    for m in 1..=12u32 {
        cum += police
            .iter()
            .filter(|r| r.activity == "Medborgarkontakt" && r.readable() && r.day.m == m)
            .map(|r| r.antal.value())
            .sum::<u32>();
        let end = if m == 12 { days_from_civil(2020, 1, 1) } else { days_from_civil(2019, m + 1, 1) };
        let pace = 3.0 * (end - days_from_civil(2019, 1, 1)) as f64 / 7.0;
        print!(" {m}:{cum}/{pace:.0}");
    }
    println!();
    summary("polisen", &police);
    summary("kommunen", &municipality);

    let p = out.join("polisen-aktivitetslogg-2019.xlsx");
    police_workbook(&police)?.save(&p)?;
    println!("wrote {}", p.display());
    let k = out.join("kommunen-aktivitetslogg-2019.xlsx");
    municipality_workbook(&municipality)?.save(&k)?;
    println!("wrote {}", k.display());
    if let Some(area) = area {
        write_area(&area, &police)?;
    }
    Ok(())
}
