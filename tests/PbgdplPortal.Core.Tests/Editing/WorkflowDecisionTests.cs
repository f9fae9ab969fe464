using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Editing;

namespace PbgdplPortal.Core.Tests.Editing;

/// <summary>What a save or a take-down does to an item, decided in Core for every content editor.</summary>
public class WorkflowDecisionTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Earlier = Now.AddDays(-30);

    [Fact]
    public void Publishing_now_or_at_a_chosen_moment_is_audited_with_the_moment_in_Vietnam_time()
    {
        var now = WorkflowRules.DecideSave(WorkflowAction.Publish, PublicationStatus.Submitted, false, Earlier, null, null, null, Now);
        Assert.Equal(new SaveDecision(PublicationStatus.Published, Now, null, "Duyệt và đăng", AuditActions.Published), now);

        var later = WorkflowRules.DecideSave(WorkflowAction.Publish, PublicationStatus.Draft, false, Earlier, Now.AddHours(2), null, null, Now);
        Assert.Equal(PublicationStatus.Published, later.Target);
        Assert.Equal(Now.AddHours(2), later.PublishedAt);
        Assert.Equal("Duyệt, hẹn đăng lúc 07/12/2026 12:00", later.Note);
    }

    [Fact]
    public void A_save_keeps_the_state_and_publication_moment_and_a_new_item_starts_now()
    {
        var saved = WorkflowRules.DecideSave(WorkflowAction.Save, PublicationStatus.Published, false, Earlier, null, null, null, Now);
        Assert.Equal(new SaveDecision(PublicationStatus.Published, Earlier, null, "Lưu", null), saved);
        var created = WorkflowRules.DecideSave(WorkflowAction.Save, PublicationStatus.Draft, true, default, null, null, null, Now);
        Assert.Equal(new SaveDecision(PublicationStatus.Draft, Now, null, "Tạo mới", null), created);
    }

    [Fact]
    public void Submitting_and_restoring_are_recorded_and_restoring_makes_a_draft_beside_what_is_published()
    {
        Assert.Equal(("Gửi duyệt", AuditActions.Submitted, PublicationStatus.Submitted),
            Of(WorkflowRules.DecideSave(WorkflowAction.Submit, PublicationStatus.Draft, false, Earlier, null, null, null, Now)));
        var draft = WorkflowRules.DecideSave(WorkflowAction.Restore, PublicationStatus.Unpublished, false, Earlier, null, null, 3, Now);
        Assert.Equal(("Khôi phục phiên bản 3", AuditActions.Restored, PublicationStatus.Draft), Of(draft));
        Assert.False(draft.Beside);
        var beside = WorkflowRules.DecideSave(WorkflowAction.Restore, PublicationStatus.Published, false, Earlier, null, null, 3, Now);
        Assert.Equal(("Khôi phục phiên bản 3 thành bản nháp chờ duyệt; bản đang đăng giữ nguyên", AuditActions.Restored, PublicationStatus.Published), Of(beside));
        Assert.True(beside.Beside);
        Assert.Equal(Earlier, beside.PublishedAt);
        var approved = WorkflowRules.DecideSave(WorkflowAction.PublishDraft, PublicationStatus.Published, false, Earlier, null, null, 5, Now);
        Assert.Equal(("Duyệt và đăng bản nháp phiên bản 5", AuditActions.Published, PublicationStatus.Published), Of(approved));
        Assert.Equal(Earlier, approved.PublishedAt);

        static (string, string?, PublicationStatus) Of(SaveDecision d) => (d.Note, d.AuditAction, d.Target);
    }

    [Fact]
    public void A_take_down_moment_must_come_after_the_publication()
    {
        Assert.Equal("Thời điểm gỡ phải sau thời điểm đăng.",
            WorkflowRules.DecideSave(WorkflowAction.Publish, PublicationStatus.Draft, false, Earlier, Now.AddDays(1), Now.AddDays(1), null, Now).ScheduleProblem);
        Assert.Null(WorkflowRules.DecideSave(WorkflowAction.Publish, PublicationStatus.Draft, false, Earlier, Now, Now.AddDays(1), null, Now).ScheduleProblem);
    }

    [Fact]
    public void Sending_back_makes_a_draft_with_the_comment_and_taking_down_unpublishes()
    {
        Assert.Equal((PublicationStatus.Draft, "Trả lại: Thiếu căn cứ pháp lý", AuditActions.SentBack),
            WorkflowRules.DecideTakeDown(WorkflowAction.SendBack, "Thiếu căn cứ pháp lý"));
        Assert.Equal((PublicationStatus.Unpublished, "Gỡ xuống", AuditActions.Unpublished), WorkflowRules.DecideTakeDown(WorkflowAction.Unpublish, null));
    }
}
