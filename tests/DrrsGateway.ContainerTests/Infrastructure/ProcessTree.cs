using System.Globalization;

namespace DrrsGateway.ContainerTests.Infrastructure;

/// <summary>
/// Finds and signals a container's application process. buildah's chroot isolation runs it as a grandchild
/// of `buildah run`, and `buildah run` answers SIGTERM by killing it: so, like `docker stop` signalling the
/// container's first process, the tests signal the application itself.
/// </summary>
internal static class ProcessTree
{
    /// <summary>The descendants of <paramref name="root"/> whose command name is <paramref name="name"/>.</summary>
    public static IReadOnlyList<int> DescendantsNamed(int root, string name)
    {
        // The kernel keeps 15 characters of a command name.
        var comm = name.Length > 15 ? name[..15] : name;
        return [.. Descendants(root).Where(process => process.Name == comm).Select(process => process.Pid)];
    }

    /// <summary>
    /// Kills <paramref name="root"/> and every process under it, leaves first. Process.Kill(entireProcessTree)
    /// is not enough here: killing `buildah run` first leaves the chroot helper and the app running.
    /// </summary>
    public static async Task KillTreeAsync(int root)
    {
        var pids = Descendants(root).Select(process => process.Pid).Reverse().Append(root)
            .Select(pid => pid.ToString(CultureInfo.InvariantCulture));
        await Command.RunAsync("kill", ["-KILL", .. pids], TimeSpan.FromSeconds(10));
    }

    private static (int Pid, string Name)[] Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
                parents[pid] = int.Parse(stat[(close + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        // Parents before children: the order of the walk down from root.
        return names.Where(entry => IsDescendant(entry.Key, root, parents))
            .OrderBy(entry => Depth(entry.Key, parents))
            .Select(entry => (entry.Key, entry.Value))
            .ToArray();
    }

    /// <summary>The real user id a process runs as, from /proc.</summary>
    public static int UserIdOf(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Sends SIGTERM, as `docker stop` does first.</summary>
    public static async Task TerminateAsync(int pid) =>
        (await Command.RunAsync("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10))).EnsureSuccess();

    private static int Depth(int pid, Dictionary<int, int> parents)
    {
        var depth = 0;
        for (var current = pid; parents.TryGetValue(current, out var parent) && current > 1; current = parent)
        {
            depth++;
        }

        return depth;
    }

    private static bool IsDescendant(int pid, int root, Dictionary<int, int> parents)
    {
        for (var current = pid; parents.TryGetValue(current, out var parent) && current > 1; current = parent)
        {
            if (parent == root)
            {
                return true;
            }
        }

        return false;
    }
}
