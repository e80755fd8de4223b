//! A list's own conventions, learned from its items: which bullet marker,
//! nesting step, separator, description start and description end its
//! items keep to. Rules report departures from what a list consistently
//! does, not from one house style: a list that uses `*` for every item is
//! not wrong 1,956 times.
//!
//! A *list* is the files checked together under one configuration; within
//! it a file, and within a file a section (the items under one heading),
//! that has [`MIN_ITEMS`] observations of its own and keeps to one value
//! for [`CONSISTENT_PERCENT`] of them (or [`MIN_UNANIMOUS`], all of them
//! one value) has a convention of its own. Where a
//! list has too few items to tell, the house style holds; where a large
//! list is mixed on an aspect, that aspect is not enforced.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Observations a scope needs before what its items do counts.
pub const MIN_ITEMS: u32 = 20;
/// Observations that count where every one of them is the same: a page of
/// a dozen descriptions, all without a period, keeps to that on purpose.
pub const MIN_UNANIMOUS: u32 = 10;
/// The same for what is typed, not left out (a marker, a separator, a
/// nesting step): five items all separated by `: ` are no slips.
pub const MIN_UNANIMOUS_TYPED: u32 = 5;
/// The share (in percent) of a scope's observations one value must have to
/// be its convention.
pub const CONSISTENT_PERCENT: u32 = 90;

/// Below this share (in percent) for its leading value, a section with
/// enough observations is genuinely mixed, not slipping from its file's
/// convention: a fifth or more of its items do otherwise, on purpose.
pub const GENUINELY_MIXED_PERCENT: u32 = 80;

/// What a list may have a convention about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    /// The bullet of list items.
    Marker,
    /// How far a nested list item is indented from its parent.
    Indent,
    /// What stands between a link and its description, where something does.
    Separator,
    /// Whether a description is separated from the link at all.
    Separated,
    /// How a description starts.
    Start,
    /// How a description ends.
    End,
}

impl Aspect {
    pub const ALL: [Aspect; 6] = [
        Aspect::Marker,
        Aspect::Indent,
        Aspect::Separator,
        Aspect::Separated,
        Aspect::Start,
        Aspect::End,
    ];

    fn index(self) -> usize {
        self as usize
    }

    /// The name used in messages and `--show-settings`.
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Marker => "bullet marker",
            Aspect::Indent => "nesting step",
            Aspect::Separator => "separator",
            Aspect::Separated => "separated description",
            Aspect::Start => "description start",
            Aspect::End => "description end",
        }
    }

    /// The house style: what `../shared/examples` lists do, and what holds
    /// where a list has too few items to tell.
    pub fn house(self) -> Value {
        match self {
            Aspect::Marker => Value::Marker(b'-'),
            Aspect::Indent => Value::Indent(Indent::Spaces(2)),
            Aspect::Separator => Value::Separator(Separator::Dash),
            Aspect::Separated => Value::Separated(true),
            Aspect::Start => Value::Start(Start::Capital),
            Aspect::End => Value::End(End::Period),
        }
    }
}

/// One step of nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Indent {
    Spaces(u8),
    Tab,
}

/// What stands between a link and its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Separator {
    /// ` - `
    Dash,
    /// ` – `
    EnDash,
    /// ` — `
    EmDash,
    /// `: `
    Colon,
}

impl Separator {
    /// How the separator is written between a link and its description.
    pub fn written(self) -> &'static str {
        match self {
            Separator::Dash => " - ",
            Separator::EnDash => " – ",
            Separator::EmDash => " — ",
            Separator::Colon => ": ",
        }
    }

    /// The separator written as `text` (blanks around it ignored), if it is
    /// one of those a list may keep to.
    pub fn read(text: &str) -> Option<Separator> {
        match text.trim_matches([' ', '\t', '\n', '\r']) {
            "-" => Some(Separator::Dash),
            "–" => Some(Separator::EnDash),
            "—" => Some(Separator::EmDash),
            ":" => Some(Separator::Colon),
            _ => None,
        }
    }
}

/// How a description starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Start {
    Capital,
    Lowercase,
}

/// How a description ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum End {
    /// `.`, `?`, `!` or `…`.
    Period,
    Bare,
}

