//! Learning an archive's stock lines: what an outlet repeats at the edges of many of its posts (a
//! copyright notice, an editor's line, a "listen on" line) is boilerplate that no built-in rule can
//! know, and it shows only across posts.
//!
//! A [`Learner`] is fed cleaned posts one by one and keeps, per source (the host of the post's
//! source URL), a hash and two counts per distinct line: in how many posts it stood, and in how many
//! of those at an edge (among the first or last few lines). Memory is bounded: lines are hashed, a
//! line's text is kept only once it is seen a second time, and a source keeps at most a fixed
//! number of lines (those seen once make room first). [`Learner::rules`] writes what repeats as
//! `sites:`-scoped rules with `lines:`, in the rules YAML users write, so a sample's lessons can be
//! saved and applied to a whole archive (or a cluster run) with `--rules`.
//!
//! Repetition alone is not boilerplate: a section heading ("Background") or a recurring series line
//! repeats because it is the article's own. A line is learned only when it is short, repeats in
//! enough of its source's posts, and either stands at an edge of most of the posts it is in or
//! reads as boilerplate to the shape score (a call to action).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use url::Url;

use crate::clean::article::shape::{Lexicon, segments};
use crate::clean::compiled::line_key;
use crate::model::inlines::plain_text;
use crate::model::{Block, Inline};
use crate::{Post, Rule, Rules};

/// The name learned rules count their removals under.
///
/// ```
/// let rules = tidings::Rules::from_yaml("rules:\n  - name: learned-line\n    lines: [x]\n")?;
/// assert_eq!(rules.iter().next().map(|r| r.name.as_str()), Some(tidings::LEARNED_LINE));
/// # Ok::<(), tidings::Error>(())
/// ```
pub const LEARNED_LINE: &str = "learned-line";

/// When a repeated line is learned, and how much a [`Learner`] keeps.
///
/// ```
/// use tidings::{LearnSettings, Learner, Rules};
/// let mut settings = LearnSettings::default();
/// settings.min_posts = 5; // a line must stand in 5 posts of its source
/// settings.max_chars = 60;
/// let learner = Learner::with_settings(settings, &Rules::builtin());
/// assert_eq!(learner.posts(), 0);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LearnSettings {
    /// A line must stand in at least this many posts of its source.
    pub min_posts: u32,
    /// ... and in at least this share of them (0.10 = 10%).
    pub min_share: f64,
    /// Lines longer than this (characters) are never learned: stock lines are short, and a long
    /// repeated paragraph is more likely a quoted passage worth keeping.
    pub max_chars: usize,
    /// How many lines at the head and at the tail of a post count as its edge.
    pub edge_lines: usize,
    /// Distinct lines kept per source; past it, lines seen once are dropped to make room.
    pub max_lines_per_source: usize,
    /// Sources kept; posts from further sources are counted as skipped.
    pub max_sources: usize,
}

impl Default for LearnSettings {
    fn default() -> LearnSettings {
        LearnSettings {
            min_posts: 3,
            min_share: 0.10,
            max_chars: 100,
            edge_lines: 3,
            max_lines_per_source: 20_000,
            max_sources: 10_000,
        }
    }
}

/// What a source's posts held, as counts.
#[derive(Debug, Default, Clone)]
struct Source {
    posts: u32,
    lines: HashMap<u64, Seen>,
    /// Image URLs, counted as lines are (every image counts as at an edge: where an icon or a
    /// banner stands says nothing).
    images: HashMap<u64, Seen>,
}

#[derive(Debug, Clone, Default)]
struct Seen {
    posts: u32,
    edge: u32,
    /// The line as it first read, kept from its second sighting on.
    text: Option<Box<str>>,
}

