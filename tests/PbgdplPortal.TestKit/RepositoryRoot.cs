namespace PbgdplPortal.TestKit;

/// <summary>
/// The repository's root: the nearest folder above the running program that holds PbgdplPortal.sln. Also compiled
/// into the benchmark (a console program that does not reference the kit).
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>The root, or null when the program does not run from inside the repository.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PbgdplPortal.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The root; throws when it is not found.</summary>
    public static string Require() =>
        Find() ?? throw new InvalidOperationException("The repository root (PbgdplPortal.sln) was not found above " + AppContext.BaseDirectory);
}
