//! Writes the sample activity logs for Kalix 2019 that a new user looks at first.
//!
//! ```text
//! cargo run --example sample_data -- OUTDIR
//! ```
//!
//! writes
//! - `OUTDIR/polisen-aktivitetslogg-2019.xlsx` (the police log, realistic and messy) and
//! - `OUTDIR/kommunen-aktivitetslogg-2019.xlsx` (the municipality's log; `data/generate.sh`
//!   converts it to ODS with LibreOffice).
//!
//! The output is deterministic: a tiny LCG with a fixed seed stands in for a random generator, and
//! the document creation time is fixed.
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

/// A calendar day in 2019 (or thereabouts).
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

    /// The day of ISO week `week` of 2019, `dow` 1 = Monday .. 7 = Sunday.
    fn iso_2019(week: u32, dow: u32) -> Day {
        // Monday of ISO week 1 of 2019 is 2018-12-31.
        let monday1 = days_from_civil(2018, 12, 31);
        let (y, m, d) = civil_from_days(monday1 + i64::from((week - 1) * 7 + (dow - 1)));
        Day { y, m, d }
    }

    /// ISO week number (valid for days in 2019 only, which is all this file needs).
    fn iso_week_2019(self) -> u32 {
        let monday1 = days_from_civil(2018, 12, 31);
        ((days_from_civil(self.y, self.m, self.d) - monday1) / 7 + 1) as u32
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
        let mut row = Row::new(Day::iso_2019(week, dow), activity, antal, rng.pick(CONTACT_PLACES))
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
                    Day::iso_2019(week, dow2),
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
    let created = ExcelDateTime::from_ymd(2020, 1, 7)?.and_hms(8, 0, 0)?;
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
            ws.write_number(row, 1, f64::from(r.day.iso_week_2019()))?;
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

fn municipality_workbook(rows: &[Row]) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties()?);
    let mut ws = Worksheet::new();
    ws.set_name("Kommunen 2019")?;
    let header = ["Datum", "Aktivitet", "Antal", "Plats", "Samverkan", "Taggar", "Ansvarig", "Kommentar"];
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
    wb.push_worksheet(ws);
    Ok(wb)
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: cargo run --example sample_data -- OUTDIR")?;
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
    Ok(())
}
