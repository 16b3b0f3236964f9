//! Finding and reading a plan's report data: `bao-cao/chung.yaml` and one file or folder per
//! period, merged into one set per period. The same task given in two files is an error that
//! names both places.

use super::data::{Common, Entry, PeriodFile, TthcRow};
use super::period::Period;
use crate::error::{DataError, Error, Result};
use crate::model::load::{read_text, Loaded};
use crate::model::locate::Locations;
use crate::model::recover::parse_every;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of report data beside a plan file.
pub fn report_dir(plan_file: &Path) -> PathBuf {
    plan_file.parent().unwrap_or(Path::new(".")).join("bao-cao")
}

/// Every YAML file of the plan's report data, sorted: what a report is made from besides
/// plan.yaml.
pub fn data_files(plan_file: &Path) -> Vec<PathBuf> {
    crate::input::files_in(&report_dir(plan_file), &["yaml", "yml"])
}

pub const COMMON_FILE: &str = "chung.yaml";

/// The files of one period: `2024-q1.yaml`, or every `.yaml` in `2024-q1/`, sorted by name.
#[derive(Debug, Clone)]
pub struct Source {
    pub period: Period,
    pub files: Vec<PathBuf>,
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    v.sort();
    Ok(v)
}

/// The plan file and period of a period's data named on the command line
/// (`…/bao-cao/2024-q1.yaml` or `…/bao-cao/2024-q1/`): the plan is found up from `bao-cao/`.
pub fn period_target(path: &Path) -> Option<(PathBuf, Period)> {
    let parent = path.parent()?;
    // Named from inside bao-cao/ (`check 2024-q1`), the folder's own name is needed.
    let plan_dir = if parent.file_name().is_some_and(|n| n == "bao-cao") {
        parent.parent()?.to_path_buf()
    } else {
        let dir = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        let dir = dir.canonicalize().ok()?;
        if dir.file_name()? != "bao-cao" {
            return None;
        }
        dir.parent()?.to_path_buf()
    };
    let name = if is_yaml(path) {
        path.file_stem()?
    } else {
        path.file_name()?
    };
    let period = Period::parse(&name.to_string_lossy())?;
    Some((plan_dir.join("plan.yaml"), period))
}

/// Why `path`, an entry of `bao-cao/` whose name says it holds data, cannot be read: a
/// broken link, a link loop, a folder named like a file. Told here because the walk would
/// otherwise pass it by and the report come out blank.
fn unusable(path: &Path) -> Option<DataError> {
    let found = match std::fs::metadata(path) {
        Err(e) => crate::error::io_reason_at(path, &e),
        Ok(m) if m.is_dir() && is_yaml(path) => format!(
            "một thư mục; thư mục dữ liệu của một kỳ đặt tên không có đuôi .yaml, ví dụ `{}/`",
            path.file_stem().unwrap_or_default().to_string_lossy()
        ),
        Ok(_) => return None,
    };
    Some(DataError {
        file: path.to_path_buf(),
        location: None,
        path: None,
        expected: "một tệp YAML".into(),
        found: Some(found),
    })
}

/// Whether `dir` is there to be read: absent is fine (no report data yet), but a broken
/// link, a link loop or a file in its place is told, not taken for "no periods".
fn report_dir_present(dir: &Path) -> Result<bool> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(Error::Io {
            path: dir.to_path_buf(),
            message: "là một tệp, cần thư mục chứa dữ liệu báo cáo".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::read_link(dir).is_err() => {
            Ok(false)
        }
        Err(e) => Err(Error::io(dir, &e)),
    }
}

/// The `.yaml` files of a period's folder, and errors for those that cannot be read.
fn folder_files(dir: &Path, errors: &mut Vec<DataError>) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in sorted_entries(dir)?.into_iter().filter(|p| is_yaml(p)) {
        match unusable(&p) {
            Some(e) => errors.push(e),
            None => files.push(p),
        }
    }
    Ok(files)
}

