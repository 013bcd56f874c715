//! Charts as plain shapes in a fixed coordinate space: the HTML report draws them as inline SVG, the
//! PDF as vector graphics, from the same shapes.
//!
//! Coordinates are points in a `width` × `height` box, x to the right and y **down** (as in SVG and
//! krilla). A text's `y` is its baseline.

/// A chart: a box of shapes, with a description for screen readers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    /// Width of the box.
    pub(crate) width: f32,
    /// Height of the box.
    pub(crate) height: f32,
    /// What it shows, in words (SVG `<title>`, `aria-label`).
    pub(crate) description: String,
    /// Drawn in order: later shapes on top.
    pub(crate) shapes: Vec<Shape>,
}

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// `x` is the left end.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right end.
    End,
}

/// One shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// An open polyline.
    Line { points: Vec<(f32, f32)>, color: Rgb, width: f32, dashed: bool },
    /// A rectangle, filled and/or outlined.
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb> },
    /// One line of text.
    Text { x: f32, y: f32, text: String, size: f32, anchor: Anchor, color: Rgb, bold: bool },
}

use chrono::{Datelike, NaiveDate};

use super::doc::Tone;
use crate::messages::measure::number;
use crate::messages::report as words;
use crate::pledge::{Measure, SubPeriod};
use crate::rules::{CoverState, SubPeriodStanding};

const INK: Rgb = Rgb(0x33, 0x33, 0x33);
const GRID: Rgb = Rgb(0xdd, 0xdd, 0xdd);
const COUNT: Rgb = Rgb(0x1f, 0x5f, 0xa8);
const PACE: Rgb = Rgb(0x88, 0x88, 0x88);
const TARGET: Rgb = Tone::Partial.color();
const COVERED: Rgb = Rgb(0x2e, 0x7d, 0x32);
const MISSED: Rgb = Tone::Bad.color();
const OPEN: Rgb = Rgb(0xee, 0xee, 0xee);

/// The data of a cumulative chart: the period, what was done, the pace and the target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cumulative<'a> {
    /// The pledge's title, for the description.
    pub(crate) title: &'a str,
    /// First and last day of the period.
    pub(crate) start: NaiveDate,
    /// Last day of the period.
    pub(crate) end: NaiveDate,
    /// The line of what was done stops here (the as-of day, or the period's last day).
    pub(crate) until: NaiveDate,
    /// Counted activities: (date, Antal), in any order.
    pub(crate) done: Vec<(NaiveDate, u32)>,
    /// The pace: how many were expected by each day, at the days where its slope changes (the first
    /// and the last day at least); empty for a pledge without a target.
    pub(crate) pace: Vec<(NaiveDate, f64)>,
    /// The target, if any.
    pub(crate) target: Option<u32>,
    /// `done` is a pledge in parts' count toward its target, each part's taken up to its own.
    pub(crate) capped: bool,
    /// What `done`, `pace` and `target` count: activities, or hours in hundredths.
    pub(crate) measure: Measure,
}

const W: f32 = 500.0;
const LEFT: f32 = 34.0;
const RIGHT: f32 = 62.0;
const TOP: f32 = 12.0;
/// The highest baseline of a label beside the plot (a 9-point figure's top stays inside the chart).
const LABEL_TOP: f32 = 8.0;
/// How far apart the baselines of the count's and the target's labels are at least (9 and 8 points).
const LABEL_CLEARANCE: f32 = 11.0;
const PLOT_H: f32 = 150.0;

