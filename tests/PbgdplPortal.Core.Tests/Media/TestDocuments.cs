using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PbgdplPortal.Core.Tests.Media;

/// <summary>Real, minimal attachment files made on the spot.</summary>
internal static class TestDocuments
{
    /// <summary>A one-page PDF 1.4 with a correct cross-reference table.</summary>
    public static byte[] Pdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length 44 >>\nstream\nBT /F1 24 Tf 72 770 Td (Quyet dinh) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    public const string WordMainType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    /// <summary>A Word document as Word writes it: [Content_Types].xml, the package relationships and the main part.</summary>
    public static byte[] Docx() => OfficeOpenXml("word/document.xml", WordMainType,
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Quyết định</w:t></w:r></w:p></w:body></w:document>");

    public static byte[] OfficeOpenXml(string mainPart, string mainContentType, string mainXml, Action<ZipArchive>? more = null) => Zip(archive =>
    {
        Add(archive, "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + $"<Override PartName=\"/{mainPart}\" ContentType=\"{mainContentType}\"/>"
            + "</Types>");
        Add(archive, "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + $"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"{mainPart}\"/>"
            + "</Relationships>");
        Add(archive, mainPart, mainXml);
        more?.Invoke(archive);
    });

    /// <summary>An OpenDocument file: an uncompressed "mimetype" entry first, then the content.</summary>
    public static byte[] OpenDocument(string mimeType) => Zip(archive =>
    {
        Add(archive, "mimetype", mimeType, CompressionLevel.NoCompression);
        Add(archive, "content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>");
        Add(archive, "META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>");
    });

    public static byte[] Zip(Action<ZipArchive> fill)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(archive);
        }
        return output.ToArray();
    }

    public static void Add(ZipArchive archive, string name, string text, CompressionLevel level = CompressionLevel.Optimal) =>
        Add(archive, name, Encoding.UTF8.GetBytes(text), level);

    public static void Add(ZipArchive archive, string name, byte[] bytes, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(bytes);
    }

    /// <summary>
    /// An OLE2 compound file (version 3, 512-byte sectors) whose directory lists <paramref name="streamNames"/>:
    /// sector 0 holds the allocation table, sector 1 the directory. The streams are empty; only their names matter here.
    /// </summary>
    public static byte[] CompoundFile(params string[] streamNames)
    {
        if (streamNames.Length > 3)
        {
            throw new ArgumentException("One directory sector holds the root and three streams.", nameof(streamNames));
        }
        const uint free = 0xFFFFFFFF, endOfChain = 0xFFFFFFFE, fatSector = 0xFFFFFFFD;
        var file = new byte[512 * 3];
        var header = file.AsSpan(0, 512);
        ReadOnlySpan<byte> signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x003E); // minor version
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3); // major version
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE); // byte order
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9); // 512-byte sectors
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6); // 64-byte mini sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1); // one FAT sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1); // directory starts in sector 1
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096); // mini stream cutoff
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], endOfChain); // no mini FAT
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], endOfChain); // no DIFAT sectors
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + (i * 4))..], i == 0 ? 0 : free);
        }

        var fat = file.AsSpan(512, 512);
        for (var i = 0; i < 128; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], i switch { 0 => fatSector, 1 => endOfChain, _ => free });
        }

        var directory = file.AsSpan(1024, 512);
        string[] names = ["Root Entry", .. streamNames];
        for (var i = 0; i < names.Length; i++)
        {
            var entry = directory.Slice(i * 128, 128);
            var name = Encoding.Unicode.GetBytes(names[i] + "\0");
            name.CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)name.Length);
            entry[66] = (byte)(i == 0 ? 5 : 2); // root storage, then streams
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], free); // left sibling
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], i > 0 && i < names.Length - 1 ? (uint)(i + 1) : free); // right sibling
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], i == 0 && names.Length > 1 ? 1u : free); // child
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], endOfChain); // start sector
        }
        return file;
    }

    public static byte[] WindowsExecutable()
    {
        var exe = new byte[1024];
        "MZ"u8.CopyTo(exe);
        BinaryPrimitives.WriteInt32LittleEndian(exe.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        return exe;
    }

    public static byte[] Html => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>fetch('/admin')</script>Quyết định</body></html>");
}
