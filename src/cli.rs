//! The command line: argument definitions (clap, with Vietnamese help) and the commands.

use crate::batch;
use crate::error::Result;
use crate::pipeline::Kind;
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

Cách dùng: {usage}

{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "vanban",
    version,
    about = "sinh văn bản hành chính (Kế hoạch, Phụ lục, Báo cáo) theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML",
    help_template = HELP_TEMPLATE,
    override_usage = "vanban <LỆNH> [TÙY_CHỌN]",
    subcommand_help_heading = "Lệnh",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/phu-son-2023-2025 --format docx -o ~/Desktop/ke-hoach\n  vanban report plans/phu-son-2023-2025 --ky 2024-Q1\n  vanban check plans/phu-son-2023-2025/plan.yaml\n  vanban templates export mau-cua-toi\n\nMã thoát: 0 thành công, 1 lỗi dữ liệu hoặc mẫu, 2 sai cách dùng."
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

/// Where and how `build` and `report` write.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Thư mục ghi kết quả (mặc định: output/<tên thư mục kế hoạch>/)
    #[arg(short = 'o', long = "out", value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Định dạng cần sinh: docx, pdf hoặc all (cả hai, mặc định)
    #[arg(
        long,
        value_enum,
        default_value_t = Format::All,
        value_name = "ĐỊNH_DẠNG",
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: Format,
    /// Dùng các mẫu trong thư mục này thay cho mẫu có sẵn (xem `vanban templates export`)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sinh văn bản (DOCX, PDF) từ một hoặc nhiều kế hoạch
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/*/ -o ket-qua\n  vanban build plans/phu-son-2023-2025 --templates mau-cua-toi"
    )]
    #[command(override_usage = "vanban build [TÙY_CHỌN] <KẾ_HOẠCH>...")]
    Build {
        /// Thư mục kế hoạch (chứa plan.yaml) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true)]
        plans: Vec<PathBuf>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Sinh báo cáo kết quả thực hiện kế hoạch (quý, 6 tháng, 9 tháng, năm) từ dữ liệu tiến độ
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Dữ liệu của mỗi kỳ nằm trong thư mục bao-cao/ cạnh plan.yaml: tệp 2024-q1.yaml hoặc thư mục 2024-q1/ (mỗi đơn vị một tệp).\n\nVí dụ:\n  vanban report plans/phu-son-2023-2025 --ky 2024-Q1\n  vanban report plans/phu-son-2023-2025 --ky 2024-6T --format pdf\n  vanban report plans/phu-son-2023-2025 --ky tat-ca"
    )]
    #[command(override_usage = "vanban report [TÙY_CHỌN] --ky <KỲ> <KẾ_HOẠCH>...")]
    Report {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true)]
        plans: Vec<PathBuf>,
        /// Kỳ báo cáo: 2024-Q1…2024-Q4, 2024-6T (6 tháng đầu năm), 2024-9T, 2024 (năm), hoặc tat-ca (mọi kỳ đã có dữ liệu); viết --period cũng được
        #[arg(long = "ky", alias = "period", value_name = "KỲ", required = true)]
        ky: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Chỉ kiểm tra dữ liệu kế hoạch và dữ liệu báo cáo, không ghi tệp nào
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban check plans/phu-son-2023-2025"
    )]
    #[command(override_usage = "vanban check [TÙY_CHỌN] <KẾ_HOẠCH>...")]
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
            "không có lệnh \"{}\"; các lệnh: build, report, check, templates",
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
            "cần một lệnh: build, report, check hoặc templates".to_string()
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
        Command::Build { plans, output } => batch::build(&plans, &[Kind::Plan], &output),
        Command::Report { plans, ky, output } => batch::report(&plans, &ky, &output),
        Command::Check { plans, templates } => batch::check(&plans, templates.as_deref()),
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
