namespace PbgdplPortal.Editing;

/// <summary>How a back-office step ended.</summary>
public enum StepOutcome
{
    Done,
    NotFound,

    /// <summary>What was sent cannot be accepted (a missing reason, a bad value): the form is shown again.</summary>
    Invalid,

    /// <summary>The item changed since the page was opened, or is not in a state the step needs.</summary>
    Conflict,
}

/// <summary>
/// The one convention for a workflow step (questions, dialogues, contests): the service in Core decides, writes the
/// change and its audit entry for the acting user (<see cref="Accounts.AuditActor"/>) in one save, and returns this;
/// the controller only maps it to HTTP (BackOfficeController.AfterStepAsync). Messages are in Vietnamese.
/// </summary>
public sealed record StepResult(StepOutcome Outcome, string? Message = null)
{
    public static readonly StepResult Done = new(StepOutcome.Done);

    public static StepResult Missing(string message) => new(StepOutcome.NotFound, message);

    public static StepResult Invalid(string message) => new(StepOutcome.Invalid, message);

    public static StepResult Conflict(string message) => new(StepOutcome.Conflict, message);
}
