using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

public static class MentorsApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ListMentors", "GET", "/api/mentors", ListAsync, Audience.Staff) { Describe = Describe },
        new("CreateMentor", "POST", "/api/mentors", CreateAsync, Audience.Staff) { Describe = Describe },
        new("UpdateMentor", "PUT", "/api/mentors/{id}", UpdateAsync, Audience.Staff) { Describe = Describe },
        new("LogMentorSupport", "POST", "/api/mentors/{id}/log", async (string id, MentorLogRequest body, MentorLog log, CancellationToken ct) =>
            (await log.AddAsync(id, body, ct)).ToResult(entry => Results.Created($"/api/mentors/{id}/log", entry)), Audience.Staff)
        {
            Describe = b => b.WithTags("Mentors").WithSummary("Logs a supervision, training or other support given to a mentor, on a day up to a year back.")
                .Produces<MentorLogEntry>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("ListMentorLog", "GET", "/api/mentors/{id}/log", ListLogAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Mentors").WithSummary("The mentor's supervision and training log, newest first.")
                .Produces<IReadOnlyList<MentorLogEntry>>().ProducesProblem(StatusCodes.Status404NotFound),
        },
    ];

    private static void Describe(RouteHandlerBuilder endpoint) => endpoint.WithTags("Mentors").ProducesValidationProblem();

    /// <summary>Mentors with their current load against capacity, and DBS checks running out.</summary>
    public static async Task<IResult> ListAsync(string? scheme, MentorActions mentorActions, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mentors = await mentorActions.ListAsync(scheme, cancellationToken);
        return Results.Ok(mentors.Select(m => new
        {
            m.Id, m.SchemeId, m.Name, m.Email, m.Active, m.Capacity, Load = m.ActiveMatches,
            AtCapacity = m.ActiveMatches >= m.Capacity,
            m.DbsCheckExpires,
            DbsExpiresSoon = m.DbsCheckExpires is { } d && d <= today.AddDays(60),
            m.TrainingCompleted, m.PostcodeDistrict, m.Availability, m.Interests, m.Experiences, m.Languages, m.Gender, m.LearningStyles,
        }));
    }

    private static async Task<IResult> ListLogAsync(string id, MentorActions mentors, MentorLog log, CancellationToken cancellationToken) =>
        await mentors.GetAsync(id, cancellationToken) is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such mentor")
            : Results.Ok(await log.ListAsync(id, cancellationToken));

    public static async Task<IResult> CreateAsync(MentorRequest body, MentorActions mentors, CancellationToken cancellationToken) =>
        (await mentors.CreateAsync(body, cancellationToken)).ToResult(mentor => Results.Created($"/api/mentors/{((Mentor)mentor!).Id}", mentor));

    /// <summary>Changes a mentor's profile; their load is the system's to count, so it is kept as it is.</summary>
    public static async Task<IResult> UpdateAsync(string id, MentorRequest body, MentorActions mentors, CancellationToken cancellationToken) =>
        (await mentors.UpdateAsync(id, body, cancellationToken)).ToResult(Results.Ok);
}
