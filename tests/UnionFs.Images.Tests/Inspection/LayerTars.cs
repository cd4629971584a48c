namespace UnionFs.Images.Tests.Inspection;

/// <summary>Layer tars (base first) opened as branches and stacked for the inspection types; disposing closes them.</summary>
public sealed class LayerTars : IDisposable
{
    private readonly List<TarLayerBranch> _branches = [];

    public LayerTars(IEnumerable<byte[]> tarsBaseFirst)
    {
        foreach (var tar in tarsBaseFirst) _branches.Add(TarLayerBranch.Open(new MemoryStream(tar)));
        var lowers = Enumerable.Reverse(_branches).Cast<IBranch>().ToList();
        TarLayerBranch.InheritImpliedDirectories(lowers);
        Set = new LayerSet(lowers);
    }

    public LayerTars(params byte[][] tarsBaseFirst)
        : this((IEnumerable<byte[]>)tarsBaseFirst)
    {
    }

    /// <summary>The layers, for the inspection types.</summary>
    public LayerSet Set { get; }

    public void Dispose()
    {
        foreach (var branch in _branches) branch.Dispose();
    }
}
