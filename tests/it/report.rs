//! The annual follow-up: `report` on the sample year (HTML parsed, PDF read back by pdftotext),
//! drafts, the comments file, byte-identical re-runs, and the report job mailing it once.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use expect_test::expect;
use mail_parser::{MessageParser, MimeHeaders};
use scraper::{Html, Selector};

use crate::support::Env;

/// The sample year read in on Friday 31 January 2020 (the report mail prints the day), with a
/// comment on one of the two unmet pledges.
fn sample() -> Env {
    let env = Env::new();
    env.sample().ingest_at("2020-01-31T16:00:00+01:00");
    env.write(
        "data/kommentarer.toml",
        "[2019]\nkommunikation = \"\"\"\nVeckobrevet gjorde uppehåll i juli\nunder semestern.\n\nFrån 2020 finns en ersättare.\n\"\"\"\n"
            .as_bytes(),
    );
    env
}

fn report(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    out.stdout
}

fn read(env: &Env, rel: &str) -> String {
    std::fs::read_to_string(env.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn text_of(el: scraper::ElementRef<'_>) -> String {
    el.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Each pledge section of an HTML report: id → (data-verdict or data-status, data-count, its text).
fn sections(html: &str) -> BTreeMap<String, (String, String, String)> {
    let doc = Html::parse_document(html);
    doc.select(&sel("section.pledge"))
        .map(|s| {
            let v = s.value();
            let verdict = v.attr("data-verdict").or(v.attr("data-status")).unwrap_or_default().to_owned();
            (v.id().unwrap().to_owned(), (verdict, v.attr("data-count").unwrap().to_owned(), text_of(s)))
        })
        .collect()
}

/// The text of a PDF, by `pdftotext` (poppler-utils; `.ci/run` installs it).
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) must be installed to read the PDF back");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_2019_follow_up_states_each_pledge_and_its_result() {
    let env = sample();
    let out = report(&env, &["--period", "2019"]);
    assert!(out.contains("9 pledges: 6 met, 2 partly met, 0 not met, 1 done"), "{out}");
    let html = read(&env, "data/reports/uppfoljning-2019.html");
    let s = sections(&html);
    let expected = [
        ("medborgarkontakter", "met", "172", "Uppfyllt"),
        ("trafiksakerhet", "met", "5", "Uppfyllt"),
        ("narkotika", "met", "3", "Uppfyllt"),
        ("tidiga-insatser", "done", "5", "Genomfört"),
        ("hundsok-skola", "partly_met", "1", "Delvis uppfyllt"),
        ("grannsamverkan", "met", "4", "Uppfyllt"),
        ("trygghetsvandringar", "met", "2", "Uppfyllt"),
        ("inbrott-skoter", "met", "3", "Uppfyllt"),
        ("kommunikation", "partly_met", "11", "Delvis uppfyllt"),
    ];
    assert_eq!(s.len(), expected.len(), "{:?}", s.keys());
    for (id, verdict, count, word) in expected {
        let (v, c, text) = &s[id];
        assert_eq!((v.as_str(), c.as_str()), (verdict, count), "{id}");
        assert!(text.contains(&format!("Bedömning {word}")), "{id}: {text}");
    }
    let (_, _, medborgare) = &s["medborgarkontakter"];
    assert!(medborgare.contains("172 genomförda, i snitt 3,3 per vecka"), "{medborgare}");
    assert!(
        medborgare.contains("Genomföra minst tre medborgarkontakter i snitt per vecka"),
        "the promise as written"
    );
    // Its two row errors, with file, sheet and row.
    assert!(medborgare.contains("Logg 2019 15") && medborgare.contains("Medborgarkontakr"), "{medborgare}");
    let (_, _, kommunikation) = &s["kommunikation"];
    assert!(kommunikation.contains("11 av 12 månader med aktivitet (saknas: juli 2019)"), "{kommunikation}");
    assert!(kommunikation.contains("Veckobrevet gjorde uppehåll i juli under semestern."), "{kommunikation}");
    assert!(!kommunikation.contains("Kommentar saknas"), "{kommunikation}");
    let (_, _, hund) = &s["hundsok-skola"];
    assert!(hund.contains("Kommentar saknas."), "an unmet pledge without a comment says so: {hund}");
    let (_, _, trafik) = &s["trafiksakerhet"];
    assert!(trafik.contains("varav 2 märkta A-traktor") && !trafik.contains("Kommentar"), "{trafik}");
    // The walk without neighbourhood watch is listed as not counted, with its source row.
    let (_, _, vandring) = &s["trygghetsvandringar"];
    assert!(
        vandring.contains("Aktiviteter som inte räknats") && vandring.contains("grannsamverkan"),
        "{vandring}"
    );

    let doc = Html::parse_document(&html);
    let cover = text_of(doc.select(&sel("header.cover")).next().unwrap());
    for want in [
        "Uppföljning av medborgarlöften 2019",
        "1 januari – 31 december 2019",
        "3 februari 2020",
        "Åsa Lindqvist",
        "Lena Holmgren",
        "Per Öhman",
    ] {
        assert!(cover.contains(want), "cover lacks {want:?}: {cover}");
    }
    assert!(doc.select(&sel(".draft")).next().is_none(), "a final report is no draft");
    // One inline SVG chart per pledge, no external resource at all.
    assert_eq!(doc.select(&sel("section.pledge figure.chart svg")).count(), 9);
    assert!(!html.contains("src=") && !html.contains("<link") && !html.contains("<script"), "self-contained");
    // Never Ansvarig or Kommentar of the logs.
    assert!(
        !html.contains("Ansvarig polis") && !html.contains("Jonas Berg"),
        "no personal data from the logs"
    );
    // Data quality: both files, and the appendix keys every source row.
    let quality = text_of(doc.select(&sel("table.files")).next().unwrap());
    assert!(
        quality.contains("polisen-aktivitetslogg-2019.xlsx")
            && quality.contains("kommunen-aktivitetslogg-2019.ods")
    );
    let sources = text_of(doc.select(&sel("table.sources")).next().unwrap());
    assert!(sources.contains("A ") && sources.contains("B "), "{sources}");
    assert!(html.contains("172 = summan av Antal på raderna"), "the figure traced to its rows");

    // The public summary: every pledge, its verdict, nothing internal.
    let public = read(&env, "data/reports/medborgarloften-2019.html");
    let p = sections(&public);
    assert_eq!(p.len(), 9);
    assert_eq!(p["hundsok-skola"].0, "partly_met");
    assert!(p["hundsok-skola"].2.contains("Delvis uppfyllt"), "{:?}", p["hundsok-skola"]);
    // In plain words: what was promised, the target and result without the report's shorthand, and
    // what "Delvis uppfyllt" means; headings in order (h1, then h2).
    let kommunikation = &p["kommunikation"].2;
    assert!(
        kommunikation.contains("Vi lovade: Kalix kommun och polisen ska tillsammans stärka"),
        "{kommunikation}"
    );
    assert!(
        kommunikation.contains(
            "Mål: minst en gång varje månad. Resultat: 12 genomförda, alla månader utom juli 2019."
        ),
        "{kommunikation}"
    );
    assert!(p["medborgarkontakter"].2.contains("Mål: i snitt minst 3 gånger i veckan."));
    assert!(public.contains("Delvis uppfyllt betyder att minst hälften av målet nåddes."));
    let levels: BTreeSet<String> = Html::parse_document(&public)
        .select(&sel("h1, h2, h3, h4"))
        .map(|h| h.value().name().to_owned())
        .collect();
    assert_eq!(levels, BTreeSet::from(["h1".to_owned(), "h2".to_owned()]));
    for internal in
        ["Kommentar", "xlsx", "ods", "Lindqvist", "rad", "Källa", "löpande", "varav", "under perioden"]
    {
        assert!(
            !Html::parse_document(&public).root_element().text().any(|t| t.contains(internal)),
            "public summary shows {internal:?}"
        );
    }
}

#[test]
fn the_pdf_holds_every_pledge_and_result_with_swedish_letters_intact() {
    let env = sample();
    report(&env, &["--period", "2019", "--format", "pdf"]);
    let pdf = env.path("data/reports/uppfoljning-2019.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    // Written under krilla's PDF/A-2a and PDF/UA-1 validators (an export that is not fails), and says so.
    let says = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(says("<pdfaid:part>2</pdfaid:part>") && says("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(says("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(!env.path("data/reports/uppfoljning-2019.html").exists(), "only the format asked for");
    let text = pdf_text(&pdf);
    for want in [
        "Uppföljning av medborgarlöften 2019",
        "Lokalpolisområde Östra Norrbotten",
        "Åsa Lindqvist",
        "Medborgarkontakter",
        "Trafiksäkerhetsinsatser",
        "Riktade insatser mot narkotikamissbruk",
        "Tidiga insatser mot ANDTS",
        "Sök med hund i skolmiljö",
        "Grannsamverkan",
        "Trygghetsvandringar",
        "Insatser mot bostadsinbrott och skoterstölder",
        "Gemensam kommunikation",
        "172 genomförda",
        "Delvis uppfyllt",
        "Genomfört",
        "Kommentar saknas.",
        "Veckobrevet gjorde uppehåll i juli",
        "sida 1 av",
    ] {
        assert!(text.contains(want), "the PDF's text lacks {want:?}:\n{text}");
    }
}

/// What poppler's `pdfinfo` prints with `args`.
fn pdfinfo(path: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new("pdfinfo")
        .args(args)
        .arg(path)
        .output()
        .expect("pdfinfo (Debian's poppler-utils) must be installed to read the PDF back");
    assert!(out.status.success(), "pdfinfo: {}", String::from_utf8_lossy(&out.stderr));
    // Lossy: poppler prints a heading's title with non-ASCII letters as raw UTF-16.
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_pdf_is_tagged_in_reading_order_for_a_screen_reader() {
    let env = sample();
    report(&env, &["--period", "2019", "--format", "pdf"]);
    let pdf = env.path("data/reports/uppfoljning-2019.pdf");
    assert!(pdfinfo(&pdf, &[]).lines().any(|l| l.split_whitespace().eq(["Tagged:", "yes"])));
    // The structure tree as poppler reads it: one element per line, its text quoted under it.
    let tree = pdfinfo(&pdf, &["-struct-text"]);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    let after = |element: &str, text: &str| {
        lines.windows(2).any(|pair| pair[0].starts_with(element) && pair[1] == format!("\"{text}\""))
    };
    // Each fact's label is followed by its value, the cover's and every pledge's.
    for label in ["Period", "Datum", "Till", "Underlag"] {
        let at = lines.iter().position(|l| *l == format!("\"{label}\"")).expect(label);
        assert!(lines[at - 1].starts_with("Lbl") && lines[at + 1].starts_with("LBody"), "{label}: {tree}");
    }
    assert!(after("LBody", "1 januari – 31 december 2019"), "{tree}");
    assert!(after("Lbl", "Bedömning") && after("LBody", "Uppfyllt"), "{tree}");
    // Headings with their level and title, tables with column headers, charts with alternate text.
    assert!(lines.contains(&"H1 \"Sammanfattning\" (block)"), "{tree}");
    assert!(lines.contains(&"H2 \"Medborgarkontakter\" (block)"), "{tree}");
    assert!(after("TH:", "Bedömning") || after("/Scope /Column", "Bedömning"), "{tree}");
    // (krilla's validator refuses a figure without alternate text; poppler does not print it.)
    assert!(lines.contains(&"Figure"), "{tree}");
    // A line that wraps keeps its space: the words of two lines are not glued together.
    assert!(!tree.contains("Öhman,kommunalråd"), "{tree}");
    // The footer and the repeated table headers are not read: the column titles once per table.
    assert!(!tree.contains("sida 1 av"), "{tree}");
    // And the plain text extraction reads each label with its value on one line.
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Period 1 januari – 31 december 2019\nDatum "), "{text}");
}

#[test]
fn a_report_is_byte_identical_when_made_again_from_the_same_store() {
    let env = sample();
    env.edit_config(
        "[[period]]\nid = \"2019\"\n",
        "[[period]]\nid = \"2020\"\nstart = 2020-01-01\nend = 2020-12-31\n\n[[period]]\nid = \"2019\"\n",
    );
    report(&env, &["--period", "2019", "--out", "first"]);
    // Later: a log copied over itself (a new mtime, the same bytes), next year's log and a broken file
    // arrive and are read; then the report is made again from another folder, in another time zone,
    // with the clock elsewhere.
    let log = "data/inbox/polisen/polisen-aktivitetslogg-2019.xlsx";
    let bytes = std::fs::read(env.path(log)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    env.write(log, &bytes);
    // Next year's log has a row whose date cannot be read, below its 2020 rows: it is 2020's.
    env.xlsx("data/inbox/polisen/logg-2020.xlsx", |wb| {
        let ws = wb.add_worksheet().set_name("Logg 2020").unwrap();
        crate::support::header(ws, 0);
        crate::support::date_cell(ws, 1, 0, "2020-03-02");
        ws.write_string(1, 1, "Medborgarkontakt").unwrap();
        ws.write_string(2, 0, "5 mars").unwrap();
        ws.write_string(2, 1, "Medborgarkontakt").unwrap();
    });
    env.write("data/inbox/kommun/trasig.xlsx", b"not a workbook");
    env.ingest();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = env
        .command(&["report", "--period", "2019", "--out"])
        .arg(env.path("second"))
        .current_dir(elsewhere.path())
        .env("TZ", "America/New_York")
        .env("PLEDGEWATCH_NOW", "2026-11-24T12:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in [
        "uppfoljning-2019.html",
        "uppfoljning-2019.pdf",
        "medborgarloften-2019.html",
        "medborgarloften-2019.pdf",
    ] {
        let a = std::fs::read(env.path("first").join(name)).unwrap();
        let b = std::fs::read(env.path("second").join(name)).unwrap();
        if a != b && name.ends_with(".html") {
            let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            let diff: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).take(3).collect();
            panic!("{name} differs between two runs: {diff:?}");
        }
        assert!(a == b, "{name} differs between two runs");
    }
    // The 2020 draft does list what arrived for 2020.
    let html = std::fs::read_to_string(env.path("second/uppfoljning-2019.html")).unwrap();
    assert!(
        !html.contains("logg-2020.xlsx") && !html.contains("trasig.xlsx"),
        "another period's files stay out"
    );
    report(&env, &["--period", "2020", "--as-of", "2020-03-31", "--out", "third", "--format", "html"]);
    let html = std::fs::read_to_string(env.path("third/uppfoljning-2020-utkast.html")).unwrap();
    assert!(html.contains("logg-2020.xlsx"), "{html}");
}

#[test]
fn a_draft_mid_year_is_marked_and_judges_nothing() {
    let env = sample();
    let out = report(&env, &["--as-of", "2019-10-14", "--format", "html,public"]);
    assert!(out.contains("DRAFT follow-up of period 2019 as of 2019-10-14"), "{out}");
    for file in ["data/reports/uppfoljning-2019-utkast.html", "data/reports/medborgarloften-2019-utkast.html"]
    {
        let html = read(&env, file);
        let doc = Html::parse_document(&html);
        let banner = doc.select(&sel("p.draft")).next().map(text_of).unwrap_or_default();
        assert!(banner.contains("UTKAST") && banner.contains("14 oktober 2019"), "{file}: {banner}");
        let title = doc.select(&sel("title")).next().map(text_of).unwrap_or_default();
        assert!(title.starts_with("Utkast"), "{file}: {title}");
        assert!(doc.select(&sel("section.pledge[data-verdict]")).next().is_none(), "no verdict in a draft");
    }
    let s = sections(&read(&env, "data/reports/uppfoljning-2019-utkast.html"));
    assert_eq!(s["medborgarkontakter"].0, "behind");
    assert!(s["medborgarkontakter"].2.contains("Pågår, efter takten"), "{}", s["medborgarkontakter"].2);
    assert_eq!(s["inbrott-skoter"].0, "met");
}

#[test]
fn a_broken_comments_file_stops_the_report_with_a_clear_message() {
    let env = sample();
    env.write("data/kommentarer.toml", b"[2019]\nhundsok = \"Ett sok stalldes in\"\n");
    let out = env.run(&["report", "--period", "2019"]);
    assert_eq!(out.code, 65, "{}", out.stderr);
    assert!(
        out.stderr.contains("kommentarer.toml: line 2: [2019] hundsok: no such pledge in period 2019"),
        "{}",
        out.stderr
    );
    assert!(!env.path("data/reports").exists(), "nothing written");
    // Unknown periods and formats are usage errors.
    assert_eq!(env.run(&["report", "--period", "2018"]).code, 64);
    assert_eq!(env.run(&["report", "--period", "2019", "--as-of", "2018-12-31"]).code, 64);
}

/// The report mails in `data/outbox` (the `dir` transport).
fn report_mails(env: &Env) -> Vec<Vec<u8>> {
    mails_starting(env, "Uppföljning av medborgarlöften")
}

/// The mails in the outbox whose subject starts with `prefix`.
fn mails_starting(env: &Env, prefix: &str) -> Vec<Vec<u8>> {
    let Ok(dir) = std::fs::read_dir(env.path("data/outbox")) else { return Vec::new() };
    dir.map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .filter(|b| {
            MessageParser::default().parse(b).unwrap().subject().is_some_and(|s| s.starts_with(prefix))
        })
        .collect()
}

fn once(env: &Env, now: &str) -> String {
    let out = env.run(&["once", "--now", now]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    out.stdout
}

#[test]
fn the_report_is_mailed_once_on_its_day_with_the_pdf_attached() {
    let env = sample();
    // A simulated year: a pass every Tuesday from June 2019 to June 2020, and twice a day around the
    // day. Nothing before Monday 3 February 08:00 (1 February is a Saturday), the report then, never
    // again.
    let mut days: Vec<chrono::NaiveDateTime> = Vec::new();
    let mut t = chrono::NaiveDate::from_ymd_opt(2019, 6, 4).unwrap().and_hms_opt(9, 0, 0).unwrap();
    while t.date() < chrono::NaiveDate::from_ymd_opt(2020, 6, 3).unwrap() {
        days.push(t);
        t += chrono::Duration::days(7);
    }
    for day in 0..16 {
        let d = chrono::NaiveDate::from_ymd_opt(2020, 1, 27).unwrap() + chrono::Duration::days(day);
        days.push(d.and_hms_opt(7, 30, 0).unwrap());
        days.push(d.and_hms_opt(9, 0, 0).unwrap());
    }
    days.sort();
    days.dedup();
    let days: Vec<String> = days.iter().map(|t| t.format("%Y-%m-%d %H:%M").to_string()).collect();
    let mut ran = Vec::new();
    for now in &days {
        let out = once(&env, now);
        if out.contains("report:2019") {
            ran.push(now.clone());
            assert!(out.contains("report:2019 slot 2020-02-03 08:00 CET  ok"), "{out}");
            assert!(out.contains("mail queued to asa.lindqvist@kalix.example, lena.holmgren@polisen.example, per.ohman@kalix.example"), "{out}");
        }
    }
    assert_eq!(ran, ["2020-02-03 09:00"]);
    let mails = report_mails(&env);
    assert_eq!(mails.len(), 1, "one report mail");
    let m = MessageParser::default().parse(&mails[0]).unwrap();
    assert_eq!(m.to().unwrap().first().unwrap().address(), Some("asa.lindqvist@kalix.example"));
    let cc: Vec<&str> = m.cc().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(cc, ["lena.holmgren@polisen.example", "per.ohman@kalix.example"]);
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Åsa Lindqvist <asa.lindqvist@kalix.example>
        Cc: Lena Holmgren <lena.holmgren@polisen.example>, Per Öhman <per.ohman@kalix.example>
        Subject: Uppföljning av medborgarlöften 2019 – Kalix kommun
        Attachments: uppfoljning-2019.pdf, medborgarloften-2019.pdf, medborgarloften-2019.html

        Hej Åsa!

        Här kommer den skriftliga uppföljningen av medborgarlöftena för 2019 från Kalix kommun och Lokalpolisområde Östra Norrbotten.

        Av 9 medborgarlöften är 6 uppfyllda, 2 delvis uppfyllda och 1 genomfört. Löftet Tidiga insatser mot ANDTS saknar mätbart mål och redovisas som genomfört eftersom aktiviteter har redovisats.

        - Medborgarkontakter: Uppfyllt. 172 genomförda, i snitt 3,3 per vecka.
        - Trafiksäkerhetsinsatser: Uppfyllt. 5 genomförda, varav 2 märkta A-traktor.
        - Riktade insatser mot narkotikamissbruk: Uppfyllt. 3 genomförda.
        - Tidiga insatser mot ANDTS: Genomfört. 5 genomförda.
        - Sök med hund i skolmiljö: Delvis uppfyllt. 1 genomförd.
        - Grannsamverkan: Uppfyllt. 7 genomförda, 4 av 4 kvartal med aktivitet.
        - Trygghetsvandringar: Uppfyllt. 2 genomförda.
        - Insatser mot bostadsinbrott och skoterstölder: Uppfyllt. 3 genomförda.
        - Gemensam kommunikation: Delvis uppfyllt. 12 genomförda, 11 av 12 månader med aktivitet (saknas: juli 2019).

        Hela uppföljningen finns i den bifogade PDF-filen uppfoljning-2019.pdf: varje löfte med mål, resultat, diagram, kommentarer och aktiviteter, datakvaliteten och en bilaga där varje siffra kan spåras till fil och rad.

        Bifogat finns också en sammanfattning för invånarna: medborgarloften-2019.pdf (PDF) och medborgarloften-2019.html (webbsida). Den kan publiceras direkt på kommunens webbplats.

        Underlag: 2 aktivitetsloggar, senast uppdaterade 31 januari 2020.

        Frågor om uppföljningen besvaras av Jonas Berg (kommunpolis) och Sara Nilsson (trygghetssamordnare, Kalix kommun).

        Med vänliga hälsningar
        Kalix kommun och Lokalpolisområde Östra Norrbotten

        -- 
        Skickat automatiskt av pledgewatch för Kalix kommun och Lokalpolisområde Östra Norrbotten.
    "#]].assert_eq(&env.mail_text(&mails[0]));
    let attached: Vec<(String, Vec<u8>)> = m
        .attachments()
        .map(|a| (a.attachment_name().unwrap_or_default().to_owned(), a.contents().to_vec()))
        .collect();
    let names: Vec<&str> = attached.iter().map(|(n, _)| n.as_str()).collect();
    // The public summary also as PDF: mail gateways strip or quarantine attached HTML files.
    assert_eq!(names, ["uppfoljning-2019.pdf", "medborgarloften-2019.pdf", "medborgarloften-2019.html"]);
    // The attachment is the file in data/reports, and `report` makes the same bytes again.
    let written = std::fs::read(env.path("data/reports/uppfoljning-2019.pdf")).unwrap();
    assert!(attached[0].1 == written, "the PDF mailed is the PDF written");
    let public = env.path("data/reports/medborgarloften-2019.pdf");
    assert!(attached[1].1 == std::fs::read(&public).unwrap(), "the public PDF mailed is the one written");
    assert!(pdfinfo(&public, &[]).lines().any(|l| l.split_whitespace().eq(["Tagged:", "yes"])));
    let public_text = pdf_text(&public);
    assert!(
        public_text.contains("Medborgarkontakter") && public_text.contains("Vi lovade:"),
        "{public_text}"
    );
    assert!(!public_text.contains("Lindqvist"), "no names in the public summary: {public_text}");
    report(&env, &["--period", "2019", "--out", "again", "--format", "pdf"]);
    assert!(
        std::fs::read(env.path("again/uppfoljning-2019.pdf")).unwrap() == written,
        "an auditor gets the same PDF"
    );
    // Made again unchanged, it may be written over itself; a changed one never replaces the mailed.
    report(&env, &["--period", "2019"]);
    env.write("data/kommentarer.toml", "[2019]\nhundsok-skola = \"Hunden var sjuk.\"\n".as_bytes());
    let out = env.run(&["report", "--period", "2019"]);
    assert_eq!(out.code, 73, "{}", out.stderr);
    assert!(
        out.stderr.contains("was mailed, and its files in") && out.stderr.contains("--out DIR"),
        "{}",
        out.stderr
    );
    assert!(
        std::fs::read(env.path("data/reports/uppfoljning-2019.pdf")).unwrap() == written,
        "kept as mailed"
    );
    report(&env, &["--period", "2019", "--out", "revised"]);
    assert!(pdf_text(&env.path("revised/uppfoljning-2019.pdf")).contains("Hunden var sjuk."));
}

#[test]
fn after_downtime_across_its_day_the_report_goes_at_the_next_start_once() {
    let env = sample();
    once(&env, "2020-01-31 09:00");
    assert!(report_mails(&env).is_empty());
    // Down from Friday to Thursday.
    let out = once(&env, "2020-02-06 10:00");
    assert!(out.contains("report:2019 slot 2020-02-03 08:00 CET  ok"), "{out}");
    once(&env, "2020-02-06 10:30");
    once(&env, "2020-02-07 10:00");
    assert_eq!(report_mails(&env).len(), 1);
    let jobs = env.run_at("2020-02-07T10:00:00+01:00", &["jobs"]).stdout;
    assert!(jobs.contains("report:2019"), "{jobs}");
}

#[test]
fn a_broken_comments_file_on_the_day_holds_the_report_and_tells_the_log_keepers_once() {
    let env = sample();
    env.write("data/kommentarer.toml", b"# Kommentarer\n[2019]\nhundsok = \"Ett sok stalldes in\"\n");
    let pass = |now: &str| env.run(&["once", "--now", now]);
    let out = pass("2020-02-03 09:00");
    assert_ne!(out.code, 0, "a held report is a failed job");
    assert!(out.stdout.contains("report:2019 slot 2020-02-03 08:00 CET  failed"), "{}", out.stdout);
    assert!(out.stdout.contains("2 mails queued to the log keepers"), "{}", out.stdout);
    assert!(report_mails(&env).is_empty(), "no report without the comments written");
    let jobs = env.run_at("2020-02-03T09:05:00+01:00", &["jobs"]).stdout;
    let line = jobs.lines().find(|l| l.starts_with("report:2019")).unwrap();
    assert!(line.contains("failing") && line.contains("1 attempts since 2020-02-03 09:00 CET"), "{line}");
    assert!(line.contains("next pass"), "a failing job is tried again at the next pass: {line}");
    assert!(line.contains("line 3: [2019] hundsok: no such pledge"), "{line}");
    // The log keepers are told in Swedish, with the file and the line; once per mistake.
    let told = |env: &Env| -> Vec<(String, String)> {
        let Ok(dir) = std::fs::read_dir(env.path("data/outbox")) else { return Vec::new() };
        let mut out: Vec<(String, String)> = dir
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .filter_map(|b| {
                let m = MessageParser::default().parse(&b).unwrap();
                let to = m.to()?.first()?.address()?.to_owned();
                m.subject()
                    .is_some_and(|s| s == "Uppföljningen 2019 väntar: fel i kommentarsfilen")
                    .then(|| (to, env.mail_text(&b)))
            })
            .collect();
        out.sort();
        out
    };
    let mails = told(&env);
    let to: Vec<&str> = mails.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(to, ["jonas.berg@polisen.example", "sara.nilsson@kalix.example"]);
    // It fits a phone's screen, the file's path and the example included.
    let all: Vec<Vec<u8>> = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    if let Some(widths) = crate::support::phone_widths(&all) {
        assert!(widths.iter().all(|(_, w, room)| w <= room), "wider than a phone: {widths:?}");
        assert!(widths.iter().any(|(s, _, _)| s.contains("fel i kommentarsfilen")));
    }
    // The same to each, but for the greeting: who it is for, the file, the line and the mistake.
    let [(_, jonas), (_, sara)] = mails.as_slice() else { unreachable!() };
    expect![[r#"
        From: Medborgarlöften Kalix <pledgewatch@kalix.example>
        To: Sara Nilsson <sara.nilsson@kalix.example>
        Subject: Uppföljningen 2019 väntar: fel i kommentarsfilen

        Hej Sara!

        Den årliga uppföljningen av medborgarlöftena för 2019 ska skickas till Åsa Lindqvist den 3 februari 2020, men den har stoppats av ett fel i kommentarsfilen:

            <install>/data/kommentarer.toml
            rad 3: "hundsok" är inget av löftena för 2019; menade du hundsok-skola?

        Rätta filen, så skapas och skickas uppföljningen vid nästa schemalagda körning. Kommentarerna ska stå under rubriken [2019], en rad per löfte:

            löftes-id = "Kommentaren."

        Uppföljningen skickas inte utan kommentarerna, så att inget som skrivits faller bort.

        -- 
        pledgewatch, Kalix kommun
    "#]].assert_eq(sara);
    assert_eq!(
        *jonas,
        sara.replace("Sara Nilsson <sara.nilsson@kalix.example>", "Jonas Berg <jonas.berg@polisen.example>")
            .replace("Hej Sara!", "Hej Jonas!")
    );
    // The next pass tries again: the same mistake is not told twice.
    let out = pass("2020-02-03 10:00");
    assert!(out.stdout.contains("the log keepers were told before"), "{}", out.stdout);
    assert_eq!(told(&env).len(), 2);
    let jobs = env.run_at("2020-02-03T10:05:00+01:00", &["jobs"]).stdout;
    assert!(
        jobs.contains("2 attempts since 2020-02-03 09:00 CET, the latest 2020-02-03 10:00 CET"),
        "{jobs}"
    );
    // Mended: the report goes at the next pass, and the job is no longer failing.
    env.write("data/kommentarer.toml", b"[2019]\nhundsok-skola = \"Ett sok stalldes in.\"\n");
    let out = once(&env, "2020-02-03 11:00");
    assert!(out.contains("report:2019 slot 2020-02-03 08:00 CET  ok"), "{out}");
    assert_eq!(report_mails(&env).len(), 1);
    let jobs = env.run_at("2020-02-03T11:05:00+01:00", &["jobs"]).stdout;
    let line = jobs.lines().find(|l| l.starts_with("report:2019")).unwrap();
    assert!(line.contains(" ok ") && !line.contains("failing"), "{line}");
}

#[test]
fn a_period_with_nothing_in_the_store_says_so_instead_of_empty_tables() {
    let env = Env::new();
    let out = env.run(&["report", "--period", "2019", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("holds no activity dated in period 2019"), "{}", out.stderr);
    let html = read(&env, "data/reports/uppfoljning-2019.html");
    let doc = Html::parse_document(&html);
    assert!(
        doc.select(&sel("table.files")).next().is_none()
            && doc.select(&sel("table.sources")).next().is_none()
    );
    assert!(html.contains("Inga filer med aktiviteter eller rader från perioden har lästs."));
    assert!(html.contains("så det finns inga källor att hänvisa till."));
    assert!(html.contains("Inget av de 9 medborgarlöftena uppfylldes."), "the summary says it plainly");
}

#[test]
fn a_report_long_past_its_day_is_written_but_not_mailed() {
    let env = sample();
    let out = once(&env, "2026-11-24 09:00");
    assert!(out.contains("not mailed"), "{out}");
    assert!(report_mails(&env).is_empty());
    assert!(env.path("data/reports/uppfoljning-2019.pdf").exists());
}

/// The Message-ID of the one report mail `preview report` writes for `as_of`.
fn previewed_report_id(env: &Env, as_of: &str) -> String {
    let dir = format!("preview-{as_of}");
    let out = env.run(&["preview", "report", "--as-of", as_of, "--to", &dir]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let files: Vec<_> = std::fs::read_dir(env.path(&dir)).unwrap().map(|e| e.unwrap().path()).collect();
    let [file] = &files[..] else { panic!("{files:?}") };
    let bytes = std::fs::read(file).unwrap();
    MessageParser::default().parse(&bytes).unwrap().message_id().unwrap().to_owned()
}

#[test]
fn a_previewed_draft_has_a_message_id_of_its_own() {
    let env = sample();
    let (draft, other_draft) =
        (previewed_report_id(&env, "2019-10-14"), previewed_report_id(&env, "2019-11-11"));
    let final_one = previewed_report_id(&env, "2020-02-03");
    assert!(draft != final_one && other_draft != final_one && draft != other_draft, "{draft} {final_one}");
    // The final one previewed is the one the job mails.
    once(&env, "2020-02-03 09:00");
    let mails = report_mails(&env);
    let [mail] = &mails[..] else { panic!("{} report mails", mails.len()) };
    assert_eq!(MessageParser::default().parse(mail).unwrap().message_id(), Some(final_one.as_str()));
}

/// The mails in the outbox whose subject is `subject`: (recipient, the mail as `Env::mail_text` shows it).
fn mails_titled(env: &Env, subject: &str) -> Vec<(String, String)> {
    let Ok(dir) = std::fs::read_dir(env.path("data/outbox")) else { return Vec::new() };
    let mut out: Vec<(String, String)> = dir
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .filter_map(|b| {
            let m = MessageParser::default().parse(&b).unwrap();
            let to = m.to()?.first()?.address()?.to_owned();
            (m.subject()? == subject).then(|| (to, env.mail_text(&b)))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_misspelled_source_folder_holds_the_follow_up_until_its_log_is_read() {
    let env = Env::new();
    env.edit_config("dir = \"data/inbox/kommun\"", "dir = \"data/inbox/kommunen\"");
    env.sample();
    // check: an error once the period has begun, a warning before.
    let before = env.run_at("2018-12-01T12:00:00+01:00", &["check"]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(
        before
            .stdout
            .contains("data/inbox/kommunen  kept by Kalix kommun (log keeper Sara Nilsson)  (warning: folder does not exist yet)"),
        "{}",
        before.stdout
    );
    let during = env.run_at("2020-02-03T07:00:00+01:00", &["check"]);
    assert_eq!(during.code, 78, "{}", during.stdout);
    assert!(during.stdout.contains("(error: folder does not exist)"), "{}", during.stdout);
    assert!(
        during.stderr.contains("error: source kommun: folder ")
            && during.stderr.contains("data/inbox/kommunen does not exist, and period 2019 has begun"),
        "{}",
        during.stderr
    );
    // Once the period's follow-up can no longer go (news_for_days after its day), nothing waits for
    // the folder: a warning.
    let after = env.run_at("2020-04-10T12:00:00+02:00", &["check"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert!(
        after
            .stdout
            .contains("kept by Kalix kommun (log keeper Sara Nilsson)  (warning: folder does not exist; no period needs its logs now)"),
        "{}",
        after.stdout
    );

    // The follow-up's day: written, not mailed; the job fails with the reason.
    let out = env.run(&["once", "--now", "2020-02-03 09:00"]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let line = out.stdout.lines().find(|l| l.contains("report:2019")).unwrap().to_owned();
    assert!(
        line.contains("failed") && line.contains("not mailed: no log has been read from kommun"),
        "{line}"
    );
    assert!(report_mails(&env).is_empty(), "no follow-up while the municipality's log is awaited");
    let jobs = env.run_at("2020-02-03T09:05:00+01:00", &["jobs"]).stdout;
    assert!(
        jobs.lines().any(|l| l.starts_with("report:2019")
            && l.contains("failing")
            && l.contains("no log has been read from kommun")),
        "{jobs}"
    );
    // The one who keeps the log (here also the coordinator) is told, once, with the folder.
    let subject = "Uppföljningen 2019 väntar på aktivitetsloggen från Kalix kommun";
    let told = mails_titled(&env, subject);
    let [(to, text)] = told.as_slice() else { panic!("{told:?}") };
    assert_eq!(to, "sara.nilsson@kalix.example");
    assert!(text.contains("pledgewatch kan inte läsa aktivitetsloggen från Kalix kommun: mappen <install>/data/inbox/kommunen finns inte på servern."), "{text}");
    assert!(text.contains("skulle skickas till Åsa Lindqvist den 3 februari 2020. Den hålls inne"), "{text}");
    assert!(text.contains("rätta sökvägen (`dir` för källan \"kommun\")"), "{text}");
    // That one mail also says the log is awaited: no notice apart in the same pass.
    let apart = "Väntar på aktivitetsloggen från Kalix kommun: inga siffror skickas förrän den finns";
    assert!(mails_titled(&env, apart).is_empty(), "{:?}", mails_titled(&env, apart));
    let out = env.run(&["once", "--now", "2020-02-03 10:00"]);
    assert!(out.stdout.contains("the log keepers were told before"), "{}", out.stdout);
    assert_eq!(mails_titled(&env, subject).len(), 1);

    // Mended: the follow-up goes at the next pass, with the municipality's figures.
    env.edit_config("dir = \"data/inbox/kommunen\"", "dir = \"data/inbox/kommun\"");
    let out = once(&env, "2020-02-03 11:00");
    assert!(
        out.contains("report:2019") && out.contains("mail queued to asa.lindqvist@kalix.example"),
        "{out}"
    );
    assert_eq!(report_mails(&env).len(), 1);
    let html = read(&env, "data/reports/uppfoljning-2019.html");
    let status = env.status_json(&["--as-of", "2019-12-31"]);
    let counted = crate::support::pledge(&status, "kommunikation")["count"].to_string();
    assert_ne!(counted, "0");
    assert_eq!(sections(&html)["kommunikation"].1, counted, "the municipality's log counted");
}

#[test]
fn after_the_last_periods_follow_up_the_digest_stops_and_the_chiefs_are_told_once_what_to_add() {
    let env = sample();
    once(&env, "2020-02-03 09:00");
    assert_eq!(report_mails(&env).len(), 1);
    // Every Monday for a year and more: no digest of 2019's final figures.
    let mut day = chrono::NaiveDate::from_ymd_opt(2020, 2, 10).unwrap();
    while day < chrono::NaiveDate::from_ymd_opt(2021, 3, 2).unwrap() {
        once(&env, &format!("{day} 07:00"));
        day += chrono::Duration::days(7);
    }
    let digests_after = mails_titled(&env, "Medborgarlöften Kalix kommun: veckoöversikt vecka 7, 2020").len()
        + mails_titled(&env, "Medborgarlöften Kalix kommun: veckoöversikt vecka 10, 2020").len()
        + mails_titled(&env, "Medborgarlöften Kalix kommun: veckoöversikt vecka 9, 2021").len();
    assert_eq!(digests_after, 0);
    let told = mails_titled(
        &env,
        "Medborgarlöften Kalix kommun: ingen löftesperiod pågår – veckoöversikten har upphört",
    );
    let to: Vec<&str> = told.iter().map(|(to, _)| to.as_str()).collect();
    assert_eq!(
        to,
        ["lena.holmgren@polisen.example", "per.ohman@kalix.example", "sara.nilsson@kalix.example"]
    );
    let text = &told[0].1;
    assert!(text.contains("Löftesperioden 2019 tog slut den 31 december 2019, och uppföljningen skickades den 3 februari 2020."), "{text}");
    // The chiefs read who sees to it; the coordinator, what to add to the config.
    assert!(
        text.contains("Samma besked har gått till Sara Nilsson (trygghetssamordnare, Kalix kommun), som ser till att det görs.")
            && !text.contains("[[period]]"),
        "{text}"
    );
    let coordinator = &told[2].1;
    assert!(
        coordinator
            .contains("    [[period]]\n    id = \"2020\"\n    start = 2020-01-01\n    end = 2020-12-31"),
        "{coordinator}"
    );
    let digests: usize = std::fs::read_dir(env.path("data/outbox"))
        .unwrap()
        .filter(|e| {
            let b = std::fs::read(e.as_ref().unwrap().path()).unwrap();
            MessageParser::default()
                .parse(&b)
                .unwrap()
                .subject()
                .is_some_and(|s| s.contains("veckoöversikt vecka"))
        })
        .count();
    assert_eq!(digests, 2, "the digest of the follow-up's week only, to its two recipients");
    // check says so too.
    let check = env.run_at("2020-03-02T07:00:00+01:00", &["check"]);
    assert!(
        check.stdout.contains("warning: no period is current or to come (the last, 2019, ended 2019-12-31)"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_late_correction_after_the_follow_up_is_one_correction_to_its_recipients_and_the_coordinator_and_report_offers_the_new_version()
 {
    let env = sample();
    once(&env, "2020-02-03 09:00");
    let first = sections(&read(&env, "data/reports/uppfoljning-2019.html"));
    assert_eq!((first["hundsok-skola"].0.as_str(), first["hundsok-skola"].1.as_str()), ("partly_met", "1"));
    let before = std::fs::read_dir(env.path("data/outbox")).unwrap().count();
    // A week later a police log is saved with a search done in November.
    env.log("data/inbox/polisen/tillagg-hundsok.xlsx", &[("2019-11-20", "Hundsök skola", 1)]);
    // And a file that cannot be read: it changes no figure, and the correction does not name it.
    env.write("data/inbox/polisen/trasig.xlsx", b"PK\x03\x04 not a workbook");
    once(&env, "2020-02-10 07:00");
    let corrections = mails_titled(&env, "Rättelse: uppföljningen av medborgarlöften 2019 – Kalix kommun");
    let to: Vec<&str> = corrections.iter().map(|(to, _)| to.as_str()).collect();
    // The follow-up's recipients, and the coordinator, who makes the corrected version.
    assert_eq!(
        to,
        [
            "asa.lindqvist@kalix.example",
            "lena.holmgren@polisen.example",
            "per.ohman@kalix.example",
            "sara.nilsson@kalix.example"
        ]
    );
    let text = &corrections[0].1;
    assert!(text.contains("som skickades den 3 februari 2020, stämmer inte längre för ett löfte"), "{text}");
    assert!(
        text.contains(
            "- Sök med hund i skolmiljö: i uppföljningen Delvis uppfyllt, 1 av 2; nu Uppfyllt, 2 av 2"
        ),
        "{text}"
    );
    assert!(text.contains("- tillagg-hundsok.xlsx (ändrad ") && !text.contains("trasig.xlsx"), "{text}");
    // The chair is told who makes the corrected version; only the coordinator reads how.
    assert!(text.contains("en logg har ändrats efter att uppföljningen skickades."), "{text}");
    assert!(
        text.contains(
            "Samma besked har gått till Sara Nilsson (trygghetssamordnare, Kalix kommun), som kan ta fram"
        ),
        "{text}"
    );
    assert!(!text.contains("pledgewatch report") && !text.contains("data/reports"), "{text}");
    let coordinator = &corrections[3].1;
    assert!(coordinator.contains("pledgewatch report --period 2019 --out <mapp>"), "{coordinator}");
    // Nothing else but that no period is current: no "Uppfyllt" outcome mail to the owners after
    // the chair got the follow-up.
    let after = std::fs::read_dir(env.path("data/outbox")).unwrap().count();
    let no_period = mails_titled(
        &env,
        "Medborgarlöften Kalix kommun: ingen löftesperiod pågår – veckoöversikten har upphört",
    );
    assert_eq!(
        after - before,
        4 + no_period.len() + 1,
        "the four corrections, the no-period notice, and the keeper's notice of the broken file"
    );
    // Told once.
    once(&env, "2020-02-11 07:00");
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), after);
    // The mailed follow-up stays as mailed; report offers the corrected one elsewhere.
    let out = env.run(&["report", "--period", "2019"]);
    assert_eq!(out.code, 73, "{}", out.stderr);
    assert!(out.stderr.contains("--out"), "{}", out.stderr);
    let out = env.run_at("2020-02-12T10:00:00+01:00", &["report", "--period", "2019", "--out", "rattad"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = read(&env, "rattad/uppfoljning-2019.html");
    let corrected = sections(&html);
    assert_eq!((corrected["hundsok-skola"].0.as_str(), corrected["hundsok-skola"].1.as_str()), ("met", "2"));
    // It says what it is: a corrected version, dated the day it was made, replacing the one mailed.
    assert!(
        html.contains("Rättad version")
            && html.contains("Ersätter uppföljningen som skickades den 3 februari 2020")
            && html.contains("12 februari 2020"),
        "{html}"
    );
    let pdf =
        pdf_text(&env.path("rattad/uppfoljning-2019.pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pdf.contains("Ersätter uppföljningen som skickades den 3 februari 2020"), "{pdf}");
    assert!(!read(&env, "data/reports/uppfoljning-2019.html").contains("Rättad version"));
}

#[test]
fn a_pledge_whose_logged_rows_do_not_meet_its_conditions_does_not_read_as_nothing_reported() {
    let env = Env::new();
    // Two walks logged without Samverkan: they do not count towards the joint walks, and the
    // follow-up says why rather than "Inga aktiviteter redovisade".
    env.log(
        "data/inbox/polisen/logg.xlsx",
        &[("2019-04-10", "Trygghetsvandring", 1), ("2019-09-18", "Trygghetsvandring", 1)],
    );
    env.log("data/inbox/kommun/logg.xlsx", &[("2019-05-06", "Medborgarkontakt", 1)]);
    env.ingest();
    report(&env, &["--period", "2019", "--as-of", "2020-01-10"]);
    let walks = &sections(&read(&env, "data/reports/uppfoljning-2019.html"))["trygghetsvandringar"].2;
    assert!(
        walks.contains(
            "Ingen aktivitet räknas: 2 redovisade aktiviteter uppfyller inte löftets villkor (se nedan)."
        ) && !walks.contains("Inga aktiviteter redovisade."),
        "{walks}"
    );
    let andts = &sections(&read(&env, "data/reports/uppfoljning-2019.html"))["tidiga-insatser"].2;
    assert!(andts.contains("Inga aktiviteter redovisade."), "{andts}");
}

#[test]
fn a_pledge_of_thousands_of_activities_lists_two_hundred_and_counts_them_all() {
    let env = Env::new();
    let days: Vec<String> = (0..1500)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap() + chrono::Days::new(i % 365)).to_string()
        })
        .collect();
    let rows: Vec<(&str, &str, u32)> = days.iter().map(|d| (d.as_str(), "Medborgarkontakt", 1)).collect();
    env.log("data/inbox/polisen/kontakter.xlsx", &rows).ingest();
    let out = env.run(&["report", "--as-of", "2019-12-31", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-2019-utkast.html")).unwrap();
    assert!(
        html.contains("Ytterligare 1\u{a0}300 räknade aktiviteter listas inte här; de finns i loggarna."),
        "{html}"
    );
    assert!(html.contains("1\u{a0}500") || html.contains("1500"), "the figure counts them all");
    assert!(html.matches("kontakter.xlsx").count() < 2 * 200 + 20);
}

/// Brå (2023): pledges are "seldom followed up from year to year". With a 2018 period and the
/// police's 2018 log (a contact of 2 each Thursday, 104 in 52 weeks; four traffic controls), the
/// 2019 follow-up shows each pledge's 2018 result beside its own; a pledge the municipality owns
/// too says the 2018 logs are not there instead of a zero.
#[test]
fn last_periods_result_is_shown_beside_this_ones() {
    let env = Env::new();
    env.edit_config(
        "[[period]]\nid = \"2019\"",
        "[[period]]\nid = \"2018\"\nstart = 2018-01-01\nend = 2018-12-31\n\n[[period]]\nid = \"2019\"",
    );
    env.sample();
    let thursday = chrono::NaiveDate::from_ymd_opt(2018, 1, 4).unwrap();
    let days: Vec<String> = (0..52).map(|w| (thursday + chrono::Days::new(7 * w)).to_string()).collect();
    let mut rows: Vec<(&str, &str, u32)> = days.iter().map(|d| (d.as_str(), "Medborgarkontakt", 2)).collect();
    rows.extend(
        ["2018-03-01", "2018-05-02", "2018-08-20", "2018-10-11"].map(|d| (d, "Trafiksäkerhetsinsats", 1)),
    );
    env.log("data/inbox/polisen/polisen-aktivitetslogg-2018.xlsx", &rows);
    env.ingest();
    report(&env, &["--period", "2019", "--as-of", "2020-01-10", "--format", "html,public"]);
    let html = read(&env, "data/reports/uppfoljning-2019.html");
    let s = sections(&html);
    let text = |id: &str| s.get(id).unwrap_or_else(|| panic!("{id}: {s:#?}")).2.clone();
    assert!(
        text("medborgarkontakter")
            .contains("Förra perioden 2018: Delvis uppfyllt – 104 genomförda, i snitt 2,0 per vecka"),
        "{}",
        text("medborgarkontakter")
    );
    assert_eq!(s["medborgarkontakter"].1, "172", "this year's figure is this year's");
    assert!(
        text("trafiksakerhet").contains("Förra perioden 2018: Uppfyllt – 4 genomförda"),
        "{}",
        text("trafiksakerhet")
    );
    assert!(
        text("kommunikation").contains("Förra perioden 2018: loggarna för perioden finns inte i underlaget"),
        "{}",
        text("kommunikation")
    );
    let public = read(&env, "data/reports/medborgarloften-2019.html");
    assert!(public.contains("Förra perioden (2018): delvis uppfyllt, 104 genomförda"), "for citizens");
    assert!(!public.contains("loggarna för perioden"), "citizens are not told of missing logs");
    assert!(!html.contains("Underlag saknas"), "2019's logs are all there");
    // The 2018 follow-up itself says whose log it lacks, beside the figures it has.
    report(&env, &["--period", "2018", "--as-of", "2019-01-10", "--format", "html"]);
    let s = sections(&read(&env, "data/reports/uppfoljning-2018.html"));
    assert!(
        s["kommunikation"].2.contains(
            "Underlag saknas ingen logg från Kalix kommun med aktiviteter under perioden; resultatet bygger på de övriga loggarna"
        ),
        "{}",
        s["kommunikation"].2
    );
    assert!(!s["medborgarkontakter"].2.contains("Underlag saknas"), "the police's log of 2018 is there");
}

#[test]
fn an_interim_follow_up_is_mailed_once_on_its_day_as_a_delrapport() {
    let env = sample();
    env.edit_config(
        "cc = [\"lpo-chef\", \"kommunalrad\"]\n",
        "cc = [\"lpo-chef\", \"kommunalrad\"]\n\n[[period.interim]]\ndate = 2019-07-01\n\n[[period.interim]]\ndate = 2019-10-01\n",
    );
    let check = env.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains(
            "    Delrapport (figures of 2019-06-30): was due Mon 2019-07-01 08:00, to the same people"
        ),
        "{}",
        check.stdout
    );
    let interims = |env: &Env| mails_starting(env, "Delrapport");
    assert!(interims(&env).is_empty());
    once(&env, "2019-06-30 09:00");
    assert!(interims(&env).is_empty(), "not before its day");
    let out = once(&env, "2019-07-01 09:00");
    assert!(out.contains("report:2019/interim-2019-07-01 slot 2019-07-01 08:00 CEST  ok"), "{out}");
    assert!(out.contains("mail queued to asa.lindqvist@kalix.example"), "{out}");
    once(&env, "2019-07-01 10:00");
    once(&env, "2019-07-02 09:00");
    let mails = interims(&env);
    assert_eq!(mails.len(), 1, "mailed once");
    let m = MessageParser::default().parse(&mails[0]).unwrap();
    assert_eq!(
        m.subject(),
        Some("Delrapport: Uppföljning av medborgarlöften 2019 – Kalix kommun, läget per 30 juni 2019")
    );
    let cc: Vec<&str> = m.cc().unwrap().iter().filter_map(|a| a.address()).collect();
    assert_eq!(
        cc,
        ["lena.holmgren@polisen.example", "per.ohman@kalix.example"],
        "the follow-up's recipients"
    );
    let body = crate::support::reflowed(&m.body_text(0).unwrap());
    assert!(
        body.contains(
            "Här kommer en delrapport av den skriftliga uppföljningen av medborgarlöftena för 2019"
        ),
        "{body}"
    );
    assert!(
        body.contains("med läget per 30 juni 2019. Perioden pågår; bedömningen görs när den är slut."),
        "{body}"
    );
    assert!(
        body.contains("Hela delrapporten finns i den bifogade PDF-filen delrapport-2019-2019-06-30.pdf"),
        "{body}"
    );
    assert!(body.contains("Läget för de 9 medborgarlöftena"), "the figures so far: {body}");
    let names: Vec<&str> = m.attachments().filter_map(|a| a.attachment_name()).collect();
    assert_eq!(
        names,
        [
            "delrapport-2019-2019-06-30.pdf",
            "medborgarloften-2019-delrapport-2019-06-30.pdf",
            "medborgarloften-2019-delrapport-2019-06-30.html"
        ]
    );
    let pdf = pdf_text(&env.path("data/reports/delrapport-2019-2019-06-30.pdf"));
    assert!(pdf.contains("DELRAPPORT – läget per 30 juni 2019"), "the banner");
    assert!(pdf.contains("Delrapport: Uppföljning av medborgarlöften"), "the heading");
    assert!(!pdf.contains("UTKAST"), "a Delrapport is not marked a draft");
    assert!(pdf.contains("Delrapport: Uppföljning av medborgarlöften 2019 · Kalix kommun"), "the footer");
    let html = read(&env, "data/reports/delrapport-2019-2019-06-30.html");
    assert!(
        html.contains("<title>Delrapport: Uppföljning av medborgarlöften 2019</title>"),
        "{}",
        &html[..400]
    );
    // The final follow-up is its own, later, and the second interim its own.
    assert!(!env.path("data/reports/uppfoljning-2019.pdf").exists());
    let out = once(&env, "2019-10-01 09:00");
    assert!(out.contains("report:2019/interim-2019-10-01 slot 2019-10-01 08:00 CEST  ok"), "{out}");
    assert_eq!(interims(&env).len(), 2);
    once(&env, "2020-02-03 09:00");
    assert_eq!(report_mails(&env).len(), 1, "the follow-up itself");
}

#[test]
fn interim_dates_are_checked() {
    let refused = |to: &str, expected: &str| {
        let env = Env::new();
        env.edit_config(
            "cc = [\"lpo-chef\", \"kommunalrad\"]\n",
            &format!("cc = [\"lpo-chef\", \"kommunalrad\"]\n{to}"),
        );
        let out = env.run(&["check"]);
        assert_eq!(out.code, 78, "{to}: {}", out.stdout);
        assert!(out.stderr.contains(expected), "{to}: {}", out.stderr);
    };
    refused(
        "\n[[period.interim]]\ndate = 2019-01-01\n",
        "the interim date 2019-01-01 must be after the period's first day (2019-01-01) and at most the day after its last (2019-12-31)",
    );
    refused("\n[[period.interim]]\ndate = 2020-01-02\n", "the interim date 2020-01-02 must be after");
    refused(
        "\n[[period.interim]]\ndate = 2019-07-01\n\n[[period.interim]]\ndate = 2019-04-01\n",
        "the interim date 2019-04-01 must come after 2019-07-01",
    );
    refused(
        "\n[[period.interim]]\ndate = 2019-07-01\n\n[[period.interim]]\ndate = 2019-07-01\n",
        "the interim date 2019-07-01 is given twice",
    );
    let env = Env::new();
    env.edit_config("[period.report]\ndate = 2020-02-01\nto = [\"bra-ordforande\"]\ncc = [\"lpo-chef\", \"kommunalrad\"]\n", "[[period.interim]]\ndate = 2019-07-01\n");
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78, "{}", out.stdout);
    assert!(
        out.stderr.contains(
            "[[period.interim]] is mailed to the follow-up's recipients; give them in [period.report]"
        ),
        "{}",
        out.stderr
    );
}
