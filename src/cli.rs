//! The command line: argument definitions (clap, with Vietnamese help) and the commands.

use crate::batch;
use crate::error::Result;
use crate::kinds::cong_van::CongVan;
use crate::kinds::plan::{Appendices, PlanDocument};
use crate::kinds::Request;
use crate::make::BuildOptions;
use clap::{ArgAction, Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

Cách dùng: {usage}

{all-args}{after-help}";

/// Subcommands: their description, usage, arguments; no name-and-version line.
const SUB_TEMPLATE: &str = "\
{before-help}{about}

Cách dùng: {usage}

{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "vanban",
    version,
    about = "sinh văn bản hành chính (Kế hoạch, Phụ lục, Báo cáo, Công văn đôn đốc) theo Nghị định 30/2020/NĐ-CP từ dữ liệu YAML",
    help_template = HELP_TEMPLATE,
    override_usage = "vanban <LỆNH> [TÙY_CHỌN]",
    subcommand_help_heading = "Lệnh",
    next_help_heading = "Tùy chọn",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/phu-son-2023-2025 --format docx -o ~/Desktop/ke-hoach\n  vanban report plans/phu-son-2023-2025 --ky 2024-Q1\n  vanban don-doc plans/phu-son-2023-2025 --ky 2024-9T\n  vanban phieu plans/phu-son-2023-2025 --ky 2025-Q1\n  vanban nhap plans/phu-son-2023-2025 --ky 2025-Q1 phieu-da-dien/\n  vanban check plans/phu-son-2023-2025/plan.yaml\n  vanban templates export mau-cua-toi\n  vanban init plans/ke-hoach-moi\n\nMã thoát: 0 thành công, 1 lỗi dữ liệu hoặc mẫu, 2 sai cách dùng."
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
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Thư mục ghi kết quả (mặc định: output/<tên thư mục kế hoạch>/)
    #[arg(short = 'o', long = "out", value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Định dạng cần sinh: docx, pdf, xlsx (bảng số liệu của báo cáo, chỉ với `report`) hoặc all (tất cả, mặc định: DOCX và PDF, báo cáo thêm XLSX)
    #[arg(
        long,
        value_enum,
        default_value_t = Format::All,
        value_name = "ĐỊNH_DẠNG",
        ignore_case = true,
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub format: Format,
    /// Dùng các mẫu trong thư mục này thay cho mẫu có sẵn (xem `vanban templates export`)
    #[arg(long, value_name = "THƯ_MỤC")]
    pub templates: Option<PathBuf>,
    /// Sinh lại cả khi dữ liệu, mẫu và phông không đổi (mặc định: bỏ qua tệp đã sinh từ đúng dữ liệu này)
    #[arg(long = "lam-lai")]
    pub lam_lai: bool,
}

impl OutputArgs {
    /// The options of a command whose documents have no tables: `--format xlsx` is a usage
    /// error there, told before anything is read.
    fn without_sheets(&self) -> Result<BuildOptions> {
        if self.format == Format::Xlsx {
            return Err(crate::error::Error::Usage(
                crate::make::NO_SHEETS.to_string(),
            ));
        }
        Ok(self.options())
    }

    /// What the library is asked to do.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            out: self.out.clone(),
            format: self.format,
            templates: self.templates.clone(),
            rebuild: self.lam_lai,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Sinh văn bản (DOCX, PDF) từ một hoặc nhiều kế hoạch
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban build plans/phu-son-2023-2025\n  vanban build plans/*/ -o ket-qua\n  vanban build plans/phu-son-2023-2025 --templates mau-cua-toi"
    )]
    #[command(override_usage = "vanban build [TÙY_CHỌN] <KẾ_HOẠCH>...")]
    Build {
        /// Thư mục kế hoạch (chứa plan.yaml) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true, display_order = 100)]
        plans: Vec<PathBuf>,
        /// Chỉ sinh các phụ lục (phu-luc.docx, phu-luc.pdf), hoặc một phụ lục theo số (II) hay mã; tệp một phụ lục mang mã của nó: --phu-luc II → phu-luc-<mã của Phụ lục II>.docx
        #[arg(long = "phu-luc", value_name = "PHỤ_LỤC", num_args = 0..=1, default_missing_value = "")]
        phu_luc: Option<Option<String>>,
        /// Theo dõi và sinh lại mỗi khi lưu plan.yaml, dữ liệu báo cáo, phông hoặc mẫu (Ctrl+C để dừng)
        #[arg(long = "theo-doi")]
        theo_doi: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Sinh báo cáo kết quả thực hiện kế hoạch (quý, 6 tháng, 9 tháng, năm) từ dữ liệu tiến độ
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Dữ liệu của mỗi kỳ nằm trong thư mục bao-cao/ cạnh plan.yaml: tệp 2024-q1.yaml hoặc thư mục 2024-q1/ (mỗi đơn vị một tệp).\n\nVí dụ:\n  vanban report plans/phu-son-2023-2025 --ky 2024-Q1\n  vanban report plans/phu-son-2023-2025 --ky 2024-6T --format pdf\n  vanban report plans/phu-son-2023-2025 --ky 2024-Q1 --format xlsx\n  vanban report plans/phu-son-2023-2025 --ky tat-ca"
    )]
    #[command(override_usage = "vanban report [TÙY_CHỌN] --ky <KỲ> <KẾ_HOẠCH>...")]
    Report {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true, display_order = 100)]
        plans: Vec<PathBuf>,
        /// Kỳ báo cáo: 2024-Q1…2024-Q4, 2024-6T (6 tháng đầu năm), 2024-9T, 2024 (năm), hoặc tat-ca (mọi kỳ đã có dữ liệu); viết --period cũng được
        #[arg(long = "ky", alias = "period", value_name = "KỲ", required = true)]
        ky: String,
        /// Theo dõi và sinh lại báo cáo mỗi khi lưu plan.yaml, dữ liệu báo cáo (bao-cao/), phông hoặc mẫu (Ctrl+C để dừng)
        #[arg(long = "theo-doi")]
        theo_doi: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Sinh công văn đôn đốc các đơn vị chủ trì có nhiệm vụ quá hạn tại ngày chốt số liệu của kỳ hoặc đến hạn trong 30 ngày sau đó
    #[command(
        name = "don-doc",
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Tình trạng nhiệm vụ tính như báo cáo của kỳ, từ dữ liệu trong bao-cao/. Số, ngày, ký hiệu (mặc định UBND-VP), hạn báo cáo (mặc định 15 ngày sau ngày công văn), nơi nhận, người ký của công văn ghi ở mục don_doc trong bao-cao/chung.yaml hoặc trong dữ liệu của kỳ.\n\nVí dụ:\n  vanban don-doc plans/phu-son-2023-2025 --ky 2024-9T\n  vanban don-doc plans/phu-son-2023-2025 --ky 2024-9T --format pdf -o ket-qua"
    )]
    #[command(override_usage = "vanban don-doc [TÙY_CHỌN] --ky <KỲ> <KẾ_HOẠCH>...")]
    DonDoc {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml; có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true, display_order = 100)]
        plans: Vec<PathBuf>,
        /// Kỳ đã chốt số liệu: 2024-Q1…2024-Q4, 2024-6T, 2024-9T hoặc 2024 (năm); viết --period cũng được
        #[arg(long = "ky", alias = "period", value_name = "KỲ", required = true)]
        ky: String,
        /// Theo dõi và sinh lại công văn mỗi khi lưu plan.yaml, dữ liệu báo cáo (bao-cao/), phông hoặc mẫu (Ctrl+C để dừng)
        #[arg(long = "theo-doi")]
        theo_doi: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Sinh phiếu tiến độ (XLSX) gửi mỗi đơn vị chủ trì điền tiến độ các nhiệm vụ của kỳ
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Mỗi đơn vị chủ trì một tệp phieu-2025-q1-<mã đơn vị>.xlsx: trang \"Tiến độ\" (các nhiệm vụ đơn vị chủ trì, điền sẵn trạng thái đã báo cáo), trang \"TTHC\" cho đơn vị báo cáo thủ tục hành chính, trang \"Hướng dẫn\". Nhiệm vụ không ghi đơn vị chủ trì nằm trong phiếu của đơn vị tổng hợp. Hạn gửi lại (mặc định 3 ngày trước ngày chốt số liệu), đơn vị tổng hợp (mặc định đơn vị đầu tiên trong don_vi) và các đơn vị có trang TTHC ghi ở mục phieu trong bao-cao/chung.yaml.\n\nVí dụ:\n  vanban phieu plans/phu-son-2023-2025 --ky 2025-Q1\n  vanban phieu plans/phu-son-2023-2025 --ky 2025-Q1 --don-vi vptk,tpht -o phieu-gui-di"
    )]
    #[command(override_usage = "vanban phieu [TÙY_CHỌN] --ky <KỲ> <KẾ_HOẠCH>")]
    Phieu {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml
        #[arg(value_name = "KẾ_HOẠCH")]
        plan: PathBuf,
        /// Kỳ báo cáo: 2025-Q1…2025-Q4, 2025-6T, 2025-9T hoặc 2025 (năm); viết --period cũng được
        #[arg(long = "ky", alias = "period", value_name = "KỲ", required = true)]
        ky: String,
        /// Chỉ sinh phiếu của các đơn vị này (mã đơn vị, cách nhau bằng dấu phẩy)
        #[arg(long = "don-vi", value_name = "MÃ", value_delimiter = ',')]
        don_vi: Vec<String>,
        /// Thư mục ghi các phiếu (mặc định: output/<tên thư mục kế hoạch>/phieu-<kỳ>/)
        #[arg(short = 'o', long = "out", value_name = "THƯ_MỤC")]
        out: Option<PathBuf>,
    },
    /// Nhập các phiếu tiến độ đã điền (XLSX, ODS) vào dữ liệu báo cáo của kỳ
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Mỗi phiếu ghi vào tệp của đơn vị trong thư mục kỳ: bao-cao/2025-q1/<mã đơn vị>.yaml. Chỉ phần tien_do (và tthc với phiếu có trang TTHC) được thay; các phần khác của tệp giữ nguyên. Dòng để nguyên như khi sinh phiếu không đổi gì. Mọi lỗi của mọi phiếu được báo theo tệp, trang và ô; khi còn lỗi, không tệp nào được ghi. Tệp của đơn vị đã sửa sau khi sinh phiếu không bị ghi đè, trừ khi dùng --ghi-de.\n\nVí dụ:\n  vanban nhap plans/phu-son-2023-2025 --ky 2025-Q1 phieu-da-dien/\n  vanban nhap plans/phu-son-2023-2025 --ky 2025-Q1 phieu-2025-q1-vptk.xlsx phieu-2025-q1-tpht.ods"
    )]
    #[command(override_usage = "vanban nhap [TÙY_CHỌN] --ky <KỲ> <KẾ_HOẠCH> <PHIẾU>...")]
    Nhap {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml
        #[arg(value_name = "KẾ_HOẠCH", required = true, display_order = 100)]
        plan: PathBuf,
        /// Kỳ báo cáo của các phiếu: 2025-Q1…2025-Q4, 2025-6T, 2025-9T hoặc 2025 (năm); viết --period cũng được
        #[arg(long = "ky", alias = "period", value_name = "KỲ", required = true)]
        ky: String,
        /// Các phiếu đã điền (.xlsx, .ods), hoặc thư mục chứa chúng
        #[arg(value_name = "PHIẾU", required = true, display_order = 101)]
        files: Vec<PathBuf>,
        /// Ghi cả khi tệp của đơn vị đã sửa sau khi sinh phiếu (thay phần tien_do/tthc của tệp)
        #[arg(long = "ghi-de")]
        ghi_de: bool,
    },
    /// Chỉ kiểm tra dữ liệu kế hoạch và dữ liệu báo cáo, không ghi tệp nào
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban check plans/phu-son-2023-2025\n  vanban check plans/phu-son-2023-2025/bao-cao/2024-6t.yaml"
    )]
    #[command(override_usage = "vanban check [TÙY_CHỌN] <KẾ_HOẠCH>...")]
    Check {
        /// Thư mục kế hoạch (chứa plan.yaml và bao-cao/) hoặc tệp plan.yaml; hoặc tệp, thư mục
        /// một kỳ trong bao-cao/ (kiểm tra kế hoạch và riêng kỳ đó); có thể nêu nhiều
        #[arg(value_name = "KẾ_HOẠCH", required = true, display_order = 100)]
        plans: Vec<PathBuf>,
        /// Kiểm tra cả với các mẫu trong thư mục này
        #[arg(long, value_name = "THƯ_MỤC")]
        templates: Option<PathBuf>,
    },
    /// Tạo một kế hoạch mới (plan.yaml có chú thích từng trường, và ví dụ bao-cao/)
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban init <THƯ_MỤC>",
        after_help = "Ví dụ:\n  vanban init plans/ke-hoach-2025\n  vanban check plans/ke-hoach-2025"
    )]
    Init {
        /// Thư mục mới cho kế hoạch (không ghi đè tệp đã có)
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
    },
    /// In lược đồ JSON (JSON Schema) của plan.yaml hoặc dữ liệu báo cáo, để trình soạn thảo (VS Code) gợi ý tên trường và gạch chân chỗ sai
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban schema [LOẠI] [-o <THƯ_MỤC>]",
        after_help = "Loại: ke-hoach (plan.yaml, mặc định), bao-cao-chung (bao-cao/chung.yaml), bao-cao-ky (dữ liệu một kỳ).\n\nVí dụ:\n  vanban schema > ke-hoach.schema.json\n  vanban schema -o plans/phu-son-2023-2025/schema\n\nRồi thêm dòng đầu tiên vào plan.yaml:\n  # yaml-language-server: $schema=schema/ke-hoach.schema.json"
    )]
    Schema {
        /// Loại tệp: ke-hoach (mặc định), bao-cao-chung hoặc bao-cao-ky
        #[arg(
            value_enum,
            value_name = "LOẠI",
            ignore_case = true,
            hide_possible_values = true
        )]
        which: Option<crate::kinds::DataFile>,
        /// Ghi cả ba lược đồ vào thư mục này thay vì in ra màn hình
        #[arg(
            short = 'o',
            long = "out",
            value_name = "THƯ_MỤC",
            conflicts_with = "which"
        )]
        out: Option<PathBuf>,
    },
    /// In hướng dẫn chung, hoặc của một lệnh: vanban help build
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        override_usage = "vanban help [LỆNH]"
    )]
    Help {
        /// Lệnh cần xem hướng dẫn
        #[arg(value_name = "LỆNH")]
        command: Vec<String>,
    },
    /// Làm việc với các mẫu văn bản
    #[command(
        help_template = SUB_TEMPLATE,
        subcommand_help_heading = "Lệnh",
        next_help_heading = "Tùy chọn",
        override_usage = "vanban templates <LỆNH>",
        arg_required_else_help = true,
        after_help = "Ví dụ:\n  vanban templates export mau-cua-toi"
    )]
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Subcommand, Debug)]
pub enum TemplatesAction {
    /// Ghi các mẫu có sẵn ra thư mục để sửa; dùng lại bằng `vanban build --templates THƯ_MỤC`
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Tùy chọn",
        after_help = "Ví dụ:\n  vanban templates export mau-cua-toi"
    )]
    #[command(override_usage = "vanban templates export [TÙY_CHỌN] <THƯ_MỤC>")]
    Export {
        /// Thư mục ghi các mẫu (chưa có thì tạo mới)
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
        /// Ghi đè các tệp mẫu đã có
        #[arg(long = "ghi-de")]
        overwrite: bool,
    },
}

pub use crate::output::Format;

/// The commands, for messages.
const COMMANDS: &str = "init, build, report, don-doc, phieu, nhap, check, schema, templates, help";

/// Turns clap's English usage errors into Vietnamese ones.
fn usage_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let ctx = |k: ContextKind| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let suggest = |k: ContextKind| match e.get(k) {
        Some(clap::error::ContextValue::String(s)) => format!(" — có phải `{s}`?"),
        Some(clap::error::ContextValue::Strings(v)) if !v.is_empty() => {
            format!(" — có phải `{}`?", v.join("` hoặc `"))
        }
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh \"{}\"{}; các lệnh: {COMMANDS}",
            ctx(ContextKind::InvalidSubcommand),
            suggest(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            let arg = ctx(ContextKind::InvalidArg);
            let mut hint = suggest(ContextKind::SuggestedArg);
            if hint.is_empty() {
                hint = suggest(ContextKind::SuggestedSubcommand);
            }
            if hint.is_empty() && !arg.starts_with('-') {
                hint =
                    " (thừa tham số, hoặc đường dẫn có dấu cách mà chưa đặt trong dấu nháy kép?)"
                        .into();
            }
            format!("không có tùy chọn \"{arg}\"{hint}")
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
            format!("cần một lệnh: {COMMANDS}")
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
                // `vanban templates` alone: its help, listing `export`.
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    2
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
            batch::eprint(&e);
            e.exit_code()
        }
    }
}

/// `vanban help [LỆNH]`: the same text as `--help`.
fn help(path: &[String]) -> Result<i32> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    // Propagates the global (Vietnamese) help flag into the subcommands, as parsing does.
    cli.build();
    let mut target = &mut cli;
    for name in path {
        let names: Vec<String> = target
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        match target.find_subcommand_mut(name.to_lowercase()) {
            Some(c) => target = c,
            None => {
                let hint = names
                    .iter()
                    .map(|c| (strsim::jaro_winkler(c, name), c))
                    .filter(|(score, _)| *score > 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map_or(String::new(), |(_, c)| format!(" — có phải `{c}`?"));
                let list = if names.is_empty() {
                    "lệnh này không có lệnh con".to_string()
                } else {
                    format!("các lệnh: {}", names.join(", "))
                };
                return Err(crate::error::Error::Usage(format!(
                    "không có lệnh \"{name}\"{hint}; {list}\nXem hướng dẫn: vanban --help"
                )));
            }
        }
    }
    // A closed stdout (`vanban help | head`) is not an error worth reporting.
    let _ = target.print_help();
    Ok(0)
}

fn run(cmd: Command) -> Result<i32> {
    match cmd {
        Command::Build {
            plans,
            phu_luc,
            theo_doi,
            output,
        } => {
            let options = output.without_sheets()?;
            let kind: Request = match phu_luc {
                None => Arc::new(PlanDocument),
                Some(which) => Arc::new(Appendices(which.filter(|w| !w.trim().is_empty()))),
            };
            build_or_watch(&plans, kind, theo_doi, &options)
        }
        Command::Report {
            plans,
            ky,
            theo_doi,
            output,
        } => {
            if theo_doi {
                crate::watch::watch(&plans, &crate::watch::Job::Report(ky), &output.options())
            } else {
                batch::report(&plans, &ky, &output.options())
            }
        }
        Command::DonDoc {
            plans,
            ky,
            theo_doi,
            output,
        } => {
            let options = output.without_sheets()?;
            let kind: Request = Arc::new(CongVan(crate::kinds::cong_van::period(&ky)?));
            build_or_watch(&plans, kind, theo_doi, &options)
        }
        Command::Phieu {
            plan,
            ky,
            don_vi,
            out,
        } => batch::forms(&plan, &ky, &don_vi, out.as_deref()),
        Command::Nhap {
            plan,
            files,
            ky,
            ghi_de,
        } => batch::import(&plan, &ky, &files, ghi_de),
        Command::Check { plans, templates } => batch::check(&plans, templates.as_deref()),
        Command::Init { dir } => init(&dir),
        Command::Schema { which, out } => schema(which, out.as_deref()),
        Command::Help { command } => help(&command),
        Command::Templates {
            action: TemplatesAction::Export { dir, overwrite },
        } => export_templates(&dir, overwrite),
    }
}

/// One document of each plan, once or on every save (`--theo-doi`).
fn build_or_watch(
    plans: &[PathBuf],
    kind: Request,
    theo_doi: bool,
    options: &BuildOptions,
) -> Result<i32> {
    if theo_doi {
        crate::watch::watch(plans, &crate::watch::Job::Build(kind), options)
    } else {
        batch::build(plans, &[kind], options)
    }
}

/// `vanban init`: the starter files, and what to do next.
fn init(dir: &Path) -> Result<i32> {
    for p in crate::init::init(dir)? {
        println!("đã ghi {}", p.display());
    }
    println!(
        "Sửa {} rồi chạy: vanban check {}",
        dir.join("plan.yaml").display(),
        dir.display()
    );
    println!(
        "{} là ví dụ dữ liệu báo cáo, không được đọc; khi có số liệu quý I, chép vào {}",
        dir.join(crate::init::EXAMPLE_PERIOD).display(),
        dir.join("bao-cao").join("2025-q1.yaml").display()
    );
    Ok(0)
}

/// `vanban schema`: one schema on stdout, or all of them into a folder.
fn schema(which: Option<crate::kinds::DataFile>, out: Option<&Path>) -> Result<i32> {
    match out {
        Some(dir) => {
            for p in crate::schema::write_all(dir)? {
                println!("đã ghi {}", p.display());
            }
        }
        None => print!(
            "{}",
            crate::schema::json(which.unwrap_or(crate::kinds::DataFile::Plan))
        ),
    }
    Ok(0)
}

/// `vanban templates export`: the built-in templates, to edit and use with `--templates`.
fn export_templates(dir: &Path, overwrite: bool) -> Result<i32> {
    for p in &crate::template::export(dir, overwrite)? {
        println!("đã ghi {}", p.display());
    }
    println!(
        "Sửa các mẫu rồi dùng: vanban build <KẾ_HOẠCH> --templates {}",
        dir.display()
    );
    Ok(0)
}
