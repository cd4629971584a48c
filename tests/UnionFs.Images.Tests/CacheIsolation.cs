// No namespace: this fixture wraps every test of the assembly.
#pragma warning disable CA1050

/// <summary>
/// Points the layer index cache at a scratch directory for the whole test run, so tests (of the images and of the CLI, which links this file) never fill the user's
/// cache (and never find entries a previous run left there).
/// </summary>
[SetUpFixture]
public sealed class CacheIsolation
{
    private string? _directory;

    public static string Directory { get; private set; } = "";

    [OneTimeSetUp]
    public void SetUp()
    {
        _directory = System.IO.Directory.CreateTempSubdirectory("unionfs-test-cache-").FullName;
        Directory = _directory;
        Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", _directory);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", null);
        if (_directory is not null) System.IO.Directory.Delete(_directory, recursive: true);
    }
}
