using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace QkdScheduler.Core.IO;

/// <summary>
/// The content hash of a shard's part file (bench and sweep): <c>content_sha256</c> over the part's compact JSON without
/// that key, added when the shard writes it and checked by merge, so an edited objective or a hand-made part is refused
/// instead of changing best-known values and ratios. It proves the part is as its shard wrote it, not who ran the
/// shard: a hash is integrity, not a signature.
/// </summary>
public static class PartSeal
{
    public const string Key = "content_sha256";

    public static JsonObject Seal(JsonObject part)
    {
        part.Remove(Key);
        part[Key] = Hash(part);
        return part;
    }

    public static void Verify(JsonObject part, string path)
    {
        var stated = part[Key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (stated == null) throw new InputException(path, null, $"has no {Key}: it was edited, made by hand or by an older qkdsched; rerun that shard");
        var copy = part.DeepClone().AsObject();
        copy.Remove(Key);
        if (Hash(copy) != stated) throw new InputException(path, null, $"was changed after its shard wrote it ({Key} does not match); rerun that shard");
    }

    private static string Hash(JsonObject part) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(part.ToJsonString())));
}