/// Every period with data under `dir`, in calendar order, and warnings for files that name
/// no period.
pub fn discover(dir: &Path) -> Result<(Vec<Source>, Vec<String>)> {
    let mut warnings = Vec::new();
    if !report_dir_present(dir)? {
        return Ok((Vec::new(), warnings));
    }
    let mut errors = Vec::new();
    let mut found: BTreeMap<(i32, u8, u8), Source> = BTreeMap::new();
    for path in sorted_entries(dir)? {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name == COMMON_FILE {
            continue;
        }
        if let Some(e) = unusable(&path) {
            if is_yaml(&path) || Period::parse(&name).is_some() {
                errors.push(e);
            }
            continue;
        }
        let (stem, files) = if path.is_dir() {
            (name.clone(), folder_files(&path, &mut errors)?)
        } else if is_yaml(&path) {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (stem, vec![path.clone()])
        } else {
            continue;
        };
        let Some(period) = Period::parse(&stem) else {
            warnings.push(format!(
                "{}: bỏ qua vì tên không phải một kỳ báo cáo (ví dụ 2024-q1, 2024-6t, 2024-9t, 2024)",
                path.display()
            ));
            continue;
        };
        if files.is_empty() {
            warnings.push(format!(
                "{}: thư mục không có tệp .yaml nào",
                path.display()
            ));
            continue;
        }
        let key = period.sort_key();
        if let Some(prev) = found.get(&key) {
            errors.push(DataError {
                file: path.clone(),
                location: None,
                path: None,
                expected: format!(
                    "mỗi kỳ chỉ một nơi chứa dữ liệu (tệp {0}.yaml hoặc thư mục {0}/)",
                    period.key()
                ),
                found: Some(format!(
                    "kỳ {} còn có ở {}",
                    period.key(),
                    prev.files
                        .first()
                        .map_or(String::new(), |f| f.display().to_string())
                )),
            });
            continue;
        }
        found.insert(key, Source { period, files });
    }
    if !errors.is_empty() {
        return Err(Error::Data(errors));
    }
    Ok((found.into_values().collect(), warnings))
}

/// `chung.yaml`, its locations and its warnings, when the plan has one. A broken link or a
/// link loop in its place is an error: taken for "no chung.yaml", the report would lose its
/// Nơi nhận without a word.
pub fn load_common(dir: &Path) -> Result<Option<(PathBuf, Loaded<Common>)>> {
    let path = dir.join(COMMON_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let text = read_text(&path)?;
    match parse_every::<Common>(&path, &text, &|k| k == "ngay_chot") {
        (Some(l), errors) if errors.is_empty() => Ok(Some((path, l))),
        (_, errors) => Err(Error::Data(errors)),
    }
}

/// Where a merged value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Index into `Merged::files`.
    pub file: usize,
    /// Field path inside that file.
    pub path: String,
}

/// A period's files merged into one set.
pub struct Merged {
    pub period: Period,
    pub files: Vec<(PathBuf, Locations)>,
    /// The single values and the narrative of the report (its `tien_do` and `tthc` are moved
    /// out into `entries` and `tthc`).
    pub report: PeriodFile,
    pub entries: BTreeMap<String, (Entry, Origin)>,
    /// Biểu 06's rows, each where it was written: unit files may each give their lĩnh vực.
    pub tthc: Option<Vec<(TthcRow, Origin)>>,
    /// Where each single value (`so`, `ngay`, `kinh_gui`, …) was given.
    pub origins: BTreeMap<&'static str, Origin>,
    /// The files' own warnings: text cut by a comment, characters no font draws.
    pub warnings: Vec<String>,
}

impl Merged {
    /// A located error about a value of this period's data.
    pub fn error(
        &self,
        at: &Origin,
        expected: impl Into<String>,
        found: Option<String>,
    ) -> DataError {
        let (file, loc) = &self.files[at.file.min(self.files.len().saturating_sub(1))];
        DataError {
            file: file.clone(),
            location: loc.find(&at.path),
            path: Some(at.path.clone()),
            expected: expected.into(),
            found,
        }
    }

    pub fn warning(&self, at: &Origin, what: &str) -> String {
        let (file, loc) = &self.files[at.file.min(self.files.len().saturating_sub(1))];
        let l = loc
            .find(&at.path)
            .map_or(String::new(), |l| format!(":{}:{}", l.line, l.column));
        format!("{}{l}: `{}`: {what}", file.display(), at.path)
    }
}

/// Moves a single value into `slot`, or records an error naming both files.
fn single<T>(
    slot: &mut Option<(T, Origin)>,
    value: Option<T>,
    at: Origin,
    field: &str,
    files: &[(PathBuf, Locations)],
    errors: &mut Vec<DataError>,
) {
    let Some(v) = value else { return };
    if let Some((_, first)) = slot {
        let (ff, fl) = &files[first.file];
        let (f, l) = &files[at.file];
        let first_at = fl
            .find(&first.path)
            .map_or(String::new(), |x| format!(":{}:{}", x.line, x.column));
        errors.push(DataError {
            file: f.clone(),
            location: l.find(&at.path),
            path: Some(at.path.clone()),
            expected: format!("`{field}` chỉ ghi ở một tệp của kỳ"),
            found: Some(format!(
                "`{field}` ghi cả ở đây và ở {}{first_at}",
                ff.display()
            )),
        });
        return;
    }
    *slot = Some((v, at));
}

