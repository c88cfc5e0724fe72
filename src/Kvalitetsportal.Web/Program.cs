using Kvalitetsportal.Caching;
using Kvalitetsportal.Hosting;
using Kvalitetsportal.Modules;
using Kvalitetsportal.Setup;
using Kvalitetsportal.Web.Data;
using Kvalitetsportal.Web.Operations;
using Kvalitetsportal.Web.Errors;
using Microsoft.AspNetCore.DataProtection;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

var dataFolder = Path.GetFullPath(builder.Configuration["Portal:DataFolder"] ?? "App_Data", builder.Environment.ContentRootPath);
Directory.CreateDirectory(dataFolder);
builder.Configuration["Portal:DataFolderResolved"] = dataFolder;

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    // Sinks, levels and enrichers come from the "Serilog" section; the rolling file always lives in the data folder.
    // Sinks write on a background thread (Serilog.Sinks.Async): a request never waits for the disk or the console.
    .WriteTo.Async(sink => sink.File(
        new Serilog.Formatting.Compact.CompactJsonFormatter(),
        Path.Combine(dataFolder, "logs", "portal-.json"),
        rollingInterval: RollingInterval.Day,
        retainedFileCountLimit: builder.Configuration.GetValue("Serilog:File:RetainedFileCountLimit", 14))));

var catalog = ModuleCatalog.Discover(typeof(Program).Assembly);
builder.Services.AddPortalDatabase(builder.Configuration, dataFolder);
builder.Services.AddPortalCache(builder.Configuration);
builder.Services.AddDataProtection()
    .SetApplicationName("Kvalitetsportal")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
builder.Services.AddPortal(builder.Configuration, catalog);
builder.Services.AddPortalOperations();
builder.Services.AddPortalForwardedHeaders(builder.Configuration);
builder.Services.AddPortalCompression();

var app = builder.Build();

app.UsePortalForwardedHeaders();

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseCorrelationId();
app.UseSecurityHeaders();
app.UseApiNoStore();
app.UseSerilogRequestLogging(options => options.EnrichDiagnosticContext = RequestLogEnricher.Enrich);
app.UseExceptionHandler(ErrorsController.ExceptionPath);
app.UseStatusCodePagesWithReExecute(ErrorsController.StatusPathFormat);
app.UseKnownCharset();
app.UseResponseCompression();
app.UsePortalStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseBodyLimit();
app.UseFeatureGate();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapPortalHealthChecks();
app.MapPortal(catalog);

await app.Services.GetRequiredService<PortalInitializer>().InitializeAsync();
await app.RunAsync();

/// <summary>Entry point; public so that integration tests can host it.</summary>
public partial class Program;
