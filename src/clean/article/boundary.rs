//! Where the article starts and ends: every top-level block gets a content score from general
//! features (its length, sentences, links, kind, where it stands against the densest
//! prose), and the article is the best contiguous run of blocks by that score. What lies outside
//! the run goes, counted under `boundary`; nothing is cut out of the middle.
//!
//! The weights are data (`article: boundary:` in the rules), fitted by `examples/fit_boundary.rs` with a
//! logistic regression on blocks labelled from reference extractions and hand-judged snippets, and
//! validated on outlets left out of the fit (see docs/cleaning.md). A newcomer reads this file and
//! the fitting program to learn how the edges are found.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::container::score::PageLexicon;
use super::shape::Lexicon;
use crate::dom::{Dom, NodeId};
use crate::model::{Block, Inline};
use crate::report::Report;

/// The name the report counts the blocks outside the article under.
pub(crate) const BOUNDARY: &str = "boundary";

/// The features, in the order `features` writes them. The rule data names weights by these.
pub const FEATURES: &[&str] = &[
    "log_chars",
    "heading",
    "list",
    "figure",
    "table",
    "quote_or_code",
    "link_density",
    "log_sentences",
    "log_commas",
    "ends_sentence",
    "short",
    "digit_share",
    "ends_colon",
    "orphan_heading",
    "heading_over_list",
    "linked_items",
    "log_item_chars",
    "before_core",
    "after_core",
    "distance",
    "log_prose_beyond",
    "neighbour_link_density",
    "title_case",
    "log_images",
    "window_short_share",
    "window_log_chars",
    "levels_outside",
    "chrome_tag",
    "negative_name",
    "date_line",
    "call_after_core",
    "outlet_after_core",
    "standfirst",
];

/// A block shorter than this ([`Measure::weight`]) anchors no edge however sure the model is of it.
const SURE_MIN_WEIGHT: usize = 40;

/// The first of the two features [`add_calls`] reads (`call_after_core`, `outlet_after_core`).
const CALL_FEATURES: usize = 30;

/// How many blocks on each side [`features`] reads as a block's surroundings.
const WINDOW: usize = 3;

/// How many features a block has.
pub const N: usize = FEATURES.len();

/// The boundary model as the rules file's `article: boundary:` key writes it. Weights are thousandths, whole
/// numbers so that rules compare equal after a YAML round trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct BoundaryWeights {
    /// The intercept, in thousandths.
    pub bias: i64,
    /// A weight per feature name, in thousandths; a name not listed weighs nothing.
    pub weights: BTreeMap<String, i64>,
    /// Added to every block's score, in thousandths: how sure the model must be before an edge goes.
    pub margin: i64,
    /// At most this share (percent) of the article's characters may lie outside the run; beyond
    /// it the article is kept whole (the model is unsure of an article that is mostly "junk").
    pub max_trim_share: usize,
    /// An article with fewer characters is not trimmed: too little to tell an edge from a core.
    pub min_chars: usize,
    /// A block whose score (margin included, in thousandths) reaches this is content for sure: the
    /// article's run always holds it.
    pub sure: i64,
}

impl Default for BoundaryWeights {
    fn default() -> BoundaryWeights {
        BoundaryWeights {
            bias: 0,
            weights: BTreeMap::new(),
            margin: 0,
            max_trim_share: 50,
            min_chars: 200,
            sure: 1500,
        }
    }
}

/// The rule data's `article: boundary:` key as an array in [`FEATURES`] order.
#[derive(Debug, Clone)]
pub struct Model {
    /// The intercept.
    pub bias: f64,
    /// One weight per feature.
    pub weights: [f64; N],
    /// Added to each block's score.
    pub margin: f64,
    /// At most this share of the article's characters may lie outside the run.
    pub max_trim_share: f64,
    /// An article with fewer characters is not trimmed.
    pub min_chars: usize,
    /// A block whose score (margin included) reaches this is always kept.
    pub sure: f64,
}

impl Model {
    pub(crate) fn new(w: &BoundaryWeights) -> Result<Model, String> {
        let mut weights = [0.0; N];
        for (name, &v) in &w.weights {
            let i = FEATURES
                .iter()
                .position(|f| f == name)
                .ok_or_else(|| format!("boundary: unknown feature `{name}`"))?;
            weights[i] = v as f64 / 1000.0;
        }
        Ok(Model {
            bias: w.bias as f64 / 1000.0,
            weights,
            margin: w.margin as f64 / 1000.0,
            max_trim_share: w.max_trim_share as f64 / 100.0,
            min_chars: w.min_chars,
            sure: w.sure as f64 / 1000.0,
        })
    }

    /// The log-odds that the block with these features is article content.
    pub fn logit(&self, f: &[f64; N]) -> f64 {
        self.bias + self.terms(f, 0..N, -0.0)
    }

    /// The weighted features of `range` added to `sum` one after the other, as `f64`'s `sum`
    /// adds them (from −0.0): [`Model::logit`]'s sum taken in two parts, the second from the
    /// first, is the same number, so that the features two rows share are weighed once.
    fn terms(&self, f: &[f64; N], range: std::ops::Range<usize>, sum: f64) -> f64 {
        f[range.clone()]
            .iter()
            .zip(&self.weights[range])
            .fold(sum, |s, (x, w)| s + x * w)
    }
}

/// What one block weighs: its text's characters (for shares) and whether it has text at all.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Visible characters.
    pub chars: usize,
    /// Characters as much as they say: a CJK character counts twice, as it says about what two
    /// letters of a word do (how sure a block can be with its length).
    pub weight: usize,
    /// Frames (rules, empty blocks) take no side: they follow their neighbours.
    pub frame: bool,
}

/// Where a page's blocks came from: the DOM, a node inside each block's element, and the page
/// lexicon's class and id words.
pub(crate) struct Place<'a> {
    pub(crate) dom: &'a Dom,
    pub(crate) origins: Vec<NodeId>,
    pub(crate) lexicon: Option<&'a PageLexicon>,
}

/// Per block: its features and measure. Without a place (a plain-text body) every block stands
/// in the article's container.
fn features(
    basics: &[Basic],
    place: Option<&Place<'_>>,
    placed: &mut Option<(usize, Vec<Placed>)>,
    blocks: &[Block],
    calls: &mut Calls<'_>,
) -> Vec<([f64; N], Measure)> {
    let (core, mut scored) = features_but_calls(basics, place, placed);
    add_calls(&mut scored, core, blocks, basics, calls);
    scored
}

/// `(1.0 + n as f64).ln()`, the same number, from a table for the small counts most blocks have
/// (sentences, commas, images, short blocks' characters and lengths): the features of every block
/// took several logarithms of libm's, and the run's sums one or two more a block.
fn ln_1p_count(n: usize) -> f64 {
    const SMALL: usize = 64;
    static TABLE: std::sync::OnceLock<[f64; SMALL]> = std::sync::OnceLock::new();
    if n < SMALL {
        TABLE.get_or_init(|| std::array::from_fn(|k| (1.0 + k as f64).ln()))[n]
    } else {
        (1.0 + n as f64).ln()
    }
}