/// Paragraphs written as YAML's "no value" (`- ~`, `- null`): serde hands them over as
/// those letters, which would be printed. Located in their file.
fn no_value_texts(c: &PeriodFile, (file, loc): &(PathBuf, Locations)) -> Vec<DataError> {
    let r = &c.ket_qua;
    let mut lists: Vec<(String, &super::data::Texts)> = vec![
        ("mo_dau".into(), &c.mo_dau),
        ("chi_dao_dieu_hanh".into(), &c.chi_dao_dieu_hanh),
        ("ket_qua.the_che".into(), &r.the_che),
        ("ket_qua.thu_tuc_hanh_chinh".into(), &r.thu_tuc_hanh_chinh),
        ("ket_qua.to_chuc_bo_may".into(), &r.to_chuc_bo_may),
        ("ket_qua.che_do_cong_vu".into(), &r.che_do_cong_vu),
        ("ket_qua.tai_chinh_cong".into(), &r.tai_chinh_cong),
        ("ket_qua.chinh_quyen_so".into(), &r.chinh_quyen_so),
        ("uu_diem".into(), &c.uu_diem),
        ("ton_tai".into(), &c.ton_tai),
        ("nguyen_nhan".into(), &c.nguyen_nhan),
        ("phuong_huong".into(), &c.phuong_huong),
        ("de_xuat".into(), &c.de_xuat),
    ];
    lists.extend(c.kinh_gui.iter().map(|k| ("kinh_gui".to_string(), k)));
    for (id, e) in &c.tien_do {
        lists.push((format!("tien_do.{id}.san_pham"), &e.san_pham));
    }
    let mut out = Vec::new();
    for (field, texts) in lists {
        for (n, t) in texts.0.iter().enumerate() {
            if crate::model::validate::yaml_null(t) {
                let path = format!("{field}[{n}]");
                out.push(DataError {
                    file: file.clone(),
                    location: loc.find(&path).or_else(|| loc.find(&field)),
                    path: Some(path),
                    expected: "một đoạn chữ".into(),
                    found: Some(format!(
                        "`{}` (trong YAML nghĩa là để trống: xóa dòng này)",
                        t.trim()
                    )),
                });
            }
        }
    }
    out
}

/// Top-level fields of a period file whose entries are independent: one with an error is
/// dropped and the others still read, so every error of the file is listed at once.
fn period_splittable(key: &str) -> bool {
    matches!(key, "tien_do" | "ket_qua")
}

