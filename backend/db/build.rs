//! The migrations are embedded in the binary (`embed_migrations!`), which reads the SQL files
//! at compile time without telling cargo: without this, editing a migration would leave the
//! old SQL embedded until something else in the crate changed.

fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
