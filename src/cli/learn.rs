//! `--learn` and `--learn-out`: a first pass over the inputs feeds a [`Learner`], whose rules are
//! then added to the rules in force (and written out for later runs).

use std::fs;

use rayon::prelude::*;

use super::files::{self, Job};
use crate::{LearnSettings, Learner, Options, Post};

/// Posts held in memory at once while learning.
const CHUNK: usize = 256;

/// The options with the rules learned over `jobs` added, and those rules written to `out` when
/// asked. Inputs that cannot be read or parsed are left to the conversion to report.
pub fn learned(
    jobs: &[Job],
    options: &Options,
    out: Option<&std::path::Path>,
) -> Result<Options, String> {
    if jobs.iter().any(|j| matches!(j, Job::Stdin)) {
        return Err("--learn reads its inputs twice: name files or folders, not stdin".into());
    }
    // posts are read in parallel a chunk at a time and counted by one learner in input order: a
    // line's text is kept from its second sighting, which learners merged from small parts miss
    let mut learner = Learner::with_settings(LearnSettings::default(), &options.rules);
    for chunk in jobs.chunks(CHUNK) {
        let posts: Vec<Option<Post>> = chunk
            .par_iter()
            .map(|job| match job {
                Job::File { source, .. } => fs::read(source)
                    .ok()
                    .and_then(|bytes| Post::parse_bytes_with(&bytes, options).ok()),
                _ => None,
            })
            .collect();
        for post in posts.iter().flatten() {
            learner.add(post);
        }
    }
    let rules = learner.rules();
    if let Some(path) = out {
        let yaml = format!(
            "# Learned by tidings {} over {} posts ({} without a source host, not learned from).\n{}",
            env!("CARGO_PKG_VERSION"),
            learner.posts(),
            learner.skipped(),
            rules.to_yaml()
        );
        files::write_atomic(path, yaml.as_bytes())
            .map_err(|e| format!("--learn-out {}: {e}", path.display()))?;
    }
    let mut all = options.rules.clone();
    all.extend(rules);
    Ok(options.clone().rules(all))
}
