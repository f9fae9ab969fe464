namespace PbgdplPortal.Core.Tests.Import;

/// <summary>
/// A small valid content folder in the documented format. Tests add a broken file beside it, so
/// every problem they expect is the only one, on a line that can be read off the text below.
/// </summary>
public static class SampleContent
{
    public const string Topics = """
        - slug: hon-nhan-gia-dinh
          name: Hôn nhân và gia đình
          description: Kết hôn, ly hôn, quan hệ giữa vợ chồng.
        - name: Trật tự, an toàn giao thông
        """;

    public const string Audiences = """
        - slug: hoc-sinh-sinh-vien
          name: Học sinh, sinh viên
        - slug: nguoi-yeu-the
          name: Người yếu thế
        """;

    public const string Agencies = """
        - slug: so-tu-phap
          name: Sở Tư pháp tỉnh Cà Mau
          kind: provincial-department
        - slug: cong-an-tinh
          name: Công an tỉnh Cà Mau
          kind: armed-force
        """;

    public const string MarriageLaw = """
        ---
        number: 52/2014/QH13
        type: Luật
        title: Luật Hôn nhân và gia đình
        issuer: Quốc hội
        signer: Nguyễn Sinh Hùng
        issued: 2014-06-19
        effective: 2015-01-01
        status: Còn hiệu lực
        slug: luat-hon-nhan-va-gia-dinh-2014
        sample: true
        relations:
          - kind: replaces
            target: 22/2000/QH10
        ---
        Luật quy định chế độ hôn nhân và gia đình.
        """;

    public const string TrafficDecree = """
        ---
        number: 100/2019/NĐ-CP
        type: Nghị định
        title: Nghị định xử phạt vi phạm hành chính trong lĩnh vực giao thông đường bộ và đường sắt
        issuer: Chính phủ
        issued: 2019-12-30
        status: Hết hiệu lực toàn bộ
        ---
        Tóm tắt nghị định.
        """;

    /// <summary>Cited by no article, so a broken copy of it causes no other problem.</summary>
    public const string ProvincialPlan = """
        ---
        number: 138/KH-UBND
        type: Kế hoạch
        title: Kế hoạch phổ biến, giáo dục pháp luật năm 2026
        issuer: Ủy ban nhân dân tỉnh Cà Mau
        issued: 2025-12-10
        status: Còn hiệu lực
        ---
        Nội dung kế hoạch.
        """;

    public const string MarriageArticle = """
        ---
        title: Điều kiện kết hôn
        summary: Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi.
        topics: [hon-nhan-gia-dinh]
        audiences: [hoc-sinh-sinh-vien, nguoi-yeu-the]
        agency: so-tu-phap
        published: 2026-01-15
        sample: true
        cites:
          - 52/2014/QH13 Điều 8
          - 52/2014/QH13
        ---
        Theo Luật 52/2014/QH13, nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi được kết hôn.
        """;

    public const string TrafficArticle = """
        ---
        title: Mức phạt khi vượt đèn đỏ
        slug: muc-phat-vuot-den-do
        topics: [trat-tu-an-toan-giao-thong]
        agency: cong-an-tinh
        published: 2026-01-20T08:00:00+07:00
        unpublish: 2027-01-20T00:00:00Z
        status: published
        cites:
          - 100/2019/NĐ-CP điểm e khoản 4 Điều 6
        ---
        Người điều khiển xe mô tô vượt đèn đỏ bị phạt tiền.
        """;

    public static void WriteTo(TestPortal portal)
    {
        portal.Write("taxonomy/topics.yml", Topics);
        portal.Write("taxonomy/audiences.yml", Audiences);
        portal.Write("taxonomy/agencies.yml", Agencies);
        portal.Write("documents/luat-hon-nhan.md", MarriageLaw);
        portal.Write("documents/nghi-dinh-100.md", TrafficDecree);
        portal.Write("documents/ke-hoach-138.md", ProvincialPlan);
        portal.Write("articles/dieu-kien-ket-hon.md", MarriageArticle);
        portal.Write("articles/muc-phat.md", TrafficArticle);
    }
}
