using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;

namespace PbgdplPortal.Security;

/// <summary>
/// How many requests one client address made under one limit in one fixed window. Counted in the shared database, so
/// every web node sees the same count; the address is kept only as an HMAC under the portal's own key.
/// </summary>
public class AddressCount
{
    /// <summary>The limit's name, e.g. "sign-in".</summary>
    public required string Limit { get; set; }

    /// <summary>The window's start, in whole seconds since 1970-01-01 UTC.</summary>
    public long WindowStart { get; set; }

    /// <summary>HMAC-SHA-256 (hex) of the client address under <see cref="PortalSecrets.AddressKey"/>.</summary>
    public required string AddressKey { get; set; }

    public int Count { get; set; }
}

/// <summary>A limit on requests per client address: <see cref="Permits"/> in each fixed <see cref="Window"/>.</summary>
public sealed record AddressLimit(string Name, int Permits, TimeSpan Window);

/// <summary>The per-address limits the host enforces, by name; each feature adds its own from its settings.</summary>
public sealed class AddressLimitOptions
{
    public Dictionary<string, AddressLimit> Limits { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Counts requests per client address in the database: one atomic insert-or-increment per request (the same SQL on
/// SQLite and PostgreSQL), so concurrent requests on any number of nodes together get no more than the limit's permits
/// in a window. The first request of an address in a new window removes the limit's older windows.
/// </summary>
public sealed class AddressLimiter(PortalDbContext db, PortalSecrets secrets, TimeProvider time)
{
    /// <summary>Counts this request; true when it is within the limit, false when the address has used up its window.</summary>
    public async Task<bool> TryTakeAsync(AddressLimit limit, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var key = await secrets.HashAsync(PortalSecrets.AddressKey, address is { Length: > 0 } ? address : "unknown", cancellationToken);
        var window = Math.Max(1, (long)limit.Window.TotalSeconds);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var start = now - (now % window);
        var counts = await db.Database.SqlQuery<int>(
            $"""
             INSERT INTO "AddressCounts" ("Limit", "WindowStart", "AddressKey", "Count") VALUES ({limit.Name}, {start}, {key}, 1)
             ON CONFLICT ("Limit", "WindowStart", "AddressKey") DO UPDATE SET "Count" = "AddressCounts"."Count" + 1
             RETURNING "Count" AS "Value"
             """).ToListAsync(cancellationToken);
        var count = counts[0];
        if (count == 1)
        {
            await db.AddressCounts.Where(c => c.Limit == limit.Name && c.WindowStart < start).ExecuteDeleteAsync(cancellationToken);
        }
        return count <= limit.Permits;
    }

    /// <summary>A Vietnamese sentence telling someone over <paramref name="limit"/> when to try again.</summary>
    public static string Message(AddressLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var minutes = Math.Max(1, (int)Math.Ceiling(limit.Window.TotalMinutes));
        return string.Create(CultureInfo.InvariantCulture, $"Bạn đã gửi quá nhiều yêu cầu từ địa chỉ này (tối đa {limit.Permits} lần trong {minutes} phút). Vui lòng thử lại sau {minutes} phút.");
    }
}
