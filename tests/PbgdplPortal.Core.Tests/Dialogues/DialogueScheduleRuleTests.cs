using PbgdplPortal.Dialogues;

namespace PbgdplPortal.Core.Tests.Dialogues;

public sealed class DialogueScheduleRuleTests
{
    private static readonly DateTime Start = new(2026, 12, 10, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddHours(2);

    [Theory]
    [InlineData(DialogueState.Announced, -1, DialogueState.Announced)]
    [InlineData(DialogueState.OpenForQuestions, -1, DialogueState.OpenForQuestions)]
    [InlineData(DialogueState.Announced, 0, DialogueState.Live)]
    [InlineData(DialogueState.OpenForQuestions, 60, DialogueState.Live)]
    [InlineData(DialogueState.Announced, 120, DialogueState.Ended)]
    [InlineData(DialogueState.OpenForQuestions, 500, DialogueState.Ended)]
    [InlineData(DialogueState.Live, 120, DialogueState.Ended)]
    // What staff did explicitly wins: started early, ended early, transcript published.
    [InlineData(DialogueState.Live, -30, DialogueState.Live)]
    [InlineData(DialogueState.Ended, 60, DialogueState.Ended)]
    [InlineData(DialogueState.Ended, -30, DialogueState.Ended)]
    [InlineData(DialogueState.TranscriptPublished, 500, DialogueState.TranscriptPublished)]
    public void The_schedule_only_moves_a_session_forward(DialogueState stored, int minutesAfterStart, DialogueState expected) =>
        Assert.Equal(expected, DialogueLabels.Scheduled(stored, Start, End, Start.AddMinutes(minutesAfterStart)));
}
