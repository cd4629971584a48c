namespace UnionFs.Cli.Commands;

/// <summary>Every command, in the order help lists them.</summary>
internal static class CommandList
{
    public static readonly IReadOnlyList<Command> All =
    [
        new LsCommand(),
        new TreeCommand(),
        new CatCommand(),
        new StatCommand(),
        new DiffCommand(),
        new LayersCommand(),
        new HistoryCommand(),
        new FindCommand(),
        new EfficiencyCommand(),
        new ExportLayerCommand(),
    ];

    /// <summary>The command called <paramref name="name"/>, or null.</summary>
    public static Command? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
