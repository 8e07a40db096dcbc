using PeerFlow.Domain.Referrals;

namespace PeerFlow.Domain.Schemes;

/// <summary>One scheme of the organisation, with the staff its alerts go to.</summary>
public sealed record Scheme
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>The organisation that runs the scheme, as emails name it; set from the organisation file when it loads.</summary>
    public string? OrganisationName { get; init; }

    /// <summary>Who triages and matches; receives reminders and overdue alerts.</summary>
    public required StaffContact Coordinator { get; init; }

    /// <summary>Who receives escalations and the monthly report.</summary>
    public required StaffContact Manager { get; init; }

    /// <summary>
    /// Who is alerted to a safeguarding concern, with the coordinator. None named: the coordinator and the manager are,
    /// and the pages say so.
    /// </summary>
    public StaffContact? SafeguardingLead { get; init; }

    public IReadOnlyList<string> ReportRecipients { get; init; } = [];

    /// <summary>Text messages: whether the scheme sends them and its quiet hours. Absent: email only.</summary>
    public Sms.SchemeTexts? Texts { get; init; }

    public required SchemePolicy Policy { get; init; }

    /// <summary>How long closed referrals are kept; absent from the file: the defaults of <see cref="RetentionPeriods"/>.</summary>
    public RetentionPeriods Retention { get; init; } = new();

    /// <summary>
    /// The sign-in names (Easy Auth's principal name: an email address or user principal name) of the staff who work
    /// in the scheme; only they, and <see cref="OrganisationWideStaff"/>, see its referrals, mentors, alerts and
    /// reports. Empty: every member of staff does, as before schemes listed their staff.
    /// </summary>
    public IReadOnlyList<string> Staff { get; init; } = [];

    /// <summary>Who sees every scheme that lists its staff; copied from the organisation file when it loads.</summary>
    public IReadOnlyList<string> OrganisationWideStaff { get; init; } = [];

    /// <summary>Why a match of this scheme can break down; none configured: <see cref="ReasonCodes.Breakdown"/>. See <see cref="ReasonCodes.BreakdownFor"/>.</summary>
    public IReadOnlyList<Reason>? BreakdownReasons { get; init; }

    /// <summary>Why a referral of this scheme can close; none configured: <see cref="ReasonCodes.Closure"/>. See <see cref="ReasonCodes.ClosureFor"/>.</summary>
    public IReadOnlyList<Reason>? ClosureReasons { get; init; }

    /// <summary>
    /// The scheme asks referrals the optional equality monitoring questions (age band, gender, ethnic group, disability)
    /// and reports them; false: none are asked or kept.
    /// </summary>
    public bool Equalities { get; init; }

    /// <summary>The statements mentees score at the start of a match and at closure; absent: none are asked.</summary>
    public OutcomeScale? OutcomeScale { get; init; }

    /// <summary>The scale's statements, or none when the scheme asks none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<OutcomeStatement> OutcomeStatements => OutcomeScale?.Statements ?? [];
}

/// <summary>
/// A member of staff by name (emails greet and sign with it), with the phone people are given, if any, and a mobile
/// for urgent alerts by text (safeguarding, escalations), if the scheme sends texts.
/// </summary>
public sealed record StaffContact(string Name, string Email, string? Phone = null, string? Mobile = null);

/// <summary>A deployment serves one organisation with several schemes.</summary>
public sealed record Organisation
{
    public required string Name { get; init; }

    public IReadOnlyList<Scheme> Schemes { get; init; } = [];

    /// <summary>Sign-in names of staff (managers, say) who see every scheme, including those that list their staff.</summary>
    public IReadOnlyList<string> OrganisationWideStaff { get; init; } = [];
}
