namespace PbgdplPortal.Benchmarks.Corpus;

/// <summary>
/// Real Vietnamese words of legal dissemination, as the generator draws them. Lists are in rough
/// order of frequency: the generator gives the first entries the highest Zipf ranks.
/// </summary>
internal static class Lexicon
{
    /// <summary>Function words and the general vocabulary of Vietnamese law, most frequent first.</summary>
    public static readonly string[] Common =
    [
        "và", "của", "các", "được", "theo", "người", "không", "có", "trong", "cho", "là", "khi", "phải", "quy định",
        "những", "với", "này", "về", "pháp luật", "cơ quan", "thực hiện", "một", "đã", "tại", "trường hợp", "hoặc", "từ",
        "đến", "nhà nước", "điều", "khoản", "để", "tổ chức", "cá nhân", "việc", "thì", "nếu", "trách nhiệm", "quyền",
        "nghĩa vụ", "người dân", "công dân", "hành vi", "vi phạm", "xử phạt", "đối với", "cấp", "xã", "tỉnh", "năm",
        "ngày", "số", "sẽ", "do", "trên", "bị", "hồ sơ", "thủ tục", "giấy tờ", "thẩm quyền", "ủy ban nhân dân", "chủ tịch",
        "luật", "nghị định", "thông tư", "quyết định", "văn bản", "hiệu lực", "hướng dẫn", "đăng ký", "giải quyết",
        "bảo đảm", "bảo vệ", "lợi ích", "hợp pháp", "quản lý", "chính quyền", "địa phương", "cơ sở",
        "phường", "thôn", "ấp", "khóm", "gia đình", "xã hội", "cộng đồng", "thông tin", "tuyên truyền", "phổ biến",
        "giáo dục", "nâng cao", "nhận thức", "ý thức", "chấp hành", "tuân thủ", "nghiêm", "kịp thời", "đầy đủ",
        "chính xác", "công khai", "minh bạch", "thời hạn", "làm việc", "tiếp nhận", "kiểm tra", "xác minh",
        "kết quả", "biên bản", "mức phạt", "phạt tiền", "triệu đồng", "cảnh cáo", "khắc phục", "hậu quả", "bồi thường",
        "thiệt hại", "khiếu nại", "tố cáo", "khởi kiện", "tòa án", "viện kiểm sát", "công an", "điều tra", "hình sự",
        "hành chính", "dân sự", "lao động", "kinh tế", "tài sản", "sức khỏe", "tính mạng", "danh dự", "nhân phẩm",
        "an toàn", "trật tự", "an ninh", "phòng ngừa", "ngăn chặn", "phát hiện", "xử lý", "nghiêm cấm", "cần", "nên",
        "lưu ý", "hỏi", "đáp", "ví dụ", "cụ thể", "chung", "riêng", "mới", "hiện hành", "sửa đổi", "bổ sung",
        "thay thế", "bãi bỏ", "căn cứ", "ban hành", "kể từ", "trước", "sau", "trong thời hạn", "không quá", "ít nhất",
        "đồng thời", "ngoài ra", "bên cạnh đó", "tuy nhiên", "vì vậy", "do đó", "cụ thể là", "bao gồm", "như sau",
    ];

