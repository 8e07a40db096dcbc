using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Hosting.Tests;

public class SignInTests
{
    [Fact]
    public void ClientPrincipal_FromEasyAuth_HasItsNameAndAppRoles()
    {
        // As App Service Authentication sends it for Entra ID: roles as "roles" claims, role_typ the long URI.
        const string json = """
            {"auth_typ":"aad","name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
             "claims":[{"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name","val":"Ama Mensah"},{"typ":"roles","val":"Manager"},{"typ":"roles","val":"Coordinator"}]}
            """;

        var principal = ClientPrincipal.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)))!;

        Assert.True(principal.Identity!.IsAuthenticated);
        Assert.Equal("Ama Mensah", principal.Identity.Name);
        Assert.True(principal.IsInRole(StaffRoles.Manager));
        Assert.True(principal.IsInRole(StaffRoles.Coordinator));
        Assert.False(principal.IsInRole(StaffRoles.Administrator));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCIsImNsYWltcyI6W119")] // no claims
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoiTWFuYWdlciJ9XX0=")] // no auth_typ: not signed in
    public void ClientPrincipal_ThatIsNotOne_IsNobody(string? header) => Assert.Null(ClientPrincipal.Decode(header));

    [Fact]
    public void RoleTyp_CannotMakeAnotherClaimARole()
    {
        // Found in issue 19: role_typ "name" turned the name claim "Administrator" into that role.
        var principal = Decode("""{"auth_typ":"aad","role_typ":"name","claims":[{"typ":"name","val":"Administrator"}]}""")!;
        Assert.Equal("Administrator", principal.Identity!.Name);
        Assert.False(principal.IsInRole(StaffRoles.Administrator));
        Assert.DoesNotContain(principal.Claims, c => c.Type == StaffRoles.ClaimType);

        var viaRoleUri = Decode("""{"auth_typ":"aad","role_typ":"role","claims":[{"typ":"name","val":"x"},{"typ":"role","val":"Administrator"}]}""")!;
        Assert.False(viaRoleUri.IsInRole(StaffRoles.Administrator));
    }

    public static TheoryData<string, byte[]> MalformedPrincipals => new()
    {
        { "invalid UTF-8 in a name", [.. Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"name\",\"val\":\"Sam"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"},{\"typ\":\"roles\",\"val\":\"Manager\"}]}")] },
        { "claims null", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":null}""") },
        { "a null claim", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[null,{"typ":"name","val":"Sam"},{"typ":"roles","val":"Manager"}]}""") },
        { "a claim without a type", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"val":"Manager"},{"typ":"name","val":"Sam"}]}""") },
        { "a claim without a value", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"roles"},{"typ":"name","val":"Sam"}]}""") },
        { "claims not an array", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":{"typ":"name","val":"Sam"}}""") },
        { "no name", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Manager"}]}""") },
        { "a blank name", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"  "},{"typ":"roles","val":"Manager"}]}""") },
        { "named as the workflows are", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"System"},{"typ":"roles","val":"Manager"}]}""") },
        { "a name with a right-to-left override", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Sam\u202Egnp.exe"},{"typ":"roles","val":"Manager"}]}""") },
        { "a name with a line break", Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Sam\nManager"},{"typ":"roles","val":"Manager"}]}""") },
        { "a name too long", Encoding.UTF8.GetBytes(Named(new string('a', ClientPrincipal.MaxNameLength + 1))) },
    };

    [Theory]
    [MemberData(nameof(MalformedPrincipals))]
    public void AMalformedPrincipal_IsNobody(string @case, byte[] json) =>
        Assert.True(ClientPrincipal.Decode(Convert.ToBase64String(json)) is null, @case);

    [Fact]
    public void ANameOfTheLongestAllowed_SignsIn() =>
        Assert.NotNull(Decode(Named(new string('a', ClientPrincipal.MaxNameLength))));

    private static string Named(string name) => "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"name\",\"val\":\"" + name + "\"},{\"typ\":\"roles\",\"val\":\"Manager\"}]}";

    private static ClaimsPrincipal? Decode(string json) => ClientPrincipal.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;", true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=peerflowprod;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=x;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/x;TableEndpoint=https://x.table.core.windows.net", false)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=a2V5;EndpointSuffix=core.windows.net;TableEndpoint=http://127.0.0.1:10002/x", false)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=x;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/x", false)]
    [InlineData(null, false)]
    public void TheDevelopmentIdentity_StartsOnlyAgainstAzurite(string? storage, bool starts)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        if (starts)
        {
            var identity = DevelopmentIdentity.FromConfiguration(configuration, storage);
            Assert.Equal(StaffRoles.All, identity.Roles);
        }
        else
        {
            var refused = Assert.Throws<InvalidOperationException>(() => DevelopmentIdentity.FromConfiguration(configuration, storage));
            Assert.Contains("Azurite", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheDevelopmentIdentity_HasTheRolesItIsGiven_AndNoUnknownOnes()
    {
        var given = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PEERFLOW_DEV_IDENTITY"] = "sam:Coordinator" }).Build();
        var identity = DevelopmentIdentity.FromConfiguration(given, "UseDevelopmentStorage=true");
        var principal = new DevelopmentSignIn(identity).Authenticate(new Microsoft.AspNetCore.Http.DefaultHttpContext())!;
        Assert.Equal("sam", principal.Identity!.Name);
        Assert.True(principal.IsInRole(StaffRoles.Coordinator));
        Assert.False(principal.IsInRole(StaffRoles.Manager));

        var wrong = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PEERFLOW_DEV_IDENTITY"] = "sam:Boss" }).Build();
        Assert.Throws<InvalidOperationException>(() => { _ = DevelopmentIdentity.FromConfiguration(wrong, "UseDevelopmentStorage=true"); });
    }

    [Fact]
    public async Task TheLocalHost_RefusesToStartTheDevelopmentIdentity_AgainstRealStorage()
    {
        await using var app = new RealStorageApp();
        var refused = Assert.ThrowsAny<Exception>(() => app.Server);
        var reason = refused as InvalidOperationException ?? refused.InnerException as InvalidOperationException ?? refused.GetBaseException() as InvalidOperationException;
        Assert.NotNull(reason);
        Assert.StartsWith("The development identity signs everyone in without a password", reason.Message, StringComparison.Ordinal);
    }

    private sealed class RealStorageApp : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("PEERFLOW_STORAGE", "DefaultEndpointsProtocol=https;AccountName=peerflowprod;AccountKey=a2V5;EndpointSuffix=core.windows.net");
            builder.UseSetting("PEERFLOW_SIGN_IN", "Development");
            builder.UseSetting("PEERFLOW_DEMO_DATA", "false");
        }
    }
}
