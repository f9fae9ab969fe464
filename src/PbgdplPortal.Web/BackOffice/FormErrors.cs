using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PbgdplPortal.Web.BackOffice;

public static class FormErrors
{
    /// <summary>The errors recorded for <paramref name="key"/>, one sentence after another, or null.</summary>
    public static string? ErrorOf(this ModelStateDictionary modelState, string key) =>
        modelState is not null && modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage).Distinct())
            : null;
}