    /// <summary>Words of each legal field, keyed by the sample topic's slug.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ByTopic = new Dictionary<string, string[]>
    {
        ["hon-nhan-gia-dinh"] =
        [
            "kết hôn", "hôn nhân", "vợ chồng", "đăng ký kết hôn", "ly hôn", "con chung", "tài sản chung", "nuôi con",
            "cấp dưỡng", "giấy chứng nhận kết hôn", "tình trạng hôn nhân", "tảo hôn", "cưỡng ép kết hôn", "hộ tịch",
            "khai sinh", "thừa kế", "chung sống như vợ chồng", "cha mẹ", "con nuôi", "giám hộ", "tài sản riêng",
            "thỏa thuận", "yêu cầu ly hôn", "thuận tình ly hôn", "quyền nuôi con", "trích lục", "công chức tư pháp",
            "sổ hộ tịch", "yếu tố nước ngoài", "độ tuổi kết hôn", "kết hôn trái pháp luật", "hủy việc kết hôn",
            "bạo lực gia đình", "bình đẳng giới", "mang thai hộ", "xác định cha mẹ con",
        ],
        ["giao-thong"] =
        [
            "giấy phép lái xe", "nồng độ cồn", "mũ bảo hiểm", "xe mô tô", "xe gắn máy", "ô tô", "vượt đèn đỏ",
            "trừ điểm", "phục hồi điểm", "tốc độ", "làn đường", "người điều khiển", "phương tiện", "tạm giữ",
            "tước quyền sử dụng", "đường bộ", "an toàn giao thông", "camera giám sát", "đăng kiểm", "biển số",
            "chở quá số người", "đi ngược chiều", "dừng đỗ xe", "thiết bị điện tử", "điện thoại di động", "ghế trẻ em",
            "cảnh sát giao thông", "tai nạn giao thông", "bằng lái", "xe đạp điện", "hành lang an toàn", "sát hạch",
            "chất ma túy", "khí thở", "xe cứu thương", "quyền ưu tiên",
        ],
        ["dat-dai"] =
        [
            "quyền sử dụng đất", "giấy chứng nhận", "thu hồi đất", "bồi thường", "tái định cư", "chuyển nhượng",
            "thửa đất", "đất nông nghiệp", "đất ở", "bản đồ địa chính", "giá đất", "tiền sử dụng đất",
            "tranh chấp đất đai", "hạn mức", "cấp lần đầu", "văn phòng đăng ký đất đai", "chuyển mục đích sử dụng",
            "thế chấp", "tặng cho", "cho thuê", "đất rừng", "đất nuôi trồng thủy sản", "quy hoạch", "kế hoạch sử dụng đất",
            "hỗ trợ", "định cư", "công trình", "xây dựng trái phép", "lấn chiếm", "đo đạc", "ranh giới", "sổ đỏ",
            "người sử dụng đất", "chủ sử dụng",
        ],
        ["thuy-san"] =
        [
            "khai thác thủy sản", "tàu cá", "thiết bị giám sát hành trình", "nhật ký khai thác", "cảng cá",
            "giấy phép khai thác", "vùng biển", "thuyền trưởng", "ngư dân", "nuôi trồng thủy sản", "khai thác bất hợp pháp",
            "không báo cáo", "không theo quy định", "thẻ vàng", "vùng biển nước ngoài", "chủ tàu", "thuyền viên",
            "sản lượng", "truy xuất nguồn gốc", "xuất bến", "cập cảng", "ngư cụ", "nghề cấm", "xung điện", "chất nổ",
            "mất kết nối", "vỏ tàu", "đăng ký tàu cá", "chiều dài", "nguồn lợi thủy sản", "bảo tồn", "tôm", "cua",
            "rừng ngập mặn",
        ],
        ["bien-gioi-bien-dao"] =
        [
            "biên giới quốc gia", "khu vực biên giới biển", "bộ đội biên phòng", "chủ quyền", "hải đảo", "vùng nội thủy",
            "lãnh hải", "cột mốc", "đồn biên phòng", "vùng đặc quyền kinh tế", "thềm lục địa", "ra vào", "cư trú",
            "tạm trú", "giấy phép", "đảo", "quần đảo", "an ninh biên giới", "tự quản", "tuần tra", "kiểm soát",
            "buôn lậu", "xuất cảnh trái phép", "nhập cảnh", "biển báo", "vành đai biên giới", "vùng cấm", "ngư trường",
            "tàu thuyền", "phòng thủ", "quốc phòng", "hòa bình", "ổn định",
        ],
        ["tre-em"] =
        [
            "trẻ em", "quyền trẻ em", "xâm hại", "bạo lực", "bảo vệ trẻ em", "lao động trẻ em", "chăm sóc",
            "tổng đài 111", "xâm hại tình dục", "bỏ rơi", "trẻ em có hoàn cảnh đặc biệt", "người chăm sóc",
            "quyền được sống", "quyền được học tập", "vui chơi", "giải trí", "bí mật đời sống riêng tư", "mua bán người",
            "bắt cóc", "can thiệp", "hỗ trợ", "phòng ngừa", "nhà trường", "giáo viên", "học sinh", "vị thành niên",
            "người chưa thành niên", "tuổi", "dưới 16 tuổi", "đuối nước", "tai nạn thương tích", "không gian mạng",
        ],
        ["nguoi-khuyet-tat"] =
        [
            "người khuyết tật", "mức độ khuyết tật", "trợ cấp xã hội", "hội đồng xác định", "khuyết tật nặng",
            "khuyết tật đặc biệt nặng", "chăm sóc sức khỏe", "học tập", "việc làm", "phục hồi chức năng",
            "giấy xác nhận khuyết tật", "hỗ trợ kinh phí", "chi trả", "hằng tháng", "bảo hiểm y tế", "người cao tuổi",
            "hộ nghèo", "hộ cận nghèo", "bảo trợ xã hội", "tiếp cận", "công trình công cộng", "ngôn ngữ ký hiệu",
            "chữ nổi", "giáo dục hòa nhập", "dạy nghề", "vay vốn", "ưu đãi", "kỳ thị", "phân biệt đối xử",
        ],
        ["doanh-nghiep"] =
        [
            "doanh nghiệp", "hộ kinh doanh", "đăng ký kinh doanh", "công ty trách nhiệm hữu hạn", "vốn điều lệ",
            "doanh nghiệp nhỏ và vừa", "thuế", "hóa đơn", "giấy chứng nhận đăng ký doanh nghiệp", "người đại diện",
            "cổ phần", "thành viên", "góp vốn", "ngành nghề kinh doanh", "hợp tác xã", "phá sản", "giải thể",
            "tạm ngừng kinh doanh", "con dấu", "báo cáo tài chính", "kế toán", "khởi nghiệp", "hỗ trợ pháp lý",
            "tư vấn", "thương mại", "hợp đồng", "người lao động", "bảo hiểm xã hội", "chuyển đổi", "cạnh tranh",
        ],
        ["an-ninh-mang"] =
        [
            "an ninh mạng", "dữ liệu cá nhân", "không gian mạng", "lừa đảo trực tuyến", "tài khoản", "mật khẩu",
            "mạng xã hội", "thông tin sai sự thật", "chủ thể dữ liệu", "xử lý dữ liệu", "đồng ý", "tin nhắn",
            "đường link", "mã OTP", "chuyển khoản", "ngân hàng", "giả mạo", "cơ quan chức năng", "chiếm đoạt",
            "tài sản", "đánh cắp", "lộ lọt", "bảo mật", "xúc phạm", "vu khống", "bình luận", "chia sẻ", "an toàn thông tin",
            "ứng dụng", "VNeID", "định danh điện tử", "căn cước",
        ],
        ["tro-giup-phap-ly"] =
        [
            "trợ giúp pháp lý", "người được trợ giúp pháp lý", "trợ giúp viên pháp lý", "miễn phí", "người có công",
            "hộ nghèo", "trung tâm trợ giúp pháp lý", "luật sư", "tư vấn pháp luật", "tham gia tố tụng",
            "đại diện ngoài tố tụng", "yêu cầu trợ giúp", "người bị buộc tội", "người bị hại", "dân tộc thiểu số",
            "vùng có điều kiện kinh tế xã hội đặc biệt khó khăn", "nạn nhân", "người thuộc hộ cận nghèo",
            "cộng tác viên", "chi nhánh", "vụ việc", "đơn yêu cầu", "giấy tờ chứng minh",
        ],
        ["hoa-giai-co-so"] =
        [
            "hòa giải", "hòa giải viên", "tổ hòa giải", "tranh chấp", "mâu thuẫn", "hòa giải ở cơ sở", "tổ trưởng",
            "các bên", "tự nguyện", "thỏa thuận", "hàng xóm", "láng giềng", "lối đi", "ranh giới đất", "đoàn kết",
            "tình làng nghĩa xóm", "công nhận kết quả hòa giải", "thành", "không thành", "biên bản hòa giải",
            "bí mật", "khách quan", "công bằng", "phong tục", "tập quán", "đạo đức", "trưởng ấp", "mặt trận tổ quốc",
        ],
        ["pho-bien-giao-duc-phap-luat"] =
        [
            "phổ biến giáo dục pháp luật", "báo cáo viên pháp luật", "tuyên truyền viên pháp luật",
            "ngày pháp luật", "tủ sách pháp luật", "tiếp cận pháp luật", "hội đồng phối hợp", "chương trình",
            "kế hoạch", "hình thức", "nội dung", "đối tượng đặc thù", "chuyển đổi số", "cổng thông tin",
            "truyền thông", "loa phát thanh", "sân khấu hóa", "cuộc thi", "tìm hiểu pháp luật", "câu lạc bộ",
            "hỏi đáp", "tờ gấp", "đa dạng", "hiệu quả", "quyền được thông tin", "xây dựng pháp luật", "thi hành",
        ],
    };

