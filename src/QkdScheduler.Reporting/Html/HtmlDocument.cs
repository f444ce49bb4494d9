using System.Net;
using System.Text;
using ScottPlot;
using QkdScheduler.Reporting.Charts;

namespace QkdScheduler.Reporting.Html;

/// <summary>
/// A self-contained HTML page: inline CSS and inline SVG charts, no script, font or image from anywhere else,
/// so it works offline and as a mail attachment. Every chart is a <c>figure.chart</c> with a <c>data-chart</c>
/// name and a caption.
/// </summary>
public sealed class HtmlDocument(string title)
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 980px; color: #1b1b1b; line-height: 1.45; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.5rem; } h3 { font-size: 1.05rem; }
        table { border-collapse: collapse; margin: .6rem 0 1.2rem; font-size: .85rem; }
        th, td { border: 1px solid #d0d0d0; padding: .2rem .5rem; text-align: right; } th { background: #f2f2f2; }
        td:first-child, th:first-child { text-align: left; } table.facts td { text-align: left; } table.facts th { font-weight: 600; white-space: nowrap; }
        figure.chart { margin: 1rem 0 1.6rem; } figure.chart svg { width: 100%; height: auto; border: 1px solid #e4e4e4; }
        figcaption { font-size: .85rem; color: #444; margin-top: .3rem; }
        .warning { background: #fff4e0; border-left: 4px solid #e08a00; padding: .4rem .8rem; }
        .note { color: #555; font-size: .85rem; }
        """;

    private readonly StringBuilder _body = new();

    public int ChartCount { get; private set; }

    public HtmlDocument Heading(int level, string text)
    {
        _body.Append($"<h{level}>").Append(E(text)).Append($"</h{level}>\n");
        return this;
    }

    public HtmlDocument Paragraph(string text, string? cssClass = null)
    {
        _body.Append(cssClass == null ? "<p>" : $"<p class=\"{cssClass}\">").Append(E(text)).Append("</p>\n");
        return this;
    }

    public HtmlDocument Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<table><thead><tr>");
        foreach (var h in header) _body.Append("<th>").Append(E(h)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(E(cell)).Append("</td>");
            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Two-column key/value table, no header.</summary>
    public HtmlDocument Facts(IEnumerable<(string Key, string Value)> facts)
    {
        _body.Append("<table class=\"facts\"><tbody>\n");
        foreach (var (key, value) in facts) _body.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");
        _body.Append("</tbody></table>\n");
        return this;
    }

    public HtmlDocument Chart(string name, Plot plot, string caption)
    {
        ChartCount++;
        _body.Append($"<figure class=\"chart\" data-chart=\"{E(name)}\">\n").Append(ChartKit.Svg(plot)).Append("\n<figcaption>")
            .Append(E(caption)).Append("</figcaption></figure>\n");
        return this;
    }

    public string Render() =>
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style></head>\n<body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append(_body)
            .Append("</body></html>\n").ToString();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
