//! `redflag bundle keygen | sign | verify`: publishers sign the bundles they distribute, and
//! anyone can check a signed bundle before passing it on. The extension pins the public keys of
//! trusted publishers.

use redflag::signing;
use std::path::PathBuf;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Make a key pair: NAME.key (secret: keep it offline) and NAME.pub (publish it).
    Keygen {
        /// Path and name of the key files, without extension.
        name: PathBuf,
    },
    /// Sign a compiled bundle document (from `redflag compile`).
    Sign {
        /// The secret key file.
        #[arg(long)]
        key: PathBuf,
        /// The compiled bundle (.json).
        bundle: PathBuf,
        /// Where to write the signed bundle.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Check a signed bundle against a publisher's public key, and that it loads.
    Verify {
        /// The public key file(s) to trust.
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
        /// The signed bundle.
        bundle: PathBuf,
    },
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

fn key_in(path: &PathBuf) -> Result<String, String> {
    let text = read(path)?;
    signing::key_from_text(&text)
        .map(str::to_string)
        .ok_or(format!("{}: no key in the file", path.display()))
}

fn run_inner(c: &Command) -> Result<(), String> {
    match c {
        Command::Keygen { name } => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed)
                .map_err(|e| format!("no randomness from the system: {e}"))?;
            let (secret, public) = signing::keypair_from_seed(seed);
            let key_path = name.with_extension("key");
            let pub_path = name.with_extension("pub");
            if key_path.exists() {
                return Err(format!(
                    "{} exists; not overwriting a key",
                    key_path.display()
                ));
            }
            std::fs::write(
                &key_path,
                format!("# redflag bundle signing key: SECRET, keep it offline\n{secret}\n"),
            )
            .map_err(|e| format!("{}: {e}", key_path.display()))?;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o600));
            }
            std::fs::write(
                &pub_path,
                format!("# redflag bundle public key\n{public}\n"),
            )
            .map_err(|e| format!("{}: {e}", pub_path.display()))?;
            eprintln!(
                "wrote {} (secret) and {} (public: {public})",
                key_path.display(),
                pub_path.display()
            );
            Ok(())
        }
        Command::Sign {
            key,
            bundle,
            output,
        } => {
            let secret = signing::parse_secret_key(&key_in(key)?)
                .map_err(|e| format!("{}: {e}", key.display()))?;
            let doc = read(bundle)?;
            if signing::is_envelope(&doc) {
                return Err(format!("{} is already signed", bundle.display()));
            }
            // Refuse to sign something that would not load.
            let name = bundle.display().to_string();
            redflag::Document::from_json(&name, &doc).map_err(|e| e.to_string())?;
            std::fs::write(output, signing::sign(&doc, &secret))
                .map_err(|e| format!("{}: {e}", output.display()))?;
            eprintln!("signed {} -> {}", bundle.display(), output.display());
            Ok(())
        }
        Command::Verify { keys, bundle } => {
            let trusted = keys.iter().map(key_in).collect::<Result<Vec<_>, _>>()?;
            let text = read(bundle)?;
            let name = bundle.display().to_string();
            match signing::open(&name, &text, &trusted).map_err(|e| e.to_string())? {
                signing::Opened::Unsigned { .. } => {
                    Err(format!("{name}: the bundle is not signed"))
                }
                signing::Opened::Signed { document, key } => {
                    let doc = redflag::Document::from_json(&name, &document)
                        .map_err(|e| e.to_string())?;
                    let ids: Vec<&str> = doc.bundles.iter().map(|b| b.bundle.id.as_str()).collect();
                    println!("ok: signed by {key}; bundles: {}", ids.join(", "));
                    Ok(())
                }
            }
        }
    }
}

pub fn run(c: &Command) -> i32 {
    match run_inner(c) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("redflag bundle: {e}");
            1
        }
    }
}
