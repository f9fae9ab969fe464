using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PbgdplPortal.Web.Contests;

/// <summary>
/// The entrants' bearer scheme in /openapi/v1.json: declared once under components, and required by
/// every operation whose endpoint needs <see cref="ContestHosting.ApiPolicy"/>.
/// </summary>
internal static class ContestOpenApi
{
    public static OpenApiOptions AddEntrantBearer(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ContestHosting.BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Mã truy cập của thí sinh, lấy từ POST /api/entrants/token (accessToken), gửi trong tiêu đề Authorization: Bearer …; hiệu lực 8 giờ.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == ContestHosting.ApiPolicy))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ContestHosting.BearerScheme, context.Document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Chưa đăng nhập: thiếu mã truy cập, mã đã hết hạn hoặc tài khoản đã xóa dữ liệu." });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
