// Tells rustc where libsmtpreply is, asking the pkg-config program (crates
// cannot be fetched here, so no pkg-config crate):
//   1. $SMTPREPLY_LIB_DIR, if set;
//   2. `pkg-config --libs-only-L libsmtpreply` (libsmtpreply.pc from
//      `make install`, or $PKG_CONFIG_PATH for an uninstalled tree);
//   3. /usr/local/lib when it holds the library: `make install`'s default,
//      which rust-lld, unlike GNU ld, does not search by itself.
use std::env;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SMTPREPLY_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let mut dirs: Vec<String> = Vec::new();
    if let Ok(dir) = env::var("SMTPREPLY_LIB_DIR") {
        dirs.push(dir);
    } else {
        match Command::new("pkg-config").args(["--libs-only-L", "libsmtpreply"]).output() {
            Ok(out) if out.status.success() => {
                let text = String::from_utf8_lossy(&out.stdout);
                dirs.extend(text.split_whitespace().filter_map(|f| f.strip_prefix("-L")).map(str::to_owned));
            }
            Ok(out) => println!(
                "cargo:warning=pkg-config does not know libsmtpreply ({}); trying /usr/local/lib",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
            Err(e) => println!("cargo:warning=no pkg-config program ({e}); trying /usr/local/lib"),
        }
        if dirs.is_empty() && Path::new("/usr/local/lib/libsmtpreply.so").exists() {
            dirs.push("/usr/local/lib".to_owned());
        }
    }
    for dir in &dirs {
        println!("cargo:rustc-link-search=native={dir}");
    }
    println!("cargo:rustc-link-lib=dylib=smtpreply");
}
