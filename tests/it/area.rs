//! A police area in one install: the sample area (`examples/polisomrade`) of Kalix (as shipped),
//! Haparanda 2020–2022 and Överkalix 2019, each with its own people, periods and report day, the
//! police's log of all three told apart by its Kommun column, and one own log each.

use serde_json::Value as Json;

use crate::support::Env;

/// `(id, count, target, status)` of each pledge in a `status --json` document.
fn figures(status: &Json) -> Vec<(String, Json, Json, Json)> {
    status["pledges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["count"].clone(),
                p["target"].clone(),
                p["status"].clone(),
            )
        })
        .collect()
}

#[test]
fn kalix_in_the_police_area_has_the_figures_of_kalix_alone() {
    let alone = Env::new();
    alone.sample().ingest();
    let area = Env::area();
    area.ingest();
    for day in ["2019-06-30", "2019-12-31"] {
        let a = area.status_json(&["-m", "kalix", "--as-of", day]);
        let k = alone.status_json(&["--as-of", day]);
        assert_eq!(figures(&a), figures(&k), "{day}");
        assert!(a["pledges"].as_array().unwrap().iter().all(|p| p["municipality"] == "kalix"));
        assert_eq!(a["municipality"], "Kalix kommun");
    }
}

#[test]
fn the_kommun_column_sends_each_row_to_its_municipality_and_names_the_rows_it_cannot() {
    let env = Env::area();
    let report = env.ingest();
    assert!(report["files"].as_array().unwrap().iter().all(|f| f["status"] == "new"), "{report:#}");
    // The text says what each municipality got, and the rows that name none.
    let text = env.run(&["ingest"]);
    let lines: Vec<String> =
        text.stdout.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    for line in [
        "Kalix kommun 98 activities, 3 row errors",
        "Haparanda kommun 234 activities, 0 row errors",
        "Överkalix kommun 88 activities, 0 row errors",
        "no municipality 0 activities, 1 row error",
    ] {
        assert!(lines.iter().any(|l| l == line), "{line}: {}", text.stdout);
    }
    let problems = env.problems();
    assert!(
        problems.iter().any(|p| p.contains("Kommunen \"Kalx\" finns inte i polisområdet. Menade du Kalix?")),
        "{problems:#?}"
    );
    assert!(problems.iter().any(|p| p.contains("Kommun saknas.")), "{problems:#?}");
    // Each municipality's figures are of its own rows: Överkalix counts its police rows of 2019,
    // Haparanda its rows of 2020, and neither the other's.
    let all = env.status_json(&["--as-of", "2020-12-31"]);
    let of = |m: &str, id: &str| {
        all["pledges"].as_array().unwrap().iter().find(|p| p["municipality"] == m && p["id"] == id).cloned()
    };
    assert_eq!(of("overkalix", "medborgarkontakter").unwrap()["count"], 63);
    assert_eq!(of("kalix", "medborgarkontakter").unwrap()["count"], 172);
    assert_eq!(of("haparanda", "fotpatrullering").unwrap()["count"], 39);
    assert_eq!(all["municipality"], "Lokalpolisområde Östra Norrbotten");
    // The table: a heading each.
    let table = env.run(&["status", "--as-of", "2020-12-31"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    for heading in
        ["Kalix kommun: status as of", "Haparanda kommun: status as of", "Överkalix kommun: status as of"]
    {
        assert_eq!(table.stdout.matches(heading).count(), 1, "{}", table.stdout);
    }
    // A pledge id two municipalities have is explained for the one named.
    let which = env.run(&["explain", "medborgarkontakter", "--as-of", "2019-12-31"]);
    assert_eq!(which.code, 64, "{}", which.stderr);
    assert!(
        which.stderr.contains("kalix, overkalix") && which.stderr.contains("--municipality"),
        "{}",
        which.stderr
    );
    let explained = env.run(&["explain", "-m", "overkalix", "medborgarkontakter", "--as-of", "2019-12-31"]);
    assert_eq!(explained.code, 0, "{}", explained.stderr);
    assert!(!explained.stdout.contains("kalix/"), "{}", explained.stdout);
    // A municipality may be named as people write it.
    named_as_people_write_it(&env);
    let unknown = env.run(&["status", "-m", "pajala"]);
    assert_eq!(unknown.code, 64);
    assert!(unknown.stderr.contains("expected one of: kalix, haparanda, overkalix"), "{}", unknown.stderr);
}

#[test]
fn the_keeper_of_the_police_log_is_told_its_rows_to_mend_each_under_its_municipality() {
    let env = Env::area();
    let out = env.run(&["once", "--now", "2019-01-01 08:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails = env.mails();
    let jonas: Vec<&String> = mails.iter().filter(|m| m.contains("To: Jonas Berg")).collect();
    assert_eq!(jonas.len(), 1, "{jonas:#?}");
    let text = jonas[0];
    assert!(
        text.contains("Subject: Medborgarlöften Lokalpolisområde Östra Norrbotten: Att rätta i loggarna (2)"),
        "{text}"
    );
    let part = |heading: &str| text.find(&format!("==== {heading}")).expect(text);
    let kalix =
        part("Kalix kommun – Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 3 rader");
    let own = part(
        "Lokalpolisområde Östra Norrbotten – Att rätta i aktivitetsloggen från Lokalpolisområde Östra Norrbotten: 1 rad",
    );
    let row = |n: u32| text.find(&format!("bladet \"Logg\", rad {n}:")).expect(text);
    // Kalix's rows under Kalix (the Kalx row is Kalix's by its nearest name), the row that names
    // no municipality under the area's own.
    for n in [28, 66, 112] {
        assert!(kalix < row(n) && row(n) < own, "row {n}: {text}");
    }
    assert!(own < row(141), "{text}");
    assert!(text.contains("Kommun saknas."), "{text}");
    assert!(text.ends_with("pledgewatch, Lokalpolisområde Östra Norrbotten\n"), "{text}");
    // Told once: the next pass has nothing for him.
    env.run(&["once", "--now", "2019-01-02 08:00"]);
    assert_eq!(env.mails().iter().filter(|m| m.contains("To: Jonas Berg")).count(), 1);
}

/// `status -m` of Överkalix, named as people write it: by its name, its id in capitals, without
/// "kommun".
fn named_as_people_write_it(env: &Env) {
    for given in ["Överkalix kommun", "OVERKALIX", "Överkalix"] {
        let named = env.status_json(&["-m", given, "--as-of", "2019-12-31"]);
        let of: Vec<&Json> =
            named["pledges"].as_array().unwrap().iter().map(|p| &p["municipality"]).collect();
        assert!(!of.is_empty() && of.iter().all(|m| *m == "overkalix"), "{given}: {of:?}");
    }
}

/// The line of an ingest report (`ingest --json`) about the file at `path`.
fn file(report: &Json, path: &str) -> Json {
    report["files"].as_array().unwrap().iter().find(|f| f["path"] == path).cloned().expect(path)
}

#[test]
fn a_log_in_two_municipalities_folders_counts_for_the_first_and_the_other_is_told() {
    let env = Env::area();
    let kalix_log = "data/inbox/kalix/kommunen-aktivitetslogg-2019.ods";
    env.ingest();
    let before = figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"]));
    env.write("data/inbox/haparanda/kalix-logg.ods", &std::fs::read(env.path(kalix_log)).unwrap());
    let report = env.ingest();
    let copy = file(&report, "data/inbox/haparanda/kalix-logg.ods");
    assert_eq!(copy["status"], "refused", "{copy:#}");
    assert!(
        copy["refusal"].as_str().unwrap().contains(
            "Samma fil ligger i mappen för Kalix kommun (data/inbox/kalix/kommunen-aktivitetslogg-2019.ods) och räknas där"
        ),
        "{copy:#}"
    );
    assert_eq!(figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"])), before);
    // Haparanda's keeper is told, in Haparanda's mail.
    env.run(&["once", "--now", "2020-02-03 08:00"]);
    let told: Vec<String> = env
        .mails()
        .into_iter()
        .filter(|m| m.contains("Att rätta i") && m.contains("Samma fil ligger i mappen för Kalix kommun"))
        .collect();
    assert_eq!(told.len(), 1, "{told:#?}");
    // The logs were read today, the mails written for a day past: none says a log changed after it.
    let digests: String = env.mails().into_iter().filter(|m| m.contains("veckoöversikt")).collect();
    let changed: Vec<&str> = digests.split("senast ändrad ").skip(1).map(|t| &t[..10]).collect();
    assert!(!changed.is_empty() && changed.iter().all(|d| *d <= "2020-02-03"), "{changed:?}");
    assert!(
        told[0].contains("To: Anna Lahti") && told[0].contains("Annars: ta bort den här."),
        "{}",
        told[0]
    );
    // Taken out of Kalix's folder, the log is Haparanda's: read again as Haparanda's.
    std::fs::remove_file(env.path(kalix_log)).unwrap();
    let moved = file(&env.ingest(), "data/inbox/haparanda/kalix-logg.ods");
    assert_eq!(moved["status"], "reread", "{moved:#}");
    assert_eq!(moved["moved_from"], kalix_log, "{moved:#}");
    assert!(moved["rows_read"].as_u64().unwrap() > 0, "{moved:#}");
    // Kalix no longer counts the rows of its own log (they are Haparanda's now).
    assert_ne!(figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"])), before);
}

#[test]
fn a_broken_comments_file_of_a_municipality_is_told_to_the_keepers_of_its_own_logs() {
    let env = Env::area();
    env.write("data/kommentarer-kalix.toml", b"[2019]\nhundsok = \"Ett sok stalldes in\"\n");
    let out = env.run(&["once", "--now", "2020-02-03 09:00"]);
    assert!(out.stdout.contains("report:kalix/2019"), "{}", out.stdout);
    let told: Vec<String> =
        env.mails().into_iter().filter(|m| m.contains("väntar: fel i kommentarsfilen")).collect();
    // Kalix's coordinator keeps Kalix's log and its comments; the kommunpolis keeps the police's
    // log of every municipality, not their comments.
    assert_eq!(told.len(), 1, "{told:#?}");
    assert!(told[0].contains("To: Sara Nilsson"), "{}", told[0]);
    assert!(told[0].contains("kommentarer-kalix.toml"), "{}", told[0]);
    // Its subject says whose it is, as every mail of one municipality in a police area does.
    assert!(
        told[0].contains("Subject: Uppföljningen 2019 väntar: fel i kommentarsfilen – Kalix kommun"),
        "{}",
        told[0]
    );
}

#[test]
fn a_correction_in_a_police_area_names_its_municipality_and_report_makes_the_corrected_version() {
    let env = Env::area();
    env.run(&["once", "--now", "2020-02-03 09:00"]);
    // A week after Kalix's follow-up, a search done in November is logged in Kalix's folder.
    env.log("data/inbox/kalix/tillagg-hundsok.xlsx", &[("2019-11-20", "Hundsök skola", 1)]);
    env.run(&["once", "--now", "2020-02-10 07:00"]);
    let corrections: Vec<String> =
        env.mails().into_iter().filter(|m| m.contains("Subject: Rättelse: uppföljningen")).collect();
    assert!(!corrections.is_empty());
    let coordinator =
        corrections.iter().find(|m| m.contains("To: Sara Nilsson")).expect("to the coordinator");
    assert!(coordinator.contains("pledgewatch report -m kalix --period 2019 --out <mapp>"), "{coordinator}");
    // Kalix has no period after 2019: its coordinator is told to add one in Kalix's own file.
    let no_period: Vec<String> = env
        .mails()
        .into_iter()
        .filter(|m| m.contains("ingen löftesperiod pågår") && m.contains("To: Sara Nilsson"))
        .collect();
    assert_eq!(no_period.len(), 1, "{no_period:#?}");
    assert!(
        no_period[0].contains("kommuner/kalix.toml")
            && no_period[0].contains("uppföljningen skickades den 3 februari 2020"),
        "{}",
        no_period[0]
    );
    let out = env.run_at(
        "2020-02-12T10:00:00+01:00",
        &["report", "-m", "kalix", "--period", "2019", "--out", "rattad"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Follow-up of Kalix kommun, period 2019:"), "{}", out.stdout);
    let html = std::fs::read_to_string(env.path("rattad/uppfoljning-kalix-2019.html")).unwrap();
    assert!(
        html.contains("Rättad version")
            && html.contains("Ersätter uppföljningen som skickades den 3 februari 2020"),
        "the corrected version says what it is"
    );
}

#[test]
fn a_log_new_in_two_municipalities_folders_at_once_counts_in_neither_until_one_is_taken_out() {
    let env = Env::area();
    let kalix_log = "data/inbox/kalix/kommunen-aktivitetslogg-2019.ods";
    let copy = "data/inbox/haparanda/kalix-logg.ods";
    env.write(copy, &std::fs::read(env.path(kalix_log)).unwrap());
    let report = env.ingest();
    for (path, other) in [(kalix_log, "Haparanda kommun"), (copy, "Kalix kommun")] {
        let f = file(&report, path);
        assert_eq!(f["status"], "refused", "{f:#}");
        let said = f["refusal"].as_str().unwrap();
        assert!(
            said.contains(&format!("Samma fil ligger också i mappen för {other}"))
                && said.contains("så den räknas inte i någon av dem"),
            "{said}"
        );
    }
    // Neither municipality counts the rows: Kalix's figures are of the police's log alone (its own
    // log is awaited), and Haparanda's are its own.
    let alone = Env::new();
    alone.sample().ingest();
    let kalix_alone = figures(&alone.status_json(&["--as-of", "2019-12-31"]));
    assert_ne!(figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"])), kalix_alone);
    let clean = Env::area();
    clean.ingest();
    assert_eq!(
        figures(&env.status_json(&["-m", "haparanda", "--as-of", "2020-12-31"])),
        figures(&clean.status_json(&["-m", "haparanda", "--as-of", "2020-12-31"]))
    );
    // Each keeper is told, in their own municipality's mail.
    env.run(&["once", "--now", "2020-01-13 08:00"]);
    let told: Vec<String> =
        env.mails().into_iter().filter(|m| m.contains("Samma fil ligger också i mappen för")).collect();
    let to: Vec<bool> = ["To: Sara Nilsson", "To: Anna Lahti"]
        .iter()
        .map(|who| told.iter().any(|m| m.contains(who) && m.contains("Att rätta i")))
        .collect();
    assert_eq!(to, [true, true], "{told:#?}");
    // Both saved again, alike (a synced folder): still neither counts, whichever is read first.
    let original = std::fs::read(env.path(kalix_log)).unwrap();
    env.log("scratch/saved.xlsx", &[("2019-05-06", "Trygghetsvandring", 1)]);
    let saved = std::fs::read(env.path("scratch/saved.xlsx")).unwrap();
    std::fs::remove_file(env.path("scratch/saved.xlsx")).unwrap();
    for bytes in [&saved, &original] {
        env.write(kalix_log, bytes).write(copy, bytes);
        let report = env.ingest();
        for path in [kalix_log, copy] {
            let f = file(&report, path);
            assert_eq!(f["status"], "refused", "{f:#}");
            assert!(f["refusal"].as_str().unwrap().contains("räknas inte i någon av dem"), "{f:#}");
        }
        assert_ne!(figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"])), kalix_alone);
    }
    // The copy is taken out of Haparanda's folder: Kalix's log counts, as Kalix's alone does.
    std::fs::remove_file(env.path(copy)).unwrap();
    let again = file(&env.ingest(), kalix_log);
    assert_eq!(again["status"], "reread", "{again:#}");
    assert_eq!(figures(&env.status_json(&["-m", "kalix", "--as-of", "2019-12-31"])), kalix_alone);
}

#[test]
fn check_notes_a_person_of_the_area_a_municipality_gives_another() {
    let env = Env::area();
    let file = env.path("kommuner/haparanda.toml");
    let text = std::fs::read_to_string(&file).unwrap()
        + "\n[[person]]\nid = \"kommunpolis\"\nname = \"Peter Ek\"\nemail = \"peter.ek@polisen.example\"\n";
    std::fs::write(&file, text).unwrap();
    let out = env.run(&["check"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(
            "note: person kommunpolis is Peter Ek here, in place of the police area's Jonas Berg: in Haparanda kommun the area's mails to kommunpolis go to Peter Ek"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("note: person kommunpolis").count(), 1, "{}", out.stdout);
}

#[test]
fn a_comment_on_a_police_pledge_goes_to_who_keeps_the_municipalitys_comments() {
    let env = Env::area();
    env.run(&["once", "--now", "2019-08-01 08:00"]);
    let lena: Vec<String> = env.mails().into_iter().filter(|m| m.contains("To: Lena Holmgren")).collect();
    let text =
        lena.iter().find(|m| m.contains("Insatser för trygghet på publika platser")).expect("the outcome");
    // The police's own pledge of Överkalix: its comment is written in Överkalix's file, by its
    // coordinator, not by the kommunpolis who keeps the police's log of every municipality.
    assert!(
        text.contains("Skicka en kommentar om varför till Johan Lindbäck (trygghetssamordnare, Överkalix kommun), som för in den"),
        "{text}"
    );
    assert!(!text.contains("kommentar om varför till Jonas Berg"), "{text}");
}

/// Words that belong to one municipality of the sample area: its name, and its people.
const OWN_WORDS: [(&str, &[&str]); 3] = [
    ("kalix", &["Kalix", "Sara Nilsson", "Per Öhman", "Åsa Lindqvist"]),
    ("haparanda", &["Haparanda", "Anna Lahti", "Mikael Berglund", "Eva Kangas"]),
    ("overkalix", &["Överkalix", "Johan Lindbäck", "Karin Wiklund", "Tomas Rova"]),
];

/// The municipalities whose words `text` holds ("Överkalix" holds "kalix" only in lower case).
fn named_in(text: &str) -> Vec<&'static str> {
    let masked = text.replace("Överkalix", "Ö-KALIX");
    OWN_WORDS
        .iter()
        .filter(|(id, words)| {
            words.iter().any(|w| if *id == "overkalix" { text.contains(w) } else { masked.contains(w) })
        })
        .map(|(id, _)| *id)
        .collect()
}

#[test]
fn each_person_gets_one_mail_a_pass_of_their_municipalities_and_nothing_of_the_others() {
    let env = Env::area();
    let out = env.run(&["once", "--now", "2020-02-03 08:00"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let mails = env.mails();
    let to = |who: &str| {
        mails.iter().filter(|m| m.lines().nth(1).is_some_and(|l| l.contains(who))).collect::<Vec<_>>()
    };
    // The LPO chief: one digest of the week, with a section per municipality, the pledges needing
    // attention first; one mail of the outcomes of Kalix and Överkalix.
    let lena = to("lena.holmgren@polisen.example");
    let digests: Vec<&&String> = lena.iter().filter(|m| m.contains("veckoöversikt")).collect();
    assert_eq!(digests.len(), 1, "{lena:#?}");
    let digest = digests[0];
    assert!(digest.contains("Subject: Medborgarlöften Lokalpolisområde Östra Norrbotten: veckoöversikt vecka 6, 2020, 3 kommuner"), "{digest}");
    assert!(
        digest.find("BEHÖVER UPPMÄRKSAMHET, I ALLA KOMMUNER")
            < digest.find("==== Medborgarlöften Kalix kommun"),
        "{digest}"
    );
    // The police log's row that names no municipality counts for none: the chief is told.
    assert!(
        digest.contains("I polisområdets gemensamma logg anger 1 rad ingen kommun i polisområdet; de räknas inte för någon kommun förrän kommunen är rättad."),
        "{digest}"
    );
    for section in [
        "==== Medborgarlöften Kalix kommun",
        "==== Medborgarlöften Haparanda kommun",
        "==== Medborgarlöften Överkalix kommun",
    ] {
        assert_eq!(digest.matches(section).count(), 1, "{digest}");
    }
    // Each kommunalråd: the digest of their own municipality only.
    for (who, own) in [
        ("per.ohman@kalix.example", "kalix"),
        ("mikael.berglund@haparanda.example", "haparanda"),
        ("karin.wiklund@overkalix.example", "overkalix"),
    ] {
        let theirs = to(who);
        assert!(!theirs.is_empty(), "no mail to {who}");
        for m in theirs {
            assert_eq!(named_in(m), [own], "{m}");
        }
    }
    // Every mail to someone of one municipality names that municipality alone.
    for (_, words) in OWN_WORDS {
        for person in &words[1..] {
            for m in mails.iter().filter(|m| m.lines().nth(1).is_some_and(|l| l.contains(person))) {
                let names = named_in(m);
                assert_eq!(names.len(), 1, "{person} got a mail naming {names:?}:\n{m}");
            }
        }
    }
    // The follow-up of Kalix 2019 went on Kalix's day, to Kalix's BRÅ chair, and names no other.
    let reports: Vec<&String> =
        mails.iter().filter(|m| m.contains("Subject: Uppföljning av medborgarlöften")).collect();
    assert_eq!(reports.len(), 1, "{reports:#?}");
    assert!(reports[0].contains("To: Åsa Lindqvist <asa.lindqvist@kalix.example>"), "{}", reports[0]);
    assert!(reports[0].contains("uppfoljning-kalix-2019.pdf"), "{}", reports[0]);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-kalix-2019.html")).unwrap();
    assert_eq!(named_in(&html), ["kalix"]);
    // The police's log holds the rows of every municipality: Kalix's follow-up counts Kalix's (75
    // of its 337).
    let listed =
        html.find("polisen-aktivitetslogg-2019-2022.xlsx</td><td>polisen</td>").expect("the files table");
    let row = &html[listed..listed + html[listed..].find("</tr>").unwrap()];
    assert!(row.contains(">75<") && !row.contains(">337<"), "{row}");
    // Once more: nothing new.
    let again = env.run(&["once", "--now", "2020-02-03 08:00"]);
    assert_eq!(again.code, 0);
    assert_eq!(env.mails().len(), mails.len());
}

#[test]
fn each_bra_chair_gets_their_own_follow_up_on_their_own_day() {
    let env = Env::area();
    let reports = |env: &Env| -> Vec<String> {
        env.mails().into_iter().filter(|m| m.contains("Subject: Uppföljning av medborgarlöften")).collect()
    };
    assert_eq!(env.run(&["once", "--now", "2020-02-03 08:00"]).code, 0);
    assert_eq!(reports(&env).len(), 1);
    assert_eq!(env.run(&["once", "--now", "2020-02-19 08:00"]).code, 0);
    assert_eq!(reports(&env).len(), 1, "Överkalix's day is the 20th");
    assert_eq!(env.run(&["once", "--now", "2020-02-20 08:00"]).code, 0);
    let sent = reports(&env);
    assert_eq!(sent.len(), 2);
    let overkalix: Vec<&String> =
        sent.iter().filter(|m| m.contains("To: Tomas Rova <tomas.rova@overkalix.example>")).collect();
    assert_eq!(overkalix.len(), 1, "{sent:#?}");
    assert_eq!(named_in(overkalix[0]), ["overkalix"], "{}", overkalix[0]);
    let html = std::fs::read_to_string(env.path("data/reports/uppfoljning-overkalix-2019.html")).unwrap();
    assert_eq!(named_in(&html), ["overkalix"]);
    assert_eq!(env.run(&["once", "--now", "2021-02-15 08:00"]).code, 0);
    let sent = reports(&env);
    assert_eq!(sent.len(), 3);
    let haparanda =
        sent.iter().find(|m| m.contains("To: Eva Kangas")).expect("Haparanda's follow-up of 2020");
    assert!(haparanda.contains("uppfoljning-haparanda-2020.pdf"), "{haparanda}");
    assert_eq!(named_in(haparanda), ["haparanda"], "{haparanda}");
}

/// Every decision of mail in the store, as `DAY KEY`, a merged mail's parts each under their own
/// key (and a data-quality key's hash of its problems as "…"), in the order decided.
fn decided(env: &Env) -> Vec<String> {
    let db = env.db();
    let mut stmt = db
        .prepare(
            "SELECT substr(o.created_at, 1, 10), o.key, o.id FROM outbox o WHERE o.kind != 'pledges'
             UNION ALL SELECT substr(o.created_at, 1, 10), k.key, o.id FROM outbox_keys k JOIN outbox o ON o.id = k.outbox_id
             ORDER BY 3, 2",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(|r| {
            let (day, key) = r.unwrap();
            let parts: Vec<&str> = key.split('/').collect();
            let key = match parts.iter().position(|p| *p == "data_quality") {
                Some(i) if parts.len() > i + 2 => {
                    let mut p = parts.clone();
                    p[i + 2] = "…";
                    p.join("/")
                }
                _ => key.clone(),
            };
            format!("{day} {key}")
        })
        .collect()
}

/// `notify` every morning of 2019.
fn a_year_of_mornings(env: &Env) {
    let mut day = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    while day.to_string().starts_with("2019") {
        let out = env.run_at(&format!("{day}T07:00:00+01:00"), &["notify", "--as-of", &day.to_string()]);
        assert_eq!(out.code, 0, "{day}: {}", out.stderr);
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn a_year_day_by_day_decides_for_kalix_what_kalix_alone_decides_and_one_digest_a_week_each() {
    let alone = Env::new();
    alone.sample().ingest();
    let area = Env::area();
    area.ingest();
    std::thread::scope(|s| {
        s.spawn(|| a_year_of_mornings(&alone));
        a_year_of_mornings(&area);
    });
    let kalix_alone: Vec<String> =
        decided(&alone).into_iter().filter(|d| !d.contains(" data_quality/")).collect();
    let in_area: Vec<String> = decided(&area);
    let kalix: Vec<String> = in_area
        .iter()
        .filter_map(|d| {
            let (day, key) = d.split_once(' ').unwrap();
            key.strip_prefix("kalix/").map(|k| format!("{day} {k}"))
        })
        .filter(|d| !d.contains(" data_quality/"))
        .collect();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(kalix), sorted(kalix_alone), "Kalix's decisions in the area are those of Kalix alone");
    // The mails of the year but the digests: each municipality's reminders and outcomes, and the
    // police log's rows to mend, Kalix's (31/2, Medborgarkontakr, Kalx) and the area's own (a row
    // without Kommun), told to the kommunpolis in one mail on the first morning.
    let not_digests: Vec<&String> = in_area.iter().filter(|d| !d.contains("/digest/")).collect();
    assert_eq!(
        not_digests,
        [
            "2019-01-01 data_quality/polisen/…/kommunpolis",
            "2019-01-01 kalix/data_quality/polisen/…/kommunpolis",
            "2019-01-04 kalix/reminder/medborgarkontakter/2019/lapse-1/lpo-chef",
            "2019-01-16 overkalix/reminder/trygghetsinsatser/2019/lapse-1/lpo-chef",
            "2019-02-15 kalix/reminder/trafiksakerhet/2019/lapse-1/lpo-chef",
            "2019-02-15 overkalix/reminder/trafiksakerhet/2019/lapse-1/lpo-chef",
            "2019-02-26 kalix/met/inbrott-skoter/2019/outcome/lpo-chef",
            "2019-03-27 overkalix/met/aktivitetsdag/2019/outcome/lpo-chef",
            "2019-03-27 overkalix/met/aktivitetsdag/2019/outcome/trygghetssamordnare",
            "2019-04-02 kalix/reminder/hundsok-skola/2019/lapse-1/lpo-chef",
            "2019-04-02 kalix/reminder/trygghetsvandringar/2019/lapse-1/lpo-chef",
            "2019-04-02 overkalix/reminder/narkotika/2019/lapse-1/lpo-chef",
            "2019-04-02 overkalix/reminder/riskkvallar/2019/lapse-1/lpo-chef",
            "2019-04-02 kalix/reminder/trygghetsvandringar/2019/lapse-1/trygghetssamordnare",
            "2019-05-16 overkalix/reminder/trygghetsinsatser/2019/lapse-2/lpo-chef",
            "2019-06-14 overkalix/met/riskkvallar/2019/outcome/lpo-chef",
            "2019-07-16 kalix/reminder/kommunikation/2019/lapse-1/lpo-chef",
            "2019-07-16 overkalix/reminder/trygghetsinsatser/2019/lapse-3/lpo-chef",
            "2019-07-16 kalix/reminder/kommunikation/2019/lapse-1/trygghetssamordnare",
            "2019-08-01 kalix/missed/kommunikation/2019/outcome/lpo-chef",
            "2019-08-01 overkalix/missed/trygghetsinsatser/2019/outcome/lpo-chef",
            "2019-08-01 kalix/missed/kommunikation/2019/outcome/trygghetssamordnare",
            "2019-08-16 kalix/reminder/grannsamverkan/2019/lapse-1/lpo-chef",
            "2019-08-16 kalix/reminder/grannsamverkan/2019/lapse-1/trygghetssamordnare",
            "2019-08-29 kalix/met/trafiksakerhet/2019/outcome/lpo-chef",
            "2019-09-20 kalix/met/narkotika/2019/outcome/lpo-chef",
            "2019-09-20 kalix/met/narkotika/2019/outcome/trygghetssamordnare",
            "2019-09-26 kalix/met/trygghetsvandringar/2019/outcome/lpo-chef",
            "2019-09-26 kalix/met/trygghetsvandringar/2019/outcome/trygghetssamordnare",
            "2019-10-01 kalix/reminder/hundsok-skola/2019/lapse-2/lpo-chef",
            "2019-10-01 overkalix/reminder/narkotika/2019/lapse-2/lpo-chef",
            "2019-10-03 kalix/met/grannsamverkan/2019/outcome/lpo-chef",
            "2019-10-03 kalix/met/grannsamverkan/2019/outcome/trygghetssamordnare",
            "2019-10-10 overkalix/met/narkotika/2019/outcome/lpo-chef",
            "2019-10-25 overkalix/met/medborgarkontakter/2019/outcome/lpo-chef",
            "2019-12-06 kalix/met/medborgarkontakter/2019/outcome/lpo-chef",
        ]
    );
    // Every decision carries its municipality, but the area's own notices about the shared log.
    for d in &in_area {
        let key = d.split_once(' ').unwrap().1;
        assert!(
            ["kalix/", "haparanda/", "overkalix/"].iter().any(|m| key.starts_with(m))
                || key.starts_with("data_quality/polisen/"),
            "{d}"
        );
    }
    // The LPO chief: one mail of digests a week (53 ISO weeks touch 2019), each of the three; the
    // kommunalråd of each: 53 digests of their own.
    let mails = area.mails();
    let to = |who: &str| -> Vec<&String> {
        mails.iter().filter(|m| m.lines().nth(1).is_some_and(|l| l.contains(who))).collect()
    };
    let weekly: Vec<&String> = to("lena.holmgren@polisen.example")
        .into_iter()
        .filter(|m| m.contains("veckoöversikt vecka"))
        .collect();
    assert_eq!(weekly.len(), 53);
    assert!(weekly.iter().all(|m| m.contains("3 kommuner")), "each of the three");
    for (who, own) in [
        ("per.ohman@kalix.example", "kalix"),
        ("mikael.berglund@haparanda.example", "haparanda"),
        ("karin.wiklund@overkalix.example", "overkalix"),
    ] {
        let digests: Vec<&String> =
            to(who).into_iter().filter(|m| m.contains("veckoöversikt vecka")).collect();
        assert_eq!(digests.len(), 53, "{who}");
        for m in to(who) {
            assert_eq!(named_in(m), [own], "{m}");
        }
    }
}

/// Per municipality, the activities and row problems the store holds, and what its summary of
/// them says (`file_municipalities`): they must agree after every change.
fn summary_agrees(env: &Env) {
    let db = env.db();
    let q = |sql: &str| -> Vec<(String, i64)> {
        let mut stmt = db.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(
        q(
            "SELECT municipality, sum(activities) FROM file_municipalities GROUP BY 1 HAVING sum(activities) > 0 ORDER BY 1"
        ),
        q("SELECT municipality, count(*) FROM activities GROUP BY 1 ORDER BY 1")
    );
    assert_eq!(
        q(
            "SELECT municipality, sum(row_problems) FROM file_municipalities GROUP BY 1 HAVING sum(row_problems) > 0 ORDER BY 1"
        ),
        q("SELECT municipality, count(*) FROM problems WHERE level = 'row' GROUP BY 1 ORDER BY 1")
    );
}

#[test]
fn a_municipalitys_totals_follow_its_logs_as_they_change() {
    let env = Env::area();
    env.ingest();
    summary_agrees(&env);
    let before = env.run(&["status", "-m", "haparanda", "--as-of", "2020-12-31"]).stdout;
    // Haparanda's own log replaced by one of two rows, then a copy of it beside it, then gone.
    let own = "data/inbox/haparanda/haparanda-aktivitetslogg-2020-2022.xlsx";
    env.log(own, &[("2020-03-01", "Trygghetsvandring", 1), ("2020-03-02", "Okänd sak", 1)]);
    env.ingest();
    summary_agrees(&env);
    let after = env.run(&["status", "-m", "haparanda", "--as-of", "2020-12-31"]).stdout;
    assert_ne!(before, after);
    assert!(after.contains("1 row error in 1 file"), "{after}");
    std::fs::copy(env.path(own), env.path("data/inbox/haparanda/kopia.xlsx")).unwrap();
    env.ingest();
    summary_agrees(&env);
    env.remove("data/inbox/haparanda/kopia.xlsx");
    env.ingest();
    summary_agrees(&env);
}

#[test]
fn a_verb_about_one_municipality_reads_only_its_file() {
    let env = Env::area();
    env.ingest();
    // A mistake in Haparanda's file stops what reads it, not Kalix's status.
    let path = env.path("kommuner/haparanda.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("owners = [", "owners = [\"polisn\", ", 1)).unwrap();
    let kalix = env.run(&["status", "-m", "kalix", "--as-of", "2019-12-31"]);
    assert_eq!(kalix.code, 0, "{}", kalix.stderr);
    let all = env.run(&["status", "--as-of", "2019-12-31"]);
    assert_eq!(all.code, 78);
    assert!(
        all.stderr.contains("haparanda.toml:") && all.stderr.contains("unknown party \"polisn\""),
        "{}",
        all.stderr
    );
    assert_eq!(env.run(&["check"]).code, 78);
    // Named as people write it, Överkalix is found without reading the others' files.
    named_as_people_write_it(&env);
    // An id the area does not have lists every municipality, read or not.
    let unknown = env.run(&["status", "-m", "pajala"]);
    assert_eq!(unknown.code, 78, "the others' files are read then, and one is wrong: {}", unknown.stderr);
}