/// Learns the lines an archive's sources repeat; see the module documentation.
///
/// ```
/// use tidings::{Learner, Options, Post};
/// let mut learner = Learner::new();
/// for n in 0..5 {
///     let post = Post::parse(&format!(
///         "---\nfrom: https://news.example/{n}\n---\n<p>Story number {n} has its own text.</p>\
///          <p>News Example Ltd, 1 Harbour Street</p>"
///     ))?;
///     learner.add(&post);
/// }
/// let learned = learner.rules();
/// assert!(learned.to_yaml().contains("News Example Ltd, 1 Harbour Street"));
/// let mut rules = tidings::Rules::builtin();
/// rules.extend(learned);
/// let post = Post::parse_with(
///     "---\nfrom: https://news.example/9\n---\n<p>A new story.</p><p>News  Example LTD, 1 Harbour Street</p>",
///     &Options::new().rules(rules),
/// )?;
/// assert_eq!(post.to_text_with(&tidings::TextOptions::new().title(false)), "A new story.\n");
/// assert_eq!(post.report().removed["learned-line"], 1);
/// # Ok::<(), tidings::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Learner {
    settings: LearnSettings,
    lexicon: Option<Lexicon>,
    sources: HashMap<String, Source>,
    skipped: u64,
}

impl Default for Learner {
    fn default() -> Learner {
        Learner::new()
    }
}

impl Learner {
    /// A learner with the default settings, judging calls to action with the built-in lexicon.
    ///
    /// ```
    /// let learner = tidings::Learner::new();
    /// assert_eq!((learner.posts(), learner.skipped()), (0, 0));
    /// assert_eq!(learner.rules().iter().count(), 0);
    /// ```
    pub fn new() -> Learner {
        Learner::with_settings(LearnSettings::default(), &Rules::builtin())
    }

    /// A learner with these settings, judging calls to action with the shape lexicon of `rules`.
    ///
    /// ```
    /// use tidings::{LearnSettings, Learner, Rules};
    /// // judging calls to action with the lexicon of the rules a run cleans with
    /// let learner = Learner::with_settings(LearnSettings::default(), &Rules::builtin());
    /// assert_eq!(learner.posts(), 0);
    /// ```
    pub fn with_settings(settings: LearnSettings, rules: &Rules) -> Learner {
        Learner {
            settings,
            lexicon: rules.lexicon().cloned(),
            sources: HashMap::new(),
            skipped: 0,
        }
    }

