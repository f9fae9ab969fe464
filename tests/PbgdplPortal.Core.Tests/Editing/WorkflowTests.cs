using PbgdplPortal.Content;
using PbgdplPortal.Editing;

namespace PbgdplPortal.Core.Tests.Editing;

public class WorkflowTests
{
    [Theory]
    [InlineData(PublicationStatus.Draft)]
    [InlineData(PublicationStatus.Submitted)]
    [InlineData(PublicationStatus.Published)]
    [InlineData(PublicationStatus.Unpublished)]
    public void Editors_never_publish_unpublish_send_back_or_delete(PublicationStatus status)
    {
        foreach (var action in new[] { WorkflowAction.Publish, WorkflowAction.Unpublish, WorkflowAction.SendBack, WorkflowAction.Delete })
        {
            Assert.False(WorkflowRules.Allows(action, status, canEdit: true, canReview: false));
        }
    }

    [Fact]
    public void Editors_edit_submit_and_restore_drafts_only_and_propose_restored_drafts_beside_published_items()
    {
        Assert.True(WorkflowRules.Allows(WorkflowAction.Save, PublicationStatus.Draft, true, false));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Submit, PublicationStatus.Draft, true, false));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Restore, PublicationStatus.Draft, true, false));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Save, PublicationStatus.Submitted, true, false));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Save, PublicationStatus.Published, true, false));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Restore, PublicationStatus.Published, true, false));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Restore, PublicationStatus.Submitted, true, false));
        Assert.False(WorkflowRules.Allows(WorkflowAction.PublishDraft, PublicationStatus.Published, true, false));
        Assert.True(WorkflowRules.Allows(WorkflowAction.PublishDraft, PublicationStatus.Published, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.DiscardDraft, PublicationStatus.Published, true, false));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Submit, PublicationStatus.Submitted, true, false));
    }

    [Fact]
    public void Reviewers_publish_send_back_unpublish_and_delete()
    {
        Assert.True(WorkflowRules.Allows(WorkflowAction.Publish, PublicationStatus.Submitted, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Publish, PublicationStatus.Unpublished, true, true));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Publish, PublicationStatus.Published, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.SendBack, PublicationStatus.Submitted, true, true));
        Assert.False(WorkflowRules.Allows(WorkflowAction.SendBack, PublicationStatus.Draft, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Unpublish, PublicationStatus.Published, true, true));
        Assert.False(WorkflowRules.Allows(WorkflowAction.Unpublish, PublicationStatus.Draft, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Save, PublicationStatus.Published, true, true));
        Assert.True(WorkflowRules.Allows(WorkflowAction.Delete, PublicationStatus.Published, true, true));
    }

    [Fact]
    public void Labels_tell_scheduled_and_expired_publications_apart()
    {
        var now = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal("Hẹn giờ", WorkflowRules.Label(PublicationStatus.Published, now.AddDays(1), null, now));
        Assert.Equal("Đã đăng", WorkflowRules.Label(PublicationStatus.Published, now.AddDays(-1), now.AddDays(1), now));
        Assert.Equal("Đã gỡ (hết hạn)", WorkflowRules.Label(PublicationStatus.Published, now.AddDays(-2), now.AddDays(-1), now));
        Assert.Equal("Chờ duyệt", WorkflowRules.Label(PublicationStatus.Submitted, now, null, now));
    }

    [Theory]
    [InlineData("nhap", ListState.Draft)]
    [InlineData("cho-duyet", ListState.Submitted)]
    [InlineData("da-dang", ListState.Published)]
    [InlineData("hen-gio", ListState.Scheduled)]
    [InlineData("da-go", ListState.Unpublished)]
    public void List_states_parse_from_their_query_codes(string code, ListState state) => Assert.Equal(state, ListStates.Parse(code));

    [Fact]
    public void An_unknown_list_state_is_no_filter() => Assert.Null(ListStates.Parse("khac"));
}

public class RevisionDiffTests
{
    private static Revision Make(string body, string metadata) =>
        new() { ContentType = "article", Title = "Tiêu đề", Body = body, Metadata = metadata, AuthorName = "A" };

    [Fact]
    public void Changed_lines_are_paired_side_by_side_and_unchanged_parts_reported()
    {
        var sections = RevisionDiff.Compare(Make("a\nb\nc", "{\"topics\":[\"dat-dai\"]}"), Make("a\nB\nc\nd", "{\"topics\":[\"dat-dai\",\"giao-thong\"]}"));
        Assert.False(sections[0].Changed);
        var body = sections[2];
        Assert.True(body.Changed);
        Assert.Contains(body.Rows, r => r.OldText == "b" && r.OldKind == DiffKind.Modified && r.NewText == "B");
        Assert.Contains(body.Rows, r => r.NewText == "d" && r.NewKind == DiffKind.Inserted && r.OldKind == DiffKind.Empty);
        var metadata = sections[3];
        Assert.Contains(metadata.Rows, r => r.NewText == "Chủ đề: dat-dai; giao-thong");
    }

    [Fact]
    public void Metadata_that_is_not_JSON_is_compared_as_text() => Assert.Equal("không phải json", RevisionDiff.MetadataText("không phải json"));
}
