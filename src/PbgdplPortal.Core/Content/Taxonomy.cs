namespace PbgdplPortal.Content;

/// <summary>A catalogue entry identified by its slug: topic, audience group or agency.</summary>
public interface ITaxonomyTerm
{
    int Id { get; }
    string Slug { get; }
    string Name { get; set; }
    string? Description { get; set; }
}

/// <summary>A legal field (lĩnh vực), e.g. "Hôn nhân và gia đình".</summary>
public class Topic : ITaxonomyTerm
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<Article> Articles { get; } = [];
}

/// <summary>An audience group (đối tượng), e.g. "Học sinh, sinh viên".</summary>
public class AudienceGroup : ITaxonomyTerm
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<Article> Articles { get; } = [];
}