/// [`features`] but the two read with the shape lexicon and the outlet's names
/// (`call_after_core`, `outlet_after_core`: see [`add_calls`]), left at 0, and the core block.
fn features_but_calls(
    basics: &[Basic],
    place: Option<&Place<'_>>,
    placed: &mut Option<(usize, Vec<Placed>)>,
) -> (usize, Vec<([f64; N], Measure)>) {
    // the core: the block with the most prose (characters outside links, in sentences)
    let core = basics
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.frame && b.kind == Kind::Paragraph)
        .max_by(|(_, a), (_, b)| a.prose().total_cmp(&b.prose()))
        .or_else(|| {
            basics
                .iter()
                .enumerate()
                .filter(|(_, b)| !b.frame)
                .max_by(|(_, a), (_, b)| a.prose().total_cmp(&b.prose()))
        })
        .map_or(0, |(i, _)| i);
    let prose: Vec<f64> = basics.iter().map(Basic::prose).collect();
    let total_prose: f64 = prose.iter().sum();
    let before_prose: Vec<f64> = prose
        .iter()
        .scan(0.0, |acc, p| {
            let before = *acc;
            *acc += p;
            Some(before)
        })
        .collect();
    let n = basics.len().max(1) as f64;
    let log_chars: Vec<f64> = basics.iter().map(|b| ln_1p_count(b.chars)).collect();
    // where each block stands depends on the core only: read again when the core moved
    if let Some(p) = place {
        if placed.as_ref().is_none_or(|(c, _)| *c != p.origins[core]) {
            *placed = Some((p.origins[core], p.read(core)));
        }
    }
    let places = placed.as_ref().map(|(_, p)| p);
    let next_text = |i: usize| basics[i + 1..].iter().find(|b| !b.frame);
    let prev_text = |i: usize| basics[..i].iter().rev().find(|b| !b.frame);
    let scored = basics
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut f = [0.0; N];
            let chars = b.chars as f64;
            f[0] = log_chars[i];
            f[1] = (b.kind == Kind::Heading) as u8 as f64;
            f[2] = (b.kind == Kind::List) as u8 as f64;
            f[3] = (b.kind == Kind::Figure) as u8 as f64;
            f[4] = (b.kind == Kind::Table) as u8 as f64;
            f[5] = (b.kind == Kind::Other) as u8 as f64;
            f[6] = b.link_density();
            f[7] = ln_1p_count(b.sentences);
            f[8] = ln_1p_count(b.commas);
            // a sentence ends inside its closing quotes and brackets: “……。” and (…….)
            f[9] = b.ends_sentence() as u8 as f64;
            f[10] = (b.chars < 20) as u8 as f64;
            f[11] = if b.chars == 0 {
                0.0
            } else {
                b.digits as f64 / chars
            };
            f[12] = b.ends_colon() as u8 as f64;
            let next = next_text(i);
            f[13] = (b.kind == Kind::Heading
                && next.is_none_or(|n| n.kind == Kind::Heading && n.level <= b.level))
                as u8 as f64;
            f[14] = (b.kind == Kind::Heading && next.is_some_and(|n| n.kind == Kind::List)) as u8
                as f64;
            f[15] = b.linked_items;
            f[16] = if b.items > 0 {
                (1.0 + chars / b.items as f64).ln()
            } else {
                0.0
            };
            f[17] = (i < core) as u8 as f64;
            f[18] = (i > core) as u8 as f64;
            f[19] = (i as f64 - core as f64).abs() / n;
            // prose on the far side of this block from the core: an edge has none
            let beyond = if i < core {
                before_prose[i]
            } else if i > core {
                total_prose - before_prose[i] - prose[i]
            } else {
                0.0
            };
            f[20] = (1.0 + beyond).ln();
            let (mut around, mut seen) = (0.0, 0);
            for b in [prev_text(i), next].into_iter().flatten() {
                around += b.link_density();
                seen += 1;
            }
            f[21] = if seen == 0 { 0.0 } else { around / seen as f64 };
            f[22] = b.title_case();
            f[23] = ln_1p_count(b.images);
            // the blocks around: a sentence among a run of short labels (a player's controls, a
            // menu) stands in chrome, a short line among paragraphs in the article
            let (mut w, mut short, mut sum) = (0usize, 0usize, 0.0);
            let lo = i.saturating_sub(WINDOW);
            let hi = (i + 1 + WINDOW).min(basics.len());
            // the blocks before, then those after: two plain loops where a chain of the two
            // ranges tested which one it was in at every step (the same sum, in the same order)
            let mut neighbour = |k: usize| {
                if !basics[k].frame {
                    w += 1;
                    short += usize::from(basics[k].chars < 20);
                    sum += log_chars[k];
                }
            };
            (lo..i).for_each(&mut neighbour);
            (i + 1..hi).for_each(&mut neighbour);
            if w > 0 {
                f[24] = short as f64 / w as f64;
                f[25] = sum / w as f64;
            }
            f[29] = b.date_line() as u8 as f64;
            if let Some(p) = places.and_then(|p| p.get(i)) {
                f[26] = ln_1p_count(p.levels_outside);
                // an article's own header is chrome but for its standfirst: a paragraph of
                // prose there (a headline, a by-line or a share row is none)
                let standfirst = p.article_header
                    && b.kind == Kind::Paragraph
                    && b.ends_sentence()
                    && b.link_density() < 0.5;
                f[27] = (p.chrome_tag || p.article_header && !standfirst) as u8 as f64;
                f[28] = p.negative_name as u8 as f64;
                f[32] = standfirst as u8 as f64;
            }
            (
                f,
                Measure {
                    chars: b.chars,
                    weight: b.chars + b.wide,
                    frame: b.frame,
                },
            )
        })
        .collect();
    (core, scored)
}

/// The features read with the shape lexicon and the outlet's names, below the core only.
fn add_calls(
    scored: &mut [([f64; N], Measure)],
    core: usize,
    blocks: &[Block],
    basics: &[Basic],
    calls: &mut Calls<'_>,
) {
    for (i, (f, _)) in scored.iter_mut().enumerate().skip(core + 1) {
        // ledes name platforms and apps: only below the core does a call read as the outlet's
        f[CALL_FEATURES] = calls.get(i, blocks, basics) as u8 as f64;
        // and a line naming the outlet there is the outlet's own (its app, shop, disclaimer)
        f[CALL_FEATURES + 1] = calls.names_outlet(i, blocks, basics) as u8 as f64;
    }
}

/// Whether [`keep_range`] keeps every block whatever [`add_calls`] would find: with the call
/// features at their worst, every sum of the scores from the first block on, and every sum up to
/// the last, stays positive (by more than any rounding of the sums), so that the best run starts
/// at the first block and ends at the last. A logit only grows as a term of its sum grows, in
/// floating point too. The look with the lexicon is spared for the articles that end in prose.
/// `open` tells for a block below the core whether each look may find it (`Calls::may_call`,
/// `Calls::may_name_outlet`). `heads` gets each block's sum of the features before the calls'
/// (0 for a frame), from which [`logits_after_calls`] weighs the block once the calls are known.
fn kept_whole_whatever_calls(
    scored: &[([f64; N], Measure)],
    core: usize,
    model: &Model,
    open: impl Fn(usize) -> [bool; 2],
    heads: &mut Vec<f64>,
) -> bool {
    let mut low = Vec::with_capacity(scored.len());
    let mut magnitude = 0.0;
    let mut unsure = false;
    heads.clear();
    heads.reserve(scored.len());
    for (i, (f, m)) in scored.iter().enumerate() {
        // frames score nothing, as in `keep_range`
        if m.frame {
            low.push(0.0);
            heads.push(0.0);
            continue;
        }
        let (mut worst, mut best) = (*f, *f);
        let mut moved = false;
        if i > core {
            // a block either look passes by is known to be none (as `add_calls` will find)
            for (k, open) in [CALL_FEATURES, CALL_FEATURES + 1].into_iter().zip(open(i)) {
                if !open {
                    continue;
                }
                let negative = model.weights[k] < 0.0;
                worst[k] = f64::from(u8::from(negative));
                best[k] = f64::from(u8::from(!negative));
                moved = true;
            }
        }
        // the features before the calls' are the block's own in both: summed once
        let head = model.terms(f, 0..CALL_FEATURES, -0.0);
        heads.push(head);
        let logit = |g: &[f64; N]| model.bias + model.terms(g, CALL_FEATURES..N, head);
        let length = ln_1p_count(m.chars + 1);
        let lo = (logit(&worst) + model.margin) * length;
        let hi = if moved {
            (logit(&best) + model.margin) * length
        } else {
            lo
        };
        // a NaN is never kept whole on its sums (read on, so that every block has its head)
        unsure |= lo.is_nan() || hi.is_nan();
        magnitude += lo.abs().max(hi.abs());
        low.push(lo);
    }
    let Some(last) = low.len().checked_sub(1) else {
        return false;
    };
    if unsure {
        return false;
    }
    let rounding = magnitude * f64::EPSILON * 4.0 * (low.len() as f64 + 2.0);
    let positive = |scores: &mut dyn Iterator<Item = &f64>| {
        let mut sum = 0.0;
        for s in scores {
            sum += s;
            if sum <= rounding {
                return false;
            }
        }
        true
    };
    positive(&mut low[..last].iter()) && positive(&mut low[1..].iter().rev())
}

/// The blocks to keep: the contiguous run whose scores sum highest, stretched to hold every block
/// the model is sure of; all of them when the model would take too much (or the article is too
/// short to judge).
pub fn keep_range(scored: &[([f64; N], Measure)], model: &Model) -> std::ops::Range<usize> {
    let logits = scored
        .iter()
        .map(|(f, m)| (!m.frame).then(|| model.logit(f) + model.margin))
        .collect();
    keep_range_of(scored, logits, model)
}

/// Each block's logit and margin as [`keep_range`] weighs it (`None` for a frame), from the sums
/// [`kept_whole_whatever_calls`] took of the features before the calls' (`heads`): the calls'
/// features are the last, and a sum taken in two parts is the same number.
fn logits_after_calls(
    scored: &[([f64; N], Measure)],
    heads: &[f64],
    model: &Model,
) -> Vec<Option<f64>> {
    scored
        .iter()
        .zip(heads)
        .map(|((f, m), &head)| {
            (!m.frame).then(|| model.bias + model.terms(f, CALL_FEATURES..N, head) + model.margin)
        })
        .collect()
}

