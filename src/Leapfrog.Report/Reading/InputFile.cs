using System.Text;

namespace Leapfrog.Report.Reading;

/// <summary>Reads an input file as UTF-8 text; a failure is a plain reason, never an exception.</summary>
internal static class InputFile
{
    /// <summary>Largest input read (a state file of many hops is well under a megabyte).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static string? Read(string path, out string? error)
    {
        error = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = Directory.Exists(path) ? "is a directory, not a file" : "does not exist";
                return null;
            }

            if (info.Length > MaxBytes)
            {
                error = $"is {info.Length} bytes, larger than {MaxBytes} bytes: not a leapfrog file";
                return null;
            }

            return new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
        }
        catch (UnauthorizedAccessException)
        {
            error = "cannot be read (permission denied)";
        }
        catch (DecoderFallbackException)
        {
            error = "is not UTF-8 text";
        }
        catch (IOException ex)
        {
            error = "cannot be read: " + ex.Message;
        }

        return null;
    }
}
