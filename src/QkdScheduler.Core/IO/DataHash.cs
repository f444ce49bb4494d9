using System.Security.Cryptography;

namespace QkdScheduler.Core.IO;

/// <summary>
/// The SHA-256 an instance records for each data file, <c>sha256:</c> + 64 hex digits, over the file's bytes with every
/// CRLF read as LF: a checkout that converted line ends still matches, any other change does not. Streamed, so a large
/// keys.csv is never held in memory.
/// </summary>
public static class DataHash
{
    public static string Of(string path)
    {
        using var stream = InputFile.OpenRead(path);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var output = new byte[buffer.Length + 1];
        var pendingCr = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var n = 0;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (pendingCr && b != (byte)'\n') output[n++] = (byte)'\r';
                pendingCr = b == (byte)'\r';
                if (!pendingCr) output[n++] = b;
            }

            hash.AppendData(output, 0, n);
        }

        if (pendingCr) hash.AppendData([(byte)'\r']);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
