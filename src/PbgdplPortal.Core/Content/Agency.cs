namespace PbgdplPortal.Content;

public enum AgencyKind
{
    ProvincialDepartment,
    ArmedForce,
    Commune,
    Other,
}

/// <summary>An agency that publishes content: a provincial department, an armed force, a commune-level unit…</summary>
public class Agency : ITaxonomyTerm
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public AgencyKind Kind { get; set; }

    /// <summary>Set when the agency no longer exists (after a merger or reorganisation); it publishes nothing new.</summary>
    public DateTime? RetiredAt { get; set; }

    /// <summary>The agency that took over its content when it was merged.</summary>
    public int? MergedIntoId { get; set; }

    public Agency? MergedInto { get; set; }
    public List<Article> Articles { get; } = [];
}

public static class AgencyQueries
{
    /// <summary>Agencies still in service: the only ones offered in forms and accepted for new content.</summary>
    public static IQueryable<Agency> Active(this IQueryable<Agency> agencies) => agencies.Where(a => a.RetiredAt == null);
}

public static class AgencyKinds
{
    public static readonly IReadOnlyDictionary<string, AgencyKind> ByCode = new Dictionary<string, AgencyKind>
    {
        ["provincial-department"] = AgencyKind.ProvincialDepartment,
        ["armed-force"] = AgencyKind.ArmedForce,
        ["commune"] = AgencyKind.Commune,
        ["other"] = AgencyKind.Other,
    };

    public static string Label(this AgencyKind kind) => kind switch
    {
        AgencyKind.ProvincialDepartment => "Sở, ban, ngành tỉnh",
        AgencyKind.ArmedForce => "Lực lượng vũ trang",
        AgencyKind.Commune => "Xã, phường",
        _ => "Cơ quan, tổ chức khác",
    };
}