/// [`keep_range`] with the blocks' logits (margin added; `None` for a frame) given.
fn keep_range_of(
    scored: &[([f64; N], Measure)],
    logits: Vec<Option<f64>>,
    model: &Model,
) -> std::ops::Range<usize> {
    let all = 0..scored.len();
    let total: usize = scored.iter().map(|(_, m)| m.chars).sum();
    if total < model.min_chars {
        return all;
    }
    // each block's log-odds weighed by its length, so that a long paragraph outweighs a short
    // line; frames weigh nothing
    let score: Vec<f64> = logits
        .iter()
        .zip(scored)
        .map(|(l, (_, m))| l.map_or(0.0, |l| l * ln_1p_count(m.chars + 1)))
        .collect();
    // maximum-sum run (Kadane)
    let mut best = (f64::MIN, 0, 0);
    let mut run = (0.0, 0);
    for (i, &s) in score.iter().enumerate() {
        if run.0 <= 0.0 {
            run = (0.0, i);
        }
        run.0 += s;
        if run.0 > best.0 {
            best = (run.0, run.1, i + 1);
        }
    }
    if best.0 <= 0.0 {
        return all;
    }
    let (mut start, mut end) = (best.1, best.2);
    // a block the model is sure of is never an edge: losing article is worse than keeping a line.
    // A short line is never that sure: a copyright or a label under the footer's links would hold
    // the whole footer in
    let sure = |(l, (_, m)): (&Option<f64>, &([f64; N], Measure))| {
        m.weight >= SURE_MIN_WEIGHT && l.is_some_and(|l| l >= model.sure)
    };
    if let Some(first) = logits.iter().zip(scored).position(sure) {
        start = start.min(first);
    }
    if let Some(last) = logits.iter().zip(scored).rposition(sure) {
        end = end.max(last + 1);
    }
    let kept: usize = scored[start..end].iter().map(|(_, m)| m.chars).sum();
    if (total - kept) as f64 > model.max_trim_share * total as f64 {
        return all;
    }
    start..end
}

/// Removes the blocks outside the article's run, counting them under `boundary`. The cut is made
/// again on what it kept until it keeps everything (the features of the edges change with the
/// edges), so that converting the output once more cuts nothing. Returns whether the cut took a
/// call to action below the article: the shape pass then reads the new last lines as the top of
/// that run (the line that announced it, the heading over it).
pub(crate) fn trim(
    model: Option<&Model>,
    mut place: Option<Place<'_>>,
    calls: Option<&Lexicon>,
    outlet: &[String],
    blocks: &mut Vec<Block>,
    report: &mut Report,
) -> bool {
    let (mut basics, texts): (Vec<Basic>, Vec<Option<String>>) =
        blocks.iter().map(Basic::with_text).unzip();
    let mut calls = Calls {
        lexicon: calls,
        known: vec![None; blocks.len()],
        outlet,
        named: vec![None; blocks.len()],
        texts,
    };
    let mut placed = None;
    let probing = PROBE.with(|p| p.borrow().is_some());
    if probing {
        let scored = features(&basics, place.as_ref(), &mut placed, blocks, &mut calls);
        PROBE.with(|p| {
            if let Some(out) = p.borrow_mut().as_mut() {
                out.extend(
                    scored
                        .into_iter()
                        .zip(blocks.iter())
                        .map(|((f, m), b)| Probed {
                            features: f,
                            measure: m,
                            text: text_of(b),
                        }),
                );
            }
        });
    }
    let Some(model) = model else { return false };
    let frames: Vec<bool> = basics.iter().map(|b| b.frame).collect();
    // the cut is decided on the blocks left by the cut before, and made once at the end: `kept` is
    // what is left, in the blocks as they came
    let mut kept = 0..blocks.len();
    let mut calls_cut = false;
    let mut heads = Vec::new();
    while kept.len() >= 2 {
        // `keep_range` keeps a short article whole whatever its blocks' features say: they are
        // not worked out for it
        if basics.iter().map(|b| b.chars).sum::<usize>() < model.min_chars {
            break;
        }
        let (core, mut scored) = features_but_calls(&basics, place.as_ref(), &mut placed);
        let open = |i| {
            [
                calls.may_call(i, &basics),
                calls.may_name_outlet(i, &basics),
            ]
        };
        if kept_whole_whatever_calls(&scored, core, model, open, &mut heads) {
            break;
        }
        add_calls(
            &mut scored,
            core,
            &blocks[kept.clone()],
            &basics,
            &mut calls,
        );
        let keep = keep_range_of(&scored, logits_after_calls(&scored, &heads, model), model);
        if keep.len() == kept.len() {
            break;
        }
        calls_cut |= scored[keep.end..]
            .iter()
            .any(|(f, _)| f[CALL_FEATURES] > 0.0);
        kept = kept.start + keep.start..kept.start + keep.end;
        basics.truncate(keep.end);
        basics.drain(..keep.start);
        calls.keep(keep.clone());
        if let Some((_, p)) = placed.as_mut() {
            p.truncate(keep.end);
            p.drain(..keep.start);
        }
        if let Some(p) = place.as_mut() {
            p.origins.truncate(keep.end);
            p.origins.drain(..keep.start);
        }
    }
    // the article's lead picture right over its first line stays: a picture carries no text for
    // the model to weigh, and an article's own is shown, not linked away from. Only once the cut is
    // decided, so that the pictures weigh in none of its steps
    while kept.start > 0 && is_shown_picture(&blocks[kept.start - 1]) {
        kept.start -= 1;
    }
    if kept.len() == blocks.len() {
        return calls_cut;
    }
    let counted = |k: usize| !frames[k];
    let removed = (0..kept.start)
        .chain(kept.end..blocks.len())
        .filter(|&k| counted(k))
        .count();
    if let Some(r) = report.recorder() {
        r.take_outside(BOUNDARY, blocks, kept.clone(), counted);
    }
    blocks.truncate(kept.end);
    blocks.drain(..kept.start);
    if removed > 0 {
        report.count_n(BOUNDARY, removed);
    }
    calls_cut
}

/// A block that is pictures alone, each shown as it is or linked to its own file (a viewer's
/// larger copy): no text, and no link away from the page.
pub(crate) fn is_shown_picture(block: &Block) -> bool {
    let blank = |text: &str| text.trim().is_empty();
    let Block::Paragraph { content } = block else {
        return matches!(block, Block::Figure { caption, .. } if caption.is_empty());
    };
    content
        .iter()
        .any(|i| !matches!(i, Inline::Text { .. } | Inline::LineBreak))
        && content.iter().all(|i| match i {
            Inline::Image { .. } | Inline::LineBreak => true,
            Inline::Text { text } => blank(text),
            Inline::Link { url, content, .. } => {
                content.iter().any(|c| matches!(c, Inline::Image { .. }))
                    && content.iter().all(|c| match c {
                        Inline::Image { image } => {
                            url == &image.src || crate::clean::links::is_picture_file(url)
                        }
                        Inline::Text { text } => blank(text),
                        _ => false,
                    })
            }
            _ => false,
        })
}

/// One block as the fitting program reads it.
#[derive(Debug, Clone)]
pub struct Probed {
    /// Its features, in [`FEATURES`] order.
    pub features: [f64; N],
    /// Its measure.
    pub measure: Measure,
    /// Its text.
    pub text: String,
}

thread_local! {
    static PROBE: std::cell::RefCell<Option<Vec<Probed>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a conversion) and returns, with its result, every block the boundary pass saw, with
/// its features, whether or not the rules have a model: what `examples/fit_boundary.rs` labels.
pub fn probe<R>(f: impl FnOnce() -> R) -> (R, Vec<Probed>) {
    PROBE.with(|p| *p.borrow_mut() = Some(Vec::new()));
    let r = f();
    let seen = PROBE.with(|p| p.borrow_mut().take()).unwrap_or_default();
    (r, seen)
}

/// Where one block stands against the article's container (the parent of the core block's
/// element).
struct Placed {
    /// Levels from the container up to the nearest ancestor it shares with the block: 0 inside it.
    levels_outside: usize,
    /// The block's own branch (the elements between it and the container, or the shared ancestor)
    /// holds an `aside`, `footer`, `nav`, or a `header` outside any `article`.
    chrome_tag: bool,
    /// ... or an element whose class or id holds one of the page lexicon's negative or unlikely
    /// words.
    negative_name: bool,
    /// ... or a `header` inside an `article`: that article's own head (its headline, standfirst and
    /// by-line, as HTML's sectioning has it), which is neither the site's chrome nor its text.
    article_header: bool,
}

