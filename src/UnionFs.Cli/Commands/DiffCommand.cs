using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs diff</c>: the upper directory's changes, like <c>docker diff</c>; or, with <c>--against</c>, what one image changes relative to another.</summary>
internal sealed class DiffCommand : Command
{
    public override string Name => "diff";

    public override string Arguments => "";

    public override string Summary => "List the upper's changes (or an image's against another) like docker diff.";

    public override string Description =>
        "List what the upper directory (--upper, required) changes in the lower layers, like docker diff:\n" +
        "'A /path' added, 'C /path' changed, 'D /path' deleted, sorted by path. A deleted directory is one line.\n" +
        "With --image A --against B: what image A changes relative to image B (the baseline), both read whole;\n" +
        "a path is changed when its type, content, mode or link target differ (never its time alone), and the\n" +
        "line names why: 'C /etc/hosts (content, mode)'. --platform and --no-verify apply to both, --tag to A.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json, Options.Against];

    public override int MinArguments => 0;

    public override int MaxArguments => 0;

    public override int Execute(CommandContext context)
    {
        if (context.Arguments.Value(Options.Against) is { } against) return CompareImages(context, against);
        if (!context.Arguments.Has(Options.Upper)) throw CliException.Usage("diff needs --upper DIR: the changes are the upper directory's");
        using var source = context.OpenSource();
        var changes = source.FileSystem.GetChanges().OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. changes.Select(c => new ChangeJson(c.Path, KindName(c.Kind)))], CliJsonContext.Output.ChangeJsonArray);
            return ExitCodes.Success;
        }
        foreach (var change in changes) context.Out.WriteLine(change.ToString());
        return ExitCodes.Success;
    }

    /// <summary><c>diff --image A --against B</c>.</summary>
    private static int CompareImages(CommandContext context, string against)
    {
        var args = context.Arguments;
        if (!args.Has(Options.Image)) throw CliException.Usage("--against needs --image: 'diff --image A --against B' compares image A with image B");
        if (args.Has(Options.Upper) || args.Has(Options.Lower))
            throw CliException.Usage("--against compares two images: --upper and --lower do not go with it");
        using var image = context.OpenSource();
        using var baseline = context.OpenBaseline(against);
        context.Progress.Report("comparing images…");
        var changes = ImageDiff.Compare(image.FileSystem, baseline.FileSystem);
        context.Progress.Clear();
        if (context.Json)
        {
            JsonOutput.Write(context.Out, [.. changes.Select(c => new ChangeJson(c.Path, KindName(c.Kind), c.Kind == ChangeKind.Modified ? ReasonNames(c.Reasons) : null))],
                CliJsonContext.Output.ChangeJsonArray);
            return ExitCodes.Success;
        }
        foreach (var change in changes)
        {
            var line = new UnionChange(change.Path, change.Kind).ToString();
            context.Out.WriteLine(change.Kind == ChangeKind.Modified ? $"{line} ({string.Join(", ", ReasonNames(change.Reasons))})" : line);
        }
        return ExitCodes.Success;
    }

    private static List<string> ReasonNames(ChangeReasons reasons)
    {
        var names = new List<string>();
        if (reasons.HasFlag(ChangeReasons.Type)) names.Add("type");
        if (reasons.HasFlag(ChangeReasons.Content)) names.Add("content");
        if (reasons.HasFlag(ChangeReasons.Mode)) names.Add("mode");
        if (reasons.HasFlag(ChangeReasons.LinkTarget)) names.Add("target");
        return names;
    }

    private static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Modified => "changed",
        _ => "deleted",
    };
}
