//! The names under which enums are stored and written (`as_str()` / `FromStr` on each enum, never
//! serde), and the error when a name read back is none of them. Pure.

/// A name that is not one of an enum's (a store written by a newer build, a damaged row).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {name:?}")]
pub(crate) struct UnknownName {
    /// What was being read: "status", "mail kind", …
    pub(crate) what: &'static str,
    /// The name read.
    pub(crate) name: String,
}

impl UnknownName {
    /// `name` is no `what`.
    pub(crate) fn new(what: &'static str, name: &str) -> UnknownName {
        UnknownName { what, name: name.to_owned() }
    }
}

/// Gives a field-less enum its stored names, in one list: `ALL` (every variant, in order),
/// `as_str()` (its name), `FromStr` (a name read back; one that is none of them is an
/// [`UnknownName`] of `what`) and `Serialize` (its name, for the JSON documents).
///
/// ```ignore
/// stored_names!(pub MailState, "mail state", { Queued => "queued", Sent => "sent" });
/// ```
macro_rules! stored_names {
    ($vis:vis $ty:ident, $what:literal, { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in order.
            #[cfg_attr(not(test), allow(dead_code, reason = "the round-trip test below reads every enum's"))]
            $vis const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// Its name in the store (and in keys, listings and JSON).
            $vis fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::codes::UnknownName;

            fn from_str(s: &str) -> Result<$ty, Self::Err> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err($crate::codes::UnknownName::new($what, s)),
                }
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use stored_names;

#[cfg(test)]
mod tests {
    use crate::model::stored::Level;
    use crate::notices::Kind;
    use crate::rules::Status;
    use crate::rules::verdict::Verdict;
    use crate::store::{MailState, RunOutcome};

    /// Each stored name reads back as its variant, names are distinct, and an unknown name says
    /// what it is not.
    fn check<T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr<Err = super::UnknownName>>(
        all: &[T],
        name: fn(T) -> &'static str,
    ) {
        for &x in all {
            assert_eq!(name(x).parse::<T>().ok(), Some(x), "{}", name(x));
        }
        let mut names: Vec<&str> = all.iter().map(|&x| name(x)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "names are distinct");
        assert!("nonsense".parse::<T>().is_err());
    }

    #[test]
    fn every_stored_name_reads_back() {
        check(&Status::ALL, Status::as_str);
        check(&Kind::ALL, Kind::as_str);
        check(&MailState::ALL, MailState::as_str);
        check(&RunOutcome::ALL, RunOutcome::as_str);
        check(&Level::ALL, Level::as_str);
        check(&Verdict::ALL, Verdict::as_str);
        assert_eq!(Status::OnTrack.as_str(), "on_track", "as stored by every release so far");
        assert_eq!(Kind::DataQuality.as_str(), "data_quality");
        assert_eq!("paused".parse::<MailState>().unwrap_err().to_string(), "unknown mail state \"paused\"");
    }
}
