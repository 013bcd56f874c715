//! Whether the follow-up of a period is mailed: the one policy that the daemon's report job, the
//! verb `report` and `preview report` all follow (ARCHITECTURE, "Decisions about the annual
//! follow-up"). Pure: the caller knows what was made, whether its mail is in the outbox, and today.
//!
//! A guard added here holds for every caller; none of them decides on its own.

use chrono::NaiveDate;

use super::Made;
use crate::config::report::{Interim, ReportPlan};

/// What a follow-up came to, as far as its delivery is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// It was made (its files are rendered, not yet written).
    Made(&'a Made),
    /// The comments file stopped it (the coordinators can mend the file).
    CommentsBroken,
}

/// What is done with the follow-up of a period on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// Its mail is in the outbox already: the files stay as they were mailed (the job leaves them;
    /// `report` refuses to write a version that differs over them).
    KeepMailed,
    /// The comments file stopped it. `tell`: its day has come (and is not long past), so the log
    /// keepers are told what is wrong, once per mistake.
    Blocked { tell: bool },
    /// The files are written and not mailed, for this reason.
    Hold(Hold),
    /// The files are written and mailed now.
    Send,
}

/// Why a follow-up that was made is not mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hold {
    /// The store holds no activity dated in the period (the inbox empty or unreadable): there is
    /// nothing to report on. The daemon's job fails, and is tried again at the next pass.
    NoActivity,
    /// A configured source has never delivered a log (its folder empty, or missing): the follow-up
    /// would report its pledges as not done. The daemon's job fails, tells the log keepers and the
    /// coordinator once, and the follow-up goes at the first pass after the logs are in.
    Awaited,
    /// The period has no `[period.report]`: nobody is to receive it.
    NoPlan,
    /// Its day has not come.
    NotYet { send_on: NaiveDate },
    /// Its day is more than `news_for_days` past (a new install with an old period).
    TooLate { send_on: NaiveDate, news_for_days: u32 },
}

/// What is done with the follow-up that came to `outcome`, for the period of `plan` (if it has one),
/// on `today`, when its mail is in the outbox (`mailed`) or not, and every source has delivered a
/// log (`all_delivered`) or not.
pub(crate) fn delivery(
    outcome: Outcome<'_>,
    plan: Option<&ReportPlan>,
    today: NaiveDate,
    mailed: bool,
    news_for_days: u32,
    all_delivered: bool,
) -> Delivery {
    let made = match outcome {
        // A draft has files of its own names: it never touches the follow-up that was mailed.
        Outcome::Made(made) if mailed && !made.is_final => made,
        _ if mailed => return Delivery::KeepMailed,
        Outcome::CommentsBroken => {
            let tell = plan.is_some_and(|p| is_news(p.send_on, today, news_for_days));
            return Delivery::Blocked { tell };
        }
        Outcome::Made(made) => made,
    };
    let Some(plan) = plan else { return Delivery::Hold(Hold::NoPlan) };
    of_made(made.activities, plan.send_on, today, news_for_days, all_delivered)
}

/// What is done with the interim follow-up ("Delrapport") `made` of `interim` on `today`: as a
/// follow-up, by the same rules on its own day, and kept once its mail is in the outbox (`mailed`).
pub(crate) fn interim_delivery(
    made: &Made,
    interim: &Interim,
    today: NaiveDate,
    mailed: bool,
    news_for_days: u32,
    all_delivered: bool,
) -> Delivery {
    if mailed {
        return Delivery::KeepMailed;
    }
    of_made(made.activities, interim.send_on, today, news_for_days, all_delivered)
}

/// What the report job does at a pass on `today` with the follow-up of `plan`, foreseen before it is
/// made (the day's other mails depend on it): `None` when it mails nothing and tells nobody (its
/// mail is in the outbox, its day has not come or is long past); else `Some(true)` when it mails it,
/// `Some(false)` when it holds it (a source awaited: their keepers and the coordinator are told; no
/// activity, `activities` being those dated in the period). A comments file that stops it is not
/// foreseen: it is read when the follow-up is made.
pub(crate) fn foresee(
    plan: &ReportPlan,
    today: NaiveDate,
    mailed: bool,
    news_for_days: u32,
    all_delivered: bool,
    activities: usize,
) -> Option<bool> {
    if mailed || !is_news(plan.send_on, today, news_for_days) {
        return None;
    }
    Some(of_made(activities, plan.send_on, today, news_for_days, all_delivered) == Delivery::Send)
}

