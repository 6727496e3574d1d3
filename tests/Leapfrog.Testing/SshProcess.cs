using System.Diagnostics;

namespace Leapfrog.Testing;

/// <summary>Small process helpers for the sshd harness (run a tool, find child processes through /proc).</summary>
public static class SshProcess
{
    /// <summary>Runs a program to completion; throws with its stderr when it fails.</summary>
    public static string Run(string program, IEnumerable<string> args, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {stderr}");
        }

        return stdoutTask.Result;
    }

    /// <summary>Parent pid of a process from /proc, or -1 when it is gone.</summary>
    public static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(rest[1]);
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    /// <summary>The short command name (/proc/pid/comm), or "" when gone.</summary>
    public static string CommOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>All live descendants of a process (children, grandchildren, ...).</summary>
    public static IReadOnlyList<int> DescendantsOf(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                parents[pid] = ParentOf(pid);
            }
        }

        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var p = frontier.Dequeue();
            foreach (var (child, parent) in parents)
            {
                if (parent == p)
                {
                    result.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return result;
    }

    /// <summary>SIGKILLs a process if it still exists.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill();
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
