namespace PbgdplPortal.Questions;

public static class QuestionQueries
{
    /// <summary>Questions whose answer is on the public site.</summary>
    public static IQueryable<Question> PubliclyAnswered(this IQueryable<Question> questions) =>
        questions.Where(q => q.Status == QuestionStatus.Published && !q.AnswerIsPrivate && q.Answer != null);

    /// <summary>Questions still waiting for an answer to go out: counted against the service time.</summary>
    public static IQueryable<Question> Waiting(this IQueryable<Question> questions) =>
        questions.Where(q => q.Status == QuestionStatus.Received || q.Status == QuestionStatus.Approved
            || q.Status == QuestionStatus.Assigned || q.Status == QuestionStatus.Answered);

    public static IQueryable<Question> NewestFirst(this IQueryable<Question> questions) =>
        questions.OrderByDescending(q => q.PublishedAt).ThenByDescending(q => q.Id);
}
