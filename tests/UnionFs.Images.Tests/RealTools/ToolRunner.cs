using System.Diagnostics;
using System.Text;

namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// Runs the real image tools (umoci, skopeo) with a timeout, capturing standard output and standard error.
/// A missing tool ignores the test with the reason, unless UNIONFS_REQUIRE_TOOLS=1 makes that a failure (CI
/// installs the tools and sets it, so a broken install can never pass as skipped tests).
/// </summary>
public static class ToolRunner
{
    /// <summary>How long one tool run may take before it is killed and the test fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string?> Found = new(StringComparer.Ordinal);

    /// <summary>True when UNIONFS_REQUIRE_TOOLS=1: a missing tool fails the test instead of ignoring it.</summary>
    public static bool ToolsRequired => Environment.GetEnvironmentVariable("UNIONFS_REQUIRE_TOOLS") == "1";

    /// <summary>Ignores the test (or fails it, with UNIONFS_REQUIRE_TOOLS=1) unless every tool is on PATH and answers --version.</summary>
    public static void Require(params string[] tools)
    {
        foreach (var tool in tools)
        {
            if (Version(tool) is not null) continue;
            var reason = $"'{tool}' is not installed (apt-get install -y {tool}); the real-producer tests need it.";
            if (!OperatingSystem.IsLinux()) reason = $"'{tool}' runs on Linux only; the real-producer tests need it.";
            if (ToolsRequired) Assert.Fail(reason + " UNIONFS_REQUIRE_TOOLS=1 requires it.");
            Assert.Ignore(reason);
        }
    }

    /// <summary>The first line of <c>TOOL --version</c>, or null when the tool cannot be run.</summary>
    public static string? Version(string tool)
    {
        lock (Found)
        {
            if (Found.TryGetValue(tool, out var known)) return known;
            string? version = null;
            try
            {
                var result = TryRun(tool, ["--version"], workingDirectory: null);
                if (result.ExitCode == 0) version = result.Out.Split('\n')[0].Trim();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not on PATH
            }
            Found[tool] = version;
            return version;
        }
    }

    /// <summary>Runs <paramref name="tool"/>; a non-zero exit or a timeout fails with the command line and its standard error.</summary>
    public static string Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var args = arguments.ToArray();
        var result = TryRun(tool, args, workingDirectory);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {result.ExitCode}:\n{result.Error}{result.Out}");
        return result.Out;
    }

    /// <summary>Runs <paramref name="tool"/> and returns what it did; a timeout kills it and throws <see cref="TimeoutException"/>.</summary>
    public static ToolResult TryRun(string tool, IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.Append(e.Data).Append('\n'); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s:\n{error}");
        }
        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.ToString(), error.ToString());
    }
}