/// An observed value of one aspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Value {
    Marker(u8),
    Indent(Indent),
    Separator(Separator),
    Separated(bool),
    Start(Start),
    End(End),
}

/// The markers a bullet list item may have.
const MARKERS: [u8; 3] = [b'-', b'*', b'+'];
/// The widest nesting step observed, in spaces.
const MAX_SPACES: u8 = 8;

impl Value {
    /// How many values there are: markers, steps of 1 to 8 spaces and a
    /// tab, separators, and two of each of the rest.
    const COUNT: usize = 3 + MAX_SPACES as usize + 1 + 4 + 2 + 2 + 2;

    /// Where the values of `aspect` are, in order of values.
    fn indices(aspect: Aspect) -> std::ops::Range<usize> {
        let spaces = MAX_SPACES as usize;
        match aspect {
            Aspect::Marker => 0..3,
            Aspect::Indent => 3..4 + spaces,
            Aspect::Separator => 4 + spaces..8 + spaces,
            Aspect::Separated => 8 + spaces..10 + spaces,
            Aspect::Start => 10 + spaces..12 + spaces,
            Aspect::End => 12 + spaces..14 + spaces,
        }
    }

    /// This value's place among all of them (in order of values).
    fn index(self) -> usize {
        let spaces = MAX_SPACES as usize;
        match self {
            Value::Marker(b) => MARKERS.iter().position(|&m| m == b).unwrap_or(0),
            Value::Indent(Indent::Spaces(n)) => 3 + usize::from(n.clamp(1, MAX_SPACES)) - 1,
            Value::Indent(Indent::Tab) => 3 + spaces,
            Value::Separator(s) => 4 + spaces + s as usize,
            Value::Separated(b) => 8 + spaces + usize::from(b),
            Value::Start(s) => 10 + spaces + s as usize,
            Value::End(e) => 12 + spaces + e as usize,
        }
    }

    /// The value at `index` (see [`Value::index`]).
    fn at(index: usize) -> Value {
        let spaces = MAX_SPACES as usize;
        let separators = [
            Separator::Dash,
            Separator::EnDash,
            Separator::EmDash,
            Separator::Colon,
        ];
        match index {
            0..3 => Value::Marker(MARKERS[index]),
            i if i < 3 + spaces => Value::Indent(Indent::Spaces((i - 2) as u8)),
            i if i == 3 + spaces => Value::Indent(Indent::Tab),
            i if i < 8 + spaces => Value::Separator(separators[i - 4 - spaces]),
            i if i < 10 + spaces => Value::Separated(i == 9 + spaces),
            i if i < 12 + spaces => {
                Value::Start([Start::Capital, Start::Lowercase][i - 10 - spaces])
            }
            i => Value::End([End::Period, End::Bare][i - 12 - spaces]),
        }
    }

    pub fn aspect(self) -> Aspect {
        match self {
            Value::Marker(_) => Aspect::Marker,
            Value::Indent(_) => Aspect::Indent,
            Value::Separator(_) => Aspect::Separator,
            Value::Separated(_) => Aspect::Separated,
            Value::Start(_) => Aspect::Start,
            Value::End(_) => Aspect::End,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Marker(b) => write!(f, "`{}`", char::from(*b)),
            Value::Indent(Indent::Tab) => f.write_str("a tab"),
            Value::Indent(Indent::Spaces(n)) => write!(f, "{n} spaces"),
            Value::Separator(s) => write!(f, "`{}`", s.written()),
            Value::Separated(true) => f.write_str("a separator"),
            Value::Separated(false) => f.write_str("no separator"),
            Value::Start(Start::Capital) => f.write_str("a capital"),
            Value::Start(Start::Lowercase) => f.write_str("lowercase"),
            Value::End(End::Period) => f.write_str("a period"),
            Value::End(End::Bare) => f.write_str("no period"),
        }
    }
}

/// How many observations of each value a scope has: one count per value,
/// in the order of values (a tally is added to for every list item, so it
/// is an array, not a map).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    counts: [u32; Value::COUNT],
}

impl Tally {
    pub fn add(&mut self, value: Value) {
        self.add_n(value, 1);
    }

    fn add_n(&mut self, value: Value, n: u32) {
        let count = &mut self.counts[value.index()];
        *count = count.saturating_add(n);
    }

