using System.Security.Claims;
using PbgdplPortal.Accounts;
using PbgdplPortal.Web.BackOffice;

namespace PbgdplPortal.Web.Questions;

/// <summary>
/// Who may do what with citizens' questions. Moderators (and administrators) screen and assign every
/// question; experts answer, and reviewers release, only what is assigned to their own agency.
/// </summary>
public static class QuestionRights
{
    public static readonly string[] Roles = [PortalRoles.Administrator, PortalRoles.Moderator, PortalRoles.Expert, PortalRoles.Reviewer];

    public static bool IsModerator(this ClaimsPrincipal user) => user.IsAdministrator() || user.IsInRole(PortalRoles.Moderator);

    private static bool OfAgency(this ClaimsPrincipal user, int? agencyId) => agencyId is not null && user.AgencyId() == agencyId;

    /// <summary>May see the question at all (others get a 404, never learning it exists).</summary>
    public static bool CanSeeQuestion(this ClaimsPrincipal user, int? agencyId) =>
        user.IsModerator() || (user.OfAgency(agencyId) && (user.IsInRole(PortalRoles.Expert) || user.IsInRole(PortalRoles.Reviewer)));

    public static bool CanAnswer(this ClaimsPrincipal user, int? agencyId) =>
        user.IsAdministrator() || (user.OfAgency(agencyId) && user.IsInRole(PortalRoles.Expert));

    /// <summary>May publish an answer, send it privately or return it to the expert.</summary>
    public static bool CanRelease(this ClaimsPrincipal user, int? agencyId) => user.IsModerator() || user.CanReview(agencyId);

    /// <summary>May take a step of kind <paramref name="right"/> on a question (or a dialogue) of <paramref name="agencyId"/>.</summary>
    public static bool May(this ClaimsPrincipal user, QuestionRight right, int? agencyId) => right switch
    {
        QuestionRight.Moderate => user.IsModerator(),
        QuestionRight.Answer => user.CanAnswer(agencyId),
        _ => user.CanRelease(agencyId),
    };
}

/// <summary>The kinds of back-office step on citizens' questions, by who may take them.</summary>
public enum QuestionRight
{
    Moderate,
    Answer,

    /// <summary>Publish, send privately, return, withdraw, or show an answer in a live dialogue.</summary>
    Release,
}
