using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using PbgdplPortal.Media;
using PbgdplPortal.Web.Media;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>The portal served by Kestrel with its default settings, on SQLite: request limits are the server's, not the database's.</summary>
public sealed class DefaultKestrelPortal : KestrelPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>
/// A request that announces a body over its route's limit gets 413 with the Vietnamese message at once, on every
/// route, signed in or not, without the server waiting for (or reading) the body.
/// </summary>
public sealed class RequestLimitTests(DefaultKestrelPortal portal) : IClassFixture<DefaultKestrelPortal>
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Multipart = "multipart/form-data; boundary=ranh-gioi";

    public static TheoryData<string, long, string> Oversized { get; } = new()
    {
        // The media library's upload: 10 files of the largest kind and 1 MB of form.
        { "/quan-tri/thu-vien", 2_000_000_000, Multipart },
        { "/quan-tri/thu-vien", MediaLibrary.MaxRequestBytes(new MediaOptions()) + 1, Multipart },
        // The quiz-sheet import: a 2 MB sheet and a little form.
        { "/quan-tri/bo-cau-hoi/1/nhap", 3_000_000, Multipart },
        // Anonymous public forms and routes, and the API, under the portal's general limit of 30 MB.
        { "/hoi-dap/dat-cau-hoi", 30_000_001, Form },
        { "/cuoc-thi/dang-ky", 120_000_000, Form },
        { "/khong-co-trang-nay", 2_000_000_000, Form },
        { "/api/questions", 31_000_000, "application/json" },
        { "/api/attempts/00000000-0000-0000-0000-000000000001/submission", 2_000_000_000, "application/json" },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task An_announced_body_over_the_limit_is_refused_with_413_within_a_second_without_sending_it(string path, long length, string contentType)
    {
        // The first request of a host pays for start-up work; the measured one must not.
        using (var warm = portal.ClientFrom())
        {
            Assert.Equal(HttpStatusCode.OK, (await warm.GetAsync("/healthz")).StatusCode);
        }
        var (status, headers, body, elapsed) = await AnnounceAsync(path, length, contentType);
        Assert.Equal(413, status);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{path} answered after {elapsed.TotalMilliseconds:0} ms");
        Assert.Contains("Dữ liệu gửi lên quá lớn", body, StringComparison.Ordinal);
        Assert.Contains(path.StartsWith("/api/", StringComparison.Ordinal) ? "Content-Type: application/problem+json" : "Content-Type: text/html",
            headers, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_still_read_and_handled()
    {
        using var client = portal.ClientFrom();
        var response = await client.PostAsync("/api/questions", new StringContent("{\"text\": \"ngắn\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_sent_in_chunks_without_its_length_is_refused_with_413_when_it_grows_over_the_limit()
    {
        using var client = portal.ClientFrom();
        var json = Encoding.UTF8.GetBytes("{\"text\": \"" + new string('a', 31_000_000) + "\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/questions") { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Dữ liệu gửi lên quá lớn", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/questions", "{ không phải JSON", 400, "Yêu cầu không hợp lệ")]
    [InlineData("DELETE", "/api/questions", null, 405, "Phương thức không được hỗ trợ")]
    [InlineData("GET", "/api/khong-co", null, 404, "Không tìm thấy")]
    [InlineData("POST", "/api/questions", "{}", 400, "Câu hỏi chưa hợp lệ")]
    public async Task The_API_answers_every_error_as_problem_details_in_Vietnamese(string method, string path, string? body, int status, string title)
    {
        using var client = portal.ClientFrom();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(title, problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    /// <summary>Sends only the head of a POST announcing <paramref name="length"/> bytes, then reads the whole answer.</summary>
    private async Task<(int Status, string Headers, string Body, TimeSpan Elapsed)> AnnounceAsync(string path, long length, string contentType)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, portal.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nContent-Length: {length}\r\n\r\n";
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // A server waiting for the body would answer nothing: the read times out instead.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = new List<byte>();
        var buffer = new byte[8192];
        while (!Complete(received))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"{path}: the connection closed before a whole answer: {Encoding.UTF8.GetString([.. received])}");
            received.AddRange(buffer.AsSpan(0, read));
        }
        watch.Stop();
        var text = Encoding.UTF8.GetString([.. received]);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), text[..split], text[(split + 4)..], watch.Elapsed);
    }

    /// <summary>True once <paramref name="received"/> holds an HTTP/1.1 answer's head and its whole body (by length or chunks).</summary>
    private static bool Complete(List<byte> received)
    {
        var text = Encoding.Latin1.GetString([.. received]);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        var headers = text[..split];
        var body = text.Length - split - 4;
        var lengthHeader = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return lengthHeader is not null
            ? body >= int.Parse(lengthHeader["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
    }
}
