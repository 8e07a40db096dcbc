using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// A field on the referral forms that people never see or reach (hidden, out of the tab order, hidden from screen
/// readers, autofill off) and that form-filling robots fill in. A filled one is refused: nothing is stored or sent,
/// and the form comes back with everything typed and a message. Refused rather than answered as if received,
/// because a person whose browser filled it anyway would otherwise believe a referral had gone that never did;
/// shown again, the field is empty, so their second try goes through.
/// </summary>
public static class Honeypot
{
    public const string Field = "Website";

    public const string Message = "We could not send this referral. Check your answers and send it again.";

    public static bool IsFilled(PostedForm form) => !string.IsNullOrEmpty(form[Field]);
}