/// The cumulative count over the period against the pace line and the target.
pub(crate) fn cumulative(c: &Cumulative<'_>) -> Chart {
    let days = (c.end - c.start).num_days().max(1) as f32;
    let plot_w = W - LEFT - RIGHT;
    let x = |d: NaiveDate| LEFT + plot_w * ((d - c.start).num_days() as f32 / days).clamp(0.0, 1.0);
    let mut done = c.done.clone();
    done.sort();
    let total: u32 = done.iter().map(|(_, n)| n).sum();
    let top_value = c.target.map_or(0.0, |t| t as f64).max(total as f64).max(1.0);
    let step = nice_step(top_value);
    let y_max = (top_value / step).ceil() * step;
    let y = |v: f64| TOP + PLOT_H * (1.0 - (v / y_max) as f32);
    let mut shapes = Vec::new();
    // Horizontal grid and the y scale.
    let mut v = 0.0;
    while v <= y_max + 1e-9 {
        shapes.push(Shape::Line {
            points: vec![(LEFT, y(v)), (LEFT + plot_w, y(v))],
            color: GRID,
            width: 0.5,
            dashed: false,
        });
        let tick = match c.measure {
            Measure::Activities => format!("{v:.0}"),
            m => number(m, v.round() as u32),
        };
        shapes.push(text(LEFT - 4.0, y(v) + 3.0, &tick, 8.0, Anchor::End, INK, false));
        v += step;
    }
    month_axis(&mut shapes, c.start, c.end, &x, TOP + PLOT_H);
    if let Some(t) = c.target {
        let yt = y(t as f64);
        shapes.push(Shape::Line {
            points: vec![(LEFT, yt), (LEFT + plot_w, yt)],
            color: TARGET,
            width: 1.0,
            dashed: true,
        });
        shapes.push(text(
            LEFT + plot_w + 4.0,
            yt + 3.0,
            &words::chart_target(&number(c.measure, t)),
            8.0,
            Anchor::Start,
            TARGET,
            true,
        ));
    }
    if !c.pace.is_empty() {
        let points = c.pace.iter().map(|(d, v)| (x(*d), y(*v))).collect();
        shapes.push(Shape::Line { points, color: PACE, width: 1.2, dashed: true });
    }
    // What was done: a step up on each day with activities.
    let mut points = vec![(x(c.start), y(0.0))];
    let mut sum = 0u32;
    for (d, n) in done.iter().filter(|(d, _)| *d <= c.until) {
        points.push((x(*d), y(sum as f64)));
        sum += n;
        points.push((x(*d), y(sum as f64)));
    }
    points.push((x(c.until), y(sum as f64)));
    shapes.push(Shape::Line { points, color: COUNT, width: 2.0, dashed: false });
    // The count's label beside the line's end, moved clear of the target's label when they meet.
    let mut label_y = y(sum as f64) - 4.0;
    if let Some(t) = c.target {
        let target_y = y(t as f64) + 3.0;
        if x(c.until) + 30.0 > LEFT + plot_w && (label_y - target_y).abs() < LABEL_CLEARANCE {
            // Above the target's label when the count reached it and there is room, else below.
            let above = target_y - LABEL_CLEARANCE;
            label_y = if sum >= t && above >= LABEL_TOP { above } else { target_y + LABEL_CLEARANCE };
        }
    }
    let figure = number(c.measure, sum);
    shapes.push(text(x(c.until) + 4.0, label_y.max(LABEL_TOP), &figure, 9.0, Anchor::Start, COUNT, true));
    // Legend.
    let ly = TOP + PLOT_H + 34.0;
    cumulative_legend(&mut shapes, c, ly);
    Chart { width: W, height: ly + 8.0, description: words::chart_cumulative_description(c, sum), shapes }
}

/// The legend of a cumulative chart on the line at `ly`: what was done, and the pace if drawn.
fn cumulative_legend(shapes: &mut Vec<Shape>, c: &Cumulative<'_>, ly: f32) {
    let done = words::chart_done(c.capped);
    legend(shapes, LEFT, ly, COUNT, false, &done);
    if !c.pace.is_empty() {
        // Clear of the first entry's text (8 points, about 4,5 a character), however long.
        let after = 22.0 + 4.5 * done.chars().count() as f32 + 16.0;
        legend(shapes, LEFT + after.max(150.0), ly, PACE, true, &words::chart_pace());
    }
}

