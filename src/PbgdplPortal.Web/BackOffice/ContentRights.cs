using System.Security.Claims;
using PbgdplPortal.Accounts;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>
/// Who may do what in the back office. Administrators act on everything; editors and reviewers act
/// only on the content of their own agency. Checked on the server for every action.
/// </summary>
public static class ContentRights
{
    /// <summary>The claim carrying the account's agency id.</summary>
    public const string AgencyClaim = "pbgdpl:agency";

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.IsInRole(PortalRoles.Administrator);

    public static bool IsReviewer(this ClaimsPrincipal user) => user.IsInRole(PortalRoles.Reviewer) || user.IsAdministrator();

    public static int? AgencyId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AgencyClaim), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>May write and submit content of <paramref name="agencyId"/>.</summary>
    public static bool CanEdit(this ClaimsPrincipal user, int? agencyId) =>
        user.IsAdministrator()
        || (agencyId is not null && user.AgencyId() == agencyId && (user.IsInRole(PortalRoles.Editor) || user.IsInRole(PortalRoles.Reviewer)));

    /// <summary>May approve, publish, send back and unpublish content of <paramref name="agencyId"/>.</summary>
    public static bool CanReview(this ClaimsPrincipal user, int? agencyId) =>
        user.IsAdministrator() || (agencyId is not null && user.AgencyId() == agencyId && user.IsInRole(PortalRoles.Reviewer));

    /// <summary>The agency whose content lists are limited to, or null for all (administrators).</summary>
    public static int? AgencyScope(this ClaimsPrincipal user) => user.IsAdministrator() ? null : user.AgencyId() ?? -1;

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