/// Room made at the first for [`Place::read`]'s answers by class and id (a page's blocks stand in
/// about a dozen distinct ones on the dev corpus).
const BY_NAMES_FIRST: usize = 32;

impl Place<'_> {
    fn read(&self, core: usize) -> Vec<Placed> {
        let dom = self.dom;
        let Some(&core_node) = self.origins.get(core) else {
            return Vec::new();
        };
        let container = dom.parent(block_element(dom, core_node));
        let mut line = Vec::new();
        let mut at = container;
        loop {
            line.push(at);
            let up = dom.parent(at);
            if up == at {
                break;
            }
            at = up;
        }
        let mut lower = String::new();
        // blocks share their ancestors: each element's answer is worked out once, from its
        // parent's. An answer packs whether it is known (bit 0), a chrome tag and a negative name
        // between it and the core's line (bits 1 and 2), an article's own header there (bit 3),
        // and how far out on the line it joins (the rest)
        const KNOWN: u32 = 1;
        const CHROME: u32 = 2;
        const NEGATIVE: u32 = 4;
        const ARTICLE_HEAD: u32 = 8;
        const LEVELS: u32 = 4;
        let mut memo = vec![0u32; dom.node_count()];
        for (k, &c) in line.iter().enumerate() {
            memo[c] = KNOWN | ((k as u32) << LEVELS);
        }
        // what the lexicon makes of an element's names, by its class and id (all it reads; a
        // missing attribute names nothing, as an empty one): a page gives the same few names to
        // many elements. The keys are input: std's keyed hash. Room for a page's usual dozen or
        // two at the first: grown from empty, the map is hashed again at every doubling
        let mut by_names: std::collections::HashMap<(&str, &str), bool> =
            std::collections::HashMap::with_capacity(BY_NAMES_FIRST);
        let mut path = Vec::new();
        self.origins
            .iter()
            .map(|&o| {
                // inline elements inside a block say nothing of where it stands
                let start = block_element(dom, o);
                let mut at = start;
                let mut base = loop {
                    if memo[at] & KNOWN != 0 {
                        break memo[at];
                    }
                    path.push(at);
                    let up = dom.parent(at);
                    if up == at {
                        // a root off the core's line (never in one document): joins nowhere
                        break KNOWN;
                    }
                    at = up;
                };
                // down the path, each element adds its own tag and name to its parent's answer
                while let Some(node) = path.pop() {
                    let tag = dom.tag(node);
                    let head = tag == Some("header") && within_article(dom, node);
                    let chrome = !head
                        && tag.is_some_and(|t| matches!(t, "aside" | "footer" | "header" | "nav"));
                    // a name under a negative one adds nothing: not read (nor hashed)
                    let negative = base & NEGATIVE == 0
                        && self.lexicon.is_some_and(|l| {
                            match (dom.attr(node, "class"), dom.attr(node, "id")) {
                                (None, None) => false,
                                (class, id) => *by_names
                                    .entry((class.unwrap_or(""), id.unwrap_or("")))
                                    .or_insert_with(|| {
                                        l.is_chrome_class_or_id(class, id, &mut lower)
                                    }),
                            }
                        });
                    base |= KNOWN
                        | if chrome { CHROME } else { 0 }
                        | if negative { NEGATIVE } else { 0 }
                        | if head { ARTICLE_HEAD } else { 0 };
                    memo[node] = base;
                }
                let answer = memo[start];
                Placed {
                    levels_outside: (answer >> LEVELS) as usize,
                    chrome_tag: answer & CHROME != 0,
                    negative_name: answer & NEGATIVE != 0,
                    article_header: answer & ARTICLE_HEAD != 0,
                }
            })
            .collect()
    }
}

/// Whether an `article` element holds `node`.
fn within_article(dom: &Dom, node: NodeId) -> bool {
    dom.ancestors(node).any(|a| dom.tag(a) == Some("article"))
}

/// The block-level element a node stands in: its nearest ancestor (or itself) that makes a block.
fn block_element(dom: &Dom, node: NodeId) -> NodeId {
    let mut at = node;
    loop {
        if dom.tag(at).is_some_and(|t| {
            matches!(
                t,
                "p" | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "blockquote"
                    | "pre"
                    | "table"
                    | "figure"
                    | "dd"
                    | "dt"
                    | "div"
                    | "section"
                    | "article"
            )
        }) {
            return at;
        }
        let up = dom.parent(at);
        if up == at {
            return at;
        }
        at = up;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Heading,
    List,
    Figure,
    Table,
    Other,
}

/// What every feature reads of one block, gathered in one pass over its text (no copy of it is
/// made but of a short block's, for the date-line shape).
struct Basic {
    kind: Kind,
    level: u8,
    chars: usize,
    /// CJK characters.
    wide: usize,
    link_chars: usize,
    sentences: usize,
    commas: usize,
    digits: usize,
    /// Words of two letters or more in a cased script, and those of them that start with a capital.
    words: usize,
    capitals: usize,
    /// The letters seen of the current word (at most 2) and its first one.
    word: (u8, Option<char>),
    /// The last character that is not whitespace, and the last that is not a closing quote or
    /// bracket either.
    last: Option<char>,
    last_open: Option<char>,
    /// Whether the block is a date line (read only for short blocks).
    date: bool,
    items: usize,
    /// The share of a list's items that are mostly link text.
    linked_items: f64,
    images: usize,
    frame: bool,
}

/// The longest line [`is_date_line`] takes for a date.
const DATE_LINE_MAX: usize = 48;

/// The longest block read for a call to action: the outlets' own lines are short, and reading
/// every paragraph's words would cost the pass more than it tells.
const CALL_MAX: usize = 200;

/// The shortest block read for a call to action: a label or a name says too little.
const CALL_MIN: usize = 12;

/// The longest block read for the outlet's name: its notes about itself (an app, a prize, a
/// disclaimer) run longer than a call to action.
const OUTLET_MAX: usize = 600;

/// How many blocks at the article's end are read for a call to action: only a tail run can be cut.
const CALL_TAIL: usize = 4;

/// Whether each block reads as a call to action by the shape lexicon, worked out only for short
/// blocks near the end (the only ones the feature is read for) and once each.
struct Calls<'a> {
    lexicon: Option<&'a Lexicon>,
    known: Vec<Option<bool>>,
    /// The outlet's names, and per block whether it names the outlet, once read.
    outlet: &'a [String],
    named: Vec<Option<bool>>,
    /// Per block its text, once one of the looks above (or the date line's) read it: a tail
    /// paragraph is read by both.
    texts: Vec<Option<String>>,
}

impl Calls<'_> {
    fn get(&mut self, i: usize, blocks: &[Block], basics: &[Basic]) -> bool {
        let Some(lexicon) = self.lexicon else {
            return false;
        };
        if !self.may_call(i, basics) {
            return false;
        }
        if let Some(known) = self.known[i] {
            return known;
        }
        let text = self.texts[i].get_or_insert_with(|| text_of(&blocks[i]));
        let known = lexicon.calls_to_action(text);
        self.known[i] = Some(known);
        known
    }

    /// Whether block `i`, a paragraph or heading among the last few, names the outlet.
    fn names_outlet(&mut self, i: usize, blocks: &[Block], basics: &[Basic]) -> bool {
        if !self.may_name_outlet(i, basics) {
            return false;
        }
        if let Some(named) = self.named[i] {
            return named;
        }
        let text = self.texts[i].get_or_insert_with(|| text_of(&blocks[i]));
        let named = super::outlet::names(text, self.outlet);
        self.named[i] = Some(named);
        named
    }

    /// Whether block `i` is one [`Calls::get`] reads: a paragraph among the last few, neither too
    /// short nor too long.
    fn may_call(&self, i: usize, basics: &[Basic]) -> bool {
        // lists of calls are the shape pass's: here, the outlet's lines
        let b = &basics[i];
        self.lexicon.is_some()
            && i + CALL_TAIL >= basics.len()
            && b.kind == Kind::Paragraph
            && (CALL_MIN..=CALL_MAX).contains(&b.chars)
    }

    /// Whether block `i` is one [`Calls::names_outlet`] reads.
    fn may_name_outlet(&self, i: usize, basics: &[Basic]) -> bool {
        let b = &basics[i];
        !self.outlet.is_empty()
            && i + CALL_TAIL >= basics.len()
            && matches!(b.kind, Kind::Paragraph | Kind::Heading)
            && b.chars <= OUTLET_MAX
    }

    /// Keeps what is known of the blocks in `range` only, as the blocks are cut to it.
    fn keep(&mut self, range: std::ops::Range<usize>) {
        for known in [&mut self.known, &mut self.named] {
            known.truncate(range.end);
            known.drain(..range.start);
        }
        self.texts.truncate(range.end);
        self.texts.drain(..range.start);
    }
}

