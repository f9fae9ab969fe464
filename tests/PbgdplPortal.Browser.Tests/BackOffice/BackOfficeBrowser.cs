using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests.BackOffice;

/// <summary>Back-office sign-in for browser tests; the accounts come from the test kit's <see cref="TestAccounts"/>.</summary>
public static class BackOfficeBrowser
{
    /// <summary>Signs in through the form, as a person would.</summary>
    public static async Task SignInAsync(this IPage page, TestAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        await page.GotoAsync("/quan-tri/dang-nhap");
        await page.GetByLabel("E-mail").FillAsync(account.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri");
    }
}
