using System.IO.Compression;
using System.Text;
using System.Xml;

namespace PbgdplPortal.Media;

/// <summary>
/// Decides from the content alone whether an upload is a PDF, Office or OpenDocument file; everything else,
/// executables and HTML renamed ".pdf" included, is refused.
/// </summary>
public sealed class AttachmentInspector
{
    private const int MaxArchiveEntries = 10_000;
    private const int MaxManifestBytes = 1024 * 1024;
    // Office XML compresses well, but not a thousandfold: ratios like that are what zip bombs are made of.
    private const int MaxCompressionRatio = 200;

    private static readonly Dictionary<string, AttachmentType> OfficeMainParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"] = AttachmentType.Docx,
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"] = AttachmentType.Xlsx,
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"] = AttachmentType.Pptx,
    };

    private static readonly AttachmentType[] OpenDocumentTypes = [AttachmentType.Odt, AttachmentType.Ods, AttachmentType.Odp];

    /// <summary>Windows (MZ), Linux (ELF), macOS (Mach-O, both byte orders, and universal) programs and scripts with a #! line.</summary>
    private static readonly byte[][] ExecutableSignatures =
    [
        [(byte)'M', (byte)'Z'],
        [0x7F, (byte)'E', (byte)'L', (byte)'F'],
        [(byte)'#', (byte)'!'],
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
        [0xCA, 0xFE, 0xBA, 0xBE],
    ];

    private readonly MediaOptions options;

    public AttachmentInspector(MediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
    }

    /// <param name="fileName">Used only for the download name; the type comes from the content.</param>
    public async Task<AttachmentInspection> InspectAsync(Stream input, string? fileName, CancellationToken cancellationToken = default)
    {
        var upload = await UploadBytes.ReadAsync(input, options.MaxAttachmentBytes, cancellationToken);
        return upload is { } content
            ? Inspect(content, fileName)
            : AttachmentInspection.Failure(MediaMessages.AttachmentTooLarge(options.MaxAttachmentBytes));
    }

    public AttachmentInspection Inspect(ReadOnlyMemory<byte> content, string? fileName)
    {
        if (content.Length > options.MaxAttachmentBytes)
        {
            return AttachmentInspection.Failure(MediaMessages.AttachmentTooLarge(options.MaxAttachmentBytes));
        }
        if (content.IsEmpty)
        {
            return AttachmentInspection.Failure(MediaMessages.EmptyFile);
        }
        var bytes = content.Span;
        var (type, error) =
            bytes.StartsWith("%PDF-"u8) ? (AttachmentType.Pdf, null)
            : bytes.StartsWith("PK\x03\x04"u8) ? InspectArchive(content)
            : bytes.StartsWith(CompoundFile.Signature) ? InspectCompoundFile(bytes)
            : IsExecutable(bytes) ? (null, MediaMessages.ExecutableAttachment)
            : (null, MediaMessages.UnsupportedAttachment);
        return type is null
            ? AttachmentInspection.Failure(error ?? MediaMessages.UnsupportedAttachment)
            : AttachmentInspection.Success(type, content, fileName);
    }

    private static bool IsExecutable(ReadOnlySpan<byte> bytes)
    {
        foreach (var signature in ExecutableSignatures)
        {
            if (bytes.StartsWith(signature))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>DOCX, XLSX and PPTX name their main part in [Content_Types].xml; OpenDocument starts with a "mimetype" entry.</summary>
    private (AttachmentType?, string?) InspectArchive(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var archive = new ZipArchive(UploadBytes.AsStream(content), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxArchiveEntries)
            {
                return (null, MediaMessages.SuspiciousArchive);
            }
            long unpacked = 0;
            foreach (var entry in archive.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > options.MaxAttachmentUnpackedBytes
                    || (entry.Length > MediaOptions.Megabyte && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio))
                {
                    return (null, MediaMessages.SuspiciousArchive);
                }
            }

            if (archive.GetEntry("mimetype") is { } mimetype)
            {
                var declared = Encoding.ASCII.GetString(ReadEntry(mimetype, 200)).Trim();
                var type = OpenDocumentTypes.FirstOrDefault(t => t.ContentType == declared);
                return (type, null);
            }
            if (archive.GetEntry("[Content_Types].xml") is { } contentTypes)
            {
                return InspectOfficeContentTypes(archive, ReadEntry(contentTypes, MaxManifestBytes));
            }
            return (null, MediaMessages.UnsupportedAttachment);
        }
        catch (Exception)
        {
            // ZIP and XML readers meet hostile input here; whatever they throw, the editor gets a message.
            return (null, MediaMessages.CorruptAttachment);
        }
    }

    private static (AttachmentType?, string?) InspectOfficeContentTypes(ZipArchive archive, byte[] manifest)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxManifestBytes };
        using var reader = XmlReader.Create(new MemoryStream(manifest), settings);
        AttachmentType? found = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("Override" or "Default"))
            {
                continue;
            }
            var contentType = reader.GetAttribute("ContentType") ?? "";
            // .docm, .xlsm, .pptm: their main parts are "macroEnabled", and macros live in vbaProject.bin.
            if (contentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("vbaProject", StringComparison.OrdinalIgnoreCase))
            {
                return (null, MediaMessages.MacroAttachment);
            }
            var partName = reader.GetAttribute("PartName")?.TrimStart('/');
            if (found is null && partName is not null && OfficeMainParts.TryGetValue(contentType, out var type) && HasEntry(archive, partName))
            {
                found = type;
            }
        }
        return (found, null);
    }

    // Part names in Office files are case-insensitive; ZIP entry names are not.
    private static bool HasEntry(ZipArchive archive, string name) =>
        archive.Entries.Any(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>At most <paramref name="limit"/> bytes: the size an entry declares may lie.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, int limit)
    {
        using var stream = entry.Open();
        var buffer = new byte[limit + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }
        if (total > limit)
        {
            throw new InvalidDataException($"{entry.FullName} is larger than {limit} bytes.");
        }
        return buffer[..total];
    }

    private static (AttachmentType?, string?) InspectCompoundFile(ReadOnlySpan<byte> bytes)
    {
        var names = CompoundFile.EntryNames(bytes);
        if (names is null)
        {
            return (null, MediaMessages.CorruptAttachment);
        }
        bool Has(string name) => names.Contains(name, StringComparer.OrdinalIgnoreCase);
        // A password-protected DOCX/XLSX/PPTX is an encrypted package inside a compound file.
        if (Has("EncryptedPackage"))
        {
            return (null, MediaMessages.EncryptedAttachment);
        }
        if (Has("Macros") || Has("_VBA_PROJECT_CUR") || Has("VBA"))
        {
            return (null, MediaMessages.MacroAttachment);
        }
        return Has("WordDocument") ? (AttachmentType.Doc, null)
            : Has("Workbook") || Has("Book") ? (AttachmentType.Xls, null)
            : Has("PowerPoint Document") ? (AttachmentType.Ppt, null)
            : (null, MediaMessages.UnsupportedAttachment);
    }
}
