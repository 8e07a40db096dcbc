using Microsoft.Playwright;

namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>Full-page screenshots at a desktop and a phone width, in artifacts/screenshots.</summary>
internal static class Screenshots
{
    public const int DesktopWidth = 1280;

    /// <summary>A common phone width in CSS pixels (iPhone 12 to 15).</summary>
    public const int PhoneWidth = 390;

    /// <summary>Saves {name}.png at desktop width and {name}-phone.png at phone width, then puts the viewport back.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        var folder = Artifacts.Folder("screenshots");
        var file = Artifacts.FileName(name);
        var viewport = page.ViewportSize ?? new() { Width = DesktopWidth, Height = 900 };
        try
        {
            await page.SetViewportSizeAsync(DesktopWidth, viewport.Height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file + ".png"), FullPage = true });
            await page.SetViewportSizeAsync(PhoneWidth, 844);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file + "-phone.png"), FullPage = true });
        }
        finally
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        }
    }
}
