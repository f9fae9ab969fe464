using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

public sealed class DocumentForm : ContentForm
{
    /// <summary>Số hiệu as written.</summary>
    public string Number { get; set; } = "";

    public string Type { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string? Signer { get; set; }

    /// <summary>Dates as a date input sends them ("2014-06-19").</summary>
    public string? IssuedOn { get; set; }

    public string? EffectiveOn { get; set; }
    public string? ExpiresOn { get; set; }

    /// <summary>A label of <see cref="LegalVocabulary.StatusByLabel"/>.</summary>
    public string Validity { get; set; } = "Còn hiệu lực";

    /// <summary>"replaces | 15/1999/QH10" lines, optionally with the provisions touched: "amends | 11/2017/QH14 | khoản 5 Điều 7; điểm đ khoản 7 Điều 7".</summary>
    public string? Relations { get; set; }

    /// <summary>The official full text elsewhere, optional.</summary>
    public string? SourceUrl { get; set; }
}

public sealed record DocumentChoices(IReadOnlyList<Choice> Validities);

/// <summary>Legal document records in the back office: list, editor, workflow, revisions, and "cần rà soát" for citing articles.</summary>
[Route("quan-tri/van-ban")]
public sealed class DocumentsController(PortalDbContext db, TimeProvider clock, DocumentNumberIndex directory)
    : ContentEditorController<LegalDocument, DocumentForm, DocumentChoices>(db, clock, directory)
{
    protected override string BasePath => "/quan-tri/van-ban";
    protected override string KindLabel => "Văn bản";
    protected override string RevisionType => RevisionContentTypes.Document;

    /// <summary>Administrators may keep a record without an agency.</summary>
    protected override bool AgencyRequired => false;

    [HttpGet("")]
    public async Task<IActionResult> Index(ListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        filter.Topic = null;
        var rows = Db.LegalDocuments.AsNoTracking().Select(d => new ContentRow
        {
            Id = d.Id,
            Title = d.Title,
            Slug = d.Slug,
            Number = d.Number,
            Status = d.Publication,
            PublishedAt = d.PublishedAt,
            UnpublishAt = d.UnpublishAt,
            AgencyId = d.AgencyId,
            AgencyName = d.Agency == null ? null : d.Agency.Name,
            UpdatedAt = d.UpdatedAt,
            HasPendingDraft = Db.Revisions.Any(r => r.ContentType == RevisionContentTypes.Document && r.ContentId == d.Id && r.Pending),
        });
        return await ListAsync(rows, filter, [], cancellationToken);
    }

    protected override Task<LegalDocument?> LoadAsync(int id, CancellationToken cancellationToken) =>
        Db.LegalDocuments.Include(d => d.Relations).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);

    protected override EditableContent Wrap(LegalDocument entity) => EditableContent.Of(entity);

    protected override LegalDocument Create() =>
        new() { Slug = "", Number = "", NumberKey = "", Type = "", Title = "", Issuer = "", Body = "", Publication = PublicationStatus.Draft };

    protected override string PublicUrl(string slug) => SiteUrls.Document(slug);

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    protected override DocumentForm FormOf(LegalDocument entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new DocumentForm
        {
            Version = entity.Version,
            Title = entity.Title,
            Slug = entity.Slug,
            Body = entity.Body,
            PublishAt = entity.Publication == PublicationStatus.Published || entity.PublishedAt > Now ? LocalInput(entity.PublishedAt) : null,
            UnpublishAt = entity.UnpublishAt is { } until ? LocalInput(until) : null,
            AgencyId = entity.AgencyId,
            Number = entity.Number,
            Type = entity.Type,
            Issuer = entity.Issuer,
            Signer = entity.Signer,
            IssuedOn = Date(entity.IssuedOn),
            EffectiveOn = entity.EffectiveOn is null ? null : Date(entity.EffectiveOn),
            ExpiresOn = entity.ExpiresOn is null ? null : Date(entity.ExpiresOn),
            Validity = entity.Status.Label(),
            Relations = string.Join("\n", entity.Relations.OrderBy(r => r.Id)
                .Select(r => $"{LegalVocabulary.RelationByCode.First(p => p.Value == r.Kind).Key} | {r.TargetNumber}"
                    + (r.Provisions is null ? "" : $" | {r.Provisions}"))),
            SourceUrl = entity.SourceUrl,
        };
    }

