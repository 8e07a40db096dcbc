namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>Where the tests leave what a person may want to look at: artifacts/ at the repository root (git ignores it).</summary>
internal static class Artifacts
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Folder(string name)
    {
        var path = Path.Combine(Root.Value, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A test name as a file name: letters, digits and dashes only.</summary>
    public static string FileName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PeerFlow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"PeerFlow.sln is not in {AppContext.BaseDirectory} or any folder above it.");
    }
}
