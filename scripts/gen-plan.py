#!/usr/bin/env python3
"""Synthetic plans of a given size, for timing and memory runs (scripts/scale-run.sh).

    scripts/gen-plan.py OUT_DIR [--tasks N] [--rows N] [--seed S]

writes OUT_DIR/plan.yaml: the seed plan's frame (header, units, signature, Nơi nhận) with N
tasks spread over sections of eight and N appendix rows spread over four appendices of groups
of ten. Texts are Vietnamese words from the seed plan, with the seed's lengths: a task is
80-600 characters (most 150-300), a criterion 20-250 (most under 80), the "phối hợp" and
"thời gian" columns 10-90. The same arguments give the same file. The default sizes are the
seed plan's (26 tasks, 86 rows).
"""

import argparse
import os
import random

WORDS = (
    "thực hiện nâng cao chất lượng hiệu quả công tác cải cách hành chính trên địa bàn phường "
    "tăng cường kiểm tra giám sát đôn đốc việc triển khai các nhiệm vụ được giao kịp thời "
    "tham mưu đề xuất giải pháp cụ thể nhằm duy trì cải thiện chỉ số hài lòng của người dân "
    "doanh nghiệp đối với sự phục vụ của cơ quan nhà nước công khai minh bạch thủ tục hồ sơ "
    "giải quyết đúng hạn số hóa kết quả dịch vụ công trực tuyến thanh toán điện tử tuyên "
    "truyền phổ biến pháp luật đến cán bộ công chức viên chức khu phố đảm bảo an ninh trật "
    "tự an toàn xã hội phát triển kinh tế quy hoạch sử dụng đất đai giải phóng mặt bằng "
    "bảo hiểm y tế chính sách an sinh đào tạo bồi dưỡng kỷ luật kỷ cương hành chính tiếp "
    "nhận phản ánh kiến nghị của tổ chức cá nhân ứng dụng công nghệ thông tin chuyển đổi số "
    "Ủy ban nhân dân Hội đồng nhân dân Mặt trận Tổ quốc các đoàn thể chính trị"
).split()
ACRONYMS = ["CCHC", "TTHC", "UBND", "HĐND", "PCI", "PAPI", "SIPAS", "BHXH", "CNTT", "KTXH"]
DEADLINES = [
    "Thường xuyên", "Hằng quý", "Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024",
    "Năm 2024", "Tháng 9/2024", "Trước ngày 30/6/2024", "Trước ngày 29/02/2024",
]
UNITS = ["vptk", "tpht", "vhxh", "vhxh-ldtbxh", "ktns", "dcxd", "ca"]

HEADER = """\
# Synthetic plan made by scripts/gen-plan.py (--tasks {tasks} --rows {rows} --seed {seed}).
loai: ke-hoach
co_quan:
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG PHÚ SƠN]
  ten_day_du: Ủy ban nhân dân phường Phú Sơn
  viet_tat: UBND
so: ~
dia_danh: Phú Sơn
ngay: {{ngay: ~, thang: 12, nam: 2023}}
trich_yeu: "Duy trì, cải thiện và nâng cao Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng (SIPAS), Chỉ số Hiệu quả Quản trị và Hành chính công (PAPI), Chỉ số năng lực cạnh tranh (PCI) phường Phú Sơn giai đoạn 2023 - 2025"
don_vi:
  vptk: {{ten: Văn phòng - thống kê, ngan: Công chức VPTK}}
  tpht: {{ten: Tư pháp - hộ tịch, ngan: Công chức TPHT}}
  vhxh: {{ten: Văn hóa - xã hội, ngan: Công chức VHXH}}
  vhxh-ldtbxh: {{ten: Văn hóa - xã hội phụ trách công tác LĐTBXH, ngan: Công chức VHXH phụ trách công tác LĐTBXH}}
  ktns: {{ten: Kế toán - ngân sách, ngan: Công chức KTNS}}
  dcxd: {{ten: Địa chính - xây dựng, ngan: Công chức ĐCXD}}
  ca: {{ten: Công an phường, ngan: Công an phường}}
nhan:
  chu_tri: Công chức tham mưu
  phoi_hop: Công chức phối hợp
mo_dau:
  - "{intro}"
"""

