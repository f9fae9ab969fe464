namespace PbgdplPortal.Data;

/// <summary>
/// A data-protection key (it signs sign-in cookies and antiforgery tokens), kept in the shared
/// database so that every web node can read what another node wrote.
/// </summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
