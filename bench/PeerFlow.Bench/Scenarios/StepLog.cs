using System.Globalization;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// The recovery scenario's record of steps: a file that every worker process appends one line to per finished
/// activity ("ticks pid instance step"). A file, not a table, so that watching it costs Azurite nothing and the
/// moment a step is recorded does not depend on storage that the workers are also waiting on.
/// </summary>
internal sealed class StepLog(string path)
{
    private readonly Lock gate = new();

    public string Path { get; } = path;

    public void Append(string instanceId, int step)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow.Ticks} {Environment.ProcessId} {instanceId} {step}\n");
        lock (gate)
        {
            // One short write per line: a process killed mid-step leaves whole lines behind (a torn one is skipped on reading).
            using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var bytes = System.Text.Encoding.ASCII.GetBytes(line);
            file.Write(bytes);
        }
    }

    public IReadOnlyList<Step> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        var steps = new List<Step>();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(' ');
            if (fields.Length == 4
                && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var ticks)
                && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var pid)
                && int.TryParse(fields[3], CultureInfo.InvariantCulture, out var step))
            {
                steps.Add(new Step(new DateTime(ticks, DateTimeKind.Utc), pid, fields[2], step));
            }
        }

        return steps;
    }

    internal sealed record Step(DateTime At, int ProcessId, string InstanceId, int Index);
}
