using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app: the composition root is AddDigest, shared with `digest serve`. Its instances share only the
// storage account, so AzureWebJobsStorage (or Digest:Storage) is required; a bad setting stops the worker at start.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddDigest(builder.Configuration, new DigestHostOptions(RequireSharedStorage: true));
builder.Build().Run();
