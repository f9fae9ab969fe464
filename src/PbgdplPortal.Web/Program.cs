using PbgdplPortal.Web.BackOffice;
using PbgdplPortal.Web.Content;
using PbgdplPortal.Web.Contests;
using PbgdplPortal.Web.Dialogues;
using PbgdplPortal.Web.Hosting;
using PbgdplPortal.Web.Mail;
using PbgdplPortal.Web.Media;
using PbgdplPortal.Web.Questions;
using PbgdplPortal.Web.Quizzes;
using PbgdplPortal.Web.Search;
using PbgdplPortal.Web.Site;

var (command, hostArgs) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddPortal();
builder.Services.AddContent();
builder.Services.AddSite();
builder.Services.AddSearch();
builder.Services.AddBackOffice(builder.Configuration);
builder.Services.AddQuizzes();
builder.Services.AddContests(builder.Configuration);
builder.Services.AddQuestions(builder.Configuration);
builder.Services.AddDialogues(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddMedia(builder.Configuration);

var app = builder.Build();
if (command is not null)
{
    return await CommandLine.RunAsync(app, command);
}

await app.InitializePortalAsync();
app.UsePortal();
app.MapPortal();
app.MapSite();
app.MapSearch();
app.MapQuizzes();
app.MapContests();
app.MapQuestions();
app.MapDialogues();
app.MapMedia();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