impl Basic {
    #[cfg(test)]
    fn of(block: &Block) -> Basic {
        Basic::with_text(block).0
    }

    /// The block's reading, and its text when the reading needed it (a short block's that may be
    /// a date line), for the tail's looks to share.
    fn with_text(block: &Block) -> (Basic, Option<String>) {
        let mut b = Basic {
            kind: Kind::Other,
            level: 0,
            chars: 0,
            wide: 0,
            link_chars: 0,
            sentences: 0,
            commas: 0,
            digits: 0,
            words: 0,
            capitals: 0,
            word: (0, None),
            last: None,
            last_open: None,
            date: false,
            items: 0,
            linked_items: 0.0,
            images: 0,
            frame: false,
        };
        b.read(block);
        b.end_word();
        b.frame = b.chars == 0 && b.images == 0;
        // the only feature that needs the text itself, and only a short block's that holds a
        // year's four digits (the digits counted here are those of the text: same blocks, same
        // inlines, and the separators added between them are no digits)
        let mut text = None;
        if b.chars > 0 && b.chars <= DATE_LINE_MAX && b.digits >= 4 {
            b.date = is_date_line(text.insert(text_of(block)));
        }
        (b, text)
    }

    fn read(&mut self, block: &Block) {
        match block {
            Block::Paragraph { content } => {
                self.kind = Kind::Paragraph;
                self.add(content);
            }
            Block::Heading { level, content } => {
                self.kind = Kind::Heading;
                self.level = *level;
                self.add(content);
            }
            Block::List { items, .. } => {
                self.kind = Kind::List;
                self.items = items.len();
                let mut linked = 0;
                for item in items {
                    let (before_chars, before_links) = (self.chars, self.link_chars);
                    for inner in item {
                        self.add_block(inner);
                    }
                    let (c, l) = (self.chars - before_chars, self.link_chars - before_links);
                    if c > 0 && l * 2 > c {
                        linked += 1;
                    }
                    self.scan("\n", false);
                }
                self.linked_items = if items.is_empty() {
                    0.0
                } else {
                    linked as f64 / items.len() as f64
                };
            }
            Block::Figure { caption, .. } => {
                self.kind = Kind::Figure;
                self.images += 1;
                self.add(caption);
            }
            Block::Table { rows, .. } => {
                self.kind = Kind::Table;
                for cell in rows.iter().flatten() {
                    self.add(cell);
                    self.scan("\t", false);
                }
            }
            Block::Quote { blocks } => {
                for inner in blocks {
                    self.add_block(inner);
                }
            }
            Block::Code { text, .. } => self.scan(text, false),
            Block::Rule => {}
        }
    }

    /// A block inside this one (a list item's, a quote's): its text counts, its kind does not.
    fn add_block(&mut self, block: &Block) {
        let (kind, level, items, linked) = (self.kind, self.level, self.items, self.linked_items);
        self.read(block);
        (self.kind, self.level, self.items, self.linked_items) = (kind, level, items, linked);
        self.scan(" ", false);
    }

    fn add(&mut self, inlines: &[Inline]) {
        // most blocks are flat (no emphasis or link): read in order without a stack to allocate
        if inlines.iter().all(|i| i.children().is_empty()) {
            for inline in inlines {
                match inline {
                    Inline::Text { text } | Inline::Code { text } => self.scan(text, false),
                    Inline::Image { .. } => self.images += 1,
                    Inline::LineBreak => self.scan("\n", false),
                    _ => {}
                }
            }
            return;
        }
        let mut stack: Vec<(&Inline, bool)> = inlines.iter().rev().map(|i| (i, false)).collect();
        while let Some((inline, in_link)) = stack.pop() {
            match inline {
                Inline::Text { text } | Inline::Code { text } => self.scan(text, in_link),
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strikethrough { content } => {
                    stack.extend(content.iter().rev().map(|i| (i, in_link)));
                }
                Inline::Link { content, .. } => {
                    stack.extend(content.iter().rev().map(|i| (i, true)));
                }
                Inline::Image { .. } => self.images += 1,
                Inline::LineBreak => self.scan("\n", false),
            }
        }
    }

    fn scan(&mut self, text: &str, in_link: bool) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // most characters are ASCII or CJK ideographs, which need no decoding: an ideograph
            // is a character that is no space, no punctuation this reads and no Latin letter
            if (0xE4..=0xE9).contains(&b) {
                // a run of them at once (valid UTF-8: three bytes each)
                let start = i;
                while i < bytes.len() && (0xE4..=0xE9).contains(&bytes[i]) {
                    i += 3;
                }
                let n = (i - start) / 3;
                self.chars += n;
                self.wide += n;
                if in_link {
                    self.link_chars += n;
                }
                self.last = Some('\u{4E00}');
                self.last_open = self.last;
                continue;
            }
            if b.is_ascii_alphabetic() {
                // a run of ASCII letters at once: each is a character of the word, and none is a
                // space, a sentence's end, a comma, a digit or a closer (as `ascii` reads them)
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let n = i - start;
                self.chars += n;
                if in_link {
                    self.link_chars += n;
                }
                if self.word.0 == 0 {
                    self.word.1 = Some(char::from(b));
                }
                self.word.0 = if n >= 2 { 2 } else { (self.word.0 + 1).min(2) };
                self.last = Some(char::from(bytes[i - 1]));
                self.last_open = self.last;
                continue;
            }
            if b < 0x80 {
                self.ascii(b, in_link);
                i += 1;
                continue;
            }
            // CJK punctuation (U+3000-U+303F) and full-width forms (U+FF00-U+FF7F), the rest of
            // a Chinese text: classed by a table too (three bytes each, valid UTF-8)
            if let Some(k) = wide_punctuation(bytes, i) {
                let c = char::from_u32(
                    (u32::from(b & 0x0F) << 12)
                        | (u32::from(bytes[i + 1] & 0x3F) << 6)
                        | u32::from(bytes[i + 2] & 0x3F),
                )
                .unwrap_or(' ');
                self.classed(wide_classes()[k], c, in_link);
                i += 3;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            self.char(c, in_link);
        }
    }

    /// [`Basic::char`] for an ASCII character, its classes looked up in one table rather than
    /// tested one by one (the same counts: the table is built from the same tests).
    fn ascii(&mut self, b: u8, in_link: bool) {
        self.classed(ASCII_CLASSES[usize::from(b)], char::from(b), in_link);
    }

    /// [`Basic::char`] for a character whose classes are looked up ([`ASCII_CLASSES`],
    /// [`wide_classes`]).
    #[inline(always)]
    fn classed(&mut self, class: u8, c: char, in_link: bool) {
        if class & A_SPACE != 0 {
            self.end_word();
            return;
        }
        self.chars += 1;
        if in_link {
            self.link_chars += 1;
        }
        self.sentences += usize::from(class & A_END != 0);
        self.commas += usize::from(class & A_COMMA != 0);
        self.digits += usize::from(class & A_DIGIT != 0);
        self.wide += usize::from(class & A_WIDE != 0);
        if class & A_LETTER != 0 {
            if self.word.0 == 0 {
                self.word.1 = Some(c);
            }
            self.word.0 = (self.word.0 + 1).min(2);
        }
        self.last = Some(c);
        if class & A_CLOSER == 0 {
            self.last_open = Some(c);
        }
    }

    fn char(&mut self, c: char, in_link: bool) {
        if c.is_whitespace() {
            self.end_word();
            return;
        }
        self.chars += 1;
        if in_link {
            self.link_chars += 1;
        }
        if is_sentence_end(c) {
            self.sentences += 1;
        } else if matches!(c, ',' | '，' | '、' | '،') {
            self.commas += 1;
        } else if c.is_ascii_digit() {
            self.digits += 1;
        } else if !c.is_ascii() && crate::cjk::is_cjk(c) {
            self.wide += 1;
        }
        if is_latin_letter(c) {
            if self.word.0 == 0 {
                self.word.1 = Some(c);
            }
            self.word.0 = (self.word.0 + 1).min(2);
        }
        self.last = Some(c);
        if !is_closer(c) {
            self.last_open = Some(c);
        }
    }

    fn end_word(&mut self) {
        if let (2, Some(first)) = self.word {
            self.words += 1;
            self.capitals += usize::from(first.is_uppercase());
        }
        self.word = (0, None);
    }

    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }

    /// Characters outside links, more for text in sentences.
    fn prose(&self) -> f64 {
        if self.frame {
            return 0.0;
        }
        (self.chars - self.link_chars) as f64 * (1.0 + self.sentences.min(5) as f64) / 6.0
    }

    /// A sentence ends inside its closing quotes and brackets: “……。” and (…….)
    fn ends_sentence(&self) -> bool {
        self.last_open.is_some_and(is_sentence_end)
    }

    fn ends_colon(&self) -> bool {
        matches!(self.last, Some(':' | '：' | '﹕' | '︰'))
    }

    /// The share of words that start with a capital: headline case marks a teaser's title, a
    /// sentence has few.
    fn title_case(&self) -> f64 {
        if self.words < 3 {
            0.0
        } else {
            self.capitals as f64 / self.words as f64
        }
    }

    fn date_line(&self) -> bool {
        self.date
    }
}

