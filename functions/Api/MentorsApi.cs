using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;

namespace PeerFlow.Functions.Api;

public static class MentorsApi
{
    public static IEndpointRouteBuilder MapMentorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/mentors").WithTags("Mentors").ProducesValidationProblem();
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapPut("/{id}", UpdateAsync);
        return app;
    }

    /// <summary>Mentors with their current load against capacity, and DBS checks running out.</summary>
    public static async Task<IResult> ListAsync(string? scheme, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var filter = string.IsNullOrEmpty(scheme) ? "PartitionKey eq 'mentor'" : $"PartitionKey eq 'mentor' and SchemeId eq '{scheme.Replace("'", "''", StringComparison.Ordinal)}'";
        var today = DateOnly.FromDateTime(services.Now);
        var mentors = await services.Store.Mentors.QueryAsync(filter, cancellationToken);
        return Results.Ok(mentors.Select(m => m.Value).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => new
        {
            m.Id, m.SchemeId, m.Name, m.Email, m.Active, m.Capacity, Load = m.ActiveMatches,
            AtCapacity = m.ActiveMatches >= m.Capacity,
            m.DbsCheckExpires,
            DbsExpiresSoon = m.DbsCheckExpires is { } d && d <= today.AddDays(60),
            m.TrainingCompleted, m.PostcodeDistrict, m.Availability, m.Interests, m.Experiences, m.Languages, m.Gender, m.LearningStyles,
        }));
    }

    public static async Task<IResult> CreateAsync(MentorRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var invalid = await ValidateAsync(body, services, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var mentor = ToMentor("mt" + Guid.NewGuid().ToString("N")[..10], body, activeMatches: 0);
        await services.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), cancellationToken);
        return Results.Created($"/api/mentors/{mentor.Id}", mentor);
    }

    /// <summary>Changes a mentor's profile; their load is the system's to count, so it is kept as it is.</summary>
    public static async Task<IResult> UpdateAsync(string id, MentorRequest body, [AsParameters] ApiServices services, CancellationToken cancellationToken)
    {
        var invalid = await ValidateAsync(body, services, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var updated = await services.Store.Mentors.UpdateAsync("mentor", id, m => ToMentor(id, body, m.ActiveMatches), MatchProposals.MentorColumns, cancellationToken);
        return updated is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such mentor") : Results.Ok(updated);
    }

    private static async Task<IResult?> ValidateAsync(MentorRequest body, ApiServices services, CancellationToken cancellationToken)
    {
        var schemeIds = (await services.Schemes.ListAsync(cancellationToken)).Select(s => s.Id).ToList();
        var result = await new MentorRequestValidator(schemeIds).ValidateAsync(body, cancellationToken);
        return result.IsValid ? null : ValidationResults.Problem(result);
    }

    private static Mentor ToMentor(string id, MentorRequest body, int activeMatches) => new()
    {
        Id = id,
        SchemeId = body.SchemeId!,
        Name = body.Name!.Trim(),
        Email = body.Email!.Trim(),
        Phone = body.Phone?.Trim(),
        Active = body.Active,
        Capacity = body.Capacity,
        ActiveMatches = activeMatches,
        DbsCheckExpires = body.DbsCheckExpires,
        TrainingCompleted = body.TrainingCompleted,
        TrainingExpires = body.TrainingExpires,
        PostcodeDistrict = body.PostcodeDistrict?.Trim().ToUpperInvariant(),
        Availability = body.Availability,
        Interests = body.Interests,
        Experiences = body.Experiences,
        Languages = body.Languages,
        Gender = body.Gender,
        LearningStyles = body.LearningStyles,
    };
}
