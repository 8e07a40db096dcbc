namespace PeerFlow.Web.Rendering;

/// <summary>Files built into PeerFlow.Web, so that both hosts serve the same bytes with nothing to deploy beside them.</summary>
internal static class EmbeddedFile
{
    public static byte[] Read(string logicalName)
    {
        using var stream = typeof(EmbeddedFile).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"{logicalName} is not built into PeerFlow.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
