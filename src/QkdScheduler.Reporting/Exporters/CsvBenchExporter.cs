using QkdScheduler.Core.IO;
using System.Text;
using QkdScheduler.Core.Benchmarking;

namespace QkdScheduler.Reporting.Exporters;

/// <summary><c>results.csv</c>: one row per case, RFC 4180 quoting where a field needs it.</summary>
public sealed class CsvBenchExporter : IBenchExporter
{
    public string FileName => "results.csv";

    public string Render(BenchSummary summary)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', BenchColumns.Names)).Append('\n');
        foreach (var row in summary.Rows)
            sb.Append(string.Join(',', BenchColumns.Values(row).Select(TextFormat.CsvField))).Append('\n');
        return sb.ToString();
    }
}
