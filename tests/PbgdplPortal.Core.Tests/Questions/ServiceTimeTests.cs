using PbgdplPortal.Questions;

namespace PbgdplPortal.Core.Tests.Questions;

public sealed class ServiceTimeTests
{
    // Friday 27 November 2026, 10:00 in Vietnam (03:00 UTC).
    private static readonly DateTime FridayMorning = new(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Saturdays_and_sundays_do_not_count_as_waiting()
    {
        Assert.Equal(0, ServiceTime.WorkingDaysWaited(FridayMorning, FridayMorning.AddHours(5)));
        Assert.Equal(0, ServiceTime.WorkingDaysWaited(FridayMorning, FridayMorning.AddDays(2)));
        Assert.Equal(1, ServiceTime.WorkingDaysWaited(FridayMorning, FridayMorning.AddDays(3)));
        Assert.Equal(5, ServiceTime.WorkingDaysWaited(FridayMorning, FridayMorning.AddDays(7)));
    }

    [Fact]
    public void Five_working_days_from_a_friday_end_with_the_next_friday_in_vietnam_time()
    {
        var deadline = ServiceTime.Deadline(FridayMorning, 5);
        // Midnight after Friday 4 December, Vietnam time, is 17:00 UTC that Friday.
        Assert.Equal(new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc), deadline);
        Assert.False(ServiceTime.IsOverdue(FridayMorning, deadline.AddTicks(-1), 5));
        Assert.True(ServiceTime.IsOverdue(FridayMorning, deadline, 5));
    }

    [Fact]
    public void A_question_asked_late_in_the_evening_utc_counts_from_the_vietnamese_date()
    {
        // 18:00 UTC on Sunday is 01:00 on Monday in Vietnam: the first working day after is Tuesday.
        var sundayEveningUtc = new DateTime(2026, 11, 29, 18, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 12, 1, 17, 0, 0, DateTimeKind.Utc), ServiceTime.Deadline(sundayEveningUtc, 1));
    }
}
