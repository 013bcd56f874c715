use std::path::{Path, PathBuf};

use super::*;
use crate::config::Job;

/// A police area's `config.toml`: the police, the LPO chief and the kommunpolis, the police's log.
const AREA: &str = r#"police_area = "Lokalpolisområde Östra Norrbotten"
timezone = "Europe/Stockholm"

[[municipality]]
id = "kalix"
config = "kommuner/kalix.toml"

[[municipality]]
id = "haparanda"
config = "kommuner/haparanda.toml"

[[party]]
id = "polisen"
name = "Lokalpolisområde Östra Norrbotten"
contacts = ["lpo-chef"]

[[person]]
id = "lpo-chef"
name = "Lena Holmgren"
email = "lena@polisen.example"

[[person]]
id = "kommunpolis"
name = "Jonas Berg"
email = "jonas@polisen.example"

[mail]
from = "pledgewatch@polisen.example"
transport = "dir"
digest_to = ["lpo-chef"]

[[source]]
name = "polisen"
dir = "data/inbox/polisen"
party = "polisen"
log_keeper = "kommunpolis"

[[activity]]
id = "medborgarkontakt"
name = "Medborgarkontakt"
"#;

/// A municipality's file: its name, people, own log, period, pledges.
fn member(name: &str, who: &str, folder: &str, period: (&str, &str, &str, &str)) -> String {
    let (id, start, end, report) = period;
    format!(
        r#"municipality = "{name}"

[[party]]
id = "kommunen"
name = "{name}"
contacts = ["samordnare"]

[[person]]
id = "samordnare"
name = "{who}"
email = "samordnare@{folder}.example"

[[person]]
id = "bra"
name = "BRÅ {name}"
email = "bra@{folder}.example"

[mail]
coordinator = "samordnare"
digest_to = ["samordnare"]

[[source]]
name = "{folder}"
dir = "../data/inbox/{folder}"
party = "kommunen"
log_keeper = "samordnare"

[[period]]
id = "{id}"
start = {start}
end = {end}
[period.report]
date = {report}
to = ["bra"]
cc = ["lpo-chef"]

[[activity]]
id = "trygghetsvandring"
name = "Trygghetsvandring"

[[pledge]]
id = "kontakter"
title = "Medborgarkontakter"
promise = "Minst en kontakt i veckan."
owners = ["polisen"]
activities = ["medborgarkontakt"]
rule = {{ kind = "rate", at_least = 1, per = "week" }}

[[pledge]]
id = "vandringar"
title = "Trygghetsvandringar"
promise = "Två vandringar."
owners = ["polisen", "kommunen"]
activities = ["trygghetsvandring"]
rule = {{ kind = "total", at_least = 2 }}
"#
    )
}

/// Writes an area in a temporary folder: `config.toml` and `kommuner/*.toml`, each changed by `edit`.
fn area(edit: impl Fn(&str, String) -> String) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("kommuner")).unwrap();
    let kalix =
        member("Kalix kommun", "Sara Nilsson", "kalix", ("2024", "2024-01-01", "2024-12-31", "2025-02-03"));
    let haparanda = member(
        "Haparanda stad",
        "Mikko Lahti",
        "haparanda",
        ("2020-2022", "2020-01-01", "2022-12-31", "2023-02-15"),
    );
    let files = [
        ("config.toml", AREA.to_owned()),
        ("kommuner/kalix.toml", kalix),
        ("kommuner/haparanda.toml", haparanda),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), edit(name, text)).unwrap();
    }
    let path = dir.path().join("config.toml");
    (dir, path)
}

fn errors_of(path: &Path) -> Vec<String> {
    let e = Install::load(path).expect_err("the area should be refused");
    let base = path.parent().unwrap();
    e.0.iter().map(|e| e.to_string().replace(&format!("{}/", base.display()), "")).collect()
}

