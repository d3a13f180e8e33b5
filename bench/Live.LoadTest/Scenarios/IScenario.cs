using Live.LoadTest.Measurement;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>One load scenario: the same work done on Live and on the SignalR baseline, one after the other.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>What the baseline does, printed under the table.</summary>
    string BaselineDescription { get; }

    IReadOnlyDictionary<string, string> Parameters { get; }

    Task<SideResult> RunLiveAsync(ProgressContext progress);

    Task<SideResult> RunBaselineAsync(ProgressContext progress);
}
