//! Tests of the PDF renderer: layout invariants (content box, page breaks, repeated table headers,
//! headings kept with their text), determinism, robustness on odd input, and the text coming back
//! out of the PDF with `pdftotext`.

use std::process::Command;

use chrono::NaiveDate;

use super::fonts::Fonts;
use super::layout::{Item, Kind, Layout, Role};
use super::{lay_out, render, style};
use crate::report::chart::{Anchor, Chart, Rgb, Shape};
use crate::report::doc::{Block, Column, Document, Fact, Span, Table, Tone};

fn document(blocks: Vec<Block>) -> Document {
    Document {
        title: "Uppföljning av medborgarlöften 2019".into(),
        date: NaiveDate::from_ymd_opt(2019, 10, 14).unwrap(),
        authors: vec!["Kalix kommun".into(), "Lokalpolisområde Kalix".into()],
        draft: Some(crate::report::doc::Draft {
            banner: "Utkast – läge per 14 oktober 2019".into(),
            mark: "UTKAST".into(),
        }),
        footer: "Uppföljning av medborgarlöften 2019 · Kalix kommun".into(),
        leaflet: false,
        blocks,
    }
}

fn laid_out(doc: &Document) -> Layout {
    lay_out(doc, &Fonts::load().unwrap())
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const PLACES: [&str; 5] = ["Östra centrum", "Stationsområdet", "Näsbyskolan", "Sandskär", "Älvgatan"];

/// A year's progress towards a target: axes, a dashed pace line, a step line of the count so far.
fn progress_chart(done: &[u32], target: u32) -> Chart {
    let (width, height) = (480.0_f32, 190.0_f32);
    let (left, right, top, bottom) = (34.0_f32, 466.0_f32, 14.0_f32, 160.0_f32);
    let axis = Rgb(0x88, 0x90, 0x99);
    let max = target.max(done.iter().sum()).max(1) as f32;
    let y_of = |count: f32| bottom - (bottom - top) * count / max;
    let month_width = (right - left) / 12.0;
    let mut shapes = vec![
        Shape::Rect {
            x: left,
            y: top,
            w: right - left,
            h: bottom - top,
            fill: Some(Rgb(0xfa, 0xfb, 0xfc)),
            stroke: None,
        },
        Shape::Line {
            points: vec![(left, top), (left, bottom), (right, bottom)],
            color: axis,
            width: 0.8,
            dashed: false,
        },
        Shape::Line {
            points: vec![(left, bottom), (right, y_of(target as f32))],
            color: Rgb(0x99, 0x99, 0x99),
            width: 1.0,
            dashed: true,
        },
    ];
    for tick in 0..=target {
        if tick % 2 == 0 {
            shapes.push(Shape::Text {
                x: left - 6.0,
                y: y_of(tick as f32) + 3.0,
                text: tick.to_string(),
                size: 8.0,
                anchor: Anchor::End,
                color: axis,
                bold: false,
            });
        }
    }
    let mut points = vec![(left, bottom)];
    let mut sum = 0;
    for (month, &count) in done.iter().enumerate() {
        let x = left + month_width * (month as f32 + 1.0);
        let before = y_of(sum as f32);
        sum += count;
        points.push((x, before));
        points.push((x, y_of(sum as f32)));
    }
    shapes.push(Shape::Line { points, color: Rgb(0x1b, 0x3a, 0x66), width: 2.0, dashed: false });
    for (month, name) in MONTHS.iter().enumerate() {
        let x = left + month_width * (month as f32 + 0.5);
        shapes.push(Shape::Text {
            x,
            y: bottom + 14.0,
            text: (*name).into(),
            size: 8.0,
            anchor: Anchor::Middle,
            color: axis,
            bold: false,
        });
    }
    shapes.push(Shape::Text {
        x: right,
        y: y_of(target as f32) - 5.0,
        text: format!("Mål: {target}"),
        size: 9.0,
        anchor: Anchor::End,
        color: Rgb(0x55, 0x55, 0x55),
        bold: true,
    });
    shapes.push(Shape::Text {
        x: left + 4.0,
        y: bottom + 28.0,
        text: "Antal genomförda, ackumulerat".into(),
        size: 8.0,
        anchor: Anchor::Start,
        color: axis,
        bold: false,
    });
    Chart { width, height, description: "Genomförda trygghetsvandringar per månad".into(), shapes }
}

fn activities(rows: usize) -> Table {
    Table {
        class: "activities",
        columns: vec![
            Column::text("Datum", 3),
            Column::number("Antal", 2),
            Column::text("Plats", 5),
            Column::text("Samverkan", 6),
            Column::text("Källa", 5),
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    format!("2019-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                    (i % 7 + 1).to_string(),
                    PLACES[i % PLACES.len()].into(),
                    if i % 3 == 0 {
                        "Polis, kommun, Fältgruppen och föreningen Nattvandrarna i Kalix".into()
                    } else {
                        "Polis och kommun".into()
                    },
                    format!("aktiviteter-2019.xlsx, blad Vår, rad {}", i + 2),
                ]
            })
            .collect(),
    }
}

