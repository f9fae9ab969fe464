namespace PbgdplPortal.Browser.Tests;

/// <summary>One page of each kind the public site renders, checked by axe and by the Nu HTML checker alike.</summary>
public static class PublicPages
{
    public const string Home = "/";
    public const string Topics = "/chu-de";
    public const string Topic = "/chu-de/hon-nhan-gia-dinh";
    public const string Audience = "/doi-tuong/hoc-sinh-sinh-vien";
    public const string Article = "/bai-viet/dang-ky-ket-hon";
    public const string Documents = "/van-ban";
    public const string Document = "/van-ban/luat-ho-tich-2014";
    public const string NotFound = "/trang-khong-ton-tai";
    public const string Search = "/tim-kiem?q=dang+ky+ket+hon";
    public const string EmptySearch = "/tim-kiem";
    public const string Quizzes = "/trac-nghiem-phap-luat";
    public const string Quiz = "/trac-nghiem-phap-luat/tim-hieu-phap-luat-hon-nhan-va-gia-dinh";
    public const string Questions = "/hoi-dap";
    public const string Ask = "/hoi-dap/dat-cau-hoi";
    public const string QuestionLookup = "/hoi-dap/tra-cuu";
    public const string Dialogues = "/doi-thoai";

    public static IReadOnlyList<string> All { get; } = [Home, Topics, Topic, Audience, Article, Documents, Document, NotFound, Search, EmptySearch, Quizzes, Quiz, Questions, Ask, QuestionLookup, Dialogues];

    public static TheoryData<string> AllAsTheory() => new(All);
}
