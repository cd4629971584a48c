using UnionFs.Cli.Output;
using UnionFs.Cli.Parsing;

namespace UnionFs.Cli.Commands;

/// <summary><c>unionfs diff</c>: the upper directory's changes, like <c>docker diff</c>.</summary>
internal sealed class DiffCommand : Command
{
    public override string Name => "diff";

    public override string Arguments => "";

    public override string Summary => "List the upper's changes like docker diff (A, C, D lines).";

    public override string Description =>
        "List what the upper directory (--upper, required) changes in the lower layers, like docker diff:\n" +
        "'A /path' added, 'C /path' changed, 'D /path' deleted, sorted by path. A deleted directory is one line.";

    public override IReadOnlyList<OptionSpec> Accepts => [.. Options.Sources, Options.Json];

    public override int MinArguments => 0;

    public override int MaxArguments => 0;

    public override int Execute(CommandContext context)
    {
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

    private static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Modified => "changed",
        _ => "deleted",
    };
}