    /// Counts the lines of one cleaned post. A post without a source URL with a host is skipped
    /// (it cannot be told apart from other sources, and scoped rules could not reach it).
    ///
    /// ```
    /// use tidings::{Learner, Post};
    /// let mut learner = Learner::new();
    /// learner.add(&Post::parse("---\nfrom: https://news.example/1\n---\n<p>Text.</p>")?);
    /// learner.add(&Post::parse("<p>No source URL.</p>")?);
    /// assert_eq!((learner.posts(), learner.skipped()), (2, 1));
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn add(&mut self, post: &Post) {
        let Some(host) = post
            .metadata()
            .source_url
            .as_deref()
            .and_then(|u| Url::parse(u.trim()).ok())
            .and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
            })
        else {
            self.skipped += 1;
            return;
        };
        // a platform hosts many channels and authors, each with stock lines of its own that are
        // too rare among all the host's posts: they are counted for the author as well
        let author = post
            .metadata()
            .author
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        let keys: Vec<String> = std::iter::once(host.clone())
            .chain(author.map(|a| format!("{host}{AUTHOR_SEP}{a}")))
            .collect();
        let lines = post_lines(post.blocks(), self.settings.max_chars);
        let images = post_images(post.blocks());
        for (k, key) in keys.into_iter().enumerate() {
            if !self.sources.contains_key(&key) && self.sources.len() >= self.settings.max_sources {
                // past the cap a new host's post is skipped; a new author's only goes uncounted
                if k == 0 {
                    self.skipped += 1;
                    return;
                }
                continue;
            }
            let source = self.sources.entry(key).or_default();
            count_post(source, &lines, &images, &self.settings);
        }
    }

    /// Adds what another learner counted (over other posts), as if its posts had been added here:
    /// learners fed in parallel are merged into one. A line's text is kept from its second sighting
    /// in one learner, so feed each part at least a few hundred posts (a part that saw a line once
    /// counts it, but cannot name it).
    ///
    /// ```
    /// use tidings::{Learner, Post};
    /// let (mut a, mut b) = (Learner::new(), Learner::new());
    /// a.add(&Post::parse("---\nfrom: https://news.example/1\n---\n<p>One.</p>")?);
    /// b.add(&Post::parse("---\nfrom: https://news.example/2\n---\n<p>Two.</p>")?);
    /// a.merge(b);
    /// assert_eq!(a.posts(), 2);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn merge(&mut self, other: Learner) {
        self.skipped += other.skipped;
        for (host, theirs) in other.sources {
            if !self.sources.contains_key(&host) && self.sources.len() >= self.settings.max_sources
            {
                self.skipped += u64::from(theirs.posts);
                continue;
            }
            let ours = self.sources.entry(host).or_default();
            ours.posts += theirs.posts;
            let cap = self.settings.max_lines_per_source;
            merge_counts(&mut ours.lines, theirs.lines, cap);
            merge_counts(&mut ours.images, theirs.images, cap);
        }
    }

    /// How many posts were added, learned from or not.
    ///
    /// ```
    /// let mut learner = tidings::Learner::new();
    /// learner.add(&tidings::Post::parse("<p>x</p>")?);
    /// assert_eq!(learner.posts(), 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn posts(&self) -> u64 {
        self.skipped
            + self
                .sources
                .iter()
                .filter(|(k, _)| !k.contains(AUTHOR_SEP))
                .map(|(_, s)| u64::from(s.posts))
                .sum::<u64>()
    }

    /// How many posts were not learned from (no source host, or past the source cap).
    ///
    /// ```
    /// let mut learner = tidings::Learner::new();
    /// learner.add(&tidings::Post::parse("<p>A post without a source URL.</p>")?);
    /// assert_eq!(learner.skipped(), 1);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// The learned rules: one `learned-line` rule per source that repeats lines, scoped to it with
    /// `sites:`, its lines most frequent first.
    ///
    /// ```
    /// use tidings::{Learner, Post};
    /// let mut learner = Learner::new();
    /// for n in 0..4 {
    ///     let post = Post::parse(&format!(
    ///         "---\nfrom: https://news.example/{n}\n---\n<p>Story {n} has text of its own.</p><p>News Example Daily</p>"
    ///     ))?;
    ///     learner.add(&post);
    /// }
    /// let rule = learner.rules().iter().next().cloned().expect("a learned rule");
    /// assert_eq!(rule.name, tidings::LEARNED_LINE);
    /// assert_eq!(rule.sites, ["news.example"]);
    /// assert_eq!(rule.lines, ["News Example Daily"]);
    /// # Ok::<(), tidings::Error>(())
    /// ```
    pub fn rules(&self) -> Rules {
        /// What one host's counts and its authors' learned together, each text once.
        #[derive(Default)]
        struct HostLessons<'a> {
            posts: u32,
            lines: Vec<&'a str>,
            images: Vec<&'a str>,
            seen: HashSet<&'a str>,
        }
        let mut keys: Vec<&String> = self.sources.keys().collect();
        // a host's own counts first, then its authors' (the separator sorts before any name)
        keys.sort();
        let mut hosts: BTreeMap<&str, HostLessons<'_>> = BTreeMap::new();
        for key in keys {
            let source = &self.sources[key];
            let host = hosts.entry(host_of(key)).or_default();
            if !key.contains(AUTHOR_SEP) {
                host.posts = source.posts;
            }
            // an author's line may be the host's too: each is written once
            for l in self.learned(source.posts, &source.lines) {
                if host.seen.insert(l) {
                    host.lines.push(l);
                }
            }
            for i in self.learned(source.posts, &source.images) {
                if host.seen.insert(i) {
                    host.images.push(i);
                }
            }
        }
        let rules: Vec<Rule> = hosts
            .into_iter()
            .filter(|(_, h)| !(h.lines.is_empty() && h.images.is_empty()))
            .map(|(host, h)| {
                Rule::new(LEARNED_LINE)
                    .about(format!(
                        "{} lines and {} images repeated across the {} posts learned from {host}",
                        h.lines.len(),
                        h.images.len(),
                        h.posts
                    ))
                    .sites([host])
                    .lines(h.lines)
                    .images(h.images)
            })
            .collect();
        Rules::from_rules(rules).expect("learned rules name hosts that URLs gave")
    }

    /// What repeats enough in `counts` to be learned, most frequent first.
    fn learned<'a>(&self, posts: u32, counts: &'a HashMap<u64, Seen>) -> Vec<&'a str> {
        let mut found: Vec<(&Seen, &str)> = counts
            .values()
            .filter_map(|s| Some((s, s.text.as_deref()?)))
            .filter(|(s, text)| self.learns(posts, s, text))
            .collect();
        found.sort_by(|a, b| b.0.posts.cmp(&a.0.posts).then(a.1.cmp(b.1)));
        found.into_iter().map(|(_, t)| t).collect()
    }

    fn learns(&self, posts: u32, seen: &Seen, text: &str) -> bool {
        let settings = &self.settings;
        let needed = f64::from(posts) * settings.min_share;
        if seen.posts < settings.min_posts || f64::from(seen.posts) < needed {
            return false;
        }
        // at the edge of most of the posts it is in, or a call to action wherever it stands
        seen.edge * 2 >= seen.posts
            || self
                .lexicon
                .as_ref()
                .is_some_and(|l| l.scores_as_boilerplate(text))
    }
}

