using System.Reflection;

namespace Digest.Functions.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string HostJson => Path.Combine(Root, "host.json");

    /// <summary>The configuration this test assembly was built in (Debug or Release): the Functions app was built in it too.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string FunctionsOutput => Path.Combine(Root, "src", "Digest.Functions", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Digest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Digest.sln not found above " + AppContext.BaseDirectory);
    }
}
