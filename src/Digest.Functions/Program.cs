using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The Functions app: the composition root is AddDigest, shared with `digest serve`. Its instances share only the
// storage account, so AzureWebJobsStorage (or Digest:Storage) is required; a bad setting stops the worker at start.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDigest(builder.Configuration, new DigestHostOptions(RequireSharedStorage: true));

// The stages' spans and counters (DigestTelemetry) with the worker's own, to Application Insights when it is configured.
// Its local auth is off in infra/, so the exporter signs in as the app's identity (AZURE_CLIENT_ID).
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithTracing(tracing => tracing.AddSource(DigestTelemetry.Name))
    .WithMetrics(metrics => metrics.AddMeter(DigestTelemetry.Name));
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    telemetry.UseAzureMonitorExporter(exporter => exporter.Credential = new DefaultAzureCredential());
}

builder.Build().Run();
