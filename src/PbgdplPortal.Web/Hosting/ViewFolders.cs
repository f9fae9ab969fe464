using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace PbgdplPortal.Web.Hosting;

/// <summary>The folder of a controller's views when it is not the controller's name (e.g. "Contest" for the contest pages).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ViewFolderAttribute(string folder) : Attribute
{
    public string Folder { get; } = folder;
}

/// <summary>
/// Looks a controller's views up in its <see cref="ViewFolderAttribute"/> folder, wherever views are looked up: the
/// application's own, the theme's (a Razor class library) and the back office's area. Views are found by their path
/// only, so a second theme overrides any view by shipping one at the same path.
/// </summary>
public sealed class ViewFolderExpander : IViewLocationExpander
{
    private const string Key = "view-folder";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.GetCustomAttribute<ViewFolderAttribute>() is { } folder)
        {
            context.Values[Key] = folder.Folder;
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Values.TryGetValue(Key, out var folder) && folder is not null
            ? viewLocations.Select(l => l.Replace("{1}", folder, StringComparison.Ordinal))
            : viewLocations;
    }
}
