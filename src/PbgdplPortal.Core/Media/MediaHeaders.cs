namespace PbgdplPortal.Media;

/// <summary>Response headers for serving stored media.</summary>
public static class MediaHeaders
{
    /// <summary>Keys name content, so a stored file never changes and browsers may keep it for a year.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>X-Content-Type-Options: the browser must trust the declared type, never guess from the bytes.</summary>
    public const string NoSniff = "nosniff";
}