    pub fn merge(&mut self, other: &Tally) {
        for (count, n) in self.counts.iter_mut().zip(other.counts) {
            *count = count.saturating_add(n);
        }
    }

    /// `self` without `other`'s counts (which it holds).
    fn without(&self, other: &Tally) -> Tally {
        let mut rest = self.clone();
        for (count, n) in rest.counts.iter_mut().zip(other.counts) {
            *count = count.saturating_sub(n);
        }
        rest
    }

    /// The counts of `aspect` alone.
    fn only(&self, aspect: Aspect) -> Tally {
        let mut only = Tally::default();
        for i in Value::indices(aspect) {
            only.counts[i] = self.counts[i];
        }
        only
    }

    /// Observations of `aspect`.
    pub fn total(&self, aspect: Aspect) -> u32 {
        self.of(aspect).map(|(_, n)| n).sum()
    }

    /// The most observed value of `aspect` (the first in order of values
    /// on a tie) and its count.
    pub fn leader(&self, aspect: Aspect) -> Option<(Value, u32)> {
        self.of(aspect)
            .fold(None, |best: Option<(Value, u32)>, (v, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((v, n)),
            })
    }

    /// The observed values of `aspect` and their counts, in order of values.
    pub fn of(&self, aspect: Aspect) -> impl Iterator<Item = (Value, u32)> + '_ {
        Value::indices(aspect)
            .filter(|&i| self.counts[i] > 0)
            .map(|i| (Value::at(i), self.counts[i]))
    }

    pub fn is_empty(&self) -> bool {
        self.counts.iter().all(|&n| n == 0)
    }
}

/// Where a verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Section,
    File,
    List,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Section => "section",
            Scope::File => "file",
            Scope::List => "list",
        }
    }
}

/// What the items of a scope say about one aspect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// One value for at least [`CONSISTENT_PERCENT`] of at least
    /// [`MIN_ITEMS`] observations: departures from it are slips.
    Follows {
        value: Value,
        count: u32,
        total: u32,
        scope: Scope,
    },
    /// No value for enough of at least [`MIN_ITEMS`] observations: not
    /// enforced.
    Mixed {
        leader: Value,
        count: u32,
        total: u32,
        scope: Scope,
    },
    /// Too few observations to tell: the house style holds.
    House(Value),
}

impl Verdict {
    /// What `tally` says about `aspect` in `scope`; `None` with too few
    /// observations.
    pub fn of(tally: &Tally, aspect: Aspect, scope: Scope) -> Option<Verdict> {
        let total = tally.total(aspect);
        let (value, count) = tally.leader(aspect)?;
        let typed = matches!(aspect, Aspect::Marker | Aspect::Indent | Aspect::Separator);
        let enough = if typed {
            MIN_UNANIMOUS_TYPED
        } else {
            MIN_UNANIMOUS
        };
        let unanimous = count == total && total >= enough;
        if total < MIN_ITEMS && !unanimous {
            return None;
        }
        Some(if count * 100 >= total * CONSISTENT_PERCENT {
            Verdict::Follows {
                value,
                count,
                total,
                scope,
            }
        } else {
            Verdict::Mixed {
                leader: value,
                count,
                total,
                scope,
            }
        })
    }

    fn follows(&self) -> bool {
        matches!(self, Verdict::Follows { .. })
    }

    /// Mixed with a fifth or more of the observations otherwise (see
    /// [`GENUINELY_MIXED_PERCENT`]): not slipping from a wider convention.
    fn is_genuinely_mixed(&self) -> bool {
        matches!(*self, Verdict::Mixed { count, total, .. } if count * 100 < total * GENUINELY_MIXED_PERCENT)
    }

    /// The value items are held to; `None` where the aspect is not enforced.
    pub fn wanted(&self) -> Option<Value> {
        match *self {
            Verdict::Follows { value, .. } | Verdict::House(value) => Some(value),
            Verdict::Mixed { .. } => None,
        }
    }

    /// What a finding says of the convention it holds an item to:
    /// `list uses `*` for 1,954 of 1,956 items`. `None` for the house style.
    pub fn evidence(&self) -> Option<String> {
        match *self {
            Verdict::Follows {
                value,
                count,
                total,
                scope,
            } => Some(format!(
                "{} uses {value} for {} of {} items",
                scope.name(),
                thousands(count),
                thousands(total)
            )),
            Verdict::Mixed { .. } | Verdict::House(_) => None,
        }
    }
}