/// The delivery of a follow-up that was made (of so many activities), due on `send_on`, and not
/// mailed.
fn of_made(
    activities: usize,
    send_on: NaiveDate,
    today: NaiveDate,
    news_for_days: u32,
    all_delivered: bool,
) -> Delivery {
    if !all_delivered {
        return Delivery::Hold(Hold::Awaited);
    }
    if activities == 0 {
        return Delivery::Hold(Hold::NoActivity);
    }
    if today < send_on {
        return Delivery::Hold(Hold::NotYet { send_on });
    }
    if !is_news(send_on, today, news_for_days) {
        return Delivery::Hold(Hold::TooLate { send_on, news_for_days });
    }
    Delivery::Send
}

/// Whether a mail due on `send_on` is still news on `today`: on its day or up to `news_for_days`
/// days late (a daemon that was down); later it is not sent (a new install with an old period).
pub(crate) fn is_news(send_on: NaiveDate, today: NaiveDate, news_for_days: u32) -> bool {
    today >= send_on && (today - send_on).num_days() <= i64::from(news_for_days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::content::Counts;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn made(is_final: bool, activities: usize) -> Made {
        Made {
            period: "2019".into(),
            as_of: d("2019-12-31"),
            is_final,
            interim: false,
            lines: Vec::new(),
            counts: Counts::default(),
            summary: String::new(),
            activities,
            basis: String::new(),
            files: Vec::new(),
        }
    }

    fn plan() -> ReportPlan {
        ReportPlan {
            period: "2019".into(),
            date: d("2020-02-01"),
            send_on: d("2020-02-03"),
            to: vec!["bra-ordforande".into()],
            cc: Vec::new(),
            interims: Vec::new(),
        }
    }

    #[test]
    fn an_interim_follow_up_is_mailed_once_on_its_day_with_activities_and_every_log_in() {
        // 1 April 2019, the first quarter's: sent on its day, up to news_for_days late, never twice.
        let interim = Interim { date: d("2019-04-01"), send_on: d("2019-04-01") };
        let got = |activities: usize, today: &str, mailed: bool, all: bool| {
            let made = Made { is_final: false, interim: true, ..made(false, activities) };
            interim_delivery(&made, &interim, d(today), mailed, 60, all)
        };
        assert_eq!(got(40, "2019-04-01", false, true), Delivery::Send);
        assert_eq!(got(40, "2019-05-31", false, true), Delivery::Send);
        let too_late = Hold::TooLate { send_on: d("2019-04-01"), news_for_days: 60 };
        assert_eq!(got(40, "2019-06-01", false, true), Delivery::Hold(too_late));
        assert_eq!(
            got(40, "2019-03-31", false, true),
            Delivery::Hold(Hold::NotYet { send_on: d("2019-04-01") })
        );
        assert_eq!(got(40, "2019-04-01", true, true), Delivery::KeepMailed);
        assert_eq!(got(0, "2019-04-01", false, true), Delivery::Hold(Hold::NoActivity));
        assert_eq!(got(40, "2019-04-01", false, false), Delivery::Hold(Hold::Awaited));
    }

    /// The delivery of a follow-up made (final or draft, with so many activities) or blocked, on
    /// `today`, mailed before or not, with `news_for_days` = 60 and every source delivered.
    fn check(made: Option<(bool, usize)>, has_plan: bool, today: &str, mailed: bool, expected: Delivery) {
        check_supplied(made, has_plan, today, mailed, true, expected);
    }

    /// As [`check`], with every source delivered (`all_delivered`) or not.
    fn check_supplied(
        made: Option<(bool, usize)>,
        has_plan: bool,
        today: &str,
        mailed: bool,
        all_delivered: bool,
        expected: Delivery,
    ) {
        let made = made.map(|(is_final, activities)| self::made(is_final, activities));
        let outcome = made.as_ref().map_or(Outcome::CommentsBroken, Outcome::Made);
        let plan = plan();
        let got = delivery(outcome, has_plan.then_some(&plan), d(today), mailed, 60, all_delivered);
        assert_eq!(
            got, expected,
            "made {made:?}, plan {has_plan}, {today}, mailed {mailed}, all {all_delivered}"
        );
    }

    const FINAL: Option<(bool, usize)> = Some((true, 98));
    const DRAFT: Option<(bool, usize)> = Some((false, 40));
    const EMPTY: Option<(bool, usize)> = Some((true, 0));
    const BROKEN: Option<(bool, usize)> = None;

    #[test]
    fn a_final_follow_up_is_mailed_on_its_day_and_up_to_news_for_days_late() {
        check(FINAL, true, "2020-02-03", false, Delivery::Send);
        check(FINAL, true, "2020-04-03", false, Delivery::Send);
        let too_late = Hold::TooLate { send_on: d("2020-02-03"), news_for_days: 60 };
        check(FINAL, true, "2020-04-04", false, Delivery::Hold(too_late));
        check(FINAL, true, "2026-11-24", false, Delivery::Hold(too_late));
        check(FINAL, true, "2020-02-02", false, Delivery::Hold(Hold::NotYet { send_on: d("2020-02-03") }));
    }

    #[test]
    fn a_mailed_follow_up_is_kept_as_mailed_whatever_was_made() {
        check(FINAL, true, "2020-02-03", true, Delivery::KeepMailed);
        check(FINAL, true, "2026-11-24", true, Delivery::KeepMailed);
        check(EMPTY, true, "2020-02-03", true, Delivery::KeepMailed);
        check(BROKEN, true, "2020-02-03", true, Delivery::KeepMailed);
    }

    #[test]
    fn a_draft_made_after_the_mail_is_its_own_file() {
        let not_yet = Delivery::Hold(Hold::NotYet { send_on: d("2020-02-03") });
        check(DRAFT, true, "2019-10-14", true, not_yet);
        check(DRAFT, true, "2019-10-14", false, not_yet);
    }

    #[test]
    fn no_activity_in_the_period_is_never_mailed() {
        check(EMPTY, true, "2020-02-03", false, Delivery::Hold(Hold::NoActivity));
        check(EMPTY, true, "2026-11-24", false, Delivery::Hold(Hold::NoActivity));
        check(Some((false, 0)), true, "2019-10-14", false, Delivery::Hold(Hold::NoActivity));
    }

    #[test]
    fn a_broken_comments_file_is_told_only_while_the_mail_is_news() {
        check(BROKEN, true, "2020-02-02", false, Delivery::Blocked { tell: false });
        check(BROKEN, true, "2020-02-03", false, Delivery::Blocked { tell: true });
        check(BROKEN, true, "2020-04-03", false, Delivery::Blocked { tell: true });
        check(BROKEN, true, "2020-04-04", false, Delivery::Blocked { tell: false });
        check(BROKEN, false, "2020-02-03", false, Delivery::Blocked { tell: false });
    }

    #[test]
    fn a_source_that_never_delivered_holds_the_follow_up_until_it_has() {
        let awaited = Delivery::Hold(Hold::Awaited);
        check_supplied(FINAL, true, "2020-02-03", false, false, awaited);
        check_supplied(EMPTY, true, "2020-02-03", false, false, awaited);
        // Delivered a month late: mailed then, still within news_for_days.
        check_supplied(FINAL, true, "2020-03-03", false, true, Delivery::Send);
        // What was mailed stays; a broken comments file is said first; no plan, nobody to hold it for.
        check_supplied(FINAL, true, "2020-02-03", true, false, Delivery::KeepMailed);
        check_supplied(BROKEN, true, "2020-02-03", false, false, Delivery::Blocked { tell: true });
        check_supplied(FINAL, false, "2020-02-03", false, false, Delivery::Hold(Hold::NoPlan));
    }

    #[test]
    fn the_days_other_mails_foresee_what_the_report_job_does() {
        let foresee =
            |today: &str, mailed, all, activities| foresee(&plan(), d(today), mailed, 60, all, activities);
        assert_eq!(foresee("2020-02-03", false, true, 98), Some(true));
        assert_eq!(foresee("2020-04-03", false, true, 98), Some(true));
        assert_eq!(foresee("2020-02-03", false, false, 98), Some(false));
        assert_eq!(foresee("2020-02-03", false, true, 0), Some(false));
        assert_eq!(foresee("2020-02-02", false, false, 98), None);
        assert_eq!(foresee("2020-04-04", false, true, 98), None);
        assert_eq!(foresee("2020-02-03", true, true, 98), None);
    }

    #[test]
    fn a_period_without_a_plan_is_never_mailed() {
        check(FINAL, false, "2020-02-03", false, Delivery::Hold(Hold::NoPlan));
        check(EMPTY, false, "2020-02-03", false, Delivery::Hold(Hold::NoPlan));
    }
}
