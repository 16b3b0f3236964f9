//! The crates' module graphs have no circle: a module never reaches, through the modules it
//! uses, back to itself. Read from the sources (`crate::…`, `super::…` paths), file by file,
//! so a newcomer can read the code bottom-up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src`, by its module path (`pdf::table`; `""` for lib.rs).
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    files
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            (parts.join("::"), f)
        })
        .collect()
}

/// The code of a file: without comments (a doc link is no use) and without its
/// `#[cfg(test)] mod tests` (tests may reach anywhere).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules `module` uses: the longest known module path each `crate::`/`super::` path
/// names, a `use` group (`crate::a::{b, c::d}`) naming each of its first-level members.
fn uses(module: &str, text: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for path in paths(text) {
        if let Some(m) = resolve(module, &path, known) {
            out.insert(m);
        }
    }
    out
}

/// Every `crate::…` and `super::…` path in `text`, groups expanded one level.
fn paths(text: &str) -> Vec<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if text[..at].chars().last().is_some_and(ident) {
                continue;
            }
            let path: String = text[at..].chars().take_while(|&c| ident(c)).collect();
            let after = &text[at + path.len()..];
            match after.strip_prefix('{') {
                Some(group) => {
                    let inner = group.split('}').next().unwrap_or("");
                    for member in inner.split(',') {
                        let m: String = member.trim().chars().take_while(|&c| ident(c)).collect();
                        out.push(format!("{path}{m}"));
                    }
                }
                None => out.push(path),
            }
        }
    }
    out
}

/// The longest known module `path` (used from `module`) names, if another one.
fn resolve(module: &str, path: &str, known: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<&str> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").collect()
    };
    match segs.first() {
        Some(&"crate") => {
            base.clear();
            segs.remove(0);
        }
        _ => {
            while segs.first() == Some(&"super") {
                segs.remove(0);
                base.pop();
            }
        }
    }
    base.extend(segs);
    while !base.is_empty() {
        let m = base.join("::");
        if known.contains_key(&m) {
            let own = m == module || module.starts_with(&format!("{m}::"));
            return (!own).then_some(m);
        }
        base.pop();
    }
    None
}

/// A circle in the graph, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|s| s == m).unwrap();
                    let mut c = stack[start..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn graph_of(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(src);
    known
        .iter()
        .map(|(m, f)| (m.clone(), uses(m, &code(f), &known)))
        .collect()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_crate_has_an_import_circle() {
    for src in ["src", "crates/documents/src", "crates/render/src"] {
        let graph = graph_of(&root().join(src));
        // A module a parent only declares (`pub mod x;`) is no use of it.
        let graph: BTreeMap<String, BTreeSet<String>> = graph
            .into_iter()
            .map(|(m, used)| {
                let kept = used
                    .into_iter()
                    .filter(|u| m.is_empty() || !u.starts_with(&format!("{m}::")))
                    .collect();
                (m, kept)
            })
            .collect();
        assert!(
            circle(&graph).is_none(),
            "{src}: import circle {}",
            circle(&graph).unwrap_or_default().join(" → ")
        );
    }
}

#[test]
fn the_model_uses_no_kind() {
    let graph = graph_of(&root().join("crates/documents/src"));
    for (m, used) in &graph {
        if m == "model" || m.starts_with("model::") {
            let up: Vec<&String> = used.iter().filter(|u| u.starts_with("kinds")).collect();
            assert!(up.is_empty(), "{m} uses {up:?}");
        }
    }
}

/// The detector itself: a circle through `super::` is found, a chain is not.
#[test]
fn a_circle_is_found() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::new());
    assert!(circle(&g).is_none());
    g.get_mut("c").unwrap().insert("a".to_string());
    assert_eq!(circle(&g).unwrap().len(), 4);
    let known: BTreeMap<String, PathBuf> = ["pdf", "pdf::pages", "pdf::table"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let u = uses("pdf::table", "let x = super::pages::ROW_SLACK;", &known);
    assert_eq!(u, BTreeSet::from(["pdf::pages".to_string()]));
    let u = uses(
        "pdf::pages",
        "use crate::pdf::{table, x};\n// crate::pdf::z",
        &known,
    );
    assert_eq!(u, BTreeSet::from(["pdf::table".to_string()]));
}
