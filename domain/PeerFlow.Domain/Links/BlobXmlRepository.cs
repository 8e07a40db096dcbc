using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PeerFlow.Domain.Links;

/// <summary>
/// The Data Protection key ring in a blob container, one blob per key element, so that every instance signs and
/// reads links (and antiforgery tokens) with the same keys. The Azure.Extensions.AspNetCore.DataProtection.Blobs
/// package would do this but is not served here.
/// </summary>
/// <remarks>
/// Data Protection hands this repository each key already encrypted with the key ring certificate
/// (<see cref="KeyRingCertificates"/>), so what the blobs hold is an <c>encryptedSecret</c>, never the key itself.
/// Data Protection calls this synchronously, so the blob calls are synchronous too.
/// </remarks>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
    private volatile bool created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        var elements = new List<XElement>();
        foreach (var blob in container.GetBlobs())
        {
            using var stream = container.GetBlobClient(blob.Name).OpenRead();
            using var reader = XmlReader.Create(stream, ReaderSettings);
            elements.Add(XElement.Load(reader));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        EnsureContainer();
        var content = BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting));
        // Elements are never rewritten: if the name is taken (another instance, same friendly name), add a unique tail.
        var onlyIfNew = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            container.GetBlobClient(BlobName(friendlyName)).Upload(content, onlyIfNew);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            container.GetBlobClient(BlobName($"{friendlyName}-{Guid.NewGuid():N}")).Upload(content, onlyIfNew);
        }
    }

    private static string BlobName(string friendlyName) =>
        (string.IsNullOrWhiteSpace(friendlyName) || !friendlyName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Guid.NewGuid().ToString("N")
            : friendlyName) + ".xml";

    private void EnsureContainer()
    {
        if (!created)
        {
            container.CreateIfNotExists();
            created = true;
        }
    }
}