fn pledge_section(n: usize, name: &str, tone: Tone, verdict: &str, done: &[u32]) -> Block {
    let total: u32 = done.iter().sum();
    Block::Section {
        id: format!("lofte-{n}"),
        class: "pledge",
        data: vec![("status", verdict.to_lowercase())],
        blocks: vec![
            Block::Heading { level: 2, text: format!("{n}. {name}"), id: Some(format!("lofte-{n}")) },
            Block::Quote(format!(
                "Vi lovar att genomföra minst åtta {} under året, tillsammans med boende och föreningar i Östra och på Älvgatan.",
                name.to_lowercase()
            )),
            Block::Facts(vec![
                Fact::plain("Mål", "minst 8 under året"),
                Fact::plain("Genomfört", format!("{total} per den 14 oktober")),
                Fact {
                    label: "Läge".into(),
                    value: vec![
                        Span::badge(verdict, tone),
                        Span::plain(
                            " – takten räcker för att nå målet före årets slut om arbetet fortsätter som hittills.",
                        ),
                    ],
                },
                Fact::plain("Ansvariga", "Kommunpolis Åsa Öberg, trygghetssamordnare Märta Ängström"),
            ]),
            Block::Chart(progress_chart(done, 8)),
            Block::Paragraph(vec![
                Span::plain("Under våren genomfördes "),
                Span::strong("Trygghetsvandringar"),
                Span::plain(
                    " i Östra centrum och vid stationen. Deltagarna pekade ut mörka gångstråk; kommunen har sedan dess bytt belysning på tre platser. ",
                ),
                Span::emphasis(
                    "Uppföljningen bygger på de aktiviteter som polis och kommun har fört in i loggen.",
                ),
            ]),
            Block::List(vec![
                vec![Span::plain("Belysningen längs Älvgatan är utbytt.")],
                vec![
                    Span::plain("Nästa vandring: "),
                    Span::strong("november"),
                    Span::plain(
                        ", med skolans elevråd och föräldrar från årskurs sju till nio som vill vara med och se området kvällstid.",
                    ),
                ],
            ]),
        ],
    }
}

/// A realistic report: cover, summary with badges, three pledges, a 60-row activities table.
fn sample() -> Document {
    document(vec![
        Block::Cover {
            title: "Uppföljning av medborgarlöften 2019".into(),
            subtitle: "Kalix kommun och lokalpolisområde Kalix".into(),
            facts: vec![
                Fact::plain("Period", "1 januari – 31 december 2019"),
                Fact::plain("Läge per", "14 oktober 2019"),
                Fact::plain("Till", "Kommunstyrelsen, lokalpolisområdeschef, brottsförebyggande rådet"),
            ],
        },
        Block::Heading { level: 1, text: "Sammanfattning".into(), id: Some("sammanfattning".into()) },
        Block::Paragraph(vec![
            Span::plain("Av årets tre medborgarlöften är ett "),
            Span::badge("uppfyllt", Tone::Good),
            Span::plain(", ett "),
            Span::badge("på väg", Tone::Partial),
            Span::plain(" och ett "),
            Span::badge("inte uppfyllt", Tone::Bad),
            Span::plain(". Ett löfte saknar mätbart mål och bedöms därför inte ("),
            Span::badge("ej bedömt", Tone::Neutral),
            Span::plain(
                "). Sammanlagt har 61 aktiviteter förts in i loggen, varav 23 i samverkan mellan polis och kommun. Å ä ö Å Ä Ö.",
            ),
        ]),
        pledge_section(
            1,
            "Trygghetsvandringar",
            Tone::Good,
            "Uppfyllt",
            &[0, 1, 2, 1, 1, 0, 0, 1, 2, 1, 0, 0],
        ),
        pledge_section(
            2,
            "Ökad närvaro i Östra centrum",
            Tone::Partial,
            "På väg",
            &[0, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0],
        ),
        pledge_section(
            3,
            "Föräldravandringar",
            Tone::Bad,
            "Inte uppfyllt",
            &[0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0],
        ),
        Block::PageBreak,
        Block::Heading { level: 1, text: "Aktiviteter".into(), id: Some("aktiviteter".into()) },
        Block::Paragraph(vec![Span::plain(
            "Alla aktiviteter som räknats in i uppföljningen, i datumordning.",
        )]),
        Block::Table(activities(60)),
    ])
}

