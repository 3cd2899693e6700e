//! Expansion snapshots, with insta: each `tests/expand/[SUBDIR/]NAME.rs` expands
//! (prettyplease) to `tests/expand/[SUBDIR/]NAME.snap`, reviewed like code. After a reviewed
//! change, rewrite them with `INSTA_UPDATE=always cargo test -p response-model-derive` (or
//! `cargo insta review`).

#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

use std::path::Path;

use proc_macro2::TokenStream;

/// Expands every input file of `tests/expand/{subdir}` with `expand` and compares the
/// result with its snapshot; at least `min` inputs must be there.
pub(crate) fn assert_expansions(subdir: &str, min: usize, expand: fn(syn::File) -> TokenStream) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expand")
        .join(subdir);
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let file: syn::File = syn::parse_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let expanded = prettyplease::unparse(&syn::parse2(expand(file)).unwrap());
        insta::with_settings!({
            snapshot_path => Path::new("../tests/expand").join(subdir),
            prepend_module_to_snapshot => false,
            input_file => &path,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name.as_str(), expanded);
        });
        checked += 1;
    }
    assert!(
        checked >= min,
        "expected expansion inputs in {}",
        dir.display()
    );
}
