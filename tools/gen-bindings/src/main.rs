//! `cargo run -p gen-bindings [-- ABI...]`: rewrite the committed bindings from the vendored
//! headers, for every ABI or the ones named (`x86_64-linux`, `i686-windows`, ...).

fn main() {
    let names: Vec<String> = std::env::args().skip(1).collect();
    let mut chosen = Vec::new();
    for name in &names {
        match gen_bindings::abi(name) {
            Some(abi) => chosen.push(abi),
            None => {
                let known: Vec<&str> = gen_bindings::ABIS.iter().map(|abi| abi.name).collect();
                eprintln!("unknown ABI {name:?}; known: {}", known.join(", "));
                std::process::exit(2);
            }
        }
    }
    if chosen.is_empty() {
        chosen.extend(gen_bindings::ABIS);
    }
    for abi in chosen {
        let text = gen_bindings::generate(abi).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        });
        let path = gen_bindings::committed_path(abi);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        println!("wrote {} ({})", path.display(), abi.name);
    }
}