/// `1954` as `1,954`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The verdicts on every aspect for the items of one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conventions {
    verdicts: [Verdict; 6],
}

impl Default for Conventions {
    /// The house style on every aspect.
    fn default() -> Self {
        Conventions {
            verdicts: Aspect::ALL.map(|a| Verdict::House(a.house())),
        }
    }
}

impl Conventions {
    pub fn get(&self, aspect: Aspect) -> &Verdict {
        &self.verdicts[aspect.index()]
    }

    /// The conventions of a list whose files together observed `tally`.
    pub fn of_list(tally: &Tally) -> Conventions {
        Conventions::of_scope(tally, Scope::List)
    }

    /// The conventions of a file read alone, which observed `tally`.
    pub fn of_file(tally: &Tally) -> Conventions {
        Conventions::of_scope(tally, Scope::File)
    }

    /// The verdicts of `tally` alone, the house style where it has too few
    /// observations.
    fn of_scope(tally: &Tally, scope: Scope) -> Conventions {
        Conventions {
            verdicts: Aspect::ALL
                .map(|a| Verdict::of(tally, a, scope).unwrap_or(Verdict::House(a.house()))),
        }
    }
}

/// The conventions of one file: its own, and those of its sections that
/// differ, with what the file tells its list.
#[derive(Debug, Clone, Default)]
pub struct FileConventions {
    /// Where the file itself has no verdict, the list's.
    file: Conventions,
    /// Sections (by their heading's span) whose verdict differs from the
    /// file's, on at least one aspect.
    sections: Vec<(Span, Conventions)>,
    /// What the file tells its list.
    pub learned: Learned,
}

/// What one file tells its list: its observations (those of sections with
/// a convention of their own left out), and the aspects on which some of
/// its items took the list's verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Learned {
    pub tally: Tally,
    pub deferred: Vec<Aspect>,
}

impl Learned {
    /// Whether a file linted as a list of its own must be linted again:
    /// where, on an aspect it left to its list, the list wants other than
    /// it did.
    pub fn needs_relint(&self, list: &Conventions) -> bool {
        let alone = Conventions::of_file(&self.tally);
        self.deferred
            .iter()
            .any(|&aspect| list.get(aspect).wanted() != alone.get(aspect).wanted())
    }
}

