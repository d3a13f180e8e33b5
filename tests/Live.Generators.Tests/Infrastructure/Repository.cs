namespace Live.Generators.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Live.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Live.sln not found above the test output.");
        }
    }
}
