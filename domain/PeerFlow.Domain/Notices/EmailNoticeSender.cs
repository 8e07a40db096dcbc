using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Sms;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Notices;

/// <summary>
/// Turns a lifecycle notice into emails: who gets which template, with which signed links. Each email's key is the
/// activity's key plus the recipient's role, so a retried activity sends nothing twice.
/// </summary>
public sealed class EmailNoticeSender(
    PeerFlowStore store, SchemeCatalog schemes, IEmailSender email, ISmsSender texts, TextSendLog textLog, SignedLinks links, PublicUrls urls, TimeProvider time, AcknowledgementWindow acknowledgements,
    CoordinatorHold hold)
    : INoticeSender
{

    public async Task<NoticeSendResult> SendAsync(NoticeRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var referral = (await store.Referrals.GetAsync(request.ReferralId, "", cancellationToken))?.Value
            ?? throw new InvalidOperationException($"Referral {request.ReferralId} does not exist.");
        var scheme = await schemes.GetAsync(referral.SchemeId, cancellationToken) ?? throw new InvalidOperationException($"Scheme {referral.SchemeId} does not exist.");
        var policy = (await schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, cancellationToken))?.Policy ?? scheme.Policy;
        // Written as of when the workflow decided it was due, so a late delivery states the same dates and deadlines.
        var now = request.DecidedAt is { } decided ? new DateTimeOffset(DateTime.SpecifyKind(decided, DateTimeKind.Utc)) : time.GetUtcNow();
        var context = new NoticeContext(referral, scheme, policy, request, idempotencyKey, now, urls.Referral(referral.Id)) { SendingAt = time.GetUtcNow() };
        var failures = new List<ChannelFailure>();
        DateTimeOffset? heldUntil = null;
        var composedAll = await ComposeAsync(context, cancellationToken);
        var held = 0;
        foreach (var (role, composed) in composedAll)
        {
            if (role == "coordinator" && await hold.TryHoldAsync(referral, scheme, policy, request, idempotencyKey, cancellationToken))
            {
                held++;
                continue;
            }

            // Every notice ends with who to contact, the coordinator, except the coordinator's own.
            var message = (role == "coordinator" ? composed : composed with { Signature = Signature(scheme) }) with { ReferralId = referral.Id };
            var (byEmail, byText, mobile) = await ChannelsAsync(context, role, message, cancellationToken);

            // Each channel on its own: a failing email provider never holds a text back, nor the reverse.
            if (byEmail)
            {
                try
                {
                    await email.SendAsync(message, $"{idempotencyKey}:{role}", cancellationToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failures.Add(new ChannelFailure("email", role, ex));
                }
            }

            if (byText && mobile is not null)
            {
                var textKey = $"{idempotencyKey}:{role}:sms";
                if (!request.Notice.IsUrgent() && (await textLog.GetAsync(textKey, cancellationToken))?.State is not (EmailSendState.Sent or EmailSendState.Unknown)
                    && scheme.Texts?.Quiet.EndsAfter(time.GetUtcNow()) is { } quietEnds)
                {
                    // Nobody is texted at night about what can wait; urgent texts go whatever the hour.
                    heldUntil = heldUntil is { } earlier && earlier < quietEnds ? earlier : quietEnds;
                    continue;
                }

                try
                {
                    var body = EmailTemplates.RenderText(message.Template, message.Model, message.Signature);
                    await texts.SendAsync(new OutgoingText(mobile, message.Template, body) { ReferralId = referral.Id }, textKey, cancellationToken);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failures.Add(new ChannelFailure("text", role, ex));
                }
            }
        }

        return failures.Count > 0 ? throw new NoticeChannelException(failures) : new NoticeSendResult(heldUntil) { NotSent = context.NotSent, AllHeldForDigest = held > 0 && held == composedAll.Count };
    }

    /// <summary>
    /// How a recipient is reached. Staff by email, and by text too for urgent notices when the scheme texts and the
    /// organisation file gives them a mobile. Mentors, mentees and referrers as they chose, with their consent. Only
    /// messages with a text version (<c>{template}.sms.liquid</c>) are texted; the others go by email.
    /// </summary>
    private async Task<(bool Email, bool Text, string? Mobile)> ChannelsAsync(NoticeContext c, string role, OutgoingEmail message, CancellationToken cancellationToken)
    {
        var textsOn = c.Scheme.Texts?.Enabled == true && EmailTemplates.HasText(message.Template);
        var staff = role switch
        {
            "coordinator" => c.Scheme.Coordinator,
            "manager" => c.Scheme.Manager,
            "lead" => c.Scheme.SafeguardingLead,
            _ => null,
        };
        if (staff is not null)
        {
            var text = textsOn && c.Request.Notice.IsUrgent() && staff.Mobile is { Length: > 0 };
            return (true, text, staff.Mobile);
        }

        var person = role switch
        {
            "mentor" => (await TryMatchAndMentorAsync(c, cancellationToken)).Item2 is { } mentor ? new TextPreferences(mentor.Mobile, mentor.TextConsent, mentor.PreferredChannel) : null,
            "mentee" => await PersonAsync(c.Referral.Id, PersonRole.Mentee, cancellationToken) is { } mentee ? new TextPreferences(mentee.Mobile, mentee.TextConsent, mentee.PreferredChannel) : null,
            "referrer" => await AcknowledgementRecipientAsync(c.Referral.Id, cancellationToken) is { } acknowledged ? new TextPreferences(acknowledged.Mobile, acknowledged.TextConsent, acknowledged.PreferredChannel) : null,
            _ => null,
        } ?? TextPreferences.EmailOnly;
        var (byEmail, byText) = person.Choose(textsOn, message.ToAddress.Length > 0);
        return (byEmail, byText, person.Mobile);
    }

    private async Task<List<(string Role, OutgoingEmail Email)>> ComposeAsync(NoticeContext c, CancellationToken cancellationToken)
    {
        var coordinator = c.Scheme.Coordinator;
        var manager = c.Scheme.Manager;
        var dueDate = LondonDate(c.Request.DueAt ?? c.Referral.AssessmentDueAt ?? c.Now.UtcDateTime);
        var emails = new List<(string, OutgoingEmail)>();
        switch (c.Request.Notice)
        {
            case Notice.ReferralReceived:
                var acknowledged = await AcknowledgementRecipientAsync(c.Referral.Id, cancellationToken);
                var acknowledgement = acknowledged is null ? null
                    : new ReferralReceivedModel(acknowledged.FirstName, c.Referral.Reference, c.Scheme.Name, c.Scheme.OrganisationName ?? c.Scheme.Name, Deadline(c));
                if (acknowledged is { Email: { Length: > 0 } ackEmail } && await acknowledgements.TryTakeAsync(ackEmail, c.Referral.Id, cancellationToken))
                {
                    emails.Add(("referrer", new(ackEmail, acknowledged.Name, EmailTemplateNames.ReferralReceived, acknowledgement!)));
                }
                else if (acknowledged is { Email: null or "" } && TextsOnly(c, acknowledged))
                {
                    // No email address, but a mobile they agreed to be texted on: acknowledged by text alone.
                    emails.Add(("referrer", new("", acknowledged.Name, EmailTemplateNames.ReferralReceived, acknowledgement!)));
                }

                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.ReferralReceivedCoordinator,
                    new ReferralReceivedCoordinatorModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, c.Referral.Urgent, c.Referral.ReceivedAt, c.ReferralUrl))));
                break;
            case Notice.UrgentReferral:
                emails.Add(("manager", Staff(manager, EmailTemplateNames.ReferralReceivedCoordinator,
                    new ReferralReceivedCoordinatorModel(First(manager), c.Referral.Reference, c.Scheme.Name, true, c.Referral.ReceivedAt, c.ReferralUrl))));
                break;
            case Notice.AssessmentReminder or Notice.RecontactDue:
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.AssessmentReminder,
                    new AssessmentReminderModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, c.Request.Notice == Notice.RecontactDue ? LondonDate(c.Now.UtcDateTime) : dueDate, c.ReferralUrl))));
                break;
            case Notice.AssessmentOverdue:
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.AssessmentOverdue,
                    new AssessmentOverdueModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, dueDate, c.ReferralUrl))));
                break;
            case Notice.AssessmentEscalation:
                var overdueDays = Math.Max(1, WorkingDays.WorkingDaysBetween(dueDate, LondonDate(c.Now.UtcDateTime), c.Policy.Calendar));
                emails.Add(("manager", Staff(manager, EmailTemplateNames.AssessmentEscalation,
                    new AssessmentEscalationModel(First(manager), c.Referral.Reference, c.Scheme.Name, First(coordinator), dueDate, overdueDays, c.ReferralUrl))));
                break;
            case Notice.MatchProposed or Notice.MatchReminder:
                var (proposal, proposed) = await MatchAndMentorAsync(c, cancellationToken);
                var respondBy = c.Request.DueAt ?? c.Now.UtcDateTime.AddDays(c.Policy.MatchResponseDays);
                var lifetime = respondBy - c.Now.UtcDateTime + TimeSpan.FromDays(1);
                if (proposal is not { Status: MatchStatus.Proposed, Answer: null } || c.Now + lifetime <= c.SendingAt)
                {
                    // Delivered late (after an outage, or a host's crash): the proposal has been answered or has lapsed,
                    // and its links would be dead on arrival. Nothing to ask the mentor, and the timeline says so.
                    c.NotSent = c.Request.Notice == Notice.MatchProposed
                        ? "the proposal to the mentor, as it had already been answered or had lapsed"
                        : "the reminder to the mentor, as the proposal had already been answered or had lapsed";
                    break;
                }

                var shared = (await PersonAsync(c.Referral.Id, PersonRole.Mentee, cancellationToken))?.SharedDescription ?? "";
                emails.Add(("mentor", new(proposed.Email, proposed.Name, c.Request.Notice == Notice.MatchProposed ? EmailTemplateNames.MatchProposed : EmailTemplateNames.MatchReminder,
                    new MatchProposedModel(FirstOf(proposed.Name), c.Scheme.Name, c.Referral.Reference, First(coordinator),
                        Link(LinkAction.AcceptMatch, c.Referral.Id, proposal.Id, c.Now + lifetime),
                        Link(LinkAction.DeclineMatch, c.Referral.Id, proposal.Id, c.Now + lifetime),
                        respondBy) { SharedDescription = shared })));
                break;
            case Notice.MatchUnanswered:
                var (unanswered, silent) = await MatchAndMentorAsync(c, cancellationToken);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.MatchEscalation,
                    new MatchEscalationModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, FirstOf(silent.Name), unanswered.ProposedAt, c.ReferralUrl))));
                break;
            case Notice.MatchDeclined:
                var (_, decliner) = await MatchAndMentorAsync(c, cancellationToken);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.MatchUpdate, new MatchUpdateModel(
                    First(coordinator), c.Referral.Reference, c.Scheme.Name, $"{FirstOf(decliner.Name)} declined the match for {c.Referral.Reference}",
                    c.Policy.AutoReproposal
                        ? "The next best mentor on the shortlist has been proposed if one was free; you will hear if nobody is."
                        : "The referral is back with you to propose again: choose the next mentor from the shortlist.", c.ReferralUrl))));
                break;
            case Notice.NoCandidates when !c.Policy.AutoReproposal:
                // Nobody was asked: the declined or unanswered proposal's email already gave the referral back.
                break;
            case Notice.NoCandidates:
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.MatchUpdate, new MatchUpdateModel(
                    First(coordinator), c.Referral.Reference, c.Scheme.Name, $"No suitable mentor is free for {c.Referral.Reference}",
                    "The shortlist explains who was left out and why. A mentor at capacity can still be proposed, with a reason.", c.ReferralUrl))));
                break;
            case Notice.MatchWaitEscalation:
                var waited = (int)(c.Now.UtcDateTime - (c.Referral.AssessedAt ?? c.Referral.ReceivedAt)).TotalDays;
                emails.Add(("manager", Staff(manager, EmailTemplateNames.MatchUpdate, new MatchUpdateModel(
                    First(manager), c.Referral.Reference, c.Scheme.Name, $"{c.Referral.Reference} has waited {waited} days for a mentor",
                    $"{First(coordinator)} is the coordinator. The family was assessed as suitable and is still waiting for an accepted match.", c.ReferralUrl))));
                break;
            case Notice.MatchConfirmed:
                var (_, matched) = await MatchAndMentorAsync(c, cancellationToken);
                var mentee = await PersonAsync(c.Referral.Id, PersonRole.Mentee, cancellationToken);
                var meetBy = LondonDate(c.Now.UtcDateTime.AddDays(c.Policy.FirstMeetingDays));
                emails.Add(("mentor", new(matched.Email, matched.Name, EmailTemplateNames.MatchConfirmed,
                    new MatchConfirmedModel(FirstOf(matched.Name), true, mentee?.FirstName ?? "the family", c.Scheme.Name, c.Referral.Reference, First(coordinator), meetBy))));
                if (mentee is not null && (mentee.Email is { Length: > 0 } || TextsOnly(c, mentee)))
                {
                    // A way to speak up for as long as the match is likely to last; the page refuses it once the match has ended.
                    var voice = Link(LinkAction.MenteeVoice, c.Referral.Id, c.Request.MatchId ?? c.Referral.CurrentMatchId ?? "", c.Now.AddDays(MenteeVoiceDays));
                    emails.Add(("mentee", new(mentee.Email ?? "", mentee.Name, EmailTemplateNames.MatchConfirmed,
                        new MatchConfirmedModel(mentee.FirstName, false, FirstOf(matched.Name), c.Scheme.Name, c.Referral.Reference, First(coordinator), meetBy)
                        {
                            VoiceUrl = voice,
                            OutcomeUrl = await OutcomeLinkAsync(c, OutcomeMoment.Start, c.Now.AddDays(OutcomeStartDays), cancellationToken),
                        })));
                }

                break;
            case Notice.CheckInReminder:
                var (_, supporting) = await MatchAndMentorAsync(c, cancellationToken);
                var menteeName = (await PersonAsync(c.Referral.Id, PersonRole.Mentee, cancellationToken))?.FirstName ?? "your mentee";
                var checkInDue = c.Request.DueAt ?? c.Now.UtcDateTime.AddDays(c.Policy.CheckInReminderDaysBefore);
                var checkInLifetime = TimeSpan.FromDays(c.Policy.CheckInReminderDaysBefore + c.Policy.CheckInOverdueDaysAfter + 1);
                if (c.Now + checkInLifetime <= c.SendingAt)
                {
                    // Delivered after its link's expiry (a long outage): the check-in it asked for is long past, and
                    // its overdue alert has gone to the coordinator.
                    c.NotSent = "the check-in reminder to the mentor, as the check-in it asked for was long past";
                    break;
                }

                var invite = CheckInInvite.Create(c.IdempotencyKey, checkInDue, checkInDue.AddMinutes(30), coordinator.Email, c.Now);
                emails.Add(("mentor", new(supporting.Email, supporting.Name, EmailTemplateNames.CheckInReminder,
                    new CheckInReminderModel(FirstOf(supporting.Name), menteeName, c.Scheme.Name, LondonDate(checkInDue),
                        Link(LinkAction.LogCheckIn, c.Referral.Id, c.Request.MatchId ?? "", c.Now + checkInLifetime), c.Now + checkInLifetime),
                    [invite])));
                break;
            case Notice.CheckInOverdue:
                var (_, late) = await MatchAndMentorAsync(c, cancellationToken);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.CheckInOverdue,
                    new CheckInOverdueModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, FirstOf(late.Name), dueDate, c.ReferralUrl))));
                break;
            case Notice.FirstMeetingOverdue:
                var (_, notMet) = await MatchAndMentorAsync(c, cancellationToken);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.FirstMeetingOverdue,
                    new FirstMeetingOverdueModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, FirstOf(notMet.Name), dueDate, c.ReferralUrl))));
                break;
            case Notice.RedCheckIn:
                var (_, worried) = await MatchAndMentorAsync(c, cancellationToken);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.CheckInRed,
                    new CheckInRedModel(First(coordinator), c.Referral.Reference, c.Scheme.Name, FirstOf(worried.Name), c.ReferralUrl))));
                break;
            case Notice.SafeguardingAlert:
                var model = new SafeguardingAlertModel(First(coordinator), c.Referral.Reference, c.Now, c.ReferralUrl);
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.SafeguardingAlert, model)));

                // The scheme's safeguarding lead when it names one (the manager hears through the dashboard); otherwise the manager.
                var alerted = c.Scheme.SafeguardingLead ?? manager;
                if (!string.Equals(alerted.Email, coordinator.Email, StringComparison.OrdinalIgnoreCase))
                {
                    emails.Add((c.Scheme.SafeguardingLead is null ? "manager" : "lead", Staff(alerted, EmailTemplateNames.SafeguardingAlert, model with { RecipientFirstName = First(alerted) })));
                }
                break;
            case Notice.FeedbackRequest or Notice.FeedbackReminder:
                emails.AddRange(await FeedbackEmailsAsync(c, cancellationToken));
                break;
            case Notice.MenteeWorry or Notice.MenteeAsksForChange:
                // What they wrote stays on the referral's page: the email only says there is something to read.
                emails.Add(("coordinator", Staff(coordinator, EmailTemplateNames.MatchUpdate, new MatchUpdateModel(
                    First(coordinator), c.Referral.Reference, c.Scheme.Name,
                    c.Request.Notice == Notice.MenteeWorry ? $"The mentee on {c.Referral.Reference} has raised a worry" : $"The mentee on {c.Referral.Reference} has asked for a different mentor",
                    "They wrote through the link in their match email. Read it in the referral's contact log and decide what to do; it was not raised as a safeguarding concern.", c.ReferralUrl))));
                break;
            case Notice.ReferrerAssessed or Notice.ReferrerMatched or Notice.ReferrerClosed:
                // Only what they sent and the stage: no names, no outcome reasons, no mentor.
                if (await AcknowledgementRecipientAsync(c.Referral.Id, cancellationToken) is { } referrer && (referrer.Email is { Length: > 0 } || TextsOnly(c, referrer)))
                {
                    emails.Add(("referrer", new(referrer.Email ?? "", referrer.Name, EmailTemplateNames.ReferrerUpdate, new ReferrerUpdateModel(
                        referrer.FirstName, c.Referral.Reference, c.Scheme.Name, c.Request.Notice.ToString()["Referrer".Length..].ToLowerInvariant(), c.Referral.Kind == ReferralKind.Self))));
                }

                break;
        }

        return emails;
    }

    private async Task<IEnumerable<(string, OutgoingEmail)>> FeedbackEmailsAsync(NoticeContext c, CancellationToken cancellationToken)
    {
        var template = c.Request.Notice == Notice.FeedbackRequest ? EmailTemplateNames.FeedbackRequest : EmailTemplateNames.FeedbackReminder;
        var respondBy = c.Now.AddDays(c.Request.Notice == Notice.FeedbackRequest ? c.Policy.FeedbackWindowDays : c.Policy.FeedbackWindowDays - c.Policy.FeedbackReminderDays);
        if (respondBy <= c.SendingAt)
        {
            c.NotSent = "the request for feedback, as the time to give it had passed";
            return [];
        }

        var given = (await store.Feedback.PartitionAsync(c.Referral.Id, cancellationToken)).Select(f => f.Value.From).ToHashSet();
        var emails = new List<(string, OutgoingEmail)>();
        var mentee = await PersonAsync(c.Referral.Id, PersonRole.Mentee, cancellationToken);
        if (!given.Contains("mentee") && mentee is not null && (mentee.Email is { Length: > 0 } || TextsOnly(c, mentee)))
        {
            var url = Link(LinkAction.MenteeFeedback, c.Referral.Id, "mentee", respondBy);
            emails.Add(("mentee", new(mentee.Email ?? "", mentee.Name, template, new FeedbackRequestModel(mentee.FirstName, c.Scheme.Name, url, respondBy)
            {
                OutcomeUrl = await OutcomeLinkAsync(c, OutcomeMoment.Close, respondBy, cancellationToken),
            })));
        }

        var (_, mentor) = await TryMatchAndMentorAsync(c, cancellationToken);
        if (!given.Contains("mentor") && mentor is not null)
        {
            var url = Link(LinkAction.MentorFeedback, c.Referral.Id, "mentor", respondBy);
            emails.Add(("mentor", new(mentor.Email, mentor.Name, template, new FeedbackRequestModel(FirstOf(mentor.Name), c.Scheme.Name, url, respondBy))));
        }

        return emails;
    }

    /// <summary>
    /// The mentee's link to the scheme's outcome questions at one moment; empty when the scheme asks none or they were
    /// answered then already (a family matched again after a breakdown is not asked to start again).
    /// </summary>
    private async Task<string> OutcomeLinkAsync(NoticeContext c, string moment, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        c.Scheme.OutcomeStatements.Count == 0 || expiresAt <= c.SendingAt || await store.OutcomeAnswers.GetAsync(c.Referral.Id, moment, cancellationToken) is not null
            ? ""
            : Link(LinkAction.MenteeOutcomes, c.Referral.Id, moment, expiresAt);

    /// <summary>How long the start-of-match outcome link works: four weeks, about until the first meeting is well past.</summary>
    public const int OutcomeStartDays = 28;

    /// <summary>A professional referral is acknowledged to the referrer; a self-referral to the person.</summary>
    private async Task<Person?> AcknowledgementRecipientAsync(string referralId, CancellationToken cancellationToken) =>
        await PersonAsync(referralId, PersonRole.Referrer, cancellationToken) ?? await PersonAsync(referralId, PersonRole.Mentee, cancellationToken);

    private async Task<Person?> PersonAsync(string referralId, PersonRole role, CancellationToken cancellationToken) =>
        (await store.People.GetAsync(referralId, role.ToString(), cancellationToken))?.Value;

    private async Task<(Match, Mentor)> MatchAndMentorAsync(NoticeContext c, CancellationToken cancellationToken)
    {
        var (match, mentor) = await TryMatchAndMentorAsync(c, cancellationToken);
        return match is null || mentor is null ? throw new InvalidOperationException($"Notice {c.Request.Notice} for {c.Referral.Id} needs a match.") : (match, mentor);
    }

    private async Task<(Match?, Mentor?)> TryMatchAndMentorAsync(NoticeContext c, CancellationToken cancellationToken)
    {
        var matchId = c.Request.MatchId ?? c.Referral.CurrentMatchId;
        var match = matchId is null ? null : (await store.Matches.GetAsync(c.Referral.Id, matchId, cancellationToken))?.Value;
        var mentor = match is null ? null : (await store.Mentors.GetAsync("mentor", match.MentorId, cancellationToken))?.Value;
        return (match, mentor);
    }

    /// <summary>
    /// A link that stops working exactly when the email says: the email is written as of when the notice was decided,
    /// which may be before it is sent, so the expiry is reckoned from then, not from the moment of sending.
    /// </summary>
    private string Link(LinkAction action, string referralId, string subjectId, DateTimeOffset expiresAt) =>
        urls.Link(action, links.Create(action, referralId, subjectId, expiresAt));

    /// <summary>
    /// Who to contact, by name, with the coordinator's phone if the scheme gives one: for people outside the team
    /// (replies to PeerFlow are not read), and for the manager and safeguarding lead, who act with the coordinator.
    /// </summary>
    private static EmailSignature Signature(Scheme scheme) =>
        new(scheme.Coordinator.Name, $"coordinator of {scheme.Name}", scheme.Coordinator.Email, scheme.Coordinator.Phone ?? "");

    /// <summary>Someone without an email address who can be texted: their message goes by text alone.</summary>
    private static bool TextsOnly(NoticeContext c, Person person) =>
        new TextPreferences(person.Mobile, person.TextConsent, person.PreferredChannel).Choose(c.Scheme.Texts?.Enabled == true, hasEmail: false).Text;

    /// <summary>How long a mentee's link to raise a worry works: a year, longer than most matches.</summary>
    public const int MenteeVoiceDays = 365;

    private static OutgoingEmail Staff(StaffContact to, string template, object model) => new(to.Email, to.Name, template, model);

    private static string First(StaffContact contact) => FirstOf(contact.Name);

    private static string FirstOf(string name) => Domain.Text.PersonNames.First(name);

    private static int Deadline(NoticeContext c) => c.Referral.Urgent ? c.Policy.UrgentAssessmentDeadlineWorkingDays : c.Policy.AssessmentDeadlineWorkingDays;

    private static DateOnly LondonDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime.London));

    private sealed record NoticeContext(Referral Referral, Scheme Scheme, SchemePolicy Policy, NoticeRequest Request, string IdempotencyKey, DateTimeOffset Now, string ReferralUrl)
    {
        /// <summary>Why nothing was sent, when the notice found nothing left to ask: for the timeline.</summary>
        public string? NotSent { get; set; }

        /// <summary>
        /// When it is sent, which may be long after <see cref="Now"/> (a delivery after an outage): a link that would
        /// expire before it arrives is not sent, since <c>SignedLinks</c> refuses to make one.
        /// </summary>
        public DateTimeOffset SendingAt { get; init; }
    }
}