impl FileConventions {
    /// Learn a file's conventions from its `observations`, each with the
    /// heading above it, given its `list`'s verdicts (which a file defers
    /// to where it has too few observations or is mixed).
    pub fn learn(
        observations: &[(Option<Span>, Value)],
        parents: &[(Span, Span)],
        list: Option<&Conventions>,
    ) -> Self {
        let parent_of = |section: Span| {
            parents
                .iter()
                .find(|(child, _)| *child == section)
                .map(|&(_, parent)| parent)
        };
        let mut whole = Tally::default();
        let mut by_section: Vec<(Option<Span>, Tally)> = Vec::new();
        // Observations come in runs of one section: its tally is looked up
        // once a run.
        let mut at = usize::MAX;
        for &(section, value) in observations {
            whole.add(value);
            if by_section.get(at).is_none_or(|(s, _)| *s != section) {
                at = match by_section.iter().position(|(s, _)| *s == section) {
                    Some(found) => found,
                    None => {
                        by_section.push((section, Tally::default()));
                        by_section.len() - 1
                    }
                };
            }
            by_section[at].1.add(value);
        }
        // Sections that keep to a value of their own, other than the
        // file's leading one, have their own verdict and are left out of
        // the file's (a table of contents nested by four spaces in a list
        // nested by two).
        let mut own: Vec<(Option<Span>, Aspect, Verdict)> = Vec::new();
        let mut rest = whole.clone();
        for aspect in Aspect::ALL {
            let leader = whole.leader(aspect).map(|(v, _)| v);
            // Items before any heading are the file's own, no section.
            for (section, tally) in by_section.iter().filter(|(s, _)| s.is_some()) {
                let verdict = Verdict::of(tally, aspect, Scope::Section);
                let differs = match verdict {
                    Some(Verdict::Follows { value, .. }) => Some(value) != leader,
                    Some(mixed) => mixed.is_genuinely_mixed(),
                    None => false,
                };
                let Some(verdict) = verdict.filter(|_| differs) else {
                    continue;
                };
                own.push((*section, aspect, verdict));
                rest = rest.without(&tally.only(aspect));
            }
            // A subsection too short to tell that does what the section
            // above it does is held to that (a `### WIP` of four items
            // under a `## no-std crates` of 81, all separated by `: `).
            for (section, tally) in &by_section {
                let Some(heading) = *section else {
                    continue;
                };
                if own.iter().any(|&(s, a, _)| s == *section && a == aspect) {
                    continue;
                }
                let Some((leader, _)) = tally.leader(aspect) else {
                    continue;
                };
                let mut above = parent_of(heading);
                let inherited = loop {
                    let Some(parent) = above else {
                        break None;
                    };
                    if let Some(&(_, _, verdict)) = own
                        .iter()
                        .find(|&&(s, a, _)| s == Some(parent) && a == aspect)
                    {
                        break Some(verdict);
                    }
                    above = parent_of(parent);
                };
                if let Some(verdict @ Verdict::Follows { value, .. }) = inherited
                    && value == leader
                {
                    own.push((*section, aspect, verdict));
                    rest = rest.without(&tally.only(aspect));
                }
            }
        }
        // Without its list's, the file is a list of its own: where it has
        // too few items or is mixed, that is what its list says too.
        let own_list;
        let list = match list {
            Some(list) => list,
            None => {
                own_list = Conventions::of_scope(&rest, Scope::File);
                &own_list
            }
        };
        let mut deferred = Vec::new();
        let file = Conventions {
            verdicts: Aspect::ALL.map(|aspect| match Verdict::of(&rest, aspect, Scope::File) {
                // A file with a fifth or more of its items doing otherwise is
                // mixed, whatever the rest of its list does.
                Some(verdict) if verdict.follows() || verdict.is_genuinely_mixed() => verdict,
                _ => {
                    if rest.total(aspect) > 0 {
                        deferred.push(aspect);
                    }
                    *list.get(aspect)
                }
            }),
        };
        let mut sections: Vec<(Span, Conventions)> = Vec::new();
        for (section, aspect, verdict) in own {
            let Some(span) = section else {
                continue;
            };
            match sections.iter_mut().find(|(s, _)| *s == span) {
                Some((_, conventions)) => conventions.verdicts[aspect.index()] = verdict,
                None => {
                    let mut conventions = file;
                    conventions.verdicts[aspect.index()] = verdict;
                    sections.push((span, conventions));
                }
            }
        }
        // Items before any heading share the file's verdicts (a section
        // with no heading is the file's own).
        FileConventions {
            file,
            sections,
            learned: Learned {
                tally: rest,
                deferred,
            },
        }
    }

    /// The conventions that hold for items under the heading `section`.
    pub fn at(&self, section: Option<Span>) -> &Conventions {
        section
            .and_then(|s| self.sections.iter().find(|(span, _)| *span == s))
            .map_or(&self.file, |(_, c)| c)
    }

    /// The file's own conventions (its sections' aside).
    pub fn file(&self) -> &Conventions {
        &self.file
    }

