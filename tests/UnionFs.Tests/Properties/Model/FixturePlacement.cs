namespace UnionFs.Tests.Properties.Model;

/// <summary>Where a model test's starting tree is put.</summary>
public enum FixturePlacement
{
    /// <summary>All in the upper; no lowers.</summary>
    Upper,

    /// <summary>All in one lower; the upper starts empty.</summary>
    OneLower,

    /// <summary>Dealt over three lowers (a name may be in several: the topmost wins, directories merge).</summary>
    ThreeLowers,

    /// <summary>Dealt over the upper and three lowers.</summary>
    UpperAndThreeLowers,

    /// <summary>No union: the merged tree in a temp directory, driven through System.IO, to check the model itself.</summary>
    RealDiskReference,
}
