//! Rebuilds the binary when the dashboard's build output changes: release builds carry
//! `web/dist` inside them.

fn main() {
    println!("cargo:rerun-if-changed=../../web/dist");
}
