using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>A model for every template, as the lifecycle would fill it.</summary>
internal static class SampleModels
{
    public const string Url = "https://peerflow.example/links/123.abc_DEF-ghi?x=1&y=2";
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Due = new(2026, 7, 3);

    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        [EmailTemplateNames.ReferralReceived] = new ReferralReceivedModel("Priya", "FC-2026-0042", "Foster Carer Mentoring", "Northshire Fostering", 5),
        [EmailTemplateNames.ReferralReceivedCoordinator] = new ReferralReceivedCoordinatorModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", true, Summer, Url),
        [EmailTemplateNames.AssessmentReminder] = new AssessmentReminderModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", Due, Url),
        [EmailTemplateNames.AssessmentOverdue] = new AssessmentOverdueModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", Due, Url),
        [EmailTemplateNames.AssessmentEscalation] = new AssessmentEscalationModel("Sam", "FC-2026-0042", "Foster Carer Mentoring", "Jo", Due, 3, Url),
        [EmailTemplateNames.MatchProposed] = new MatchProposedModel("Alex", "Foster Carer Mentoring", "FC-2026-0042", "Jo", Url + "&a=accept", Url + "&a=decline", Summer.AddDays(5)),
        [EmailTemplateNames.MatchReminder] = new MatchProposedModel("Alex", "Foster Carer Mentoring", "FC-2026-0042", "Jo", Url + "&a=accept", Url + "&a=decline", Summer.AddDays(5)),
        [EmailTemplateNames.MatchEscalation] = new MatchEscalationModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", "Alex", Summer, Url),
        [EmailTemplateNames.MatchUpdate] = new MatchUpdateModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", "Alex declined the match for FC-2026-0042", "The next best mentor has been proposed.", Url),
        [EmailTemplateNames.MatchConfirmed] = new MatchConfirmedModel("Priya", false, "Alex", "Foster Carer Mentoring", "FC-2026-0042", "Jo", Due.AddDays(14)),
        [EmailTemplateNames.CheckInReminder] = new CheckInReminderModel("Alex", "Priya", "Foster Carer Mentoring", Due, Url, Summer.AddDays(14)),
        [EmailTemplateNames.CheckInOverdue] = new CheckInOverdueModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", "Alex", Due, Url),
        [EmailTemplateNames.FirstMeetingOverdue] = new FirstMeetingOverdueModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", "Alex", Due, Url),
        [EmailTemplateNames.CheckInRed] = new CheckInRedModel("Jo", "FC-2026-0042", "Foster Carer Mentoring", "Alex", Url),
        [EmailTemplateNames.SafeguardingAlert] = new SafeguardingAlertModel("Sam", "FC-2026-0042", Summer, Url),
        [EmailTemplateNames.FeedbackRequest] = new FeedbackRequestModel("Priya", "Foster Carer Mentoring", Url, Summer.AddDays(21)),
        [EmailTemplateNames.FeedbackReminder] = new FeedbackRequestModel("Priya", "Foster Carer Mentoring", Url, Summer.AddDays(21)),
        [EmailTemplateNames.ReferrerUpdate] = new ReferrerUpdateModel("Sam", "FC-2026-0042", "Foster Carer Mentoring", "matched", false),
        [EmailTemplateNames.MentorCheck] = new MentorCheckModel("Jo", "Ana Mentor", "Northshire Fostering", "DBS check", new DateOnly(2026, 7, 1), true, 2, Url),
        [EmailTemplateNames.ReferralFlood] = new ReferralFloodModel("Jo", "Northshire Fostering", 10, Url),
        [EmailTemplateNames.CoordinatorDigest] = new CoordinatorDigestModel(
            "Jo", "Northshire Fostering", new DateOnly(2026, 7, 1), [new("NF-2026-0007", "New referral", Summer, Url), new("NF-2026-0003", "Check-in overdue", Summer, Url)], 1, Url, Url),
        [EmailTemplateNames.MonthlyReport] = new MonthlyReportModel("Sam", "Northshire Fostering", new DateOnly(2026, 6, 1), Url, [new("Referrals received", "7", "+2"), new("Assessed by their deadline", "5 of 6", "no change")]),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in EmailTemplateNames.All)
        {
            data.Add(name);
        }

        return data;
    }
}