    /// The sections with conventions of their own, by heading.
    pub fn sections(&self) -> &[(Span, Conventions)] {
        &self.sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dash(n: usize) -> Vec<(Option<Span>, Value)> {
        vec![(None, Value::Marker(b'-')); n]
    }

    #[test]
    fn too_few_items_keep_the_house_style() {
        let star = vec![(None, Value::Marker(b'*')); 4];
        let learned = FileConventions::learn(&star, &[], None);
        assert_eq!(
            *learned.at(None).get(Aspect::Marker),
            Verdict::House(Value::Marker(b'-'))
        );
        assert_eq!(learned.learned.deferred, [Aspect::Marker]);
    }

    #[test]
    fn a_genuinely_mixed_file_is_not_held_to_its_list() {
        // 78 % of 540 descriptions separated: the file is mixed, and stays
        // so in a list (of other files) that separates 94 % of them.
        let mut seen = vec![(None, Value::Separated(true)); 422];
        seen.extend(vec![(None, Value::Separated(false)); 118]);
        let mut tally = Tally::default();
        for _ in 0..2148 {
            tally.add(Value::Separated(true));
        }
        for _ in 0..132 {
            tally.add(Value::Separated(false));
        }
        let list = Conventions::of_list(&tally);
        assert!(list.get(Aspect::Separated).follows());
        let learned = FileConventions::learn(&seen, &[], Some(&list));
        assert_eq!(learned.at(None).get(Aspect::Separated).wanted(), None);
        assert!(learned.learned.deferred.is_empty());
        // Slipping, not mixed (85 %): held to what its list does.
        let mut slipping = vec![(None, Value::Separated(true)); 85];
        slipping.extend(vec![(None, Value::Separated(false)); 15]);
        let learned = FileConventions::learn(&slipping, &[], Some(&list));
        assert_eq!(
            learned.at(None).get(Aspect::Separated).wanted(),
            Some(Value::Separated(true))
        );
    }

    #[test]
    fn a_short_subsection_doing_what_its_section_does_is_held_to_it() {
        let (section, wip, other) = (Span::new(0, 5), Span::new(100, 105), Span::new(200, 205));
        let colon = Value::Separator(Separator::Colon);
        let dash = Value::Separator(Separator::Dash);
        let mut seen = vec![(None, dash); 300];
        seen.extend(vec![(Some(section), colon); 81]);
        seen.extend(vec![(Some(wip), colon); 3]);
        seen.push((Some(wip), dash));
        seen.extend(vec![(Some(other), dash); 2]);
        let parents = [(wip, section), (other, section)];
        let learned = FileConventions::learn(&seen, &parents, None);
        let wanted = |at| learned.at(at).get(Aspect::Separator).wanted();
        assert_eq!(wanted(Some(section)), Some(colon));
        assert_eq!(wanted(Some(wip)), Some(colon));
        // A subsection doing what the file does is not pulled to its section's.
        assert_eq!(wanted(Some(other)), Some(dash));
        assert_eq!(wanted(None), Some(dash));
    }

    #[test]
    fn a_consistent_file_follows_its_own_convention() {
        let mut seen = vec![(None, Value::Marker(b'*')); 1954];
        seen.extend(dash(2));
        let learned = FileConventions::learn(&seen, &[], None);
        let verdict = learned.at(None).get(Aspect::Marker);
        assert_eq!(verdict.wanted(), Some(Value::Marker(b'*')));
        assert_eq!(
            verdict.evidence().as_deref(),
            Some("file uses `*` for 1,954 of 1,956 items")
        );
        assert!(learned.learned.deferred.is_empty());
    }

    #[test]
    fn a_mixed_list_enforces_nothing() {
        let mut tally = Tally::default();
        for i in 0..40 {
            tally.add(Value::End(if i % 2 == 0 { End::Period } else { End::Bare }));
        }
        let list = Conventions::of_list(&tally);
        assert_eq!(list.get(Aspect::End).wanted(), None);
        // A file with few items of its own takes the list's verdict.
        let few = [(None, Value::End(End::Bare)); 3];
        let file = FileConventions::learn(&few, &[], Some(&list));
        assert_eq!(file.at(None).get(Aspect::End).wanted(), None);
    }

    #[test]
    fn a_section_keeping_to_its_own_value_is_carved_out() {
        let toc = Span::new(0, 10);
        let body = Span::new(20, 30);
        let mut seen = vec![(Some(toc), Value::Marker(b'-')); 100];
        seen.extend(vec![(Some(body), Value::Marker(b'*')); 553]);
        let learned = FileConventions::learn(&seen, &[], None);
        assert_eq!(
            learned.at(Some(toc)).get(Aspect::Marker).wanted(),
            Some(Value::Marker(b'-'))
        );
        let body_verdict = learned.at(Some(body)).get(Aspect::Marker);
        assert_eq!(body_verdict.wanted(), Some(Value::Marker(b'*')));
        assert_eq!(
            body_verdict.evidence().as_deref(),
            Some("file uses `*` for 553 of 553 items")
        );
        // The list hears of the items that keep to the file's convention.
        assert_eq!(learned.learned.tally.total(Aspect::Marker), 553);
    }

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1954), "1,954");
        assert_eq!(thousands(114_036), "114,036");
    }
}
