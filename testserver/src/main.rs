//! `lync-testserver --config FILE`: runs the server until SIGTERM or SIGINT.
//!
//! Prints one JSON line on stdout once it accepts connections (listener addresses, domain,
//! the CA certificate to trust); everything else goes to stderr.

use std::error::Error;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use lync_testserver::config::Config;
use lync_testserver::net::Server;
use lync_testserver::tls::Certificates;
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

const USAGE: &str = "usage: lync-testserver --config FILE";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lync-testserver: {e}");
            ExitCode::from(2)
        }
    }
}

fn config_path() -> Result<PathBuf, String> {
    let mut args = std::env::args_os().skip(1);
    let mut path = None;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--config") => path = args.next().map(PathBuf::from),
            Some("--help" | "-h") => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}")),
        }
    }
    path.ok_or_else(|| USAGE.to_owned())
}

/// A fresh private directory for the certificates when the config names none; removed
/// again on a clean exit.
fn temporary_state_dir() -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("lync-testserver-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir)
}

fn run() -> Result<(), Box<dyn Error>> {
    let config = Config::load(&config_path()?)?;
    let (state_dir, temporary) = match &config.state_dir {
        Some(dir) => (PathBuf::from(dir), false),
        None => (temporary_state_dir()?, true),
    };
    // From here on, the temporary directory is removed whatever happens.
    let served = serve(config, &state_dir);
    if temporary {
        let _ = std::fs::remove_dir_all(&state_dir);
    }
    served
}

fn serve(config: Config, state_dir: &std::path::Path) -> Result<(), Box<dyn Error>> {
    let certificates = Certificates::load_or_create(state_dir, &config.server_name())?;
    let acceptor = certificates.acceptor()?;
    // Registered before the ready line, so a signal right after it is not lost.
    let mut signals = Signals::new([SIGTERM, SIGINT])?;
    let server = Server::bind(config, acceptor)?.with_authority(certificates.authority());
    let ready = server.ready_line(&certificates.ca_pem_path)?;
    server.start()?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{ready}")?;
    stdout.flush()?;
    drop(stdout);
    if let Some(signal) = signals.forever().next() {
        let name = if signal == SIGINT {
            "SIGINT"
        } else {
            "SIGTERM"
        };
        eprintln!("lync-testserver: stopping on {name}");
    }
    Ok(())
}