#[cfg(test)]
thread_local! {
    /// Period files parsed on this thread, for the tests that each is parsed once a run.
    pub static PARSED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads and merges the files of `source`. Every error of every file is listed: the parts
/// of a file that read cleanly are still merged and returned with the errors, for the
/// caller to check them too (and to render nothing while there are errors).
pub fn load_period(source: &Source) -> Result<(Merged, Vec<DataError>)> {
    let mut parsed: Vec<(PathBuf, PeriodFile, Locations)> = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for f in &source.files {
        let text = match read_text(f) {
            Ok(t) => t,
            Err(Error::Data(e)) => {
                errors.extend(e);
                continue;
            }
            Err(e) => return Err(e),
        };
        #[cfg(test)]
        PARSED.with(|n| n.set(n.get() + 1));
        let (loaded, e) = parse_every::<PeriodFile>(f, &text, &period_splittable);
        errors.extend(e);
        if let Some(l) = loaded {
            warnings.extend(l.warnings);
            parsed.push((f.clone(), l.value, l.locations));
        }
    }
    let mut files = Vec::new();
    let mut contents = Vec::new();
    for (p, v, l) in parsed {
        files.push((p, l));
        contents.push(v);
    }
    let mut report = PeriodFile::default();
    let mut entries: BTreeMap<String, (Entry, Origin)> = BTreeMap::new();
    let mut tthc: Option<Vec<(TthcRow, Origin)>> = None;
    let (mut so, mut ngay, mut kinh_gui, mut trich_yeu) = (None, None, None, None);
    let (mut noi_nhan, mut luu, mut ky, mut don_doc) = (None, None, None, None);
    for (i, mut c) in contents.into_iter().enumerate() {
        let at = |path: &str| Origin {
            file: i,
            path: path.to_string(),
        };
        errors.extend(no_value_texts(&c, &files[i]));
        single(&mut so, c.so, at("so"), "so", &files, &mut errors);
        single(&mut ngay, c.ngay, at("ngay"), "ngay", &files, &mut errors);
        single(
            &mut kinh_gui,
            c.kinh_gui,
            at("kinh_gui"),
            "kinh_gui",
            &files,
            &mut errors,
        );
        single(
            &mut trich_yeu,
            c.trich_yeu,
            at("trich_yeu"),
            "trich_yeu",
            &files,
            &mut errors,
        );
        single(
            &mut noi_nhan,
            c.noi_nhan,
            at("noi_nhan"),
            "noi_nhan",
            &files,
            &mut errors,
        );
        single(&mut luu, c.luu, at("luu"), "luu", &files, &mut errors);
        single(&mut ky, c.ky, at("ky"), "ky", &files, &mut errors);
        single(
            &mut don_doc,
            c.don_doc,
            at("don_doc"),
            "don_doc",
            &files,
            &mut errors,
        );
        for (j, row) in c.tthc.take().into_iter().flatten().enumerate() {
            let here = at(&format!("tthc[{j}]"));
            let list = tthc.get_or_insert_with(Vec::new);
            let name = super::data::fold(&row.linh_vuc);
            match list
                .iter()
                .find(|(r, _)| super::data::fold(&r.linh_vuc) == name)
            {
                Some((_, first)) => {
                    let (ff, fl) = &files[first.file];
                    let first_at = fl
                        .find(&format!("{}.linh_vuc", first.path))
                        .map_or(String::new(), |x| format!(":{}:{}", x.line, x.column));
                    let (f, l) = &files[i];
                    let path = format!("{}.linh_vuc", here.path);
                    errors.push(DataError {
                        file: f.clone(),
                        location: l.find(&path),
                        path: Some(path),
                        expected: "mỗi lĩnh vực TTHC chỉ ghi một lần trong kỳ".into(),
                        found: Some(format!(
                            "\"{}\" ghi cả ở đây và ở {}{first_at}",
                            row.linh_vuc.trim(),
                            ff.display()
                        )),
                    });
                }
                None => list.push((row, here)),
            }
        }
        for (id, e) in std::mem::take(&mut c.tien_do) {
            let here = at(&format!("tien_do.{id}"));
            if let Some((_, first)) = entries.get(&id) {
                let (ff, fl) = &files[first.file];
                let first_at = fl
                    .find(&first.path)
                    .map_or(String::new(), |x| format!(":{}:{}", x.line, x.column));
                let (f, l) = &files[i];
                errors.push(DataError {
                    file: f.clone(),
                    location: l.find(&here.path),
                    path: Some(here.path.clone()),
                    expected: "mỗi nhiệm vụ chỉ báo cáo ở một tệp của kỳ".into(),
                    found: Some(format!(
                        "`{id}` báo cáo cả ở đây và ở {}{first_at}",
                        ff.display()
                    )),
                });
                continue;
            }
            entries.insert(id, (e, here));
        }
        let r = &mut report;
        for (dst, src) in [
            (&mut r.mo_dau, c.mo_dau),
            (&mut r.chi_dao_dieu_hanh, c.chi_dao_dieu_hanh),
            (&mut r.ket_qua.the_che, c.ket_qua.the_che),
            (
                &mut r.ket_qua.thu_tuc_hanh_chinh,
                c.ket_qua.thu_tuc_hanh_chinh,
            ),
            (&mut r.ket_qua.to_chuc_bo_may, c.ket_qua.to_chuc_bo_may),
            (&mut r.ket_qua.che_do_cong_vu, c.ket_qua.che_do_cong_vu),
            (&mut r.ket_qua.tai_chinh_cong, c.ket_qua.tai_chinh_cong),
            (&mut r.ket_qua.chinh_quyen_so, c.ket_qua.chinh_quyen_so),
            (&mut r.uu_diem, c.uu_diem),
            (&mut r.ton_tai, c.ton_tai),
            (&mut r.nguyen_nhan, c.nguyen_nhan),
            (&mut r.phuong_huong, c.phuong_huong),
            (&mut r.de_xuat, c.de_xuat),
        ] {
            dst.0.extend(src.0);
        }
    }
    let mut origins = BTreeMap::new();
    for (name, at) in [
        ("so", so.as_ref().map(|x| &x.1)),
        ("ngay", ngay.as_ref().map(|x| &x.1)),
        ("kinh_gui", kinh_gui.as_ref().map(|x| &x.1)),
        ("ky", ky.as_ref().map(|x| &x.1)),
        ("don_doc", don_doc.as_ref().map(|x| &x.1)),
    ] {
        if let Some(at) = at {
            origins.insert(name, at.clone());
        }
    }
    report.so = so.map(|x| x.0);
    report.ngay = ngay.map(|x| x.0);
    report.kinh_gui = kinh_gui.map(|x| x.0);
    report.trich_yeu = trich_yeu.map(|x| x.0);
    report.noi_nhan = noi_nhan.map(|x| x.0);
    report.luu = luu.map(|x| x.0);
    report.ky = ky.map(|x| x.0);
    report.don_doc = don_doc.map(|x| x.0);
    let merged = Merged {
        period: source.period,
        files,
        report,
        entries,
        tthc,
        origins,
        warnings,
    };
    Ok((merged, errors))
}
