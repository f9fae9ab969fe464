using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;

namespace PbgdplPortal.Editing;

/// <summary>Who makes a change: the audit actor and the name a revision shows.</summary>
public sealed record Editor(AuditActor Actor, string Name);

/// <summary>
/// Writes every change of an article or a document record the same way: the item, one new revision,
/// the audit line and the change-journal entries (so public caches and search follow), all in one
/// transaction, refused when the item changed since the user's form was loaded.
/// </summary>
public sealed class ContentEditing(PortalDbContext db, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Saves the tracked (added or modified) <paramref name="item"/>.</summary>
    /// <param name="item">The item, already changed by the caller.</param>
    /// <param name="snapshot">What the new revision keeps.</param>
    /// <param name="note">What happened, shown in the revision list.</param>
    /// <param name="editor">Who did it.</param>
    /// <param name="auditAction">An <see cref="AuditActions"/> code when the change is audited.</param>
    /// <param name="before">The state and slug before the change (null for a new item).</param>
    /// <param name="expectedVersion">The version the user's form was based on (null for a new item).</param>
    /// <param name="afterSave">Further writes in the same transaction, once the item has its id.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <exception cref="DbUpdateConcurrencyException">The item changed since <paramref name="expectedVersion"/>; nothing was written.</exception>
    public async Task<Revision> SaveAsync(EditableContent item, RevisionSnapshot snapshot, string note, Editor editor, string? auditAction,
        (PublicationStatus Status, string Slug)? before, int? expectedVersion, Func<Task>? afterSave, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(editor);
        var now = Now;
        if (expectedVersion is { } expected)
        {
            var entry = db.Entry(item.Entity);
            var stored = (int)entry.Property(nameof(Article.Version)).OriginalValue!;
            if (stored != expected)
            {
                throw new DbUpdateConcurrencyException($"{item.AuditTarget} is at version {stored}, the form was based on {expected}.");
            }
        }
        item.Version++;
        item.UpdatedAt = now;
        item.UpdatedById = editor.Actor.UserId;
        if (before is null)
        {
            item.CreatedAt = now;
            item.CreatedById = editor.Actor.UserId;
        }
        if (before?.Status == PublicationStatus.Published || item.Status == PublicationStatus.Published)
        {
            db.RecordChange(item.JournalType, item.Slug, now);
            if (before is { } b && b.Slug != item.Slug)
            {
                db.RecordChange(item.JournalType, b.Slug, now);
            }
        }
        if (auditAction is not null)
        {
            db.Audit(editor.Actor, auditAction, item.AuditTarget, note, now);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var revision = await AppendRevisionAsync(item, snapshot, item.Status, note, editor, now, cancellationToken);
        if (afterSave is not null)
        {
            await afterSave();
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    /// <summary>
    /// Keeps <paramref name="snapshot"/> as a pending draft beside the published <paramref name="item"/>, which is left
    /// exactly as it is (nothing public changes): one new revision marked <see cref="Revision.Pending"/> and the audit line.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">The item changed since <paramref name="expectedVersion"/>; nothing was written.</exception>
    public async Task<Revision> ProposeAsync(EditableContent item, RevisionSnapshot snapshot, string note, Editor editor, string auditAction,
        int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(editor);
        if (item.Version != expectedVersion)
        {
            throw new DbUpdateConcurrencyException($"{item.AuditTarget} is at version {item.Version}, the form was based on {expectedVersion}.");
        }
        var now = Now;
        db.Audit(editor.Actor, auditAction, item.AuditTarget, note, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revision = await AppendRevisionAsync(item, snapshot, PublicationStatus.Submitted, note, editor, now, cancellationToken);
        revision.Pending = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return revision;
    }

    /// <summary>The pending drafts beside <paramref name="item"/>, newest first.</summary>
    public Task<List<Revision>> PendingDraftsAsync(EditableContent item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return db.Revisions.Where(r => r.ContentType == item.RevisionType && r.ContentId == item.Id && r.Pending)
            .OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
    }

    /// <summary>Discards the pending draft <paramref name="number"/> of <paramref name="item"/> (it stays in the history), audited; false when there is none.</summary>
    public async Task<bool> DiscardDraftAsync(EditableContent item, int number, Editor editor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(editor);
        var draft = await db.Revisions.SingleOrDefaultAsync(r => r.ContentType == item.RevisionType && r.ContentId == item.Id && r.Number == number && r.Pending,
            cancellationToken);
        if (draft is null)
        {
            return false;
        }
        draft.Pending = false;
        draft.Note = $"{draft.Note} (đã bỏ)";
        db.Audit(editor.Actor, AuditActions.DraftDiscarded, item.AuditTarget, $"Bỏ bản nháp phiên bản {number}", Now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<Revision> AppendRevisionAsync(EditableContent item, RevisionSnapshot snapshot, PublicationStatus status, string note, Editor editor,
        DateTime now, CancellationToken cancellationToken)
    {
        var number = (await db.Revisions.Where(r => r.ContentType == item.RevisionType && r.ContentId == item.Id)
            .MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
        var revision = new Revision
        {
            ContentType = item.RevisionType,
            ContentId = item.Id,
            Number = number,
            Title = snapshot.Title,
            Summary = snapshot.Summary,
            Body = snapshot.Body,
            Metadata = snapshot.Metadata,
            Status = status,
            Note = note.Length > 2100 ? note[..2100] : note,
            AuthorId = editor.Actor.UserId,
            AuthorName = editor.Name.Length > 256 ? editor.Name[..256] : editor.Name,
            CreatedAt = now,
        };
        db.Revisions.Add(revision);
        return revision;
    }

    /// <summary>Deletes the item and its revisions, journaled and audited.</summary>
    public async Task DeleteAsync(EditableContent item, Editor editor, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(editor);
        var now = Now;
        if (item.Version != expectedVersion)
        {
            throw new DbUpdateConcurrencyException($"{item.AuditTarget} is at version {item.Version}, the form was based on {expectedVersion}.");
        }
        db.Remove(item.Entity);
        db.RecordChange(item.JournalType, item.Slug, now);
        db.Audit(editor.Actor, AuditActions.Deleted, item.AuditTarget, item.Title, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Revisions.Where(r => r.ContentType == item.RevisionType && r.ContentId == item.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
