using System.Text;
using Microsoft.Net.Http.Headers;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// The body's declared character set, checked before anything reads the body: the framework's JSON and form readers
/// throw on a charset they do not know, which turned into a 500 on every endpoint that takes a body.
/// </summary>
public static class RequestCharset
{
    /// <summary>False when the request names a charset .NET cannot decode; no charset (the usual case) is fine.</summary>
    public static bool IsReadable(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
        {
            return false;
        }

        var charset = type.Charset.ToString().Trim('"');
        if (charset.Length == 0)
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