/// Every block kind, with odd input: empty strings, a very long word, characters the font lacks.
fn odd() -> Document {
    let long_word = "Trygghetsvandringsuppföljningsdokumentationsansvarig".repeat(12);
    let mut tall = activities(3);
    tall.rows[1][3] = "Polis och kommun ".repeat(400);
    document(vec![
        Block::Cover {
            title: String::new(),
            subtitle: long_word.clone(),
            facts: vec![Fact::plain("", ""), Fact::plain("Emoji", "😀 ✓ 中文 \t tab")],
        },
        Block::Heading { level: 0, text: String::new(), id: None },
        Block::Heading { level: 9, text: long_word.clone(), id: None },
        Block::Paragraph(vec![]),
        Block::Paragraph(vec![
            Span::plain(""),
            Span::strong(long_word.clone()),
            Span::badge("  ", Tone::Neutral),
        ]),
        Block::Quote(String::new()),
        Block::Paragraph(vec![Span::plain("Привет Γειά שלום مرحبا e\u{301} ﬁ \u{0}\u{7}\r\n ")]),
        Block::Facts(vec![]),
        Block::List(vec![vec![], vec![Span::plain(long_word)]]),
        Block::Table(Table {
            class: "empty",
            columns: vec![Column::text("Datum", 0), Column::number("Antal", 0)],
            rows: vec![],
        }),
        Block::Table(Table { class: "none", columns: vec![], rows: vec![vec!["x".into()]] }),
        Block::Table(Table {
            class: "ragged",
            columns: vec![Column::text("A", 1)],
            rows: vec![vec![], vec!["a".into(), "b".into()]],
        }),
        Block::Table(tall),
        Block::Chart(Chart { width: 0.0, height: f32::NAN, description: String::new(), shapes: vec![] }),
        Block::Chart(Chart {
            width: 10.0,
            height: 1000.0,
            description: String::new(),
            shapes: vec![
                Shape::Line {
                    points: vec![(0.0, f32::INFINITY)],
                    color: Rgb(0, 0, 0),
                    width: -1.0,
                    dashed: true,
                },
                Shape::Text {
                    x: 5.0,
                    y: 500.0,
                    text: String::new(),
                    size: 0.0,
                    anchor: Anchor::Middle,
                    color: Rgb(0, 0, 0),
                    bold: true,
                },
            ],
        }),
        Block::Section { id: String::new(), class: "", data: vec![], blocks: vec![] },
        Block::PageBreak,
        Block::PageBreak,
        Block::Heading { level: 2, text: "Sist".into(), id: None },
    ])
}

fn assert_inside_content_box(layout: &Layout) {
    let (left, top) = (style::CONTENT_LEFT - 0.01, style::CONTENT_TOP - 0.01);
    let (right, bottom) = (style::CONTENT_LEFT + style::CONTENT_W + 0.01, style::CONTENT_BOTTOM + 0.01);
    for (n, page) in layout.pages.iter().enumerate() {
        for item in &page.body {
            let (l, t, r, b) = item.bounds();
            assert!(
                l >= left && t >= top && r <= right && b <= bottom,
                "page {}: {item:?} is outside the content box",
                n + 1
            );
        }
        for item in &page.furniture {
            let (l, t, r, b) = item.bounds();
            assert!(
                l >= 0.0 && t >= 0.0 && r <= style::PAGE_W && b <= style::PAGE_H,
                "page {}: {item:?} is off the page",
                n + 1
            );
        }
    }
}

