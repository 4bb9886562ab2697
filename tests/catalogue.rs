//! The catalogue check (runs in CI with the other tests): every message of
//! `locales/en` exists in every language with the same placeholders, Russian
//! plurals carry one/few/many/other, every id the code says exists with the
//! arguments the code gives it, and no English sentence is written in the
//! code outside the catalogue (the ones still there are listed, each with
//! its reason, in `locales/untranslated.txt`; the check fails on any other,
//! and on an entry of that list that is no longer in the code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

const LANGS: [&str; 3] = ["en", "ru", "zh-TW"];
/// The CLDR plural categories each language's numbers fall in.
fn plural_forms(lang: &str) -> &'static [&'static str] {
    match lang {
        "ru" => &["one", "few", "many"],
        "en" => &["one"],
        _ => &[],
    }
}
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[derive(Debug, Default)]
struct Message {
    file: String,
    vars: BTreeSet<String>,
    /// Per variable selected on by number: the variant keys, and whether one is the default.
    plurals: BTreeMap<String, (BTreeSet<String>, bool)>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn walk_inline(e: &InlineExpression<&str>, m: &mut Message) {
    match e {
        InlineExpression::VariableReference { id } => {
            m.vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => walk_expr(expression, m),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, m);
            }
            for a in &arguments.named {
                walk_inline(&a.value, m);
            }
        }
        _ => {}
    }
}

fn walk_expr(e: &Expression<&str>, m: &mut Message) {
    match e {
        Expression::Inline(i) => walk_inline(i, m),
        Expression::Select { selector, variants } => {
            walk_inline(selector, m);
            let keys: BTreeSet<String> = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                })
                .collect();
            let numeric = keys
                .iter()
                .any(|k| CATEGORIES[..5].contains(&k.as_str()) || k.parse::<f64>().is_ok());
            if let (true, InlineExpression::VariableReference { id }) = (numeric, selector) {
                let default = variants.iter().any(|v| v.default);
                m.plurals.insert(id.name.to_string(), (keys, default));
            }
            for v in variants {
                walk_pattern(&v.value, m);
            }
        }
    }
}

fn walk_pattern(p: &Pattern<&str>, m: &mut Message) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expr(expression, m);
        }
    }
}

/// Every message of one language, by id (`id` or `id.attribute`).
fn catalogue(lang: &str, problems: &mut Vec<String>) -> BTreeMap<String, Message> {
    let mut messages = BTreeMap::new();
    let dir = root().join("locales").join(lang);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                problems.push(format!("{lang}/{file}: does not parse: {errors:?}"));
                r
            }
        };
        for entry in &resource.body {
            match entry {
                Entry::Message(msg) => {
                    let mut m = Message {
                        file: file.clone(),
                        ..Message::default()
                    };
                    if let Some(value) = &msg.value {
                        walk_pattern(value, &mut m);
                    }
                    for attr in &msg.attributes {
                        let mut a = Message {
                            file: file.clone(),
                            ..Message::default()
                        };
                        walk_pattern(&attr.value, &mut a);
                        messages.insert(format!("{}.{}", msg.id.name, attr.id.name), a);
                    }
                    if msg.value.is_some() && messages.insert(msg.id.name.to_string(), m).is_some()
                    {
                        problems.push(format!("{lang}/{file}: {} defined twice", msg.id.name));
                    }
                }
                Entry::Junk { content } => {
                    problems.push(format!("{lang}/{file}: junk: {content:?}"));
                }
                _ => {}
            }
        }
    }
    messages
}

