//! The command line: argument definitions (clap, with Vietnamese help) and the commands.

use crate::error::{Error, Result};
use crate::fonts::FontSet;
use crate::pipeline::{self, Built};
use crate::template::Templates;
use clap::{ArgAction, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

Cách dùng: {usage}

{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "vanban",
    version,
    about = "sinh văn bản hành chính (Kế hoạch, Phụ lục) theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Lệnh",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/phu-son-2023-2025 --format docx -o ~/Desktop/ke-hoach\n  vanban check plans/phu-son-2023-2025/plan.yaml\n  vanban templates export mau-cua-toi\n\nMã thoát: 0 thành công, 1 lỗi dữ liệu hoặc mẫu, 2 sai cách dùng."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// In hướng dẫn này
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// In phiên bản
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sinh văn bản (DOCX, PDF) từ một hoặc nhiều kế hoạch
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/*/ -o ket-qua\n  vanban build plans/phu-son-2023-2025 --templates mau-cua-toi"
    )]
    Build {
        /// Thư mục kế hoạch (chứa plan.yaml) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true)]
        plans: Vec<PathBuf>,
        /// Thư mục ghi kết quả (mặc định: output/<tên thư mục kế hoạch>/)
        #[arg(short = 'o', long = "out", value_name = "THƯ_MỤC")]
        out: Option<PathBuf>,
        /// Định dạng cần sinh
        #[arg(long, value_enum, default_value_t = Format::All, value_name = "ĐỊNH_DẠNG")]
        format: Format,
        /// Dùng các mẫu trong thư mục này thay cho mẫu có sẵn (xem `vanban templates export`)
        #[arg(long, value_name = "THƯ_MỤC")]
        templates: Option<PathBuf>,
    },
    /// Chỉ kiểm tra dữ liệu kế hoạch, không ghi tệp nào
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban check plans/phu-son-2023-2025"
    )]
    Check {
        #[arg(value_name = "KẾ_HOẠCH", required = true)]
        plans: Vec<PathBuf>,
        /// Kiểm tra cả với các mẫu trong thư mục này
        #[arg(long, value_name = "THƯ_MỤC")]
        templates: Option<PathBuf>,
    },
    /// Làm việc với các mẫu văn bản
    #[command(help_template = HELP_TEMPLATE, subcommand_help_heading = "Lệnh")]
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplatesAction {
    /// Ghi các mẫu có sẵn ra thư mục để sửa; dùng lại bằng `vanban build --templates THƯ_MỤC`
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban templates export mau-cua-toi"
    )]
    Export {
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
        /// Ghi đè các tệp mẫu đã có
        #[arg(long = "ghi-de")]
        overwrite: bool,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Word (.docx)
    Docx,
    /// PDF
    Pdf,
    /// Cả hai
    All,
}

/// Turns clap's English usage errors into Vietnamese ones.
fn usage_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh \"{}\"; các lệnh: build, check, templates",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            format!("không có tùy chọn \"{}\"", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "giá trị \"{}\" không hợp lệ cho {}; các giá trị được phép: {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số bắt buộc {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "cần một lệnh: build, check hoặc templates".to_string()
        }
        ErrorKind::NoEquals | ErrorKind::ValueValidation | ErrorKind::TooManyValues => {
            format!("giá trị không hợp lệ cho {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => "các tùy chọn không dùng cùng nhau được".to_string(),
        _ => "sai cách dùng".to_string(),
    };
    format!("lỗi: {what}\nXem hướng dẫn: vanban --help")
}

/// Parses the arguments and runs; returns the process exit code.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    0
                }
                _ => {
                    eprintln!("{}", usage_message(&e));
                    2
                }
            };
        }
    };
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lỗi: {e}");
            e.exit_code()
        }
    }
}

fn run(cmd: Command) -> Result<i32> {
    match cmd {
        Command::Build {
            plans,
            out,
            format,
            templates,
        } => build(&plans, out.as_deref(), format, templates.as_deref()),
        Command::Check { plans, templates } => check(&plans, templates.as_deref()),
        Command::Templates {
            action: TemplatesAction::Export { dir, overwrite },
        } => {
            let written = crate::template::export(&dir, overwrite)?;
            for p in &written {
                println!("đã ghi {}", p.display());
            }
            println!(
                "Sửa các mẫu rồi dùng: vanban build <KẾ_HOẠCH> --templates {}",
                dir.display()
            );
            Ok(0)
        }
    }
}

fn folder_name(input: &Path) -> String {
    let base = if input.is_dir() {
        input.to_path_buf()
    } else {
        input.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    base.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "ke-hoach".to_string())
}

fn print_warnings(b: &Built) {
    for w in &b.warnings {
        eprintln!("cảnh báo: {w}");
    }
}

fn check(plans: &[PathBuf], templates: Option<&Path>) -> Result<i32> {
    let tpl = Templates::load(templates)?;
    let mut failed = 0;
    for input in plans {
        let file = pipeline::plan_file(input);
        match pipeline::build_document(&file, &tpl) {
            Ok(b) => {
                print_warnings(&b);
                let s = crate::summary::Summary::of(&b.plan);
                println!("{}: hợp lệ — {s}", file.display());
            }
            Err(e) => {
                eprintln!("lỗi: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn build(
    plans: &[PathBuf],
    out: Option<&Path>,
    format: Format,
    templates: Option<&Path>,
) -> Result<i32> {
    if matches!(format, Format::Pdf) && !crate::PDF_AVAILABLE {
        return Err(Error::Usage(
            "chưa sinh được PDF trong phiên bản này; dùng --format docx".into(),
        ));
    }
    if plans.len() > 1 {
        // Each plan writes into a folder named after its own; two plans of the same folder
        // name would overwrite each other's files.
        let names: std::collections::BTreeSet<String> =
            plans.iter().map(|p| folder_name(p)).collect();
        if names.len() < plans.len() {
            return Err(Error::Usage(
                "các kế hoạch trùng tên thư mục; hãy chạy riêng từng kế hoạch".into(),
            ));
        }
    }
    let tpl = Templates::load(templates)?;
    let fonts = FontSet::bundled();
    let mut failed = 0;
    for input in plans {
        let file = pipeline::plan_file(input);
        let name = folder_name(input);
        let dir = match (out, plans.len()) {
            (Some(o), 1) => o.to_path_buf(),
            (Some(o), _) => o.join(&name),
            (None, _) => Path::new("output").join(&name),
        };
        match build_one(&file, &dir, format, &tpl, &fonts) {
            Ok(written) => {
                for (p, size) in written {
                    println!("đã ghi {} ({} KB)", p.display(), size.div_ceil(1024));
                }
            }
            Err(e) => {
                eprintln!("lỗi: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn build_one(
    file: &Path,
    dir: &Path,
    format: Format,
    tpl: &Templates,
    fonts: &FontSet,
) -> Result<Vec<(PathBuf, usize)>> {
    let b = pipeline::build_document(file, tpl)?;
    print_warnings(&b);
    let fonts = pipeline::fonts_for(&b.plan, file, fonts)?;
    let outputs = pipeline::render_outputs(&b, format, &fonts)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut written = Vec::new();
    for (name, bytes) in outputs {
        let path = dir.join(name);
        crate::output::write_atomic(&path, &bytes)?;
        written.push((path, bytes.len()));
    }
    Ok(written)
}
