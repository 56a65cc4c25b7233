//! The committed bindings must be exactly what bindgen makes from the vendored headers today,
//! so nobody hand-edits them and a header change cannot go unnoticed.

fn assert_committed_is_fresh(name: &str) {
    let abi = gen_bindings::abi(name).expect("known ABI");
    let fresh = gen_bindings::generate(abi).unwrap_or_else(|e| {
        panic!(
            "cannot generate bindings ({e}); this check needs libclang-dev, pkg-config, \
             libglib2.0-dev and, for the Windows ABIs, mingw-w64-i686-dev and mingw-w64-x86-64-dev"
        )
    });
    let path = gen_bindings::committed_path(abi);
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is committed: {e}", path.display()));
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

#[test]
fn x86_64_linux_bindings_are_fresh() {
    assert_committed_is_fresh("x86_64-linux");
}

#[test]
fn i686_windows_bindings_are_fresh() {
    assert_committed_is_fresh("i686-windows");
}

#[test]
fn x86_64_windows_bindings_are_fresh() {
    assert_committed_is_fresh("x86_64-windows");
}

#[test]
fn every_abi_has_a_test_here() {
    let names: Vec<&str> = gen_bindings::ABIS.iter().map(|abi| abi.name).collect();
    assert_eq!(names, ["x86_64-linux", "i686-windows", "x86_64-windows"]);
}
