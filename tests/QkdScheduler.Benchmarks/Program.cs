using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(QkdScheduler.Benchmarks.SolverBenchmarks).Assembly).Run(args);