/// The days, weeks, months, quarters or terms of an ongoing pledge as a row of boxes: covered (green,
/// with the count), missed (red), not yet over (grey); `plural` names them (`månader`, `torsdagar`)
/// in the description.
pub(crate) fn sub_periods(
    title: &str,
    plural: &str,
    subs: &[SubPeriodStanding],
    measure: Measure,
    at_least: u32,
) -> Chart {
    let n = subs.len().max(1) as f32;
    let plot_w = W - LEFT - RIGHT;
    // 3 points between boxes, less when there are many (the 365 days of a pledge kept each day).
    let gap = (plot_w / n / 3.0).min(3.0);
    let bw = (plot_w - gap * (n - 1.0)) / n;
    let mut last_label: Option<f32> = None;
    let (top, h) = (TOP, 34.0);
    let spans_years = subs.first().map(|s| s.start.year()) != subs.last().map(|s| s.start.year());
    let mut shapes = Vec::new();
    for (i, s) in subs.iter().enumerate() {
        let x0 = LEFT + i as f32 * (bw + gap);
        let (fill, ink) = match s.state {
            CoverState::Covered => (COVERED, Rgb(0xff, 0xff, 0xff)),
            CoverState::Missed => (MISSED, Rgb(0xff, 0xff, 0xff)),
            CoverState::Open | CoverState::Upcoming => (OPEN, INK),
        };
        shapes.push(Shape::Rect { x: x0, y: top, w: bw, h, fill: Some(fill), stroke: None });
        // Boxes too narrow for a count (weeks) show their colour alone.
        if s.state != CoverState::Upcoming && bw >= 14.0 {
            shapes.push(text(
                x0 + bw / 2.0,
                top + h / 2.0 + 4.0,
                &number(measure, s.count),
                11.0,
                Anchor::Middle,
                ink,
                true,
            ));
        }
        // Under narrow boxes, a label every few, so they do not run together; days are labelled by
        // their month, under the first of each.
        let label = match s.each {
            SubPeriod::Day => (i == 0 || subs[i - 1].start.month() != s.start.month())
                .then(|| words::month_abbr(s.start.month()).to_owned()),
            SubPeriod::Occasion => s.occasion.clone(),
            _ => Some(words::sub_period_abbr(s.each, s.start)),
        };
        if let Some(label) = label.filter(|_| last_label.is_none_or(|x| x0 - x >= 24.0)) {
            shapes.push(text(x0 + bw / 2.0, top + h + 12.0, &label, 8.0, Anchor::Middle, INK, false));
            last_label = Some(x0);
        }
        // A period over two calendar years: the year under the first box of each.
        if spans_years && (i == 0 || subs[i - 1].start.year() != s.start.year()) {
            shapes.push(text(
                x0 + bw / 2.0,
                top + h + 22.0,
                &s.start.year().to_string(),
                7.0,
                Anchor::Middle,
                INK,
                false,
            ));
        }
    }
    let ly = top + h + if spans_years { 40.0 } else { 30.0 };
    states_legend(&mut shapes, subs, ly);
    let covered = subs.iter().filter(|s| s.state == CoverState::Covered).count();
    let reached = (measure == Measure::Hours).then(|| words::covered_with(measure, at_least));
    Chart {
        width: W,
        height: ly + 8.0,
        description: words::chart_sub_periods_description(
            title,
            covered,
            subs.len(),
            plural,
            reached.as_deref(),
        ),
        shapes,
    }
}

/// A legend entry for each state of `subs` shown, on the line at `ly`.
fn states_legend(shapes: &mut Vec<Shape>, subs: &[SubPeriodStanding], ly: f32) {
    let mut lx = LEFT;
    for (shown, color, label) in [
        (subs.iter().any(|s| s.state == CoverState::Covered), COVERED, words::chart_covered()),
        (subs.iter().any(|s| s.state == CoverState::Missed), MISSED, words::chart_missed()),
        (
            subs.iter().any(|s| matches!(s.state, CoverState::Open | CoverState::Upcoming)),
            OPEN,
            words::chart_open(
                subs.iter().any(|s| s.state == CoverState::Open),
                subs.iter().any(|s| s.state == CoverState::Upcoming),
            ),
        ),
    ] {
        if shown {
            legend_box(shapes, lx, ly, color, &label);
            lx += 110.0;
        }
    }
}

