namespace Live.LoadTest.Measurement;

/// <summary>One side's figures for a scenario, in the order they are printed.</summary>
public sealed class SideResult
{
    public List<(string Name, double Value, string Unit)> Metrics { get; } = [];

    public List<string> Notes { get; } = [];

    public void Add(string name, double value, string unit) => Metrics.Add((name, value, unit));

    public double? Get(string name) => Metrics.Where(m => m.Name == name).Select(m => (double?)m.Value).FirstOrDefault();
}

/// <summary>A scenario's result: Live, the SignalR baseline and, per metric, Live ÷ baseline.</summary>
public sealed record ScenarioResult(string Scenario, IReadOnlyDictionary<string, string> Parameters, SideResult Live, SideResult Baseline, string BaselineDescription);
