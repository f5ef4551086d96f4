// Links libsmtpreply: $SMTPREPLY_LIB_DIR if set, else what
// `pkg-config --libs-only-L libsmtpreply` says, else the default paths.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SMTPREPLY_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if let Ok(dir) = std::env::var("SMTPREPLY_LIB_DIR") {
        println!("cargo:rustc-link-search=native={}", dir);
    } else if let Ok(out) = Command::new("pkg-config")
        .args(["--libs-only-L", "libsmtpreply"])
        .output()
    {
        for flag in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            if let Some(dir) = flag.strip_prefix("-L") {
                println!("cargo:rustc-link-search=native={}", dir);
            }
        }
    }
    println!("cargo:rustc-link-lib=dylib=smtpreply");
}
