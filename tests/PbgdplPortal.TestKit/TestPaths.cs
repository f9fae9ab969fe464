namespace PbgdplPortal.TestKit;

/// <summary>Where the tests find the repository, its sample content and the test PostgreSQL server, and how they clean up folders.</summary>
public static class TestPaths
{
    public static string Repository { get; } = RepositoryRoot.Require();

    public static string Content => Path.Combine(Repository, "content");

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("PBGDPL_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("PBGDPL_TEST_POSTGRES is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL server.");

    /// <summary>
    /// Removes a test's temporary folder. A file a stopping background thread or child process still writes can make a
    /// delete fail on its first tries; the folder is then left to the system's temp cleaning rather than failing a test
    /// whose checks all passed.
    /// </summary>
    public static void DeleteFolder(string path)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}