/// Ticks at the first of each month, each month's abbreviation under its middle (every third month
/// for periods longer than 18 months).
fn month_axis(
    shapes: &mut Vec<Shape>,
    start: NaiveDate,
    end: NaiveDate,
    x: &dyn Fn(NaiveDate) -> f32,
    base: f32,
) {
    shapes.push(Shape::Line {
        points: vec![(x(start), base), (x(end), base)],
        color: INK,
        width: 0.8,
        dashed: false,
    });
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
    let every = if months > 18 { 3 } else { 1 };
    let mut first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    let mut i = 0;
    while first <= end {
        let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(end);
        let (a, b) = (first.max(start), (next - chrono::Duration::days(1)).min(end));
        shapes.push(Shape::Line {
            points: vec![(x(a), base), (x(a), base + 3.0)],
            color: INK,
            width: 0.5,
            dashed: false,
        });
        if i % every == 0 {
            let label = if start.year() != end.year() && (first.month() == 1 || i == 0) {
                format!("{} {}", words::month_abbr(first.month()), first.year())
            } else {
                words::month_abbr(first.month()).to_owned()
            };
            shapes.push(text((x(a) + x(b)) / 2.0, base + 13.0, &label, 8.0, Anchor::Middle, INK, false));
        }
        first = next;
        i += 1;
        if next == end {
            break;
        }
    }
}

fn legend(shapes: &mut Vec<Shape>, x: f32, y: f32, color: Rgb, dashed: bool, label: &str) {
    shapes.push(Shape::Line { points: vec![(x, y - 3.0), (x + 18.0, y - 3.0)], color, width: 2.0, dashed });
    shapes.push(text(x + 22.0, y, label, 8.0, Anchor::Start, INK, false));
}

fn legend_box(shapes: &mut Vec<Shape>, x: f32, y: f32, color: Rgb, label: &str) {
    shapes.push(Shape::Rect { x, y: y - 8.0, w: 10.0, h: 10.0, fill: Some(color), stroke: Some(GRID) });
    shapes.push(text(x + 14.0, y, label, 8.0, Anchor::Start, INK, false));
}

fn text(x: f32, y: f32, t: &str, size: f32, anchor: Anchor, color: Rgb, bold: bool) -> Shape {
    Shape::Text { x, y, text: t.to_owned(), size, anchor, color, bold }
}

