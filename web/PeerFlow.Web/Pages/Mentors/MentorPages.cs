using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>The pages under this folder, as endpoints both hosts serve.</summary>
public static class MentorPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. MentorList.Endpoints,
        .. NewMentor.Endpoints,
        .. MentorProfile.Endpoints,
        .. EditMentor.Endpoints,
    ];
}
