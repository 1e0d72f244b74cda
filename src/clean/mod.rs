//! The DOM walker: one pass over the parsed body that drops junk by rule, resolves images and links,
//! collapses whitespace and builds the model.
//!
//! Rather than rewriting the DOM and then reading it again, the walker decides per element (with the
//! rules in force and the helpers beside this file) and builds [`Block`]s as it goes. It keeps an
//! explicit stack of open frames, so nesting depth in the input never becomes call depth.
//!
//! Two kinds of removal: rules (`rules.rs`, written as data in `builtin-rules.yaml`), which are
//! policy and can be renamed, scoped or turned off; and mechanics (`mechanics.rs`), which run under
//! any rules.

pub(crate) mod article;
pub(crate) mod breaks;
mod builtin;
pub(crate) mod compiled;
pub(crate) mod credits;
mod fast_hash;
pub(crate) mod gallery;
mod hashtags;
pub(crate) mod images;
pub(crate) mod links;
pub(crate) mod mechanics;
pub(crate) mod media;
mod names;
mod patterns;
pub(crate) mod plain;
mod promo;
pub(crate) mod related;
pub(crate) mod rules;
pub(crate) mod server_errors;
mod sites;
mod table;
mod tag_links;
mod walk;

pub(crate) use sites::InForce;
pub(crate) use walk::text_bytes as visible_text_bytes;

#[cfg(test)]
mod tests {
    use super::mechanics;
    use super::rules::Rules;
    use crate::dom::Dom;
    use crate::report::Report;

    /// A body holding something for every rule and every mechanic.
    const EVERYTHING: &str = concat!(
        "<hr><p>Kept text.</p>",
        "<p><b>Warning</b>: Undefined variable in <b>/srv/www/index.php</b> on line <b>12</b></p>",
        "<script>var a;</script><style>p{}</style><noscript><img src=\"/n.jpg\"></noscript>",
        "<div class=\"ad\">Ad</div><div class=\"sr-only\">Caption</div><p hidden>Hidden</p>",
        "<svg><text>Drawing</text></svg><iframe src=\"/v\"></iframe><nav>Menu</nav>",
        "<form><input name=\"q\"></form><div class=\"newsletter\">Subscribe</div>",
        "<div class=\"share\">Share</div><div class=\"related\">Others</div><div id=\"comments\">Hi</div>",
        "<div class=\"sidebar\">About me</div><p class=\"postmetadata\">Filed under News</p>",
        "<p><a rel=\"tag\" href=\"/t\">Topic</a> <a href=\"/x\">more</a></p>",
        "<p>Advertisement</p>",
        "<p>Image 2 of 8</p>",
        "<p>The post appeared first on Site<br><a href=\"/feed\">/feed</a></p>",
        "<h2>Related</h2><ul><li><a href=\"/a\">Another story</a></li></ul>",
        "<img src=\"/t.jpg\"><img src=\"/t.jpg\"><img src=\"/p.gif\" width=\"1\" height=\"1\">",
        "<img src=\"data:x\"><img alt=\"a\">",
        "<img class=\"view-desktop\" src=\"/d.jpg\"><img class=\"view-mobile\" src=\"/m.jpg\">",
        "<p>a<br><br>b<br></p><p><a href=\"javascript:x\">js</a> <a href=\"/q?utm_source=x\">q</a></p>",
        "<p>",
        "Long enough prose to make the link list a minor part of the article's text, as the rule ",
        "asks before it removes one: several sentences of ordinary writing, kept whatever the rules.",
        "</p>",
    );

    fn removed(rules: &Rules) -> Vec<String> {
        let dom = Dom::parse(EVERYTHING, 10_000).unwrap();
        let mut report = Report::default();
        let in_force = rules.in_force(None, None);
        super::article::clean(&dom, dom.body(), &in_force, None, &mut report);
        report.removed.into_keys().collect()
    }

    /// Mechanics a body fragment cannot show: `outside-article` counts what choosing a whole page's
    /// article leaves out (the whole-page fixture shows it), `repeated-title` needs a post's title
    /// (the repeated-title fixture shows it), `repeated-lede` runs with it once the article is
    /// whole (the repeated-lede fixture shows it), and so does `breadcrumb` (the
    /// breadcrumb-trail-at-head fixture shows it), `slideshow` needs an article of several
    /// paragraphs around its list (the slideshow fixture shows it).
    fn fragment_mechanics() -> impl Iterator<Item = &'static mechanics::Mechanic> {
        mechanics::ALL.iter().filter(|m| {
            m.name != mechanics::OUTSIDE_ARTICLE.name
                && m.name != mechanics::REPEATED_TITLE.name
                && m.name != mechanics::REPEATED_LEDE.name
                && m.name != mechanics::BREADCRUMB.name
                && m.name != mechanics::SLIDESHOW.name
        })
    }

    #[test]
    fn empty_rules_remove_only_mechanics() {
        let mut mechanics: Vec<&str> = fragment_mechanics().map(|m| m.name).collect();
        mechanics.sort_unstable();
        assert_eq!(removed(&Rules::empty()), mechanics);
    }

    #[test]
    fn builtin_rules_remove_every_rule_and_every_mechanic() {
        let mut all: Vec<String> = fragment_mechanics().map(|m| m.name.to_string()).collect();
        all.extend(Rules::builtin().iter().map(|r| r.name.clone()));
        all.sort_unstable();
        assert_eq!(removed(&Rules::builtin()), all);
    }

    #[test]
    fn rule_and_mechanic_names_are_distinct_and_documented() {
        let readme = include_str!("../../README.md");
        let mut seen = std::collections::HashSet::new();
        let builtin = Rules::builtin();
        let names = mechanics::ALL
            .iter()
            .map(|m| m.name.to_string())
            .chain(builtin.iter().map(|r| r.name.clone()));
        for name in names {
            assert!(seen.insert(name.clone()), "{name} is declared twice");
            assert!(
                readme.contains(&format!("`{name}`")),
                "README does not name {name}"
            );
        }
    }

    #[test]
    fn the_readme_rules_example_reads() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```yaml\n")
            .expect("README has a rules example")
            + 8;
        let end = start + readme[start..].find("```").expect("the example ends");
        let rules = Rules::from_yaml(&readme[start..end]).unwrap();
        assert_eq!(Rules::from_yaml(&rules.to_yaml()).unwrap(), rules);
        assert_eq!(rules.iter().next().map(|r| r.sites.len()), Some(1));
    }
}
