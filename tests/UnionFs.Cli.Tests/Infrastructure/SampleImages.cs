using System.Formats.Tar;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>The shapes an image can be given in.</summary>
public enum ImageShape
{
    /// <summary>docker save of Docker 24 and older: &lt;id&gt;/layer.tar and manifest.json.</summary>
    DockerLegacy,

    /// <summary>docker save of Docker 25 and newer: an OCI layout plus manifest.json, in a tar.</summary>
    DockerOci,

    /// <summary>The containerd exporter: an OCI layout with gzip layers behind a multi-platform index, in a tar.</summary>
    Containerd,

    /// <summary>An OCI image layout directory.</summary>
    OciDirectory,
}

/// <summary>
/// The test image: <see cref="SampleLayers"/> (whiteouts, opaque directories, a whited-out hard link, a long name)
/// plus a fourth layer with a visible hard link, written in each <see cref="ImageShape"/>.
/// </summary>
public static class SampleImages
{
    /// <summary>Layer 3: a new directory with a file and a hard link to it.</summary>
    public static byte[] Links() => new LayerBuilder(TarEntryFormat.Ustar)
        .Dir("usr/bin")
        .File("usr/bin/tool", "tool v1\n", (UnixFileMode)0x1ED)
        .HardLink("usr/bin/tool-link", "usr/bin/tool")
        .Build();

    public static IReadOnlyList<byte[]> Layers() => [.. SampleLayers.All(), Links()];

    /// <summary>Writes the image in <paramref name="shape"/> into <paramref name="directory"/>; returns the path to give to --image.</summary>
    public static string Write(TempDirectory directory, ImageShape shape)
    {
        var layers = Layers();
        switch (shape)
        {
            case ImageShape.DockerLegacy:
                return directory.Write("docker-legacy.tar", ImageBuilder.DockerLegacy(layers));
            case ImageShape.DockerOci:
                return directory.Write("docker-oci.tar", ImageBuilder.DockerOci(layers));
            case ImageShape.Containerd:
                return directory.Write("containerd.tar", ImageBuilder.Containerd(layers));
            default:
                var path = directory.CreateDirectory("oci-layout");
                ImageBuilder.WriteDirectory(path, ImageBuilder.OciLayout(layers, LayerCompression.Gzip, "latest", dockerManifest: false));
                return path;
        }
    }

    /// <summary>The merged tree of <see cref="Layers"/>, as <c>unionfs tree /</c> prints it.</summary>
    public static string Tree => string.Join('\n',
        "/",
        "├── bin",
        "│   └── sh",
        "├── deep",
        "│   └── " + SampleLayers.LongName.Split('/')[1],
        "│       └── file-with-a-long-name.txt",
        "├── etc",
        "│   ├── conf.d",
        "│   │   └── b.conf",
        "│   ├── hosts",
        "│   ├── motd",
        "│   └── passwd",
        "├── home",
        "│   └── user -> /tmp",
        "├── lib -> usr/lib",
        "├── opt",
        "│   └── app",
        "│       └── new.txt",
        "├── tmp",
        "│   └── new",
        "├── usr",
        "│   ├── bin",
        "│   │   ├── tool",
        "│   │   └── tool-link",
        "│   └── lib",
        "│       └── libx.so",
        "└── var",
        "    └── cache",
        "        └── fresh",
        "",
        "14 directories, 14 files",
        "");
}
