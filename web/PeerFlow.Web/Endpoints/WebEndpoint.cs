namespace PeerFlow.Web.Endpoints;

/// <summary>Who may call an endpoint.</summary>
public enum Audience
{
    /// <summary>Anyone: the referral form, emailed links, health, the stylesheet.</summary>
    Public,

    /// <summary>Scheme staff: coordinators, managers and administrators.</summary>
    Staff,

    /// <summary>Managers and administrators: erasure and scheme settings.</summary>
    Managers,
}

/// <summary>
/// One HTTP endpoint, written once. The local host maps <see cref="Handler"/> with minimal APIs; the Functions app has
/// one HTTP-trigger function per endpoint, of the same <see cref="Name"/>, route and method, that runs the same handler.
/// </summary>
public sealed record WebEndpoint(string Name, string Method, string Pattern, Delegate Handler, Audience Audience)
{
    /// <summary>OpenAPI descriptions (summary, tags, produces); they do not change what the endpoint does.</summary>
    public Action<RouteHandlerBuilder>? Describe { get; init; }

    /// <summary>
    /// The methods served: a GET answers HEAD too, as Razor Pages did (link checkers and mail scanners send HEAD;
    /// it shows nothing and changes nothing).
    /// </summary>
    public IReadOnlyList<string> Methods => Method == "GET" ? ["GET", "HEAD"] : [Method];

    /// <summary>The pattern as an Azure Functions route: no leading slash.</summary>
    public string FunctionRoute => Pattern.TrimStart('/');

    public bool IsPage => Rendering.WebPages.IsPagePath(Pattern);
}
