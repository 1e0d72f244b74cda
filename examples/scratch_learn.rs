use tidings::{Learner, Post};
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut l = Learner::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let s = std::fs::read_to_string(&p).unwrap();
        if let Ok(post) = Post::parse(&s) {
            l.add(&post);
        }
    }
    print!("{}", l.rules().to_yaml());
    eprintln!("posts {} skipped {}", l.posts(), l.skipped());
}
