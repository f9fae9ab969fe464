namespace PbgdplPortal.Site;

public static class SiteInfo
{
    public const string Name = "Cổng thông tin phổ biến, giáo dục pháp luật tỉnh Cà Mau";
    public const string ShortName = "PBGDPL Cà Mau";
    public const string Description = "Giải thích pháp luật cho người dân, doanh nghiệp và cán bộ tỉnh Cà Mau, theo lĩnh vực và theo đối tượng.";
}