FOOTER = """\
ket_luan: "{outro}"
noi_nhan:
  - UBND thị xã
  - {{ten: Phòng Nội vụ TX, de: b/c}}
  - {{ten: "TTr Đảng ủy, HĐND phường", de: b/c}}
  - {{ten: Các công chức UBND phường, de: t/h}}
luu: [VT]
ky:
  hinh_thuc: TM
  tap_the: Ủy ban nhân dân
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Xuân Lâm
"""

INDICES = [("par-index", "CẢI CÁCH HÀNH CHÍNH"), ("sipas", "HÀI LÒNG"),
           ("papi", "HIỆU QUẢ QUẢN TRỊ VÀ HÀNH CHÍNH CÔNG"), ("pci", "NĂNG LỰC CẠNH TRANH")]


def sentence(rng, lo, hi, mode):
    """Words up to a length drawn between lo and hi characters, most of them near mode."""
    target = int(rng.triangular(lo, hi, mode))
    out = []
    n = 0
    while n < target:
        w = rng.choice(ACRONYMS) if rng.random() < 0.06 else rng.choice(WORDS)
        if not out:
            w = w[0].upper() + w[1:]
        elif rng.random() < 0.08:
            out[-1] += ","
        out.append(w)
        n += len(w) + 1
    return " ".join(out) + "."


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--tasks", type=int, default=26)
    ap.add_argument("--rows", type=int, default=86)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lines = [HEADER.format(tasks=a.tasks, rows=a.rows, seed=a.seed,
                           intro=sentence(rng, 200, 500, 350))]
    lines.append("noi_dung:\n  - tieu_de: MỤC ĐÍCH, YÊU CẦU\n    muc:\n")
    for _ in range(3):
        lines.append(f"      - doan: {q(sentence(rng, 150, 500, 250))}\n")
    lines.append("  - tieu_de: NHIỆM VỤ VÀ GIẢI PHÁP\n    muc:\n")
    lines.append("      - tieu_de: Nhiệm vụ, giải pháp trọng tâm.\n        muc:\n")
    for s in range(0, a.tasks, 8):
        idx = INDICES[(s // 8) % len(INDICES)][0]
        lines.append(f"          - tieu_de: {q(sentence(rng, 30, 90, 45))}\n")
        lines.append(f"            chi_so: [{idx}]\n            nhiem_vu:\n")
        for t in range(s, min(s + 8, a.tasks)):
            lines.append(f"              - id: nv-{t + 1}\n")
            lines.append(f"                han: {rng.choice(DEADLINES)}\n")
            lines.append(f"                noi_dung: {q(sentence(rng, 80, 600, 220))}\n")
            lines.append(f"                chu_tri: {rng.choice(UNITS)}\n")
            lines.append(f"                phoi_hop: {q(sentence(rng, 10, 90, 30))}\n")
    if a.rows:
        lines.append("      - tieu_de: Nhiệm vụ, giải pháp cụ thể theo các tiêu chí thành phần.\n")
        lines.append("        phu_luc_kem_theo: tat-ca\n")
    lines.append("  - tieu_de: TỔ CHỨC THỰC HIỆN\n    muc:\n")
    for _ in range(3):
        lines.append(f"      - tieu_de: {q(sentence(rng, 20, 50, 30))}\n")
        lines.append(f"        doan: {q(sentence(rng, 80, 300, 150))}\n")
    lines.append(FOOTER.format(outro=sentence(rng, 150, 400, 250)))
    if a.rows:
        lines.append("phu_luc:\n")
        per = -(-a.rows // len(INDICES))
        left = a.rows
        for idx, name in INDICES:
            n = min(per, left)
            left -= n
            if n == 0:
                break
            lines.append(f"  - id: {idx}\n    chi_so: {idx}\n")
            lines.append(f"    tieu_de: NHIỆM VỤ, GIẢI PHÁP NÂNG CAO CHỈ SỐ {name}\n")
            lines.append("    mac_dinh: {thoi_gian: Thường xuyên}\n    nhom:\n")
            for g in range(0, n, 10):
                lines.append(f"      - ten: {q(sentence(rng, 20, 110, 45))}\n        dong:\n")
                for _ in range(g, min(g + 10, n)):
                    lines.append(f"          - tieu_chi: {q(sentence(rng, 20, 250, 60))}\n")
                    lines.append(f"            chu_tri: {rng.choice(UNITS)}\n")
                    lines.append(f"            phoi_hop: {q(sentence(rng, 10, 90, 35))}\n")
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "plan.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(lines))


if __name__ == "__main__":
    main()