#[test]
fn every_message_is_in_every_language_with_its_placeholders_and_plural_forms() {
    let mut problems = Vec::new();
    let en = catalogue("en", &mut problems);
    assert!(!en.is_empty(), "locales/en holds no message");
    for lang in LANGS {
        let other = catalogue(lang, &mut problems);
        for (id, m) in &en {
            let Some(t) = other.get(id) else {
                problems.push(format!("{lang}: {id} ({}) missing", m.file));
                continue;
            };
            if t.file != m.file {
                problems.push(format!("{lang}: {id} in {}, not {}", t.file, m.file));
            }
            if t.vars != m.vars {
                problems.push(format!(
                    "{lang}: {id} uses {:?}, English {:?}",
                    t.vars, m.vars
                ));
            }
            // A number English says in the plural is said in this
            // language's plural forms too.
            for var in m.plurals.keys() {
                if !plural_forms(lang).is_empty() && !t.plurals.contains_key(var) {
                    problems.push(format!(
                        "{lang}: {id} does not select plural forms on ${var}"
                    ));
                }
            }
            for (var, (keys, default)) in &t.plurals {
                let missing: Vec<_> = plural_forms(lang)
                    .iter()
                    .filter(|k| !keys.contains(**k))
                    .collect();
                if !missing.is_empty() || !default {
                    problems.push(format!(
                        "{lang}: {id} ${var}: plural forms {missing:?} missing, or no default (*[other])"
                    ));
                }
            }
        }
        for id in other.keys().filter(|id| !en.contains_key(*id)) {
            problems.push(format!("{lang}: {id} is not in English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The sources under src/, without the unit tests (test modules in files
/// of their own, or at the end of a file after `#[cfg(test)]`) and the
/// fixtures.
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| {
            let s = p.to_string_lossy();
            !s.ends_with("/tests.rs") && !s.contains("/tests/") && !s.ends_with("/fixtures.rs")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let cut = text.find("#[cfg(test)]\nmod tests {").unwrap_or(text.len());
            let rel = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, text[..cut].to_string())
        })
        .collect()
}

/// A string literal and what encloses it: the names before each open
/// parenthesis or bracket it is in (`info!`, `expect`, `#`).
#[derive(Debug)]
struct Literal {
    text: String,
    within: Vec<String>,
    line: usize,
}

/// The string literals of Rust source, outside comments.
fn literals(src: &str) -> Vec<Literal> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let word_before = |i: usize| -> String {
        let mut j = i;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        let end = j;
        while j > 0
            && (b[j - 1].is_ascii_alphanumeric()
                || b[j - 1] == b'_'
                || b[j - 1] == b'!'
                || b[j - 1] == b'#')
        {
            j -= 1;
        }
        String::from_utf8_lossy(&b[j..end]).to_string()
    };
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'\'' => {
                // A char literal ('"', '\'', '\u{1b}') or a lifetime.
                if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                    continue;
                }
                if b.get(i + 1) == Some(&b'\\') {
                    let mut j = i + 2;
                    while j < b.len() && b[j] != b'\'' {
                        j += 1;
                    }
                    i = j + 1;
                    continue;
                }
            }
            // A block is no call: `match command {` encloses nothing named.
            b'(' | b'[' => stack.push(word_before(i)),
            b'{' => stack.push(String::new()),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) == Some(&b'"') {
                    let start = j + 1;
                    let close: Vec<u8> = std::iter::once(b'"')
                        .chain(std::iter::repeat_n(b'#', hashes))
                        .collect();
                    let mut k = start;
                    while k < b.len() && !b[k..].starts_with(&close) {
                        k += 1;
                    }
                    let text = String::from_utf8_lossy(&b[start..k]).to_string();
                    out.push(Literal {
                        text: text.clone(),
                        within: stack.clone(),
                        line,
                    });
                    line += text.matches('\n').count();
                    i = k + close.len();
                    continue;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut k = start;
                while k < b.len() && b[k] != b'"' {
                    if b[k] == b'\\' {
                        k += 1;
                    }
                    k += 1;
                }
                let text = String::from_utf8_lossy(&b[start..k.min(b.len())]).to_string();
                out.push(Literal {
                    text: text.clone(),
                    within: stack.clone(),
                    line,
                });
                line += text.matches('\n').count();
                i = k + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// What is not said to the user: stsdash's own log (`g`, --log-file, in
/// English like kubectl's), panics and assertions, and the attributes that
/// name fields or flags.
const NOT_SAID: [&str; 20] = [
    "debug!",
    "info!",
    "warn!",
    "error!",
    "trace!",
    "tracing::debug!",
    "tracing::info!",
    "tracing::warn!",
    "tracing::error!",
    "expect",
    "panic!",
    "unreachable!",
    "assert!",
    "assert_eq!",
    "debug_assert!",
    "include_str!",
    "serde",
    "arg",
    "command",
    "cfg",
];

/// Whether a literal reads as an English sentence: two words or more of
/// letters, once the format placeholders are taken out.
fn reads_as_english(text: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain
        .split(|c: char| c.is_whitespace() || c == '\\')
        .filter(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
            w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())
        })
        .collect();
    words.len() >= 2
        && words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_lowercase()))
}

fn untranslated_list() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(root().join("locales/untranslated.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (file, literal) = l.split_once('\t')?;
            Some((file.to_string(), literal.to_string()))
        })
        .collect()
}

