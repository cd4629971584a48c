namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>A fixture with the sample image written once in every shape into a temporary directory.</summary>
public abstract class ImageFixture
{
    private readonly Dictionary<ImageShape, string> _images = [];

    protected TempDirectory Temp { get; private set; } = null!;

    /// <summary>The Docker 24 archive (the default shape of tests that need only one).</summary>
    protected string Image => ImageOf(ImageShape.DockerLegacy);

    [OneTimeSetUp]
    public void WriteImages()
    {
        Temp = new TempDirectory();
        foreach (var shape in Enum.GetValues<ImageShape>()) _images[shape] = SampleImages.Write(Temp, shape);
    }

    [OneTimeTearDown]
    public void RemoveImages() => Temp.Dispose();

    protected string ImageOf(ImageShape shape) => _images[shape];
}
