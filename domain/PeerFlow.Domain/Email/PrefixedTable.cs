using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

/// <summary>Shared by the email and link stores: one table named <c>{prefix}{name}</c>, created on first use.</summary>
internal sealed class PrefixedTable(TableServiceClient tables, string prefix, string name)
{
    private volatile bool exists;

    public TableClient Client { get; } = tables.GetTableClient(Validate(prefix) + name);

    /// <summary>Retried on the next call if it fails, unlike a cached Lazy task.</summary>
    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!exists)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken);
            exists = true;
        }

        return Client;
    }

    /// <summary>Table names are letters and digits, starting with a letter; the prefix goes first.</summary>
    public static string Validate(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !prefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(prefix[0]))
        {
            throw new ArgumentException("The table prefix must be letters and digits, starting with a letter.", nameof(prefix));
        }

        return prefix;
    }
}
