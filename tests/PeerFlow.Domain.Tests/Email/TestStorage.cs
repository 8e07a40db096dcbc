using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PeerFlow.Domain.Tests.Email;

/// <summary>The Azurite that <c>./peerflow test</c> starts, and a table prefix of its own for each test.</summary>
internal static class TestStorage
{
    private static readonly Lazy<TableServiceClient> SharedTables = new(() => new TableServiceClient(ConnectionString));
    private static readonly Lazy<BlobServiceClient> SharedBlobs = new(() => new BlobServiceClient(ConnectionString));

    /// <summary>Fails rather than skips: a storage test that quietly did not run would look like a passing one.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PEERFLOW_STORAGE is not set, so the email and link tests have no Azurite to run against. Run them with `./peerflow test`, which starts Azurite and sets PEERFLOW_STORAGE.");

    public static TableServiceClient Tables => SharedTables.Value;

    public static BlobServiceClient Blobs => SharedBlobs.Value;

    /// <summary>One key ring certificate for the tests that do not test the certificate itself (RSA keys take a while to make).</summary>
    public static PeerFlow.Domain.Links.KeyRingCertificates KeyRing => SharedKeyRing.Value;

    private static readonly Lazy<PeerFlow.Domain.Links.KeyRingCertificates> SharedKeyRing = new(() =>
        PeerFlow.Domain.Links.KeyRingCertificates.From(NewCertificate("PeerFlow tests")));

    public static System.Security.Cryptography.X509Certificates.X509Certificate2 NewCertificate(string subject) =>
        PeerFlow.Domain.Links.KeyRingCertificates.Load("test", PeerFlow.Domain.Links.KeyRingCertificates.CreateSelfSigned(subject, TimeProvider.System));

    /// <summary>The same certificate, loaded afresh, as a restarted process loads it.</summary>
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 NewCertificateFrom(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        PeerFlow.Domain.Links.KeyRingCertificates.Load("test", Convert.ToBase64String(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12)));

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Removes what a test made under <paramref name="prefix"/>.</summary>
    public static async Task DeleteAsync(string prefix)
    {
        foreach (var table in new[] { "EmailSends", "CapturedMail", "UsedLinks" })
        {
            await IgnoreMissingAsync(() => Tables.DeleteTableAsync(prefix + table));
        }

        await IgnoreMissingAsync(() => Blobs.DeleteBlobContainerAsync(prefix.ToLowerInvariant() + "-keys"));
        await IgnoreMissingAsync(() => Blobs.DeleteBlobContainerAsync(prefix.ToLowerInvariant() + "-keyring-dev"));
    }

    private static async Task IgnoreMissingAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
