using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using PbgdplPortal.Content;
using PbgdplPortal.Editing;

namespace PbgdplPortal.Web.BackOffice;

// The forms and pages of the content editors (articles, legal documents, quizzes).

/// <summary>What both editor forms share. Fields marked [JsonIgnore] are not part of a revision's metadata.</summary>
public abstract class ContentForm
{
    [JsonIgnore]
    public int Version { get; set; }

    [JsonIgnore]
    public string Title { get; set; } = "";

    public string? Slug { get; set; }

    [JsonIgnore]
    public string? Summary { get; set; }

    [JsonIgnore]
    public string Body { get; set; } = "";

    /// <summary>Vietnam time, as a datetime-local input sends it ("2026-11-28T08:30").</summary>
    public string? PublishAt { get; set; }

    public string? UnpublishAt { get; set; }

    public int? AgencyId { get; set; }
}

/// <summary>A choice in a list of checkboxes or options.</summary>
public sealed record Choice(string Value, string Label, bool Selected = false, string? Note = null);

/// <summary>The workflow panel of an existing item: its state and the actions the user may take.</summary>
public sealed record WorkflowPanel(string BasePath, string KindLabel, int Id, int Version, string StatusLabel, string? ReviewComment,
    string? NeedsReviewReason, bool CanSave, bool CanSubmit, bool CanPublish, bool CanSendBack, bool CanUnpublish, bool CanDelete,
    string? PublicUrl)
{
    /// <summary>Restored drafts waiting beside the published version, newest first.</summary>
    public IReadOnlyList<PendingDraft> PendingDrafts { get; init; } = [];

    public bool CanPublishDraft { get; init; }

    public bool CanDiscardDraft { get; init; }
}

/// <summary>A draft waiting beside the published version; <paramref name="PublishedNumber"/> is the revision on the site, to compare with.</summary>
public sealed record PendingDraft(int Number, DateTime CreatedAt, string AuthorName, int? PublishedNumber);

/// <summary>The editor page: the form, the item's panel (null for a new item), options and an optional preview.</summary>
public sealed record EditorPage<TForm, TChoices>(TForm Form, WorkflowPanel? Panel, string BasePath, string KindLabel, bool IsReviewer,
    IReadOnlyList<Choice> Agencies, TChoices Choices, string? PreviewHtml, string? ConflictDiffUrl);

/// <summary>The filters of a back-office list, read from the query string.</summary>
public sealed class ListFilter
{
    [FromQuery(Name = "trang-thai")]
    public string? State { get; set; }

    [FromQuery(Name = "q")]
    public string? Title { get; set; }

    [FromQuery(Name = "chu-de")]
    public string? Topic { get; set; }

    [FromQuery(Name = "co-quan")]
    public int? Agency { get; set; }

    [FromQuery(Name = "ra-soat")]
    public int? NeedsReview { get; set; }

    [FromQuery(Name = "trang")]
    public int Page { get; set; } = 1;

    /// <summary>The list address with these filters and <paramref name="page"/>.</summary>
    public string Url(string basePath, int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
        Add("trang-thai", State);
        Add("q", Title);
        Add("chu-de", Topic);
        Add("co-quan", Agency?.ToString(CultureInfo.InvariantCulture));
        Add("ra-soat", NeedsReview == 1 ? "1" : null);
        Add("trang", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return query.Count == 0 ? basePath : basePath + "?" + string.Join("&", query);
    }
}

public sealed record ListPage(string BasePath, string KindLabel, ListFilter Filter, PageOf<ContentRow> Rows, IReadOnlyList<Choice> Topics,
    IReadOnlyList<Choice> Agencies, DateTime Now);

public sealed record RevisionLine(int Number, DateTime CreatedAt, string AuthorName, PublicationStatus Status, string? Note, bool Pending = false);

public sealed record RevisionsPage(string BasePath, string KindLabel, int Id, string Title, int Version, bool CanRestore, IReadOnlyList<RevisionLine> Revisions);

public sealed record DiffPage(string BasePath, string KindLabel, int Id, string Title, RevisionLine Older, RevisionLine Newer, IReadOnlyList<DiffSection> Sections);

/// <summary>The fields both editor forms share, for the _EditingFields partial.</summary>
public sealed record EditorFields(ContentForm Form, bool ShowSummary, string? PreviewHtml);

public static class FormMessages
{
    /// <summary>The error messages of one form field.</summary>
    public static IReadOnlyList<string> ErrorsFor(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string key)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGetValue(key, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];
    }
}
