//! The committed bindings must be exactly what bindgen makes from the vendored headers today,
//! so nobody hand-edits them and a header change cannot go unnoticed.

#[test]
fn committed_bindings_equal_fresh_generation() {
    let fresh = gen_bindings::generate().unwrap_or_else(|e| {
        panic!("cannot generate bindings ({e}); this check needs libclang-dev, pkg-config and libglib2.0-dev")
    });
    let path = gen_bindings::committed_path();
    let committed = std::fs::read_to_string(&path).expect("src/purple/ffi.rs is committed");
    if fresh != committed {
        let first_diff = fresh
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(fresh.lines().count().min(committed.lines().count()));
        panic!(
            "{} differs from a fresh generation (first difference at line {}); run `cargo run -p gen-bindings`",
            path.display(),
            first_diff + 1
        );
    }
}