    /// <summary>Titles of laws, by the topic they belong to, to name a cited document in running text.</summary>
    public static readonly string[] LawNames =
    [
        "Luật Hôn nhân và gia đình", "Luật Hộ tịch", "Luật Đất đai", "Luật Thủy sản", "Luật Trẻ em",
        "Luật Người khuyết tật", "Luật Doanh nghiệp", "Luật An ninh mạng", "Luật Trợ giúp pháp lý",
        "Luật Hòa giải ở cơ sở", "Luật Phổ biến, giáo dục pháp luật", "Luật Biên giới quốc gia",
        "Luật Trật tự, an toàn giao thông đường bộ", "Luật Xử lý vi phạm hành chính", "Bộ luật Hình sự",
        "Bộ luật Lao động", "Luật Bảo vệ dữ liệu cá nhân", "Luật Phòng, chống bạo lực gia đình",
    ];

    public static readonly string[] FamilyNames =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lâm", "Tạ", "Quách", "Châu"];

    public static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Hoàng", "Kim", "Thu", "Đức", "Bảo"];

    public static readonly string[] GivenNames =
    [
        "An", "Bình", "Cường", "Dũng", "Hùng", "Lan", "Mai", "Nam", "Phương", "Tâm", "Thảo", "Trung", "Tuấn", "Vân",
        "Hải", "Hà", "Hương", "Hòa", "Khánh", "Linh", "Long", "Nga", "Oanh", "Sơn", "Thủy", "Trang", "Yến", "Phúc",
        "Lộc", "Thịnh", "Nhung", "Quyên", "Duyên", "Hiếu", "Nghĩa", "Tín", "Trí", "Hạnh", "Kiều", "Diễm",
    ];

