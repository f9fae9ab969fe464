using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Data;

namespace PbgdplPortal.Security;

/// <summary>A random key the portal made for itself, kept in the shared database so that every web node uses the same one.</summary>
public class PortalSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// The portal's own keys (<see cref="PortalSecret"/>): made by whichever node needs one first, then read by every node and
/// kept in memory, since a key never changes. Keys are read and written through their own database context, never inside
/// a caller's transaction (whose rollback would lose a key this node had already started using); start-up loads the keys
/// the portal uses, so requests only read memory.
/// </summary>
public sealed class PortalSecrets(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Keys the network addresses of people who ask questions, so that their hashes cannot be reversed.</summary>
    public const string SenderKey = "sender-key";

    /// <summary>Keys the client addresses counted by the per-address limits (<see cref="AddressLimiter"/>).</summary>
    public const string AddressKey = "address-key";

    /// <summary>The keys start-up loads.</summary>
    public static readonly IReadOnlyList<string> Known = [SenderKey, AddressKey];

    private const int KeyLength = 32;

    private readonly ConcurrentDictionary<string, byte[]> known = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        if (known.TryGetValue(name, out var cached))
        {
            return cached;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var value = await ReadAsync(db, name, cancellationToken);
        if (value is null)
        {
            db.PortalSecrets.Add(new PortalSecret { Name = name, Value = RandomNumberGenerator.GetBytes(KeyLength), CreatedAt = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node made it at the same moment: theirs is the one.
            }
            value = await ReadAsync(db, name, cancellationToken) ?? throw new InvalidOperationException($"The portal key '{name}' could not be stored.");
        }
        return known.GetOrAdd(name, value);
    }

    /// <summary>HMAC-SHA-256 of <paramref name="value"/> under the key <paramref name="name"/>, as lower-case hex.</summary>
    public async Task<string> HashAsync(string name, string value, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await GetAsync(name, cancellationToken), Encoding.UTF8.GetBytes(value)));

    private static Task<byte[]?> ReadAsync(PortalDbContext db, string name, CancellationToken cancellationToken) =>
        db.PortalSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
}