#[test]
fn the_error_can_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<super::PdfError>();
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = sample();
    let first = render(&doc).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(first, render(&doc).unwrap());
}

#[test]
fn the_document_id_follows_title_and_authors_not_content() {
    let id = |doc: &Document| {
        let bytes = render(doc).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let start = text.rfind("/ID[(").expect("a file id") + "/ID[(".len();
        text[start..].split(')').next().unwrap().to_owned()
    };
    let short = document(vec![Block::Paragraph(vec![Span::plain("Kort.")])]);
    let long = sample();
    assert_eq!(id(&short), id(&long));
    let mut other = sample();
    other.title = "Något annat".into();
    assert_ne!(id(&other), id(&long));
}

#[test]
fn the_metadata_carries_the_date_but_no_clock() {
    let text = String::from_utf8_lossy(&render(&sample()).unwrap()).into_owned();
    assert!(text.contains("D:20191014000000"), "creation date at midnight");
    assert!(text.contains("/Lang(sv)"), "language sv");
    assert!(!text.contains("/Producer"));
}

#[test]
fn every_block_kind_and_odd_input_render_without_panic() {
    for doc in [sample(), odd(), document(vec![])] {
        let bytes = render(&doc).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let layout = laid_out(&doc);
        assert!(!layout.pages.is_empty());
        assert_inside_content_box(&layout);
    }
}

#[test]
fn a_draftless_document_has_only_the_footer_in_the_margins() {
    let mut doc = sample();
    doc.draft = None;
    let layout = laid_out(&doc);
    for page in &layout.pages {
        assert_eq!(page.furniture.len(), 3);
        assert!(!page.furniture.iter().any(|item| matches!(item, Item::Watermark { .. })));
    }
}

#[test]
fn every_page_has_its_number_of_the_total_and_the_draft_banner() {
    let layout = laid_out(&sample());
    let total = layout.pages.len();
    assert!(total >= 3);
    for (i, page) in layout.pages.iter().enumerate() {
        let texts: Vec<&str> = page.furniture.iter().filter_map(Item::text).collect();
        assert!(texts.contains(&format!("sida {} av {total}", i + 1).as_str()), "{texts:?}");
        assert!(texts.contains(&"Uppföljning av medborgarlöften 2019 · Kalix kommun"));
        assert!(texts.contains(&"Utkast – läge per 14 oktober 2019"));
    }
}

#[test]
fn body_items_stay_in_the_content_box() {
    assert_inside_content_box(&laid_out(&sample()));
}

#[test]
fn a_long_table_spans_pages_with_its_header_on_each() {
    let doc =
        document(vec![Block::Paragraph(vec![Span::plain("Före tabellen.")]), Block::Table(activities(300))]);
    let layout = laid_out(&doc);
    assert!(layout.pages.len() >= 4, "{} pages", layout.pages.len());
    for (n, page) in layout.pages.iter().enumerate() {
        let first_table_slice = page
            .placed
            .iter()
            .find(|placed| matches!(placed.kind, Kind::TableHeader | Kind::TableRow))
            .unwrap();
        assert_eq!(first_table_slice.kind, Kind::TableHeader, "page {}", n + 1);
        let headers = page.placed.iter().filter(|placed| placed.kind == Kind::TableHeader).count();
        assert_eq!(headers, 1, "page {}", n + 1);
        let header_text = page.body.iter().filter_map(Item::text).filter(|text| *text == "Samverkan").count();
        assert_eq!(header_text, 1, "page {}", n + 1);
    }
    let rows: usize =
        layout.pages.iter().map(|page| page.placed.iter().filter(|p| p.kind == Kind::TableRow).count()).sum();
    assert_eq!(rows, 300);
    assert_inside_content_box(&layout);
}