/// The classes of an ASCII character for [`Basic::ascii`]: white space, or a sentence end, a
/// comma or a digit (one of them at most, as [`Basic::char`] counts them), a Latin letter, a
/// closing quote or bracket.
const A_SPACE: u8 = 1;
const A_END: u8 = 2;
const A_COMMA: u8 = 4;
const A_DIGIT: u8 = 8;
const A_LETTER: u8 = 16;
const A_CLOSER: u8 = 32;
/// A CJK character that is none of the above ([`Basic::char`]'s `wide`); never ASCII.
const A_WIDE: u8 = 64;

/// Where the character at `i` (a byte past ASCII) stands in [`wide_classes`]: U+3000-U+303F
/// (lead bytes E3 80) from 0, U+FF00-U+FF7F (EF BC, EF BD) from 64.
fn wide_punctuation(bytes: &[u8], i: usize) -> Option<usize> {
    let (b0, b1, b2) = (bytes[i], *bytes.get(i + 1)?, *bytes.get(i + 2)?);
    let block = match (b0, b1) {
        (0xE3, 0x80) => 0,
        (0xEF, 0xBC) => 64,
        (0xEF, 0xBD) => 128,
        _ => return None,
    };
    Some(block + usize::from(b2 & 0x3F))
}

/// The classes of the characters [`wide_punctuation`] places, from the tests [`Basic::char`]
/// makes (worked out once, with them).
fn wide_classes() -> &'static [u8; 192] {
    static TABLE: std::sync::OnceLock<[u8; 192]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|k| {
            let base = if k < 64 { 0x3000 } else { 0xFF00 - 64 };
            char::from_u32(base + k as u32).map_or(0, wide_class)
        })
    })
}

/// One character's classes as [`Basic::char`] tests them.
fn wide_class(c: char) -> u8 {
    if c.is_whitespace() {
        return A_SPACE;
    }
    (if is_sentence_end(c) {
        A_END
    } else if matches!(c, ',' | '，' | '、' | '،') {
        A_COMMA
    } else if c.is_ascii_digit() {
        A_DIGIT
    } else if !c.is_ascii() && crate::cjk::is_cjk(c) {
        A_WIDE
    } else {
        0
    }) | (if is_latin_letter(c) { A_LETTER } else { 0 })
        | (if is_closer(c) { A_CLOSER } else { 0 })
}

/// [`A_SPACE`] and the rest for each ASCII character, from the tests [`Basic::char`] makes.
const ASCII_CLASSES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        // ASCII's white space as `char::is_whitespace` has it (that method is not `const` in
        // the oldest Rust this crate builds with); the test below holds the two together
        table[b] = if matches!(c, '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ') {
            A_SPACE
        } else {
            (if is_sentence_end(c) {
                A_END
            } else if c == ',' {
                A_COMMA
            } else if c.is_ascii_digit() {
                A_DIGIT
            } else {
                0
            }) | (if is_latin_letter(c) { A_LETTER } else { 0 })
                | (if is_closer(c) { A_CLOSER } else { 0 })
        };
        b += 1;
    }
    table
};

/// A letter of the Latin script (ASCII and Latin-1 to Extended-B): headline case is read in the
/// scripts that have it and write titles so, without a Unicode table lookup for every CJK character.
const fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{C0}'..='\u{24F}') && c != '×' && c != '÷')
}

const fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '）' | ')' | '」' | '』' | '》' | '»'
    )
}

/// A block's text as the outputs read it, for the fitting program's labels.
pub fn text_of(block: &Block) -> String {
    // most blocks are a paragraph or a heading: their text and its line end in room made for
    // both, with no stack (grown from the text alone, the string was moved for its line end)
    if let Block::Paragraph { content } | Block::Heading { content, .. } = block {
        let text = crate::model::inlines::plain_text_cow(content);
        let mut out = String::with_capacity(text.len() + 1);
        out.push_str(&text);
        out.push('\n');
        return out;
    }
    let mut out = String::new();
    let mut stack: Vec<&Block> = vec![block];
    while let Some(b) = stack.pop() {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                out.push_str(&crate::model::inlines::plain_text_cow(content));
            }
            Block::Figure { caption, .. } => {
                out.push_str(&crate::model::inlines::plain_text_cow(caption))
            }
            Block::List { items, .. } => {
                for item in items.iter().rev() {
                    stack.extend(item.iter().rev());
                }
            }
            Block::Quote { blocks } => stack.extend(blocks.iter().rev()),
            Block::Table { rows, .. } => {
                for cell in rows.iter().flatten() {
                    out.push_str(&crate::model::inlines::plain_text_cow(cell));
                    out.push('\t');
                }
            }
            Block::Code { text, .. } => out.push_str(text),
            Block::Rule => {}
        }
        out.push('\n');
    }
    out
}

/// A short line that is mostly a date or a time: "Sun, 02 Jun 2024 08:00:00 GMT", "2020-04-27
/// 14:32更新", "30 November 2022", "发表于 2004年12月27日". A year (19xx or 20xx) standing as a number
/// of its own, and digits, separators and at most three words of letters around it.
fn is_date_line(text: &str) -> bool {
    let t = text.trim();
    let chars = t.chars().count();
    if chars == 0 || chars > 48 || t.ends_with(is_sentence_end) {
        return false;
    }
    let bytes = t.as_bytes();
    let year = (0..bytes.len().saturating_sub(3)).any(|i| {
        let w = &bytes[i..i + 4];
        let standalone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        standalone
            && (w.starts_with(b"19") || w.starts_with(b"20"))
            && w.iter().all(u8::is_ascii_digit)
    });
    if !year {
        return false;
    }
    // words of letters (month and day names, "Updated", "发表于"): a date has few
    let words = t
        .split(|c: char| !c.is_alphabetic() || matches!(c, '年' | '月' | '日' | '时' | '分'))
        .filter(|w| !w.is_empty())
        .count();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    words <= 3 && digits * 4 >= chars
}

const fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '；')
}

#[cfg(test)]
mod tests {
    use super::{CALL_FEATURES, FEATURES, Measure, Model, N, is_shown_picture, keep_range};
    use crate::model::{Block, Image, Inline};

    #[test]
    fn the_logit_in_two_parts_is_the_sum_in_one() {
        assert_eq!(FEATURES[CALL_FEATURES], "call_after_core");
        assert_eq!(FEATURES[CALL_FEATURES + 1], "outlet_after_core");
        // awkward values: rounding in every term, signed zeros, large and small together
        let mut weights = [0.0; N];
        let mut f = [0.0; N];
        for k in 0..N {
            weights[k] = [-0.0, 0.1, -1.7e-3, 3.3, 1e9, -2.5e-9][k % 6] * (k as f64 + 0.3);
            f[k] = [0.0, -0.0, 1.0, 0.37, 1e-7, 5.0e3, 1.0 / 3.0][k % 7];
        }
        let model = Model {
            bias: -0.123,
            weights,
            margin: 0.0,
            max_trim_share: 0.5,
            min_chars: 100,
            sure: 1.5,
        };
        let one: f64 = model.bias + f.iter().zip(&weights).map(|(x, w)| x * w).sum::<f64>();
        for cut in [0, 1, CALL_FEATURES, N - 1, N] {
            let head = model.terms(&f, 0..cut, -0.0);
            let two = model.bias + model.terms(&f, cut..N, head);
            assert_eq!(one.to_bits(), two.to_bits());
        }
        assert_eq!(one.to_bits(), model.logit(&f).to_bits());
        // all terms negative zero: the sum's own start
        let zero = Model {
            bias: -0.0,
            weights: [-1.0; N],
            ..model
        };
        let z = [0.0; N];
        let one = -0.0 + z.iter().zip(&zero.weights).map(|(x, w)| x * w).sum::<f64>();
        assert_eq!(one.to_bits(), zero.logit(&z).to_bits());
    }

