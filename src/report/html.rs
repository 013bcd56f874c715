//! A [`Document`] as one self-contained HTML file: the page and its style from
//! `templates/report/page.html.hbs` (compiled in), the blocks as HTML elements, charts as inline SVG.
//! No scripts, no external fonts or images: the file can be mailed, archived or published as is.
//!
//! Pure. Every text is escaped; machine-readable facts of a pledge are `data-*` attributes of its
//! `<section>` (e.g. `data-status="met" data-count="172"`).

use std::fmt::Write;

use handlebars::Handlebars;

use super::chart::{Anchor, Chart, Shape};
use super::doc::{Block, Document, Fact, Span, Style, Table, Tone};

const PAGE: &str = include_str!("../../templates/report/page.html.hbs");

/// Renders the document as HTML.
pub(crate) fn render(doc: &Document) -> String {
    let mut body = String::new();
    for b in &doc.blocks {
        block(&mut body, b);
    }
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    let data = serde_json::json!({
        "title": doc.title,
        "draft": doc.draft.as_ref().map(|d| &d.banner),
        "footer": doc.footer,
        "body": body,
    });
    // The page template is part of the program; `page_template_renders` proves it compiles.
    hb.render_template(PAGE, &data)
        .unwrap_or_else(|e| format!("<!-- template error: {} -->\n{body}", esc(&e.to_string())))
}

/// Text and attribute values escaped for HTML: `&`, `<`, `>`, `"` and `'`.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn block(out: &mut String, b: &Block) {
    match b {
        Block::Cover { title, subtitle, facts } => {
            let _ = write!(
                out,
                "<header class=\"cover\">\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
                esc(title),
                esc(subtitle)
            );
            if !facts.is_empty() {
                fact_list(out, facts);
            }
            out.push_str("</header>\n");
        }
        Block::Heading { level, text, id } => {
            let h = (level + 1).clamp(2, 6);
            let id = id.as_ref().map(|i| format!(" id=\"{}\"", esc(i))).unwrap_or_default();
            let _ = writeln!(out, "<h{h}{id}>{}</h{h}>", esc(text));
        }
        Block::Paragraph(spans) => {
            out.push_str("<p>");
            spans_html(out, spans);
            out.push_str("</p>\n");
        }
        Block::Quote(text) => {
            let _ = writeln!(out, "<blockquote>{}</blockquote>", esc(text));
        }
        Block::Facts(facts) => fact_list(out, facts),
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str("<li>");
                spans_html(out, item);
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(out, t),
        Block::Chart(c) => chart(out, c),
        Block::Section { id, class, data, blocks } => {
            let _ = write!(out, "<section id=\"{}\" class=\"{}\"", esc(id), esc(class));
            for (k, v) in data {
                let _ = write!(out, " data-{}=\"{}\"", esc(k), esc(v));
            }
            out.push_str(">\n");
            for b in blocks {
                block(out, b);
            }
            out.push_str("</section>\n");
        }
        Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
    }
}

