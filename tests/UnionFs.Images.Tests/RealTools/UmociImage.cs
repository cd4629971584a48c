using System.Text.Json.Nodes;

namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// A small real image built with umoci in a directory of the test's own: an OCI layout with one tag, a
/// bundle whose rootfs is edited and repacked into layers, inserted layers, <c>umoci unpack</c> of the result
/// (the reference) and skopeo conversions to other shapes. Every file lives under <see cref="Directory"/>.
/// </summary>
public sealed class UmociImage
{
    public const string Tag = "t";

    public UmociImage(string directory)
    {
        Directory = directory;
        Layout = Path.Combine(directory, "oci");
        Bundle = Path.Combine(directory, "bundle");
    }

    /// <summary>The directory everything is built in.</summary>
    public string Directory { get; }

    /// <summary>The OCI image layout umoci writes (gzip layers).</summary>
    public string Layout { get; }

    /// <summary>The bundle whose <see cref="RootFs"/> is edited and repacked.</summary>
    public string Bundle { get; }

    public string RootFs => Path.Combine(Bundle, "rootfs");

    private string Reference => Layout + ":" + Tag;

    /// <summary>umoci needs --rootless when not run as root.</summary>
    private static string[] Rootless => Environment.IsPrivilegedProcess ? [] : ["--rootless"];

    /// <summary><c>umoci init</c>, <c>umoci new</c> and an unpack into the bundle: an empty image to fill.</summary>
    public UmociImage Init()
    {
        ToolRunner.Run("umoci", ["init", "--layout", Layout]);
        ToolRunner.Run("umoci", ["new", "--image", Reference]);
        ToolRunner.Run("umoci", ["unpack", .. Rootless, "--image", Reference, Bundle]);
        return this;
    }

    /// <summary>Writes a file into the bundle's rootfs (creating its directories) with <paramref name="mode"/>.</summary>
    public UmociImage Write(string path, string content, UnixFileMode mode = (UnixFileMode)0x1A4)
    {
        var full = InRootFs(path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetUnixFileMode(full, mode);
        return this;
    }

    public UmociImage Mkdir(string path, UnixFileMode mode)
    {
        var full = InRootFs(path);
        System.IO.Directory.CreateDirectory(full);
        File.SetUnixFileMode(full, mode);
        return this;
    }

    public UmociImage Chmod(string path, UnixFileMode mode)
    {
        File.SetUnixFileMode(InRootFs(path), mode);
        return this;
    }

    public UmociImage Symlink(string path, string target)
    {
        File.CreateSymbolicLink(InRootFs(path), target);
        return this;
    }

    public UmociImage HardLink(string path, string target)
    {
        ToolRunner.Run("ln", [InRootFs(target), InRootFs(path)]);
        return this;
    }

    public UmociImage Delete(string path)
    {
        var full = InRootFs(path);
        if (System.IO.Directory.Exists(full) && new DirectoryInfo(full).LinkTarget is null) System.IO.Directory.Delete(full, recursive: true);
        else File.Delete(full);
        return this;
    }

    /// <summary><c>umoci repack --refresh-bundle</c>: the bundle's changes since the last repack become a layer.</summary>
    public UmociImage Repack()
    {
        ToolRunner.Run("umoci", ["repack", "--refresh-bundle", "--image", Reference, Bundle]);
        return this;
    }

    /// <summary><c>umoci insert SOURCE TARGET</c> (a layer with only that file or tree; no tar padding at its end).</summary>
    public UmociImage Insert(string source, string target, bool opaque = false)
    {
        string[] flags = opaque ? ["--opaque"] : [];
        ToolRunner.Run("umoci", ["insert", .. Rootless, .. flags, "--image", Reference, source, target]);
        return this;
    }

    /// <summary><c>umoci insert --whiteout TARGET</c>: a layer with only <c>.wh.</c> of the target, no parent entries.</summary>
    public UmociImage InsertWhiteout(string target)
    {
        ToolRunner.Run("umoci", ["insert", .. Rootless, "--whiteout", "--image", Reference, target]);
        return this;
    }

    /// <summary><c>umoci unpack</c> of the image into <paramref name="name"/> under <see cref="Directory"/>; returns its rootfs.</summary>
    public string Unpack(string name)
    {
        var bundle = Path.Combine(Directory, name);
        ToolRunner.Run("umoci", ["unpack", .. Rootless, "--image", Reference, bundle]);
        return Path.Combine(bundle, "rootfs");
    }

    /// <summary>The image's manifest as umoci wrote it.</summary>
    public JsonObject Manifest()
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(Layout, "index.json")))!;
        var digest = (string)index["manifests"]![0]!["digest"]!;
        return JsonNode.Parse(File.ReadAllText(Blob(digest)))!.AsObject();
    }

    /// <summary>The rootfs.diff_ids of the image's config.</summary>
    public IReadOnlyList<string> DiffIds()
    {
        var config = JsonNode.Parse(File.ReadAllText(Blob((string)Manifest()["config"]!["digest"]!)))!;
        return [.. config["rootfs"]!["diff_ids"]!.AsArray().Select(d => (string)d!)];
    }

    /// <summary>The uncompressed tar of each layer, base first, decompressed with gzip here (umoci writes gzip).</summary>
    public IReadOnlyList<byte[]> LayerTars()
    {
        var tars = new List<byte[]>();
        foreach (var layer in Manifest()["layers"]!.AsArray())
        {
            using var file = File.OpenRead(Blob((string)layer!["digest"]!));
            using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            tars.Add(buffer.ToArray());
        }
        return tars;
    }

    /// <summary><c>skopeo copy</c> of the image to <paramref name="destination"/> (<c>oci-archive:F</c>, <c>docker-archive:F:name:tag</c>, <c>oci:DIR:tag</c>).</summary>
    public void Copy(string destination, params string[] flags) =>
        ToolRunner.Run("skopeo", ["--insecure-policy", "copy", "--quiet", .. flags, "oci:" + Reference, destination]);

    private string Blob(string digest) => Path.Combine(Layout, "blobs", "sha256", digest["sha256:".Length..]);

    private string InRootFs(string path) => Path.Combine(RootFs, path.TrimStart('/'));
}
