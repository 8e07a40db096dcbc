using Microsoft.AspNetCore.Routing.Patterns;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Endpoints;

/// <summary>The kind of record a staff endpoint's route names, whose scheme decides who may call it.</summary>
public enum GatedRecord
{
    Referral,
    Mentor,
    Scheme,
}

/// <summary>
/// Which record of a scheme a staff endpoint's route names (a referral's <c>{id}</c> under <c>referrals</c>, a
/// mentor's under <c>mentors</c>, a scheme's under <c>schemes</c> or as <c>{scheme}</c>), read from its pattern so
/// that a new endpoint is gated by being routed like the others. <see cref="WebPipeline"/> asks
/// <see cref="SchemeAccess"/> before the handler runs, and a record of a scheme the caller does not work in is
/// answered as the handler answers one that does not exist: nothing of it, not even that it exists.
/// </summary>
public sealed record RecordGate(GatedRecord Record, string Parameter)
{
    private static readonly Dictionary<string, GatedRecord> Folders = new(StringComparer.Ordinal)
    {
        ["referrals"] = GatedRecord.Referral,
        ["mentors"] = GatedRecord.Mentor,
        ["schemes"] = GatedRecord.Scheme,
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<WebEndpoint, RecordGate?> Known = new(ReferenceEqualityComparer.Instance);

    /// <summary>The gate of a staff endpoint whose route names a record of a scheme; null for any other.</summary>
    public static RecordGate? For(WebEndpoint endpoint) => Known.GetOrAdd(endpoint, Read);

    private static RecordGate? Read(WebEndpoint endpoint)
    {
        if (endpoint.Audience == Audience.Public)
        {
            return null;
        }

        var segments = RoutePatternFactory.Parse(endpoint.Pattern).PathSegments;
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].Parts is not [RoutePatternParameterPart parameter])
            {
                continue;
            }

            if (parameter.Name == "scheme")
            {
                return new RecordGate(GatedRecord.Scheme, parameter.Name);
            }

            if (parameter.Name == "id" && segments[i - 1].Parts is [RoutePatternLiteralPart folder] && Folders.TryGetValue(folder.Content, out var record))
            {
                return new RecordGate(record, parameter.Name);
            }
        }

        return null;
    }

    /// <summary>Whether the caller may reach the record the request's route names.</summary>
    public async Task<bool> AdmitsAsync(HttpContext http, SchemeAccess access)
    {
        if (http.Request.RouteValues[Parameter]?.ToString() is not { Length: > 0 } id)
        {
            return true;
        }

        var cancellationToken = http.RequestAborted;
        return Record switch
        {
            GatedRecord.Referral => await access.MaySeeReferralAsync(id, cancellationToken),
            GatedRecord.Mentor => await access.MaySeeMentorAsync(id, cancellationToken),
            _ => id == "all" || await access.MaySeeSchemeAsync(id, cancellationToken),
        };
    }

    /// <summary>What the handler says of a record that does not exist, for programs; pages show their status page.</summary>
    public string NotFoundTitle => Record switch
    {
        GatedRecord.Referral => "No such referral",
        GatedRecord.Mentor => "No such mentor",
        _ => "No such scheme",
    };
}
