using Microsoft.EntityFrameworkCore;

namespace PbgdplPortal.Web.BackOffice;

/// <summary>One page of a back-office list, with what the pager needs.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    /// <summary>Counts and reads one page on the server; <paramref name="ordered"/> must have a total order (end with the key).</summary>
    public static async Task<PageOf<T>> ToPageAsync<T>(this IQueryable<T> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var total = await ordered.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PageOf<T>(items, page, pageSize, total);
    }
}

/// <summary>What the shared pager partial (_BackOfficePager) shows: links keep the list's other query parameters.</summary>
public sealed record PagerView(int Page, int PageCount, int Total, Func<int, string> Url);