#[test]
fn no_english_sentence_is_written_in_the_code_outside_the_catalogue() {
    let mut found = BTreeSet::new();
    let mut lines = BTreeMap::new();
    for (file, text) in sources() {
        for lit in literals(&text) {
            let said = !lit
                .within
                .iter()
                .any(|w| NOT_SAID.contains(&w.as_str()) || w.starts_with("tracing::"));
            if said && reads_as_english(&lit.text) {
                let literal = lit.text.replace('\n', "\\n");
                lines.insert((file.clone(), literal.clone()), lit.line);
                found.insert((file.clone(), literal));
            }
        }
    }
    let listed = untranslated_list();
    let new: Vec<String> = found
        .difference(&listed)
        .map(|(f, l)| format!("{f}:{}\t{l}", lines[&(f.clone(), l.clone())]))
        .collect();
    let stale: Vec<String> = listed
        .difference(&found)
        .map(|(f, l)| format!("{f}\t{l}"))
        .collect();
    eprintln!(
        "English literals outside the catalogue: {} listed in locales/untranslated.txt",
        listed.len()
    );
    assert!(
        new.is_empty() && stale.is_empty(),
        "English sentences in the code, not in the catalogue (say them with t!, or list them with why in locales/untranslated.txt):\n{}\n\nListed in locales/untranslated.txt but no longer in the code (remove them):\n{}",
        new.join("\n"),
        stale.join("\n")
    );
}

/// `t!("id", a = …, b = …)`: the id and the argument names, for every call in src.
fn calls(src: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(at) = rest.find("t!(") {
        let preceded = at > 0 && {
            let c = rest.as_bytes()[at - 1];
            c.is_ascii_alphanumeric() || c == b'_'
        };
        rest = &rest[at + 3..];
        if preceded {
            continue;
        }
        let Some(open) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = open.find('"') else { continue };
        let id = open[..end].to_string();
        // The arguments: `name =` at the call's own depth, after a comma.
        let body = &open[end + 1..];
        let (mut depth, mut names, mut in_str) = (0i32, BTreeSet::new(), false);
        let bytes = body.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let c = bytes[k];
            if in_str {
                if c == b'\\' {
                    k += 1;
                } else if c == b'"' {
                    in_str = false;
                }
            } else {
                match c {
                    b'"' => in_str = true,
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' if depth == 0 => break,
                    b')' | b']' | b'}' => depth -= 1,
                    b',' if depth == 0 => {
                        let after = body[k + 1..].trim_start();
                        let name: String = after
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        let tail = after[name.len()..].trim_start();
                        if !name.is_empty() && tail.starts_with('=') && !tail.starts_with("==") {
                            names.insert(name);
                        }
                    }
                    _ => {}
                }
            }
            k += 1;
        }
        out.push((id, names));
    }
    out
}

#[test]
fn every_message_the_code_says_exists_with_the_arguments_it_is_given() {
    let mut problems = Vec::new();
    let en = catalogue("en", &mut problems);
    let mut used = BTreeSet::new();
    for (file, text) in sources() {
        // Comments show calls too (`t!("id")` in a doc): not said.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (id, names) in calls(&code) {
            used.insert(id.clone());
            match en.get(&id) {
                None => problems.push(format!("{file}: t!({id:?}) is not in locales/en")),
                Some(m) if m.vars != names => problems.push(format!(
                    "{file}: t!({id:?}) is given {names:?}, the message uses {:?}",
                    m.vars
                )),
                _ => {}
            }
        }
    }
    for (id, m) in &en {
        if !used.contains(id) {
            problems.push(format!(
                "locales/en/{}: {id} is said nowhere in src",
                m.file
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    // The literal scanner: comments skipped, log macros and expects known.
    let src = "// a comment here\nfn f() { info!(\"watch was lost\"); x.expect(\"no such thing\"); say(\"hello there {n} friends\"); let c = '\"'; y(r#\"raw text here\"#); }";
    let found: Vec<_> = literals(src)
        .into_iter()
        .filter(|l| !l.within.iter().any(|w| NOT_SAID.contains(&w.as_str())))
        .map(|l| l.text)
        .collect();
    assert_eq!(found, ["hello there {n} friends", "raw text here"]);
    assert!(reads_as_english("scaling down to {n}"));
    assert!(!reads_as_english("{name}-{ordinal}"));
    assert!(!reads_as_english("app=web"));
    assert_eq!(
        calls("t!(\"a-b\", name = f(x, y), count = n == 1) + t!(\"c\")"),
        [
            (
                "a-b".to_string(),
                BTreeSet::from(["name".into(), "count".into()])
            ),
            ("c".to_string(), BTreeSet::new())
        ]
    );
}
