using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PbgdplPortal.Web.BackOffice;

public static class FormErrors
{
    /// <summary>The first error recorded for <paramref name="key"/>, or null.</summary>
    public static string? ErrorOf(this ModelStateDictionary modelState, string key) =>
        modelState is not null && modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
