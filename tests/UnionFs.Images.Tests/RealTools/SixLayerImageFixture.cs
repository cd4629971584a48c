namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// A test fixture over <see cref="SixLayerImage"/>: the image is built with umoci once per fixture and unpacked
/// once (the oracle); each test that asks for <see cref="Dir"/> gets a scratch directory of its own. Ignored where
/// umoci or skopeo is missing, failed there with UNIONFS_REQUIRE_TOOLS=1.
/// </summary>
[NonParallelizable]
public abstract class SixLayerImageFixture
{
    private string _fixtureDirectory = null!;
    private string? _dir;

    /// <summary>The image umoci built.</summary>
    protected UmociImage Image { get; private set; } = null!;

    /// <summary>The directory <c>umoci unpack</c> of the image wrote its root file system to.</summary>
    protected string Unpacked { get; private set; } = null!;

    /// <summary>A scratch directory for the current test, made on first use and removed after the test.</summary>
    protected string Dir => _dir ??= Directory.CreateTempSubdirectory("unionfs-real-").FullName;

    [OneTimeSetUp]
    public void BuildImage()
    {
        ToolRunner.Require("umoci", "skopeo");
        _fixtureDirectory = Directory.CreateTempSubdirectory("unionfs-umoci-").FullName;
        Image = SixLayerImage.Build(Path.Combine(_fixtureDirectory, "image"));
        Unpacked = Image.Unpack("unpacked");
    }

    [OneTimeTearDown]
    public void RemoveImage()
    {
        if (_fixtureDirectory is not null && Directory.Exists(_fixtureDirectory)) Directory.Delete(_fixtureDirectory, recursive: true);
    }

    [TearDown]
    public void RemoveScratchDirectory()
    {
        if (_dir is not null && Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        _dir = null;
    }
}
