using PbgdplPortal.Media;

namespace PbgdplPortal.Core.Tests.Media;

/// <summary>Cut and scrambled files, made from a fixed seed: whatever the damage, the answer is a result, never an exception.</summary>
public class DamagedUploadTests
{
    private const int VariantsPerFile = 60;

    public static TheoryData<string> Images => ["jpeg", "png", "webp", "gif"];

    public static TheoryData<string> Documents => ["pdf", "docx", "odt", "doc"];

    [Theory]
    [MemberData(nameof(Images))]
    public async Task Damaged_images_are_answered_with_a_result_and_never_an_exception(string format)
    {
        var original = format switch
        {
            "jpeg" => TestImages.Jpeg(120, 90),
            "png" => TestImages.Png(120, 90),
            "webp" => TestImages.Webp(120, 90),
            _ => TestImages.Gif(120, 90),
        };
        // A scrambled header can declare any size up to the pixel limit, and such an image is then really decoded;
        // a small limit keeps this test about exceptions rather than about decoding speed.
        var uploader = new ImageUploader(new InMemoryMediaStorage(), new MediaOptions { Widths = [64], MaxPixels = 1_000_000 });

        foreach (var damaged in Damage(original, seed: format.Length))
        {
            var result = await uploader.ProcessAsync(new MemoryStream(damaged), "hong.jpg");
            Assert.True(result.Succeeded || result.Error is not null);
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Damaged_documents_are_answered_with_a_result_and_never_an_exception(string format)
    {
        var original = format switch
        {
            "pdf" => TestDocuments.Pdf(),
            "docx" => TestDocuments.Docx(),
            "odt" => TestDocuments.OpenDocument("application/vnd.oasis.opendocument.text"),
            _ => TestDocuments.CompoundFile("WordDocument", "\u0001CompObj"),
        };
        var inspector = new AttachmentInspector(new MediaOptions());

        foreach (var damaged in Damage(original, seed: format.Length + 100))
        {
            var result = await inspector.InspectAsync(new MemoryStream(damaged), "hong.pdf");
            Assert.True(result.Succeeded || result.Error is not null);
        }
    }

    /// <summary>Truncations at random points, and copies with a run of random bytes written over a random place.</summary>
    private static IEnumerable<byte[]> Damage(byte[] original, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < VariantsPerFile; i++)
        {
            yield return original[..random.Next(1, original.Length)];
            var scrambled = (byte[])original.Clone();
            var start = random.Next(0, scrambled.Length);
            random.NextBytes(scrambled.AsSpan(start, Math.Min(random.Next(1, 16), scrambled.Length - start)));
            yield return scrambled;
        }
    }
}