    #[test]
    fn a_shown_picture_is_one_alone_or_linked_to_its_own_file() {
        let image = |src: &str| Inline::Image {
            image: Image {
                src: src.into(),
                alt: String::new(),
                title: None,
            },
        };
        let link = |url: &str, content: Vec<Inline>| Inline::Link {
            url: url.into(),
            title: None,
            content,
        };
        let para = |content: Vec<Inline>| Block::Paragraph { content };
        assert!(is_shown_picture(&para(vec![image(
            "https://x.example/a.jpg"
        )])));
        // a viewer's larger copy, or the same file
        assert!(is_shown_picture(&para(vec![link(
            "https://x.example/a-large.JPEG?w=2000",
            vec![image("https://x.example/a.jpg")]
        )])));
        assert!(is_shown_picture(&para(vec![link(
            "https://x.example/p/a",
            vec![image("https://x.example/p/a")]
        )])));
        // a link away (a logo to the home page, a teaser), or text beside it, is no lead picture
        assert!(!is_shown_picture(&para(vec![link(
            "https://x.example/",
            vec![image("https://x.example/logo.png")]
        )])));
        assert!(!is_shown_picture(&para(vec![
            image("https://x.example/a.jpg"),
            Inline::text("Photo: Reader")
        ])));
        assert!(!is_shown_picture(&para(vec![Inline::text(" ")])));
    }

    /// Blocks whose log-odds are the given ones (through the bias: every feature is zero), each of
    /// `chars` characters.
    fn blocks(logits: &[f64], chars: usize) -> (Vec<([f64; N], Measure)>, Vec<Model>) {
        let models = logits
            .iter()
            .map(|&l| Model {
                bias: l,
                weights: [0.0; N],
                margin: 0.0,
                max_trim_share: 0.5,
                min_chars: 100,
                sure: 1.5,
            })
            .collect();
        let scored = logits
            .iter()
            .map(|_| {
                (
                    [0.0; N],
                    Measure {
                        chars,
                        weight: chars,
                        frame: false,
                    },
                )
            })
            .collect();
        (scored, models)
    }

