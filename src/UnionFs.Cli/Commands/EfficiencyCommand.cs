using System.Globalization;
using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;
using UnionFs.Cli.Sources;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs efficiency</c>: the bytes the image ships that no container can see, and a score; CI thresholds.</summary>
internal sealed class EfficiencyCommand : Command
{
    /// <summary>How many paths the text output lists (the JSON lists all).</summary>
    private const int ListedPaths = 20;

    private static readonly string[] LayerHeader = ["LAYER", "DIGEST", "FILE BYTES", "WASTED BYTES", "WASTED FILES"];

    private static readonly string[] PathHeader = ["WASTED BYTES", "LAYERS", "PATH"];

    public override string Name => "efficiency";

    public override string Arguments => "";

    public override string Summary => "Show the bytes the layers ship that no container can see, and a score.";

    public override string Description =>
        "Wasted bytes are the total size of every file version that a later layer overwrites, deletes or hides\n" +
        "under an opaque directory: bytes the image ships that no container can see (the visible copy never\n" +
        "counts, unlike dive). The score is 1 - wasted / all file bytes the layers ship. Shows the totals, each\n" +
        "layer's share and the largest wasted paths. With a threshold option, exits with 4 when it is exceeded.";

    public override IReadOnlyList<OptionSpec> Accepts =>
        [.. Options.Sources, Options.Json, Options.MaxWastedBytes, Options.MaxWastedPercent, Options.MinEfficiency];

    public override int MinArguments => 0;

    public override int MaxArguments => 0;

    public override int Execute(CommandContext context)
    {
        var args = context.Arguments;
        var maxBytes = ParseNumber(args.Value(Options.MaxWastedBytes), Options.MaxWastedBytes, 0, long.MaxValue, integer: true);
        var maxPercent = ParseNumber(args.Value(Options.MaxWastedPercent), Options.MaxWastedPercent, 0, 100, integer: false);
        var minScore = ParseNumber(args.Value(Options.MinEfficiency), Options.MinEfficiency, 0, 1, integer: false);
        using var source = context.OpenSource();
        context.Progress.Report("analysing layers…");
        var report = ImageEfficiency.Analyse(source.LayerSet);
        context.Progress.Clear();

        var exceeded = new List<string>();
        var messages = new List<string>();
        if (maxBytes is { } bytes && report.WastedBytes > bytes)
            Fail(Options.MaxWastedBytes, $"{Text.Number(report.WastedBytes)} wasted bytes exceed --max-wasted-bytes {Text.Number((long)bytes)}");
        if (maxPercent is { } percent && report.WastedPercent > percent)
            Fail(Options.MaxWastedPercent, $"{Percent(report.WastedPercent)} % wasted exceeds --max-wasted-percent {Invariant(percent)}");
        if (minScore is { } score && report.Score < score)
            Fail(Options.MinEfficiency, $"efficiency {Score(report.Score)} is below --min-efficiency {Invariant(score)}");

        if (context.Json) JsonOutput.Write(context.Out, ToJson(source, report, exceeded), CliJsonContext.Output.EfficiencyJson);
        else Write(context.Out, source, report);
        foreach (var message in messages) context.Console.Error.WriteLine("unionfs efficiency: " + message);
        return exceeded.Count == 0 ? ExitCodes.Success : ExitCodes.ThresholdExceeded;

        void Fail(OptionSpec option, string message)
        {
            exceeded.Add(option.Name);
            messages.Add(message);
        }
    }

    private static EfficiencyJson ToJson(UnionSource source, EfficiencyReport report, List<string> exceeded) => new(
        report.FileBytes, report.WastedBytes, Math.Round(report.WastedPercent, 4), Math.Round(report.Score, 6),
        [.. report.Layers.Select(l => new LayerEfficiencyJson(source.LayerAt(l.LayerIndex).Id, source.LayerAt(l.LayerIndex).BlobDigest,
            l.FileBytes, l.WastedBytes, l.WastedFiles))],
        [.. report.Paths.Select(p => new WastedPathJson(p.Path, p.WastedBytes, [.. p.Layers.Select(i => source.LayerAt(i).Id)]))],
        [.. report.Files.Select(f => new WastedFileJson(f.Path, source.LayerAt(f.LayerIndex).Id, f.Size, source.LayerAt(f.HiddenBy).Id, ReasonName(f.Reason)))],
        exceeded);

    private static void Write(TextWriter output, UnionSource source, EfficiencyReport report)
    {
        output.WriteLine($"file bytes:  {Text.Size(report.FileBytes)} ({Text.Number(report.FileBytes)} bytes)");
        output.WriteLine($"wasted:      {Text.Size(report.WastedBytes)} ({Text.Number(report.WastedBytes)} bytes, {Percent(report.WastedPercent)} %)");
        output.WriteLine($"efficiency:  {Score(report.Score)}");
        output.WriteLine();
        var layers = new List<string[]> { LayerHeader };
        foreach (var layer in report.Layers)
        {
            var info = source.LayerAt(layer.LayerIndex);
            layers.Add([info.Id, Text.ShortDigest(info.BlobDigest), Text.Number(layer.FileBytes), Text.Number(layer.WastedBytes), Text.Number(layer.WastedFiles)]);
        }
        Text.Table(output, layers);
        if (report.Paths.Count == 0) return;
        output.WriteLine();
        var paths = new List<string[]> { PathHeader };
        foreach (var path in report.Paths.Take(ListedPaths))
            paths.Add([Text.Number(path.WastedBytes), string.Join(',', path.Layers.Select(i => source.LayerAt(i).Id)), path.Path]);
        Text.Table(output, paths);
        if (report.Paths.Count > ListedPaths)
            output.WriteLine($"… and {Text.Number(report.Paths.Count - ListedPaths)} more paths (--json lists all)");
    }

    private static string ReasonName(WasteReason reason) => reason switch
    {
        WasteReason.Overwritten => "overwritten",
        WasteReason.Deleted => "deleted",
        _ => "opaque",
    };

    private static string Percent(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static double? ParseNumber(string? text, OptionSpec option, double min, double max, bool integer)
    {
        if (text is null) return null;
        var styles = integer ? NumberStyles.None : NumberStyles.AllowDecimalPoint;
        if (double.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        var what = integer ? "a whole number of bytes" : $"a number from {Invariant(min)} to {Invariant(max)}";
        throw CliException.Usage($"{option.Name} '{text}' is not {what}");
    }
}
