using QkdScheduler.Core.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using QkdScheduler.Core;

namespace QkdScheduler.Reporting.Html;

/// <summary>
/// Typed reads from a JSON file a user hands us (result.json, results.json): every wrong shape (not an object, a
/// number where text belongs, a duplicate key) becomes a one-line <see cref="InputException"/> naming the file.
/// </summary>
public static class JsonInput
{
    public static JsonObject Object(string path, string what)
    {
        try
        {
            return JsonNode.Parse(InputFile.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                   ?? throw new InputException(path, null, $"is not a JSON object; give {what}");
        }
        catch (JsonException e)
        {
            throw new InputException(path, (int?)e.LineNumber + 1, $"is not valid JSON ({e.Message}); give {what}");
        }
    }

    public static string Text(JsonObject o, string name, string path) =>
        OptionalText(o, name, path) ?? throw new InputException(path, null, $"has no \"{name}\" text");

    public static string? OptionalText(JsonObject o, string name, string path) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new InputException(path, null, $"\"{name}\" must be text"),
        };

    public static double? Number(JsonObject o, string name, string path) =>
        o[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<double>(out var d) => d,
            _ => throw new InputException(path, null, $"\"{name}\" must be a number or null"),
        };

    /// <summary>Runs a read that may meet a wrong shape deeper down, and reports it in the file's terms.</summary>
    public static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or NullReferenceException or KeyNotFoundException or OverflowException)
        {
            throw new InputException(path, null, $"has a value of the wrong kind ({e.Message}); give a file qkdsched wrote");
        }
    }
}
