using System.Diagnostics;
using System.Formats.Tar;
using System.Text;

namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// A containerd of the test's own (root, state and socket in a temporary directory; stopped by its process id on
/// <see cref="Dispose"/>), for <c>ctr-remote</c> to convert images to eStargz and zstd:chunked. Needs root; ignored
/// otherwise, or where containerd or ctr-remote is missing (failed with UNIONFS_REQUIRE_TOOLS=1).
/// </summary>
public sealed class PrivateContainerd : IDisposable
{
    private const string Config = """
        version = 2
        disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
        """;

    private readonly string _directory;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrivateContainerd(string directory)
    {
        _directory = directory;
        var config = Path.Combine(directory, "config.toml");
        File.WriteAllText(config, Config);
        Socket = Path.Combine(directory, "sock");
        var start = new ProcessStartInfo("containerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--config", config, "--root", Path.Combine(directory, "root"), "--state", Path.Combine(directory, "state"), "--address", Socket])
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("containerd did not start.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The containerd socket.</summary>
    public string Socket { get; }

    /// <summary>Starts a containerd and waits until it answers.</summary>
    public static PrivateContainerd Start()
    {
        ToolRunner.Require("containerd", "ctr-remote");
        if (!Environment.IsPrivilegedProcess)
        {
            const string reason = "containerd (for ctr-remote) needs root.";
            if (ToolRunner.ToolsRequired) Assert.Fail(reason + " UNIONFS_REQUIRE_TOOLS=1 requires it.");
            Assert.Ignore(reason);
        }
        var containerd = new PrivateContainerd(Directory.CreateTempSubdirectory("unionfs-containerd-").FullName);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (ToolRunner.TryRun("ctr-remote", ["-a", containerd.Socket, "version"], null).ExitCode != 0)
            {
                if (containerd._process.HasExited || DateTime.UtcNow > deadline)
                    throw new InvalidOperationException("containerd did not come up:\n" + containerd.LogText());
                Thread.Sleep(100);
            }
            return containerd;
        }
        catch
        {
            containerd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports the OCI archive <paramref name="archive"/> (one image tagged <paramref name="tag"/>) without unpacking it
    /// (containerd's extractor refuses a layer whose whiteouts lie below a file, as umoci repack writes them).
    /// </summary>
    public void Import(string archive) =>
        ToolRunner.Run("ctr-remote", ["-a", Socket, "images", "import", "--no-unpack", "--base-name", "example.test/img", archive]);

    /// <summary>
    /// Converts the imported image tagged <paramref name="tag"/> with <c>ctr-remote image convert</c> and a flag
    /// (<c>--estargz</c>, <c>--zstdchunked</c>), exports the result and extracts it as an OCI layout directory under
    /// <paramref name="into"/>; returns the directory.
    /// </summary>
    public string Convert(string tag, string flag, string into)
    {
        var source = "example.test/img:" + tag;
        var converted = "example.test/img:" + flag.TrimStart('-');
        ToolRunner.Run("ctr-remote", ["-a", Socket, "image", "convert", flag, "--oci", source, converted]);
        var exported = Path.Combine(into, flag.TrimStart('-') + ".tar");
        ToolRunner.Run("ctr-remote", ["-a", Socket, "images", "export", exported, converted]);
        var layout = Path.Combine(into, flag.TrimStart('-'));
        Directory.CreateDirectory(layout);
        TarFile.ExtractToDirectory(exported, layout, overwriteFiles: false);
        return layout;
    }

    /// <summary>Stops containerd (by its process id) and removes its directory.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A snapshot mount left behind keeps the directory; it lives in the temporary directory.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Append(line).Append('\n');
    }

    private string LogText()
    {
        lock (_log) return _log.ToString();
    }
}