#[test]
fn a_police_area_gives_each_municipality_its_own_config_with_what_the_area_shares() {
    let (_dir, path) = area(|_, t| t);
    let install = Install::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(install.is_area());
    let ids: Vec<String> = install.municipalities.iter().map(Config::id).collect();
    assert_eq!(ids, ["kalix", "haparanda"]);
    let kalix = install.municipality("kalix").unwrap();
    let haparanda = install.municipality("haparanda").unwrap();
    assert_eq!(kalix.municipality, "Kalix kommun");
    assert_eq!(haparanda.municipality, "Haparanda stad");
    // Its own people first, then the area's; its own digest recipient besides the area's.
    let people: Vec<&str> = haparanda.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(people, ["samordnare", "bra", "lpo-chef", "kommunpolis"]);
    assert_eq!(haparanda.person("samordnare").unwrap().name, "Mikko Lahti");
    assert_eq!(kalix.person("samordnare").unwrap().name, "Sara Nilsson");
    assert_eq!(haparanda.mail.digest_to, ["lpo-chef", "samordnare"]);
    assert_eq!(haparanda.mail.coordinator.as_deref(), Some("samordnare"));
    // The police's log first (shared, its rows say their municipality), then its own; a path in a
    // municipality's file is relative to that file.
    let sources: Vec<(&str, Option<&str>)> =
        haparanda.sources.iter().map(|s| (s.name.as_str(), s.municipality.as_deref())).collect();
    assert_eq!(sources, [("polisen", None), ("haparanda", Some("haparanda"))]);
    assert_eq!(haparanda.sources[1].dir, path.parent().unwrap().join("data/inbox/haparanda"));
    let all: Vec<&str> = install.sources().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(all, ["polisen", "kalix", "haparanda"]);
    // Each its own periods, follow-up and comments file; the area's store.
    assert_eq!(haparanda.periods.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["2020-2022"]);
    assert_eq!(haparanda.report.comments, path.parent().unwrap().join("data/kommentarer-haparanda.toml"));
    assert_eq!(haparanda.store_path(), kalix.store_path());
    let activities: Vec<&str> = haparanda.activities.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(activities, ["trygghetsvandring", "medborgarkontakt"]);
    // One ingest, reminders and digest job for the area, a follow-up job per municipality's period.
    let jobs: Vec<String> = install.jobs().iter().map(|j| j.job.name()).collect();
    assert_eq!(jobs, ["ingest", "reminders", "digest", "report:kalix/2024", "report:haparanda/2020-2022"]);
    let report = Job::Report { scope: Some("haparanda".into()), period: "2020-2022".into(), interim: None };
    assert!(haparanda.jobs.iter().any(|j| j.job == report));
    assert_eq!(haparanda.scoped("digest/2024-W02"), "haparanda/digest/2024-W02");
}

#[test]
fn a_municipality_alone_is_an_install_of_one_whose_keys_are_as_before() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    let install = Install::load(&path).unwrap();
    assert!(!install.is_area());
    assert_eq!(install.municipalities.len(), 1);
    let kalix = &install.municipalities[0];
    assert_eq!(kalix.id(), "kalix");
    assert_eq!(kalix.scoped("report/2019"), "report/2019");
    assert!(install.municipality("kalix").is_some());
    assert_eq!(install.jobs().len(), kalix.jobs.len());
}

#[test]
fn an_id_is_looked_up_in_the_municipality_first_then_in_the_area() {
    // Haparanda's own "lpo-chef" is not the area's: its file's definition is the one it uses.
    let (_dir, path) = area(|name, t| {
        if name.ends_with("haparanda.toml") {
            t + "\n[[person]]\nid = \"lpo-chef\"\nname = \"Tf. LPO-chef\"\nemail = \"tf@polisen.example\"\n"
        } else {
            t
        }
    });
    let install = Install::load(&path).unwrap();
    assert_eq!(install.municipality("haparanda").unwrap().person("lpo-chef").unwrap().name, "Tf. LPO-chef");
    assert_eq!(install.municipality("kalix").unwrap().person("lpo-chef").unwrap().name, "Lena Holmgren");
}