/// Separates a host from an author in the key of an author's counts (a character no host has).
const AUTHOR_SEP: char = '\u{1f}';

/// The host part of a source key.
fn host_of(key: &str) -> &str {
    key.split(AUTHOR_SEP).next().unwrap_or(key)
}

/// Counts one post's lines and images into `source`.
fn count_post(source: &mut Source, lines: &[Line], images: &[&str], settings: &LearnSettings) {
    let edge = settings.edge_lines;
    let cap = settings.max_lines_per_source;
    source.posts += 1;
    let mut images_here: Vec<u64> = Vec::with_capacity(images.len());
    for src in images {
        let hash = hash(src);
        if images_here.contains(&hash) {
            continue;
        }
        images_here.push(hash);
        count(&mut source.images, hash, src, true, cap);
    }
    let mut seen_here: Vec<u64> = Vec::with_capacity(lines.len());
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let at_edge = i < edge || i + edge >= n;
        for text in line.whole.iter().chain(&line.sentences) {
            let key = line_key(text);
            if key.chars().count() < 2 {
                continue;
            }
            let hash = hash(&key);
            if seen_here.contains(&hash) {
                continue;
            }
            seen_here.push(hash);
            count(&mut source.lines, hash, text, at_edge, cap);
        }
    }
}

/// Counts one sighting of `hash` in a post; `cap` bounds the map (lines seen once are the many, and
/// those seen twice or more the candidates, so the former make room).
fn count(map: &mut HashMap<u64, Seen>, hash: u64, text: &str, at_edge: bool, cap: usize) {
    if !map.contains_key(&hash) && map.len() >= cap {
        map.retain(|_, s| s.posts > 1);
        if map.len() >= cap {
            return;
        }
    }
    let seen = map.entry(hash).or_default();
    seen.posts += 1;
    seen.edge += u32::from(at_edge);
    if seen.posts >= 2 && seen.text.is_none() {
        seen.text = Some(text.into());
    }
}

fn merge_counts(ours: &mut HashMap<u64, Seen>, theirs: HashMap<u64, Seen>, cap: usize) {
    for (hash, s) in theirs {
        let mine = ours.entry(hash).or_default();
        mine.posts += s.posts;
        mine.edge += s.edge;
        if mine.text.is_none() {
            mine.text = s.text;
        }
    }
    if ours.len() > cap {
        ours.retain(|_, s| s.posts > 1);
    }
}

/// The post's image URLs, in figures and in text.
fn post_images(blocks: &[Block]) -> Vec<&str> {
    let mut out = Vec::new();
    for b in crate::model::events::leaves(blocks) {
        if let Block::Figure { image, .. } = b {
            out.push(image.src.as_str());
        }
    }
    crate::model::walk_inlines(blocks, &mut |i| {
        if let Inline::Image { image } = i {
            out.push(image.src.as_str());
        }
    });
    out
}