fn fact_list(out: &mut String, facts: &[Fact]) {
    out.push_str("<dl class=\"facts\">\n");
    for f in facts {
        let _ = write!(out, "<dt>{}</dt><dd>", esc(&f.label));
        spans_html(out, &f.value);
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
}

fn spans_html(out: &mut String, spans: &[Span]) {
    for s in spans {
        let t = esc(&s.text);
        let _ = match s.style {
            Style::Normal => write!(out, "{t}"),
            Style::Strong => write!(out, "<strong>{t}</strong>"),
            Style::Emphasis => write!(out, "<em>{t}</em>"),
            Style::Badge(tone) => write!(out, "<span class=\"badge {}\">{t}</span>", tone_class(tone)),
        };
    }
}

fn tone_class(t: Tone) -> &'static str {
    match t {
        Tone::Good => "good",
        Tone::Partial => "partial",
        Tone::Bad => "bad",
        Tone::Neutral => "neutral",
    }
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "<table class=\"{}\">", esc(t.class));
    out.push_str("<thead><tr>");
    for c in &t.columns {
        let class = if c.numeric { " class=\"num\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(&c.title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let numeric = t.columns.get(i).is_some_and(|c| c.numeric);
            let class = if numeric { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", esc(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A number for SVG: at most two decimals, no trailing zeros.
fn n(x: f32) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_owned() }
}

fn chart(out: &mut String, c: &Chart) {
    let _ = writeln!(
        out,
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{d}\" font-family=\"Carlito, Calibri, Arial, sans-serif\"><title>{d}</title>",
        n(c.width),
        n(c.height),
        d = esc(&c.description)
    );
    for s in &c.shapes {
        match s {
            Shape::Line { points, color, width, dashed } => {
                let pts: Vec<String> = points.iter().map(|(x, y)| format!("{},{}", n(*x), n(*y))).collect();
                let dash = if *dashed { " stroke-dasharray=\"4 3\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
                    pts.join(" "),
                    color.hex(),
                    n(*width)
                );
            }
            Shape::Rect { x, y, w, h, fill, stroke } => {
                let fill = fill.map_or("none".to_owned(), |c| c.hex());
                let stroke = stroke
                    .map(|c| format!(" stroke=\"{}\" stroke-width=\"0.5\"", c.hex()))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"{stroke}/>",
                    n(*x),
                    n(*y),
                    n(*w),
                    n(*h)
                );
            }
            Shape::Text { x, y, text, size, anchor, color, bold } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"{}\"{weight}>{}</text>",
                    n(*x),
                    n(*y),
                    n(*size),
                    color.hex(),
                    esc(text)
                );
            }
        }
    }
    out.push_str("</svg></figure>\n");
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::report::chart::Rgb;
    use crate::report::doc::Column;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            title: "Uppföljning <2019>".into(),
            date: NaiveDate::from_ymd_opt(2020, 2, 3).unwrap(),
            authors: vec!["Kalix kommun".into()],
            draft: Some(super::super::doc::Draft { banner: "UTKAST & läge".into(), mark: "UTKAST".into() }),
            footer: "Sidfot".into(),
            leaflet: false,
            blocks,
        }
    }

    #[test]
    fn page_template_renders_and_everything_is_escaped() {
        let html = render(&doc(vec![
            Block::Cover {
                title: "Å <b>".into(),
                subtitle: "x & y".into(),
                facts: vec![Fact::plain("Till", "\"Åsa\"")],
            },
            Block::Section {
                id: "p1".into(),
                class: "pledge",
                data: vec![("status", "met".into()), ("count", "5".into())],
                blocks: vec![
                    Block::Paragraph(vec![Span::badge("Uppfyllt", Tone::Good), Span::plain(" <script>")]),
                    Block::Table(Table {
                        class: "activities",
                        columns: vec![Column::text("Plats", 1), Column::number("Antal", 1)],
                        rows: vec![vec!["<Torget>".into(), "2".into()]],
                    }),
                    Block::Chart(Chart {
                        width: 100.0,
                        height: 50.0,
                        description: "Diagram <x>".into(),
                        shapes: vec![Shape::Text {
                            x: 1.0,
                            y: 2.5,
                            text: "Mål <3>".into(),
                            size: 8.0,
                            anchor: Anchor::End,
                            color: Rgb(1, 2, 3),
                            bold: true,
                        }],
                    }),
                ],
            },
        ]));
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains("<title>Uppföljning &lt;2019&gt;</title>"), "{html}");
        assert!(html.contains("<p class=\"draft\">UTKAST &amp; läge</p>"), "{html}");
        assert!(html.contains("<h1>Å &lt;b&gt;</h1>") && html.contains("&quot;Åsa&quot;"), "{html}");
        assert!(
            html.contains("<section id=\"p1\" class=\"pledge\" data-status=\"met\" data-count=\"5\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"badge good\">Uppfyllt</span> &lt;script&gt;"), "{html}");
        assert!(html.contains("<td>&lt;Torget&gt;</td><td class=\"num\">2</td>"), "{html}");
        assert!(
            html.contains("text-anchor=\"end\" fill=\"#010203\" font-weight=\"bold\">Mål &lt;3&gt;</text>"),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }
}
