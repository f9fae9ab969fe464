using Microsoft.AspNetCore.Identity;
using PbgdplPortal.Content;

namespace PbgdplPortal.Accounts;

/// <summary>A back-office account. Editors and reviewers belong to an agency; administrators may too.</summary>
public class PortalUser : IdentityUser
{
    public string FullName { get; set; } = "";
    public int? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The back office's roles. Names are stable codes; <see cref="Label"/> gives the Vietnamese name.</summary>
public static class PortalRoles
{
    /// <summary>Quản trị: the Department of Justice, acts on everything.</summary>
    public const string Administrator = "admin";

    /// <summary>Người duyệt: approves and publishes the content of their agency.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>Biên tập viên: writes the content of their agency.</summary>
    public const string Editor = "editor";

    /// <summary>Điều phối viên: the Department of Justice's moderator of citizens' questions and dialogues.</summary>
    public const string Moderator = "moderator";

    /// <summary>Chuyên gia: answers the questions assigned to their agency (lawyers and jurists through their association).</summary>
    public const string Expert = "expert";

    public static readonly IReadOnlyList<string> All = [Administrator, Reviewer, Editor, Moderator, Expert];

    /// <summary>
    /// The roles that act only for an agency and so must belong to one: editors and reviewers (its content) and experts
    /// (the questions assigned to it). Administrators and moderators act for the whole portal.
    /// </summary>
    public static readonly IReadOnlyList<string> WithAgency = [Editor, Reviewer, Expert];

    public static bool NeedsAgency(string role) => WithAgency.Contains(role);

    /// <summary>The agency field's label, naming exactly the roles of <see cref="WithAgency"/>.</summary>
    public static string AgencyFieldLabel =>
        $"Cơ quan (bắt buộc với {string.Join(", ", WithAgency.SkipLast(1).Select(r => Label(r).ToLowerInvariant()))} và {Label(WithAgency[^1]).ToLowerInvariant()})";

    public static string Label(string role) => role switch
    {
        Administrator => "Quản trị",
        Reviewer => "Người duyệt",
        Editor => "Biên tập viên",
        Moderator => "Điều phối viên",
        Expert => "Chuyên gia",
        _ => role,
    };
}
