using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Images.Tests.Registry;

/// <summary>
/// The real CNCF distribution registry (<c>docker-registry serve</c>) on 127.0.0.1 with a port and a storage
/// directory of its own, started for a fixture and stopped by its process id. Images are pushed into it with skopeo.
/// </summary>
public sealed class RegistryServer : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RegistryServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Starts a registry and waits until <c>/v2/</c> answers.</summary>
    public static RegistryServer Start()
    {
        var directory = Directory.CreateTempSubdirectory("unionfs-registry-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "storage")}
            http:
              addr: 127.0.0.1:{port}
            """);
        var start = new ProcessStartInfo("docker-registry")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RegistryServer(process, directory, port);
        try
        {
            server.WaitUntilReady(log);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Pushes an OCI layout's tag into the registry as <c>REPO:TAG</c> with skopeo (extra flags such as <c>--dest-compress-format zstd</c>).</summary>
    public void Push(string layoutReference, string repositoryAndTag, params string[] flags) =>
        ToolRunner.Run("skopeo", ["--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false", .. flags, "oci:" + layoutReference, $"docker://{Host}/{repositoryAndTag}"]);

    /// <summary>Uploads <paramref name="bytes"/> as a blob of <paramref name="repository"/> (a monolithic upload, POST then PUT); returns its digest.</summary>
    public string PushBlob(string repository, byte[] bytes)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        using var http = new HttpClient();
        using var start = http.PostAsync($"http://{Host}/v2/{repository}/blobs/uploads/", null).GetAwaiter().GetResult();
        start.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = start.Headers.Location!;
        if (!location.IsAbsoluteUri) location = new Uri(new Uri($"http://{Host}"), location);
        var separator = location.Query.Length > 0 ? "&" : "?";
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using var put = http.PutAsync(location + separator + "digest=" + Uri.EscapeDataString(digest), content).GetAwaiter().GetResult();
        put.StatusCode.Should().Be(HttpStatusCode.Created);
        return digest;
    }

    /// <summary>Puts a manifest or index document under <c>REPO:TAG</c> (what it refers to must already be in the repository).</summary>
    public void PutManifest(string repository, string tag, string mediaType, byte[] document)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(document);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        using var put = http.PutAsync($"http://{Host}/v2/{repository}/manifests/{tag}", content).GetAwaiter().GetResult();
        put.StatusCode.Should().Be(HttpStatusCode.Created, put.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>The manifest of <c>REPO:TAG</c> as the registry serves it (for the tests' expectations).</summary>
    public byte[] Manifest(string repository, string tag)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Host}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
        request.Headers.Accept.ParseAdd(MediaTypes.DockerManifest);
        using var response = http.Send(request);
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();   // this process only, by its id
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private void WaitUntilReady(System.Text.StringBuilder log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}:\n{log}");
            try
            {
                using var response = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"docker-registry did not answer /v2/ within 30 s:\n{log}");
    }

    /// <summary>A port nobody listens on right now (bound and released; the registry takes it a moment later).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
