using PbgdplPortal.Content;
using PbgdplPortal.Questions;

namespace PbgdplPortal.Dialogues;

/// <summary>Where an online dialogue session stands.</summary>
public enum DialogueState
{
    /// <summary>Announced with its guests and schedule; not yet taking questions.</summary>
    Announced,

    /// <summary>Citizens may send questions ahead of the session.</summary>
    OpenForQuestions,

    /// <summary>Under way: picked questions and their answers appear live.</summary>
    Live,

    Ended,

    /// <summary>The transcript is public and searchable.</summary>
    TranscriptPublished,
}

/// <summary>An online dialogue (đối thoại, giao lưu trực tuyến) between officials and citizens.</summary>
public class DialogueSession
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }

    /// <summary>Markdown: what the session is about.</summary>
    public string? Description { get; set; }

    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;

    /// <summary>The topic groups the session covers.</summary>
    public List<Topic> Topics { get; } = [];

    /// <summary>The guests (officials, lawyers), one per line.</summary>
    public string? Guests { get; set; }

    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? VideoUrl { get; set; }
    public DialogueState State { get; set; }
    public DateTime? TranscriptPublishedAt { get; set; }
    public List<Question> Questions { get; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
