using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

/// <summary>Exit codes (1 usage, 2 not found or invalid input, 3 other I/O) and one-line messages without stack traces.</summary>
public sealed class ErrorTests : ImageFixture
{
    private static void ShouldFail(CliResult result, int exitCode, string messagePart)
    {
        result.ExitCode.Should().Be(exitCode, result.ToString());
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("unionfs").And.Contain(messagePart).And.NotContain("   at ").And.NotContain("Exception");
        result.Error.TrimEnd('\n').Should().NotContain("\n", "an error is one line");
    }

    [Test]
    public void UnknownCommand_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("frobnicate", "--image", Image), 1, "unknown command 'frobnicate'");

    [Test]
    public void UnknownOption_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--colour", "--image", Image), 1, "unknown option '--colour'");

    [Test]
    public void OptionOfAnotherCommand_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--gzip", "--image", Image), 1, "'--gzip' does not apply to 'ls'");

    [Test]
    public void JsonOnCat_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("cat", "/etc/motd", "--json", "--image", Image), 1, "'--json' does not apply to 'cat'");

    [Test]
    public void OptionWithoutItsValue_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--lower"), 1, "'--lower' needs a value");

    [Test]
    public void FlagWithAValue_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--json=yes", "--image", Image), 1, "'--json' takes no value");

    [Test]
    public void NoLayers_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "/"), 1, "no layers given");

    [Test]
    public void ImageAndLower_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--image", Image, "--lower", Temp.Path), 1, "--image and --lower cannot be combined");

    [TestCase("--platform", "linux/amd64")]
    [TestCase("--tag", "latest")]
    public void ImageOptionWithoutImage_ShouldBeAUsageError(string option, string value) =>
        ShouldFail(CliRun.Text("ls", option, value, "--lower", Temp.Path), 1, option + " needs --image");

    [Test]
    public void MalformedPlatform_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--image", Image, "--platform", "linux"), 1, "--platform 'linux'");

    [Test]
    public void UnknownFormat_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("ls", "--lower", Temp.Path, "--format", "aufs"), 1, "--format 'aufs' is unknown");

    [TestCase("0")]
    [TestCase("two")]
    public void BadDepth_ShouldBeAUsageError(string depth) =>
        ShouldFail(CliRun.Text("tree", "--image", Image, "--depth", depth), 1, $"--depth '{depth}'");

    [Test]
    public void RepeatedSingleOption_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("diff", "--upper", Temp.Path, "--upper", Temp.Path), 1, "'--upper' is given more than once");

    [Test]
    public void MissingArgument_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("cat", "--image", Image), 1, "missing argument: PATH...");

    [Test]
    public void ExtraArgument_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("stat", "/etc", "/bin", "--image", Image), 1, "unexpected argument '/bin'");

    [Test]
    public void DiffWithoutUpper_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("diff", "--image", Image), 1, "diff needs --upper DIR");

    [Test]
    public void ExportWithoutUpper_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("export-layer", Temp["out.tar"], "--image", Image), 1, "export-layer needs --upper DIR");

    [Test]
    public void ExportWithTwoCompressions_ShouldBeAUsageError() =>
        ShouldFail(CliRun.Text("export-layer", Temp["out.tar"], "--upper", Temp.Path, "--gzip", "--zstd"), 1, "--gzip and --zstd cannot be combined");

    [Test]
    public void UsageError_ShouldPointToTheCommandsHelp() =>
        CliRun.Text("ls", "--colour").Error.Should().Contain("(see 'unionfs ls --help')");

    [TestCase("ls")]
    [TestCase("tree")]
    [TestCase("cat")]
    [TestCase("stat")]
    public void MissingPath_ShouldExitWithNotFound(string command) =>
        ShouldFail(CliRun.Text(command, "/no/such/file", "--image", Image), 2, "'/no/such/file': no such file or directory");

    [Test]
    public void WhitedOutPath_ShouldBeNotFound() =>
        ShouldFail(CliRun.Text("cat", "/etc/conf.d/a.conf", "--image", Image), 2, "no such file or directory");

    [Test]
    public void CatOfADirectory_ShouldExitWithNotFound() =>
        ShouldFail(CliRun.Text("cat", "/etc", "--image", Image), 2, "'/etc' is a directory");

    [Test]
    public void TreeOfAFile_ShouldExitWithNotFound() =>
        ShouldFail(CliRun.Text("tree", "/etc/hosts", "--image", Image), 2, "'/etc/hosts' is not a directory");

    [Test]
    public void MissingImage_ShouldExitWithNotFound() =>
        ShouldFail(CliRun.Text("ls", "--image", Temp["missing.tar"]), 2, "does not exist");

    [Test]
    public void GarbageImage_ShouldExitWithInvalidInput()
    {
        var path = Temp.Write("garbage.tar", [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))]);

        ShouldFail(CliRun.Text("ls", "--image", path), 2, "Invalid");
    }

    [Test]
    public void TarWithoutManifest_ShouldExitWithInvalidInput()
    {
        var path = Temp.Write("plain.tar", new LayerBuilder().File("hello", "world").Build());

        ShouldFail(CliRun.Text("ls", "--image", path), 2, "Invalid image");
    }

    [Test]
    public void PlatformMissingFromTheImage_ShouldExitWithInvalidInput() =>
        ShouldFail(CliRun.Text("ls", "--image", ImageOf(ImageShape.Containerd), "--platform", "linux/s390x"), 2, "s390x");

    [Test]
    public void TagMissingFromTheImage_ShouldExitWithInvalidInput() =>
        ShouldFail(CliRun.Text("ls", "--image", Image, "--tag", "other:2.0"), 2, "other:2.0");

    [Test]
    public void MissingLower_ShouldExitWithNotFound() =>
        ShouldFail(CliRun.Text("ls", "--lower", Temp["nowhere"]), 2, "lower '" + Temp["nowhere"] + "' does not exist");

    [Test]
    public void UpperThatIsAFile_ShouldExitWithNotFound()
    {
        var file = Temp.WriteText("a-file", "x");

        ShouldFail(CliRun.Text("diff", "--upper", file, "--image", Image), 2, "is not an existing directory");
    }

    [Test]
    public void MalformedLayerTar_ShouldExitWithInvalidInput()
    {
        var layer = new LayerBuilder().File("a", "aaaa").Build();
        var path = Temp.Write("truncated.tar", layer[..700]);

        ShouldFail(CliRun.Text("ls", "--lower", path), 2, "truncated.tar");
    }

    [Test]
    public void ExportIntoAMissingDirectory_ShouldExitWithNotFound() =>
        ShouldFail(CliRun.Text("export-layer", Temp["no/dir/out.tar"], "--upper", Temp.CreateDirectory("empty-upper")), 2, "is not an existing directory");

    [TestCase("cat", "/usr/lib/libx.so")]
    [TestCase("export-layer", "-")]
    public void WriteFailure_ShouldExitWithThree(string command, string argument)
    {
        var upper = Temp.CreateDirectory("upper-" + command);
        File.WriteAllText(Path.Combine(upper, "new"), "n");

        var result = CliRun.FailingBinaryOut(command, argument, "--image", Image, "--upper", upper);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().Be($"unionfs {command}: No space left on device\n");
    }

    [TestCase(typeof(IOException), 3)]
    [TestCase(typeof(UnauthorizedAccessException), 3)]
    [TestCase(typeof(NotSupportedException), 3)]
    [TestCase(typeof(FileNotFoundException), 2)]
    [TestCase(typeof(DirectoryNotFoundException), 2)]
    [TestCase(typeof(InvalidImageException), 2)]
    [TestCase(typeof(ArgumentException), 2)]
    public void ExceptionType_ShouldMapToItsExitCode(Type type, int exitCode)
    {
        var exception = (Exception)Activator.CreateInstance(type, "boom")!;

        ErrorReport.ExitCode(exception).Should().Be(exitCode);
        ErrorReport.Line(null, exception).Should().Be("unionfs: boom");
    }

    [Test]
    public void UnexpectedException_ShouldBeReportedAsAnInternalErrorOnOneLine()
    {
        var bug = new InvalidOperationException("bug\nsecond line");

        ErrorReport.ExitCode(bug).Should().Be(3);
        ErrorReport.Line(null, bug).Should().Be("unionfs: internal error (InvalidOperationException): bug second line");
    }
}
