//! `cargo run -p gen-bindings`: rewrite src/purple/ffi.rs from the vendored headers.

fn main() {
    match gen_bindings::generate() {
        Ok(text) => {
            let path = gen_bindings::committed_path();
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("wrote {}", path.display());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
