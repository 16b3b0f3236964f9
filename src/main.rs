//! `vanban`: see `vanban --help`. All the work is in the library.

fn main() {
    std::process::exit(vanban::cli::main_with_args(std::env::args_os()));
}
