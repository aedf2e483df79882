using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Nabla.Cli.Runs;

/// <summary>
/// Staging folders of earlier versions, ".NAME.PID.GUID.tmp" (and ".old" beside them): left behind
/// when their process was killed mid-write. Stale once no process has that id.
/// </summary>
internal static partial class LegacyStaging
{
    public static bool IsStale(string name)
    {
        var m = Pattern().Match(name);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !Running(pid);
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // (no such process)
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\..+\.([0-9]+)\.[0-9a-f]{32}\.tmp(\.old)?$")]
    private static partial Regex Pattern();
}
