using System.IO.Abstractions;
using UnionFs.Cli.Output;

namespace UnionFs.Cli.Sources;

/// <summary>The opened layers and the union over them. Disposing it closes the image and the layer tars.</summary>
internal sealed class UnionSource : IDisposable
{
    private readonly List<IDisposable> _owned;

    private UnionSource(UnionFileSystem fs, IReadOnlyList<LayerInfo> layers, List<IDisposable> owned)
    {
        FileSystem = fs;
        Layers = layers;
        _owned = owned;
    }

    /// <summary>The merged view: read-only without an upper.</summary>
    public UnionFileSystem FileSystem { get; }

    /// <summary>Every branch of the union, topmost first (the upper, if any, then the lowers).</summary>
    public IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The branches of <see cref="Layers"/>, topmost first.</summary>
    public IReadOnlyList<IBranch> Branches => [.. Layers.Select(l => l.Branch)];

    /// <summary>The layers for the inspection types of UnionFs.Images (index 0 = the base layer), with their digests.</summary>
    public LayerSet LayerSet => new(Branches, [.. Layers.Select(l => l.Digest)]);

    /// <summary>The layer at <paramref name="index"/> of <see cref="LayerSet"/> (0 = the base layer).</summary>
    public LayerInfo LayerAt(int index) => Layers[Layers.Count - 1 - index];

    /// <summary>True when an upper directory was given.</summary>
    public bool HasUpper => Layers.Count > 0 && Layers[0].IsUpper;

    /// <summary>
    /// Opens what <paramref name="spec"/> names; <paramref name="progress"/> reports each layer tar being indexed,
    /// <paramref name="warn"/> receives doubts about the input that do not stop the command.
    /// </summary>
    /// <exception cref="CliException">A layer, the upper or the image does not exist.</exception>
    public static UnionSource Open(SourceSpec spec, Progress progress, Action<string> warn)
    {
        var owned = new List<IDisposable>();
        try
        {
            var lowers = spec.Image is not null ? OpenImage(spec, progress, owned) : OpenLowers(spec, progress, warn, owned);
            var layers = new List<LayerInfo>(lowers.Count + 1);
            if (spec.Upper is not null)
            {
                if (!Directory.Exists(spec.Upper)) throw CliException.NotFound($"upper '{spec.Upper}' is not an existing directory");
                layers.Add(new LayerInfo(LayerInfo.UpperId, OpenDirectory(spec.Upper, spec.Format), spec.Upper));
            }
            layers.AddRange(lowers);
            return new UnionSource(Mount(layers), layers, owned);
        }
        catch
        {
            DisposeAll(owned);
            throw;
        }
        finally
        {
            progress.Clear();
        }
    }

    /// <summary>Closes the image and the layer tars.</summary>
    public void Dispose() => DisposeAll(_owned);

    private static UnionFileSystem Mount(List<LayerInfo> layers)
    {
        var upper = layers.Count > 0 && layers[0].IsUpper ? layers[0].Branch : null;
        IBranch[] lowers = [.. layers.Where(l => !l.IsUpper).Select(l => l.Branch)];
        if (upper is not null) return new UnionFileSystem(upper, lowers);
        return lowers.Length == 0 ? UnionFileSystem.ReadOnly(new MemoryBranch()) : UnionFileSystem.ReadOnly(lowers);
    }

    private static List<LayerInfo> OpenImage(SourceSpec spec, Progress progress, List<IDisposable> owned)
    {
        var path = spec.Image!;
        var options = new ImageOpenOptions { Platform = spec.Platform, Tag = spec.Tag, VerifyDigests = spec.VerifyDigests };
        ContainerImage image;
        if (ImageReference.HasScheme(path))
        {
            progress.Report($"opening image {path}…");
            image = ContainerImage.OpenRegistry(path, new RegistryOptions
            {
                // The reference chooses the image in a registry; --tag would only filter the one manifest it names.
                Image = options with { Tag = null },
                Username = spec.Credentials?.User,
                Password = spec.Credentials?.Password,
                PlainHttp = spec.PlainHttp,
                Progress = new FetchProgress(progress),
            });
        }
        else
        {
            if (!File.Exists(path) && !Directory.Exists(path)) throw CliException.NotFound($"image '{path}' does not exist");
            progress.Report($"opening image {path}…");
            image = ContainerImage.Open(path, options);
        }
        owned.Add(image);
        var layers = new List<LayerInfo>(image.Layers.Count);
        for (var i = image.Layers.Count - 1; i >= 0; i--)
        {
            var layer = image.Layers[i];
            layers.Add(new LayerInfo(layer.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer.Branch, layer.Path, layer.Branch, layer.Digest));
        }
        return layers;
    }

    private static List<LayerInfo> OpenLowers(SourceSpec spec, Progress progress, Action<string> warn, List<IDisposable> owned)
    {
        var layers = new List<LayerInfo>(spec.Lowers.Count);
        for (var i = 0; i < spec.Lowers.Count; i++)
        {
            var path = spec.Lowers[i];
            var id = (spec.Lowers.Count - 1 - i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Directory.Exists(path))
            {
                layers.Add(new LayerInfo(id, OpenDirectory(path, spec.Format), path));
            }
            else if (File.Exists(path))
            {
                progress.Report($"indexing layer {i + 1}/{spec.Lowers.Count} ({path})…");
                var tar = TarLayerBranch.Open(path);
                owned.Add(tar);
                if (LooksLikeAnImage(tar)) warn($"'{path}' looks like an image archive, not a layer (did you mean --image {path}?)");
                layers.Add(new LayerInfo(id, tar, path, tar));
            }
            else
            {
                throw CliException.NotFound($"lower '{path}' does not exist");
            }
        }
        // Directories a layer tar only implies take the metadata of the directory below, as in an image.
        TarLayerBranch.InheritImpliedDirectories([.. layers.Select(l => l.Branch)]);
        return layers;
    }

    /// <summary>True when a tar's root has what only image archives have: an OCI layout marker or docker save's manifest.</summary>
    private static bool LooksLikeAnImage(TarLayerBranch tar) =>
        tar.Stat("/oci-layout") is not null || (tar.Stat("/manifest.json") is not null && tar.Stat("/etc") is null);

    private static DirectoryBranch OpenDirectory(string path, WhiteoutFormat format) => new(new FileSystem(), Path.GetFullPath(path), format);

    private static void DisposeAll(List<IDisposable> owned)
    {
        for (var i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
        owned.Clear();
    }
}