/// A step of 1, 2 or 5 × 10ⁿ giving three to six grid lines up to `max`.
fn nice_step(max: f64) -> f64 {
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(magnitude * 10.0);
    step.max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pledge::SubPeriod;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn inside(chart: &Chart) {
        for s in &chart.shapes {
            let points: Vec<(f32, f32)> = match s {
                Shape::Line { points, .. } => points.clone(),
                Shape::Rect { x, y, w, h, .. } => vec![(*x, *y), (x + w, y + h)],
                Shape::Text { x, y, .. } => vec![(*x, *y)],
            };
            for (x, y) in points {
                assert!(
                    (0.0..=chart.width).contains(&x) && (0.0..=chart.height).contains(&y),
                    "{s:?} outside {}×{}",
                    chart.width,
                    chart.height
                );
            }
        }
    }

    #[test]
    fn the_count_and_the_target_label_never_overlap_when_the_count_equals_the_target() {
        for (done, target) in [(2, 2), (4, 4), (156, 156), (3, 4), (5, 4), (1, 2)] {
            let c = Cumulative {
                title: "Trygghetsvandringar",
                start: d("2019-01-01"),
                end: d("2019-12-31"),
                until: d("2019-12-31"),
                done: vec![(d("2019-06-10"), done)],
                pace: Vec::new(),
                target: Some(target),
                capped: false,
                measure: Measure::Activities,
            };
            let chart = cumulative(&c);
            inside(&chart);
            let label_y = |wanted: &str, ink: Rgb| {
                chart.shapes.iter().find_map(|s| match s {
                    Shape::Text { y, text, color, .. } if text == wanted && *color == ink => Some(*y),
                    _ => None,
                })
            };
            let count = label_y(&done.to_string(), COUNT).expect("the count's label");
            let goal =
                label_y(&words::chart_target(&target.to_string()), TARGET).expect("the target's label");
            assert!((count - goal).abs() >= LABEL_CLEARANCE - 1e-3, "{done} of {target}: {count} and {goal}");
            assert!(count >= LABEL_TOP && goal >= LABEL_TOP);
        }
    }

    #[test]
    fn a_cumulative_chart_steps_up_on_each_day_and_ends_at_the_total() {
        let c = Cumulative {
            title: "Trygghetsvandringar",
            start: d("2019-01-01"),
            end: d("2019-12-31"),
            until: d("2019-12-31"),
            done: vec![(d("2019-09-10"), 1), (d("2019-04-02"), 2)],
            pace: vec![(d("2019-01-01"), 0.0), (d("2019-12-31"), 4.0)],
            target: Some(4),
            capped: false,
            measure: Measure::Activities,
        };
        let chart = cumulative(&c);
        inside(&chart);
        let Some(Shape::Line { points, .. }) = chart
            .shapes
            .iter()
            .find(|s| matches!(s, Shape::Line { color, width, .. } if *color == COUNT && *width == 2.0))
        else {
            panic!("no count line")
        };
        // Start, two steps of two points each, the end.
        assert_eq!(points.len(), 6);
        assert!(points.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 >= w[1].1), "{points:?}");
        assert_eq!(points.last().unwrap().0, LEFT + (W - LEFT - RIGHT));
        let labels: Vec<&str> = chart
            .shapes
            .iter()
            .filter_map(|s| if let Shape::Text { text, .. } = s { Some(text.as_str()) } else { None })
            .collect();
        assert!(labels.contains(&"3") && labels.contains(&"jan") && labels.contains(&"dec"), "{labels:?}");
        assert!(chart.description.contains("Trygghetsvandringar"), "{}", chart.description);
        // In hours the labels are hours, not the hundredths the standing counts in.
        let hours = Cumulative {
            done: vec![(d("2019-03-31"), 101_250)],
            pace: vec![(d("2019-01-01"), 0.0), (d("2019-12-31"), 400_000.0)],
            target: Some(400_000),
            measure: Measure::Hours,
            ..c
        };
        let chart = cumulative(&hours);
        let labels: Vec<&str> = chart
            .shapes
            .iter()
            .filter_map(|s| if let Shape::Text { text, .. } = s { Some(text.as_str()) } else { None })
            .collect();
        assert!(labels.contains(&"1012,5") && labels.contains(&"Mål 4000"), "{labels:?}");
        assert!(labels.contains(&"2000") && !labels.iter().any(|l| l.contains("00000")), "{labels:?}");
    }

    #[test]
    fn boxes_over_two_calendar_years_name_each_year() {
        let quarter = |start: &str, state| SubPeriodStanding {
            each: SubPeriod::Quarter,
            occasion: None,
            start: d(start),
            end: d(start),
            count: 1,
            state,
        };
        let texts = |chart: &Chart| -> Vec<String> {
            chart
                .shapes
                .iter()
                .filter_map(|s| if let Shape::Text { text, .. } = s { Some(text.clone()) } else { None })
                .collect()
        };
        let split = [
            quarter("2020-07-01", CoverState::Covered),
            quarter("2020-10-01", CoverState::Missed),
            quarter("2021-01-01", CoverState::Covered),
            quarter("2021-04-01", CoverState::Upcoming),
        ];
        let chart = sub_periods("Grannsamverkan", "kvartal", &split, Measure::Activities, 1);
        inside(&chart);
        let t = texts(&chart);
        assert!(t.contains(&"2020".to_owned()) && t.contains(&"2021".to_owned()), "{t:?}");
        assert_eq!(t.iter().filter(|x| x.as_str() == "2021").count(), 1);
        let one_year = sub_periods("Grannsamverkan", "kvartal", &split[..2], Measure::Activities, 1);
        assert!(one_year.description.contains("1 av 2 kvartal med"), "{}", one_year.description);
        inside(&one_year);
        assert!(!texts(&one_year).contains(&"2020".to_owned()));
        assert!(one_year.height < chart.height);
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(4.0), 1.0);
        assert_eq!(nice_step(156.0), 50.0);
        assert_eq!(nice_step(12.0), 5.0);
        assert_eq!(nice_step(1.0), 1.0);
    }
}