    protected override async Task ApplyAsync(DocumentForm form, LegalDocument entity, int? agencyId, bool publishing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(entity);
        string Clean(string? text) => VietnameseText.Nfc(text ?? "").Trim();
        form.Number = Clean(form.Number);
        form.Type = Clean(form.Type);
        form.Issuer = Clean(form.Issuer);
        form.Signer = string.IsNullOrWhiteSpace(form.Signer) ? null : Clean(form.Signer);
        form.SourceUrl = string.IsNullOrWhiteSpace(form.SourceUrl) ? null : Clean(form.SourceUrl);
        if (form.SourceUrl is not null && LegalDocumentLimits.SourceUrlProblem(form.SourceUrl) is { } sourceProblem)
        {
            ModelState.AddModelError(nameof(form.SourceUrl), char.ToUpperInvariant(sourceProblem[0]) + sourceProblem[1..] + ".");
        }
        void Required(string value, string field, string label, int max)
        {
            if (value.Length == 0)
            {
                ModelState.AddModelError(field, $"Hãy nhập {label}.");
            }
            else if (value.Length > max)
            {
                ModelState.AddModelError(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} quá dài (tối đa {max} ký tự).");
            }
        }
        Required(form.Number, nameof(form.Number), "số hiệu", 100);
        Required(form.Type, nameof(form.Type), "loại văn bản", 100);
        Required(form.Issuer, nameof(form.Issuer), "cơ quan ban hành", 300);
        if (form.Title.Length > 1000)
        {
            ModelState.AddModelError(nameof(form.Title), "Tiêu đề quá dài (tối đa 1.000 ký tự).");
        }
        if (form.Signer is { Length: > 200 })
        {
            ModelState.AddModelError(nameof(form.Signer), "Tên người ký quá dài (tối đa 200 ký tự).");
        }
        var key = DocumentNumbers.Key(form.Number);
        if (form.Number.Length > 0 && await Db.LegalDocuments.AnyAsync(d => d.NumberKey == key && d.Id != entity.Id, cancellationToken))
        {
            ModelState.AddModelError(nameof(form.Number), $"Số hiệu “{form.Number}” đã có trong hệ thống (một văn bản khác).");
        }
        var issued = ParseDate(form.IssuedOn, nameof(form.IssuedOn), "ngày ban hành", required: true);
        var effective = ParseDate(form.EffectiveOn, nameof(form.EffectiveOn), "ngày có hiệu lực", required: false);
        var expires = ParseDate(form.ExpiresOn, nameof(form.ExpiresOn), "ngày hết hiệu lực", required: false);
        if (!LegalVocabulary.StatusByLabel.TryGetValue(form.Validity ?? "", out var validity))
        {
            ModelState.AddModelError(nameof(form.Validity), "Hãy chọn tình trạng hiệu lực.");
        }
        var relations = ParseRelations(form);
        if (!ModelState.IsValid)
        {
            return;
        }
        entity.Title = form.Title;
        entity.Slug = form.Slug!;
        entity.Body = form.Body;
        entity.Number = form.Number;
        entity.NumberKey = key;
        entity.Type = form.Type;
        entity.Issuer = form.Issuer;
        entity.Signer = form.Signer;
        entity.SourceUrl = form.SourceUrl;
        entity.IssuedOn = issued!.Value;
        entity.EffectiveOn = effective;
        entity.ExpiresOn = expires;
        entity.Status = validity;
        entity.AgencyId = agencyId;
        // A relation that stays the same keeps the moment it was entered (the legal-basis watch reads it).
        var recorded = entity.Relations.GroupBy(r => (r.Kind, r.TargetNumberKey, r.Provisions)).ToDictionary(g => g.Key, g => g.First().RecordedAt);
        Db.DocumentRelations.RemoveRange(entity.Relations);
        entity.Relations.Clear();
        entity.Relations.AddRange(relations.Select(r => new DocumentRelation
        {
            Kind = r.Kind, TargetNumber = r.Number, TargetNumberKey = DocumentNumbers.Key(r.Number), Provisions = r.Provisions,
            RecordedAt = recorded.GetValueOrDefault((r.Kind, DocumentNumbers.Key(r.Number), r.Provisions)) ?? Now,
        }));
    }

    private DateOnly? ParseDate(string? text, string field, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError(field, $"Hãy nhập {label}.");
            }
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        ModelState.AddModelError(field, $"Không hiểu {label} “{text}”; hãy nhập theo dạng ngày/tháng/năm.");
        return null;
    }

    private List<(DocumentRelationKind Kind, string Number, string? Provisions)> ParseRelations(DocumentForm form)
    {
        var result = new List<(DocumentRelationKind, string, string?)>();
        var lines = (form.Relations ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = VietnameseText.Nfc(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var parts = line.Split('|', 3);
            var number = parts.Length >= 2 ? parts[1].Trim() : "";
            var provisions = parts.Length == 3 ? RelationProvisions.Normalize(parts[2]) : null;
            if (parts.Length < 2 || !LegalVocabulary.RelationByCode.TryGetValue(parts[0].Trim().ToLowerInvariant(), out var kind) || number.Length is 0 or > 100)
            {
                ModelState.AddModelError(nameof(form.Relations),
                    $"Dòng {i + 1} (“{line}”): hãy viết “quan hệ | số hiệu” hoặc “quan hệ | số hiệu | điều khoản; điều khoản”, "
                    + "với quan hệ là amends, replaces, repeals, suspends, guides hoặc based-on.");
                continue;
            }
            if (RelationProvisions.Problem(provisions) is { } problem)
            {
                ModelState.AddModelError(nameof(form.Relations), $"Dòng {i + 1}: {problem}.");
                continue;
            }
            result.Add((kind, number, provisions));
        }
        return result;
    }

    /// <summary>
    /// Runs the legal-basis watch once the record is saved: a relation or a status that took effect flags the items
    /// citing what changed at once, not only at the watch's next round.
    /// </summary>
    protected override async Task AfterCommitAsync(LegalDocument entity, CancellationToken cancellationToken) =>
        await new LegalBasisWatch(Db, Clock).RunAsync(cancellationToken);

    protected override async Task<string?> DeleteBlockerAsync(LegalDocument entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var citing = await Db.ArticleCitations.Where(c => c.LegalDocumentId == entity.Id).Select(c => c.ArticleId).Distinct().CountAsync(cancellationToken);
        return citing == 0 ? null
            : $"Chưa xóa được: văn bản {entity.Number} đang được {citing} bài viết trích dẫn. Hãy bỏ trích dẫn trong các bài đó, hoặc gỡ văn bản xuống thay vì xóa.";
    }

    protected override Task<DocumentChoices> ChoicesAsync(DocumentForm form, int? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Task.FromResult(new DocumentChoices([.. LegalVocabulary.StatusByLabel.Keys.Select(label => new Choice(label, label, label == form.Validity))]));
    }
}
