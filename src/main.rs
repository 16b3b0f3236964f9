//! `vanban`: see `vanban --help`. All the work is in the library.

fn main() {
    // The process ends right after the command: the library may leave its last document's
    // memory to the OS rather than free it piece by piece.
    std::process::exit(vanban::cli::main_with_args(std::env::args_os(), true));
}