#[test]
fn each_text_is_one_elements_content_in_order_and_a_repeated_header_is_decoration() {
    let doc =
        document(vec![Block::Paragraph(vec![Span::plain("Före tabellen.")]), Block::Table(activities(300))]);
    let layout = laid_out(&doc);
    let mut content = vec![0usize; layout.structure.len()];
    for page in &layout.pages {
        let mut end = 0;
        for tagged in &page.tags {
            assert!(tagged.items.start >= end && tagged.items.end <= page.body.len(), "in order, apart");
            assert!(tagged.node < layout.structure.len());
            content[tagged.node] += 1;
            end = tagged.items.end;
        }
        // Every glyph run in the body is some element's content, except the header repeated above
        // continued rows.
        let tagged = |i: usize| page.tags.iter().any(|tag| tag.items.contains(&i));
        let untagged: Vec<&str> = (0..page.body.len())
            .filter(|&i| !tagged(i))
            .filter_map(|i| page.body[i].text())
            .filter(|text| !text.is_empty())
            .collect();
        let continued = !std::ptr::eq(page, &layout.pages[0]);
        let expected: &[&str] =
            if continued { &["Datum", "Antal", "Plats", "Samverkan", "Källa"] } else { &[] };
        assert_eq!(untagged, expected);
    }
    let roles = |role: Role| layout.structure.iter().filter(|node| node.role == role).count();
    assert_eq!(roles(Role::HeaderCell), 5, "the header's cells once");
    assert_eq!(roles(Role::Row), 301);
    assert_eq!(roles(Role::Cell), 1500);
    // Each cell and the paragraph has its content once (no cell is empty here); a part comes after
    // the element it belongs to.
    for (i, (node, count)) in layout.structure.iter().zip(&content).enumerate() {
        if matches!(node.role, Role::Cell | Role::HeaderCell | Role::Paragraph) {
            assert_eq!(*count, 1, "{node:?}");
        }
        assert!(node.parent.is_none_or(|parent| parent < i));
    }
}

#[test]
fn a_thousand_row_table_and_a_row_taller_than_a_page_are_laid_out() {
    let mut table = activities(1000);
    table.rows[500][3] = "Polis och kommun ".repeat(2000);
    let layout = laid_out(&document(vec![Block::Table(table)]));
    assert!(layout.pages.len() > 20);
    assert_inside_content_box(&layout);
}

#[test]
fn an_empty_table_is_just_its_header() {
    let table = Table { class: "activities", columns: activities(0).columns, rows: vec![] };
    let layout = laid_out(&document(vec![Block::Table(table)]));
    assert_eq!(layout.pages.len(), 1);
    let kinds: Vec<Kind> = layout.pages[0].placed.iter().map(|placed| placed.kind).collect();
    assert_eq!(kinds, [Kind::TableHeader]);
}

#[test]
fn a_heading_is_never_the_last_thing_on_a_page() {
    // Paragraphs of varying length push headings to every position on the page.
    let mut blocks = Vec::new();
    for i in 0..120 {
        blocks.push(Block::Heading { level: (i % 3 + 1) as u8, text: format!("Rubrik {i}"), id: None });
        blocks.push(Block::Paragraph(vec![Span::plain(
            "Ord i en mening som fyller ut raden. ".repeat(i % 9 + 1),
        )]));
    }
    let layout = laid_out(&document(blocks));
    assert!(layout.pages.len() > 5);
    for (n, page) in layout.pages.iter().enumerate().rev().skip(1) {
        assert_ne!(page.placed.last().unwrap().kind, Kind::Heading, "page {}", n + 1);
    }
}

#[test]
fn a_table_row_is_never_alone_on_a_page() {
    // Paragraphs before the tables push their page breaks to every row.
    for fillers in 0..40 {
        let mut blocks = vec![Block::Paragraph(vec![Span::plain("En rad.")]); fillers];
        blocks.push(Block::Table(activities(40)));
        let layout = laid_out(&document(blocks));
        for (n, page) in layout.pages.iter().enumerate() {
            let rows = page.placed.iter().filter(|p| p.kind == Kind::TableRow).count();
            assert_ne!(rows, 1, "{fillers} paragraphs: page {} holds a single row", n + 1);
        }
    }
}

#[test]
fn a_section_chart_stays_with_its_heading_and_facts() {
    for fillers in 0..50 {
        let mut blocks = vec![Block::Paragraph(vec![Span::plain("En rad.")]); fillers];
        blocks.push(pledge_section(1, "Trygghetsvandringar", Tone::Good, "Uppfyllt", &[1, 2, 3]));
        let layout = laid_out(&document(blocks));
        let page_of = |kind: Kind| layout.pages.iter().position(|p| p.placed.iter().any(|x| x.kind == kind));
        assert_eq!(page_of(Kind::Heading), page_of(Kind::Chart), "{fillers} paragraphs before");
    }
}

