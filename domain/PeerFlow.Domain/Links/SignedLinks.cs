using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Links;

/// <summary>
/// Single-use, expiring links for mentors and mentees, who have no accounts. A token is a Data Protection payload
/// (purpose <see cref="Purpose"/>, encrypted and authenticated with the shared key ring) holding the action, the
/// referral, the subject (mentor, mentee or match), a random token id and the expiry. Use it in a URL as is.
/// </summary>
/// <remarks>
/// <para>
/// Time: the expiry that counts is inside the payload and checked against the injected <see cref="TimeProvider"/>, so
/// tests and the development sandbox clock can move time. Data Protection's time-limited protector is also given an
/// expiry, but it compares that with the machine's real clock (it has no TimeProvider hook), so that expiry is
/// computed on the real clock too: in production the two are the same instant. When the protector refuses a token,
/// the expiry written in clear in front of it (<c>{unix seconds}.{payload}</c>, checked against the signed one) tells
/// an expired link from a forged one.
/// </para>
/// <para>
/// Use: <see cref="PeekAsync"/> to show a form (a GET, which mail scanners also make, must not use the link up) and
/// <see cref="ConsumeAsync"/> when the form is posted. Consuming inserts the token id into <c>{prefix}UsedLinks</c>;
/// the insert fails if it is there already, so two posts at once cannot both succeed.
/// </para>
/// </remarks>
public sealed class SignedLinks
{
    public const string Purpose = "PeerFlow.Links.v1";
    private const byte FormatVersion = 1;

    private readonly ITimeLimitedDataProtector protector;
    private readonly PrefixedTable usedLinks;
    private readonly TimeProvider time;

    public SignedLinks(IDataProtectionProvider dataProtection, TableServiceClient tables, string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        protector = dataProtection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
        usedLinks = new PrefixedTable(tables, prefix, "UsedLinks");
        this.time = time;
    }

    /// <returns>A URL-safe token (letters, digits, '-', '_' and one '.').</returns>
    public string Create(LinkAction action, string referralId, string subjectId, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        return Create(action, referralId, subjectId, time.GetUtcNow() + lifetime);
    }

