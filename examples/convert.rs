//! Converts posts with tidings: `convert --to markdown|text|json|html [--out-dir DIR] INPUT...`.
//! INPUT is a file, a folder (walked recursively; outputs mirror it under DIR) or `-` for stdin.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tidings::Post;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut to = String::from("markdown");
    let mut out_dir: Option<PathBuf> = None;
    let mut inputs = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--to" => to = args.next().unwrap_or_default(),
            "--out-dir" => out_dir = args.next().map(PathBuf::from),
            _ => inputs.push(a),
        }
    }
    let ext = match to.as_str() {
        "markdown" | "md" => "md",
        "text" | "txt" => "txt",
        "json" => "json",
        "html" => "html",
        other => {
            eprintln!("unknown format {other}");
            return ExitCode::from(2);
        }
    };
    let mut failed = 0;
    for input in inputs {
        if input == "-" {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).ok();
            match Post::parse_bytes(&buf) {
                Ok(p) => {
                    std::io::stdout().write_all(render(&p, ext).as_bytes()).ok();
                }
                Err(e) => {
                    eprintln!("-: {e}");
                    failed += 1;
                }
            }
            continue;
        }
        let root = PathBuf::from(&input);
        let files = if root.is_dir() {
            walk(&root)
        } else {
            vec![root.clone()]
        };
        for f in files {
            let result = std::fs::read(&f)
                .map_err(|e| e.to_string())
                .and_then(|b| Post::parse_bytes(&b).map_err(|e| e.to_string()));
            match result {
                Ok(p) => {
                    let text = render(&p, ext);
                    match &out_dir {
                        Some(d) => {
                            let rel = if root.is_dir() {
                                f.strip_prefix(&root).unwrap_or(&f).to_path_buf()
                            } else {
                                PathBuf::from(f.file_name().unwrap_or_default())
                            };
                            let target = d.join(rel).with_extension(ext);
                            if let Some(parent) = target.parent() {
                                std::fs::create_dir_all(parent).ok();
                            }
                            std::fs::write(&target, text).ok();
                        }
                        None => {
                            std::io::stdout().write_all(text.as_bytes()).ok();
                        }
                    }
                }
                Err(e) => {
                    eprintln!("{}: {e}", f.display());
                    failed += 1;
                }
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn render(p: &Post, ext: &str) -> String {
    match ext {
        "md" => p.to_markdown(),
        "txt" => p.to_text(),
        "json" => p.to_json(),
        _ => p.to_html(),
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    out
}