#[test]
fn errors_name_the_file_they_are_in_with_line_and_column() {
    let (_dir, path) = area(|name, t| match name {
        "kommuner/kalix.toml" => {
            "timezone = \"Europe/Stockholm\"\n".to_owned()
                + &t.replace("cc = [\"lpo-chef\"]", "cc = [\"lpo-chefen\"]")
        }
        "kommuner/haparanda.toml" => {
            t.replace("activities = [\"medborgarkontakt\"]", "activities = [\"kontakt\"]")
        }
        _ => t,
    });
    assert_eq!(
        errors_of(&path),
        [
            "kommuner/kalix.toml:1:12: timezone is shared by the police area: set it in the area's config.toml, not in a municipality's file",
            "kommuner/kalix.toml:36:7: unknown person \"lpo-chefen\"; expected one of the [[person]] ids: samordnare, bra, lpo-chef, kommunpolis",
            "kommuner/haparanda.toml:46:15: pledge counts activity \"kontakt\", which is not defined; expected one of: trygghetsvandring, medborgarkontakt",
        ]
    );
}

#[test]
fn what_the_area_and_a_municipality_each_hold_is_checked() {
    // The area's own mistakes first: its municipalities' files are read once it is valid.
    let (_dir, path) = area(|name, t| {
        if name == "config.toml" {
            t + "\n[[period]]\nid = \"2024\"\nstart = 2024-01-01\nend = 2024-12-31\n\n[[pledge]]\nid = \"narkotika\"\n\
                 title = \"N\"\npromise = \"x\"\nowners = [\"polisen\"]\nactivities = [\"narkotikainsats\"]\n\
                 rule = { kind = \"total\", at_least = 4 }\n\n[[occasion]]\nname = \"studenten\"\ndates = [2024-06-12]\n"
        } else {
            t
        }
    });
    assert_eq!(
        errors_of(&path),
        [
            "config.toml:43:6: in a police area, each municipality's file holds its own [[period]]; this config.toml holds only what the municipalities share",
            // Nothing follows from the pledge: its activity is not looked for here.
            "config.toml:48:6: in a police area, each municipality's file holds its own [[pledge]]; this config.toml holds only what the municipalities share",
            "config.toml:56:8: in a police area, each municipality's file holds its own [[occasion]]; this config.toml holds only what the municipalities share"
        ]
    );
    // A folder holds one municipality's logs; a file that cannot be read is named where it is named.
    let (_dir, path) = area(|name, t| match name {
        "config.toml" => t.replace("kommuner/haparanda.toml", "kommuner/pajala.toml"),
        "kommuner/kalix.toml" => t.replace("../data/inbox/kalix", "../data/inbox/polisen"),
        _ => t,
    });
    let errors = errors_of(&path);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("kommuner/kalix.toml:"), "{errors:#?}");
    assert!(
        errors[0].contains("is already the folder of source \"polisen\" of the police area"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("config.toml:10:10: cannot read the municipality's file ")
            && errors[1].contains("pajala.toml"),
        "{errors:#?}"
    );
}

#[test]
fn a_folder_and_a_file_belong_to_one_municipality() {
    let (_dir, path) = area(|name, t| match name {
        "kommuner/haparanda.toml" => t.replace("../data/inbox/haparanda", "../data/inbox/kalix"),
        _ => t,
    });
    assert_eq!(
        errors_of(&path),
        ["kommuner/haparanda.toml:24:7: folder \"../data/inbox/kalix\" is already the folder of source \"kalix\" of municipality \"kalix\" (MUNI/kalix.toml); a folder holds one municipality's logs"
            .replace("MUNI", &path.parent().unwrap().join("kommuner").display().to_string())
            .replace(&format!("{}/", path.parent().unwrap().display()), "")]
    );
    let (_dir, path) = area(|name, t| match name {
        "config.toml" => t.replace("kommuner/haparanda.toml", "kommuner/kalix.toml"),
        _ => t,
    });
    let errors = errors_of(&path);
    assert_eq!(
        errors[0],
        "config.toml:10:10: municipality \"haparanda\" names the file of municipality \"kalix\"; each municipality has a file of its own"
    );
}
