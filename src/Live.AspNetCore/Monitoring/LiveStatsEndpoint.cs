using System.Text.Json;
using Live.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore.Monitoring;

/// <summary>Writes the stats document (see <c>docs/performance.md</c>) with a <see cref="Utf8JsonWriter"/>: no reflection, trim-safe.</summary>
internal static class LiveStatsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<LiveRuntime>();
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            Write(runtime, writer);
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    internal static void Write(LiveRuntime runtime, Utf8JsonWriter writer)
    {
        var statistics = runtime.Metrics.Statistics;
        var used = statistics.Components.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        writer.WriteStartObject();
        writer.WriteBoolean("shuttingDown"u8, runtime.IsShuttingDown);
        writer.WriteNumber("connections"u8, runtime.ConnectionCount);
        writer.WriteNumber("connectionsTotal"u8, statistics.ConnectionsTotal);
        writer.WriteNumber("instances"u8, used.Values.Sum(c => c.Instances));
        writer.WriteNumber("mounts"u8, used.Values.Sum(c => c.Mounts));
        writer.WriteNumber("singletons"u8, runtime.SingletonCount);
        writer.WriteStartArray("components"u8);
        foreach (var descriptor in runtime.Registry.All.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            used.TryGetValue(descriptor.Name, out var component);
            writer.WriteStartObject();
            writer.WriteString("name"u8, descriptor.Name);
            writer.WriteBoolean("singleton"u8, descriptor.Singleton);
            writer.WriteNumber("instances"u8, component?.Instances ?? 0);
            writer.WriteNumber("mounts"u8, component?.Mounts ?? 0);
            writer.WriteStartArray("actions"u8);
            var actions = component?.Actions.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
            foreach (var name in descriptor.Actions.Keys.Order(StringComparer.Ordinal))
            {
                actions.TryGetValue(name, out var action);
                writer.WriteStartObject();
                writer.WriteString("name"u8, name);
                writer.WriteNumber("count"u8, action?.Count ?? 0);
                writer.WriteNumber("errors"u8, action?.Errors ?? 0);
                writer.WriteNumber("meanMs"u8, Math.Round(action?.Mean.TotalMilliseconds ?? 0, 3));
                writer.WriteNumber("maxMs"u8, Math.Round(action?.Max.TotalMilliseconds ?? 0, 3));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
