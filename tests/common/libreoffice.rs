//! LibreOffice for the tests that compare our PDF with its rendering of our DOCX. `.ci/run`
//! installs it and sets VANBAN_REQUIRE_LIBREOFFICE=1, so those tests cannot be skipped in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {cmd}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether `soffice` and `pdftotext` are here; a test returns early without them, except
/// where VANBAN_REQUIRE_LIBREOFFICE is set, where their absence fails it.
pub fn available() -> bool {
    if have("soffice") && have("pdftotext") {
        return true;
    }
    assert!(
        std::env::var_os("VANBAN_REQUIRE_LIBREOFFICE").is_none(),
        "soffice and pdftotext are required here"
    );
    eprintln!("bỏ qua: không có soffice/pdftotext");
    false
}

/// Converts `files` to PDF into `out`, with a LibreOffice profile of its own under `scratch`
/// (so tests running at once do not share one).
pub fn to_pdf(scratch: &Path, out: &Path, files: &[PathBuf]) {
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            scratch.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("soffice");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Whether LibreOffice Calc is here besides Writer (a Writer-only install cannot open a
/// spreadsheet); as [`available`], its absence fails where VANBAN_REQUIRE_LIBREOFFICE is set.
pub fn calc_available() -> bool {
    let calc = Command::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .ok()
        .and_then(|o| std::fs::canonicalize(String::from_utf8_lossy(&o.stdout).trim()).ok())
        .and_then(|p| p.parent().map(|d| d.join("libsclo.so")))
        .is_some_and(|lib| lib.exists());
    if calc {
        return true;
    }
    assert!(
        std::env::var_os("VANBAN_REQUIRE_LIBREOFFICE").is_none(),
        "LibreOffice Calc (libreoffice-calc-nogui) is required here"
    );
    eprintln!("bỏ qua: không có LibreOffice Calc");
    false
}

/// Converts every sheet of the workbook `file` to CSV (UTF-8, values not as shown) into
/// `out`: LibreOffice names them `<stem>-<sheet>.csv`.
pub fn to_csv(scratch: &Path, out: &Path, file: &Path) {
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            scratch.join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
        ])
        .arg(out)
        .arg(file)
        .output()
        .expect("soffice");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
