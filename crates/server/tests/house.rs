//! The shape of the code base, checked from the tree: rules a newcomer can rely on without
//! reading everything (docs/architecture.md, "Rules the tree keeps").

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace's root (this crate is `crates/server`).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The file's code without its comments (line comments and doc comments), so a doc link
/// is not counted as an import.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is rare in use paths; cutting there is harmless.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file's code names: `crate::x` anywhere, and `super::x` where `super` is
/// the crate root (in `src/a.rs` and `src/a/mod.rs`).
fn named_modules(code: &str, super_is_root: bool) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (prefix, counts) in [("crate::", true), ("super::", super_is_root)] {
        if !counts {
            continue;
        }
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                named.insert(name);
            }
        }
    }
    named
}

/// Which top-level modules of `src` each top-level module uses.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let top = parts[0].trim_end_matches(".rs").to_string();
        if matches!(top.as_str(), "lib" | "main" | "bin") {
            continue;
        }
        let super_is_root = parts.len() == 1 || (parts.len() == 2 && parts[1] == "mod.rs");
        let uses = named_modules(&code_of(&file), super_is_root);
        graph
            .entry(top.clone())
            .or_default()
            .extend(uses.into_iter().filter(|m| *m != top));
    }
    graph
}

/// The cycles of length two and more among the graph's modules, each as a path.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for start in graph.keys() {
        // Depth-first from `start`, reporting a path back to it through modules after it
        // in order (so each cycle is reported once, from its smallest module).
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    found.push(path.clone());
                } else if next > start && !path.contains(next) && graph.contains_key(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_of_the_server_imports_one_that_imports_it_back() {
    let graph = module_graph(&workspace().join("crates/server/src"));
    assert!(graph.contains_key("jobs") && graph["jobs"].contains("messaging"));
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that reach themselves through their imports: {found:?}"
    );
}

#[test]
fn the_cycle_check_sees_a_cycle() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert(
        "c".to_string(),
        BTreeSet::from(["a".to_string(), "d".to_string()]),
    );
    graph.insert("d".to_string(), BTreeSet::new());
    assert_eq!(cycles(&graph), [["a", "b", "c"]]);
    let uses = named_modules(
        "use crate::state::AppState;\nlet x = super::jobs::run; y::crate::no;",
        true,
    );
    assert_eq!(uses, BTreeSet::from(["state".into(), "jobs".into()]));
}

/// The stored names of the job kinds, as `frontdesk_store::JobKind` holds them.
const JOB_KINDS: [&str; 5] = [
    "turn",
    "send",
    "reminder",
    "extract_document",
    "embed_knowledge",
];

#[test]
fn job_kinds_are_named_only_by_their_type() {
    let root = workspace();
    let mut offences = Vec::new();
    for dir in [
        "crates/store/src",
        "crates/server/src",
        "crates/store/benches",
        "crates/server/benches",
    ] {
        for file in rust_files(&root.join(dir)) {
            let code = code_of(&file);
            let at = file.strip_prefix(&root).unwrap().display().to_string();
            let own_type = at == "crates/store/src/jobs/mod.rs";
            for kind in JOB_KINDS {
                // In SQL text.
                if code.contains(&format!("'{kind}'")) {
                    offences.push(format!("{at}: '{kind}' in SQL"));
                }
                // As a Rust string, dispatched on or written (the two long names are
                // unambiguous; the short ones are words used elsewhere too).
                let quoted = format!("\"{kind}\"");
                let dispatched = code
                    .match_indices(&quoted)
                    .any(|(i, _)| code[i + quoted.len()..].trim_start().starts_with("=>"));
                let long = kind.contains('_') && code.contains(&quoted);
                if !own_type && (dispatched || long) {
                    offences.push(format!("{at}: {quoted} outside JobKind"));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

/// The files where unsafe code is allowed, and why: the encoder's CPU kernels, and system
/// calls std has no safe form for.
const UNSAFE_ALLOWED: [&str; 4] = [
    "crates/knowledge/src/int8.rs", // 8-bit products and quantizing (intrinsics)
    "crates/knowledge/src/bert.rs", // the AVX2 build of the float work
    "crates/knowledge/src/extract/contained.rs", // a reader's limits: pre_exec, setrlimit
    "crates/server/src/jobs/threads.rs", // the workers' lower priority: setpriority
];

#[test]
fn unsafe_code_is_only_where_it_is_allowed_and_each_block_says_why() {
    let root = workspace();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("[workspace.lints.rust]\nunsafe_code = \"deny\""),
        "the workspace denies unsafe code"
    );
    let mut offences = Vec::new();
    for file in rust_files(&root.join("crates")) {
        let at = file.strip_prefix(&root).unwrap().display().to_string();
        if at.contains("/target/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let allowed = UNSAFE_ALLOWED.contains(&at.as_str());
        // Spelled in two parts so that this file does not name itself.
        if text.contains(&["allow(", "unsafe_code)"].concat()) && !allowed {
            offences.push(format!("{at}: allows unsafe code but is not listed"));
        }
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let block = code
                .match_indices("unsafe")
                .any(|(j, _)| code[j + "unsafe".len()..].trim_start().starts_with('{'));
            if !block {
                continue;
            }
            let reason = lines[i.saturating_sub(4)..=i]
                .iter()
                .any(|l| l.contains("SAFETY"));
            if !reason {
                offences.push(format!(
                    "{at}:{}: an unsafe block without a SAFETY line",
                    i + 1
                ));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn library_code_refuses_unwrap() {
    let root = workspace();
    for krate in [
        "assistant",
        "channels",
        "domain",
        "knowledge",
        "server",
        "store",
    ] {
        let lib = std::fs::read_to_string(root.join(format!("crates/{krate}/src/lib.rs"))).unwrap();
        assert!(
            lib.contains("#![cfg_attr(not(test), deny(clippy::unwrap_used))]"),
            "crates/{krate}/src/lib.rs denies unwrap() outside tests"
        );
    }
}

#[test]
fn no_macro_holds_sql() {
    let root = workspace();
    let sql = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        " SET ",
        "CREATE TABLE",
    ];
    let mut offences = Vec::new();
    for file in rust_files(&root.join("crates")) {
        let at = file.strip_prefix(&root).unwrap().display().to_string();
        if at.contains("/target/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line
                .trim_start()
                .starts_with(&["macro", "_rules!"].concat())
            {
                continue;
            }
            // The macro's body: up to the closing brace at its own indentation.
            let indent = line.len() - line.trim_start().len();
            let body: Vec<&str> = lines[i + 1..]
                .iter()
                .take_while(|l| !(l.len() - l.trim_start().len() == indent && l.trim() == "}"))
                .copied()
                .collect();
            let body = body.join("\n");
            if let Some(word) = sql.iter().find(|w| body.contains(*w)) {
                offences.push(format!("{at}:{}: a macro holding SQL ({word:?})", i + 1));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}
