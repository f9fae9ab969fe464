namespace PbgdplPortal.Questions;

/// <summary>Lengths of what askers and staff may write, shared by the model, the forms and the API.</summary>
public static class QuestionLimits
{
    public const int TextMinLength = 20;
    public const int TextLength = 4000;
    public const int TitleLength = 300;
    public const int NameLength = 100;
    public const int PlaceLength = 150;
    public const int EmailLength = 256;
    public const int PhoneLength = 20;
    public const int ReasonLength = 1000;
    public const int AnswerLength = 20000;
}

/// <summary>The "Portal:Questions" configuration section.</summary>
public sealed class QuestionOptions
{
    /// <summary>Working days (Saturday and Sunday do not count) an agency has to answer before a question is overdue.</summary>
    public int ServiceDays { get; set; } = 5;

    /// <summary>Questions accepted per client address per hour.</summary>
    public int AskPermitsPerHour { get; set; } = 5;

    /// <summary>Look-ups by reference number and contact per client address per minute (against guessing).</summary>
    public int LookupPermitsPerMinute { get; set; } = 10;
}
