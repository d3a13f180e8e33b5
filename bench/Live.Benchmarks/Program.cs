using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Live.Benchmarks -- --filter '*' --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(Live.Benchmarks.DiffBenchmarks).Assembly).Run(args);
