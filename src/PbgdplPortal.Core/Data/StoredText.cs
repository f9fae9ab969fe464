using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PbgdplPortal.Text;

namespace PbgdplPortal.Data;

/// <summary>
/// The last gate before the database for every string the portal stores, whatever brought it (a form, the API, an
/// import, a verb): it is stored in Unicode NFC, and without the characters XML cannot carry
/// (<see cref="VietnameseText.ReplaceNonText"/>), so no stored text can take down a feed, the sitemap or a spreadsheet
/// export, and PostgreSQL never sees U+0000.
/// </summary>
public sealed class StoredText : SaveChangesInterceptor
{
    public static StoredText Instance { get; } = new();

    private StoredText()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clean(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Clean(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string value && (entry.State == EntityState.Added || property.IsModified)
                    && VietnameseText.Nfc(value) is var clean && !ReferenceEquals(clean, value))
                {
                    property.CurrentValue = clean;
                }
            }
        }
    }
}
