using System.Diagnostics.CodeAnalysis;

namespace PbgdplPortal.Media;

/// <summary>What an uploaded attachment turned out to be, or why it was refused.</summary>
public sealed class AttachmentInspection
{
    private AttachmentInspection(string? error, AttachmentType? type, ReadOnlyMemory<byte> content, string? fileName)
    {
        Error = error;
        Type = type;
        Content = content;
        FileName = fileName;
    }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Type), nameof(FileName), nameof(StorageKey))]
    public bool Succeeded => Error is null;

    /// <summary>Why the file was refused, in Vietnamese for the editor.</summary>
    public string? Error { get; }

    /// <summary>Found from the content; its content type is the one to serve.</summary>
    public AttachmentType? Type { get; }

    /// <summary>The uploaded bytes, unchanged, for the caller to store.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The name to offer on download: the uploaded name, cleaned, with the extension of the real type.</summary>
    public string? FileName { get; }

    /// <summary>"doc/ab/ab12….pdf", named by content so identical uploads are stored once.</summary>
    public string? StorageKey => Type is null ? null : MediaKey.ForContent("doc", Content.Span, "", Type.Extension);

    internal static AttachmentInspection Failure(string error) => new(error, null, ReadOnlyMemory<byte>.Empty, null);

    internal static AttachmentInspection Success(AttachmentType type, ReadOnlyMemory<byte> content, string? uploadedName) =>
        new(null, type, content, DownloadFileName.From(uploadedName, type.Extension));
}
