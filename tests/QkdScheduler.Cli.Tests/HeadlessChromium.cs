using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QkdScheduler.Cli.Tests;

/// <summary>
/// A headless Chromium driven over the DevTools protocol (a WebSocket, JSON messages): open a page, collect console
/// errors and exceptions, evaluate an expression, take a full-page screenshot. Only what the report test needs.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly List<string> _errors = [];
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and failed loads the page reported.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <summary>The browser executable: $QKDSCHED_CHROMIUM, else a Chromium-based browser on PATH; null when none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("QKDSCHED_CHROMIUM") is { Length: > 0 } set) return set;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser", "google-chrome", "chrome", "msedge" }
            .SelectMany(name => new[] { name, name + ".exe" })
            .SelectMany(name => path.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("qkdsched-chromium-").FullName;
        var info = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", "--window-size=1100,900", "about:blank" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" when it is ready.
            string? port = null;
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (port == null && await process.StandardError.ReadLineAsync(ready.Token) is { } line)
                if (Listening().Match(line) is { Success: true } m) port = m.Groups[1].Value;
            _ = process.StandardError.ReadToEndAsync();
            if (port == null) throw new InvalidOperationException($"{executable} ended without opening a DevTools port");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), ready.Token);
            await browser.CallAsync("Runtime.enable");
            await browser.CallAsync("Log.enable");
            await browser.CallAsync("Page.enable");
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task OpenAsync(string url)
    {
        var result = await CallAsync("Page.navigate", new JsonObject { ["url"] = url }, waitForEvent: "Page.loadEventFired");
        if (result["errorText"] is { } error) throw new InvalidOperationException($"could not open {url}: {error}");
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value (by value, as JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result["exceptionDetails"] is { } e) throw new InvalidOperationException($"page script failed: {e.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page (beyond the window).</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String((string)result["data"]!);
    }

    private async Task<JsonNode> CallAsync(string method, JsonObject? parameters = null, string? waitForEvent = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        JsonNode? reply = null;
        var sawEvent = waitForEvent == null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (reply == null || !sawEvent)
        {
            var m = await ReceiveAsync(timeout.Token);
            if ((int?)m["id"] == id)
            {
                if (m["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
                reply = m["result"] ?? new JsonObject();
            }
            else if ((string?)m["method"] is { } evt)
            {
                if (evt == waitForEvent) sawEvent = true;
                Record(evt, m["params"]);
            }
        }

        return reply;
    }

    private void Record(string evt, JsonNode? p)
    {
        var type = p?["type"]?.GetValue<string>();
        var level = p?["entry"]?["level"]?.GetValue<string>();
        if (evt == "Runtime.exceptionThrown")
            _errors.Add("exception: " + p?["exceptionDetails"]?.ToJsonString());
        else if (evt == "Runtime.consoleAPICalled" && type is "error" or "assert")
            _errors.Add("console." + type + ": " + p?["args"]?.ToJsonString());
        else if (evt == "Log.entryAdded" && level == "error")
            _errors.Add("log: " + p?["entry"]?.ToJsonString());
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (r.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("the browser closed the DevTools connection");
            text.Write(buffer, 0, r.Count);
        }
        while (!r.EndOfMessage);
        return JsonNode.Parse(text.ToArray())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser is going away anyway.
        }

        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A crash-reporter file may still be held open for a moment; it is a temporary folder.
        }
    }

    [GeneratedRegex(@"DevTools listening on ws://[^:]+:(\d+)/")]
    private static partial Regex Listening();
}
