using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PbgdplPortal.Web.Hosting;

/// <summary>
/// The "Portal:ForwardedHeaders" section: the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal
/// believes. Only then is the client's address the one the proxy names; the per-address limits (questions,
/// registrations, sign-in) and the audit log use it. Without a setting only loopback is trusted (a proxy on the same
/// machine); a list given here replaces that default.
/// </summary>
public sealed class ProxyTrust
{
    /// <summary>Addresses of trusted proxies, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The middleware's options; a malformed address or network stops the start with the setting named.</summary>
    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every trusted hop is unwrapped (a CDN before nginx); the first untrusted one is the client.
            ForwardLimit = null,
        };
        if (KnownProxies.Count == 0 && KnownNetworks.Count == 0)
        {
            return options;
        }
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"Portal:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
        }
        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Portal:ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/24)."));
        }
        return options;
    }
}