    /// The run for per-block log-odds: the bias feature is one-hot per block, so that each block's
    /// logit is its own.
    fn run(logits: &[f64], chars: usize, share: f64) -> std::ops::Range<usize> {
        let n = logits.len();
        assert!(n <= N);
        let mut weights = [0.0; N];
        weights[..n].copy_from_slice(logits);
        let model = Model {
            bias: 0.0,
            weights,
            margin: 0.0,
            max_trim_share: share,
            min_chars: 100,
            sure: 1.5,
        };
        let (mut scored, _) = blocks(logits, chars);
        for (i, (f, _)) in scored.iter_mut().enumerate() {
            f[i] = 1.0;
        }
        keep_range(&scored, &model)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Whenever the blocks are taken as kept whole without the call features, `keep_range`
        /// keeps them whole whatever those features turn out to be.
        #[test]
        fn kept_whole_without_the_calls_is_kept_whole_with_any(
            base in proptest::collection::vec((-3.0f64..4.0, 0usize..300, proptest::bool::weighted(0.1)), 2..8),
            core_at in 0usize..8,
            w30 in -4.0f64..2.0,
            w31 in -4.0f64..2.0,
            closed in proptest::collection::vec(proptest::bool::ANY, 16),
        ) {
            let n = base.len();
            let core = core_at % n;
            let mut weights = [0.0; N];
            weights[0] = 1.0;
            weights[30] = w30;
            weights[31] = w31;
            let model = Model { bias: 0.0, weights, margin: 0.0, max_trim_share: 0.5, min_chars: 100, sure: 1.5 };
            let scored: Vec<([f64; N], Measure)> = base
                .iter()
                .map(|&(l, chars, frame)| {
                    let mut f = [0.0; N];
                    f[0] = l;
                    (f, Measure { chars, weight: chars, frame })
                })
                .collect();
            let open = |i: usize| [!closed[2 * i], !closed[2 * i + 1]];
            let mut heads = Vec::new();
            if super::kept_whole_whatever_calls(&scored, core, &model, open, &mut heads) {
                // every choice of the open features below the core
                let slots: Vec<(usize, usize)> = (core + 1..n)
                    .flat_map(|i| [(i, 30), (i, 31)])
                    .filter(|&(i, k)| open(i)[k - 30])
                    .collect();
                for choice in 0u32..1 << slots.len() {
                    let mut with = scored.clone();
                    for (bit, &(i, k)) in slots.iter().enumerate() {
                        with[i].0[k] = f64::from((choice >> bit) & 1);
                    }
                    let total: usize = with.iter().map(|(_, m)| m.chars).sum();
                    if total >= model.min_chars {
                        proptest::prop_assert_eq!(keep_range(&with, &model), 0..n);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// The logits weighed from the sums taken before the calls were known are the bits
        /// [`Model::logit`] gives once they are, and the run is `keep_range`'s.
        #[test]
        fn logits_from_the_heads_are_the_models(
            rows in proptest::collection::vec(
                (proptest::collection::vec(-3.0f64..3.0, N), 0usize..300, proptest::bool::weighted(0.1), 0u8..4),
                1..10,
            ),
            weights in proptest::collection::vec(-3.0f64..3.0, N),
            bias in -2.0f64..2.0,
            margin in 0.0f64..2.0,
            core_at in 0usize..10,
            nan_at in proptest::option::weighted(0.1, 0usize..10),
        ) {
            let mut w = [0.0; N];
            w.copy_from_slice(&weights);
            let model = Model { bias, weights: w, margin, max_trim_share: 0.5, min_chars: 100, sure: 1.5 };
            let mut scored: Vec<([f64; N], Measure)> = rows
                .iter()
                .map(|(f, chars, frame, _)| {
                    let mut row = [0.0; N];
                    row.copy_from_slice(f);
                    row[CALL_FEATURES] = 0.0;
                    row[CALL_FEATURES + 1] = 0.0;
                    (row, Measure { chars: *chars, weight: *chars, frame: *frame })
                })
                .collect();
            let core = core_at % scored.len();
            // a NaN among the features: every block still gets its head
            if let Some(k) = nan_at {
                let k = k % scored.len();
                scored[k].0[0] = f64::NAN;
            }
            let mut heads = Vec::new();
            super::kept_whole_whatever_calls(&scored, core, &model, |_| [true; 2], &mut heads);
            proptest::prop_assert_eq!(heads.len(), scored.len());
            // what `add_calls` may find below the core
            for ((f, _), (_, _, _, calls)) in scored.iter_mut().zip(&rows).skip(core + 1) {
                f[CALL_FEATURES] = f64::from(calls & 1);
                f[CALL_FEATURES + 1] = f64::from(calls >> 1);
            }
            let logits = super::logits_after_calls(&scored, &heads, &model);
            for ((f, m), l) in scored.iter().zip(&logits) {
                let want = (!m.frame).then(|| (model.logit(f) + model.margin).to_bits());
                proptest::prop_assert_eq!(l.map(f64::to_bits), want);
            }
            proptest::prop_assert_eq!(super::keep_range_of(&scored, logits, &model), keep_range(&scored, &model));
        }
    }

    /// Elements' names read once per class and id give each block what reading every element's
    /// own names gives: a chrome name between the block and the container's line.
    #[test]
    fn names_read_once_per_class_and_id_answer_as_each_element_does() {
        use super::{Place, block_element};
        use crate::dom::Dom;
        let rules = crate::clean::rules::Rules::builtin();
        let in_force = rules.in_force(None, None);
        let lexicon = in_force.page().expect("the built-in rules score pages");
        let html = "<body><div class='wrap'><div class='main'><p>core</p><p>two</p></div>\
            <div class='sidebar'><p>a</p></div><div class='sidebar'><p>b</p></div>\
            <div id='related'><p>c</p></div><div class='x' id='related'><p>d</p></div>\
            <div class='related' id=''><p>e</p></div><div class='Sidebar widget'><p>f</p></div>\
            <div class='x'><div class='sidebar'><p>g</p></div><p>h</p></div><div><p>i</p></div>\
            <div class='sidebar'><div class='related'><p>j</p></div><div class='x'><p>k</p></div>\
            </div></div></body>";
        let dom = Dom::parse(html, 10_000).unwrap();
        let origins: Vec<_> = dom
            .descendants(0)
            .filter(|&n| dom.tag(n) == Some("p"))
            .collect();
        assert_eq!(origins.len(), 13);
        let place = Place {
            dom: &dom,
            origins: origins.clone(),
            lexicon: Some(lexicon),
        };
        let read = place.read(0);
        let container = dom.parent(block_element(&dom, origins[0]));
        let mut line = vec![container];
        while dom.parent(*line.last().unwrap()) != *line.last().unwrap() {
            line.push(dom.parent(*line.last().unwrap()));
        }
        let mut lower = String::new();
        let mut negatives = 0;
        for (k, &o) in origins.iter().enumerate() {
            let mut at = block_element(&dom, o);
            let mut negative = false;
            while !line.contains(&at) {
                negative |= lexicon.is_chrome_name(&dom, at, &mut lower);
                at = dom.parent(at);
            }
            assert_eq!(read[k].negative_name, negative, "block {k}");
            negatives += usize::from(negative);
        }
        // the page has both answers, several times over, and names under a negative one
        assert!((6..=9).contains(&negatives), "{negatives}");
        assert!(read[11].negative_name && read[12].negative_name);
    }

    #[test]
    fn junk_at_both_edges_goes() {
        assert_eq!(run(&[-2.0, -1.0, 3.0, 2.0, 3.0, -2.0], 50, 0.5), 2..5);
    }

    #[test]
    fn a_sure_block_is_never_an_edge() {
        // the last block is sure content behind a junk line: the run reaches it
        assert_eq!(run(&[3.0, 3.0, -3.0, -3.0, 1.6], 50, 0.9), 0..5);
    }

    #[test]
    fn nothing_goes_from_the_middle() {
        assert_eq!(run(&[2.0, -3.0, 2.0, -3.0, 2.0], 50, 0.9), 0..5);
    }

    #[test]
    fn a_cut_past_the_share_keeps_all() {
        assert_eq!(run(&[-1.0, -1.0, -1.0, 2.0], 50, 0.5), 0..4);
        assert_eq!(run(&[-1.0, -1.0, -1.0, 2.0], 50, 0.8), 3..4);
    }

    #[test]
    fn the_wide_punctuation_table_reads_as_the_character_tests_do() {
        use super::*;
        let read = |text: &str, by_char: bool| {
            let mut b = Basic::of(&crate::model::Block::Rule);
            if by_char {
                for c in text.chars() {
                    b.char(c, true);
                }
            } else {
                b.scan(text, true);
            }
            (
                (b.chars, b.wide, b.link_chars, b.sentences, b.commas),
                (b.digits, b.word, b.last, b.last_open, b.words),
            )
        };
        let blocks = ('\u{3000}'..='\u{303F}').chain('\u{FF00}'..='\u{FF7F}');
        for c in blocks {
            let mut utf8 = [0u8; 4];
            assert!(wide_punctuation(c.encode_utf8(&mut utf8).as_bytes(), 0).is_some());
            for text in [
                format!("{c}"),
                format!("ab{c}"),
                format!("a{c}b"),
                format!("Ab{c} x"),
            ] {
                assert_eq!(read(&text, false), read(&text, true), "{c:?} in {text:?}");
            }
        }
        // the characters beside them go the other ways
        for c in ['\u{2FFF}', '\u{3040}', '\u{FEFF}', '\u{FF80}', '中', '“'] {
            let mut utf8 = [0u8; 4];
            assert!(wide_punctuation(c.encode_utf8(&mut utf8).as_bytes(), 0).is_none());
        }
    }

    #[test]
    fn the_ascii_table_reads_as_the_character_tests_do() {
        use super::*;
        for b in 0u8..128 {
            let c = char::from(b);
            let class = ASCII_CLASSES[usize::from(b)];
            assert_eq!(class & A_SPACE != 0, c.is_whitespace(), "{b}");
            if c.is_whitespace() {
                continue;
            }
            assert_eq!(class & A_END != 0, is_sentence_end(c), "{b}");
            assert_eq!(class & A_COMMA != 0, c == ',', "{b}");
            assert_eq!(class & A_DIGIT != 0, c.is_ascii_digit(), "{b}");
            assert_eq!(class & A_LETTER != 0, is_latin_letter(c), "{b}");
            assert_eq!(class & A_CLOSER != 0, is_closer(c), "{b}");
            // the same counts through either path
            let (mut by_table, mut by_char) = (
                Basic::of(&crate::model::Block::Rule),
                Basic::of(&crate::model::Block::Rule),
            );
            by_table.ascii(b, true);
            by_char.char(c, true);
            assert_eq!(
                (
                    by_table.chars,
                    by_table.link_chars,
                    by_table.sentences,
                    by_table.commas,
                    by_table.digits,
                    by_table.word,
                    by_table.last,
                    by_table.last_open
                ),
                (
                    by_char.chars,
                    by_char.link_chars,
                    by_char.sentences,
                    by_char.commas,
                    by_char.digits,
                    by_char.word,
                    by_char.last,
                    by_char.last_open
                ),
                "{b}"
            );
        }
    }

    #[test]
    fn a_text_is_read_alike_a_run_or_a_character_at_a_time() {
        use super::*;
        for text in [
            "The Bridge opened, in 2019. Really?",
            "a b cd E Fg \"Quoted.\" (x) don't",
            "Wo ist café Müller? Ça va.",
            "",
            "x",
            "ab12cd,ef;gh!",
        ] {
            for in_link in [false, true] {
                let (mut by_runs, mut by_chars) = (
                    Basic::of(&crate::model::Block::Rule),
                    Basic::of(&crate::model::Block::Rule),
                );
                by_runs.scan(text, in_link);
                for c in text.chars() {
                    by_chars.char(c, in_link);
                }
                by_runs.end_word();
                by_chars.end_word();
                assert_eq!(
                    (
                        by_runs.chars,
                        by_runs.link_chars,
                        by_runs.sentences,
                        by_runs.commas,
                        by_runs.digits,
                        by_runs.words,
                        by_runs.capitals,
                        by_runs.last,
                        by_runs.last_open
                    ),
                    (
                        by_chars.chars,
                        by_chars.link_chars,
                        by_chars.sentences,
                        by_chars.commas,
                        by_chars.digits,
                        by_chars.words,
                        by_chars.capitals,
                        by_chars.last,
                        by_chars.last_open
                    ),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn logarithms_of_counts_are_libms() {
        for n in (0..200).chain([1_000, 123_456]) {
            assert_eq!(
                super::ln_1p_count(n).to_bits(),
                (1.0 + n as f64).ln().to_bits(),
                "{n}"
            );
            // the blocks' lengths in the run's sums, ln(2 + chars)
            assert_eq!(
                super::ln_1p_count(n + 1).to_bits(),
                (2.0 + n as f64).ln().to_bits(),
                "{n}"
            );
        }
    }

    #[test]
    fn date_lines() {
        for yes in [
            "Sun, 02 Jun 2024 08:00:00 GMT",
            "30 November 2022",
            "2020-04-27 14:32更新",
            "发表于 2004年12月27日",
            "Oct 18, 2019 · 8 min read",
            "26/03/2021 - 15:21",
        ] {
            assert!(super::is_date_line(yes), "{yes}");
        }
        for no in [
            "The bridge opened in 2019 after years of delay.",
            "2019年，这座桥终于通车。",
            "Population 20450",
            "Chapter 12",
            "市政府在2020年的工作报告里首次提到这条线路和它的票价",
        ] {
            assert!(!super::is_date_line(no), "{no}");
        }
    }

    #[test]
    fn a_block_is_a_date_line_as_its_text_is() {
        use crate::model::{Block, Inline, Numbering};
        let para = |inlines: Vec<Inline>| Block::Paragraph { content: inlines };
        let link = |t: &str| Inline::Link {
            url: "/x".into(),
            title: None,
            content: vec![Inline::text(t)],
        };
        let blocks = [
            para(vec![Inline::text("30 November 2022")]),
            para(vec![Inline::text("30 Nov "), link("2022")]),
            para(vec![
                Inline::text("20"),
                Inline::LineBreak,
                Inline::text("22 May"),
            ]),
            para(vec![Inline::text("Chapter 12")]),
            para(vec![Inline::Code {
                text: "2019-10-01".into(),
            }]),
            Block::List {
                start: None,
                numbering: Numbering::default(),
                items: vec![
                    vec![para(vec![Inline::text("20")])],
                    vec![para(vec![Inline::text("19-05-01")])],
                ],
            },
            Block::Heading {
                level: 2,
                content: vec![Inline::text("发表于 2004年12月27日")],
            },
        ];
        for b in &blocks {
            let text = super::text_of(b);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let expected = chars > 0 && chars <= super::DATE_LINE_MAX && super::is_date_line(&text);
            assert_eq!(super::Basic::of(b).date, expected, "{text:?}");
        }
    }

    #[test]
    fn a_short_article_is_not_judged() {
        assert_eq!(run(&[-2.0, 3.0, -2.0], 20, 0.9), 0..3);
    }
}
