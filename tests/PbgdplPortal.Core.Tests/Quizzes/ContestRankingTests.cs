using PbgdplPortal.Contests;
using PbgdplPortal.Text;

namespace PbgdplPortal.Core.Tests.Quizzes;

public class ContestRankingTests
{
    private static readonly DateTime T0 = new(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyList<RankingCriterion> Default = RankingCriteria.Parse(RankingCriteria.DefaultOrder)!;
    private static readonly PrizeCounts NoPrizes = new(0, 0, 0, 0);

    private static AttemptResult A(int entrant, int score, int seconds = 300, int submittedMinute = 0, long? prediction = null, bool disqualified = false, int id = 0) =>
        new(new Guid(id == 0 ? entrant * 1000 + score + seconds + submittedMinute : id, 0, 0, new byte[8]), entrant, score, seconds * 1000, T0.AddMinutes(submittedMinute), prediction, disqualified);

    private static int[] Order(IEnumerable<RankedEntry> ranking) => ranking.Select(r => r.Attempt.EntrantId).ToArray();

    [Fact]
    public void Higher_score_ranks_first()
    {
        var ranking = ContestRanking.Rank([A(1, 8), A(2, 10), A(3, 9)], Default, null, NoPrizes);
        Assert.Equal([2, 3, 1], Order(ranking));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));
    }

    [Fact]
    public void Equal_scores_are_split_by_the_prediction_closest_to_the_true_figure()
    {
        var ranking = ContestRanking.Rank([A(1, 10, prediction: 150), A(2, 10, prediction: 95), A(3, 10, prediction: null), A(4, 10, prediction: 104)], Default, 100, NoPrizes);
        Assert.Equal([4, 2, 1, 3], Order(ranking));
        Assert.Equal(4, ranking[0].PredictionDistance);
        Assert.Null(ranking[^1].PredictionDistance);
    }

    [Fact]
    public void Equal_score_and_prediction_distance_are_split_by_the_shorter_time()
    {
        var ranking = ContestRanking.Rank([A(1, 10, seconds: 400, prediction: 90), A(2, 10, seconds: 200, prediction: 110)], Default, 100, NoPrizes);
        Assert.Equal([2, 1], Order(ranking));
    }

    [Fact]
    public void Equal_on_everything_else_the_earlier_submission_wins()
    {
        var ranking = ContestRanking.Rank([A(1, 10, seconds: 200, submittedMinute: 9), A(2, 10, seconds: 200, submittedMinute: 3)], Default, null, NoPrizes);
        Assert.Equal([2, 1], Order(ranking));
    }

    [Fact]
    public void Complete_ties_are_ordered_by_entrant_so_every_run_agrees()
    {
        var attempts = new[] { A(7, 10), A(3, 10), A(5, 10) };
        Assert.Equal([3, 5, 7], Order(ContestRanking.Rank(attempts, Default, null, NoPrizes)));
        Assert.Equal([3, 5, 7], Order(ContestRanking.Rank(attempts.Reverse(), Default, null, NoPrizes)));
    }

    [Fact]
    public void A_contest_may_set_its_own_order_of_criteria()
    {
        var order = RankingCriteria.Parse("score,duration,prediction,submitted")!;
        var ranking = ContestRanking.Rank([A(1, 10, seconds: 100, prediction: 500), A(2, 10, seconds: 300, prediction: 100)], order, 100, NoPrizes);
        Assert.Equal([1, 2], Order(ranking));
    }

    [Theory]
    [InlineData("score,bogus")]
    [InlineData("score,score")]
    [InlineData(",")]
    public void Unknown_or_repeated_criteria_are_refused(string order) => Assert.Null(RankingCriteria.Parse(order));

    [Fact]
    public void The_best_attempt_counts_and_among_equal_scores_the_earliest()
    {
        var counted = ContestRanking.CountedAttempts([A(1, 7, submittedMinute: 1), A(1, 9, submittedMinute: 5), A(1, 9, submittedMinute: 2, seconds: 999), A(2, 4)]);
        var first = counted.Single(a => a.EntrantId == 1);
        Assert.Equal((9, T0.AddMinutes(2)), (first.Score, first.SubmittedAt));
        Assert.Equal(2, counted.Count);
    }

    [Fact]
    public void A_disqualified_entrant_leaves_the_ranking()
    {
        var counted = ContestRanking.CountedAttempts([A(1, 10, disqualified: true), A(1, 8, submittedMinute: 4), A(2, 5)]);
        Assert.Equal([2], counted.Select(a => a.EntrantId));
    }

    [Fact]
    public void The_true_figure_counts_entrants_with_every_answer_right_or_all_entrants()
    {
        AttemptResult[] counted = [A(1, 10), A(2, 10), A(3, 9)];
        Assert.Equal(2, ContestRanking.TrueFigure(PredictionKind.AllCorrect, counted, 10));
        Assert.Equal(3, ContestRanking.TrueFigure(PredictionKind.Entrants, counted, 10));
        Assert.Null(ContestRanking.TrueFigure(PredictionKind.None, counted, 10));
    }

    [Fact]
    public void Prizes_go_down_the_ranking_tier_by_tier()
    {
        var attempts = Enumerable.Range(1, 8).Select(i => A(i, 20 - i)).ToList();
        var ranking = ContestRanking.Rank(attempts, Default, null, new PrizeCounts(1, 2, 3, 1));
        Assert.Equal(
            [PrizeTier.First, PrizeTier.Second, PrizeTier.Second, PrizeTier.Third, PrizeTier.Third, PrizeTier.Third, PrizeTier.Consolation, null],
            ranking.Select(r => r.Prize));
    }

    [Fact]
    public void Fewer_entrants_than_prizes_leaves_the_rest_unawarded()
    {
        var ranking = ContestRanking.Rank([A(1, 3)], Default, null, new PrizeCounts(1, 2, 3, 10));
        Assert.Equal(PrizeTier.First, Assert.Single(ranking).Prize);
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V. A")]
    [InlineData("Trần Thị Minh Khai", "Trần T. M. K")]
    [InlineData("  lê   hoàng  ", "lê H")]
    [InlineData("Ánh", "Á")]
    [InlineData("", "—")]
    public void Names_are_masked_to_family_name_and_initials(string name, string masked) => Assert.Equal(masked, PersonalData.MaskName(name));

    [Theory]
    [InlineData("0912345612", "09******12")]
    [InlineData("091 234 5612", "09******12")]
    [InlineData("123", "***")]
    public void Phone_numbers_show_only_the_first_and_last_two_digits(string phone, string masked) => Assert.Equal(masked, PersonalData.MaskPhone(phone));

    [Fact]
    public void Durations_read_in_minutes_and_seconds() => Assert.Equal("12 phút 05,30 giây", ContestRanking.FormatDuration(725_300));
}