    /// <summary>A link that stops working at <paramref name="expiresAt"/> (PeerFlow's clock): the time its email states.</summary>
    public string Create(LinkAction action, string referralId, string subjectId, DateTimeOffset expiresAt)
    {
        var lifetime = expiresAt - time.GetUtcNow();
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown link action.");
        }

        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentException.ThrowIfNullOrEmpty(subjectId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var payload = new LinkPayload(action, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), referralId, subjectId, expiresAt);
        // Whole seconds, so that the clear copy in front of the token matches the signed one exactly.
        var realClockExpiry = DateTimeOffset.FromUnixTimeSeconds((TimeProvider.System.GetUtcNow() + lifetime).ToUnixTimeSeconds() + 1);
        var protectedBytes = protector.Protect(payload.ToBytes(), realClockExpiry);
        return realClockExpiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(protectedBytes);
    }

    /// <summary>Checks a link without using it up: for showing the form.</summary>
    public async Task<LinkRedemption> PeekAsync(string token, LinkAction expected, CancellationToken cancellationToken = default)
    {
        var (refusal, payload) = Read(token, expected);
        if (payload is null)
        {
            return LinkRedemption.Refused(refusal);
        }

        var table = await usedLinks.GetAsync(cancellationToken);
        var used = await table.GetEntityIfExistsAsync<TableEntity>(payload.TokenId, string.Empty, select: ["PartitionKey"], cancellationToken: cancellationToken);
        return used.HasValue ? LinkRedemption.Refused(LinkOutcome.AlreadyUsed) : payload.Valid();
    }

    /// <summary>Checks a link and uses it up: Valid at most once per link, however many requests race.</summary>
    public async Task<LinkRedemption> ConsumeAsync(string token, LinkAction expected, CancellationToken cancellationToken = default)
    {
        var (refusal, payload) = Read(token, expected);
        if (payload is null)
        {
            return LinkRedemption.Refused(refusal);
        }

        var table = await usedLinks.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(payload.TokenId, string.Empty)
                {
                    ["Action"] = payload.Action.ToString(),
                    ["ReferralId"] = payload.ReferralId,
                    ["UsedAt"] = time.GetUtcNow(),
                    // After this the row is no longer needed: an expired link is refused anyway.
                    ["ExpiresAt"] = payload.ExpiresAt,
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return LinkRedemption.Refused(LinkOutcome.AlreadyUsed);
        }

        return payload.Valid();
    }

    /// <summary>When each of the referral's one-action links was used: for a subject-access export.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> UsedByReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var table = await usedLinks.GetAsync(cancellationToken);
        var used = new List<DateTimeOffset>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken: cancellationToken))
        {
            used.Add(row.Timestamp ?? default);
        }

        return used;
    }

    /// <summary>Removes the used-link rows of a referral (erasure). They hold only ids, but they say the referral existed.</summary>
    public async Task EraseReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var table = await usedLinks.GetAsync(cancellationToken);
        Storage.TableScans.Check(table.Name, grows: true, "ReferralId eq {0}");
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <summary>The same as <see cref="ConsumeAsync"/>.</summary>
    public Task<LinkRedemption> RedeemAsync(string token, LinkAction expected, CancellationToken cancellationToken = default) =>
        ConsumeAsync(token, expected, cancellationToken);

    private (LinkOutcome Refusal, LinkPayload? Payload) Read(string token, LinkAction expected)
    {
        var dot = string.IsNullOrEmpty(token) ? -1 : token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0
            || !long.TryParse(token.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var clearExpiry)
            || !TryDecode(token.AsSpan(dot + 1), out var protectedBytes))
        {
            return (LinkOutcome.Invalid, null);
        }

        byte[] bytes;
        DateTimeOffset signedExpiry;
        try
        {
            bytes = protector.Unprotect(protectedBytes, out signedExpiry);
        }
        catch (CryptographicException)
        {
            // Forged, or past Data Protection's own (real-clock) expiry: the clear expiry says which.
            return (clearExpiry < TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() ? LinkOutcome.Expired : LinkOutcome.Invalid, null);
        }

        if (signedExpiry.ToUnixTimeSeconds() != clearExpiry || LinkPayload.FromBytes(bytes) is not { } payload)
        {
            return (LinkOutcome.Invalid, null);
        }

        if (payload.Action != expected)
        {
            return (LinkOutcome.WrongAction, null);
        }

        return time.GetUtcNow() > payload.ExpiresAt ? (LinkOutcome.Expired, null) : (LinkOutcome.Valid, payload);
    }

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        // TryDecodeFromChars throws on characters outside the alphabet; check first, since tokens come from anyone.
        if (text.IsEmpty || !Base64Url.IsValid(text, out var length))
        {
            bytes = [];
            return false;
        }

        bytes = new byte[length];
        return Base64Url.TryDecodeFromChars(text, bytes, out var written) && written == length;
    }

    private sealed record LinkPayload(LinkAction Action, string TokenId, string ReferralId, string SubjectId, DateTimeOffset ExpiresAt)
    {
        public LinkRedemption Valid() => new(LinkOutcome.Valid, Action, ReferralId, SubjectId, ExpiresAt);

        public byte[] ToBytes()
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(FormatVersion);
                writer.Write((byte)Action);
                writer.Write(TokenId);
                writer.Write(ReferralId);
                writer.Write(SubjectId);
                writer.Write(ExpiresAt.UtcTicks);
            }

            return stream.ToArray();
        }

        /// <summary>Null for a payload of another format: authentic but unreadable is treated as invalid.</summary>
        public static LinkPayload? FromBytes(byte[] bytes)
        {
            try
            {
                using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
                if (reader.ReadByte() != FormatVersion)
                {
                    return null;
                }

                var action = (LinkAction)reader.ReadByte();
                var payload = new LinkPayload(action, reader.ReadString(), reader.ReadString(), reader.ReadString(), new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero));
                return Enum.IsDefined(action) && reader.BaseStream.Position == bytes.Length ? payload : null;
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException)
            {
                return null;
            }
        }
    }
}
