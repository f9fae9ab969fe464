using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests.Quizzes;

/// <summary>A citizen takes a practice quiz on a phone, with or without JavaScript, and reads the explained answers.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PracticeQuizJourneyTests(ServedPortal portal)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_citizen_answers_a_practice_quiz_and_sees_every_answer_explained(bool javaScriptEnabled)
    {
        await using var context = await portal.NewContextAsync(javaScriptEnabled, width: 375, height: 812);
        var page = await context.NewPageAsync();
        await page.OpenAsync(PublicPages.Quizzes);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tìm hiểu pháp luật về hôn nhân, gia đình và phòng, chống bạo lực gia đình" }).ClickAsync();
        await page.WaitForURLAsync($"**{PublicPages.Quiz}");

        var questions = page.Locator("fieldset.question");
        Assert.Equal(10, await questions.CountAsync());
        // Answer every question with its first option, by clicking its label as a person would.
        foreach (var question in await questions.AllAsync())
        {
            await question.Locator(".option label").First.ClickAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();

        await page.WaitForSelectorAsync(".score");
        var score = await page.Locator(".score").InnerTextAsync();
        Assert.Matches(@"Bạn trả lời đúng \d+ / 10 câu\.", score);
        Assert.Equal(10, await page.Locator("ol.answers > li").CountAsync());
        Assert.Equal(10, await page.Locator("ol.answers .explanation").CountAsync());
        Assert.True(await page.Locator("ol.answers .basis a[href^='/van-ban/']").CountAsync() >= 10);

        if (javaScriptEnabled)
        {
            // axe runs as a script in the page, so only where scripts may run.
            await page.AssertAccessibleAsync();
        }
    }
}
