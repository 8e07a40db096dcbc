using Azure.Data.Tables;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Tests.Schemes;

/// <summary>An organisation file whose matching or supervision settings cannot work is refused at start, naming the scheme.</summary>
public class SchemePolicyValidationTests
{
    [Theory]
    [InlineData("EX1")]
    [InlineData("")]
    [InlineData("D3V")]
    public async Task NeighbouringAreas_ThatAreNotPostcodeAreas_AreRefused(string area)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync(new SchemePolicy { NeighbouringAreas = [["EX", area]] }));

        Assert.Contains("\"devon\" has neighbouring areas that are not postcode areas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANegativeSupervisionCadence_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync(new SchemePolicy { SupervisionCadenceDays = -1 }));

        Assert.Contains("negative supervision cadence", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" priya@example.org")]
    public async Task StaffListsOfSomethingButSignInNames_AreRefused(string name)
    {
        var scheme = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync(new SchemePolicy(), staff: [name]));
        Assert.Contains("\"devon\" has staff who are not sign-in names", scheme.Message, StringComparison.Ordinal);

        var organisation = await Assert.ThrowsAsync<InvalidOperationException>(() => LoadAsync(new SchemePolicy(), organisationWide: [name]));
        Assert.Contains("The organisation has staff who are not sign-in names", organisation.Message, StringComparison.Ordinal);
    }

    // The checks come before any storage call, so no storage is needed to see them refuse.
    private static Task LoadAsync(SchemePolicy policy, string[]? staff = null, string[]? organisationWide = null) =>
        new SchemeCatalog(new PeerFlowStore(new TableServiceClient("UseDevelopmentStorage=true"), "never"), TimeProvider.System).LoadAsync(
            new Organisation
            {
                Name = "Test",
                Schemes =
                [
                    new Scheme
                    {
                        Id = "devon",
                        Name = "Devon",
                        Coordinator = new StaffContact("Jo", "jo@example.org"),
                        Manager = new StaffContact("Sam", "sam@example.org"),
                        Policy = policy,
                        Staff = staff ?? [],
                    },
                ],
                OrganisationWideStaff = organisationWide ?? [],
            },
            CancellationToken.None);
}