#[test]
fn a_section_starts_a_new_page_when_less_than_a_third_is_left() {
    let section = Block::Section {
        id: "s".into(),
        class: "pledge",
        data: vec![],
        blocks: vec![
            Block::Heading { level: 2, text: "Nytt löfte".into(), id: None },
            Block::Paragraph(vec![Span::plain("Kort.")]),
        ],
    };
    let page_of_heading = |fillers: usize| {
        let mut blocks = vec![Block::Paragraph(vec![Span::plain("En rad.")]); fillers];
        blocks.push(section.clone());
        let layout = laid_out(&document(blocks));
        let page = layout
            .pages
            .iter()
            .position(|page| page.placed.iter().any(|placed| placed.kind == Kind::Heading))
            .unwrap();
        let top = layout.pages[page].placed.iter().find(|placed| placed.kind == Kind::Heading).unwrap().top;
        (page, top)
    };
    // 20 one-line paragraphs leave more than a third of the page: the section follows on the same page.
    let (page, top) = page_of_heading(20);
    assert_eq!(page, 0);
    assert!(style::CONTENT_BOTTOM - top > style::SECTION_MIN_SPACE);
    // 28 leave less: the section starts the next page, though it would fit.
    assert_eq!(page_of_heading(28), (1, style::CONTENT_TOP));
}

#[test]
fn headings_up_to_level_two_are_bookmarks() {
    let layout = laid_out(&sample());
    let marks: Vec<(u8, &str)> =
        layout.bookmarks.iter().map(|mark| (mark.level, mark.text.as_str())).collect();
    assert_eq!(marks[0], (1, "Sammanfattning"));
    assert_eq!(marks[1], (2, "1. Trygghetsvandringar"));
    assert_eq!(marks.len(), 5);
    assert!(layout.bookmarks.iter().all(|mark| mark.page < layout.pages.len()));
}

#[test]
fn a_chart_keeps_its_aspect_and_fits_the_width() {
    let layout = laid_out(&document(vec![Block::Chart(progress_chart(&[1; 12], 8))]));
    let placed = &layout.pages[0].placed[0];
    assert_eq!(placed.kind, Kind::Chart);
    assert!((placed.height - 190.0 * style::CONTENT_W / 480.0).abs() < 0.01);
}

/// Text from the PDF by `pdftotext -layout`; `None` when pdftotext is missing and the tests were told
/// to skip it.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    match Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
        Ok(output) => {
            assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
            Some(String::from_utf8(output.stdout).unwrap())
        }
        Err(error) if std::env::var_os("PLEDGEWATCH_SKIP_PDFTOTEXT").is_some() => {
            eprintln!("skipping: pdftotext: {error}");
            None
        }
        Err(error) => panic!(
            "pdftotext (poppler-utils) is needed to check the PDF's text: {error}; install it or set PLEDGEWATCH_SKIP_PDFTOTEXT=1"
        ),
    }
}

#[test]
fn the_text_comes_back_out_with_swedish_letters() {
    let Some(text) = pdftotext(&render(&sample()).unwrap()) else { return };
    for expected in [
        "Trygghetsvandringar",
        "Östra",
        "Å ä ö Å Ä Ö",
        "Uppföljning av medborgarlöften 2019",
        "Utkast – läge per 14 oktober 2019",
        "sida 1 av",
        "Ökad närvaro i Östra centrum",
        "Märta Ängström",
        "Samverkan",
        "Stationsområdet",
    ] {
        assert!(text.contains(expected), "{expected:?} is not in:\n{text}");
    }
    assert!(!text.contains("UTKAST"), "the watermark is drawn as outlines, not text");
}

#[test]
fn decomposed_letters_are_set_as_one() {
    // "Östra Gård" as macOS writes it: O + combining diaeresis, a + combining ring above.
    let doc = document(vec![Block::Paragraph(vec![Span::plain("O\u{308}stra Ga\u{30a}rd")])]);
    let Some(text) = pdftotext(&render(&doc).unwrap()) else { return };
    assert!(text.contains("Östra Gård"), "{text}");
}
