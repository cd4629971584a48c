using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs export-layer OUT.tar</c>: the upper's changes as an OCI layer tar.</summary>
internal sealed class ExportLayerCommand : Command
{
    public override string Name => "export-layer";

    public override string Arguments => "OUT.tar";

    public override string Summary => "Write the upper's changes as an OCI layer tar.";

    public override string Description =>
        "Write what the upper directory (--upper, required) changes as an OCI image layer to OUT.tar\n" +
        "('-' for standard output): whiteouts as .wh. entries, opaque directories with .wh..wh..opq.\n" +
        "The file appears only when complete. Prints the layer's digests and size.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Gzip, Options.Zstd];

    public override int MinArguments => 1;

    public override int MaxArguments => 1;

    public override int Execute(CommandContext context)
    {
        var args = context.Arguments;
        if (!args.Has(Options.Upper)) throw CliException.Usage("export-layer needs --upper DIR: the layer holds the upper directory's changes");
        if (args.Has(Options.Gzip) && args.Has(Options.Zstd)) throw CliException.Usage("--gzip and --zstd cannot be combined");
        var compression = args.Has(Options.Gzip) ? LayerCompression.Gzip : args.Has(Options.Zstd) ? LayerCompression.Zstd : LayerCompression.None;
        var output = args.Positionals[0];
        using var source = context.OpenSource();
        var options = new LayerExportOptions { Compression = compression };
        if (output == "-")
        {
            LayerExportResult? written = null;
            context.Console.WriteBinary(stream => written = LayerExporter.Export(source.FileSystem, stream, options));
            Report(context.Console.Error, "standard output", written!);
            return ExitCodes.Success;
        }
        Report(context.Out, output, WriteFile(source.FileSystem, Path.GetFullPath(output), options));
        return ExitCodes.Success;
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it into place, so a failure leaves nothing.</summary>
    private static LayerExportResult WriteFile(UnionFileSystem fs, string path, LayerExportOptions options)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory)) throw CliException.NotFound($"'{directory}' is not an existing directory");
        if (Directory.Exists(path)) throw CliException.NotFound($"'{path}' is a directory");
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            LayerExportResult result;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                result = LayerExporter.Export(fs, stream, options);
            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Report(TextWriter writer, string where, LayerExportResult result)
    {
        writer.WriteLine($"wrote {where}: {Text.Number(result.EntryCount)} entries, {Text.Size(result.Size)} ({Text.Number(result.Size)} bytes), {result.MediaType}");
        writer.WriteLine($"  digest:  {result.Digest}");
        if (result.DiffId != result.Digest) writer.WriteLine($"  diff id: {result.DiffId}");
    }
}
