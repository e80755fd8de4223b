//! What a link says about the year that ends its title: a site, repository
//! or directory named for the year (`2019.stateofjs.com`, `/da2020/`) or by
//! the word before it makes the year part of a name; a post dated by the
//! year (`/2019/12/10/…`) makes it the date of publication; a post or tweet
//! of another year makes it what the link is about, not its date.

use crate::url::UrlParts;

/// What a link says of the year ending its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// The year names the site, repository or directory, or the site is
    /// named by the word before it.
    Name,
    /// The link was published in that year.
    Date,
    /// The link was published in another year.
    AnotherYear,
}

/// Hosts where the first two path segments are an owner and a repository.
const FORGES: &[&str] = &["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"];

/// Path segments under which a page is a post, dated by its publication.
const POST_SEGMENTS: &[&str] = &[
    "blog", "posts", "post", "p", "articles", "article", "news", "comments", "story", "entry",
];

/// What `href` says of `year`, which ends a title after `last_word`.
pub fn reading(href: &str, year: &str, last_word: &str) -> Option<Evidence> {
    let url = UrlParts::parse(href)?;
    let short_year = &year[2..];
    // `2019.stateofjs.com`, `interspeech2021.org`, `nodeconf22.vercel.app`;
    // `Decriminalization 2020` on decriminalization.org.
    if url.host().split('.').any(|label| {
        label.contains(year)
            || ends_in_short_year(label, short_year)
            || label.replace('-', "").eq_ignore_ascii_case(last_word)
    }) {
        return Some(Evidence::Name);
    }
    let segments: Vec<&str> = url.path().split('/').filter(|s| !s.is_empty()).collect();
    let host = url.host().trim_start_matches("www.");
    // `github.com/docker/hacktoberfest-2022`: the year names the project.
    if FORGES.contains(&host)
        && segments
            .get(1)
            .is_some_and(|repo| repo.contains(year) || ends_in_short_year(repo, short_year))
    {
        return Some(Evidence::Name);
    }
    if let Some(published) = tweet_year(host, &segments) {
        return Some(dated(published, year));
    }
    for (i, segment) in segments.iter().enumerate() {
        let under_post = segments[..i]
            .iter()
            .any(|s| POST_SEGMENTS.contains(&s.to_lowercase().as_str()) || is_year(s));
        let month_follows = segments
            .get(i + 1)
            .is_some_and(|n| n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()));
        // `/2019/12/10/…`: a post, dated.
        if is_year(segment) && month_follows {
            return Some(dated(segment, year));
        }
        if *segment == year {
            // `adventofcode.com/2021`, `conf.tlapl.us/2021/`: the year's
            // edition of a site, unless a post's slug follows.
            let slug_follows = segments.get(i + 1).is_some_and(|n| slug_words(n) >= 3);
            if !under_post && !slug_follows {
                return Some(Evidence::Name);
            }
        } else if !under_post && names_edition(segment, year, short_year) {
            return Some(Evidence::Name);
        }
    }
    None
}

/// The title's `year` against the year the link was `published`: the same
/// dates it; another is what it is about (`Looking back at 1999`), or the
/// year of the original of a copy, which only the curator knows.
fn dated(published: &str, year: &str) -> Evidence {
    if published == year {
        Evidence::Date
    } else {
        Evidence::AnotherYear
    }
}

fn is_year(segment: &str) -> bool {
    segment.len() == 4
        && (segment.starts_with("19") || segment.starts_with("20"))
        && segment.bytes().all(|b| b.is_ascii_digit())
}

/// The year a tweet was posted, read from its id (`/user/status/<id>`):
/// since November 2010 the id holds the time in milliseconds, shifted left
/// by 22 bits, from Twitter's epoch.
fn tweet_year(host: &str, segments: &[&str]) -> Option<&'static str> {
    const TWITTER_EPOCH_MS: u64 = 1_288_834_974_657;
    /// The first tweet ids with a time in them are above this.
    const FIRST_TIMED_ID: u64 = 1 << 50;
    /// When each year from 2011 begins, in Unix milliseconds.
    const YEARS: &[(&str, u64)] = &[
        ("2011", 1_293_840_000_000),
        ("2012", 1_325_376_000_000),
        ("2013", 1_356_998_400_000),
        ("2014", 1_388_534_400_000),
        ("2015", 1_420_070_400_000),
        ("2016", 1_451_606_400_000),
        ("2017", 1_483_228_800_000),
        ("2018", 1_514_764_800_000),
        ("2019", 1_546_300_800_000),
        ("2020", 1_577_836_800_000),
        ("2021", 1_609_459_200_000),
        ("2022", 1_640_995_200_000),
        ("2023", 1_672_531_200_000),
        ("2024", 1_704_067_200_000),
        ("2025", 1_735_689_600_000),
        ("2026", 1_767_225_600_000),
        ("2027", 1_798_761_600_000),
    ];
    if !matches!(host, "twitter.com" | "mobile.twitter.com" | "x.com") {
        return None;
    }
    let id: u64 = match segments {
        [_, "status", id, ..] => id.parse().ok()?,
        _ => return None,
    };
    if id < FIRST_TIMED_ID {
        return None;
    }
    let posted = (id >> 22) + TWITTER_EPOCH_MS;
    // After the table's end the year is unknown: no evidence.
    let next = YEARS.iter().position(|&(_, start)| start > posted)?;
    next.checked_sub(1).map(|i| YEARS[i].0)
}

/// `conf21` for 2021: letters, then the year's last two digits.
fn ends_in_short_year(label: &str, short_year: &str) -> bool {
    label.len() > 4
        && label.ends_with(short_year)
        && label[..label.len() - 2]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphabetic())
}

/// How many words a slug has: `favorite-books-2020` has three.
fn slug_words(segment: &str) -> usize {
    segment.split(['-', '_']).filter(|w| !w.is_empty()).count()
}

/// A directory named by a short name and the year: `da2020`, `nodes-2020`,
/// `arch-conf-2020`, `NYU-DLSP21` (not a page, `talk_2023.html`, nor a
/// post's slug of many words).
fn names_edition(segment: &str, year: &str, short_year: &str) -> bool {
    let name = segment
        .strip_suffix(year)
        .or_else(|| segment.strip_suffix(short_year))
        .map(|name| name.trim_end_matches(['-', '_']));
    name.is_some_and(|name| {
        name.len() >= 2
            && name
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
            && slug_words(name) <= 2
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tweet_is_dated_by_its_id() {
        let tweet = |id: &str| tweet_year("twitter.com", &["someone", "status", id]);
        assert_eq!(tweet("1496640134606819328"), Some("2022"));
        assert_eq!(tweet("1437650217948549123"), Some("2021"));
        assert_eq!(tweet("20"), None);
        assert_eq!(
            tweet_year("example.com", &["someone", "status", "1496640134606819328"]),
            None
        );
    }

    #[test]
    fn a_post_of_another_year_is_about_the_year() {
        let read = |href, year| reading(href, year, "Word");
        assert_eq!(
            read("https://example.com/2019/12/10/post", "2019"),
            Some(Evidence::Date)
        );
        assert_eq!(
            read("https://example.com/2022/01/02/post", "2014"),
            Some(Evidence::AnotherYear)
        );
        assert_eq!(
            read("https://example.com/2021/", "2021"),
            Some(Evidence::Name)
        );
        assert_eq!(read("https://example.com/about", "2021"), None);
    }
}
