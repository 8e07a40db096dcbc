using System.Net;
using System.Text;
using PeerFlow.Web.SignIn;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>Principals Easy Auth would never send, as the app sees them: nobody, on public and staff pages alike.</summary>
public class ForgedPrincipalTests
{
    [Fact]
    public async Task APrincipalWithNullClaims_IsNobody_NotAnError()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[null,{"typ":null,"val":null}]}""")));

        using var referForm = await http.GetAsync("/refer/self");
        using var staffPage = await http.GetAsync("/api/referrals");

        Assert.Equal(HttpStatusCode.OK, referForm.StatusCode);
        await ProblemAsync(staffPage, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","role_typ":"name","claims":[{"typ":"name","val":"Administrator"}]}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"Manager"}]}""", HttpStatusCode.Unauthorized)]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"name","val":"system"},{"typ":"roles","val":"Manager"}]}""", HttpStatusCode.Unauthorized)]
    public async Task AForgedOrNamelessPrincipal_GetsNoStaffAccess(string json, HttpStatusCode status)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));

        using var response = await http.GetAsync("/api/referrals");

        await ProblemAsync(response, status);
    }
}