fn hash(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// One line of a post, as the learner counts it.
struct Line {
    /// The line, when it is short enough to learn.
    whole: Option<String>,
    /// The line's sentences and link lines (as the shape pass cuts units), when it has more than
    /// one: feeds run an outlet's stock lines together into one line, and the shape pass finds a
    /// learned one among a paragraph's units.
    sentences: Vec<String>,
}

/// The post's lines in reading order, as the line rules see them: each line of a paragraph (split at
/// line breaks) and each heading, in lists and quotes too. Lines too long to learn have no `whole`,
/// so that the edges are counted over every line.
fn post_lines(blocks: &[Block], max_chars: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let mut stack: Vec<&Block> = blocks.iter().rev().collect();
    let push = |inlines: &[Inline], out: &mut Vec<Line>| {
        let text = plain_text(inlines);
        let text = text.trim();
        let short = |t: &str| t.chars().count() <= max_chars;
        let units = segments(text);
        let sentences = if units.len() > 1 {
            units
                .into_iter()
                .map(|(_, t)| t)
                .filter(|t| short(t))
                .map(String::from)
                .collect()
        } else {
            Vec::new()
        };
        out.push(Line {
            whole: short(text).then(|| text.to_string()),
            sentences,
        });
    };
    while let Some(b) = stack.pop() {
        match b {
            Block::Heading { content, .. } => push(content, &mut out),
            Block::Paragraph { content } => {
                for line in content.split(|i| matches!(i, Inline::LineBreak)) {
                    push(line, &mut out);
                }
            }
            Block::List { items, .. } => {
                for item in items.iter().rev() {
                    stack.extend(item.iter().rev());
                }
            }
            Block::Quote { blocks } => stack.extend(blocks.iter().rev()),
            // code, figures, tables and rules are content or structure the line rules never see
            _ => out.push(Line {
                whole: None,
                sentences: Vec::new(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, TextOptions};

    fn post(host: &str, n: usize, body: &str) -> Post {
        Post::parse(&format!("---\nfrom: https://{host}/{n}\n---\n{body}")).expect("a post")
    }

    /// Four paragraphs of their own, as an article has.
    fn story(n: usize) -> String {
        (0..4)
            .map(|k| format!("<p>Story {n} reports what happened on day {n}, part {k}.</p>"))
            .collect()
    }

    #[test]
    fn a_tail_line_repeated_across_posts_is_learned_for_its_site_only() {
        let mut l = Learner::new();
        for n in 0..10 {
            l.add(&post(
                "a.example",
                n,
                &format!("{}<p>编辑：张三</p>", story(n)),
            ));
            l.add(&post("b.example", n, &story(n)));
        }
        let rules = l.rules();
        let learned: Vec<&Rule> = rules.iter().collect();
        assert_eq!(learned.len(), 1);
        assert_eq!(learned[0].sites, ["a.example"]);
        assert_eq!(learned[0].lines, ["编辑：张三"]);
        let mut all = Rules::builtin();
        all.extend(rules);
        let opts = Options::new().rules(all);
        let text = TextOptions::new().title(false);
        let here = Post::parse_with(
            "---\nfrom: https://www.a.example/x\n---\n<p>New.</p><p>编辑： 张三</p>",
            &opts,
        )
        .unwrap();
        assert_eq!(here.to_text_with(&text), "New.\n");
        let there = Post::parse_with(
            "---\nfrom: https://b.example/x\n---\n<p>New.</p><p>编辑：张三</p>",
            &opts,
        )
        .unwrap();
        assert_eq!(there.to_text_with(&text), "New.\n\n编辑：张三\n");
    }

    #[test]
    fn an_authors_stock_sentence_on_a_many_author_host_is_learned_inside_a_paragraph() {
        // 60 posts on one platform; one channel's 4 (under the host's 10% share) run its stock
        // sentence into the description's last line
        let mut l = Learner::new();
        for n in 0..60 {
            let author = if n < 4 { "频道甲" } else { "其他作者" };
            let body = if n < 4 {
                format!(
                    "{}<p>第{n}期节目讲了本地新闻的第{n}个故事。这是我们频道的新家，旧的频道已经关闭了。</p>",
                    story(n)
                )
            } else {
                story(n + 100)
            };
            let p = Post::parse(&format!(
                "---\nauthor: {author}\nfrom: https://video.example/{n}\n---\n{body}"
            ))
            .unwrap();
            l.add(&p);
        }
        assert_eq!(l.posts(), 60);
        let rules = l.rules();
        let learned: Vec<&Rule> = rules.iter().collect();
        assert_eq!(learned.len(), 1);
        assert_eq!(learned[0].sites, ["video.example"]);
        assert_eq!(
            learned[0].lines,
            ["这是我们频道的新家，旧的频道已经关闭了。"]
        );
        let mut all = Rules::builtin();
        all.extend(rules);
        let new = Post::parse_with(
            "---\nfrom: https://video.example/new\n---\n\
             <p>这一期讲的是河边新开的市场和它周末的早市。这是我们频道的新家，旧的频道已经关闭了。</p>",
            &Options::new().rules(all),
        )
        .unwrap();
        assert_eq!(
            new.to_text_with(&TextOptions::new().title(false)),
            "这一期讲的是河边新开的市场和它周末的早市。\n"
        );
        assert_eq!(new.report().removed[LEARNED_LINE], 1);
    }

    #[test]
    fn a_heading_repeated_in_the_middle_is_not_learned() {
        let mut l = Learner::new();
        for n in 0..10 {
            let body = format!("{}<h2>Background</h2>{}", story(n), story(n + 100));
            l.add(&post("a.example", n, &body));
        }
        assert_eq!(l.rules().iter().count(), 0);
    }

    #[test]
    fn a_call_to_action_is_learned_wherever_it_stands() {
        let mut l = Learner::new();
        for n in 0..6 {
            let body = format!("{}<p>欢迎订阅我们的频道</p>{}", story(n), story(n + 100));
            l.add(&post("a.example", n, &body));
        }
        let rules = l.rules();
        let lines: Vec<&String> = rules.iter().flat_map(|r| &r.lines).collect();
        assert!(
            lines.contains(&&"欢迎订阅我们的频道".to_string()),
            "{lines:?}"
        );
        assert_eq!(lines.len(), 1, "{lines:?}");
    }

    #[test]
    fn rare_lines_and_posts_without_a_source_are_not_learned() {
        let mut l = Learner::new();
        // in 2 of 30 posts: under both the post count and the share
        for n in 0..30 {
            let tail = if n < 2 { "<p>Rare line</p>" } else { "" };
            l.add(&post("a.example", n, &format!("{}{tail}", story(n))));
        }
        for n in 0..5 {
            l.add(&Post::parse(&format!("{}<p>No source</p>", story(n))).unwrap());
        }
        assert_eq!(l.rules().iter().count(), 0);
        assert_eq!((l.posts(), l.skipped()), (35, 5));
    }

    #[test]
    fn merged_learners_learn_what_one_would() {
        let body = |n| format!("{}<p>Example Daily, since 1893</p>", story(n));
        let mut one = Learner::new();
        let (mut a, mut b) = (Learner::new(), Learner::new());
        for n in 0..6 {
            one.add(&post("a.example", n, &body(n)));
            if n % 2 == 0 { &mut a } else { &mut b }.add(&post("a.example", n, &body(n)));
        }
        a.merge(b);
        assert_eq!(a.rules(), one.rules());
        assert_eq!(a.rules().iter().count(), 1);
    }

    #[test]
    fn an_image_repeated_across_posts_is_learned_and_removed() {
        let mut l = Learner::new();
        for n in 0..8 {
            let body = format!(
                "{}<p><img src=\"https://a.example/ui/zoom.png\"><img src=\"https://a.example/p/{n}.jpg\"></p>",
                story(n)
            );
            l.add(&post("a.example", n, &body));
        }
        let learned = l.rules();
        let images: Vec<&String> = learned.iter().flat_map(|r| &r.images).collect();
        assert_eq!(images, ["https://a.example/ui/zoom.png"]);
        let mut all = Rules::builtin();
        all.extend(learned);
        let p = Post::parse_with(
            "---\nfrom: https://a.example/new\n---\n<p>New.</p><p><img src=\"https://a.example/ui/zoom.png\"></p>",
            &Options::new().rules(all),
        )
        .unwrap();
        assert_eq!(
            p.to_markdown_with(&crate::MarkdownOptions::new().front_matter(false)),
            "New.\n"
        );
        assert_eq!(p.report().removed[LEARNED_LINE], 1);
    }

    #[test]
    fn memory_stays_within_the_line_cap() {
        let settings = LearnSettings {
            max_lines_per_source: 50,
            ..LearnSettings::default()
        };
        let mut l = Learner::with_settings(settings, &Rules::builtin());
        for n in 0..200 {
            let body: String = (0..20).map(|k| format!("<p>line {n} {k}</p>")).collect();
            l.add(&post(
                "a.example",
                n,
                &format!("{body}<p>Example Daily, since 1893</p>"),
            ));
        }
        assert!(l.sources["a.example"].lines.len() <= 50);
        let rules = l.rules();
        let lines: Vec<&String> = rules.iter().flat_map(|r| &r.lines).collect();
        assert_eq!(lines, ["Example Daily, since 1893"]);
    }
}
