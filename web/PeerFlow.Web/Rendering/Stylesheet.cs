using System.Security.Cryptography;

namespace PeerFlow.Web.Rendering;

/// <summary>
/// PeerFlow's one stylesheet, built into the assembly so that both hosts serve the same bytes, with a content hash
/// in its address so browsers may keep it for a year and still see a new one the moment it changes.
/// </summary>
public sealed class Stylesheet
{
    public const string Path = "/css/peerflow.css";

    public Stylesheet()
    {
        Bytes = EmbeddedFile.Read("PeerFlow.Web.peerflow.css");
        Version = Convert.ToHexStringLower(SHA256.HashData(Bytes))[..16];
    }

    public byte[] Bytes { get; }

    public string Version { get; }

    public string Href => Path + "?v=" + Version;

    public IResult Serve(HttpContext http)
    {
        http.Response.Headers.CacheControl = http.Request.Query["v"] == Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
        return Results.Bytes(Bytes, "text/css; charset=utf-8");
    }
}
