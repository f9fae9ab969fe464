using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Web.BackOffice;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>
/// Every feature has the same shape (docs/architecture.md, "Anatomy"): a Core folder and a Web folder of the same name,
/// the Web folder's services and endpoints in one XxxHosting.cs, back-office controllers in BackOffice/.
/// </summary>
public class AnatomyTests
{
    /// <summary>Web folders that are not features, and what they are.</summary>
    private static readonly Dictionary<string, string> WebOnly = new()
    {
        ["Hosting"] = "the host: start-up, middleware, verbs, keys",
        ["BackOffice"] = "the back office's controllers; its Core parts are Accounts and Editing",
        ["Areas"] = "the back office's views",
        ["wwwroot"] = "the back office's scripts and styles",
    };

    /// <summary>Core folders without a Web twin: the parts every feature uses.</summary>
    private static readonly Dictionary<string, string> CoreOnly = new()
    {
        ["Accounts"] = "back-office accounts and the audit log (Web: BackOffice)",
        ["Data"] = "the EF Core model and migrations",
        ["Editing"] = "the editing workflow and revisions (Web: BackOffice)",
        ["Import"] = "content import (Web: the import verb in Hosting)",
        ["Markdown"] = "the one Markdown pipeline",
        ["Security"] = "the portal's own keys and per-address limits",
        ["Text"] = "Vietnamese text, slugs, document numbers",
    };

    private static IReadOnlyList<string> Folders(string project) =>
        [.. Directory.GetDirectories(Path.Combine(TestPaths.Repository, "src", project)).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties")).Order()];

    private static IReadOnlyList<string> WebFeatures => [.. Folders("PbgdplPortal.Web").Where(f => !WebOnly.ContainsKey(f))];

    [Fact]
    public void Every_Web_feature_folder_has_a_Core_twin_and_every_Core_folder_a_Web_twin_or_a_stated_reason()
    {
        var core = Folders("PbgdplPortal.Core");
        Assert.NotEmpty(WebFeatures);
        Assert.Empty(WebFeatures.Except(core));
        Assert.Empty(core.Except(WebFeatures).Except(CoreOnly.Keys));
        Assert.Empty(CoreOnly.Keys.Except(core));
    }

    [Fact]
    public void Every_feature_registers_and_maps_itself_in_one_hosting_file()
    {
        foreach (var feature in WebFeatures)
        {
            var folder = Path.Combine(TestPaths.Repository, "src", "PbgdplPortal.Web", feature);
            var hosting = Directory.GetFiles(folder, "*Hosting.cs");
            var file = Assert.Single(hosting);
            Assert.Contains($"public static IServiceCollection Add{feature}(", File.ReadAllText(file), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(folder, "*Endpoints.cs"));
        }
    }

    [Fact]
    public void Back_office_controllers_live_in_BackOffice_and_public_controllers_in_their_feature()
    {
        var controllers = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Controller).IsAssignableFrom(t)).ToList();
        Assert.NotEmpty(controllers);
        Assert.All(controllers.Where(t => typeof(BackOfficeController).IsAssignableFrom(t)), t => Assert.Equal("PbgdplPortal.Web.BackOffice", t.Namespace));
        Assert.All(controllers.Where(t => !typeof(BackOfficeController).IsAssignableFrom(t)), t =>
        {
            Assert.NotEqual("PbgdplPortal.Web.BackOffice", t.Namespace);
            Assert.Contains(t.Namespace!.Split('.')[^1], WebFeatures);
        });
        Assert.DoesNotContain(controllers, t => t.GetCustomAttribute<AreaAttribute>() is not null && !typeof(BackOfficeController).IsAssignableFrom(t));
    }
}
