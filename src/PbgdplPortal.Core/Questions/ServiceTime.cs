using PbgdplPortal.Text;

namespace PbgdplPortal.Questions;

/// <summary>How long a question has waited, counted in working days in Vietnam time (Saturday and Sunday do not count).</summary>
public static class ServiceTime
{
    /// <summary>Whole working days from <paramref name="askedAt"/> to <paramref name="now"/> (both UTC).</summary>
    public static int WorkingDaysWaited(DateTime askedAt, DateTime now)
    {
        var from = DateOnly.FromDateTime(VietnameseText.ToVietnamTime(askedAt));
        var to = DateOnly.FromDateTime(VietnameseText.ToVietnamTime(now));
        var days = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day.AddDays(1)))
            {
                days++;
            }
        }
        return days;
    }

    /// <summary>The UTC moment after which a question asked at <paramref name="askedAt"/> is overdue.</summary>
    public static DateTime Deadline(DateTime askedAt, int serviceDays)
    {
        var local = VietnameseText.ToVietnamTime(askedAt);
        var day = DateOnly.FromDateTime(local);
        for (var counted = 0; counted < serviceDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        // The end of the last working day, Vietnam time (UTC+7).
        return day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-7);
    }

    public static bool IsOverdue(DateTime askedAt, DateTime now, int serviceDays) => now >= Deadline(askedAt, serviceDays);

    private static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
