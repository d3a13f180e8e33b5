using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Live.LoadTest.Measurement;

/// <summary>Prints the result table and writes the <c>--json</c> file.</summary>
public static class ResultWriter
{
    public static void Print(ScenarioResult result)
    {
        var table = new Table().Title($"[bold]{result.Scenario}[/] ({string.Join(", ", result.Parameters.Select(p => $"{p.Key}={p.Value}"))})");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("Live").RightAligned());
        table.AddColumn(new TableColumn("SignalR").RightAligned());
        table.AddColumn(new TableColumn("Live ÷ SignalR").RightAligned());
        foreach (var (name, value, unit) in result.Live.Metrics)
        {
            var baseline = result.Baseline.Get(name);
            table.AddRow(
                Markup.Escape($"{name} ({unit})"),
                Format(value),
                baseline is { } b ? Format(b) : "–",
                baseline is { } d ? Format(Ratio(value, d)) : "–");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]baseline: {Markup.Escape(result.BaselineDescription)}[/]");
        foreach (var note in result.Live.Notes.Concat(result.Baseline.Notes))
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(note)}[/]");
        }
    }

    public static void WriteJson(ScenarioResult result, string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("scenario", result.Scenario);
        writer.WriteStartObject("parameters");
        foreach (var (key, value) in result.Parameters)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        writer.WriteString("baselineDescription", result.BaselineDescription);
        WriteSide(writer, "live", result.Live);
        WriteSide(writer, "baseline", result.Baseline);
        writer.WriteStartObject("ratio");
        foreach (var (name, value, _) in result.Live.Metrics)
        {
            if (result.Baseline.Get(name) is { } baseline)
            {
                WriteNumber(writer, name, Ratio(value, baseline));
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSide(Utf8JsonWriter writer, string name, SideResult side)
    {
        writer.WriteStartObject(name);
        foreach (var (metric, value, _) in side.Metrics)
        {
            WriteNumber(writer, metric, value);
        }

        if (side.Notes.Count > 0)
        {
            writer.WriteStartArray("notes");
            foreach (var note in side.Notes)
            {
                writer.WriteStringValue(note);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static double Ratio(double live, double baseline) => baseline == 0 ? double.NaN : live / baseline;

    private static string Format(double value) =>
        !double.IsFinite(value) ? "n/a"
        : Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
