using PbgdplPortal.Data;

namespace PbgdplPortal.Accounts;

/// <summary>Who acts, from where: the part of an audit line the caller's request knows.</summary>
public sealed record AuditActor(string? UserId, string? UserName, string? Address)
{
    public static readonly AuditActor System = new(null, "hệ thống", null);
}

public static class AuditLog
{
    /// <summary>Adds a line to the audit log; saved with the caller's other changes, so it exists exactly when they do.</summary>
    public static void Audit(this PortalDbContext db, AuditActor actor, string action, string? target, string? detail, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor.UserId,
            UserName = Clip(actor.UserName, 256),
            Action = action,
            Target = Clip(target, 300),
            Detail = Clip(detail, 2000),
            Address = Clip(actor.Address, 64),
        });
    }

    private static string? Clip(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}
