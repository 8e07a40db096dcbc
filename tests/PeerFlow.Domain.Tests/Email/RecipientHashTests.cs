using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>
/// The send log's recipient hashes are keyed (issue 19 item 8): an unkeyed SHA-256 of an address is reversed by
/// hashing a list of addresses. And the rows of emails about a referral can be found, and erased, by its id.
/// </summary>
public sealed class RecipientHashTests : IAsyncLifetime
{
    private const string Address = "jo@northshire.example";
    private CaptureServer server = null!;

    public async Task InitializeAsync() => server = await CaptureServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_stored_hash_is_an_HMAC_with_the_key_not_a_plain_SHA256_of_the_address()
    {
        await server.Sender().SendAsync(Email(), "keyed", CancellationToken.None);

        var row = Assert.Single(await Table().QueryAsync<TableEntity>().ToListAsync());
        var stored = row.GetString("RecipientHash");
        Assert.NotEqual(Sha256(Address), stored);
        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("peerflow-development-hash-key-not-a-secret"), Encoding.UTF8.GetBytes(Address))), stored);

        var other = RecipientHashKey.FromConfiguration(Settings(new string('k', 48)), development: false);
        Assert.NotEqual(stored, other.Hash(Address));
        Assert.Equal(other.Hash(Address), other.Hash(" JO@Northshire.example"));
    }

    [Fact]
    public void Outside_development_a_missing_short_or_unresolved_key_stops_the_app_with_the_reason()
    {
        Assert.Contains("PEERFLOW_HASH_KEY is not set", Assert.Throws<InvalidOperationException>(() => RecipientHashKey.FromConfiguration(Settings(null), development: false)).Message, StringComparison.Ordinal);
        Assert.Contains("shorter than 32", Assert.Throws<InvalidOperationException>(() => RecipientHashKey.FromConfiguration(Settings("short"), development: false)).Message, StringComparison.Ordinal);
        Assert.Contains("unresolved Key Vault reference", Assert.Throws<InvalidOperationException>(() => RecipientHashKey.FromConfiguration(Settings("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/PeerFlowHashKey/)"), development: false)).Message, StringComparison.Ordinal);
        Assert.Same(RecipientHashKey.Development, RecipientHashKey.FromConfiguration(Settings(null), development: true));
        Assert.NotSame(RecipientHashKey.Development, RecipientHashKey.FromConfiguration(Settings(new string('k', 48)), development: true));
    }

    [Fact]
    public async Task A_row_written_before_the_key_still_means_the_same_email_so_nothing_is_sent_twice()
    {
        var key = "sent-before-keying";
        var legacy = new TableEntity(EmailSendLog.Hash(key), string.Empty)
        {
            ["Key"] = key, ["Template"] = Email().Template, ["RecipientHash"] = Sha256(Address), ["Status"] = nameof(EmailSendState.Sent),
            ["CreatedAt"] = server.Time.GetUtcNow(), ["AttemptAt"] = server.Time.GetUtcNow(), ["Attempts"] = 1,
        };
        await (await TableAsync()).AddEntityAsync(legacy);

        var result = await server.Sender().SendAsync(Email(), key, CancellationToken.None);

        Assert.Equal(EmailSendStatus.AlreadySent, result.Status);
        Assert.Equal(0, server.Requests);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Sender().SendAsync(Email() with { ToAddress = "someone.else@example.org" }, key, CancellationToken.None));
    }

    [Fact]
    public async Task The_rows_of_a_referrals_emails_carry_its_id_and_are_erased_with_it_alone()
    {
        await server.Sender().SendAsync(Email() with { ReferralId = "r-erased" }, "r-erased:ack:referrer", CancellationToken.None);
        await server.Sender().SendAsync(Email() with { ReferralId = "r-erased" }, "r-erased:ack:coordinator", CancellationToken.None);
        await server.Sender().SendAsync(Email() with { ReferralId = "r-kept" }, "r-kept:ack:referrer", CancellationToken.None);
        await server.Sender().SendAsync(Email(), "monthly-report", CancellationToken.None);

        Assert.Equal(["r-erased:ack:coordinator", "r-erased:ack:referrer"], (await server.Log.KeysForReferralAsync("r-erased", CancellationToken.None)).Order(StringComparer.Ordinal));
        await server.Log.EraseReferralAsync("r-erased", CancellationToken.None);

        Assert.Empty(await server.Log.KeysForReferralAsync("r-erased", CancellationToken.None));
        Assert.Null(await server.Log.GetAsync("r-erased:ack:referrer", CancellationToken.None));
        Assert.NotNull(await server.Log.GetAsync("r-kept:ack:referrer", CancellationToken.None));
        Assert.NotNull(await server.Log.GetAsync("monthly-report", CancellationToken.None));
    }

    private TableClient Table() => TestStorage.Tables.GetTableClient(server.Prefix + "EmailSends");

    private async Task<TableClient> TableAsync()
    {
        var table = Table();
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static IConfiguration Settings(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [RecipientHashKey.Setting] = key }).Build();

    private static OutgoingEmail Email() =>
        new(Address, "Jo", EmailTemplateNames.AssessmentOverdue, SampleModels.All[EmailTemplateNames.AssessmentOverdue]);
}
