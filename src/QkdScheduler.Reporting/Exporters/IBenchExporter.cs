using QkdScheduler.Core.Benchmarking;

namespace QkdScheduler.Reporting.Exporters;

/// <summary>Renders a <see cref="BenchSummary"/> as one file; exporters never run anything.</summary>
public interface IBenchExporter
{
    string FileName { get; }
    string Render(BenchSummary summary);
}

public static class BenchExporters
{
    public static IReadOnlyList<IBenchExporter> All { get; } = [new CsvBenchExporter(), new JsonBenchExporter(), new MarkdownBenchExporter()];
}