    public static readonly string[] Places =
    [
        "Tân Thành", "An Xuyên", "Lý Văn Lâm", "Bạc Liêu", "Giá Rai", "Đất Mũi", "Năm Căn", "Sông Đốc", "U Minh",
        "Thới Bình", "Đầm Dơi", "Cái Nước", "Trần Văn Thời", "Phú Tân", "Ngọc Hiển", "Hồng Dân", "Phước Long",
        "Vĩnh Lợi", "Đông Hải", "Hòa Bình", "Khánh Hưng", "Tân Tiến", "Rạch Gốc", "Hòn Khoai", "Cái Đôi Vàm",
    ];

    /// <summary>How articles open, close and lead into a point; the glue of explanatory prose.</summary>
    public static readonly string[] SentenceOpeners =
    [
        "Theo quy định hiện hành,", "Người dân cần lưu ý rằng", "Trong thực tế,", "Cụ thể,", "Ngoài ra,",
        "Bên cạnh đó,", "Trường hợp", "Đáng chú ý,", "Tại địa phương,", "Nhiều người thắc mắc", "Pháp luật quy định",
        "Cơ quan chức năng khuyến cáo", "Để bảo vệ quyền lợi của mình,", "Khi có vướng mắc,",
    ];

    public static readonly string[] Headings =
    [
        "Quy định chung", "Ai phải thực hiện", "Thủ tục thực hiện", "Giấy tờ cần chuẩn bị", "Mức xử phạt",
        "Người dân cần làm gì", "Liên hệ ở đâu", "Câu hỏi thường gặp", "Những điểm mới", "Lưu ý quan trọng",
        "Quyền và nghĩa vụ", "Thời hạn giải quyết", "Trường hợp đặc biệt",
    ];

    public static readonly string[] TitleTemplates =
    [
        "Quy định về {0}", "Những điều cần biết về {0}", "Thủ tục {0} theo quy định mới", "Mức phạt {0} năm {2}",
        "Hướng dẫn {0} cho {1}", "{0} và {3}: người dân cần lưu ý", "Hỏi đáp về {0}", "Quyền và nghĩa vụ liên quan đến {0}",
        "{0} theo {4}", "Điểm mới về {0} từ năm {2}", "Trách nhiệm của {1} về {0}", "Phòng ngừa vi phạm về {0}",
    ];
}
